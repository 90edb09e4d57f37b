/// A reporting period: a year, a quarter, a month or a day.
///
/// ```swift
/// try Period.parse("2024Q3")          // .quarter(2024, 3)
/// try Period.parse("2024-03")         // .month(2024, 3)
/// Period.quarter(2024, 3).lastDay     // 2024-09-30
/// ```
public enum Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    case year(Int)
    case quarter(Int, Int)
    case month(Int, Int)
    case day(CalendarDate)

    /// The size of a period, for bucketing dates.
    public enum Granularity: String, Sendable, CaseIterable, Codable {
        case year, quarter, month, day
    }

    public var granularity: Granularity {
        switch self {
        case .year: .year
        case .quarter: .quarter
        case .month: .month
        case .day: .day
        }
    }

    /// `2024`, `2024Q1`, `2024-03`, `2024-03-05`.
    public var description: String {
        switch self {
        case .year(let y): "\(y)"
        case .quarter(let y, let q): "\(y)Q\(q)"
        case .month(let y, let m): m < 10 ? "\(y)-0\(m)" : "\(y)-\(m)"
        case .day(let d): d.description
        }
    }

    public var firstDay: CalendarDate {
        switch self {
        case .year(let y): CalendarDate(year: y, month: 1, day: 1)!
        case .quarter(let y, let q): CalendarDate(year: y, month: q * 3 - 2, day: 1)!
        case .month(let y, let m): CalendarDate(year: y, month: m, day: 1)!
        case .day(let d): d
        }
    }

    public var lastDay: CalendarDate {
        switch self {
        case .year(let y): CalendarDate(year: y, month: 12, day: 31)!
        case .quarter(let y, let q): CalendarDate(year: y, month: q * 3, day: CalendarDate.daysIn(month: q * 3, year: y))!
        case .month(let y, let m): CalendarDate(year: y, month: m, day: CalendarDate.daysIn(month: m, year: y))!
        case .day(let d): d
        }
    }

    /// True when `date` falls within the period.
    public func contains(_ date: CalendarDate) -> Bool {
        firstDay <= date && date <= lastDay
    }

    public static func < (a: Period, b: Period) -> Bool {
        (a.firstDay, a.lastDay) < (b.firstDay, b.lastDay)
    }
}
