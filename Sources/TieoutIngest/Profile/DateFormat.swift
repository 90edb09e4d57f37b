import TieoutCore

/// A date format a profile declares: `yyyy`, `MM`/`M`, `dd`/`d` and literal
/// characters (`yyyy-MM-dd`, `yyyy年M月d日`, `dd/MM/yyyy`, `yyyyMMdd`).
/// `MM` and `dd` take exactly two digits; `M` and `d` one or two.
///
/// ```swift
/// DateFormat("dd/MM/yyyy")!.parse("05/03/2024")   // 2024-03-05
/// ```
public struct DateFormat: Sendable, Equatable {
    enum Token: Sendable, Equatable {
        case year, month(exact: Bool), day(exact: Bool), literal(Character)
    }
    let tokens: [Token]

    public init?(_ pattern: String) {
        var tokens: [Token] = []
        var chars = Array(pattern)[...]
        var seen = Set<String>()
        while let c = chars.first {
            if chars.starts(with: "yyyy") { tokens.append(.year); chars.removeFirst(4); seen.insert("y") }
            else if chars.starts(with: "MM") { tokens.append(.month(exact: true)); chars.removeFirst(2); seen.insert("M") }
            else if c == "M" { tokens.append(.month(exact: false)); chars.removeFirst(); seen.insert("M") }
            else if chars.starts(with: "dd") { tokens.append(.day(exact: true)); chars.removeFirst(2); seen.insert("d") }
            else if c == "d" { tokens.append(.day(exact: false)); chars.removeFirst(); seen.insert("d") }
            else if c == "y" { return nil }
            else { tokens.append(.literal(c)); chars.removeFirst() }
        }
        guard seen == ["y", "M", "d"] else { return nil }
        self.tokens = tokens
    }

    /// The date, or nil when the text does not have this form or is no calendar date.
    public func parse(_ text: String) -> CalendarDate? {
        var s = Array(text)[...]
        var year = 0, month = 0, day = 0
        func digits(_ min: Int, _ max: Int) -> Int? {
            var n = 0, count = 0
            while count < max, let c = s.first, let d = c.wholeNumberValue, c.isASCII {
                n = n * 10 + d; count += 1; s.removeFirst()
            }
            return count >= min ? n : nil
        }
        for t in tokens {
            switch t {
            case .year: guard let v = digits(4, 4) else { return nil }; year = v
            case .month(let exact): guard let v = digits(exact ? 2 : 1, 2) else { return nil }; month = v
            case .day(let exact): guard let v = digits(exact ? 2 : 1, 2) else { return nil }; day = v
            case .literal(let c): guard s.first == c else { return nil }; s.removeFirst()
            }
        }
        guard s.isEmpty else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }
}
