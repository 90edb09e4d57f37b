import Foundation
import Testing
import TieoutPostgres
import TieoutTestSupport

/// reconcile, score, check, explain, export and verify with a PostgreSQL database: they read the
/// unit's schema (figures computed there, records listed from there), give on the sample what
/// they give on SQLite, digit for digit, and say what to do when the copy is stale or missing.
@Suite("the commands over a dataset, with a PostgreSQL database", .serialized)
struct PostgresCommandsTests {
    /// The sample run on PostgreSQL (database: in tieout.yaml) and the same sample run on SQLite.
    static func pair(_ label: String) throws -> (url: PostgresURL, pg: (String, String), sqlite: (String, String)) {
        let url = try TestPostgres.freshDatabase(label)
        let pg = try PostgresRunTests.sample(database: url.text)
        let sqlite = try WorkspaceCommandTests.sample()
        for (dir, ws) in [pg, sqlite] {
            let r = try CLI.run(["run", ws], in: dir)
            #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        }
        return (url, pg, sqlite)
    }

    static func file(_ dir: String, _ ws: String, _ path: String) throws -> String {
        try String(contentsOfFile: dir + "/" + ws + "/" + path, encoding: .utf8)
    }

    /// The unit's schema on the server.
    static func schema(_ db: PostgresConnection) throws -> String {
        try db.queryFirst("SELECT schema_name FROM tieout.units")?[0] ?? ""
    }

    @Test("reconcile, score, check, explain and export on PostgreSQL: the same output and files as on SQLite, digit for digit; nothing published again (the copy is current); verify: the copy equals the dataset")
    func sameAsSQLite() throws {
        let (_, (pgDir, pgWs), (sqDir, sqWs)) = try Self.pair("same")
        // Each command, on both: the same status, stdout and stderr.
        let commands: [[String]] = [
            ["reconcile"], ["reconcile", "--lang", "en"], ["score"], ["check", "--as-of", "2024-09-30"], ["check", "--as-of", "2024-06-30", "--lang", "en"],
            ["explain", "spend.actual.total"], ["explain", "sangong.rate", "--format", "jsonl"], ["explain", "progress.q3", "--unit", "yuan"],
            ["export"], ["export", "--format", "jsonl"],
        ]
        for c in commands {
            let pg = try CLI.run([c[0], pgWs] + c.dropFirst(), in: pgDir)
            let sq = try CLI.run([c[0], sqWs] + c.dropFirst(), in: sqDir)
            #expect(pg.status == sq.status, "\(c): \(pg.stderr)")
            #expect(pg.stdout == sq.stdout, "\(c)")
            #expect(pg.stderr == sq.stderr, "\(c)")
            #expect(!pg.stdout.contains("发布") && !pg.stdout.contains("published:"), "\(c) published again: \(pg.stdout)")
            #expect(!pg.stdout.isEmpty)
        }
        // The findings, the score and the exported files, byte for byte.
        for f in ["out/findings.json", "out/score.json", "out/score.csv", "out/report.md"] {
            #expect(try Self.file(pgDir, pgWs, f) == Self.file(sqDir, sqWs, f), "\(f)")
        }
        let exported = try FileManager.default.contentsOfDirectory(atPath: sqDir + "/" + sqWs + "/out/dataset").sorted()
        #expect(exported.count >= 4 && exported.contains("treasury_payments.csv") && exported.contains("treasury_payments.jsonl"), "\(exported)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: pgDir + "/" + pgWs + "/out/dataset").sorted() == exported)
        for f in exported {
            #expect(try Self.file(pgDir, pgWs, "out/dataset/" + f) == Self.file(sqDir, sqWs, "out/dataset/" + f), "\(f)")
        }
        let v = try CLI.run(["verify", pgWs, "--lang", "en"], in: pgDir)
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        #expect(v.stdout.contains("verify: the PostgreSQL copy (postgresql://"), "\(v.stdout)")
        #expect(v.stdout.contains(") equals the local dataset, table by table (rows and their digest)\n"), "\(v.stdout)")
        #expect(try CLI.run(["verify", pgWs, "--quiet"], in: pgDir).stdout == "")
    }

    @Test("a payment's amount changed in PostgreSQL by hand: explain lists it and check counts it (the schema is what is read); verify names the table (exit 1); ingest publishes the file again")
    func readsTheSchema() throws {
        let (url, (pgDir, pgWs), (sqDir, sqWs)) = try Self.pair("reads")
        let db = try PostgresConnection(url: url)
        let schema = try Self.schema(db)
        // The first active payment, 1,000.00 元 more.
        let changed = try db.execute("""
            UPDATE \(identifier: schema).treasury_payments SET amount = (amount::numeric + 1000)::text WHERE id = (
                SELECT min(t.id) FROM \(identifier: schema).treasury_payments t JOIN \(identifier: schema).files f ON f.id = t.file_id WHERE f.status = 'active' AND t.amount IS NOT NULL)
            """)
        #expect(changed == 1)
        let pgExplain = try CLI.run(["explain", pgWs, "spend.actual.total", "--lang", "en"], in: pgDir)
        let sqExplain = try CLI.run(["explain", sqWs, "spend.actual.total", "--lang", "en"], in: sqDir)
        #expect(pgExplain.status == 0 && sqExplain.status == 0, "\(pgExplain.stderr)")
        #expect(sqExplain.stderr == "explain: 305 records; their values add up to 138169467.85 = spend.actual.total 138169467.85 yuan (13,816.95 10k yuan)\n")
        #expect(pgExplain.stderr == "explain: 305 records; their values add up to 138170467.85 = spend.actual.total 138170467.85 yuan (13,817.05 10k yuan)\n")
        let differing = zip(pgExplain.stdout.split(whereSeparator: \.isNewline), sqExplain.stdout.split(whereSeparator: \.isNewline)).filter { $0 != $1 }
        #expect(differing.count == 1, "\(differing)")
        #expect(differing.first?.0 == "实际支出（合计） › 国库集中支付,ledgers/treasury/2024-01.csv,,4,I4,记-202401-0001,发放1月住房公积金,9.24486,万元,92448.60")
        #expect(differing.first?.1 == "实际支出（合计） › 国库集中支付,ledgers/treasury/2024-01.csv,,4,I4,记-202401-0001,发放1月住房公积金,9.14486,万元,91448.60")
        let pgCheck = try CLI.run(["check", pgWs, "--as-of", "2024-12-31", "--lang", "en"], in: pgDir)
        let sqCheck = try CLI.run(["check", sqWs, "--as-of", "2024-12-31", "--lang", "en"], in: sqDir)
        #expect(sqCheck.stdout.contains("Spent so far: 13,816.95 10k yuan, progress 99.46%, 0.54 percentage points behind schedule\n75.40 10k yuan more must be spent by 2024-12-31 to reach 100%\n"), "\(sqCheck.stdout)")
        #expect(pgCheck.stdout.contains("Spent so far: 13,817.05 10k yuan, progress 99.46%, 0.54 percentage points behind schedule\n75.30 10k yuan more must be spent by 2024-12-31 to reach 100%\n"), "\(pgCheck.stdout)")
        // verify: the ledgers equal the SQLite file; the schema's payments do not.
        let v = try CLI.run(["verify", pgWs, "--lang", "en"], in: pgDir)
        #expect(v.status == 1)
        #expect(v.stdout.contains("postgresql: treasury_payments: the same 305 rows in number, but their values differ between PostgreSQL (\(url), schema \(schema)) and the local dataset\n"), "\(v.stdout)")
        #expect(v.stdout.contains("verify: 19 files"), "\(v.stdout)")
        #expect(v.stdout.contains("differs from the local dataset in 1 table: run `tieout ingest \(pgWs)` to publish the dataset again\n"), "\(v.stdout)")
        // Published again: equal.
        #expect(try CLI.run(["ingest", pgWs], in: pgDir).status == 0)
        #expect(try CLI.run(["verify", pgWs], in: pgDir).status == 0)
        #expect(try CLI.run(["explain", pgWs, "spend.actual.total", "--lang", "en"], in: pgDir).stderr == sqExplain.stderr)
    }

    @Test("the unit's schema dropped: explain stops (exit 2) naming the unit, the schema and `tieout ingest`; verify reports it (exit 1); reconcile publishes it again and gives SQLite's findings")
    func droppedSchema() throws {
        let (url, (pgDir, pgWs), (sqDir, sqWs)) = try Self.pair("dropped")
        let db = try PostgresConnection(url: url)
        let schema = try Self.schema(db)
        try db.execute("DROP SCHEMA \(identifier: schema) CASCADE")
        let e = try CLI.run(["explain", pgWs, "spend.actual.total"], in: pgDir)
        #expect(e.status == 2)
        #expect(e.stdout == "")
        #expect(e.stderr.contains("the PostgreSQL copy of 深圳市福田区政务服务和数据管理局 (2024) is not there: no schema \(schema) on \(url), so it cannot be read as the unit's dataset"), "\(e.stderr)")
        #expect(e.stderr.contains("Run `tieout ingest \(pgWs)` (or `tieout run \(pgWs)`) to publish the dataset to PostgreSQL again"), "\(e.stderr)")
        let v = try CLI.run(["verify", pgWs, "--lang", "en"], in: pgDir)
        #expect(v.status == 1)
        #expect(v.stdout.contains("postgresql: the PostgreSQL copy of 深圳市福田区政务服务和数据管理局 (2024) is not there: no schema \(schema)"), "\(v.stdout)")
        let r = try CLI.run(["reconcile", pgWs], in: pgDir)
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("发布：postgresql://"), "\(r.stdout)")
        let sq = try CLI.run(["reconcile", sqWs], in: sqDir)
        #expect(r.stdout.split(separator: "\n").dropFirst().joined(separator: "\n") == sq.stdout.split(separator: "\n").joined(separator: "\n"))
        #expect(try Self.file(pgDir, pgWs, "out/findings.json") == Self.file(sqDir, sqWs, "out/findings.json"))
        #expect(try CLI.run(["explain", pgWs, "spend.actual.total"], in: pgDir).stdout == CLI.run(["explain", sqWs, "spend.actual.total"], in: sqDir).stdout)
    }

