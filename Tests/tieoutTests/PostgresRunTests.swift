import Foundation
import Testing
import TieoutPostgres
import TieoutTestSupport

/// `database: postgresql://…`: the run publishes the dataset to the server, computes the
/// figures there, and gives the sample's findings and score, with the password nowhere.
@Suite("run with a PostgreSQL database", .serialized)
struct PostgresRunTests {
    /// The sample with `database:` set to `url`.
    static func sample(database url: String) throws -> (String, String) {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let config = dir + "/" + ws + "/tieout.yaml"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "database: .tieout/tieout.sqlite", with: "database: \(url)").write(toFile: config, atomically: true, encoding: .utf8)
        return (dir, ws)
    }

    @Test("tieout ingest with a PostgreSQL database: the published line in the language asked for (发布：… by default, published: … with --lang en)")
    func ingestPublishedLine() throws {
        let url = try TestPostgres.freshDatabase("ingestlang")
        let (dir, ws) = try Self.sample(database: url.text)
        let zh = try CLI.run(["ingest", ws], in: dir)
        #expect(zh.status == 0, "\(zh.stderr)")
        let published = zh.stdout.split(separator: "\n").filter { $0.hasPrefix("发布：postgresql://") }
        #expect(published.count == 1 && published[0].contains("，COPY ") && published[0].hasSuffix(" 秒）"), "\(zh.stdout)")
        // The same files again: the dataset is unchanged since that publish, and says so.
        let again = try CLI.run(["ingest", ws], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        let skipped = again.stdout.split(separator: "\n").filter { $0.hasPrefix("发布：postgresql://") }
        #expect(skipped.count == 1 && skipped[0].contains("：数据集自上次发布以来未变，跳过（") && !skipped[0].contains("COPY"), "\(again.stdout)")
        // A ledger changed: its rows only (and the small tables), in English with --lang en.
        let july = dir + "/" + ws + "/ledgers/treasury/2024-07.csv"
        let text = try String(contentsOfFile: july, encoding: .utf8)
        try text.replacingOccurrences(of: "\"88,235.42\"", with: "\"88,235.43\"").write(toFile: july, atomically: true, encoding: .utf8)
        let en = try CLI.run(["ingest", ws, "--lang", "en"], in: dir)
        #expect(en.status == 1, "\(en.stderr)")   // the edit breaks July's 本月合计 row
        let line = en.stdout.split(separator: "\n").filter { $0.hasPrefix("published: postgresql://") }
        // July and the five months after it, which ingest reads again after it (their order decides
        // duplicates): each one's old reading deleted and its new one copied, 12 blocks of records.
        #expect(line.count == 1 && line[0].contains(": COPY ") && line[0].contains(", changes only (records of 12 files copied or deleted) (") && line[0].hasSuffix(" s)"), "\(en.stdout)")
        #expect(!en.stdout.contains("发布"))
        let unchanged = try CLI.run(["ingest", ws, "--lang", "en"], in: dir)
        #expect(unchanged.stdout.contains(": unchanged since the last publish, skipped ("), "\(unchanged.stdout)")
    }

    @Test("tieout run on the sample with database: postgresql://user:password@…: the same findings and score as on SQLite, the dataset in the unit's schema, no password in any output")
    func sampleOnPostgres() throws {
        let url = try TestPostgres.freshDatabase("run")
        // The test server trusts loopback connections: the password is accepted and ignored.
        let withPassword = url.text.replacingOccurrences(of: "@", with: ":s3cr3t-pw@", options: [], range: url.text.range(of: "@"))
        let (dir, ws) = try Self.sample(database: withPassword)
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("核对：一致 119，取整差异 1，不一致 2，缺少数据 1，陈述无据 2\n"), "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("评分：合计 98.79 / 100.00 分，与附件一致\n"))
        #expect(r.stdout.contains("发布：postgresql://"), "\(r.stdout)")
        #expect(r.stdout.contains(":***@"))
        // The same findings as the sample on SQLite.
        let (plainDir, plainWs) = try WorkspaceCommandTests.sample()
        let plain = try CLI.run(["run", plainWs], in: plainDir)
        let lines = { (s: String) in s.split(separator: "\n").filter { !$0.hasPrefix("发布：") } }
        #expect(lines(r.stdout) == lines(plain.stdout))
        let json = { (d: String, w: String) in try String(contentsOfFile: d + "/" + w + "/out/findings.json", encoding: .utf8) }
        #expect(try json(dir, ws) == json(plainDir, plainWs))
        // No password in the output or any report.
        #expect(!r.stdout.contains("s3cr3t") && !r.stderr.contains("s3cr3t"))
        for f in try FileManager.default.contentsOfDirectory(atPath: dir + "/" + ws + "/out") where !f.hasPrefix(".") {
            let data = FileManager.default.contents(atPath: dir + "/" + ws + "/out/" + f) ?? Data()
            #expect(!String(decoding: data, as: UTF8.self).contains("s3cr3t"), "out/\(f)")
        }
        // The dataset is in PostgreSQL: the unit's schema, its rows (as in the SQLite file: 19
        // active files with 403 accepted rows, and the June export the re-issue replaced).
        let db = try PostgresConnection(url: url)
        let units = try db.query("SELECT schema_name, unit FROM tieout.units")
        #expect(units.count == 1 && units.first?[1] == "深圳市福田区政务服务和数据管理局")
        let schema = units.first?[0] ?? ""
        #expect(try db.queryFirst("SELECT count(*)::text FROM \(identifier: schema).files WHERE status = 'active'")?[0] == "19")
        #expect(try db.queryFirst("SELECT sum(accepted)::text FROM \(identifier: schema).files WHERE status = 'active'")?[0] == "403")
        #expect(try db.queryFirst("SELECT count(*)::text FROM \(identifier: schema).files WHERE status = 'replaced'")?[0] == "1")
        // No file named after the URL (before: ./postgresql:/… appeared).
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + ws + "/postgresql:"))
    }

    @Test("a server that cannot be reached: exit 2, an error naming host and port, no password, nothing written as a file")
    func unreachable() throws {
        let port = TestPostgres.closedPort()
        let (dir, ws) = try Self.sample(database: "postgresql://audit:s3cr3t-pw@127.0.0.1:\(port)/fleet")
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("127.0.0.1:\(port)"), "\(r.stderr)")
        #expect(!r.stdout.contains("s3cr3t") && !r.stderr.contains("s3cr3t"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + ws + "/postgresql:"))
    }
}
