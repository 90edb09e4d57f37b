import GRDB
import TieoutCore
import TieoutIngest

extension DatasetStore {
    /// The row's field values joined (cells and lineage left out): equal when two rows say the same.
    static func valuesText(_ row: Row, kind: RecordKind) -> String {
        kind.fields.map { f in (row[f.name] as DatabaseValue).description }.joined(separator: "\u{1F}")
    }

    /// A stored value as text: the string itself, the number, or "blank".
    static func plain(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "blank"
        case .string(let s): s
        case .int64(let n): String(n)
        case .double(let d): String(d)
        case .blob(let b): "\(b.count) bytes"
        }
    }

    static func keyText(_ row: Row, key: [String]) -> String {
        key.map { (row[$0] as DatabaseValue).storage.value.map { "\($0)" } ?? "" }.joined(separator: "|")
    }

    /// The first amount field of a kind (what a change detail shows).
    static func amountField(_ kind: RecordKind) -> String? {
        kind.fields.first { $0.type == .amount }?.name
    }

    /// What a re-issue changes, by key (or by whole row when the kind has no key).
    static func diff(_ db: Database, kind: RecordKind, key recordKey: [String]? = nil, old: Int64, new: Int64) throws -> IngestReport.Change {
        func rows(_ file: Int64) throws -> [Row] {
            let ids = ids(of: file)
            return try Row.fetchAll(db, sql: "SELECT * FROM \(quoted(kind.table)) WHERE id >= ? AND id < ? ORDER BY id", arguments: [ids.lowerBound, ids.upperBound])
        }
        let oldRows = try rows(old), newRows = try rows(new)
        let key = recordKey ?? kind.key ?? kind.fields.map(\.name)
        let amount = amountField(kind)
        func index(_ rows: [Row]) -> [String: Row] {
            var d: [String: Row] = [:]
            for r in rows where d[keyText(r, key: key)] == nil { d[keyText(r, key: key)] = r }
            return d
        }
        let a = index(oldRows), b = index(newRows)
        var change = IngestReport.Change(added: 0, removed: 0, changed: 0, detail: [])
        for r in newRows {
            let k = keyText(r, key: key)
            guard let before = a[k] else {
                change.added += 1
                change.detail.append("+ \(k)" + (amount.map { " \(r[$0] as String? ?? "")" } ?? ""))
                continue
            }
            if valuesText(before, kind: kind) != valuesText(r, kind: kind) {
                change.changed += 1
                if let amount, (before[amount] as String?) != (r[amount] as String?) {
                    change.detail.append("~ \(k) \(amount): \(before[amount] as String? ?? "blank") → \(r[amount] as String? ?? "blank")")
                } else {
                    let fields = kind.fields.filter { (before[$0.name] as DatabaseValue) != (r[$0.name] as DatabaseValue) }.map(\.name)
                    change.detail.append("~ \(k) \(fields.joined(separator: ", "))")
                }
            }
        }
        for r in oldRows where b[keyText(r, key: key)] == nil {
            change.removed += 1
            change.detail.append("- \(keyText(r, key: key))" + (amount.map { " \(r[$0] as String? ?? "")" } ?? ""))
        }
        return change
    }

    /// Rows of file `fileId` whose key an earlier row of the dataset already has: removed
    /// and listed as duplicates when their values agree; turned into rejects when not.
    static func resolveDuplicates(_ db: Database, kind: RecordKind, key: [String], fileId: Int64) throws -> (duplicates: Int, conflicts: Int) {
        let match = key.map { "k.\(quoted($0)) = n.\(quoted($0))" }.joined(separator: " AND ")
        // The file's rows by their id range; the earlier rows through an index SQLite builds for this query.
        let ids = ids(of: fileId)
        let pairs = try Row.fetchAll(db, sql: """
            SELECT n.id AS n_id, min(k.id) AS k_id FROM \(quoted(kind.table)) n JOIN \(quoted(kind.table)) k ON \(match) AND k.id < n.id
            WHERE n.id >= ? AND n.id < ? GROUP BY n.id ORDER BY n.id
            """, arguments: [ids.lowerBound, ids.upperBound])
        var dups = 0, conflicts = 0
        for p in pairs {
            let n = try Row.fetchOne(db, sql: "SELECT * FROM \(quoted(kind.table)) WHERE id = ?", arguments: [p["n_id"] as Int64])!
            let k = try Row.fetchOne(db, sql: "SELECT t.*, f.path AS _path FROM \(quoted(kind.table)) t JOIN files f ON f.id = t.file_id WHERE t.id = ?",
                                     arguments: [p["k_id"] as Int64])!
            let same = valuesText(n, kind: kind) == valuesText(k, kind: kind)
            let keyValue = keyText(n, key: key)
            try db.execute(sql: "INSERT INTO duplicates (kind, key, file_id, row, kept_file_id, kept_row, same_values) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [kind.name, keyValue, fileId, n["row"] as Int, k["file_id"] as Int64, k["row"] as Int, same ? 1 : 0])
            try db.execute(sql: "DELETE FROM \(quoted(kind.table)) WHERE id = ?", arguments: [n["id"] as Int64])
            if same {
                dups += 1
                try db.execute(sql: "INSERT INTO skipped_rows (file_id, row, reason) VALUES (?, ?, ?)",
                               arguments: [fileId, n["row"] as Int, "\(key.joined(separator: ", ")) \(keyValue) is already in \(k["_path"] as String) row \(k["row"] as Int) with the same values: counted once"])
            } else {
                conflicts += 1
                let fields = kind.fields.filter { (n[$0.name] as DatabaseValue) != (k[$0.name] as DatabaseValue) }
                let what = fields.map { "\($0.name) \(plain(n[$0.name])) here, \(plain(k[$0.name])) there" }
                try db.execute(sql: "INSERT INTO rejects (file_id, row, line, reason, cells) VALUES (?, ?, ?, ?, '[]')",
                               arguments: [fileId, n["row"] as Int, n["line"] as Int?,
                                           "\(key.joined(separator: ", ")) \(keyValue) is already in \(k["_path"] as String) row \(k["row"] as Int) with other values (\(what.joined(separator: "; "))): which one is right is for a person to decide"])
            }
        }
        return (dups, conflicts)
    }
}
