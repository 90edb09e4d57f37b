import Foundation
import Testing

/// Issue 20, item 7: a stored amount changed in the dataset went unnoticed (9 mismatches, no
/// warning, "current"). `tieout verify` compares the dataset with the ledgers, value by value,
/// and `run` checks a digest of each file's records.
@Suite("verify")
struct VerifyCommandTests {
    @Test("verify: 0 on the sample as ingested; a stored amount changed in the dataset is listed with its cell (exit 1), and run says the dataset is not current")
    func verifyTampered() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["run", ws], in: dir).status == 1)
        let clean = try CLI.run(["verify", ws, "--lang", "en"], in: dir)
        #expect(clean.status == 0)
        #expect(clean.stdout == "verify: 19 files, 403 records; the dataset equals the ledgers\n")
        let quiet = try CLI.run(["verify", ws, "--quiet", "--lang", "en"], in: dir)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)
        let db = "\(dir)/\(ws)/.tieout/tieout.sqlite"
        let sql = Process()
        sql.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sql.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE treasury_payments SET amount='91448.61' WHERE id = (SELECT min(id) FROM treasury_payments WHERE amount='91448.60')\"); c.commit()", db]
        try sql.run()
        sql.waitUntilExit()
        #expect(sql.terminationStatus == 0)
        let v = try CLI.run(["verify", ws, "--lang", "en"], in: dir)
        #expect(v.status == 1)
        #expect(v.stdout.hasPrefix("ledgers/treasury/2024-01.csv!I4 (row 4, amount): the dataset holds \"91448.61\", the file \"91448.60\"\n"))
        #expect(v.stdout.hasSuffix("verify: 19 files, 403 records; 1 difference: run `tieout run --force \(ws)` to rebuild the dataset from the ledgers\n"))
        // run does not call the tampered dataset current: a missing-data finding names the file.
        let again = try CLI.run(["run", ws], in: dir)
        #expect(again.status == 1)
        #expect(again.stderr.contains("the records of 1 ledgers were changed in the dataset outside Tieout (run `tieout verify`, then `tieout run --force`)"))
        #expect(again.stdout.contains("缺少数据  数据集中 1 个台账的记录在导入后被改动"))
        let findings = try String(contentsOfFile: "\(dir)/\(ws)/out/findings.json", encoding: .utf8)
        #expect(findings.contains("\"current\" : false"))
        #expect(findings.contains("ingest:altered"))
        #expect(findings.contains("\"altered_in_dataset\" : [\n      \"ledgers/treasury/2024-01.csv\"\n    ]"))
        // --force rebuilds it from the ledgers.
        #expect(try CLI.run(["run", ws, "--force"], in: dir).status == 1)
        #expect(try CLI.run(["verify", ws, "--lang", "en"], in: dir).status == 0)
    }

    @Test("verify after a ledger changed on disk: the file is named as changed since ingest, and the value that differs with its cell")
    func verifyChangedLedger() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["ingest", ws], in: dir).status == 0)
        let path = "\(dir)/\(ws)/ledgers/treasury/2024-01.csv"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.replacing(Data("\"91,448.60\"".utf8), with: Data("\"91,448.70\"".utf8)).write(to: URL(fileURLWithPath: path))
        let v = try CLI.run(["verify", ws, "--lang", "en"], in: dir)
        #expect(v.status == 1)
        let lines = v.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ledgers/treasury/2024-01.csv: the file's bytes changed since it was ingested (SHA-256 ") == true)
        #expect(lines.contains("ledgers/treasury/2024-01.csv!I4 (row 4, amount): the dataset holds \"91448.60\", the file \"91448.70\""))
    }

    @Test("verify on a folder without tieout.yaml: exit 2")
    func verifyBadInput() throws {
        let (dir, _) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["verify", "nowhere"], in: dir).status == 2)
    }
}
