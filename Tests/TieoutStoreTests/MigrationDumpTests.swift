import Foundation
import GRDB
import Testing
@testable import TieoutStore

/// Each released migration leaves exactly the schema committed in
/// Tests/TieoutStoreTests/Fixtures/schema/ (one dump per migration, every table, index and
/// column as SQLite stores them). A migration edited after release, or one that comes to
/// depend on what the application's types say today, fails here.
@Suite("Migration dumps")
struct MigrationDumpTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/schema").path

    /// The schema as text: every object's SQL, by type and name (GRDB's own table left out).
    static func dump(_ db: Database) throws -> String {
        try Row.fetchAll(db, sql: """
            SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'grdb_%' ORDER BY type DESC, name
            """).map { "-- \($0["type"] as String) \($0["name"] as String)\n\($0["sql"] as String);\n" }.joined()
    }

    @Test("every migration's resulting schema equals its committed dump")
    func dumps() throws {
        let ids = DatasetStore.migrator.migrations
        #expect(ids.count == 11)
        for (i, id) in ids.enumerated() {
            let queue = try DatabaseQueue()
            try DatasetStore.migrator.migrate(queue, upTo: id)
            let text = try queue.read { try Self.dump($0) }
            let path = Self.folder + "/v\(i + 1).sql"
            if ProcessInfo.processInfo.environment["TIEOUT_WRITE_SCHEMA_DUMPS"] == "1" {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            }
            let committed = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text == committed, "migration \(id) differs from \(path)")
        }
    }
}

extension MigrationDumpTests {
    @Test("a dataset a newer Tieout migrated is refused with what to do, never opened and misread")
    func newerDataset() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-newer-\(UUID().uuidString).sqlite").path
        _ = try DatasetStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: a later release')") }
        do {
            _ = try DatasetStore(path: path)
            Issue.record("opened")
        } catch {
            #expect(error.code == "store.newer")
            #expect(error.description == "Error: the dataset \(path) was written by a newer Tieout (it has the migration “v99: a later release”, which this one does not know) at \(path)\nHelp: Run the Tieout that wrote it (or a newer one), or move the dataset aside and run `tieout ingest` to rebuild it from the ledgers with this one.")
        }
    }
}
