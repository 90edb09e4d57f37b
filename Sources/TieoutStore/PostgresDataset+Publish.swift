import Foundation
import GRDB
import TieoutCore
import TieoutPostgres

extension PostgresDataset {
    /// The SQLite dataset's own tables, in the order their references need (the rest are the
    /// record kinds' tables, made from what SQLite has).
    static let baseTables = ["ingest_runs", "files", "file_fields", "rejects", "skipped_rows", "subtotal_checks", "duplicates", "reissues",
                             "file_renames", "kind_definitions", "kind_changes", "filtered_in_totals", "value_cells", "key_repeats"]

    /// What a publish copied: rows per table, and how long it took.
    package struct Published: Sendable {
        package enum Mode: String, Sendable {
            /// The schema made anew and every row copied (a first publish, or a dataset whose tables changed shape).
            case whole
            /// Only the changed files' records and the small tables copied.
            case changes
            /// Nothing changed since the last publish: only the ingest run log brought up to date.
            case unchanged
        }
        package var rows: [String: Int] = [:]
        package var seconds: Double = 0
        package var mode: Mode = .whole
        /// Files whose records were copied (or deleted) in a publish of changes.
        package var changedFiles = 0
        package var total: Int { rows.values.reduce(0, +) }
    }

    /// Brings the unit's schema to the SQLite dataset `store`, in one transaction (readers see
    /// the old dataset or the new one; a publish killed half-way leaves the old one whole), and
    /// records what it published (``PublishState``) in `tieout.units`:
    /// - a first publish, or a dataset whose tables, columns or run history are not the ones
    ///   last published: the schema made anew by ``migrations``, each kind's table made from
    ///   SQLite's, every row sent with `COPY … FROM STDIN` (``publishWhole(_:_:_:)``);
    /// - a dataset unchanged since the last publish: nothing copied but the ingest runs since;
    /// - otherwise only what changed (``publishChanges(_:_:_:_:)``): the records of files new,
    ///   changed or gone, and the small tables whole.
    /// Either way the schema then holds what a whole publish of the same dataset would.
    /// Two publishes of the same unit wait for each other (an advisory lock on the schema).
    @discardableResult
    package func publish(_ store: DatasetStore) throws(TieoutError) -> Published {
        let start = Date()
        var published = Published()
        // What the copy is of (PostgresDataset+Freshness.swift): read before the rows are.
        let state = try store.publishState()
        try db.execute("BEGIN")
        do {
            try prepareRegistry()
            try db.execute("SELECT pg_advisory_xact_lock(hashtext(\(schema)))")
            let tables = try Self.tables(of: store)
            let local = try PublishState.of(store, tables: tables)
            if let previous = try publishedState(), previous.sameShape(as: local) {
                try publishChanges(from: previous, to: local, tables, store, &published)
            } else {
                try publishWhole(tables, store, &published)
            }
            try db.execute(PostgresSQL(sql: "SET LOCAL search_path TO \(PostgresSQL.quote(identifier: schema))"))
            try db.execute("""
                INSERT INTO tieout.units (schema_name, unit, fiscal_year, published_at, dataset_state, published_state) VALUES (\(schema), \(unit), \(fiscalYear), now(), \(state), \(local.text))
                ON CONFLICT (schema_name) DO UPDATE SET published_at = now(), dataset_state = EXCLUDED.dataset_state, published_state = EXCLUDED.published_state
                """)
            try db.execute("COMMIT")
        } catch let e as TieoutError {
            _ = try? db.execute("ROLLBACK")
            throw e
        } catch {
            _ = try? db.execute("ROLLBACK")
            throw store.fault(error, Phrase("error.doing.publishing"))
        }
        published.seconds = Date().timeIntervalSince(start)
        return published
    }

