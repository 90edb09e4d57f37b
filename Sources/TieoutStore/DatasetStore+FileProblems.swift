import GRDB
import TieoutCore

/// A file's subtotal checks and its rows counted once or rejected against earlier files are the
/// dataset's, like its key repeats: an ingest that skips an unchanged file says of it what the
/// ingest that read it said (and so does an ingest on a fresh copy of the same files).
extension DatasetStore {
    /// A subtotal row that disagrees, as stored: its place (the dataset's path of the file,
    /// whatever path the workspace was named by) and the values the line is made of.
    struct Mismatch: Equatable {
        var place: String, label: String, field: String, stated: String?, computed: String, status: String
    }

    struct FileProblems: Equatable {
        var checks = 0
        var mismatches: [Mismatch] = []
        var duplicates = 0
        var conflicts = 0
    }

    /// The subtotal checks (rows scope: cumulative rows are `checkCumulative`'s) and duplicates
    /// of the given files rows (each unit's row as it stands: a file a re-issue replaced keeps
    /// what its reading checked, as when it was read), by the caller's place for each.
    func fileProblems(_ ids: [Int: Int64]) throws(TieoutError) -> [Int: FileProblems] {
        guard !ids.isEmpty else { return [:] }
        let wanted = Set(ids.values)
        do {
            return try queue.read { db in
                var byId: [Int64: FileProblems] = [:]
                for r in try Row.fetchAll(db, sql: """
                    SELECT s.*, f.path AS _path, f.sheet AS _sheet FROM subtotal_checks s JOIN files f ON f.id = s.file_id
                    WHERE s.scope = 'rows' ORDER BY s.id
                    """) {
                    let id: Int64 = r["file_id"]
                    guard wanted.contains(id) else { continue }
                    byId[id, default: FileProblems()].checks += 1
                    let status: String = r["status"]
                    guard status != "ok" else { continue }
                    let place = Self.place(path: r["_path"], sheet: r["_sheet"], row: r["row"], cell: r["cell"])
                    byId[id, default: FileProblems()].mismatches.append(
                        Mismatch(place: place, label: r["label"], field: r["field"], stated: r["stated"], computed: r["computed"], status: status))
                }
                for r in try Row.fetchAll(db, sql: """
                    SELECT file_id, same_values, count(*) AS n FROM duplicates GROUP BY file_id, same_values
                    """) {
                    let id: Int64 = r["file_id"], n: Int = r["n"]
                    guard wanted.contains(id) else { continue }
                    if (r["same_values"] as Int) != 0 { byId[id, default: FileProblems()].duplicates += n }
                    else { byId[id, default: FileProblems()].conflicts += n }
                }
                return ids.mapValues { byId[$0] ?? FileProblems() }
            }
        } catch { throw fault(error, Phrase("error.doing.reading-file-problems")) }
    }

    /// Where a stored check is, as its ``SourceLocation`` said when the file was read:
    /// `file[sheet]!E4` in a workbook, `file:4:5` in a CSV (line and column of the cell).
    static func place(path: String, sheet: String?, row: Int?, cell: String?) -> String {
        var line = row, column: Int? = nil
        if let cell, let digits = cell.firstIndex(where: \.isNumber), let n = Int(cell[digits...]) {
            line = n
            column = cell[..<digits].unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 }
        }
        return SourceLocation(file: path, sheet: sheet, line: line, column: column).description
    }
}
