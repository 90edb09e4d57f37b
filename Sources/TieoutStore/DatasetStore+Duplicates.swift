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

    /// The first amount field of a kind (what a change detail shows).
    static func amountField(_ kind: RecordKind) -> String? {
        kind.fields.first { $0.type == .amount }?.name
    }

    /// What a re-issue changes, by key (or by whole row when the kind has no key). A key a
    /// file holds more than once (distinct entries under one key, kept) is matched occurrence
    /// by occurrence: the first with the first, the second with the second.
    static func diff(_ db: Database, kind: RecordKind, key recordKey: [String]? = nil, old: Int64, new: Int64) throws -> IngestReport.Change {
        func rows(_ file: Int64) throws -> [Row] {
            let ids = ids(of: file)
            return try Row.fetchAll(db, sql: "SELECT * FROM \(quoted(kind.table)) WHERE id >= ? AND id < ? ORDER BY id", arguments: [ids.lowerBound, ids.upperBound])
        }
        let oldRows = try rows(old), newRows = try rows(new)
        let parts = Self.parts(recordKey ?? kind.key ?? kind.fields.map(\.name), kind: kind)
        let amount = amountField(kind)
        /// Each row's key with its occurrence (`记-1`, then `记-1#2` for its second row).
        func keyed(_ rows: [Row]) -> [(key: String, row: Row)] {
            var seen: [String: Int] = [:]
            return rows.map { r in
                let k = keyText(r, parts: parts, kind: kind)
                seen[k, default: 0] += 1
                return (seen[k]! == 1 ? k : k + "#\(seen[k]!)", r)
            }
        }
        let olds = keyed(oldRows), news = keyed(newRows)
        var a: [String: Row] = [:]
        for (k, r) in olds { a[k] = r }
        let b = Set(news.map(\.key))
        var change = IngestReport.Change(added: 0, removed: 0, changed: 0, detail: [])
        for (k, r) in news {
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
        for (k, r) in olds where !b.contains(k) {
            change.removed += 1
            change.detail.append("- \(k)" + (amount.map { " \(r[$0] as String? ?? "")" } ?? ""))
        }
        return change
    }

    /// Rows of file `fileId` whose key a row of an earlier file already has: removed and listed
    /// as duplicates when their values agree; turned into rejects when not. Rows of the file
    /// itself are never matched with each other (``keyRepeats``). Where earlier files hold a key
    /// more than once, each row is matched with an earlier row not yet matched, one with the
    /// same values first; when every one is taken, with the first.
    static func resolveDuplicates(_ db: Database, kind: RecordKind, key: [String], fileId: Int64) throws -> (duplicates: Int, conflicts: Int) {
        let parts = Self.parts(key, kind: kind)
        let match = keyMatch(parts, kind: kind, "k", "n")
        // The file's rows by their id range; the earlier files' rows below it, through an index SQLite builds for this query.
        let ids = ids(of: fileId)
        let pairs = try Row.fetchAll(db, sql: """
            SELECT n.id AS n_id, group_concat(k.id) AS k_ids FROM \(quoted(kind.table)) n JOIN \(quoted(kind.table)) k ON \(match) AND k.id < ?
            WHERE n.id >= ? AND n.id < ? GROUP BY n.id ORDER BY n.id
            """, arguments: [ids.lowerBound, ids.lowerBound, ids.upperBound])
        var dups = 0, conflicts = 0
        var taken = Set<Int64>()
        var earlier: [Int64: Row] = [:]
        func row(_ id: Int64) throws -> Row {
            if let r = earlier[id] { return r }
            let r = try Row.fetchOne(db, sql: "SELECT t.*, f.path AS _path FROM \(quoted(kind.table)) t JOIN files f ON f.id = t.file_id WHERE t.id = ?", arguments: [id])!
            earlier[id] = r
            return r
        }
        for p in pairs {
            let n = try Row.fetchOne(db, sql: "SELECT * FROM \(quoted(kind.table)) WHERE id = ?", arguments: [p["n_id"] as Int64])!
            let candidates = (p["k_ids"] as String).split(separator: ",").compactMap { Int64($0) }.sorted()
            let free = candidates.filter { !taken.contains($0) }
            var pick = candidates[0]
            if free.count < candidates.count || candidates.count > 1 {
                if let same = try free.first(where: { valuesText(try row($0), kind: kind) == valuesText(n, kind: kind) }) { pick = same }
                else if let first = free.first { pick = first }
            }
            taken.insert(pick)
            let k = try row(pick)
            let same = valuesText(n, kind: kind) == valuesText(k, kind: kind)
            let keyValue = keyText(n, parts: parts, kind: kind)
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
                func reason(_ english: Bool) -> String {
                    let what = fields.map { Catalog.text("reject.conflict.field", english: english, ["field": $0.name, "here": plain(n[$0.name]), "there": plain(k[$0.name])]) }
                    return Catalog.text("reject.conflict", english: english, ["key": key.joined(separator: ", "), "value": keyValue, "path": k["_path"] as String,
                                                                                "row": k["row"] as Int, "fields": what.joined(separator: Catalog.text("keys.repeats.separator", english: english))])
                }
                try db.execute(sql: "INSERT INTO rejects (file_id, row, line, reason, cells, reason_zh) VALUES (?, ?, ?, ?, '[]', ?)",
                               arguments: [fileId, n["row"] as Int, n["line"] as Int?, reason(true), reason(false)])
            }
        }
        return (dups, conflicts)
    }
}
