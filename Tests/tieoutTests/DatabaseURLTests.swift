import Foundation
import Testing

/// `database: postgresql://…` in tieout.yaml names a server, never a file: until this build
/// has PostgreSQL dataset stores it is an error naming the URL without its password, and no
/// file or folder appears (it was taken as the path `postgresql:/u@127.0.0.1:5432/db`).
@Suite("A database URL is not a path")
struct DatabaseURLTests {
    static func workspace(database: String) throws -> (String, String) {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let config = dir + "/" + ws + "/tieout.yaml"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "database: .tieout/tieout.sqlite", with: "database: \(database)")
            .write(toFile: config, atomically: true, encoding: .utf8)
        return (dir, ws)
    }

    /// Every file and folder under `root`, relative.
    static func tree(_ root: String) -> [String] {
        (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).sorted()
    }

    @Test("run, ingest, reconcile, score, explain, check, export and verify: exit 2, the URL shown without its password, no dataset file anywhere")
    func refused() throws {
        let (dir, ws) = try Self.workspace(database: "postgresql://auditor:Secret-Pw1@127.0.0.1:5432/fleet")
        let before = Self.tree(dir)
        for command in [["run", ws], ["ingest", ws], ["reconcile", ws], ["score", ws], ["explain", ws, "spend.actual.total"], ["check", ws, "--as-of", "2024-12-31"], ["export", ws], ["verify", ws]] {
            let r = try CLI.run(command, in: dir)
            #expect(r.status == 2, "\(command): \(r.status) \(r.stdout)\(r.stderr)")
            #expect(r.stderr.contains("Error: tieout.yaml's database is a PostgreSQL server, postgresql://auditor:***@127.0.0.1:5432/fleet, and PostgreSQL dataset stores are not available in this build"),
                    "\(command): \(r.stderr)")
            #expect(r.stderr.contains("Help: Remove the database: line (or name a file, such as .tieout/tieout.sqlite) to keep the dataset in SQLite."), "\(command): \(r.stderr)")
            #expect(!(r.stdout + r.stderr).contains("Secret-Pw1"), "\(command)")
        }
        let after = Self.tree(dir)
        #expect(!after.contains { $0.contains("postgresql") || $0.contains("tieout.sqlite") }, "\(after.filter { !before.contains($0) })")
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + ws + "/postgresql:"))
    }

    @Test("postgres:// too, and in --json the error's code")
    func json() throws {
        let (dir, ws) = try Self.workspace(database: "postgres://u@db.example:6543/d")
        let r = try CLI.run(["ingest", ws, "--json"], in: dir)
        #expect(r.status == 2)
        #expect((r.stdout + r.stderr).contains("store.postgres-unavailable"), "\(r.stdout)\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + ws + "/postgres:"))
    }
}
