import TieoutCore
import TieoutIngest

/// `tieout explain`'s table: which columns it has and each record's cells, whatever it is
/// written as (CSV, JSON lines, a workbook). Money is shown in the reporting unit (万元, as
/// the report states it), exactly (the listed amounts add up to the figure in that unit),
/// with the exact 元 beside it; a record's voucher and 摘要 come with it when its kind has them.
///
/// ```swift
/// let t = ExplainTable(book: book, figure: "spend.actual.total", unit: .wanYuan, decimals: 2)
/// t.columns.map(\.rawValue)   // part, file, sheet, row, cell, voucher, summary, amount, unit, yuan
/// ```
public struct ExplainTable: Sendable {
    /// A column; its raw value is its (English, machine) header.
    public enum Column: String, Sendable, CaseIterable {
        /// Which input the record counts in (`实际支出（合计） › 国库集中支付`).
        case part, file, sheet, row, cell
        /// The record's own fields, when its kind has them (``recordFields``).
        case voucher, summary
        /// Money in the table's unit, exact; in a table without money, `value` (a count or a plain number).
        case amount, unit, yuan
        case value
    }

    /// A cell: text, an exact decimal (never formula-neutralised; a JSON string, as every
    /// amount is), a whole number (a JSON number), or nothing (JSON null).
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(String)
        case integer(Int)
        case none

        public var text: String {
            switch self {
            case .text(let s), .number(let s): s
            case .integer(let n): String(n)
            case .none: ""
            }
        }

        /// Numbers, which a spreadsheet reads as numbers.
        public var isNumeric: Bool {
            switch self {
            case .number, .integer: true
            default: false
            }
        }
    }

    /// The record fields shown beside a record's place, when its kind has them: the voucher
    /// and the 摘要 a finance reader looks a payment up by.
    public static let recordFields = ["voucher", "summary"]

    /// The columns, in order. THE one list of explain's columns (CSV, JSON lines and
    /// workbooks all follow it): `part, file, sheet, row, cell`, then `voucher` and `summary`
    /// when a kind behind the figure has them, then `amount, unit, yuan` for money or `value`.
    public static func columns(recordFields: [String], money: Bool) -> [Column] {
        [.part, .file, .sheet, .row, .cell] + recordFields.compactMap { Column(rawValue: $0) } + (money ? [.amount, .unit, .yuan] : [.value])
    }

    public var columns: [Column]
    /// The unit money is shown in (the workspace's reporting unit unless asked otherwise).
    public var unit: MoneyUnit
    /// The fewest decimals an amount shows (the reporting decimals); more when exact needs them.
    public var decimals: Int
    /// The record fields asked of the dataset (those of ``recordFields`` a kind behind the figure has).
    public var fields: [String]

    public init(book: FigureBook, figure: String, unit: MoneyUnit, decimals: Int) {
        let kinds = book.kinds(behind: figure)
        fields = Self.recordFields.filter { name in kinds.contains { $0.field(name) != nil } }
        let f = book.figures[figure]
        let parts = f?.ratioOf?.compactMap { book.figures[$0] } ?? []
        let money = f?.kind == .amount || parts.contains { $0.kind == .amount }
        columns = Self.columns(recordFields: fields, money: money)
        self.unit = unit
        self.decimals = decimals
    }

    /// The headers (the columns' English names).
    public var headers: [String] { columns.map(\.rawValue) }

    /// An amount in 元 in the table's unit, exact, with at least `decimals` decimals: 91,448.60 元 → 9.14486 万元.
    public func shown(_ yuan: Amount) -> String {
        let v = yuan.inUnit(unit).normalized
        return (v.scale < decimals ? v.rounded(scale: decimals) : v).description
    }

    /// After a figure's exact value in the check line: ` 元（13,816.95 万元）` for money (the
    /// unit, and the value as the report states it in the table's unit; ` yuan (13,816.95 10k yuan)`
    /// in English), nothing otherwise.
    public func unitText(_ f: Figure, english: Bool) -> String {
        guard f.kind == .amount else { return "" }
        if unit == .yuan { return Catalog.text("explain.unit.yuan", english: english) }
        return Catalog.text("explain.unit.shown", english: english,
                            ["value": f.value.displayText(in: unit, decimals: decimals), "unit": Catalog.unit(unit, english: english)])
    }

    /// A record's cells, one per column.
    public func cells(_ c: Contribution) -> [Cell] {
        columns.map { col in
            switch col {
            case .part: .text(c.part)
            case .file: .text(c.file)
            case .sheet: c.sheet.map { .text($0) } ?? .none
            case .row: .integer(c.row)
            case .cell: .text(c.cell)
            case .voucher, .summary: c.shown[col.rawValue].map { .text($0) } ?? .none
            case .amount: .number(c.counted ? c.value.description : shown(c.value))
            case .unit: c.counted ? .none : .text(unit.symbol)
            case .yuan: c.counted ? .none : .number(c.value.description)
            case .value: .number(c.value.description)
            }
        }
    }
}
