import TieoutCore
import TieoutIngest
import TieoutPostgres

/// Whether the unit's schema is what the SQLite file holds. A publish records the file's
/// ``DatasetStore/publishState()`` in `tieout.units.dataset_state`; the commands that read the
/// schema compare it with the file's before they read: reconcile, score, check and export (which
/// hold the workspace's lock) publish a copy that is stale or missing, explain (which takes no
/// lock) refuses it, naming the unit and the fix, and verify reports it (docs/postgresql.md).
extension PostgresDataset {
    package enum CopyState: Equatable, Sendable {
        case current
        /// Published, from an older dataset (or by a build that recorded no state).
        case stale(publishedAt: String)
        /// Never published, or its schema dropped.
        case missing
    }

    /// The copy's state against the SQLite dataset `store`.
    package func copyState(of store: DatasetStore) throws(TieoutError) -> CopyState {
        guard try db.queryFirst("SELECT to_regclass('tieout.units')::text")?[0] != nil, try exists() else { return .missing }
        guard let row = try db.queryFirst("SELECT to_jsonb(u)->>'dataset_state', to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC' FROM tieout.units u WHERE schema_name = \(schema)") else {
            return .missing
        }
        return row[0] == (try store.publishState()) ? .current : .stale(publishedAt: row[1] ?? "?")
    }

    /// Publishes `store` when the copy is stale or missing; the publish, or nil when it was current.
    package func publishIfNotCurrent(_ store: DatasetStore) throws(TieoutError) -> Published? {
        try copyState(of: store) == .current ? nil : publish(store)
    }

    /// Nothing when the copy is current; else an error naming the unit, the schema and the fix.
    package func requireCurrent(_ store: DatasetStore, workspace root: String) throws(TieoutError) {
        let state = try copyState(of: store)
        guard let why = notCurrentPhrase(state) else { return }
        throw TieoutError(code: "store.postgres-stale", ["why": why, "root": root])
    }

    /// Why the copy is not the dataset's, in English words (nil: it is).
    package func notCurrent(_ state: CopyState) -> String? { notCurrentPhrase(state)?.en }

    /// Why the copy is not the dataset's, in both languages (nil: it is).
    package func notCurrentPhrase(_ state: CopyState) -> Phrase? {
        switch state {
        case .current: nil
        case .missing: Phrase("error.store.postgres-copy-missing", ["unit": unit, "year": fiscalYear, "schema": schema, "url": url])
        case .stale(let at): Phrase("error.store.postgres-copy-stale", ["unit": unit, "year": fiscalYear, "shown": shown, "at": at])
        }
    }

    /// How the copy differs from the SQLite dataset `store`: per table, a table or column one
    /// side lacks, the row counts, or rows that differ (the digests of every row, every column).
    /// Empty: the copy equals the dataset; otherwise the copy's publish record is dropped, so the
    /// next publish is whole. `ingest_runs` is left out: an ingest that changed
    /// nothing (`check` ingests first) logs a run and publishes nothing (``publishState()``);
    /// an ingest that changed anything changes `files`, which is compared.
    package func differences(from store: DatasetStore) throws(TieoutError) -> [Phrase] {
        guard try exists() else {
            return [Phrase("verify.postgres.missing", ["unit": unit, "year": fiscalYear, "schema": schema, "url": url])]
        }
        let local = try store.tableDigests(only: Set(try store.tableColumns().map(\.table)).subtracting(["ingest_runs"]))
        var out: [Phrase] = []
        let place = Phrase("verify.postgres.place", ["url": url, "schema": schema])
        for (table, columns) in try store.tableColumns() where table != "ingest_runs" {
            guard let mine = local[table] else { continue }
            let theirs = try db.query("SELECT column_name FROM information_schema.columns WHERE table_schema = \(schema) AND table_name = \(table)").compactMap { $0[0] }
            guard !theirs.isEmpty else {
                out.append(Phrase("verify.postgres.no-table", ["table": table, "place": place, "rows": mine.rows]))
                continue
            }
            let lacking = columns.filter { !theirs.contains($0) }
            guard lacking.isEmpty else {
                out.append(Phrase("verify.postgres.no-column", ["table": table, "place": place, "columns": lacking.joined(separator: ", ")]))
                continue
            }
            var h = RowDigest()
            // Values come as the server's text: integers as digits, bytea as `\x…` hex, as COPY was sent them.
            try forEachRow(DatasetSQL.allRows(table, columns: columns), [], doing: Phrase("error.doing.reading-table-to-digest", ["table": table])) { r in
                for i in 0..<columns.count { h.field(r[i]) }
                h.endRow()
            }
            if h.rows != mine.rows {
                out.append(Phrase("verify.postgres.rows", ["table": table, "place": place, "theirs": h.rows, "mine": mine.rows]))
            } else if h.hex != mine.sha256 {
                out.append(Phrase("verify.postgres.values", ["table": table, "place": place, "rows": mine.rows]))
            }
        }
        // A copy changed by hand is no longer what its publish recorded: forget that record, so
        // the next publish (the `tieout ingest` the message advises) sends the dataset whole
        // rather than finding nothing changed on the SQLite side and skipping.
        if !out.isEmpty {
            try prepareRegistry()   // a register made by a build before `published_state`: the column added
            try db.execute("UPDATE tieout.units SET published_state = NULL WHERE schema_name = \(schema) AND unit = \(unit) AND fiscal_year = \(fiscalYear)")
        }
        return out
    }
}
