import GRDB
import TieoutCore
import TieoutIngest

extension PostgresDataset {
    /// What a publish copied, kept in `tieout.units.published_state` with the rows (same
    /// transaction), so the next publish sends only what changed:
    /// - `shape`: the publish format, the PostgreSQL migrations, every table and column, and the
    ///   dataset's first ingest run (a SQLite file made anew is another dataset): when it differs,
    ///   the schema is made anew;
    /// - `small`: a SHA-256 of every row of the small tables (every base table but `ingest_runs`:
    ///   files, rejects, skipped rows, subtotal checks, duplicates, re-issues, renames, kinds …);
    /// - the ingest runs published: the last run's id and the runs then unfinished (runs are only
    ///   added, and finished once);
    /// - per file and record table: the file's records, as count, last id and the digest of its
    ///   stored records that ingest keeps (`files.records_digest`: every column of every row, in
    ///   id order; DatasetStore+Digest.swift). A file's records live in its own block of ids.
    struct PublishState: Equatable {
        static let format = "tieout-publish-1"
        var shape = ""
        var small = ""
        var lastRun: Int64 = 0
        var unfinishedRuns: [Int64] = []
        /// `table \t file id` → `count last-id digest`.
        var records: [String: String] = [:]

        /// Same tables and columns, same dataset, and no run published that the dataset does not have.
        func sameShape(as local: PublishState) -> Bool {
            shape == local.shape && lastRun <= local.lastRun
        }

        var text: String {
            var lines = [Self.format, "shape " + shape, "small " + small,
                         "runs \(lastRun) " + (unfinishedRuns.isEmpty ? "-" : unfinishedRuns.map(String.init).joined(separator: ","))]
            for key in records.keys.sorted() { lines.append("r\t" + key + "\t" + records[key]!) }
            return lines.joined(separator: "\n")
        }

        init() {}

        /// A recorded state; nil when it is not one this build wrote (the schema is then made anew).
        init?(text: String) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard lines.count >= 4, lines[0] == Self.format, lines[1].hasPrefix("shape "), lines[2].hasPrefix("small "), lines[3].hasPrefix("runs ") else { return nil }
            shape = String(lines[1].dropFirst(6))
            small = String(lines[2].dropFirst(6))
            let runs = lines[3].split(separator: " ")
            guard runs.count == 3, let last = Int64(runs[1]) else { return nil }
            lastRun = last
            if runs[2] != "-" {
                for r in runs[2].split(separator: ",") {
                    guard let id = Int64(r) else { return nil }
                    unfinishedRuns.append(id)
                }
            }
            for line in lines.dropFirst(4) {
                let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard parts.count == 4, parts[0] == "r" else { return nil }
                records[parts[1] + "\t" + parts[2]] = String(parts[3])
            }
        }

        /// The state of the SQLite dataset `store` (its `tables`), read in one transaction.
        /// Costs a read of the small tables and a count of each file's block of records.
        static func of(_ store: DatasetStore, tables: [(name: String, columns: [Column])]) throws(TieoutError) -> PublishState {
            do {
                return try store.queue.read { db in
                    var s = PublishState()
                    var shape = SHA256Builder()
                    shape.update(Array((format + "\n" + PostgresDataset.migrations.map(\.id).joined(separator: "\n") + "\n").utf8))
                    for t in tables {
                        shape.update(Array((t.name + ":" + t.columns.map { "\($0.name) \($0.type) \($0.notNull) \($0.primaryKey)" }.joined(separator: ",") + "\n").utf8))
                    }
                    if let first = try Row.fetchOne(db, sql: "SELECT id, started_at FROM ingest_runs ORDER BY id LIMIT 1") {
                        shape.update(Array("first run \(first["id"] as Int64) \(first["started_at"] as String)\n".utf8))
                    }
                    s.lastRun = try Int64.fetchOne(db, sql: "SELECT max(id) FROM ingest_runs") ?? 0
                    s.unfinishedRuns = try Int64.fetchAll(db, sql: "SELECT id FROM ingest_runs WHERE finished_at IS NULL ORDER BY id")
                    // The small tables, every row.
                    var small = SHA256Builder()
                    for t in tables where PostgresDataset.baseTables.contains(t.name) && t.name != "ingest_runs" {
                        var buffer = Array((t.name + "\n").utf8)
                        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(DatasetStore.quoted(t.name)) ORDER BY rowid")
                        while let row = try cursor.next() {
                            for value in row.databaseValues {
                                if let text = PostgresDataset.copyText(value) {
                                    buffer.append(0x31)
                                    buffer.append(contentsOf: String(text.utf8.count).utf8)
                                    buffer.append(0x3A)
                                    buffer.append(contentsOf: text.utf8)
                                } else {
                                    buffer.append(0x30)
                                }
                                buffer.append(0x1F)
                            }
                            buffer.append(0x1E)
                            if buffer.count >= 1 << 16 { small.update(buffer); buffer.removeAll(keepingCapacity: true) }
                        }
                        small.update(buffer)
                    }
                    s.small = small.hex
                    // Each file's block of records in its kind's table; rows outside every file's
                    // block (none that Tieout writes) make the shape differ, so all is copied.
                    let files = try Row.fetchAll(db, sql: """
                        SELECT f.id, f.records_digest, k.table_name FROM files f JOIN kind_definitions k ON k.kind = f.kind ORDER BY f.id
                        """)
                    var counted: [String: Int64] = [:]
                    let names = Set(tables.map(\.name))
                    for f in files {
                        let table: String = f["table_name"], id: Int64 = f["id"]
                        guard names.contains(table) else { continue }
                        let ids = DatasetStore.ids(of: id)
                        guard let block = try Row.fetchOne(db, sql: "SELECT count(*) AS n, max(id) AS last FROM \(DatasetStore.quoted(table)) WHERE id >= ? AND id < ?",
                                                           arguments: [ids.lowerBound, ids.upperBound]),
                              (block["n"] as Int64) > 0 else { continue }
                        counted[table, default: 0] += block["n"] as Int64
                        // A file read before digests were kept: its digest now.
                        let digest = try (f["records_digest"] as String?) ?? DatasetStore.recordsDigest(db, table: table, fileId: id)
                        s.records[table + "\t" + String(id)] = "\(block["n"] as Int64) \(block["last"] as Int64) \(digest)"
                    }
                    for t in tables where !PostgresDataset.baseTables.contains(t.name) {
                        let all = try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(DatasetStore.quoted(t.name))") ?? 0
                        if all != counted[t.name, default: 0] {
                            shape.update(Array("rows outside files' blocks in \(t.name): \(all)\n".utf8))
                            shape.update(Array(String(Int64.random(in: 0...Int64.max)).utf8))
                        }
                    }
                    s.shape = shape.hex
                    return s
                }
            } catch { throw store.fault(error, Phrase("error.doing.reading-publish-changes")) }
        }
    }

    /// The state the unit's last publish recorded, when its schema is there and the state is one
    /// this build reads.
    func publishedState() throws(TieoutError) -> PublishState? {
        guard let row = try db.queryFirst("""
            SELECT published_state FROM tieout.units
            WHERE schema_name = \(schema) AND unit = \(unit) AND fiscal_year = \(fiscalYear) AND EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = \(schema))
            """), let text = row[0] else { return nil }
        return PublishState(text: text)
    }
}
