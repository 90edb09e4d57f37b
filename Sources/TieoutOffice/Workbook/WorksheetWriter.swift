#if canImport(Glibc)
import Glibc
#endif
import CXLSXWriter
import TieoutCore

/// What a cell holds when it is written.
public enum WorkbookCell: Sendable, Equatable {
    /// Always a string cell, whatever it looks like (`=SUM(A1)` stays text).
    case text(String)
    /// An exact decimal: a number when that is exact (``WorkbookCell/numberValue(_:)``), else text.
    case amount(Amount)
    case integer(Int)
    case date(CalendarDay)
    case blank
}

/// A calendar date, written as an Excel date (a serial number with a date format).
public struct CalendarDay: Sendable, Equatable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `2024-03-15` (ISO); nil for anything else, or a date Excel cannot hold (before 1900).
    public init?(iso text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard u[i] >= 48 && u[i] <= 57 else { return nil }; v = v * 10 + Int(u[i] - 48) }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10), y >= 1900, (1...12).contains(m), (1...31).contains(d) else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= days[m - 1] else { return nil }
        self.init(year: y, month: m, day: d)
    }
}

extension WorkbookCell {
    /// The number a cell holds for an exact decimal, or nil when it must be text.
    ///
    /// An amount is written as a number only when it round-trips exactly through a double at
    /// 15 significant digits (Excel's precision): it has at most 15 significant digits, and the
    /// double printed with 15 digits is the same decimal. The file then holds the double as
    /// libxlsxwriter prints it (`%.16G`: 98.79 is `98.79000000000001`), which Excel, LibreOffice,
    /// openpyxl and Tieout, reading at 15 significant digits, all read as 98.79. Any other amount
    /// (16 digits or more, as an exact fraction has) is written as its exact decimal text, so no
    /// reader sees a rounded value.
    public static func numberValue(_ a: Amount) -> Double? {
        let n = a.normalized
        var digits = n.significand.magnitude
        var count = 0
        while digits > 0 { digits /= 10; count += 1 }
        guard count <= 15 else { return nil }
        guard let d = Double(n.description), d.isFinite else { return nil }
        var buffer = [CChar](repeating: 0, count: 40)
        _ = withVaList([d]) { vsnprintf(&buffer, 40, "%.15G", $0) }
        guard let back = Amount(String(cString: buffer)), back == a else { return nil }
        return d
    }

    /// Text as a workbook string holds it: `_x0041_` is Excel's escape for `A`, so a literal
    /// `_xHHHH_` has its underscore escaped (`_x005F_x0041_`), as Excel writes it; Excel,
    /// LibreOffice and Tieout read the text back as given (openpyxl shows the escape).
    static func escaped(_ s: String) -> String {
        let u = Array(s.utf8)
        func hex(_ b: UInt8) -> Bool { (48...57).contains(b) || (65...70).contains(b) || (97...102).contains(b) }
        var out: [UInt8] = []
        var i = 0
        var changed = false
        while i < u.count {
            if u[i] == 95, i + 6 < u.count, u[i + 1] == 120, hex(u[i + 2]), hex(u[i + 3]), hex(u[i + 4]), hex(u[i + 5]), u[i + 6] == 95 {
                out += Array("_x005F".utf8)
                changed = true
            }
            out.append(u[i])
            i += 1
        }
        return changed ? String(decoding: out, as: UTF8.self) : s
    }
}

/// One sheet of a ``WorkbookWriter``: cells by 0-based row and column.
public final class WorksheetWriter {
    public let name: String
    private let book: WorkbookWriter
    private let sheet: UnsafeMutablePointer<lxw_worksheet>

    init(book: WorkbookWriter, sheet: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.book = book
        self.sheet = sheet
        self.name = name
    }

    /// Rows a sheet holds (Excel's limit), the header row included.
    public static let maxRows = 1_048_576