    @Test("a copy older than the SQLite file (ingest --database FILE after the June re-issue left): explain stops, saying when it was published; score publishes first (once), then explain lists what the file holds")
    func staleCopy() throws {
        let (_, (pgDir, pgWs), _) = try Self.pair("stale")
        let before = try CLI.run(["explain", pgWs, "spend.actual.total"], in: pgDir)
        #expect(before.stderr == "明细：305 条记录；其值之和 138169467.85 = spend.actual.total 138169467.85 元（13,816.95 万元）\n")
        try FileManager.default.removeItem(atPath: pgDir + "/" + pgWs + "/ledgers/treasury/2024-06-r2.csv")
        // The SQLite file alone: --database names it, so nothing is published.
        let file = pgWs + "/.tieout/tieout.sqlite"
        let i = try CLI.run(["ingest", pgWs, "--database", file], in: pgDir)
        #expect(i.status == 0, "\(i.stdout)\(i.stderr)")
        #expect(!i.stdout.contains("发布") && i.stdout.contains("已移出：ledgers/treasury/2024-06-r2.csv"), "\(i.stdout)")
        let e = try CLI.run(["explain", pgWs, "spend.actual.total"], in: pgDir)
        #expect(e.status == 2)
        #expect(e.stdout == "")
        #expect(e.stderr.contains("the PostgreSQL copy of 深圳市福田区政务服务和数据管理局 (2024) in postgresql://"), "\(e.stderr)")
        #expect(e.stderr.contains(" UTC), so it cannot be read as the unit's dataset"), "\(e.stderr)")
        #expect(e.stderr.contains("is older than the workspace's dataset (published 20"), "\(e.stderr)")
        let s = try CLI.run(["score", pgWs], in: pgDir)
        #expect(s.stdout.hasPrefix("发布：postgresql://"), "\(s.stdout)")
        let again = try CLI.run(["score", pgWs], in: pgDir)
        #expect(again.stdout == String(s.stdout.drop { $0 != "\n" }.dropFirst()), "the second score publishes nothing")
        // The new copy: what the SQLite file holds (explain --database FILE reads the file).
        let after = try CLI.run(["explain", pgWs, "spend.actual.total"], in: pgDir)
        let onFile = try CLI.run(["explain", pgWs, "spend.actual.total", "--database", file], in: pgDir)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stderr == "明细：304 条记录；其值之和 137652732.12 = spend.actual.total 137652732.12 元（13,765.27 万元）\n")
        #expect(after.stdout == onFile.stdout && after.stderr == onFile.stderr)
        #expect(after.stdout != before.stdout)
        #expect(try CLI.run(["verify", pgWs], in: pgDir).status == 0)
    }
}

