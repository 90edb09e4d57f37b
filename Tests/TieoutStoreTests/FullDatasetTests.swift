import Foundation
import GRDB
import Testing
import TieoutCore
import TieoutIngest
import TieoutTestSupport
@testable import TieoutStore

/// A dataset that cannot be written (its disk full) is the run's failure, not a ledger's.
/// Before: every file after the disk filled was listed as `failed` with "database or disk is
/// full", and the ingest went on and exited 1 like a run with a bad ledger; now it stops with
/// store.full (exit 2: a write that failed), keeping the files read before it whole.
@Suite("A dataset that fills up")
struct FullDatasetTests {
    @Test("the disk fills at every point of an ingest: store.full each time, never a ledger listed as failed; the files read before it whole; with room, the next ingest completes")
    func fills() throws {
        let source = try copyOfWorkspace("samples/futian-2024")
        var midway = 0
        // SQLite's own limit stands in for a full disk (the same SQLITE_FULL), from a few pages
        // above a new dataset's size up to where the whole sample fits.
        for extra in 1...400 {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-full-\(UUID().uuidString)").path
            try FileManager.default.copyItem(atPath: source, toPath: dir)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let ws = try Workspace.open(dir)
            let store = try DatasetStore(path: ws.databasePath)
            let pages = try store.queue.read { db in try Int.fetchOne(db, sql: "PRAGMA page_count")! }
            try store.queue.inDatabase { db in _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages + extra)") }
            do {
                let report = try store.ingest(ws)
                // It fitted: nothing may be listed as failed for want of room.
                #expect(!report.failed, "\(extra) pages: \(report.files.compactMap(\.error))")
                break
            } catch {
                #expect(error.code == "store.full" && error.what.contains("database or disk is full"), "\(extra) pages: \(error.code) \(error)")
                let active = try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM files WHERE status = 'active'")! }
                if active > 0 { midway += 1 }
                // What was read before the limit is whole: each active file's records are its accepted rows.
                let whole = try store.queue.read { db in
                    try Row.fetchAll(db, sql: """
                        SELECT f.id, k.table_name, f.accepted FROM files f JOIN kind_definitions k ON k.kind = f.kind WHERE f.status = 'active'
                        """).allSatisfy { row in
                        let table: String = row["table_name"]
                        let id: Int64 = row["id"]
                        let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE id >= ? AND id < ?",
                                                 arguments: [id << 32, (id + 1) << 32]) ?? -1
                        return n == row["accepted"] as Int
                    }
                }
                #expect(whole, "\(extra) pages")
                // Room again: the next ingest completes, with every file.
                let again = try DatasetStore(path: ws.databasePath).ingest(ws)
                #expect(!again.failed && again.files.count == 20, "\(extra) pages")
            }
        }
        // The limit met the ingest part-way through its files at least once.
        #expect(midway > 0)
    }
}
