import TieoutCore
import TieoutStore

/// How a figure is computed: an aggregate of one kind's field under a filter, or
/// arithmetic on other figures. Built-in definitions are resources
/// (Sources/TieoutReconcile/FigureDefinitions); a workspace adds or overrides them in
/// `figures.yaml` (docs/figures.md).
///
/// ```yaml
/// - id: spend.actual.basic
///   title: 实际支出（基本支出）
///   en: actual spending, basic
///   formula: 支出类型为基本支出的国库集中支付之和
///   sum: treasury-payment.amount
///   where: { spend_type: basic }
/// ```
public struct FigureDefinition: Sendable {
    /// What an aggregate does.
    public enum Aggregate: String, Sendable { case sum, min, max, count }

    public enum Rule: Sendable {
        /// `sum`, `min`, `max` of a field, or `count` of records (field nil), over the records passing every condition.
        case aggregate(Aggregate, kind: String, field: String?, conditions: [Condition])
        /// The sum of other figures.
        case add([String])
        /// The first figure less the second.
        case subtract(String, String)
        /// The first figure divided by the second (missing when the second is zero).
        case ratio(String, String)
    }

    public var id: String
    public var title: String
    public var titleEn: String
    /// The formula in words (`{end}` and `{year}` are filled in).
    public var formula: String
    /// For an aggregate: what it selects, as findings list it (default: the title).
    public var label: String?
    /// The formula and the leaf's label in English (`formula_en:`, `label_en:`), for `--lang en`;
    /// built-in figures have both (CatalogTests checks), a workspace's may leave them out.
    public var formulaEn: String?
    public var labelEn: String?
    public var rule: Rule
    /// `built-in figures budget.yaml`, `figures.yaml`.
    public var file: String
    public var line: Int?

    /// The fields of its kind an aggregate reads: the one aggregated and those its conditions test.
    public var fieldsRead: Set<String> {
        guard case .aggregate(_, _, let field, let conditions) = rule else { return [] }
        var out = Set(conditions.map(\.field))
        if let field { out.insert(field) }
        for c in conditions { if case .notAfter(let other) = c.test { out.insert(other) } }
        return out
    }

    /// The figures it is computed from.
    public var references: [String] {
        switch rule {
        case .aggregate: []
        case .add(let ids): ids
        case .subtract(let a, let b), .ratio(let a, let b): [a, b]
        }
    }
}

/// One test on one field of a record.
public struct Condition: Sendable, Equatable {
    public enum Test: Sendable, Equatable {
        /// One of the values (one value: equality).
        case oneOf([String])
        /// None of the values (a blank field passes).
        case noneOf([String])
        /// Text starting with any of the prefixes (economic class codes: 302, 30226).
        case prefix([String])
        /// Text starting with none of them (a blank field passes).
        case notPrefix([String])
        /// A shell-style pattern (`*`, `?`, `[…]`), case-sensitive.
        case glob(String)
        /// Present (true) or blank (false).
        case present(Bool)
        /// A date within the period.
        case within(PeriodReference)
        /// A date on or before the period's last day.
        case through(PeriodReference)
        /// A date on or after the period's first day.
        case from(PeriodReference)
        /// A date not after another date field of the same record (both present).
        case notAfter(String)
    }

    public var field: String
    public var test: Test
}

/// A period named relative to the fiscal year (`fiscal-year`, `q3`, `month-6`) or as a day (`2024-06-30`).
public enum PeriodReference: Sendable, Equatable {
    case fiscalYear
    case quarter(Int)
    case month(Int)
    case day(CalendarDate)

    static func parse(_ s: String) -> PeriodReference? {
        if s == "fiscal-year" { return .fiscalYear }
        if s.count == 2, s.hasPrefix("q"), let q = Int(s.dropFirst()), (1...4).contains(q) { return .quarter(q) }
        if s.hasPrefix("month-"), let m = Int(s.dropFirst(6)), (1...12).contains(m) { return .month(m) }
        if let d = try? CalendarDate.parse(s) { return .day(d) }
        return nil
    }

    /// Its first and last day in fiscal year `year`.
    func days(in year: Int) -> (first: CalendarDate, last: CalendarDate) {
        switch self {
        case .fiscalYear: (Period.year(year).firstDay, Period.year(year).lastDay)
        case .quarter(let q): (Period.quarter(year, q).firstDay, Period.quarter(year, q).lastDay)
        case .month(let m): (Period.month(year, m).firstDay, Period.month(year, m).lastDay)
        case .day(let d): (d, d)
        }
    }
}
