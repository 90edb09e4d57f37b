import TieoutCore

/// A table written into a workbook: a header row, then data rows typed by column, continuing on
/// another sheet (`treasury_payment (2)`, each with the header again) when a sheet is full.
///
/// ```swift
/// let table = try SheetTable(book: book, name: "treasury_payment", header: ["file", "row", "amount"],
///                            columns: [.text, .integer, .amount])
/// try table.append(["ledgers/2024-03.csv", "7", "1234.50"])
/// table.sheets    // ["treasury_payment"]
/// ```
public final class SheetTable {
    /// How a column's texts are written.
    public enum Column: Sendable, Equatable {
        /// Always a string cell.
        case text
        /// A whole number; text that is not one stays text.
        case integer
        /// An exact decimal (``WorkbookCell/amount(_:)``), formatted `#,##0.00` or as `format` says; text that is not one stays text.
        case amount(format: String?)
        /// An ISO date (`2024-03-15`) as an Excel date; text that is not one stays text.
        case date

        public static let money = Column.amount(format: "#,##0.00")
    }

    /// Data rows per sheet: Excel's 1,048,576 rows less the header. Tests pass a smaller one.
    public static let defaultRowLimit = WorksheetWriter.maxRows - 1

    public let name: String
    public let header: [String]
    public let columns: [Column]
    public let rowLimit: Int
    /// The sheets written so far, in order.
    public private(set) var sheets: [String] = []
    /// Data rows written, over all sheets.
    public private(set) var rows = 0

    private let book: WorkbookWriter
    private var sheet: WorksheetWriter?
    private var row = 0
    private let styles: [CellStyle?]

    public init(book: WorkbookWriter, name: String, header: [String], columns: [Column], rowLimit: Int = SheetTable.defaultRowLimit) throws(TieoutError) {
        self.book = book
        self.name = name
        self.header = header
        self.columns = columns
        self.rowLimit = max(1, min(rowLimit, SheetTable.defaultRowLimit))
        styles = columns.map { c -> CellStyle? in
            switch c {
            case .amount(let f): return f.map { CellStyle(numberFormat: $0) }
            case .date: return .date
            case .text, .integer: return nil
            }
        }
        try startSheet()
    }

    private func startSheet() throws(TieoutError) {
        let s = try book.addSheet(sheets.isEmpty ? name : WorkbookWriter.sheetName(name, suffix: " (\(sheets.count + 1))"))
        try s.write(row: 0, header.map(WorkbookCell.text), style: CellStyle(bold: true))
        s.freeze(row: 1)
        sheet = s
        sheets.append(s.name)
        row = 1
    }

    /// One data row, each text typed by its column (columns past `columns` are text).
    public func append(_ fields: [String]) throws(TieoutError) {
        if row > rowLimit { try startSheet() }
        guard let sheet else { return }
        for (i, text) in fields.enumerated() where !text.isEmpty {
            let kind = i < columns.count ? columns[i] : .text
            try sheet.write(row: row, column: i, SheetTable.cell(text, kind), style: i < styles.count ? styles[i] : nil)
        }
        row += 1
        rows += 1
    }

    /// One data row of cells already typed.
    public func append(cells: [WorkbookCell]) throws(TieoutError) {
        if row > rowLimit { try startSheet() }
        guard let sheet else { return }
        for (i, cell) in cells.enumerated() {
            try sheet.write(row: row, column: i, cell, style: i < styles.count ? styles[i] : nil)
        }
        row += 1
        rows += 1
    }

    static func cell(_ text: String, _ column: Column) -> WorkbookCell {
        switch column {
        case .text: return .text(text)
        case .integer: return Int(text).map(WorkbookCell.integer) ?? .text(text)
        case .amount: return plainDecimal(text).map(WorkbookCell.amount) ?? .text(text)
        case .date: return CalendarDay(iso: text).map(WorkbookCell.date) ?? .text(text)
        }
    }

    /// Only plain decimal text (`-1234.50`) is a number here: text with separators or units is kept as written.
    static func plainDecimal(_ text: String) -> Amount? {
        var sawDigit = false
        for (i, b) in text.utf8.enumerated() {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "-") where i == 0, UInt8(ascii: "."): continue
            default: return nil
            }
        }
        return sawDigit ? Amount(text) : nil
    }
}
