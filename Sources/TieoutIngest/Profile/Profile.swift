import TieoutCore
import TieoutCSV
import TieoutXLSX

/// How one kind of export becomes records: which sheet and rows, which header,
/// which rows to skip, which rows are subtotals (checked, then left out), and
/// which column feeds which field, with what unit, date format or word list.
/// Written in YAML by a finance user (docs/profiles.md); built-in profiles ship
/// for the government ledgers.
///
/// ```swift
/// let profile = try Profile.parse("""
///     kind: treasury-payment
///     columns:
///       date: 支付日期
///       voucher: [凭证号, voucher]
///       amount: { from: 金额, unit: 元 }
///     """, file: "profiles/treasury.yaml")
/// profile.columns.map(\.field.name)   // ["date", "voucher", "amount"]
/// ```
public struct Profile: Sendable {
    public var name: String
    /// The YAML it was read from (for error messages).
    public var file: String
    public var kind: RecordKind
    /// What the profile reads with, as one SHA-256: its text, its kind's definition and the
    /// reader's version. The dataset records it per file: a file read with another is read again.
    public var digest: String = ""
    /// The days a record may be dated (the workspace's fiscal year, widened by its kind's
    /// margin): a record dated outside is rejected with its place. nil: any date (no workspace).
    public var dateWindow: DateWindow?
    /// The workspace's fiscal year (nil: no workspace), for dates split into 月 and 日 columns.
    public var fiscalYear: Int?

    /// The profile as a workspace of fiscal year `year` reads with it: dates outside the year
    /// rejected, and the window part of its digest (a file read for another year is read again).
    public func forFiscalYear(_ year: Int) -> Profile {
        var withYear = self
        withYear.fiscalYear = year
        // Dates whose year is the fiscal year (`date: { year: fiscal-year, … }`) read differently
        // in another year, window or not: the year is part of the digest.
        if columns.contains(where: { $0.split?.year == .fiscalYear }) {
            withYear.digest = sha256Hex(Array((digest + "\u{0}fiscal-year " + String(year)).utf8))
        }
        return withYear.windowed(year)
    }

    private func windowed(_ year: Int) -> Profile {
        guard let window = kind.dateWindow(fiscalYear: year) else { return self }
        var p = self
        p.dateWindow = window
        p.digest = sha256Hex(Array((digest + "\u{0}" + window.description).utf8))
        return p
    }
    public var description: String?
    /// Workbooks: the sheet by name or number from 1 (nil: the first worksheet).
    public var sheet: String?
    /// Workbooks: only these cells.
    public var range: CellRange?
    /// A wide table (a column per month) read once per matching column: `unpivot:`.
    public var unpivot: Unpivot?
    /// Column groups (`groups:`, Profile+Groups.swift): a row read once per group; and the group a part reads.
    public var groups: [ColumnGroup] = []
    public var groupInForce: GroupReading?

    /// `unpivot: { columns: "*月", value: amount, date: month }`: each column whose header
    /// matches is read as its own part, its cells as `value`, and `date` set to the last day
    /// of the month the header names (`3月`, `2025年3月`; the year from the header or the
    /// title lines).
    public struct Unpivot: Sendable, Equatable {
        public var columns: SheetSelector
        public var value: String
        public var date: String
    }

    /// The table's shape: rows of records, or a key-value table that is one record.
    public var layout: Layout = .table

    public enum Layout: Sendable, Equatable {
        /// A header and a record per row.
        case table
        /// A label column and a value column (by header name, letter or position; default the
        /// first two): one record, its fields named by their labels under `columns:`.
        case keyValue(key: String?, value: String?)
        /// Row labels by measures, each cell a value (`layout: { cross-tab: … }`), or its transpose.
        case crossTab(CrossTab)
    }

    /// Workbooks read sheet by sheet (`sheets:`), each sheet its own table with its own period.
    public var sheets: SheetSelector?
    /// Rows that state a cumulative total (本年累计): checked against the rows of their own
    /// and every earlier period of the source, then left out.
    public var cumulative: CumulativeRule?

