/// A calendar day (proleptic Gregorian, no time zone), as ledgers date payments.
///
/// ```swift
/// let d = try CalendarDate.parse("2024年3月5日")   // 2024-03-05
/// d.quarter                                      // 1
/// d.period(.quarter)                             // 2024Q1
/// ```
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid date; nil for 2024-02-30 and the like.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// 1 to 4.
    public var quarter: Int { (month - 1) / 3 + 1 }

    /// ISO 8601: `2024-03-05`.
    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// The period of the given granularity that contains this day.
    public func period(_ granularity: Period.Granularity) -> Period {
        switch granularity {
        case .year: .year(year)
        case .quarter: .quarter(year, quarter)
        case .month: .month(year, month)
        case .day: .day(self)
        }
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The day `days` after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        do { self = try CalendarDate.parse(text) } catch {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: error.message)
        }
    }
}

extension CalendarDate {
    /// Appends ``description``'s text (`2024-03-05`) to `out` without making a String.
    public func appendISOText(to out: inout [UInt8]) {
        if year >= 1000 && year <= 9999 {
            out.append(UInt8(truncatingIfNeeded: year / 1000) &+ 0x30)
            out.append(UInt8(truncatingIfNeeded: year / 100 % 10) &+ 0x30)
            out.append(UInt8(truncatingIfNeeded: year / 10 % 10) &+ 0x30)
            out.append(UInt8(truncatingIfNeeded: year % 10) &+ 0x30)
        } else {
            out.append(contentsOf: String(year).utf8)
        }
        out.append(UInt8(ascii: "-"))
        out.append(UInt8(truncatingIfNeeded: month / 10) &+ 0x30)
        out.append(UInt8(truncatingIfNeeded: month % 10) &+ 0x30)
        out.append(UInt8(ascii: "-"))
        out.append(UInt8(truncatingIfNeeded: day / 10) &+ 0x30)
        out.append(UInt8(truncatingIfNeeded: day % 10) &+ 0x30)
    }
}
