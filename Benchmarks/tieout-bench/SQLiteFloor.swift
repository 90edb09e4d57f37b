#if canImport(Glibc)
import Glibc
#endif
import Foundation   // String(format:) for the report only
import GRDBSQLite
import TieoutIngest
import TieoutStore

/// The least an ingest's writes can cost: the rows of an ingested dataset's
/// `treasury_payments`, held in memory as the exact bytes stored, written into
/// a fresh dataset the way `tieout ingest` writes them (one transaction, 32 rows
/// per statement, texts bound in place, the file's first id given) with no
/// reading, typing or hashing at all. Run by scripts/bench-ingest.
func benchSQLiteFloor(source: String, scratch: String) {
    // Read every row's values into one buffer.
    var db: OpaquePointer? = nil
    guard sqlite3_open_v2(source, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else { print("cannot open \(source)"); exit(1) }
    var select: OpaquePointer? = nil
    let kind: RecordKind
    do {
        guard let k = try KindCatalog.builtIn().named("treasury-payment") else { print("no built-in kind treasury-payment"); exit(1) }
        kind = k
    } catch { print(error.description); exit(1) }
    let fields = kind.fields.map(\.name)
    let columns = ["row", "line"] + fields
    sqlite3_prepare_v2(db, "SELECT \(columns.joined(separator: ", ")) FROM treasury_payments ORDER BY id", -1, &select, nil)
    var bytes: [UInt8] = []
    var slots: [(start: Int, count: Int)] = []   // count −1: NULL, −2: integer in start
    var rows = 0
    while sqlite3_step(select) == SQLITE_ROW {
        for c in 0..<Int32(columns.count) {
            switch sqlite3_column_type(select, c) {
            case SQLITE_NULL: slots.append((0, -1))
            case SQLITE_INTEGER: slots.append((Int(sqlite3_column_int64(select, c)), -2))
            default:
                let n = Int(sqlite3_column_bytes(select, c))
                let p = sqlite3_column_text(select, c)!
                slots.append((bytes.count, n))
                bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
            }
        }
        rows += 1
    }
    sqlite3_finalize(select)
    sqlite3_close(db)

    // A fresh dataset with the real schema, then the writes alone.
    unlink(scratch)
    do { _ = try DatasetStore(path: scratch) } catch { print("\(error)"); exit(1) }
    var out: OpaquePointer? = nil
    sqlite3_open_v2(scratch, &out, SQLITE_OPEN_READWRITE, nil)
    let group = 32
    let tuple = "(" + Array(repeating: "?", count: 2 + columns.count).joined(separator: ", ") + ")"
    let head = "INSERT INTO treasury_payments (id, file_id, \(columns.joined(separator: ", "))) VALUES "
    var many: OpaquePointer? = nil, one: OpaquePointer? = nil
    sqlite3_exec(out, "INSERT INTO ingest_runs (id, started_at) VALUES (1, 'x'); INSERT INTO files (id, path, sha256, profile, kind, unit, rows_read, accepted, rejected, subtotal, skipped, status, run_id) VALUES (1, 'f', 'x', 'p', 'treasury-payment', '元', 0, 0, 0, 0, 0, 'active', 1)", nil, nil, nil)
    sqlite3_prepare_v2(out, head + Array(repeating: tuple, count: group).joined(separator: ", "), -1, &many, nil)
    sqlite3_prepare_v2(out, head + tuple, -1, &one, nil)
    let t0 = now()
    sqlite3_exec(out, "BEGIN", nil, nil, nil)
    bytes.withUnsafeBufferPointer { buf in
        let base = UnsafeRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self)
        var r = 0
        while r < rows {
            let n = rows - r >= group ? group : 1
            let st = n == 1 ? one : many
            sqlite3_reset(st)
            var index: Int32 = 1
            for k in r..<r + n {
                if k == 0 { sqlite3_bind_int64(st, index, 1 << 32) } else { sqlite3_bind_null(st, index) }
                sqlite3_bind_int64(st, index + 1, 1)
                index += 2
                for c in 0..<columns.count {
                    let s = slots[k * columns.count + c]
                    switch s.count {
                    case -1: sqlite3_bind_null(st, index)
                    case -2: sqlite3_bind_int64(st, index, Int64(s.start))
                    default: sqlite3_bind_text(st, index, base + s.start, Int32(s.count), nil)
                    }
                    index += 1
                }
            }
            precondition(sqlite3_step(st) == SQLITE_DONE, String(cString: sqlite3_errmsg(out)))
            r += n
        }
    }
    let t1 = now()
    sqlite3_exec(out, "COMMIT", nil, nil, nil)
    let t2 = now()
    sqlite3_finalize(many); sqlite3_finalize(one)
    sqlite3_close(out)
    print("sqlite floor: \(rows) rows, values already in memory: inserts \(String(format: "%.2f", t1 - t0)) s + commit \(String(format: "%.2f", t2 - t1)) s = \(String(format: "%.2f", t2 - t0)) s")
}
