import GRDB
import TieoutCore

extension DatasetStore {
    /// Rows read from the workspace's ledgers as the dataset holds them: each file's (and sheet's)
    /// latest version that is active or was superseded by a re-issue, as a run that read every
    /// file would count them. A rerun that reads no file again reports the same number; a file
    /// gone from the workspace, or an older version of a file read again, does not count.
    public func rowsRead() throws(TieoutError) -> Int {
        do {
            return try queue.read { db in
                var latest: [String: Int] = [:]   // by path and part: the latest version's rows, or 0 when removed
                for r in try Row.fetchAll(db, sql: "SELECT path, part, status, rows_read FROM files ORDER BY id") {
                    let status: String = r["status"], path: String = r["path"]
                    latest[path + "\u{0}" + ((r["part"] as String?) ?? "")] = status == "active" || status == "replaced" ? r["rows_read"] : 0
                }
                return latest.values.reduce(0, +)
            }
        } catch { throw fault(error, Phrase("error.doing.reading-files")) }
    }
}
