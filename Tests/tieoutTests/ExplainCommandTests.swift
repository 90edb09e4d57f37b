import Foundation
import Testing

@Suite("explain")
struct ExplainCommandTests {
    @Test("explain lists every record behind a figure; the check on stderr; unknown and missing figures are errors")
    func explain() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["ingest", ws], in: dir).status == 0)
        let r = try CLI.run(["explain", ws, "spend.actual.total"], in: dir)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\r\n")
        #expect(lines.count == 306)
        #expect(lines[0] == "\u{FEFF}部分,文件,工作表,行号,单元格,数值")
        #expect(lines[1] == "实际支出（合计） › 国库集中支付,ledgers/treasury/2024-01.csv,,4,I4,91448.60")
        #expect(r.stderr == "explain: 305 records; their values add up to 138169467.85 = spend.actual.total 138169467.85\n")
        let j = try CLI.run(["explain", ws, "sangong.rate", "--format", "jsonl"], in: dir)
        #expect(j.stdout.split(separator: "\n").count == 8)
        #expect(j.stderr == "explain: 8 records: the numerator's add up to sangong.actual.total 13498.40, the denominator's to sangong.budget.total 36700; sangong.rate = 13498.40 ÷ 36700 = 0.367803814714\n")
        let bad = try CLI.run(["explain", ws, "spend.nothing"], in: dir)
        #expect(bad.status == 2 && bad.stderr.hasPrefix("Error: 'spend.nothing' is not a figure Tieout computes\nHelp: Name one of the figures `tieout figures \(ws)` lists, by id or title, such as spend.actual.basic"))
    }
}
