import Foundation
import Testing
import TieoutTestSupport

/// `database: postgresql://…` in tieout.yaml names a server, never a file (it was taken as
/// the path `postgresql:/u@127.0.0.1:5432/db`). Until the PostgreSQL store landed it was an
/// error (store.postgres-unavailable); now run and ingest publish the dataset there
/// (PostgresRunTests), and a server that cannot be reached is an error naming it without
/// its password, with no file or folder made of the URL.
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

    @Test("run and ingest with a server that cannot be reached: exit 2, the server named without its password, nothing made of the URL")
    func refused() throws {
        let port = TestPostgres.closedPort()
        let (dir, ws) = try Self.workspace(database: "postgresql://auditor:Secret-Pw1@127.0.0.1:\(port)/fleet")
        for command in [["run", ws], ["ingest", ws]] {
            let r = try CLI.run(command, in: dir)
            #expect(r.status == 2, "\(command): \(r.status) \(r.stdout)\(r.stderr)")
            #expect(r.stderr.contains("Error: cannot connect to PostgreSQL at 127.0.0.1:\(port) (postgresql://auditor:***@127.0.0.1:\(port)/fleet)"), "\(command): \(r.stderr)")
            #expect(!(r.stdout + r.stderr).contains("Secret-Pw1"), "\(command)")
        }
        let after = Self.tree(dir)
        #expect(!after.contains { $0.contains("postgresql") || $0.contains("Secret") }, "\(after)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + ws + "/postgresql:"))
    }

    @Test("postgres:// too, and in --json the error's code")
    func json() throws {
        let port = TestPostgres.closedPort()
        let (dir, ws) = try Self.workspace(database: "postgres://u@127.0.0.1:\(port)/d")
        let r = try CLI.run(["ingest", ws, "--json"], in: dir)
        #expect(r.status == 2)
        #expect((r.stdout + r.stderr).contains("store.postgres-connect"), "\(r.stdout)\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + ws + "/postgres:"))
    }
}
