#if canImport(Glibc)
import Glibc
#endif
import CXLSXWriter
import TieoutCore

/// An `.xlsx` workbook written through libxlsxwriter: sheets, then rows in order.
///
/// ```swift
/// let book = try WorkbookWriter(path: "out/score.xlsx.tmp-42", reportedAs: "out/score.xlsx")
/// let sheet = try book.addSheet("评分")
/// try sheet.write(row: 0, [.text("合计"), .amount(Amount("98.79")!)], styles: [nil, CellStyle(numberFormat: "0.00")])
/// try book.close()
/// ```
///
/// In constant-memory mode (the default) each sheet's rows go to a temporary file as they are
/// written, so memory stays flat however long the sheet; rows must then be written in order
/// and a row is final once a later one is written (merged ranges need `constantMemory: false`).
/// Strings are always written as strings (inline strings in constant-memory mode), so text that
/// looks like a formula (`=SUM(A1)`, `+1`, `-2`, `@x`) stays text. Every libxlsxwriter error
/// becomes a ``TieoutError`` naming the file, the sheet and cell, and the fix; ``close()``
/// must succeed for the file to be a workbook. Use ``write(to:constantMemory:_:)`` for a file
/// written atomically (a temporary file beside it, renamed into place).
public final class WorkbookWriter {
    /// The file libxlsxwriter writes.
    public let path: String
    /// The name errors give (the final name when `path` is a temporary file).
    public let reportedAs: String
    private var book: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    private var sheetNames: Set<String> = []
    private let tmpdir: UnsafeMutablePointer<CChar>?

    public init(path: String, reportedAs: String? = nil, constantMemory: Bool = true) throws(TieoutError) {
        self.path = path
        self.reportedAs = reportedAs ?? path
        // Temporary files beside the output: a full disk is the output's disk, not /tmp's.
        let dir = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        tmpdir = strdup(dir.isEmpty ? (path.hasPrefix("/") ? "/" : ".") : dir)
        var options = lxw_workbook_options(constant_memory: constantMemory ? 1 : 0, tmpdir: tmpdir, use_zip64: 1)
        book = workbook_new_opt(path, &options)
        guard book != nil else {
            throw WorkbookWriter.failure(self.reportedAs, key: "xlsx.write-start",
                                         ["dir": dir.isEmpty ? "." : dir, "folder": dir.isEmpty ? Phrase("error.xlsx.current-folder") : Phrase("error.xlsx.folder", ["folder": dir])])
        }
    }

    /// A workbook that will replace `path` when ``commit()`` succeeds: written into `path.tmp-PID` until then.
    public convenience init(replacing path: String, constantMemory: Bool = true) throws(TieoutError) {
        try self.init(path: path + ".tmp-\(getpid())", reportedAs: path, constantMemory: constantMemory)
    }

    deinit {
        // A workbook not closed (an error on the way): its memory and temporary files go; no file is written.
        if let book { lxw_workbook_free(book) }
        free(tmpdir)
    }

    /// A new sheet. `name` is made valid for Excel first (``sheetName(_:suffix:)``), and unique.
    public func addSheet(_ name: String) throws(TieoutError) -> WorksheetWriter {
        guard let book else { throw WorkbookWriter.failure(reportedAs, key: "xlsx.write-closed") }
        var valid = WorkbookWriter.sheetName(name)
        var k = 2
        while sheetNames.contains(valid.lowercased()) {
            valid = WorkbookWriter.sheetName(name, suffix: " (\(k))")
            k += 1
        }
        guard let sheet = workbook_add_worksheet(book, valid) else {
            throw WorkbookWriter.failure(reportedAs, key: "xlsx.write-sheet", ["sheet": valid])
        }
        sheetNames.insert(valid.lowercased())
        return WorksheetWriter(book: self, sheet: sheet, name: valid)
    }

    /// Writes the workbook's file: the zip container with every sheet. Until this returns
    /// without an error, the file is not a workbook.
    public func close() throws(TieoutError) {
        guard let b = book else { return }
        book = nil
        let err = workbook_close(b)
        if err != LXW_NO_ERROR { throw failure(err, at: nil) }
    }

    /// For a workbook started on a temporary file (`reportedAs` the final name): closes it,
    /// syncs it and renames it over `reportedAs`; on any failure the temporary file is removed
    /// and the final file is left as it was.
    public func commit() throws {
        do {
            try close()
            try WorkbookWriter.syncFile(path, reportedAs: reportedAs)
        } catch {
            unlink(path)
            throw error
        }
        if rename(path, reportedAs) != 0 {
            let e = errno
            unlink(path)
            throw WorkbookWriter.failure(reportedAs, key: "xlsx.write-rename", ["reason": String(cString: strerror(e))])
        }
    }

