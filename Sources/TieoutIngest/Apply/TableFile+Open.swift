import TieoutCore
import TieoutCSV
import TieoutXLSX

/// How to open a ledger file as a table, whatever its format.
public struct TableOptions {
    /// CSV: the encoding and dialect (nil: detected).
    public var csv = CSVOptions()
    /// A workbook's sheet by name or number from 1 (nil: the first worksheet), and where to
    /// correct a wrong one (`--sheet`, `sheet: in profiles/x.yaml`).
    public var sheet: String?
    public var sheetFix = "--sheet"
    /// A workbook: only these cells.
    public var range: CellRange?
    /// The header's row (CSV: record) number, when not detected.
    public var headerRow: Int?
    /// CSV: called for each recoverable problem (a repaired quote).
    public var onWarning: ((TieoutError) -> Void)?

    public init() {}
}

extension TableFileKind {
    /// Opens `path` as a table with the reader its bytes call for: the one place that chooses
    /// a reader, so that a format is added here and everywhere at once (`switch` over the kinds).
    public static func openTable(_ path: String, _ options: TableOptions) throws(TieoutError) -> any TableSource {
        switch of(path) {
        case .csv:
            let source = try CSVTableSource(path: path, options: options.csv, headerRecord: options.headerRow)
            if let w = options.onWarning { source.onWarning = w }
            return source
        case .xlsx:
            let book = try openWorkbook(path)
            return try XLSXTableSource(book: book, sheet: try sheetIndex(book, options.sheet, file: path, fix: options.sheetFix),
                                       window: options.range, headerRow: options.headerRow)
        }
    }

    /// A sheet by name or number from 1; nil: the first worksheet.
    public static func sheetIndex(_ book: any SheetReading, _ name: String?, file: String, fix: String) throws(TieoutError) -> Int {
        if let name {
            guard let i = book.sheetIndex(name) else {
                throw TieoutError(code: "table.sheet", ["file": file, "sheet": name, "sheets": book.sheets.map { "'\($0.name)'" }.joined(separator: ", "), "fix": fix],
                                  location: SourceLocation(file: file))
            }
            return i
        }
        guard let i = book.sheets.firstIndex(where: { $0.kind == .worksheet }) else {
            throw TieoutError(code: "xlsx.no-worksheet", ["file": file], location: SourceLocation(file: file))
        }
        return i
    }
}
