import TieoutCore
import TieoutIngest
import TieoutPostgres

/// The records behind a figure and a kind's rows for export, read from the unit's schema with
/// the statements SQLite runs (``DatasetSQL``), through a cursor (memory stays flat).
extension PostgresDataset {
    package func forEachSelected(_ kind: RecordKind, base: RecordFilter, filter: RecordFilter, field: String?, shown: [String],
                                 _ body: (DatasetStore.SelectedValue) throws -> Void) throws(TieoutError) {
        let shown = shown.filter { kind.field($0) != nil }
        guard try tableExists(kind.table) else { return }
        let letters = try fieldColumns(files: nil)
        var s = Statement()
        let sql = s.add(DatasetSQL.selected(kind, base: base, filter: filter, field: field, shown: shown))
        try forEachRow(sql, s.arguments, doing: Phrase("error.doing.listing-records", ["table": kind.table])) { r in
            guard let fileId = r["file_id"].flatMap({ Int64($0) }), let row = r["row"].flatMap({ Int($0) }), let path = r["path"] else {
                throw damaged(kind, Phrase("error.store.record-without-place"))
            }
            let cell = field.flatMap { letters[fileId]?[$0] }.map { $0.at(row) }
            var texts: [String: String] = [:]
            for (i, name) in shown.enumerated() { if let t = r["_shown\(i)"] { texts[name] = t } }
            try body(DatasetStore.SelectedValue(file: path, sheet: r["sheet"], row: row, cell: cell, value: field == nil ? nil : r["_value"], shown: texts))
        }
    }

    package func exportRows(of kind: RecordKind, _ body: ([String]) throws -> Void) throws(TieoutError) {
        do { try body(DatasetSQL.exportHeader(kind)) } catch let e as TieoutError { throw e } catch { throw fault(error, Phrase("error.doing.exporting", ["table": kind.table])) }
        guard try tableExists(kind.table) else { return }
        let letters = try fieldColumns(files: nil)
        try forEachRow(DatasetSQL.activeRows(kind), [], doing: Phrase("error.doing.exporting", ["table": kind.table])) { r in
            guard let fileId = r["file_id"].flatMap({ Int64($0) }), let row = r["row"].flatMap({ Int($0) }), let path = r["_path"], let sha = r["_sha"] else {
                throw damaged(kind, Phrase("error.store.record-without-place"))
            }
            try body(DatasetSQL.exportLine(kind, path: path, sha: sha, sheet: r["_sheet"], row: row, line: r["line"].flatMap { Int($0) },
                                           cells: letters[fileId]) { r[$0] })
        }
    }

    package func hasTable(for kind: RecordKind) throws(TieoutError) -> Bool { try tableExists(kind.table) }

    /// Per file: field → the cell that fed it (`file_fields`, and `value_cells`' second columns), for `files` or all.
    func fieldColumns(files: [Int64]?) throws(TieoutError) -> [Int64: [String: DatasetStore.FieldCell]] {
        let only = files.map { " WHERE file_id = ANY('{" + $0.map(String.init).joined(separator: ",") + "}'::bigint[])" } ?? ""
        var cells: [Int64: [String: DatasetStore.FieldCell]] = [:]
        for r in try db.query(PostgresSQL(sql: "SELECT file_id::text, field, column_letter, \"row\"::text FROM file_fields" + only)) {
            guard let f = r[0].flatMap({ Int64($0) }), let field = r[1], let letter = r[2] else { continue }
            cells[f, default: [:]][field] = DatasetStore.FieldCell(letter: letter, row: r[3].flatMap { Int($0) })
        }
        for r in try db.query(PostgresSQL(sql: "SELECT file_id::text, field, column_letter, encode(\"rows\", 'hex') FROM value_cells" + only)) {
            guard let f = r[0].flatMap({ Int64($0) }), let field = r[1], let letter = r[2], let hex = r[3] else { continue }
            cells[f]?[field]?.second = DatasetStore.SecondCell(letter: letter, rows: Self.bytes(hex: hex))
        }
        return cells
    }

    /// Runs `sql` through a cursor, `batch` rows a fetch, in a read-only transaction (one
    /// snapshot: a publish under way is seen whole or not at all).
    func forEachRow(_ sql: String, _ arguments: [String?], batch: Int = 5000, doing what: Phrase,
                    _ body: (PostgresRow) throws -> Void) throws(TieoutError) {
        try db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            try db.execute(PostgresSQL(sql: "DECLARE tieout_rows NO SCROLL CURSOR FOR " + sql, arguments: arguments))
            while true {
                let rows = try db.query(PostgresSQL(sql: "FETCH \(batch) FROM tieout_rows"))
                for r in rows { try body(r) }
                if rows.count < batch { break }
            }
            try db.execute("COMMIT")
        } catch let e as TieoutError {
            _ = try? db.execute("ROLLBACK")
            throw e
        } catch {
            _ = try? db.execute("ROLLBACK")
            throw fault(error, what)
        }
    }

    /// An error that is not Tieout's (a writer's, from a caller's body), named with the unit's schema.
    func fault(_ error: any Error, _ doing: Phrase) -> TieoutError {
        TieoutError(code: "store.postgres", ["doing": doing, "schema": schema, "place": url.place, "reason": "\(error)"])
    }
}