/// `--database`: the dataset for one command, instead of tieout.yaml's `database:`.
@Suite("--database", .serialized)
struct DatabaseOptionTests {
    @Test("run --database postgresql://user:password@…: published there, the sample's findings, the password nowhere; explain --database reads it")
    func url() throws {
        let url = try TestPostgres.freshDatabase("option")
        let withPassword = url.text.replacingOccurrences(of: "@", with: ":s3cr3t-pw@", options: [], range: url.text.range(of: "@"))
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let r = try CLI.run(["run", ws, "--database", withPassword], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("发布：postgresql://") && r.stdout.contains(":***@"), "\(r.stdout)")
        #expect(r.stdout.contains("核对：一致 119，取整差异 1，不一致 2，缺少数据 1，陈述无据 2\n"), "\(r.stdout)")
        #expect(!r.stdout.contains("s3cr3t") && !r.stderr.contains("s3cr3t"))
        let db = try PostgresConnection(url: url)
        #expect(try db.queryFirst("SELECT unit FROM tieout.units")?[0] == "深圳市福田区政务服务和数据管理局")
        let pg = try CLI.run(["explain", ws, "spend.actual.total", "--database", withPassword], in: dir)
        let sqlite = try CLI.run(["explain", ws, "spend.actual.total"], in: dir)
        #expect(pg.status == 0 && pg.stdout == sqlite.stdout && pg.stderr == sqlite.stderr)
        // The schema dropped: explain --database fails, explain on the file does not.
        try db.execute("DROP SCHEMA \(identifier: try PostgresCommandsTests.schema(db)) CASCADE")
        #expect(try CLI.run(["explain", ws, "spend.actual.total", "--database", withPassword], in: dir).status == 2)
        #expect(try CLI.run(["explain", ws, "spend.actual.total"], in: dir).status == 0)
    }

