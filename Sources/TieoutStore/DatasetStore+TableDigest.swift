import GRDB
import TieoutCore
import TieoutIngest

/// What a dataset's tables hold, in a form both engines give alike: each table's row count and
/// the SHA-256 of its rows (every column as COPY's text, in ``DatasetSQL/allRows(_:columns:)``'s
/// order). `tieout verify` compares the PostgreSQL copy's with the SQLite file's; a publish
/// records ``publishState()`` so that a copy older than the file is known (docs/postgresql.md).
extension DatasetStore {
    /// A table's row count and the digest of its rows.
    package struct TableDigest: Equatable, Sendable {
        package var rows: Int
        package var sha256: String
    }

    /// The dataset's tables (not SQLite's or GRDB's own) and their columns, by name.
    package func tableColumns() throws(TieoutError) -> [(table: String, columns: [String])] {
        do {
            return try queue.read { d in
                try String.fetchAll(d, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name").map { name in
                    (name, try Row.fetchAll(d, sql: "PRAGMA table_info(\(Self.quoted(name)))").map { $0["name"] as String })
                }
            }
        } catch { throw fault(error, Phrase("error.doing.reading-tables")) }
    }

    /// Row count and digest of every table (of `only`, when given).
    package func tableDigests(only: Set<String>? = nil) throws(TieoutError) -> [String: TableDigest] {
        var out: [String: TableDigest] = [:]
        for (table, columns) in try tableColumns() where only?.contains(table) ?? true {
            do {
                out[table] = try queue.read { d in
                    var h = RowDigest()
                    let rows = try Row.fetchCursor(d, sql: DatasetSQL.allRows(table, columns: columns))
                    while let r = try rows.next() {
                        for i in 0..<columns.count { h.field(PostgresDataset.copyText(r[i] as DatabaseValue)) }
                        h.endRow()
                    }
                    return TableDigest(rows: h.rows, sha256: h.hex)
                }
            } catch { throw fault(error, Phrase("error.doing.reading-table-to-digest", ["table": table])) }
        }
        return out
    }

    /// The dataset's state as a publish records it: the row count of every table but
    /// `ingest_runs` (an ingest that changed nothing adds a run, not a change), and the digest of
    /// `files` (each file's records digest, status and accounting) and `kind_definitions`.
    /// Cheap (counts and two small tables); any ingest that changes the records changes it.
    package func publishState() throws(TieoutError) -> String {
        let digests = try tableDigests(only: ["files", "kind_definitions"])
        var counts: [String] = []
        do {
            for (table, _) in try tableColumns() where table != "ingest_runs" {
                let n = try queue.read { d in try Int.fetchOne(d, sql: "SELECT count(*) FROM \(Self.quoted(table))") ?? 0 }
                counts.append("\(table)=\(n)")
            }
        } catch let e as TieoutError { throw e } catch { throw fault(error, Phrase("error.doing.counting-rows")) }
        var h = RowDigest()
        for c in counts { h.field(c) }
        h.endRow()
        for t in ["files", "kind_definitions"] { h.field(t); h.field(digests[t]?.sha256) }
        h.endRow()
        return "v1:" + h.hex
    }
}

/// SHA-256 of rows of text fields (nil: NULL), each field and row delimited.
package struct RowDigest {
    var hasher = SHA256Builder()
    var buffer: [UInt8] = []
    package private(set) var rows = 0

    package init() {}

    package mutating func field(_ text: String?) {
        if let text { buffer.append(0x01); buffer.append(contentsOf: text.utf8); buffer.append(0x1F) } else { buffer.append(0x00) }
        if buffer.count > 1 << 16 { hasher.update(buffer); buffer.removeAll(keepingCapacity: true) }
    }

    package mutating func endRow() {
        buffer.append(0x1E)
        rows += 1
    }

    package var hex: String {
        var h = hasher
        h.update(buffer)
        return h.hex
    }
}
