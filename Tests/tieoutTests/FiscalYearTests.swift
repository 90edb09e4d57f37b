import Foundation
import Testing

/// Issue 20, items 16 and 5: a record dated outside the fiscal year is a rejected row (before: a
/// payment dated 9999-01-01 in a 2024 ledger was accepted), and ledgers of another year stop
/// the run naming their years (before: `fiscal_year: 2025` on 2024 ledgers ran without a word).
@Suite("Fiscal year")
struct FiscalYearTests {
    /// Replaces `old` by `new` in a file's bytes (the sample's CSVs are GB18030; ASCII edits are safe).
    static func edit(_ path: String, _ old: String, _ new: String) throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let o = Array(old.utf8)
        let at = try #require((0...(bytes.count - o.count)).first { Array(bytes[$0..<$0 + o.count]) == o })
        bytes.replaceSubrange(at..<at + o.count, with: Array(new.utf8))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test("a payment dated 9999-01-01 in a 2024 ledger is a rejected row with its place and reason; the run goes on (exit 1)")
    func dateOutsideYear() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        try Self.edit("\(dir)/\(ws)/ledgers/treasury/2024-03.csv", "2024-03-06,", "9999-01-01,")
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("拒收 1"))
        let rejects = try String(contentsOfFile: "\(dir)/\(ws)/out/rejects.csv", encoding: .utf8)
        #expect(rejects.contains("ledgers/treasury/2024-03.csv,,4,4,B,B4,支付日期,date（支付日期）9999-01-01 不在 2024 财政年度（2024-01-01 至 2024-12-31）内：是另一年度的 treasury-payment，或日期录错,\"[\"\"记-202403-0001\"\",\"\"9999-01-01\"\""))
        // What it leaves out is said: spending is incomplete, not a mismatch.
        #expect(r.stdout.contains("缺少数据"))
        #expect(!r.stdout.contains("实际支出（合计）：报告 13,816.95 万元；台账"))
    }

    @Test("fiscal_year 2025 on 2024 ledgers: an error naming the years the ledgers hold, exit 2, in run and in ingest")
    func wrongFiscalYear() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        try Self.edit("\(dir)/\(ws)/tieout.yaml", "fiscal_year: 2024", "fiscal_year: 2025")
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("tieout.yaml says fiscal_year 2025, but the ledgers are dated in 2024 (362 records): only 0 of their 362 dated records fall in fiscal year 2025"))
        #expect(r.stderr.contains("Set `fiscal_year: 2024` in tieout.yaml"))
        let i = try CLI.run(["ingest", ws], in: dir)
        #expect(i.status == 2)
        #expect(i.stderr.contains("tieout.yaml says fiscal_year 2025"))
        // Put right, the files are read again for the right year, and the run is the sample's.
        try Self.edit("\(dir)/\(ws)/tieout.yaml", "fiscal_year: 2025", "fiscal_year: 2024")
        let fixed = try CLI.run(["run", ws], in: dir)
        #expect(fixed.status == 1)
        #expect(fixed.stdout.contains("核对：一致 119，取整差异 1，不一致 2，缺少数据 1，陈述无据 2"))
    }

    @Test("a workspace run for 2024, then set to fiscal_year 2025: stopped the same way, though the dataset holds the 2024 records")
    func fiscalYearChanged() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["run", ws], in: dir).status == 1)
        try Self.edit("\(dir)/\(ws)/tieout.yaml", "fiscal_year: 2024", "fiscal_year: 2025")
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("tieout.yaml says fiscal_year 2025, but the ledgers are dated in 2024 (362 records)"))
        try Self.edit("\(dir)/\(ws)/tieout.yaml", "fiscal_year: 2025", "fiscal_year: 2024")
        let fixed = try CLI.run(["run", ws], in: dir)
        #expect(fixed.status == 1)
        #expect(fixed.stdout.contains("核对：一致 119，取整差异 1，不一致 2，缺少数据 1，陈述无据 2"))
    }

    @Test("one ledger of another year in a workspace of the right year: that file fails naming its year (exit 1), the run goes on")
    func strayLedger() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(ws)/ledgers/treasury/2024-03.csv"))
        try bytes.replacing(Data("2024-03-".utf8), with: Data("2023-03-".utf8)).write(to: URL(fileURLWithPath: "\(dir)/\(ws)/ledgers/treasury/2023-03.csv"))
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("缺少数据  台账未能读取：ledgers/treasury/2023-03.csv"))
        let findings = try String(contentsOfFile: "\(dir)/\(ws)/out/findings.json", encoding: .utf8)
        #expect(findings.contains("ledgers/treasury/2023-03.csv is dated in 2023 (26 records), not in fiscal year 2024 (2024-01-01 to 2024-12-31): 0 of its 26 dated records fall in the year"))
        // Everything else is the sample's: the stray file adds nothing to any figure.
        #expect(r.stdout.contains("核对：一致 119，取整差异 1，不一致 2，缺少数据 2"))
    }
}
