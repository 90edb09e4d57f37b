import Foundation
import Testing
import TieoutTestSupport
import TieoutCore
import TieoutIngest
import TieoutPostgres
@testable import TieoutStore

/// Publishing only what changed: a schema brought up to date from its last publish holds what
/// a whole publish of the same SQLite dataset holds, table by table, row by row, after edits,
/// reverts, renames, removals and new files; an unchanged dataset copies nothing but the run
/// log. Runs against a real server (the test cluster, TIEOUT_TEST_PG_URL).
@Suite("Publishing to PostgreSQL: only what changed", .serialized)
struct PostgresPublishTests {
    static func contents(_ url: PostgresURL, _ schema: String) throws -> [String: [String]] {
        try TestPostgres.contents(url, schema: schema)
    }

    /// The same dataset published whole into a database of its own: what an incremental publish must equal.
    static func fresh(_ store: DatasetStore, _ ws: Workspace) throws -> [String: [String]] {
        let pg = try PostgresDataset(url: try TestPostgres.freshDatabase("fresh"), unit: ws.unitName, fiscalYear: ws.fiscalYear)
        let p = try pg.publish(store)
        #expect(p.mode == .whole)
        return try contents(pg.url, pg.schema)
    }

    static func treasury(_ dir: String, _ name: String) -> String { dir + "/ledgers/treasury/" + name }

    @Test("after an unchanged run, an edited amount, its revert, a rename, a removal and a new file, the published schema equals a whole publish of the same files, and copies less")
    func changesEqualWhole() throws {
        let dir = try copyOfWorkspace("samples/futian-2024")
        var ws = try Workspace.open(dir)
        let store = try DatasetStore(path: ws.databasePath)
        _ = try store.ingest(ws)
        let url = try TestPostgres.freshDatabase("publish")
        let pg = try PostgresDataset(url: url, unit: ws.unitName, fiscalYear: ws.fiscalYear)
        let first = try pg.publish(store)
        #expect(first.mode == .whole)
        let all = first.total
        #expect(all > 400)
        #expect(try Self.contents(url, pg.schema) == Self.fresh(store, ws))

        /// Ingests the workspace as it is now, publishes, and compares with a whole publish.
        func step(_ label: String, _ edit: () throws -> Void) throws -> PostgresDataset.Published {
            try edit()
            ws = try Workspace.open(dir)
            _ = try store.ingest(ws)
            let p = try pg.publish(store)
            let mine = try Self.contents(url, pg.schema), whole = try Self.fresh(store, ws)
            #expect(mine.keys.sorted() == whole.keys.sorted(), "\(label)")
            for (t, rows) in whole { #expect(mine[t] == rows, "\(label): table \(t) differs from a whole publish") }
            return p
        }

        // Nothing changed: only the new ingest run is sent.
        let same = try step("unchanged") {}
        #expect(same.mode == .unchanged)
        #expect(same.rows == ["ingest_runs": 1])

        // One amount of July edited: July's records and the small tables, not the rest.
        let july = Self.treasury(dir, "2024-07.csv")
        let original = try Data(contentsOf: URL(fileURLWithPath: july))
        let text = String(decoding: original, as: UTF8.self)
        #expect(text.components(separatedBy: "\"88,235.42\"").count == 4)   // three payments of July
        let edited = try step("edited") {
            try Data(text.replacingOccurrences(of: "\"88,235.42\"", with: "\"88,235.43\"").utf8).write(to: URL(fileURLWithPath: july))
        }
        #expect(edited.mode == .changes)
        #expect(edited.changedFiles >= 1)
        #expect(edited.total < all)
        let paymentsTable = try #require(try store.queue.read { d in try String.fetchOne(d, sql: "SELECT table_name FROM kind_definitions WHERE kind = 'treasury-payment'") })
        let db = try PostgresConnection(url: url)
        #expect(try db.queryFirst(PostgresSQL(sql: "SELECT count(*) FROM \(PostgresSQL.quote(identifier: pg.schema)).\(PostgresSQL.quote(identifier: paymentsTable)) WHERE amount = '88235.43'"))?[0] == "3")

        // Reverted: the original bytes again.
        let reverted = try step("reverted") { try original.write(to: URL(fileURLWithPath: july)) }
        #expect(reverted.mode == .changes)
        #expect(try db.queryFirst(PostgresSQL(sql: "SELECT count(*) FROM \(PostgresSQL.quote(identifier: pg.schema)).\(PostgresSQL.quote(identifier: paymentsTable)) WHERE amount = '88235.43'"))?[0] == "0")

        // Renamed, removed, and a new file (August's payments again under another name: duplicates).
        _ = try step("renamed") { try FileManager.default.moveItem(atPath: Self.treasury(dir, "2024-03.csv"), toPath: Self.treasury(dir, "2024-03-renamed.csv")) }
        _ = try step("removed") { try FileManager.default.removeItem(atPath: Self.treasury(dir, "2024-04.csv")) }
        let added = try step("added") { try FileManager.default.copyItem(atPath: Self.treasury(dir, "2024-08.csv"), toPath: Self.treasury(dir, "2024-08-copy.csv")) }
        #expect(added.mode == .changes)
        #expect(added.total < all)
        // And unchanged again after all that.
        #expect(try step("unchanged again") {}.mode == .unchanged)
    }

    @Test("a dataset made anew (its SQLite file deleted and the workspace ingested again) is published whole, not patched")
    func datasetMadeAnew() throws {
        let dir = try copyOfWorkspace("samples/futian-2024")
        let ws = try Workspace.open(dir)
        var store = try DatasetStore(path: ws.databasePath)
        _ = try store.ingest(ws)
        let url = try TestPostgres.freshDatabase("publishanew")
        let pg = try PostgresDataset(url: url, unit: ws.unitName, fiscalYear: ws.fiscalYear)
        #expect(try pg.publish(store).mode == .whole)
        _ = try store.ingest(ws)
        #expect(try pg.publish(store).mode == .unchanged)
        store = try DatasetStore(path: ws.databasePath + ".new")
        _ = try store.ingest(ws)
        #expect(try pg.publish(store).mode == .whole)
        #expect(try Self.contents(url, pg.schema) == Self.fresh(store, ws))
    }
}
