import GRDB
import TieoutCore
import TieoutIngest

/// Record keys in SQL and in stored rows: fields, or the month or quarter of the kind's date
/// (`key: [month, voucher, entry]`). Dates are stored as ISO text, so a month is its first 7
/// characters and a quarter is worked out from them.
extension DatasetStore {
    /// A key's parts, or (a key naming what the kind lacks, which validation stops before) its fields found.
    static func parts(_ key: [String], kind: RecordKind) -> [KeyPart] {
        kind.keyParts(key) ?? key.compactMap { k in kind.fields.firstIndex { $0.name == k }.map(KeyPart.field) }
    }

    /// One key part as an SQL expression over table alias `t`.
    static func keySQL(_ part: KeyPart, kind: RecordKind, alias t: String) -> String {
        let column = t + "." + quoted(kind.fields[part.fieldIndex].name)
        switch part {
        case .field: return column
        case .month: return "substr(\(column), 1, 7)"
        case .quarter: return "(substr(\(column), 1, 4) || 'Q' || ((CAST(substr(\(column), 6, 2) AS INTEGER) + 2) / 3))"
        }
    }

    /// `a` and `b` have the same key (every part equal, none blank).
    static func keyMatch(_ parts: [KeyPart], kind: RecordKind, _ a: String, _ b: String) -> String {
        parts.map { "\(keySQL($0, kind: kind, alias: a)) = \(keySQL($0, kind: kind, alias: b))" }.joined(separator: " AND ")
    }

    /// A stored row's key as text (`2024-03|记-0001|2`), a blank part empty.
    static func keyText(_ row: Row, parts: [KeyPart], kind: RecordKind) -> String {
        parts.map { p in
            guard let v = (row[kind.fields[p.fieldIndex].name] as DatabaseValue).storage.value else { return "" }
            return RecordKind.keyText(p, "\(v)")
        }.joined(separator: "|")
    }

    /// The names of a key's parts, for messages (`month, voucher, entry`).
    static func keyNames(_ key: [String]) -> String { key.joined(separator: ", ") }
}

extension RecordBatch {
    /// FNV-1a over the key parts' stored values of row `r` (nil when one is blank): for spotting
    /// repeats within a file. A month is the date's first 7 bytes; a quarter, its year and quarter.
    func keyFingerprint(_ r: Int, parts: [KeyPart]) -> UInt64? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ b: UInt8) { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        for part in parts {
            let slot = slot(r, part.fieldIndex)
            switch slot.count {
            case -1: return nil
            case -2: for b in String(slot.start).utf8 { add(b) }
            default:
                switch part {
                case .field: for i in slot.start..<slot.start + slot.count { add(byte(i)) }
                case .month: for i in slot.start..<slot.start + min(7, slot.count) { add(byte(i)) }
                case .quarter:
                    for i in slot.start..<slot.start + min(4, slot.count) { add(byte(i)) }
                    let m = slot.count >= 7 ? (Int(byte(slot.start + 5)) - 48) * 10 + Int(byte(slot.start + 6)) - 48 : 0
                    add(UInt8(truncatingIfNeeded: (m + 2) / 3))
                }
            }
            add(0x1F)
        }
        return h
    }
}

/// Rows of one file that share a key (vouchers over several entry lines under a key of
/// `[voucher]`, vouchers numbered again each month): every one is kept, none is counted once
/// or rejected against another row of its own file, and the report names them with a key that
/// tells them apart when one does.
public struct KeyRepeats: Sendable, Codable, Equatable {
    /// The key used (`voucher`).
    public var key: [String]
    /// Rows that share their key with another row of the file (all kept).
    public var rows: Int
    /// Keys held by more than one row.
    public var keys: Int
    /// Of those rows, those the same in every field as an earlier row with the key.
    public var identical: Int
    /// The first keys with their rows: `记-0001: rows 4, 5, 9`.
    public var examples: [String]
    /// The same in Chinese: `记-0001：第 4、5、9 行` (nil in reports stored before it was kept).
    public var examplesZh: [String]?
    /// A key that tells every row of the file apart (the key and one more part), when one does.
    public var suggestedKey: [String]?

    /// The same repeats (the Chinese examples say the same).
    public static func == (a: KeyRepeats, b: KeyRepeats) -> Bool {
        a.key == b.key && a.rows == b.rows && a.keys == b.keys && a.identical == b.identical && a.examples == b.examples && a.suggestedKey == b.suggestedKey
    }

    /// One line for `ingest`'s output, in English.
    public var message: String { message(english: true) }

