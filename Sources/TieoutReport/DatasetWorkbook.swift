import TieoutCore
import TieoutIngest
import TieoutOffice
import TieoutStore

/// `tieout export --format xlsx`: the dataset as one workbook, one sheet per record kind with
/// the columns of the CSV export; a kind past a sheet's rows continues on `KIND (2)`, ….
public enum DatasetWorkbook {
    /// The export's columns, typed: row and line numbers, amounts (`#,##0.00`), percentages and
    /// integers as exact numbers, dates as dates; every other column (cells, texts, hashes) as text.
    public static func columns(for kind: RecordKind) -> [SheetTable.Column] {
        var c: [SheetTable.Column] = [.text, .text, .text, .integer, .integer]
        for f in kind.fields {
            switch f.type {
            case .amount: c.append(.money)
            case .percentage: c.append(.amount(format: nil))
            case .integer: c.append(.integer)
            case .date: c.append(.date)
            default: c.append(.text)
            }
            c.append(.text)
        }
        return c
    }

    /// Writes each kind that has a table into `book` (constant-memory mode is fine: rows go in order),
    /// under the CSV export's headers: the kind's Chinese titles (for people), or with `.en` its
    /// English field names (``CSVHeaders/export(_:_:)``).
    public static func write(_ store: DatasetStore, kinds: [RecordKind], into book: WorkbookWriter,
                             rowLimit: Int = SheetTable.defaultRowLimit, headers: ReportLanguage = .zh) throws -> [(table: String, rows: Int, sheets: [String])] {
        try write(engine: store, kinds: kinds, into: book, rowLimit: rowLimit, headers: headers)
    }

    /// The same, read by `engine` (a `PostgresDataset`: the unit's schema in PostgreSQL).
    package static func write(engine store: any DatasetEngine, kinds: [RecordKind], into book: WorkbookWriter,
                              rowLimit: Int = SheetTable.defaultRowLimit, headers: ReportLanguage = .zh) throws -> [(table: String, rows: Int, sheets: [String])] {
        var out: [(table: String, rows: Int, sheets: [String])] = []
        for kind in kinds where try store.hasTable(for: kind) {
            var table: SheetTable?
            try store.exportRows(of: kind) { line in
                guard let t = table else {
                    table = try SheetTable(book: book, name: kind.table, header: CSVHeaders.export(kind, headers), columns: columns(for: kind), rowLimit: rowLimit)
                    return
                }
                try t.append(line)
            }
            if let t = table { out.append((kind.table, t.rows, t.sheets)) }
        }
        return out
    }
}
