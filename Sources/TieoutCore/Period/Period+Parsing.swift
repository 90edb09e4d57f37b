/// Why a text is not a date or period.
public struct DateSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let text: String
    public let reason: String
    /// The reason in Chinese, when known.
    public var reasonZh: String?

    public init(text: String, reason: String, reasonZh: String? = nil) {
        self.text = text
        self.reason = reason
        self.reasonZh = reasonZh
    }

    public var message: String { "\"\(text)\" is not a valid date: \(reason)" }
    public var help: String {
        "Write dates as 2024-03-05, 2024/3/5, 20240305 or 2024年3月5日; correct the value in the export."
    }
    public var description: String { message }

    /// The same text and reason (the reason's Chinese follows from it).
    public static func == (a: DateSyntaxError, b: DateSyntaxError) -> Bool { a.text == b.text && a.reason == b.reason }
}

extension DateSyntaxError: Bilingual {
    /// ``message`` in a language; the reason in Chinese when the scanner gave one.
    public func text(english: Bool) -> String {
        Catalog.text("error.date.message", english: english, ["text": text, "reason": english ? reason : (reasonZh ?? reason)])
    }
}

extension CalendarDate {
    /// Reads the date forms exports use: `2024-03-05`, `2024/3/5`, `2024.3.5`,
    /// `20240305`, `2024年3月5日`, each optionally followed by a time of day
    /// (`2024-03-05 14:30:00`), which is checked and dropped.
    ///
    /// ```swift
    /// try CalendarDate.parse("2024/3/5")    // 2024-03-05
    /// try CalendarDate.parse("2024-02-30")  // throws: day 30 is not in 2024-02
    /// ```
    public static func parse(_ text: some StringProtocol) throws(DateSyntaxError) -> CalendarDate {
        var s = String(text)
        let r = s.withUTF8 { DateScanner.scanDate($0) }
        switch r {
        case .success(let d): return d
        case .failure(let reason): throw DateSyntaxError(text: String(text), reason: reason.text, reasonZh: reason.textZh)
        }
    }

    /// ``parse(_:)`` over UTF-8 bytes, for readers' hot paths; nil when blank.
    @inlinable
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(DateSyntaxError) -> CalendarDate? {
        switch DateScanner.scanDate(bytes) {
        case .success(let d): return d
        case .failure(.blank): return nil
        case .failure(let reason):
            throw DateSyntaxError(text: String(decoding: bytes, as: UTF8.self), reason: reason.text, reasonZh: reason.textZh)
        }
    }
}

extension Period {
    /// Reads a period: a year (`2024`, `2024年`), a quarter (`2024Q1`, `2024-Q1`,
    /// `2024年第1季度`, `2024年一季度`), a month (`2024-03`, `2024/3`, `202403`,
    /// `2024年3月`) or any date form ``CalendarDate/parse(_:)`` reads.
    public static func parse(_ text: some StringProtocol) throws(DateSyntaxError) -> Period {
        let t = String(text).trimmingSpaces()
        let u = Array(t.unicodeScalars)
        func number(_ s: ArraySlice<Unicode.Scalar>) -> Int? {
            guard !s.isEmpty, s.count <= 4, s.allSatisfy({ $0.value >= 48 && $0.value <= 57 }) else { return nil }
            return Int(String(String.UnicodeScalarView(s)))
        }
        let bad = { (key: String, args: [String: any CustomStringConvertible]) in
            DateSyntaxError(text: String(text), reason: Catalog.text(key, english: true, args), reasonZh: Catalog.text(key, english: false, args)) }
        guard u.count >= 4, let year = number(u[0..<4]), year >= 1 else {
            throw bad("error.date.no-year", [:])
        }
        var rest = Array(u[4...])
        if rest.isEmpty { return .year(year) }
        if rest == ["年"] { return .year(year) }
        if rest.first == "年" { rest.removeFirst() }
        let restText = String(String.UnicodeScalarView(rest))
        // Quarters.
        let quarterForms: [(String, Int)] = [("Q1", 1), ("Q2", 2), ("Q3", 3), ("Q4", 4),
            ("-Q1", 1), ("-Q2", 2), ("-Q3", 3), ("-Q4", 4),
            ("第1季度", 1), ("第2季度", 2), ("第3季度", 3), ("第4季度", 4),
            ("第一季度", 1), ("第二季度", 2), ("第三季度", 3), ("第四季度", 4),
            ("一季度", 1), ("二季度", 2), ("三季度", 3), ("四季度", 4)]
        for (form, q) in quarterForms where restText.uppercased() == form { return .quarter(year, q) }
        // Months: -03, /3, 03 (as 202403), 3月.
        var monthText = restText
        if monthText.hasSuffix("月") { monthText.removeLast() }
        else if monthText.first == "-" || monthText.first == "/" || monthText.first == "." { monthText.removeFirst() }
        else if !(restText.count == 2 && u.count == 6) { monthText = "" }
        if let m = Int(monthText), !monthText.isEmpty, monthText.count <= 2, monthText.allSatisfy(\.isASCII) {
            guard (1...12).contains(m) else { throw bad("error.date.month", ["month": m]) }
            return .month(year, m)
        }
        return .day(try CalendarDate.parse(t))
    }
}