    /// One line for the console in the language asked for (the catalog's `keys.repeats*`).
    public func message(english: Bool) -> String {
        let shown = english ? examples : examplesZh ?? examples
        let list = Catalog.text("keys.repeats.separator", english: english)
        return Catalog.text("keys.repeats", english: english, ["rows": rows, "key": key.joined(separator: ", "), "keys": keys,
                                                                "examples": shown.joined(separator: list) + (keys > shown.count ? list + "…" : "")])
            + (identical > 0 ? Catalog.text("keys.repeats.identical", english: english, ["n": identical]) : "")
            + (suggestedKey.map { Catalog.text("keys.repeats.suggest", english: english, ["key": $0.joined(separator: ", ")]) }
                ?? Catalog.text("keys.repeats.map-column", english: english))
    }
}

extension DatasetStore {
    /// The rows of file `fileId` that share a key with another of its rows, if any.
    static func keyRepeats(_ db: Database, kind: RecordKind, key: [String], fileId: Int64) throws -> KeyRepeats? {
        let parts = Self.parts(key, kind: kind)
        guard !parts.isEmpty else { return nil }
        let ids = ids(of: fileId)
        let table = quoted(kind.table)
        let exprs = parts.map { keySQL($0, kind: kind, alias: "t") }
        let notBlank = exprs.map { "\($0) IS NOT NULL" }.joined(separator: " AND ")
        func repeatedGroups(_ exprs: [String]) -> String {
            "SELECT count(*) AS n, group_concat(t.row) AS rows, min(t.id) AS first FROM \(table) t WHERE t.id >= ? AND t.id < ? AND \(notBlank) GROUP BY \(exprs.joined(separator: ", ")) HAVING count(*) > 1"
        }
        var out = KeyRepeats(key: key, rows: 0, keys: 0, identical: 0, examples: [], examplesZh: [])
        var sample: [[Int]] = []
        let groups = try Row.fetchCursor(db, sql: repeatedGroups(exprs) + " ORDER BY first", arguments: [ids.lowerBound, ids.upperBound])
        while let g = try groups.next() {
            out.keys += 1
            out.rows += g["n"] as Int
            let rows = (g["rows"] as String).split(separator: ",").compactMap { Int($0) }.sorted()
            if sample.count < 200 { sample.append(rows) }
        }
        guard out.keys > 0 else { return nil }
        // The sampled groups' rows, to name them and to find a part that tells them apart.
        let sampled = sample.joined().map(String.init).joined(separator: ", ")
        var byRow: [Int: Row] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT * FROM \(table) t WHERE t.id >= ? AND t.id < ? AND t.row IN (\(sampled))", arguments: [ids.lowerBound, ids.upperBound]) {
            byRow[r["row"]] = r
        }
        for rows in sample.prefix(3) {
            let k = byRow[rows[0]].map { keyText($0, parts: parts, kind: kind) } ?? ""
            out.examples.append(Catalog.text("keys.repeats.example", english: true, ["key": k, "rows": rows.map(String.init).joined(separator: ", ")]))
            out.examplesZh?.append(Catalog.text("keys.repeats.example", english: false, ["key": k, "rows": rows.map(String.init).joined(separator: "、")]))
        }
        out.identical = try Int.fetchOne(db, sql: """
            SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM \(table) t WHERE t.id >= ? AND t.id < ? AND \(notBlank)
            GROUP BY \(kind.fields.map { "t." + quoted($0.name) }.joined(separator: ", ")) HAVING count(*) > 1)
            """, arguments: [ids.lowerBound, ids.upperBound]) ?? 0
        // Candidates: the month or quarter of the date, then text, date and word fields not in the key.
        var candidates: [(name: String, part: KeyPart)] = []
        if let d = kind.dateField, let i = kind.fields.firstIndex(where: { $0.name == d }) {
            for (name, part) in [("month", KeyPart.month(i)), ("quarter", KeyPart.quarter(i))]
            where !key.contains(name) && !key.contains("month") && kind.field(name) == nil {
                candidates.append((name, part))
            }
        }
        for (i, f) in kind.fields.enumerated() where !key.contains(f.name) {
            switch f.type {
            case .text, .enumeration, .integer: candidates.append((f.name, .field(i)))
            default: break
            }
        }
        func separates(_ part: KeyPart) -> Bool {
            sample.allSatisfy { rows in
                var seen = Set<String>()
                for r in rows {
                    guard let row = byRow[r], let v = (row[kind.fields[part.fieldIndex].name] as DatabaseValue).storage.value else { return false }
                    if !seen.insert(RecordKind.keyText(part, "\(v)")).inserted { return false }
                }
                return true
            }
        }
        for c in candidates where separates(c.part) {
            let more = exprs + [keySQL(c.part, kind: kind, alias: "t")]
            let left = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(repeatedGroups(more)))", arguments: [ids.lowerBound, ids.upperBound]) ?? 1
            // A month or quarter goes first (记-0001 of March), a field last (an entry number).
            if left == 0 {
                out.suggestedKey = c.name == "month" || c.name == "quarter" ? [c.name] + key.filter { $0 != "quarter" || kind.field("quarter") != nil } : key + [c.name]
                break
            }
        }
        return out
    }
}