    /// How the profile opens a file as a table: encoding, delimiter, sheet, range, header row.
    public var tableOptions: TableOptions {
        var options = TableOptions()
        if let e = encoding, let choice = EncodingChoice(name: e) { options.csv.encoding = choice }
        if let d = delimiter, let dialect = CSVDialect(delimiterName: d) { options.csv.dialect = dialect }
        options.sheet = sheet
        options.sheetFix = "`sheet:` in \(file)"
        options.range = range
        options.headerRow = headerRows?.last
        return options
    }

    /// The parts of `path` this profile reads one by one, each with the profile that reads it:
    /// sheets (`sheets:`: the profile with that sheet), column groups (`groups:`), or the month
    /// columns of a wide table (`unpivot:`: the value read from that column, the date set to
    /// the end of its month).
    /// nil when it reads the file whole. The file is opened once to find them.
    public func parts(_ path: String) throws(TieoutError) -> [(name: String, profile: Profile)]? {
        if let names = try sheetsToRead(path) {
            var out: [(name: String, profile: Profile)] = []
            for name in names {
                var p = self
                p.sheets = nil
                p.sheet = name
                // A sheet read by column groups: a part per sheet and group (`budget.xlsx[2024/预算调整]`).
                if let groups = try p.columnGroupParts(path) { out += groups.map { (name + "/" + $0.name, $0.profile) } } else { out.append((name, p)) }
            }
            return out
        }
        // Column groups (`groups:`), and `unpivot:` as a group per month column: Profile+Groups.swift.
        return try columnGroupParts(path)
    }

    /// The last day of the month a header names, the year from it or from a title line.
    static func monthOf(_ header: String, titles: [[String]]) -> CalendarDate? {
        let digits = header.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        var year: Int? = digits.first { $0 >= 1990 && $0 <= 2100 }
        let month = digits.last { $0 >= 1 && $0 <= 12 }
        if year == nil {
            for cell in titles.joined() {
                if let y = cell.split(whereSeparator: { !$0.isNumber }).compactMap({ Int($0) }).first(where: { $0 >= 1990 && $0 <= 2100 }) { year = y; break }
            }
        }
        guard let year, let month else { return nil }
        return Period.month(year, month).lastDay
    }

    /// The sheets of `path` this profile reads one by one, in the workbook's order; nil when it
    /// reads the file whole (no `sheets:`, or not a workbook).
    func sheetsToRead(_ path: String) throws(TieoutError) -> [String]? {
        guard let sheets, TableFileKind.of(path) == .xlsx else { return nil }
        let book = try openWorkbook(path)
        let names = book.sheets.filter { $0.kind == .worksheet && sheets.matches($0.name) }.map(\.name)
        guard !names.isEmpty else {
            throw TieoutError(code: "profile.sheets", what: Phrase("error.profile.sheets.none", ["file": path, "profile": file]), location: SourceLocation(file: path),
                              help: Phrase("error.profile.sheets.none.help", ["sheets": book.sheets.map { "'\($0.name)'" }.joined(separator: ", ")]))
        }
        return names
    }

    /// Which sheets of a workbook a profile reads, each as its own table.
    public enum SheetSelector: Sendable, Equatable {
        /// Every worksheet.
        case all
        /// These, by name.
        case names([String])
        /// Sheets whose name matches a shell pattern (`*月`).
        case pattern(String)

        public func matches(_ name: String) -> Bool {
            switch self {
            case .all: true
            case .names(let n): n.contains(name)
            case .pattern(let p): Glob.matches(p, name)
            }
        }
    }

