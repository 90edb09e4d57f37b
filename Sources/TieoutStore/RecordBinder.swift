import GRDBSQLite
import TieoutCore
import TieoutIngest

/// Inserts records through SQLite's own binding calls: one prepared statement,
/// every text value of a row written once into a reused buffer and bound in
/// place (no String per amount or date, no copy by SQLite) — the hot path of an ingest.
final class RecordBinder {
    let statement: OpaquePointer
    let fileId: Int64
    private var arena: [UInt8] = []
    /// Per field: where its text is in the arena (start, length), or -1: an integer or NULL.
    private var spans: [(start: Int, count: Int)] = []

    init(statement: OpaquePointer, fileId: Int64) {
        self.statement = statement
        self.fileId = fileId
        arena.reserveCapacity(4096)
    }

    /// Nil when the row went in; SQLite's message otherwise.
    func insert(_ record: TieoutIngest.Record) -> String? {
        sqlite3_reset(statement)
        sqlite3_bind_int64(statement, 1, fileId)
        sqlite3_bind_int64(statement, 2, Int64(record.row))
        if let line = record.line { sqlite3_bind_int64(statement, 3, Int64(line)) } else { sqlite3_bind_null(statement, 3) }
        // First every text into the arena (it may grow), then bind pointers into it.
        arena.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
        for value in record.values {
            let start = arena.count
            switch value {
            case nil, .integer?, .boolean?:
                spans.append((-1, 0))
                continue
            case .text(let s)?, .enumeration(let s)?: arena.append(contentsOf: s.utf8)
            case .amount(let a)?, .percentage(let a)?: a.appendPlainText(to: &arena)
            case .date(let d)?: d.appendISOText(to: &arena)
            }
            spans.append((start, arena.count - start))
        }
        var index: Int32 = 4
        return arena.withUnsafeBufferPointer { buf -> String? in
            let base = UnsafeRawPointer(buf.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self)
            for (k, value) in record.values.enumerated() {
                switch value {
                case nil: sqlite3_bind_null(statement, index)
                case .integer(let n)?: sqlite3_bind_int64(statement, index, Int64(n))
                case .boolean(let b)?: sqlite3_bind_int64(statement, index, b ? 1 : 0)
                default:
                    // SQLITE_STATIC (nil): the arena outlives the step below.
                    sqlite3_bind_text(statement, index, base + spans[k].start, Int32(spans[k].count), nil)
                }
                index += 1
            }
            guard sqlite3_step(statement) == SQLITE_DONE else {
                return String(cString: sqlite3_errmsg(sqlite3_db_handle(statement)))
            }
            return nil
        }
    }
}
