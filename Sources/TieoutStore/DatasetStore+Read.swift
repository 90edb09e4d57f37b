import GRDB
import TieoutCore
import TieoutIngest

/// Where a stored value came from.
public struct Lineage: Sendable, Equatable {
    /// Relative to the workspace.
    public var file: String
    public var sha256: String
    public var sheet: String?
    /// Record (CSV) or row (sheet) number.
    public var row: Int
    /// CSV: the physical line.
    public var line: Int?
    /// Per field: the cell reference (`G4`).
    public var cells: [String: String]

    /// `ledgers/treasury/2024-03.csv!G4` or `ledgers/budget.xlsx[指标]!F7`.
    public func place(of field: String) -> String {
        let cell = cells[field] ?? "row \(row)"
        return file + (sheet.map { "[\($0)]" } ?? "") + "!" + cell
    }
}

/// A record as stored: its values and its lineage.
public struct StoredRecord: Sendable {
    public var values: [String: FieldValue]
    public var lineage: Lineage

    public subscript(field: String) -> FieldValue? { values[field] }
}

/// One rejected row as stored.
public struct StoredReject: Sendable {
    public var file: String
    public var sheet: String?
    public var row: Int?
    public var line: Int?
    public var column: String?
    public var cell: String?
    public var columnName: String?
    /// Why, in English.
    public var reason: String
    public var cells: String
    /// Why, in Chinese (nil: the row was rejected before Tieout kept it, or the reason has no Chinese yet).
    public var reasonZh: String? = nil

    /// Why, in the language asked for.
    public func reason(english: Bool) -> String { english ? reason : reasonZh ?? reason }
}

/// One file as the dataset knows it.
public struct StoredFile: Sendable {
    public var path: String
    public var sha256: String
    public var profile: String
    public var kind: String
    public var sheet: String?
    public var unit: String
    public var period: String?
    public var status: String
    public var accounting: RowAccounting
}

extension DatasetStore {
    /// Every record of `kind` from the active files, in file and row order.
    public func records(of kind: RecordKind) throws(TieoutError) -> [StoredRecord] {
        var out: [StoredRecord] = []
        try forEachRecord(of: kind) { out.append($0) }
        return out
    }

    /// Streams the records of `kind` (memory stays flat for big ledgers).
    public func forEachRecord(of kind: RecordKind, _ body: (StoredRecord) throws -> Void) throws(TieoutError) {
        do {
            try queue.read { db in
                let letters = try Self.fieldColumns(db)
                let rows = try Row.fetchCursor(db, sql: Self.activeRows(kind))
                while let row = try rows.next() {
                    var values: [String: FieldValue] = [:]
                    var cells: [String: String] = [:]
                    let fileId: Int64 = row["file_id"]
                    let r: Int = row["row"]
                    for f in kind.fields {
                        if let v = try Self.value(row, f, table: kind.table, path: row["_path"], rowNumber: r) { values[f.name] = v }
                        if let cell = letters[fileId]?[f.name] { cells[f.name] = cell.at(r) }
                    }
                    try body(StoredRecord(values: values, lineage: Lineage(file: row["_path"], sha256: row["_sha"], sheet: row["_sheet"],
                                                                         row: row["row"], line: row["line"], cells: cells)))
                }
            }
        } catch { throw fault(error, Phrase("error.doing.reading-table", ["table": kind.table])) }
    }

    /// A stored value as its field's type. The dataset holds what ingest wrote, so a value
    /// that does not read back is a damaged dataset: an error naming it, never a blank (a
    /// blank amount would leave every figure over it short, without a word).
    static func value(_ row: Row, _ f: FieldSpec, table: String, path: String, rowNumber: Int) throws(TieoutError) -> FieldValue? {
        func parsed<T>(_ parse: (String) throws -> T?) throws(TieoutError) -> T? {
            guard let text = row[f.name] as String? else { return nil }
            do { if let v = try parse(text) { return v } } catch {}
            throw TieoutError(code: "store.damaged", key: "store.damaged-value",
                              ["text": text.escapingControlCharacters, "field": f.name, "file": path, "row": rowNumber, "table": table, "type": f.type.name],
                              location: SourceLocation(file: path, line: rowNumber))
        }
        switch f.type {
        case .integer: return (row[f.name] as Int?).map(FieldValue.integer)
        case .boolean: return (row[f.name] as Int?).map { .boolean($0 != 0) }
        case .text: return (row[f.name] as String?).map(FieldValue.text)
        case .enumeration: return (row[f.name] as String?).map(FieldValue.enumeration)
        case .amount: return try parsed { try Amount.parse($0) }.map(FieldValue.amount)
        case .percentage: return try parsed { try Amount.parse($0) }.map(FieldValue.percentage)
        case .date: return try parsed { try CalendarDate.parse($0) }.map(FieldValue.date)
        }
    }

