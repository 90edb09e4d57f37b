import TieoutCore

/// A transposed cross-tab (categories across the header, measures down the first column)
/// read as a list: each category column becomes a row whose first cell is its header label
/// and whose other cells are the column's values, one per measure row. Every cell handed out
/// keeps its place in the file (`C4`), so a value's lineage and a reject point at the cell.
///
/// ```
/// 项目     行政编制 事业编制 合计          类别(#1) 编制数 实有人数
/// 编制数        10       8   18    →    行政编制      10       9
/// 实有人数       9       7   16          事业编制       8       7
///                                       合计          18      16
/// ```
final class CrossTabTable: TableSource {
    /// One measure row of the file: its label, its cells' bytes by column, and where it is.
    struct Measure {
        var label: String
        var row: Int
        var cells: [Int: (kind: CellKind, formula: Bool, bytes: [UInt8])]
        var location: (Int) -> SourceLocation
    }

    struct Row: TableRow {
        let table: CrossTabTable
        /// The category's column in the file.
        let column: Int
        var number: Int { column }
        var line: Int? { nil }
        var fieldCount: Int? { nil }
        func cell(_ c: Int) -> Cell? {
            guard let b = table.storage[column]?[c] else { return nil }
            let (kind, formula) = c == 1 ? (b.isEmpty ? CellKind.empty : .text, false) : (table.measures[c - 2].cells[column]?.kind ?? .empty, table.measures[c - 2].cells[column]?.formula ?? false)
            return Cell(column: c, kind: kind, hasFormula: formula, bytes: UnsafeBufferPointer(b))
        }
        func location(column c: Int?) -> SourceLocation {
            guard let c, c >= 2, c - 2 < table.measures.count else {
                var l = table.headerLocation
                l.column = column
                return l
            }
            return table.measures[c - 2].location(column)
        }
    }

    let file: String
    let sheet: String?
    let date1904: Bool
    let header: TableHeader
    let blankRows: Int
    let measures: [Measure]
    /// The category columns (from 1), in order.
    let categories: [Int]
    /// The header row's place (its cells are the categories' labels).
    let headerLocation: SourceLocation
    /// Per category column: per transposed column (1: the label, 2…: the measures), owned bytes.
    private let storage: [Int: [Int: UnsafeMutableBufferPointer<UInt8>]]

    init<S: TableSource>(_ source: S) throws(TieoutError) {
        file = source.file
        sheet = source.sheet
        date1904 = source.date1904
        let d1904 = source.date1904
        var measures: [Measure] = []
        var width = source.header.columns.count
        try source.forEachRow { (row: S.Row) throws(TieoutError) in
            let label = (row.cell(1)?.text(date1904: d1904) ?? "").trimmingSpaces()
            var cells: [Int: (kind: CellKind, formula: Bool, bytes: [UInt8])] = [:]
            var locations: [Int: SourceLocation] = [:]
            var c = 2
            let last = row.fieldCount ?? max(width, 2)
            while c <= last {
                if let cell = row.cell(c) {
                    var bytes: [UInt8] = []
                    cell.withUTF8 { bytes = Array($0) }
                    cells[c] = (cell.kind, cell.hasFormula, bytes)
                    width = max(width, c)
                }
                locations[c] = row.location(column: c)
                c += 1
            }
            let rowLocation = row.location(column: nil)
            measures.append(Measure(label: label, row: row.number, cells: cells, location: { c in
                if let l = locations[c] { return l }
                var l = rowLocation
                l.column = c
                return l
            }))
        }
        self.measures = measures
        let labels = source.header.columns
        categories = (2...max(width, 2)).filter { c in
            let named = c - 1 < labels.count && !labels[c - 1].trimmingSpaces().isEmpty
            return named || measures.contains { !($0.cells[c]?.bytes.isEmpty ?? true) }
        }
        var storage: [Int: [Int: UnsafeMutableBufferPointer<UInt8>]] = [:]
        func own(_ bytes: [UInt8]) -> UnsafeMutableBufferPointer<UInt8> {
            let b = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
            _ = b.initialize(from: bytes)
            return UnsafeMutableBufferPointer(rebasing: b[0..<bytes.count])
        }
        for c in categories {
            var cells: [Int: UnsafeMutableBufferPointer<UInt8>] = [1: own(Array((c - 1 < labels.count ? labels[c - 1].trimmingSpaces() : "").utf8))]
            for (i, m) in measures.enumerated() { if let v = m.cells[c] { cells[i + 2] = own(v.bytes) } }
            storage[c] = cells
        }
        self.storage = storage
        var h = source.header
        h.columns = [labels.first ?? ""] + measures.map(\.label)
        header = h
        headerLocation = h.row.map { r in source.sheet == nil ? SourceLocation(file: source.file, record: r) : SourceLocation(file: source.file, sheet: source.sheet, line: r) }
            ?? SourceLocation(file: source.file, sheet: source.sheet)
        blankRows = source.blankRows
    }

    deinit {
        for cells in storage.values { for b in cells.values { b.baseAddress.map { $0.deallocate() } } }
    }

    func forEachRow(_ body: (Row) throws(TieoutError) -> Void) throws(TieoutError) {
        for c in categories { try body(Row(table: self, column: c)) }
    }
}
