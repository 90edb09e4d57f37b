import TieoutCore

/// A rectangular range of cells, `A1:H200` (or one cell, `B7`).
///
/// ```swift
/// let r = CellRange("B2:D10")!
/// r.contains(row: 5, column: 3)   // true
/// ```
public struct CellRange: Sendable, Equatable, CustomStringConvertible {
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int

    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let a = CellRange.cell(parts[0]), let b = CellRange.cell(parts.count == 2 ? parts[1] : parts[0]) else { return nil }
        firstRow = min(a.row, b.row); lastRow = max(a.row, b.row)
        firstColumn = min(a.column, b.column); lastColumn = max(a.column, b.column)
    }

    static func cell(_ s: Substring) -> (row: Int, column: Int)? {
        let t = s.filter { $0 != "$" }
        let letters = t.prefix { $0.isLetter }
        let digits = t.dropFirst(letters.count)
        guard let column = SourceLocation.column(forLetters: letters.uppercased()), column <= 16384,
              let row = Int(digits), row >= 1, row <= 1_048_576 else { return nil }
        return (row, column)
    }

    public func contains(row: Int, column: Int) -> Bool {
        row >= firstRow && row <= lastRow && column >= firstColumn && column <= lastColumn
    }

    public var description: String {
        SourceLocation.letter(forColumn: firstColumn) + "\(firstRow):" + SourceLocation.letter(forColumn: lastColumn) + "\(lastRow)"
    }
}

/// Collects `<mergeCell ref>` only (they follow the cells, so a first pass finds them).
final class MergeHandler: XMLEventHandler {
    var ranges: [String] = []
    private var main = MainNamespace()

    func startElement(uri: XMLName, local: XMLName, attributes: XMLAttributes) {
        guard local == "mergeCell", main.matches(uri), let ref = attributes.string("ref") else { return }
        ranges.append(ref)
    }
    func endElement(uri: XMLName, local: XMLName) {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

extension XLSXWorkbook {
    /// The merged ranges of sheet `index`: a pass over the sheet before its rows are
    /// read, since `<mergeCells>` comes after `<sheetData>`.
    public func mergedRanges(of index: Int) throws(TieoutError) -> [CellRange] {
        guard let part = sheets[index].part else { return [] }
        let h = MergeHandler()
        try parse(part: part, with: h)
        return h.ranges.compactMap(CellRange.init)
    }
}
