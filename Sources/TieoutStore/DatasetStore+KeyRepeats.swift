import Foundation
import GRDB
import TieoutCore

/// Rows of one file that share a key (``KeyRepeats``) are a warning of the dataset, not of the
/// run that read the file: kept in `key_repeats` when the file is read, and shown from there in
/// every run (a rerun that skips the file says the same as the run that read it) and in the
/// reports' dataset section. Only active files count: a file a re-issue replaced has no records.
extension DatasetStore {
    /// Keeps what file `fileId`'s rows repeat (nothing when none do), in the file's transaction.
    static func recordKeyRepeats(_ db: Database, fileId: Int64, _ r: KeyRepeats?) throws {
        guard let r else { return }
        try db.execute(sql: """
            INSERT INTO key_repeats (file_id, key, rows, keys, identical, examples, suggested_key, examples_zh) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [fileId, try jsonArray(r.key), r.rows, r.keys, r.identical, try jsonArray(r.examples), try r.suggestedKey.map(jsonArray),
                             try r.examplesZh.map(jsonArray)])
    }

    static func keyRepeats(_ row: Row) throws -> KeyRepeats {
        func strings(_ text: String?) throws -> [String]? {
            try text.map { try JSONDecoder().decode([String].self, from: Data($0.utf8)) }
        }
        var r = KeyRepeats(key: try strings(row["key"]) ?? [], rows: row["rows"], keys: row["keys"], identical: row["identical"],
                           examples: try strings(row["examples"]) ?? [])
        r.suggestedKey = try strings(row["suggested_key"])
        r.examplesZh = try strings(row["examples_zh"])
        return r
    }

    /// The key repeats of the given files rows that are active (by the caller's place for each).
    func activeKeyRepeats(_ ids: [Int: Int64]) throws(TieoutError) -> [Int: KeyRepeats] {
        guard !ids.isEmpty else { return [:] }
        do {
            return try queue.read { db in
                var byId: [Int64: KeyRepeats] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT k.* FROM key_repeats k JOIN files f ON f.id = k.file_id WHERE f.status = 'active'
                    """) {
                    byId[row["file_id"]] = try Self.keyRepeats(row)
                }
                return ids.compactMapValues { byId[$0] }
            }
        } catch { throw fault(error, Phrase("error.doing.reading-key-repeats")) }
    }

    /// Active files whose rows share a key, by path (with the sheet when read sheet by sheet).
    public func keyRepeats() throws(TieoutError) -> [(file: String, repeats: KeyRepeats)] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT k.*, f.path AS _path, f.part AS _part FROM key_repeats k JOIN files f ON f.id = k.file_id
                    WHERE f.status = 'active' ORDER BY f.path, f.part
                    """).map { r in
                    ((r["_path"] as String) + ((r["_part"] as String?).map { "[\($0)]" } ?? ""), try Self.keyRepeats(r))
                }
            }
        } catch { throw fault(error, Phrase("error.doing.reading-key-repeats")) }
    }
}
