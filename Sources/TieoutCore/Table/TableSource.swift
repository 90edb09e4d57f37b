/// The header a reader found: the row holding the column names, the title
/// lines above it, and the names.
public struct TableHeader: Sendable, Equatable {
    /// 1-based record (CSV) or row (sheet) number of the header; nil when there is none.
    public var row: Int?
    /// Column names (whitespace trimmed), or letters A, B, … without a header.
    public var columns: [String]
    /// Non-blank rows above the header (a report title, `单位：万元`), as text.
    public var titleLines: [[String]]
    /// The record (CSV) or row (sheet) number of each title line, when the reader knows it.
    public var titleRows: [Int] = []

    public init(row: Int?, columns: [String], titleLines: [[String]], titleRows: [Int] = []) {
        self.row = row
        self.columns = columns
        self.titleLines = titleLines
        self.titleRows = titleRows
    }

    /// The name of 1-based `column`, when the header has one.
    public func name(ofColumn column: Int) -> String? {
        column >= 1 && column <= columns.count && !columns[column - 1].isEmpty ? columns[column - 1] : nil
    }
}

/// One data row of a table, from whatever format: a view valid only while it
/// is being delivered.
public protocol TableRow {
    /// 1-based record number (CSV, title and blank lines included) or sheet row number.
    var number: Int { get }
    /// CSV: the physical line where the record starts; nil for sheet rows.
    var line: Int? { get }
    /// How many fields the record has, for formats where every record lists all
    /// of its fields (CSV); nil where rows are sparse (a sheet lists only the cells present).
    var fieldCount: Int? { get }
    /// The cell in 1-based `column`; nil when the row has none there.
    func cell(_ column: Int) -> Cell?
    /// Where the row (or one of its cells, by 1-based `column`) is, in its file.
    func location(column: Int?) -> SourceLocation
}

/// A table read from a file — a CSV file or a worksheet — as a header and a
/// stream of data rows. Every later stage (totals, profiles, the dataset)
/// reads either format through this one interface.
///
/// ```swift
/// let source: some TableSource = try CSVTableSource(path: "2024-03.csv")
/// print(source.header.columns)
/// try source.forEachRow { row in
///     let amount = try? row.cell(8)?.amount()
///     print(row.location(column: 8), amount as Any)
/// }
/// print(source.blankRows)
/// ```
public protocol TableSource: AnyObject {
    associatedtype Row: TableRow
    /// The file as the user named it.
    var file: String { get }
    /// The worksheet, for a workbook.
    var sheet: String? { get }
    var header: TableHeader { get }
    /// Serial dates count from 1904-01-01 (a workbook setting); false for CSV.
    var date1904: Bool { get }
    /// Blank rows after the header skipped so far (they are never delivered).
    var blankRows: Int { get }
    /// Streams the data rows below the header, in order, to `body`. Read once.
    func forEachRow(_ body: (Row) throws(TieoutError) -> Void) throws(TieoutError)
}
