import GRDBSQLite
import TieoutCore
import TieoutIngest

/// Inserts records through SQLite's own binding calls, `rowsPerStatement` rows
/// per `INSERT … VALUES (…), (…), …` (one statement step per group: measured,
/// the per-step cost is most of a one-row insert). Every text value is written
/// once into a reused buffer and bound in place (no String per amount or date,
/// no copy by SQLite) — the hot path of an ingest.
final class RecordBinder {
    static let rowsPerStatement = 32
    let many: OpaquePointer
    let one: OpaquePointer
    let fileId: Int64
    /// The id the next record gets (its file's block of ids, in the order read).
    private var nextId: Int64
    private var arena: [UInt8] = []
    /// The records waiting for a full group.
    private var pending: [TieoutIngest.Record] = []
    /// Per pending value: where its text is in the arena (start, length).
    private var spans: [(start: Int, count: Int)] = []

    /// `many` inserts `rowsPerStatement` rows, `one` a single row; both list id, file_id, row, line, then the kind's fields.
    init(many: OpaquePointer, one: OpaquePointer, fileId: Int64) {
        self.many = many
        self.one = one
        self.fileId = fileId
        nextId = DatasetStore.ids(of: fileId).lowerBound
        arena.reserveCapacity(64 * 1024)
        pending.reserveCapacity(Self.rowsPerStatement)
    }

    /// Nil when the row went in (or waits for its group); SQLite's message otherwise.
    func insert(_ record: TieoutIngest.Record) -> String? {
        pending.append(record)
        return pending.count == Self.rowsPerStatement ? flush() : nil
    }

    /// Writes the records still waiting, one statement each. Nil when they went in.
    func finish() -> String? {
        flush()
    }

    private func flush() -> String? {
        guard !pending.isEmpty else { return nil }
        defer { pending.removeAll(keepingCapacity: true) }
        // First every text into the arena (it may grow), then bind pointers into it.
        arena.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
        for record in pending {
            for value in record.values {
                let start = arena.count
                switch value {
                case nil, .integer?, .boolean?: break
                case .text(let s)?, .enumeration(let s)?: arena.append(contentsOf: s.utf8)
                case .amount(let a)?, .percentage(let a)?: a.appendPlainText(to: &arena)
                case .date(let d)?: d.appendISOText(to: &arena)
                }
                spans.append((start, arena.count - start))
            }
        }
        return arena.withUnsafeBufferPointer { buf -> String? in
            let base = UnsafeRawPointer(buf.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self)
            let full = pending.count == Self.rowsPerStatement
            var span = 0
            let statement = full ? many : one
            var index: Int32 = 1
            for record in pending {
                if !full { sqlite3_reset(statement); index = 1 }
                sqlite3_bind_int64(statement, index, nextId)
                sqlite3_bind_int64(statement, index + 1, fileId)
                sqlite3_bind_int64(statement, index + 2, Int64(record.row))
                if let line = record.line { sqlite3_bind_int64(statement, index + 3, Int64(line)) } else { sqlite3_bind_null(statement, index + 3) }
                nextId += 1
                index += 4
                for value in record.values {
                    switch value {
                    case nil: sqlite3_bind_null(statement, index)
                    case .integer(let n)?: sqlite3_bind_int64(statement, index, Int64(n))
                    case .boolean(let b)?: sqlite3_bind_int64(statement, index, b ? 1 : 0)
                    default:
                        // SQLITE_STATIC (nil): the arena outlives the step below.
                        sqlite3_bind_text(statement, index, base + spans[span].start, Int32(spans[span].count), nil)
                    }
                    span += 1
                    index += 1
                }
                if !full, let message = Self.step(statement) { return message }
            }
            if full {
                defer { sqlite3_reset(statement) }
                return Self.step(statement)
            }
            return nil
        }
    }

    private static func step(_ statement: OpaquePointer) -> String? {
        guard sqlite3_step(statement) == SQLITE_DONE else {
            return String(cString: sqlite3_errmsg(sqlite3_db_handle(statement)))
        }
        return nil
    }
}
