/// Bounds on what a workbook may make Tieout do: real ledgers stay far below
/// them; hostile files (zip bombs, huge shared-string tables) stop at them
/// with a clear error instead of exhausting memory or time.
///
/// ```swift
/// var limits = XLSXLimits()
/// limits.maxTotalInflatedBytes = 4 << 30   // allow 4 GiB of XML
/// ```
public struct XLSXLimits: Sendable, Equatable {
    /// Entries in the zip's central directory.
    public var maxEntries = 20_000
    /// Bytes inflated from the whole archive (counted as they are inflated, never from headers).
    public var maxTotalInflatedBytes: Int64 = 2 << 30
    /// Bytes inflated from one part.
    public var maxPartBytes: Int64 = 2 << 30
    /// Inflated bytes per compressed byte, checked once a part has inflated `ratioGraceBytes`.
    public var maxInflateRatio: Int64 = 200
    /// Bytes a part may inflate before the ratio is checked.
    public var ratioGraceBytes: Int64 = 64 << 20
    /// Cells read from one sheet.
    public var maxCells: Int64 = 500_000_000
    /// Bytes of text in the shared-string table.
    public var maxSharedStringBytes: Int64 = 1 << 30
    /// Entries in the shared-string table.
    public var maxSharedStrings: Int64 = 100_000_000
    /// Bytes of cell text one sheet may expand to (shared strings are copied into every cell
    /// that refers to them, so a small package can name gigabytes of text).
    public var maxSheetTextBytes: Int64 = 4 << 30
    /// Bytes of one sheet's cell text per byte of the package file, checked once the sheet's
    /// text passes `textGraceBytes`.
    public var maxTextRatio: Int64 = 1000
    /// Bytes of cell text a sheet may always expand to, whatever the package's size.
    public var textGraceBytes: Int64 = 64 << 20

    /// The cell text a sheet of a package of `packageBytes` may expand to.
    public func sheetTextBudget(packageBytes: Int64) -> Int64 {
        let (relative, overflow) = maxTextRatio.multipliedReportingOverflow(by: max(packageBytes, 1))
        return min(maxSheetTextBytes, max(textGraceBytes, overflow ? .max : relative))
    }

    public init() {}
}