@usableFromInline
enum DateScanner {
    @usableFromInline
    enum Failure: Error {
        case blank, shape, month(Int), day(Int, Int, Int), time
        @usableFromInline var text: String { text(english: true) }
        @usableFromInline var textZh: String { text(english: false) }
        func text(english: Bool) -> String {
            switch self {
            case .blank: Catalog.text("error.date.blank", english: english)
            case .shape: Catalog.text("error.date.shape", english: english)
            case .month(let m): Catalog.text("error.date.month", english: english, ["month": m])
            case .day(let y, let m, let d): Catalog.text("error.date.day", english: english, ["day": d, "month": Period.month(y, m)])
            case .time: Catalog.text("error.date.time", english: english)
            }
        }
    }

    @usableFromInline
    static func scanDate(_ b: UnsafeBufferPointer<UInt8>) -> Result<CalendarDate, Failure> {
        var i = 0, end = b.count
        while i < end && (b[i] == 0x20 || b[i] == 0x09) { i += 1 }
        while end > i && (b[end - 1] == 0x20 || b[end - 1] == 0x09) { end -= 1 }
        if i == end { return .failure(.blank) }

        func digits(_ i: inout Int, max: Int) -> (value: Int, count: Int) {
            var v = 0, n = 0
            while i < end && n < max && b[i] &- 0x30 < 10 { v = v * 10 + Int(b[i] &- 0x30); i += 1; n += 1 }
            return (v, n)
        }
        let (year, ny) = digits(&i, max: 8)
        var y = year, m = 0, d = 0
        if ny == 8 {                       // 20240305
            y = year / 10000; m = (year / 100) % 100; d = year % 100
        } else if ny == 4 && i < end {
            // Separator: - / . or 年 (E5 B9 B4)
            let sep: UInt8
            if b[i] == 0x2D || b[i] == 0x2F || b[i] == 0x2E { sep = b[i]; i += 1 }
            else if i + 2 < end && b[i] == 0xE5 && b[i + 1] == 0xB9 && b[i + 2] == 0xB4 { sep = 0; i += 3 }
            else { return .failure(.shape) }
            let (mm, nm) = digits(&i, max: 2)
            if nm == 0 { return .failure(.shape) }
            m = mm
            if sep == 0 { // 月 E6 9C 88
                guard i + 2 < end, b[i] == 0xE6, b[i + 1] == 0x9C, b[i + 2] == 0x88 else { return .failure(.shape) }
                i += 3
            } else {
                guard i < end, b[i] == sep else { return .failure(.shape) }
                i += 1
            }
            let (dd, nd) = digits(&i, max: 2)
            if nd == 0 { return .failure(.shape) }
            d = dd
            if sep == 0 { // 日 E6 97 A5 (optional 号 E5 8F B7)
                if i + 2 < end && b[i] == 0xE6 && b[i + 1] == 0x97 && b[i + 2] == 0xA5 { i += 3 }
                else if i + 2 < end && b[i] == 0xE5 && b[i + 1] == 0x8F && b[i + 2] == 0xB7 { i += 3 }
            }
        } else {
            return .failure(.shape)
        }
        // Optional time of day: [ T]HH:MM[:SS[.fff]]
        if i < end {
            guard b[i] == 0x20 || b[i] == 0x54 else { return .failure(.shape) }
            while i < end && (b[i] == 0x20 || b[i] == 0x54) { i += 1 }
            let (hh, nh) = digits(&i, max: 2)
            guard nh >= 1, hh < 24, i < end, b[i] == 0x3A else { return .failure(.time) }
            i += 1
            let (mi, nmi) = digits(&i, max: 2)
            guard nmi == 2, mi < 60 else { return .failure(.time) }
            if i < end && b[i] == 0x3A {
                i += 1
                let (ss, ns) = digits(&i, max: 2)
                guard ns == 2, ss < 60 else { return .failure(.time) }
                if i < end && b[i] == 0x2E {
                    i += 1
                    let (_, nf) = digits(&i, max: 9)
                    guard nf > 0 else { return .failure(.time) }
                }
            }
            if i != end { return .failure(.time) }
        }
        guard (1...12).contains(m) else { return .failure(.month(m)) }
        guard let date = CalendarDate(year: y, month: m, day: d) else {
            return y >= 1 ? .failure(.day(y, m, d)) : .failure(.shape)
        }
        return .success(date)
    }
}
