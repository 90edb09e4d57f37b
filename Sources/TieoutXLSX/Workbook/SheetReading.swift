import TieoutCore

/// A workbook read sheet by sheet, whatever its format: an .xlsx package (``XLSXWorkbook``)
/// or a BIFF .xls file (``XLSWorkbook``). Tables, profiles and commands read through this,
/// so a format is added here once.
public protocol SheetReading: AnyObject {
    var path: String { get }
    var sheets: [XLSXWorkbook.Sheet] { get }
    /// Serial dates count from 1904-01-01.
    var date1904: Bool { get }
    /// Streams the rows of sheet `index` (0-based) to `body`, in order.
    @discardableResult
    func readRows(of index: Int, _ body: @escaping (XLSXRow) throws(TieoutError) -> Void) throws(TieoutError) -> XLSXWorkbook.SheetReport
    /// The index of the sheet named `name`, or numbered `name` (1-based).
    func sheetIndex(_ name: String) -> Int?
    /// The merged ranges of sheet `index`.
    func mergedRanges(of index: Int) throws(TieoutError) -> [CellRange]
}

extension SheetReading {
    /// The index of the sheet named `name`, or numbered `name` (1-based).
    public func sheetIndex(_ name: String) -> Int? {
        if let i = sheets.firstIndex(where: { $0.name == name }) { return i }
        if let n = Int(name), n >= 1 && n <= sheets.count { return n - 1 }
        return nil
    }
}

extension XLSXWorkbook: SheetReading {}

/// Opens a workbook with the reader its first bytes call for: a Compound File that holds a
/// BIFF workbook is read through FreeXL; anything else (zip, an encrypted OOXML package, a
/// file that is neither) goes to the .xlsx reader, which names what it is.
public func openWorkbook(_ path: String, limits: XLSXLimits = XLSXLimits()) throws(TieoutError) -> any SheetReading {
    if XLSWorkbook.isCompoundFile(path) && !XLSWorkbook.isEncryptedPackage(path) {
        return try XLSWorkbook(path: path, limits: limits)
    }
    return try XLSXWorkbook(path: path, limits: limits)
}
