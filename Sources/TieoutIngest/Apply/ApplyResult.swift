import TieoutCore

/// How every row of a file was accounted for: read = accepted + rejected + subtotal + skipped + filtered.
public struct RowAccounting: Sendable, Equatable, Codable {
    /// Rows below the header (blank ones included).
    public var read = 0
    public var accepted = 0
    public var rejected = 0
    /// Subtotal and total rows: checked, then left out of the data.
    public var subtotal = 0
    /// Blank rows, rows the profile skips, and duplicates of records already in the dataset.
    public var skipped = 0
    /// Rows left out by a condition of the profile's `where:` (凭证状态 is 已作废), each with its reason.
    public var filtered = 0

    public init() {}

    public var addsUp: Bool { read == accepted + rejected + subtotal + skipped + filtered }

    public static func + (a: RowAccounting, b: RowAccounting) -> RowAccounting {
        var r = a
        r.read += b.read; r.accepted += b.accepted; r.rejected += b.rejected
        r.subtotal += b.subtotal; r.skipped += b.skipped; r.filtered += b.filtered
        return r
    }

    enum CodingKeys: String, CodingKey { case read, accepted, rejected, subtotal, skipped, filtered }

    /// A report written before `filtered` existed reads with 0 filtered rows.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        read = try c.decode(Int.self, forKey: .read)
        accepted = try c.decode(Int.self, forKey: .accepted)
        rejected = try c.decode(Int.self, forKey: .rejected)
        subtotal = try c.decode(Int.self, forKey: .subtotal)
        skipped = try c.decode(Int.self, forKey: .skipped)
        filtered = try c.decodeIfPresent(Int.self, forKey: .filtered) ?? 0
    }
}

/// A row that could not be typed: kept with its reason and place, never dropped.
public struct RowReject: Sendable, Equatable {
    public var location: SourceLocation
    /// What is wrong, for programs (`value.amount`, `value.required-blank`, `table.shifted-columns`).
    public var code: ErrorCode
    /// Why, with any control character of quoted ledger text shown as an escape (`\u{0}`):
    /// a reason is stored and printed whole, never cut at a NUL.
    public var reason: String
    /// The same in Chinese, for people (out/rejects.csv by default, the reports); nil: English only.
    public var reasonZh: String?
    /// The row's cells as text, for out/rejects.csv.
    public var cells: [String]

    public init(location: SourceLocation, code: ErrorCode, reason: String, reasonZh: String? = nil, cells: [String]) {
        self.location = location
        self.code = code
        self.reason = reason.escapingControlCharacters
        self.reasonZh = reasonZh?.escapingControlCharacters
        self.cells = cells
    }

    /// The same row, code, reason and cells (the Chinese reason says the same).
    public static func == (a: RowReject, b: RowReject) -> Bool {
        a.location == b.location && a.code == b.code && a.reason == b.reason && a.cells == b.cells
    }
}


/// A filtered row's amount that the export's own totals include (`where:` with `in_totals: true`).
public struct CountedInTotals: Sendable, Equatable {
    public var location: SourceLocation
    public var date: CalendarDate
    public var field: String
    public var amount: Amount
}

/// A row left out of the data on purpose, with why.
public struct SkippedRow: Sendable, Equatable {
    public var location: SourceLocation
    /// Why, in English (kept in the dataset).
    public var reason: String
    /// The same in Chinese, where it is shown to people (a filtered row's `where:` reason).
    public var reasonZh: String? = nil

    /// The same row and reason (the Chinese reason says the same).
    public static func == (a: SkippedRow, b: SkippedRow) -> Bool { a.location == b.location && a.reason == b.reason }
}

/// A subtotal row checked against the rows it sums.
public struct SubtotalCheck: Sendable, Equatable {
    public enum Status: String, Sendable, Codable { case ok, mismatch, incomplete }
    public var location: SourceLocation
    /// `合计`, `小计`, or the code of a 类/款/项 row.
    public var label: String
    public var field: String
    /// What the row states (nil: blank).
    public var stated: Amount?
    /// The exact sum of the rows it covers.
    public var computed: Amount
    /// How many rows it covers.
    public var rows: Int
    /// ok: equal; mismatch: they differ; incomplete: a row it covers was rejected, so the sum is partial.
    public var status: Status
}

/// A row stating a cumulative total: per checked field, what it states, and its place.
public struct CumulativeRow: Sendable, Equatable {
    public enum Scope: String, Sendable, Codable {
        /// From the start of the fiscal year (本年累计, 累计).
        case yearToDate = "year-to-date"
        /// From the start of the quarter (本季累计).
        case quarterToDate = "quarter-to-date"
    }
    public var location: SourceLocation
    public var label: String
    public var scope: Scope
    public var field: String
    public var stated: Amount?
}

/// What applying a profile to one file produced, besides its records.
public struct ApplyResult: Sendable {
    public var accounting = RowAccounting()
    public var header: TableHeader
    public var sheet: String?
    /// The amount unit in force (from the profile or a title line).
    public var unit: MoneyUnit
    public var subtotals: [SubtotalCheck] = []
    /// Cumulative rows (本年累计): what each states, to be checked against its own and every
    /// earlier period of the source once they are all in the dataset.
    public var cumulative: [CumulativeRow] = []
    /// Which column fed each mapped field: (field, column letter, header text).
    public var fieldColumns: [(field: String, letter: String, header: String, row: Int?)] = []
    /// Amounts read `minus:` a second column: (field, its letter, its header); a row whose value
    /// came from that column alone says so (``TypedRow/secondColumn(_:)``).
    public var secondColumns: [(field: String, letter: String, header: String)] = []
    /// Blank rows below the header (counted as skipped too).
    public var blankRows = 0
    /// Optional fields the profile maps but the file has no column for: left blank.
    public var absentFields: [String] = []
    public var skipped: [SkippedRow] = []
    /// Rows a `where:` condition left out, each with the condition it failed.
    public var filtered: [SkippedRow] = []
    /// Of those, the ones the export's totals include (`in_totals: true`): their dated amounts,
    /// which the cumulative rows (本年累计) of the source are checked with, as the records are.
    public var countedInTotals: [CountedInTotals] = []
    /// Dates of the records, first and last (for the file's period).
    public var firstDate: CalendarDate?
    public var lastDate: CalendarDate?
    /// Records with a date (rejected ones outside the fiscal year included), by the date's
    /// year, and how many fall within the profile's ``Profile/dateWindow``.
    public var dateYears: [Int: Int] = [:]
    public var datesInYear = 0
}
