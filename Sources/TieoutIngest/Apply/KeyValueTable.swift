import TieoutCore

/// A key-value table (`类别,人数` → `核定编制,20` / `实有在编,21`) read as one record: its
/// labels become the columns' names and its values one row, so a profile maps fields by
/// label (`authorised: 核定编制`) and every value keeps its own cell (`B3`).
final class KeyValueTable: TableSource {
    /// One label row: its label, its value cell (owned bytes), and where it is.
    struct Entry {
        var label: String
        var kind: CellKind
        var bytes: [UInt8]
        var hasFormula: Bool
        var location: SourceLocation
        var row: Int
    }

    struct Row: TableRow {
        let table: KeyValueTable
        var number: Int { table.entries.first?.row ?? 1 }
        var line: Int? { nil }
        var fieldCount: Int? { nil }
        func cell(_ column: Int) -> Cell? {
            guard column >= 1 && column <= table.entries.count else { return nil }
            let e = table.entries[column - 1]
            return Cell(column: column, kind: e.kind, hasFormula: e.hasFormula, bytes: UnsafeBufferPointer(table.storage[column - 1]))
        }
        func location(column: Int?) -> SourceLocation {
            guard let column, column >= 1 && column <= table.entries.count else { return table.entries.first?.location ?? SourceLocation(file: table.file) }
            return table.entries[column - 1].location
        }
    }

    let file: String
    let sheet: String?
    let date1904: Bool
    let header: TableHeader
    let blankRows: Int
    let entries: [Entry]
    /// The value cells' bytes, owned here for the cells handed out (freed with the table).
    private let storage: [UnsafeMutableBufferPointer<UInt8>]
    /// The value column's letter (`B`).
    let valueLetter: String

    /// Reads every row of `source`: the label in column `keyColumn`, the value in `valueColumn` (from 1).
    init<S: TableSource>(_ source: S, keyColumn: Int, valueColumn: Int) throws(TieoutError) {
        file = source.file
        sheet = source.sheet
        date1904 = source.date1904
        var entries: [Entry] = []
        let d1904 = source.date1904
        try source.forEachRow { (row: S.Row) throws(TieoutError) in
            let label = (row.cell(keyColumn)?.text(date1904: d1904) ?? "").trimmingSpaces()
            let value = row.cell(valueColumn)
            var bytes: [UInt8] = []
            value?.withUTF8 { bytes = Array($0) }
            entries.append(Entry(label: label, kind: value?.kind ?? .empty, bytes: bytes, hasFormula: value?.hasFormula ?? false,
                                 location: row.location(column: valueColumn), row: row.number))
        }
        self.entries = entries
        storage = entries.map { e in
            let b = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(e.bytes.count, 1))
            _ = b.initialize(from: e.bytes)
            return UnsafeMutableBufferPointer(rebasing: b[0..<e.bytes.count])
        }
        var h = source.header
        h.columns = entries.map(\.label)
        header = h
        blankRows = source.blankRows
        valueLetter = SourceLocation.letter(forColumn: valueColumn)
    }

    deinit {
        for b in storage { b.baseAddress.map { $0.deallocate() } }
    }

    func forEachRow(_ body: (Row) throws(TieoutError) -> Void) throws(TieoutError) {
        guard !entries.isEmpty else { return }
        try body(Row(table: self))
    }
}
