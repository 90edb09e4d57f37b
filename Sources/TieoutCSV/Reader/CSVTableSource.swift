import TieoutCore

/// A CSV file as a ``TieoutCore/TableSource``: the header found by
/// ``CSVTable/detect(path:options:headerRecord:)``, then every record below it.
/// Fields are ``TieoutCore/CellKind/text`` cells (``TieoutCore/CellKind/empty``
/// when empty); records are numbered as in the file, title and blank lines included.
///
/// ```swift
/// let source = try CSVTableSource(path: "treasury-2024-q1.csv")
/// source.header.columns      // ["凭证号", "支付日期", …, "金额"]
/// try source.forEachRow { row in _ = try? row.cell(8)?.amount() }
/// ```
public final class CSVTableSource: TableSource {
    public let file: String
    public var sheet: String? { nil }
    public var date1904: Bool { false }
    public let header: TableHeader
    /// What detection found: encoding, dialect, byte-order mark.
    public let table: CSVTable
    public private(set) var blankRows = 0
    private let options: CSVOptions
    /// Receives the reader's warnings (a stray quote, …) as they happen.
    public var onWarning: ((TieoutError) -> Void)?

    /// `headerRecord` forces the header: a record number, or 0 for none.
    public init(path: String, options: CSVOptions = CSVOptions(), headerRecord: Int? = nil) throws(TieoutError) {
        file = path
        self.options = options
        table = try CSVTable.detect(path: path, options: options, headerRecord: headerRecord)
        header = TableHeader(row: table.headerRecord, columns: table.columns, titleLines: table.titleLines, titleRows: table.titleRows)
    }

    public struct Row: TableRow {
        /// The record as read.
        public let record: CSVRecord
        /// A row lives only inside `forEachRow`, while its source does (no retain per row).
        unowned(unsafe) let source: CSVTableSource

        public var number: Int { record.number }
        public var fieldCount: Int? { record.count }
        public var line: Int? { record.line }

        public func cell(_ column: Int) -> Cell? {
            guard column >= 1 && column <= record.count else { return nil }
            let f = record[column - 1]
            return Cell(column: column, kind: f.count == 0 ? .empty : .text,
                        bytes: UnsafeBufferPointer(start: f.base, count: f.count))
        }

        public func location(column: Int?) -> SourceLocation {
            record.location(file: source.file, column: column, columnName: column.flatMap { source.header.name(ofColumn: $0) })
        }
    }

    public func forEachRow(_ body: (Row) throws(TieoutError) -> Void) throws(TieoutError) {
        let reader = try CSVReader(path: file, options: options)
        reader.onWarning = onWarning
        let skipThrough = header.row ?? 0
        while let r = try reader.next() {
            if r.number <= skipThrough { continue }
            if r.isBlank { blankRows += 1; continue }
            try body(Row(record: r, source: self))
        }
    }
}