    /// Files renamed or moved, oldest first: the path before, the path after and the ingest run that saw it.
    public func renames() throws(TieoutError) -> [(from: String, to: String, run: Int64)] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT old_path, new_path, run_id FROM file_renames ORDER BY id").map { r in
                    (from: r["old_path"] as String, to: r["new_path"] as String, run: r["run_id"] as Int64)
                }
            }
        } catch { throw fault(error, Phrase("error.doing.reading-renames")) }
    }

    /// Rejected rows of the active files, in file and row order.
    public func rejects() throws(TieoutError) -> [StoredReject] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT r.*, f.path AS _path, f.sheet AS _sheet FROM rejects r JOIN files f ON f.id = r.file_id
                    WHERE f.status = 'active' ORDER BY f.path, r.row, r.id
                    """).map { r in
                    StoredReject(file: r["_path"], sheet: r["_sheet"], row: r["row"], line: r["line"], column: r["column_letter"],
                                 cell: r["cell"], columnName: r["column_name"], reason: r["reason"], cells: r["cells"], reasonZh: r["reason_zh"])
                }
            }
        } catch { throw fault(error, Phrase("error.doing.reading-rejects")) }
    }

    /// Files of the dataset (active ones, unless `all`).
    public func files(all: Bool = false) throws(TieoutError) -> [StoredFile] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM files \(all ? "" : "WHERE status = 'active'") ORDER BY path, id").map { r in
                    StoredFile(path: r["path"], sha256: r["sha256"], profile: r["profile"], kind: r["kind"], sheet: r["sheet"],
                               unit: r["unit"], period: r["period"], status: r["status"], accounting: Self.accounting(r))
                }
            }
        } catch { throw fault(error, Phrase("error.doing.reading-files")) }
    }

    /// A kind's rows from the active files, with their file's path, SHA-256 and sheet, in file and row order.
    static func activeRows(_ kind: RecordKind) -> String { DatasetSQL.activeRows(kind) }

    /// Where a field's values are in a file: a column, and for a key-value table the row too.
    struct FieldCell {
        var letter: String
        /// A key-value table's field is one cell (its label's row); nil: the record's row.
        var row: Int?
        /// An amount read `minus:` a second column: that column, and the rows whose value came from it alone.
        var second: SecondCell?
        /// A transposed cross-tab's field has no letter: the record is a column (its row number
        /// is the column's), the field one row of it.
        func at(_ recordRow: Int) -> String {
            if let second, second.has(recordRow) { return second.letter + String(recordRow) }
            return letter.isEmpty ? SourceLocation.letter(forColumn: recordRow) + String(row ?? recordRow) : letter + String(row ?? recordRow)
        }
    }

    /// Per file: field → the cell that fed it.
    static func fieldColumns(_ db: Database, file: Int64? = nil) throws -> [Int64: [String: FieldCell]] {
        var out: [Int64: [String: FieldCell]] = [:]
        let rows = try file.map { try Row.fetchAll(db, sql: "SELECT file_id, field, column_letter, row FROM file_fields WHERE file_id = ?", arguments: [$0]) }
            ?? Row.fetchAll(db, sql: "SELECT file_id, field, column_letter, row FROM file_fields")
        for r in rows {
            out[r["file_id"], default: [:]][r["field"]] = FieldCell(letter: r["column_letter"], row: r["row"])
        }
        try secondCells(db, file: file, into: &out)
        return out
    }

    /// Streams a kind's table for export: the header, then each row as text (blank for NULL),
    /// lineage first (file, sha256, sheet, row, line), then each field and its cell.
    public func exportRows(of kind: RecordKind, _ body: ([String]) throws -> Void) throws(TieoutError) {
        do {
            try body(DatasetSQL.exportHeader(kind))
            try queue.read { db in
                let letters = try Self.fieldColumns(db)
                let rows = try Row.fetchCursor(db, sql: Self.activeRows(kind))
                while let row = try rows.next() {
                    let fileId: Int64 = row["file_id"]
                    try body(DatasetSQL.exportLine(kind, path: row["_path"], sha: row["_sha"], sheet: row["_sheet"], row: row["row"], line: row["line"],
                                                   cells: letters[fileId]) { name in
                        let v: DatabaseValue = row[name]
                        switch v.storage {
                        case .null: return nil
                        case .int64(let n): return String(n)
                        case .string(let s): return s
                        default: return v.description
                        }
                    })
                }
            }
        } catch let e as TieoutError { throw e } catch { throw fault(error, Phrase("error.doing.exporting", ["table": kind.table])) }
    }

    /// Subtotal checks that did not come out equal, for the active files.
    /// `file` is the path, with the sheet when the file is read sheet by sheet; `scope` is
    /// `rows` for a subtotal, `year-to-date` or `quarter-to-date` for a cumulative row.
    public func subtotalProblems() throws(TieoutError) -> [(file: String, row: Int?, cell: String?, label: String, field: String, stated: String?, computed: String, status: String, scope: String)] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT s.*, f.path AS _path, f.part AS _part FROM subtotal_checks s JOIN files f ON f.id = s.file_id
                    WHERE f.status = 'active' AND s.status != 'ok' ORDER BY f.path, f.part, s.row
                    """).map { r in
                    let file = (r["_path"] as String) + ((r["_part"] as String?).map { "[\($0)]" } ?? "")
                    return (file, r["row"], r["cell"], r["label"], r["field"], r["stated"], r["computed"], r["status"], r["scope"])
                }
            }
        } catch { throw fault(error, Phrase("error.doing.reading-subtotal-checks")) }
    }
}