    /// Cumulative rows: `cumulative: { labels: [本年累计, 本季累计], check: [amount] }`.
    public struct CumulativeRule: Sendable, Equatable {
        /// Labels marking a cumulative row; one containing 季 is quarter-to-date, others year-to-date.
        public var labels: [String] = ["本年累计", "本季累计", "累计"]
        /// Amount and count fields checked (empty: every mapped amount and count field).
        public var check: [String] = []
    }
    /// CSV: encoding and delimiter names, as the command-line options take them.
    public var encoding: String?
    public var delimiter: String?
    /// Header rows, top to bottom (nil: detected; several: flattened as `预算数/基本支出`).
    public var headerRows: [Int]?
    /// Data rows right below the header that are not data (a units row, …).
    public var skipRows: Int = 0
    /// A row any of whose cells matches one of these is skipped (`^注：`, `^制表人`).
    public var skipPatterns: [String] = []
    public var subtotals: SubtotalRule? = nil
    public var columns: [ColumnMapping]
    /// Values every record gets (`spend_type: basic` for a basic-spend export).
    public var constants: [(field: FieldSpec, value: String, line: Int?)] = []
    /// Unit of amount columns that don't name one: 元 by default, or read from a title line.
    public var unit: UnitChoice = .fixed(.yuan)
    /// How a file's period is named from the kind's date field.
    public var period: Period.Granularity = .month

    /// Identifies a record across files for this ledger, when its natural key differs from
    /// its kind's (`[document, item, control_line]`); nil: the kind's key.
    public var key: [String]?

    /// `where:`: conditions on named columns a row must meet to be a record (Profile+Where.swift).
    public var filters: [RowCondition] = []
    /// `sections:`: section rows (一、货物类) filling a field for the rows below (Profile+Sections.swift).
    public var sections: SectionRule?
    /// `header_block:`: fields read from labelled cells above the header (Profile+HeaderBlock.swift).
    public var headerBlock: [HeaderBlockField] = []

    /// A pattern a ledger's word may match.
    public struct WordPattern: @unchecked Sendable {
        public var text: String
        public var regex: Regex<AnyRegexOutput>
        public var value: String
    }

    public enum UnitChoice: Sendable, Equatable {
        case fixed(MoneyUnit)
        /// From a title line such as `单位：万元`.
        case fromTitle
    }

    /// Which column feeds a field, and how its text is read.
    public struct ColumnMapping: Sendable {
        public var field: FieldSpec
        /// Header names (aliases, first match wins), letters (`H`) or positions (`#8`).
        public var from: [String]
        /// Amount columns: overrides the profile's unit.
        public var unit: UnitChoice?
        /// Date columns: accepted formats such as `yyyy-MM-dd`, `yyyy年M月d日`, `dd/MM/yyyy`
        /// (empty: the usual Chinese and ISO forms).
        public var formats: [String] = []
        /// Enumerations and booleans: the ledger's words → the field's values.
        public var map: [String: String] = [:]
        /// Enumerations: a cell starting with a code (`30212 因公出国(境)费用`) → a value; the
        /// longest prefix first, tried after the whole words of `map`.
        public var prefixes: [(prefix: String, value: String)] = []
        /// Enumerations: a cell matching a pattern → a value, in order, after the prefixes.
        public var patterns: [WordPattern] = []
        /// Amounts: a column subtracted, a negation or a direction column (Profile+Signs.swift).
        public var signs: SignRule?
        /// Where it is written (for errors found later, such as a missing column).
        public var line: Int?
        /// Date fields: the date from a month and a day column, the year from elsewhere
        /// (`date: { year: fiscal-year, month: 月, day: 日 }`); `from` is then the month column.
        public var split: SplitDate?
    }

    /// Subtotal and total rows: recognised by a label, or by 类/款/项 codes; checked, then left out.
    public struct SubtotalRule: Sendable {
        /// Labels (`合计`, `小计`, `总计`): a row whose label cell contains one is a subtotal.
        /// A label containing 小计 covers the rows since the previous subtotal; one written 本月… its
        /// month, 本季… its quarter; others (合计, 总计, 本年合计), every row so far.
        public var labels: [String] = ["合计", "小计", "总计"]
        /// The column holding labels (nil: the row's first non-empty cell).
        public var column: String?
        /// Amount and count fields whose subtotal is checked (empty: every mapped amount and count field).
        public var check: [String] = []
        /// A column of hierarchical codes (类 201, 款 20101, 项 2010101): a row whose code
        /// begins the codes below it is their total, checked against its direct children.
        public var hierarchy: String?
    }

    public func mapping(for field: String) -> ColumnMapping? {
        columns.first { $0.field.name == field }
    }
}
