import GRDB
import GRDBSQLite
import TieoutCore
import TieoutIngest

/// Inserts a batch's rows through SQLite's own binding calls, `rowsPerStatement`
/// rows per `INSERT … VALUES (…), (…), …` (one statement step per group: measured,
/// the per-step cost is most of a one-row insert), texts bound in place from the
/// batch's buffer (no copy by SQLite) — the hot path of an ingest.
final class RecordBinder {
    static let rowsPerStatement = 32
    let many: OpaquePointer
    let one: OpaquePointer
    let fileId: Int64
    /// The id the next record gets (its file's block of ids, in the order read).
    private var nextId: Int64
    private let firstId: Int64

    /// `many` inserts `rowsPerStatement` rows, `one` a single row; both list id, file_id, row, line, then the kind's fields.
    init(many: OpaquePointer, one: OpaquePointer, fileId: Int64) {
        self.many = many
        self.one = one
        self.fileId = fileId
        firstId = DatasetStore.ids(of: fileId).lowerBound
        nextId = firstId
    }

    /// Every row of the batch, in order: nil when they went in; otherwise SQLite's error with
    /// its result code (a full disk must read as one, not as a bug).
    func insert(_ batch: RecordBatch) -> (any Error)? {
        batch.withBytes { buf -> (any Error)? in
            let base = UnsafeRawPointer(buf.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self)
            let fields = batch.fieldCount
            var r = 0
            while r < batch.count {
                let group = batch.count - r >= Self.rowsPerStatement ? Self.rowsPerStatement : 1
                let statement = group == 1 ? one : many
                sqlite3_reset(statement)
                var index: Int32 = 1
                for k in r..<r + group {
                    let (row, line) = batch.rows[k]
                    // The file's first id is given; SQLite numbers the rest (the largest id + 1: the
                    // next in the block, since later files have larger ids). Measured: giving every
                    // id makes SQLite search the table for each row (1.61 s against 1.31 s per 1M rows).
                    if nextId == firstId { sqlite3_bind_int64(statement, index, nextId) } else { sqlite3_bind_null(statement, index) }
                    sqlite3_bind_int64(statement, index + 1, fileId)
                    sqlite3_bind_int64(statement, index + 2, Int64(row))
                    if let line { sqlite3_bind_int64(statement, index + 3, Int64(line)) } else { sqlite3_bind_null(statement, index + 3) }
                    nextId += 1
                    index += 4
                    for f in 0..<fields {
                        let slot = batch.slots[k * fields + f]
                        switch slot.count {
                        case -1: sqlite3_bind_null(statement, index)
                        case -2: sqlite3_bind_int64(statement, index, Int64(slot.start))
                        // SQLITE_STATIC (nil): the batch outlives the step below.
                        default: sqlite3_bind_text(statement, index, base + slot.start, Int32(slot.count), nil)
                        }
                        index += 1
                    }
                }
                let db = sqlite3_db_handle(statement)
                let code = sqlite3_step(statement)
                guard code == SQLITE_DONE else {
                    return DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(db)), message: String(cString: sqlite3_errmsg(db)))
                }
                guard sqlite3_last_insert_rowid(db) == nextId - 1 else {
                    return DatasetStore.StoreError(message: "record ids left the file's block: row \(batch.rows[r + group - 1].row) has id \(sqlite3_last_insert_rowid(db)), not \(nextId - 1)")
                }
                r += group
            }
            return nil
        }
    }
}
