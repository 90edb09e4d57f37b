import TieoutCore
import TieoutIngest
import TieoutXLSX

/// Which reader a file needs (``TieoutIngest/TableFileKind``): by its bytes, not only its name.
typealias FileKind = TableFileKind

/// Resolves `--sheet NAME|INDEX` (default: the first worksheet).
func chooseSheet(_ book: any SheetReading, _ name: String?, file: String) throws -> Int {
    try TableFileKind.sheetIndex(book, name, file: file, fix: "--sheet")
}

/// Reads `--range A1:H200`; nil when the option is absent.
func parseRange(_ text: String?) throws -> CellRange? {
    guard let text else { return nil }
    guard let range = CellRange(text) else {
        throw TieoutError(code: "usage.range", ["value": text])
    }
    return range
}

/// The warning for a formula cell whose value the workbook does not hold.
func formulaWithoutValue(_ ref: String, file: String, sheet: String, consequence: Phrase = .empty) -> TieoutError {
    TieoutError(code: "xlsx.formula-no-value", ["cell": ref, "consequence": consequence], location: SourceLocation(file: file, sheet: sheet))
}

/// A cell the sheet writes twice: the later value was read, as Excel reads it.
func duplicateCell(_ ref: String, file: String, sheet: String) -> TieoutError {
    TieoutError(code: "xlsx.duplicate-cell", ["cell": ref], location: SourceLocation(file: file, sheet: sheet))
}
