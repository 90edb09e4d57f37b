import GRDBSQLite
import TieoutCore
import TieoutIngest

/// Inserts records through SQLite's own binding calls: one prepared statement,
/// values bound in place, no per-row argument arrays (the hot path of an ingest).
struct RecordBinder {
    let statement: OpaquePointer
    let fileId: Int64
    /// SQLite copies the bytes before the call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Nil when the row went in; SQLite's message otherwise.
    func insert(_ record: TieoutIngest.Record) -> String? {
        sqlite3_reset(statement)
        sqlite3_bind_int64(statement, 1, fileId)
        sqlite3_bind_int64(statement, 2, Int64(record.row))
        if let line = record.line { sqlite3_bind_int64(statement, 3, Int64(line)) } else { sqlite3_bind_null(statement, 3) }
        var index: Int32 = 4
        for value in record.values {
            switch value {
            case nil: sqlite3_bind_null(statement, index)
            case .integer(let n)?: sqlite3_bind_int64(statement, index, Int64(n))
            case .boolean(let b)?: sqlite3_bind_int64(statement, index, b ? 1 : 0)
            case .text(let s)?, .enumeration(let s)?: bind(s, index)
            case let v?: bind(v.description, index)
            }
            index += 1
        }
        guard sqlite3_step(statement) == SQLITE_DONE else {
            return String(cString: sqlite3_errmsg(sqlite3_db_handle(statement)))
        }
        return nil
    }

    private func bind(_ text: String, _ index: Int32) {
        var t = text
        t.withUTF8 { b in
            guard let base = b.baseAddress, b.count > 0 else { _ = sqlite3_bind_text(statement, index, "", 0, Self.transient); return }
            _ = sqlite3_bind_text(statement, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(b.count), Self.transient)
        }
    }
}