    /// One cell. A blank cell with a style is written (a coloured empty cell); without one, nothing is.
    public func write(row: Int, column: Int, _ cell: WorkbookCell, style: CellStyle? = nil) throws(TieoutError) {
        guard row >= 0, row < WorksheetWriter.maxRows, column >= 0, column < 16_384 else {
            throw book.failure(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, at: place(row, column))
        }
        let r = lxw_row_t(row), c = lxw_col_t(column)
        let f = book.format(style)
        let err: lxw_error
        switch cell {
        case .text(let s):
            if s.isEmpty {
                err = f == nil ? LXW_NO_ERROR : worksheet_write_blank(sheet, r, c, f)
            } else {
                let text = s.utf8.contains(95) ? WorkbookCell.escaped(s) : s
                err = text.withCString { worksheet_write_string(sheet, r, c, $0, f) }
            }
        case .amount(let a):
            if let d = WorkbookCell.numberValue(a) {
                err = worksheet_write_number(sheet, r, c, d, f)
            } else {
                err = a.description.withCString { worksheet_write_string(sheet, r, c, $0, f) }
            }
        case .integer(let i):
            err = worksheet_write_number(sheet, r, c, Double(i), f)
        case .date(let d):
            var dt = lxw_datetime(year: Int32(d.year), month: Int32(d.month), day: Int32(d.day), hour: 0, min: 0, sec: 0)
            err = worksheet_write_datetime(sheet, r, c, &dt, f ?? book.format(.date))
        case .blank:
            err = f == nil ? LXW_NO_ERROR : worksheet_write_blank(sheet, r, c, f)
        }
        if err != LXW_NO_ERROR { throw book.failure(err, at: place(row, column)) }
    }

    /// A row of cells from `column`, each with its style (`styles[i]`, else `style`).
    public func write(row: Int, _ cells: [WorkbookCell], from column: Int = 0, style: CellStyle? = nil, styles: [CellStyle?] = []) throws(TieoutError) {
        for (i, cell) in cells.enumerated() {
            try write(row: row, column: column + i, cell, style: i < styles.count ? (styles[i] ?? style) : style)
        }
    }

    /// A merged range holding `cell` in its top-left corner (needs `constantMemory: false`).
    public func merge(rows: ClosedRange<Int>, columns: ClosedRange<Int>, _ cell: WorkbookCell, style: CellStyle? = nil) throws(TieoutError) {
        let f = book.format(style)
        let err = worksheet_merge_range(sheet, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                                        lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound), "", f)
        if err != LXW_NO_ERROR { throw book.failure(err, at: place(rows.lowerBound, columns.lowerBound)) }
        try write(row: rows.lowerBound, column: columns.lowerBound, cell, style: style)
    }

    /// Column widths in characters (and a style for the whole column).
    public func setColumns(_ columns: ClosedRange<Int>, width: Double, style: CellStyle? = nil) throws(TieoutError) {
        let err = worksheet_set_column(sheet, lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound), width, book.format(style))
        if err != LXW_NO_ERROR { throw book.failure(err, at: Phrase("error.xlsx.sheet-columns", ["sheet": name])) }
    }

    /// Filter buttons on the header row `row`, over `columns`, down to `lastRow`.
    public func autofilter(row: Int, lastRow: Int, columns: ClosedRange<Int>) throws(TieoutError) {
        let err = worksheet_autofilter(sheet, lxw_row_t(row), lxw_col_t(columns.lowerBound), lxw_row_t(max(row, lastRow)), lxw_col_t(columns.upperBound))
        if err != LXW_NO_ERROR { throw book.failure(err, at: Phrase("error.xlsx.sheet-filter", ["sheet": name])) }
    }

    /// Rows above `row` and columns left of `column` stay in view.
    public func freeze(row: Int, column: Int = 0) {
        worksheet_freeze_panes(sheet, lxw_row_t(row), lxw_col_t(column))
    }

    private func place(_ row: Int, _ column: Int) -> Phrase {
        Phrase("error.xlsx.sheet-cell", ["sheet": name, "cell": "\(SourceLocation.letter(forColumn: column + 1))\(row + 1)"])
    }
}