    @Test("--database with a bad URL: exit 2 before anything is read, the password hidden; a relative file path is from the current folder; run --all --database FILE refused")
    func checked() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let bad = try CLI.run(["reconcile", ws, "--database", "postgresql://u:hunter2@h:notaport/db"], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--database: "), "\(bad.stderr)")
        #expect(bad.stderr.contains("notaport"), "\(bad.stderr)")
        #expect(!bad.stderr.contains("hunter2") && !bad.stdout.contains("hunter2"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + ws + "/.tieout/tieout.sqlite"))
        let i = try CLI.run(["ingest", ws, "--database", "elsewhere.sqlite"], in: dir)
        #expect(i.status == 0, "\(i.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/elsewhere.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + ws + "/.tieout/tieout.sqlite"))
        let all = try CLI.run(["run", "--all", ".", "--database", "elsewhere.sqlite"], in: dir)
        #expect(all.status == 2)
        #expect(all.stderr.contains("--database with --all takes a postgresql://user@host:port/db URL (a schema per unit): a SQLite file would be every unit's."), "\(all.stderr)")
    }

    @Test("run --all --database URL: each unit's run publishes to that server (its schema in tieout.units) and computes there; the password in no output or summary")
    func runAll() throws {
        let url = try TestPostgres.freshDatabase("all")
        let withPassword = url.text.replacingOccurrences(of: "@", with: ":s3cr3t-pw@", options: [], range: url.text.range(of: "@"))
        let (dir, _) = try WorkspaceCommandTests.sample()
        let r = try CLI.run(["run", "--all", ".", "--database", withPassword, "--jobs", "1"], in: dir)
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(!r.stdout.contains("s3cr3t") && !r.stderr.contains("s3cr3t"))
        let summary = try String(contentsOfFile: dir + "/out/summary.json", encoding: .utf8)
        #expect(summary.contains("深圳市福田区政务服务和数据管理局"))
        // No password in the summary, the units' logs or their reports.
        let out = try FileManager.default.subpathsOfDirectory(atPath: dir).filter { $0.hasPrefix("out/") || $0.hasPrefix("futian-2024/out/") }
        #expect(out.contains("out/summary.json") && out.contains { $0.hasPrefix("out/logs/") }, "\(out)")
        for f in out {
            let text = String(decoding: FileManager.default.contents(atPath: dir + "/" + f) ?? Data(), as: UTF8.self)
            #expect(!text.contains("s3cr3t"), "\(f)")
        }
        let db = try PostgresConnection(url: url)
        #expect(try db.query("SELECT unit, fiscal_year::text FROM tieout.units").map { [$0[0], $0[1]] } == [["深圳市福田区政务服务和数据管理局", "2024"]])
        let schema = try PostgresCommandsTests.schema(db)
        #expect(try db.queryFirst("SELECT sum(accepted)::text FROM \(identifier: schema).files WHERE status = 'active'")?[0] == "403")
    }
}
