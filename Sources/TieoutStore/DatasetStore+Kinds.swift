import GRDB
import TieoutCore
import TieoutIngest

/// What the store did to hold a kind as its definition says.
public struct KindChange: Sendable, Codable, Equatable {
    public enum Change: String, Sendable, Codable {
        /// A new kind: its table was made from its definition.
        case created
        /// A table made by an earlier version's migrations, matching the definition: recorded as it is.
        case adopted
        /// The definition changed: the table was made anew and the kind's files are read again.
        case rebuilt
    }
    public var kind: String
    public var change: Change
    /// What changed, in words: `field signed_on added`, `amount: text → amount`.
    public var detail: String
    /// Files whose records were in the old table, now read again.
    public var filesToReread: Int
}

extension DatasetStore {
    /// Makes the dataset hold every kind of `kinds` as its definition says, before an ingest
    /// reads a row. A kind never seen gets its table; a kind whose definition changed (a field
    /// added, removed or retyped, other words or required fields) gets a new table, and its
    /// files leave the dataset so that the ingest that follows reads them again under the new
    /// definition. Nothing is half-done: each kind's change is one transaction.
    public func adopt(_ kinds: KindCatalog, run: Int64?) throws(TieoutError) -> [KindChange] {
        var changes: [KindChange] = []
        do {
            for kind in kinds.kinds {
                let source = kinds.sources[kind.name] ?? "built-in"
                if let c = try queue.write({ db in try Self.adopt(db, kind, source: source, run: run) }) { changes.append(c) }
            }
        } catch { throw fault(error, Phrase("error.doing.preparing-kind-tables")) }
        return changes
    }

    static func adopt(_ db: Database, _ kind: RecordKind, source: String, run: Int64?) throws -> KindChange? {
        let recorded = try Row.fetchOne(db, sql: "SELECT * FROM kind_definitions WHERE kind = ?", arguments: [kind.name])
        if let recorded, (recorded["definition"] as String) == kind.definitionText, (recorded["table_name"] as String) == kind.table {
            return nil
        }
        let change: KindChange
        if let recorded {
            let oldTable: String = recorded["table_name"]
            let detail = describeChange(from: recorded["definition"], to: kind.definitionText)
            // The old table's files leave the dataset (their records with them) and are read again.
            let files = try Int64.fetchAll(db, sql: "SELECT id FROM files WHERE kind = ? AND status = 'active'", arguments: [kind.name])
            try db.execute(sql: "UPDATE files SET status = 'removed' WHERE kind = ? AND status = 'active'", arguments: [kind.name])
            try db.execute(sql: "DROP TABLE IF EXISTS \(quoted(oldTable))")
            try create(db, kind)
            change = KindChange(kind: kind.name, change: .rebuilt, detail: detail, filesToReread: files.count)
        } else if try db.tableExists(kind.table) {
            // Made by migration v1 (the built-in kinds of the time): adopted when its columns are the definition's.
            let columns = try db.columns(in: kind.table).map { "\($0.name) \($0.type.uppercased())" }
            let expected = ["id INTEGER", "file_id INTEGER", "row INTEGER", "line INTEGER"] + kind.fields.map { "\($0.name) \($0.storage)" }
            if columns == expected {
                change = KindChange(kind: kind.name, change: .adopted, detail: kind.storedShape, filesToReread: 0)
            } else {
                let files = try Int64.fetchAll(db, sql: "SELECT id FROM files WHERE kind = ? AND status = 'active'", arguments: [kind.name])
                try db.execute(sql: "UPDATE files SET status = 'removed' WHERE kind = ? AND status = 'active'", arguments: [kind.name])
                try db.execute(sql: "DROP TABLE \(quoted(kind.table))")
                try create(db, kind)
                change = KindChange(kind: kind.name, change: .rebuilt, detail: "columns \(columns.joined(separator: ", ")) → \(kind.storedShape)", filesToReread: files.count)
            }
        } else {
            try create(db, kind)
            change = KindChange(kind: kind.name, change: .created, detail: kind.storedShape, filesToReread: 0)
        }
        let now = timestamp()
        try db.execute(sql: """
            INSERT INTO kind_definitions (kind, table_name, shape, definition, source, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (kind) DO UPDATE SET table_name = excluded.table_name, shape = excluded.shape, definition = excluded.definition,
                source = excluded.source, recorded_at = excluded.recorded_at
            """, arguments: [kind.name, kind.table, kind.storedShape, kind.definitionText, source, now])
        try db.execute(sql: "INSERT INTO kind_changes (run_id, kind, change, detail, files_to_reread, at) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [run, kind.name, change.change.rawValue, change.detail, change.filesToReread, now])
        return change
    }

    /// A kind's table: lineage columns, then one column per field (the same shape migration v1 wrote).
    static func create(_ db: Database, _ kind: RecordKind) throws {
        let columns = ["id INTEGER PRIMARY KEY", "file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE", "row INTEGER NOT NULL", "line INTEGER"]
            + kind.fields.map { "\(quoted($0.name)) \($0.storage)" }
        try db.execute(sql: "CREATE TABLE \(quoted(kind.table)) (\n    " + columns.joined(separator: ",\n    ") + "\n)")
    }

    /// Kind, table and field names are checked identifiers (RecordKind.parse); quoted all the same.
    static func quoted(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// The parts of two definitions that differ, in words.
    static func describeChange(from old: String, to new: String) -> String {
        let a = old.components(separatedBy: "; "), b = new.components(separatedBy: "; ")
        let gone = a.filter { !b.contains($0) }.map { "− " + $0 }
        let added = b.filter { !a.contains($0) }.map { "+ " + $0 }
        return (gone + added).joined(separator: "; ")
    }

    /// The table recorded for a kind name (also for a kind no longer defined), or nil.
    static func recordedTable(_ db: Database, kind: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT table_name FROM kind_definitions WHERE kind = ?", arguments: [kind])
    }

    /// The kinds the store has changed, oldest first.
    public func kindChanges() throws(TieoutError) -> [(run: Int64?, change: KindChange)] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM kind_changes ORDER BY id").map { r in
                    (r["run_id"], KindChange(kind: r["kind"], change: KindChange.Change(rawValue: r["change"]) ?? .rebuilt, detail: r["detail"], filesToReread: r["files_to_reread"]))
                }
            }
        } catch { throw fault(error, Phrase("error.doing.reading-kind-changes")) }
    }

    /// Whether the dataset has a table for `kind` (a workspace kind never ingested has none).
    public func hasTable(for kind: RecordKind) throws(TieoutError) -> Bool {
        do { return try queue.read { db in try db.tableExists(kind.table) } } catch { throw fault(error, Phrase("error.doing.reading-schema")) }
    }
}
