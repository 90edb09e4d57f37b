import TieoutCore
import TieoutPostgres

extension PostgresDataset {
    /// Brings a schema published as `previous` to the dataset `local` is the state of, inside the
    /// caller's transaction: the ingest runs since; then, unless nothing else changed, the small
    /// tables emptied and copied whole, `files` brought to SQLite's rows (a staging table,
    /// upserted; rows SQLite no longer has deleted), and the records of each file whose block
    /// changed, came or went deleted and copied by its block of ids. The schema then holds what
    /// ``publishWhole(_:_:_:)`` would have copied (PostgresPublishTests compares them).
    func publishChanges(from previous: PublishState, to local: PublishState, _ tables: [(name: String, columns: [Column])],
                        _ store: DatasetStore, _ published: inout Published) throws(TieoutError) {
        try db.execute(PostgresSQL(sql: "SET LOCAL search_path TO " + PostgresSQL.quote(identifier: schema)))
        let columns = Dictionary(tables.map { ($0.name, $0.columns) }, uniquingKeysWith: { a, _ in a })
        if let runs = columns["ingest_runs"] {
            let since = "id > \(previous.lastRun)" + (previous.unfinishedRuns.isEmpty ? "" : " OR id IN (" + previous.unfinishedRuns.map(String.init).joined(separator: ", ") + ")")
            published.rows["ingest_runs"] = try upsert("ingest_runs", runs, from: store, where: since, deleteOthers: false)
        }
        if previous.small == local.small && previous.records == local.records {
            published.mode = .unchanged
            return
        }
        published.mode = .changes
        let leaves = tables.filter { Self.baseTables.contains($0.name) && $0.name != "ingest_runs" && $0.name != "files" }
        for t in leaves {
            try db.execute(PostgresSQL(sql: "DELETE FROM " + PostgresSQL.quote(identifier: t.name)))
        }
        let changed = Set(previous.records.keys).union(local.records.keys).filter { previous.records[$0] != local.records[$0] }.sorted()
        func block(_ key: String) -> (table: String, ids: Range<Int64>)? {
            let parts = key.split(separator: "\t")
            guard parts.count == 2, let id = Int64(parts[1]) else { return nil }
            return (String(parts[0]), DatasetStore.ids(of: id))
        }
        for key in changed where previous.records[key] != nil {
            guard let b = block(key) else { continue }
            try db.execute(PostgresSQL(sql: "DELETE FROM \(PostgresSQL.quote(identifier: b.table)) WHERE id >= \(b.ids.lowerBound) AND id < \(b.ids.upperBound)"))
        }
        if let files = columns["files"] {
            published.rows["files"] = try upsert("files", files, from: store, where: nil, deleteOthers: true)
        }
        for t in leaves {
            published.rows[t.name] = try copy(t.name, t.columns, from: store)
        }
        for key in changed where local.records[key] != nil {
            guard let b = block(key), let c = columns[b.table] else { continue }
            published.rows[b.table, default: 0] += try copy(b.table, c, from: store, where: "id >= \(b.ids.lowerBound) AND id < \(b.ids.upperBound)")
        }
        published.changedFiles = Set(changed.compactMap { $0.split(separator: "\t").last }).count
    }

    /// SQLite's rows of `table` (those `where` selects) copied into a staging table and then
    /// inserted or updated by `id`; with `deleteOthers`, the rows SQLite does not have are
    /// deleted. Returns the rows copied.
    func upsert(_ table: String, _ columns: [Column], from store: DatasetStore, where condition: String?, deleteOthers: Bool) throws(TieoutError) -> Int {
        let stage = "tieout_stage_" + table
        let t = PostgresSQL.quote(identifier: table), s = PostgresSQL.quote(identifier: stage)
        try db.execute(PostgresSQL(sql: "CREATE TEMP TABLE \(s) (LIKE \(t)) ON COMMIT DROP"))
        let copied = try copy(table, columns, from: store, into: stage, where: condition)
        let names = columns.map { PostgresSQL.quote(identifier: $0.name) }
        let set = columns.filter { $0.name != "id" }.map { "\(PostgresSQL.quote(identifier: $0.name)) = EXCLUDED.\(PostgresSQL.quote(identifier: $0.name))" }
        try db.execute(PostgresSQL(sql: "INSERT INTO \(t) (\(names.joined(separator: ", "))) SELECT \(names.joined(separator: ", ")) FROM \(s) ON CONFLICT (id) DO UPDATE SET "
            + set.joined(separator: ", ")))
        if deleteOthers {
            try db.execute(PostgresSQL(sql: "DELETE FROM \(t) WHERE id NOT IN (SELECT id FROM \(s))"))
        }
        try db.execute(PostgresSQL(sql: "DROP TABLE \(s)"))
        return copied
    }
}