    /// Writes a whole workbook atomically: into `path.tmp-PID`, synced, then renamed over `path`.
    /// When `body` or the writing fails, `path` is left as it was and the temporary file is removed.
    public static func write(to path: String, constantMemory: Bool = true, _ body: (WorkbookWriter) throws -> Void) throws {
        let book = try WorkbookWriter(replacing: path, constantMemory: constantMemory)
        try body(book)
        try book.commit()
    }

    /// The file's data on disk before it is renamed into place (a crash leaves the old file or the whole new one).
    public static func syncFile(_ path: String, reportedAs: String) throws(TieoutError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw failure(reportedAs, key: "xlsx.write-reopen", ["reason": String(cString: strerror(errno))]) }
        defer { _ = Glibc.close(fd) }
        if fsync(fd) != 0 {
            throw failure(reportedAs, key: "xlsx.write-sync", ["reason": String(cString: strerror(errno))])
        }
    }

    /// A sheet name Excel accepts: none of `[]:*?/\`, no apostrophe at either end, not empty,
    /// at most 31 characters with `suffix` (`treasury_payment (2)`).
    public static func sheetName(_ name: String, suffix: String = "") -> String {
        var base = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 })
        while base.hasPrefix("'") { base.removeFirst() }
        while base.hasSuffix("'") { base.removeLast() }
        if base.isEmpty { base = "Sheet" }
        let room = 31 - suffix.unicodeScalars.count
        var scalars = String.UnicodeScalarView()
        for s in base.unicodeScalars where scalars.count < room { scalars.append(s) }
        return String(scalars) + suffix
    }

    // MARK: formats and errors, for the sheets

    func format(_ style: CellStyle?) -> UnsafeMutablePointer<lxw_format>? {
        guard let style, let book else { return nil }
        if let f = formats[style] { return f }
        guard let f = workbook_add_format(book) else { return nil }
        if let n = style.numberFormat { format_set_num_format(f, n) }
        if style.bold { format_set_bold(f) }
        if style.wrap { format_set_text_wrap(f) }
        if style.center { format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue)) }
        if style.verticalCenter { format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue)) }
        if style.border { format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        if let c = style.fill { format_set_bg_color(f, c) }
        formats[style] = f
        return f
    }

    /// libxlsxwriter's failure `err` (its own words, as it wrote them), at a place in the workbook.
    func failure(_ err: lxw_error, at place: Phrase?) -> TieoutError {
        let key = switch err {
        case LXW_ERROR_CREATING_XLSX_FILE: "xlsx.write-create"
        case LXW_ERROR_CREATING_TMPFILE, LXW_ERROR_READING_TMPFILE, LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_FILE_ADD, LXW_ERROR_ZIP_CLOSE,
             LXW_ERROR_ZIP_INTERNAL_ERROR, LXW_ERROR_ZIP_BAD_ZIP_FILE, LXW_ERROR_ZIP_PARAMETER_ERROR: "xlsx.write-disk"
        case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED: "xlsx.write-long-text"
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE: "xlsx.write-too-large"
        case LXW_ERROR_MEMORY_MALLOC_FAILED: "xlsx.write-memory"
        default: "xlsx.write"
        }
        return TieoutError(code: "xlsx.write", key: key,
                           ["file": reportedAs, "place": place.map { Phrase("error.xlsx.write-place", ["place": $0]) } ?? Phrase.empty,
                            "cause": String(cString: lxw_strerror(err))],
                           location: SourceLocation(file: reportedAs))
    }

    /// The error `error.<key>.*` of the catalog for the workbook `path` (`{file}`).
    static func failure(_ path: String, key: String, _ args: [String: any CustomStringConvertible] = [:]) -> TieoutError {
        TieoutError(code: "xlsx.write", key: key, args.merging(["file": path]) { a, _ in a }, location: SourceLocation(file: path))
    }
}

/// How a cell looks: number format, bold, fill colour (0xRRGGBB), wrapping, alignment, border.
public struct CellStyle: Hashable, Sendable {
    public var numberFormat: String?
    public var bold: Bool
    public var fill: UInt32?
    public var wrap: Bool
    public var center: Bool
    public var verticalCenter: Bool
    public var border: Bool

    public init(numberFormat: String? = nil, bold: Bool = false, fill: UInt32? = nil, wrap: Bool = false,
                center: Bool = false, verticalCenter: Bool = false, border: Bool = false) {
        self.numberFormat = numberFormat
        self.bold = bold
        self.fill = fill
        self.wrap = wrap
        self.center = center
        self.verticalCenter = verticalCenter
        self.border = border
    }

    /// Money as reports print it: `#,##0.00`.
    public static let money = CellStyle(numberFormat: "#,##0.00")
    /// A date: `yyyy-mm-dd`.
    public static let date = CellStyle(numberFormat: "yyyy-mm-dd")
    /// A header cell: bold, bordered, centred.
    public static let header = CellStyle(bold: true, center: true, verticalCenter: true, border: true)
}