    /// The SQLite dataset's tables and their columns: the base tables in the order their
    /// references need, then the record kinds' tables by name.
    static func tables(of store: DatasetStore) throws(TieoutError) -> [(name: String, columns: [Column])] {
        do {
            return try store.queue.read { d in
                let names = try String.fetchAll(d, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
                let kinds = names.filter { !Self.baseTables.contains($0) }
                return try (Self.baseTables.filter(names.contains) + kinds).map { name in
                    (name, try Row.fetchAll(d, sql: "PRAGMA table_info(\(DatasetStore.quoted(name)))").map { r in
                        Column(name: r["name"], type: (r["type"] as String).uppercased(), notNull: (r["notnull"] as Int) != 0, primaryKey: (r["pk"] as Int) != 0)
                    })
                }
            }
        } catch { throw store.fault(error, Phrase("error.doing.reading-tables-to-publish")) }
    }

    /// The schema made anew (``migrations``, each kind's table from SQLite's) and every row copied.
    func publishWhole(_ tables: [(name: String, columns: [Column])], _ store: DatasetStore, _ published: inout Published) throws(TieoutError) {
        let q = PostgresSQL.quote(identifier: schema)
        try db.execute(PostgresSQL(sql: "DROP SCHEMA IF EXISTS \(q) CASCADE; CREATE SCHEMA \(q); SET LOCAL search_path TO \(q)"))
        try db.execute(PostgresSQL(sql: "CREATE TABLE tieout_migrations (identifier TEXT COLLATE \"C\" PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"))
        for m in Self.migrations {
            try db.execute(PostgresSQL(sql: m.sql))
            try db.execute("INSERT INTO tieout_migrations (identifier) VALUES (\(m.id))")
        }
        for t in tables where !Self.baseTables.contains(t.name) {
            try db.execute(PostgresSQL(sql: Self.kindTable(t.name, t.columns)))
        }
        for t in tables {
            published.rows[t.name] = try copy(t.name, t.columns, from: store)
        }
        published.mode = .whole
    }

    struct Column: Sendable {
        var name: String, type: String, notNull: Bool, primaryKey: Bool
        /// PostgreSQL's type for SQLite's: integers are BIGINT, text is compared bytewise, blobs are BYTEA.
        var postgresType: String {
            switch type {
            case "INTEGER": "BIGINT"
            case "BLOB": "BYTEA"
            default: "TEXT COLLATE \"C\""
            }
        }
    }

    /// A record kind's table, as SQLite made it from the kind's definition (DatasetStore+Kinds.swift).
    static func kindTable(_ name: String, _ columns: [Column]) -> String {
        let defs = columns.map { c in
            PostgresSQL.quote(identifier: c.name) + " " + c.postgresType + (c.primaryKey ? " PRIMARY KEY" : "") + (c.notNull && !c.primaryKey ? " NOT NULL" : "")
                + (c.name == "file_id" ? " REFERENCES files(id) ON DELETE CASCADE" : "")
        }
        return "CREATE TABLE \(PostgresSQL.quote(identifier: name)) (\n    " + defs.joined(separator: ",\n    ") + "\n)"
    }

    /// The `tieout` schema and its register of units (made once; concurrent first publishes wait
    /// on a lock, which is not taken once the register is there: publishes of different units
    /// do not wait for each other). `published_state` (added to registers made before it) is
    /// what the unit's last publish copied (``PublishState``); `dataset_state`, the SQLite
    /// dataset's state the copy is of, which the commands reading PostgreSQL check for staleness.
    func prepareRegistry() throws(TieoutError) {
        if try db.queryFirst("SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('tieout.units') AND attname IN ('published_state', 'dataset_state') AND NOT attisdropped HAVING count(*) = 2") != nil { return }
        try db.execute("SELECT pg_advisory_xact_lock(hashtext('tieout.units'))")
        try db.execute("""
            CREATE SCHEMA IF NOT EXISTS tieout;
            CREATE TABLE IF NOT EXISTS tieout.units (
                schema_name TEXT COLLATE "C" PRIMARY KEY,
                unit TEXT NOT NULL,
                fiscal_year INTEGER NOT NULL,
                published_at TIMESTAMPTZ NOT NULL,
                dataset_state TEXT,
                UNIQUE (unit, fiscal_year)
            );
            ALTER TABLE tieout.units ADD COLUMN IF NOT EXISTS dataset_state TEXT;   -- registers made before the copy's state was recorded
            ALTER TABLE tieout.units ADD COLUMN IF NOT EXISTS published_state TEXT
            """)
    }

    /// Sends one SQLite table's rows with one `COPY … FROM STDIN`, read with a cursor (memory
    /// stays flat); returns how many the server stored.
    /// `into`: another table of the same columns (a staging table); `where`: the rows to send
    /// (SQLite's condition, literal SQL made by Tieout).
    func copy(_ table: String, _ columns: [Column], from store: DatasetStore, into target: String? = nil, where condition: String? = nil) throws(TieoutError) -> Int {
        let names = columns.map { PostgresSQL.quote(identifier: $0.name) }.joined(separator: ", ")
        let statement = "COPY \(PostgresSQL.quote(identifier: target ?? table)) (\(names)) FROM STDIN"
        let select = "SELECT " + columns.map { DatasetStore.quoted($0.name) }.joined(separator: ", ") + " FROM " + DatasetStore.quoted(table)
            + (condition.map { " WHERE " + $0 } ?? "")
        do {
            return try store.queue.read { d in
                let cursor = try Row.fetchCursor(d, sql: select)
                return try db.copy(statement) { rows in
                    while let row = try cursor.next() {
                        for i in 0..<columns.count { rows.field(Self.copyText(row[i] as DatabaseValue)) }
                        try rows.endRow()
                    }
                }
            }
        } catch let e as TieoutError {
            throw e
        } catch {
            throw store.fault(error, Phrase("error.doing.reading-table-to-publish", ["table": table]))
        }
    }

    /// A stored value as COPY's field text (the writer escapes it): nil for NULL, a blob as bytea's hex (`\\x0a1b`).
    static func copyText(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let n): return String(n)
        case .double(let d): return String(d)
        case .string(let s): return s
        case .blob(let data):
            let digits = Array("0123456789abcdef".utf8)
            var hex: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
            hex.reserveCapacity(data.count * 2 + 2)
            for b in data { hex.append(digits[Int(b >> 4)]); hex.append(digits[Int(b & 15)]) }
            return String(decoding: hex, as: UTF8.self)
        }
    }
}
