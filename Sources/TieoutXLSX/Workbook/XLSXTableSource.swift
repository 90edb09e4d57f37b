import TieoutCore

/// A worksheet as a ``TieoutCore/TableSource``: optionally a window on it
/// (`--range`), a header row, then the rows below it as typed cells.
///
/// The header is the row given by `headerRow` (0: none, columns by letter), else the first of the first 50
/// non-empty rows that holds two or more text cells and nothing else; the
/// rows above it are title lines. In a window, the window's first column is
/// column A of the table, but places keep the sheet's own cell references.
///
/// ```swift
/// let book = try XLSXWorkbook(path: "budget.xlsx")
/// let source = try XLSXTableSource(book: book, sheet: 0)
/// try source.forEachRow { row in print(row.location(column: 3), row.cell(3)?.rawText ?? "") }
/// ```
public final class XLSXTableSource: TableSource {
    public let book: any SheetReading
    public let sheetIndex: Int
    public let window: CellRange?
    public var file: String { book.path }
    public var sheet: String? { book.sheets[sheetIndex].name }
    public var date1904: Bool { book.date1904 }
    public private(set) var header: TableHeader
    public private(set) var blankRows = 0
    /// What reading the sheet found besides its rows, once ``forEachRow(_:)`` has run.
    public private(set) var report: XLSXWorkbook.SheetReport?

    /// How many non-empty rows are examined to find the header.
    public static let lookahead = 50

    public init(book: any SheetReading, sheet index: Int, window: CellRange? = nil, headerRow forced: Int? = nil) throws(TieoutError) {
        self.book = book
        self.sheetIndex = index
        self.window = window
        header = TableHeader(row: nil, columns: [], titleLines: [])
        let name = book.sheets[index].name
        if forced == 0 { return }   // no header: columns by letter
        var found: TableHeader? = nil
        var titles: [[String]] = []
        var titleRows: [Int] = []
        var seen = 0
        let stop = TieoutError(code: "xlsx.header-found")
        do {
            try book.readRows(of: index) { [window] (whole: XLSXRow) throws(TieoutError) in
                let row = Self.clip(whole, to: window)
                guard let row, row.cells.contains(where: { $0.kind != .empty }) else { return }
                seen += 1
                let texts = Self.dense(row, date1904: book.date1904)
                let isHeader: Bool
                if let forced { isHeader = row.number == forced }
                else {
                    let nonEmpty = row.cells.filter { $0.kind != .empty }
                    isHeader = nonEmpty.count >= 2 && nonEmpty.allSatisfy { $0.kind == .text }
                }
                if isHeader {
                    found = TableHeader(row: row.number, columns: texts.map { $0.trimmingSpaces() }, titleLines: titles, titleRows: titleRows)
                    throw stop
                }
                titles.append(texts)
                titleRows.append(row.number)
                if (forced == nil && seen >= Self.lookahead) || (forced != nil && row.number > forced!) { throw stop }
            }
        } catch where error.code == stop.code {
        }
        guard let found else {
            if let forced {
                throw TieoutError(code: "xlsx.header-row", ["row": forced, "sheet": name, "file": book.path],
                                  location: SourceLocation(file: book.path, sheet: name, line: forced))
            }
            throw TieoutError(code: "xlsx.no-header", ["sheet": name, "file": book.path],
                              location: SourceLocation(file: book.path, sheet: name))
        }
        header = found
    }

    /// The row inside `window`, its columns shifted so the window starts at A; nil outside it.
    static func clip(_ row: XLSXRow, to window: CellRange?) -> XLSXRow? {
        guard let window else { return row }
        guard window.firstRow <= row.number && row.number <= window.lastRow else { return nil }
        return XLSXRow(number: row.number, cells: row.cells.filter {
            $0.column >= window.firstColumn && $0.column <= window.lastColumn
        }.map { $0.shifted(by: window.firstColumn - 1) })
    }

    /// The row's cells as text, one per column up to its last cell.
    static func dense(_ row: XLSXRow, date1904: Bool) -> [String] {
        var texts: [String] = []
        for cell in row.cells {
            while texts.count + 1 < cell.column { texts.append("") }
            texts.append(cell.text(date1904: date1904))
        }
        return texts
    }

    public struct Row: TableRow {
        /// The row as read (inside the window, shifted).
        public let row: XLSXRow
        let file: String
        let sheet: String
        /// Columns left of the window: added back to name the sheet's own cells.
        let offset: Int
        let header: TableHeader

        public var number: Int { row.number }
        public var fieldCount: Int? { nil }
        public var line: Int? { nil }

        public func cell(_ column: Int) -> Cell? {
            row.cells.first { $0.column == column }
        }

        public func location(column: Int?) -> SourceLocation {
            SourceLocation(file: file, sheet: sheet, line: row.number, column: column.map { $0 + offset },
                           columnName: column.flatMap { header.name(ofColumn: $0) })
        }
    }

    public func forEachRow(_ body: (Row) throws(TieoutError) -> Void) throws(TieoutError) {
        let skipThrough = header.row ?? 0
        let offset = (window?.firstColumn ?? 1) - 1
        let sheetName = book.sheets[sheetIndex].name
        let window = self.window, file = book.path, header = self.header
        var blanks = 0
        try withoutActuallyEscaping(body) { (body: @escaping (Row) throws(TieoutError) -> Void) throws(TieoutError) in
            report = try book.readRows(of: sheetIndex) { (whole: XLSXRow) throws(TieoutError) in
                guard whole.number > skipThrough, let row = Self.clip(whole, to: window) else { return }
                if !row.cells.contains(where: { $0.kind != .empty || $0.hasFormula }) { blanks += 1; return }
                try body(Row(row: row, file: file, sheet: sheetName, offset: offset, header: header))
            }
        }
        blankRows += blanks
    }
}
