#if canImport(Glibc)
import Glibc
#endif
import CFreeXL
import TieoutCore

/// A BIFF workbook (.xls: Excel 97–2003 BIFF8, and the BIFF5/BIFF4 of older systems), read
/// through FreeXL, Debian's libfreexl. Each cell is handed on as the .xlsx reader hands it:
/// numbers as their shortest decimal text (what Excel shows and an .xlsx `<v>` holds), dates
/// and times as ISO text (FreeXL reads the number formats), texts in UTF-8 whatever the
/// workbook's code page. A cell type FreeXL does not name is an error, never a guess.
///
/// FreeXL reads the whole file when it opens it; the limits are the file's size and the
/// cells a sheet may declare (`XLSXLimits.maxCells`).
public final class XLSWorkbook: SheetReading {
    public let path: String
    public let limits: XLSXLimits
    public private(set) var sheets: [XLSXWorkbook.Sheet] = []
    public private(set) var date1904 = false
    /// The BIFF version FreeXL found (2, 3, 4, 5 or 8).
    public private(set) var biffVersion = 0
    private var handle: UnsafeRawPointer?

    /// A .xls file is at most this large (BIFF8 holds at most 65,536 × 256 cells).
    public static let maxFileBytes: Int64 = 256 << 20

    public init(path: String, limits: XLSXLimits = XLSXLimits()) throws(TieoutError) {
        self.path = path
        self.limits = limits
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw fault("xlsx.xls-unreadable", key: "xls.open", ["reason": String(cString: strerror(errno))])
        }
        guard Int64(st.st_size) <= Self.maxFileBytes else {
            throw fault("xlsx.xls-too-large", key: "xls.too-large", ["mib": Int64(st.st_size) >> 20, "limit": Self.maxFileBytes >> 20])
        }
        var h: UnsafeRawPointer? = nil
        let rc = path.withCString { freexl_open($0, &h) }
        guard rc == FREEXL_OK, let h else {
            if let h { freexl_close(h) }
            throw fault("xlsx.xls-unreadable", key: "xls.unreadable", ["why": Self.describe(rc)])
        }
        handle = h
        var password: UInt32 = 0
        if freexl_get_info(h, UInt16(FREEXL_BIFF_PASSWORD), &password) == FREEXL_OK, password == UInt32(FREEXL_BIFF_OBFUSCATED) {
            throw fault("xlsx.encrypted", key: "xls.encrypted")
        }
        var value: UInt32 = 0
        if freexl_get_info(h, UInt16(FREEXL_BIFF_VERSION), &value) == FREEXL_OK { biffVersion = Int(value) }
        if freexl_get_info(h, UInt16(FREEXL_BIFF_DATEMODE), &value) == FREEXL_OK { date1904 = value == 1 }
        var count: UInt32 = 0
        guard freexl_get_info(h, UInt16(FREEXL_BIFF_SHEET_COUNT), &count) == FREEXL_OK, count > 0 else {
            throw fault("xlsx.no-sheets", key: "xls.no-sheets")
        }
        for i in 0..<UInt16(min(count, 4096)) {
            var name: UnsafePointer<CChar>? = nil
            let r = freexl_get_worksheet_name(h, i, &name)
            guard r == FREEXL_OK, let name else {
                throw fault("xlsx.xls-unreadable", key: "xls.sheet-name", ["n": Int(i) + 1, "why": Self.describe(r)])
            }
            sheets.append(XLSXWorkbook.Sheet(name: String(cString: name), state: .visible, kind: .worksheet, part: nil))
        }
    }

    deinit { if let handle { freexl_close(handle) } }

    /// FreeXL does not read a BIFF sheet's merged ranges: asking for them is an error, never "none".
    public func mergedRanges(of index: Int) throws(TieoutError) -> [CellRange] {
        throw fault("xlsx.xls-merged", key: "xls.merged", ["sheet": sheets[index].name])
    }

    @discardableResult
    public func readRows(of index: Int, _ body: @escaping (XLSXRow) throws(TieoutError) -> Void) throws(TieoutError) -> XLSXWorkbook.SheetReport {
        precondition(index >= 0 && index < sheets.count, "sheet index out of range")
        guard let h = handle else { preconditionFailure("closed workbook") }
        let name = sheets[index].name
        var r = freexl_select_active_worksheet(h, UInt16(index))
        guard r == FREEXL_OK else {
            throw fault("xlsx.xls-unreadable", key: "xls.sheet", ["sheet": name, "why": Self.describe(r)])
        }
        var rows: UInt32 = 0, columns: UInt16 = 0
        r = freexl_worksheet_dimensions(h, &rows, &columns)
        guard r == FREEXL_OK else {
            throw fault("xlsx.xls-unreadable", key: "xls.sheet-size", ["sheet": name, "why": Self.describe(r)])
        }
        let cellCount = Int64(rows) * Int64(columns)
        guard cellCount <= limits.maxCells else {
            throw fault("xlsx.too-many-cells", key: "xls.too-many-cells", ["sheet": name, "rows": rows, "columns": columns, "limit": limits.maxCells])
        }
        var arena: [UInt8] = []
        var spans: [(column: Int, kind: CellKind, start: Int, count: Int)] = []
        var cells: Int64 = 0
        for row in 0..<rows {
            arena.removeAll(keepingCapacity: true)
            spans.removeAll(keepingCapacity: true)
            for column in 0..<columns {
                var cell = FreeXL_CellValue()
                r = freexl_get_cell_value(h, row, column, &cell)
                guard r == FREEXL_OK else {
                    throw fault("xlsx.xls-unreadable", key: "xls.cell", ["cell": "\(SourceLocation.letter(forColumn: Int(column) + 1))\(row + 1)", "sheet": name, "why": Self.describe(r)])
                }
                let text: String
                let kind: CellKind
                switch Int32(cell.type) {
                case FREEXL_CELL_NULL: continue
                case FREEXL_CELL_INT: text = String(cell.value.int_value); kind = .number
                case FREEXL_CELL_DOUBLE: text = Self.decimalText(cell.value.double_value); kind = .number
                case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT:
                    text = cell.value.text_value.map { String(cString: $0) } ?? ""; kind = .text
                    if text.isEmpty { continue }
                case FREEXL_CELL_DATE: text = cell.value.text_value.map { String(cString: $0) } ?? ""; kind = .isoDate
                case FREEXL_CELL_DATETIME:
                    text = (cell.value.text_value.map { String(cString: $0) } ?? "").replacingOccurrences(of: " ", with: "T"); kind = .isoDate
                case FREEXL_CELL_TIME: text = cell.value.text_value.map { String(cString: $0) } ?? ""; kind = .text
                default:
                    throw fault("xlsx.xls-cell-type", key: "xls.cell-type", ["cell": "\(SourceLocation.letter(forColumn: Int(column) + 1))\(row + 1)", "sheet": name, "type": cell.type])
                }
                cells += 1
                let start = arena.count
                arena.append(contentsOf: text.utf8)
                spans.append((Int(column) + 1, kind, start, arena.count - start))
            }
            if spans.isEmpty { continue }
            try arena.withUnsafeBufferPointer { (buffer) throws(TieoutError) in
                let rowCells = spans.map { s in
                    Cell(column: s.column, kind: s.kind, bytes: UnsafeBufferPointer(rebasing: buffer[s.start..<(s.start + s.count)]))
                }
                try body(XLSXRow(number: Int(row) + 1, cells: rowCells))
            }
        }
        return XLSXWorkbook.SheetReport(dimension: rows > 0 && columns > 0 ? "A1:\(SourceLocation.letter(forColumn: Int(columns)))\(rows)" : nil,
                                        mergedRanges: [], formulasWithoutValue: [], cells: cells, mergedRangesKnown: false)
    }

    /// A double as Excel shows it in General format and an .xlsx stores it: the shortest text
    /// that reads back as the same double (`1234.56`, not 1234.5599999999999), integers without `.0`.
    static func decimalText(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return d.description
    }

    /// A Compound File (`D0 CF 11 E0 A1 B1 1A E1`): a BIFF workbook, or an encrypted OOXML package.
    static func isCompoundFile(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 8)
        return read(fd, &head, 8) == 8 && CompoundFile.isSignature(head)
    }

    /// A Compound File holding `EncryptedPackage` (UTF-16LE, in its first 4 MiB): a password-protected .xlsx.
    static func isEncryptedPackage(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: CompoundFile.searchedBytes)
        let n = read(fd, &bytes, bytes.count)
        guard n > 0 else { return false }
        return CompoundFile.containsEntryName("EncryptedPackage", in: bytes[..<n])
    }

    /// What FreeXL's code means, in both languages (`error.freexl.*`).
    static func describe(_ code: Int32) -> Phrase {
        switch code {
        case FREEXL_FILE_NOT_FOUND: Phrase("error.freexl.not-found")
        case FREEXL_INSUFFICIENT_MEMORY: Phrase("error.freexl.memory")
        case FREEXL_INVALID_CFBF_HEADER, FREEXL_CFBF_INVALID_SIGNATURE, FREEXL_CFBF_INVALID_SECTOR_SIZE: Phrase("error.freexl.header")
        case FREEXL_CFBF_READ_ERROR, FREEXL_CFBF_SEEK_ERROR: Phrase("error.freexl.ends-early")
        case FREEXL_CFBF_EMPTY_FAT_CHAIN, FREEXL_CFBF_ILLEGAL_FAT_ENTRY, FREEXL_INVALID_MINI_STREAM, FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY: Phrase("error.freexl.fat")
        case FREEXL_BIFF_INVALID_BOF, FREEXL_BIFF_WORKBOOK_NOT_FOUND: Phrase("error.freexl.no-workbook")
        case FREEXL_BIFF_INVALID_SST, FREEXL_BIFF_ILLEGAL_SST_INDEX: Phrase("error.freexl.shared-strings")
        case FREEXL_INVALID_CHARACTER: Phrase("error.freexl.character")
        case FREEXL_UNSUPPORTED_CHARSET: Phrase("error.freexl.charset")
        case FREEXL_ILLEGAL_RK_VALUE: Phrase("error.freexl.number")
        case FREEXL_CRAFTED_FILE: Phrase("error.freexl.crafted")
        default: Phrase("error.freexl.other", ["code": code])
        }
    }

    /// The error `error.<key>.*` of the catalog, at this file (`{file}`: its path).
    private func fault(_ code: ErrorCode, key: String, _ args: [String: any CustomStringConvertible] = [:]) -> TieoutError {
        TieoutError(code: code, key: key, args.merging(["file": path]) { a, _ in a }, location: SourceLocation(file: path))
    }
}
