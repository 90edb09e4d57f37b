import TieoutCore

/// The days a dated kind's records may carry in a fiscal year: the year itself, widened by the
/// months its kind allows before and after (`date_margin:` in the kind's YAML; a budget line
/// may be issued in December of the year before). A record dated outside is rejected with
/// its place; ledgers mostly dated outside mean the workspace's `fiscal_year` is wrong
/// (``DatasetStore/checkFiscalYear(_:)``, docs/dataset.md).
///
/// ```swift
/// let w = DateWindow(fiscalYear: 2024, monthsBefore: 1, monthsAfter: 0)
/// w.first   // 2023-12-01
/// w.last    // 2024-12-31
/// ```
public struct DateWindow: Sendable, Equatable, CustomStringConvertible {
    public var fiscalYear: Int
    public var first: CalendarDate
    public var last: CalendarDate

    public init(fiscalYear: Int, monthsBefore: Int = 0, monthsAfter: Int = 0) {
        self.fiscalYear = fiscalYear
        let start = fiscalYear * 12 - monthsBefore            // months since year 0, January = 0
        first = CalendarDate(year: start / 12, month: start % 12 + 1, day: 1)!
        let end = fiscalYear * 12 + 11 + monthsAfter
        last = CalendarDate(year: end / 12, month: end % 12 + 1, day: CalendarDate.daysIn(month: end % 12 + 1, year: end / 12))!
    }

    public func contains(_ date: CalendarDate) -> Bool { first <= date && date <= last }

    /// `fiscal year 2024 (2023-12-01 to 2024-12-31)`.
    public var description: String { "fiscal year \(fiscalYear) (\(first) to \(last))" }
}

/// Months before and after the fiscal year a kind's records may be dated (`date_margin:
/// { before: 1 }`), or any date at all (`date_margin: any`: a register whose records span
/// years, such as contracts signed over several, which figures filter by date).
public struct DateMargin: Sendable, Equatable {
    public var before = 0
    public var after = 0
    public var anyDate = false
    public init(before: Int = 0, after: Int = 0, anyDate: Bool = false) {
        self.before = before
        self.after = after
        self.anyDate = anyDate
    }
}

extension RecordKind {
    /// The days its records may carry in fiscal year `year` (nil: the kind is not dated, or takes any date).
    public func dateWindow(fiscalYear year: Int) -> DateWindow? {
        dateField == nil || dateMargin.anyDate ? nil : DateWindow(fiscalYear: year, monthsBefore: dateMargin.before, monthsAfter: dateMargin.after)
    }
}
