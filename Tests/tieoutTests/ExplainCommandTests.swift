import Foundation
import Testing
import TieoutCore

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
        #expect(lines[0] == "\u{FEFF}部分,文件,工作表,行号,单元格,凭证号,摘要,金额,单位,金额（元）")
        #expect(lines[1] == "实际支出（合计） › 国库集中支付,ledgers/treasury/2024-01.csv,,4,I4,记-202401-0001,发放1月住房公积金,9.14486,万元,91448.60")
        #expect(r.stderr == "明细：305 条记录；其值之和 138169467.85 = spend.actual.total 138169467.85 元（13,816.95 万元）\n")
        let j = try CLI.run(["explain", ws, "sangong.rate", "--format", "jsonl"], in: dir)
        #expect(j.stdout.split(separator: "\n").count == 8)
        #expect(j.stderr == "明细：8 条记录：分子之和为 sangong.actual.total 13498.40 元（1.35 万元），分母之和为 sangong.budget.total 36700 元（3.67 万元）；sangong.rate = 13498.40 ÷ 36700 = 0.367803814714\n")
        let bad = try CLI.run(["explain", ws, "spend.nothing"], in: dir)
        #expect(bad.status == 2 && bad.stderr.hasPrefix("Error: 'spend.nothing' is not a figure Tieout computes\nHelp: Name one of the figures `tieout figures \(ws)` lists, by id or title, such as spend.actual.basic"))
    }

    @Test("explain lists money in the reporting unit (万元, exact) beside the exact 元, with each payment's voucher and 摘要; --unit yuan lists 元")
    func reportingUnit() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["ingest", ws], in: dir).status == 0)
        // sangong.rate: the 三公 payments (vouchers, 摘要) over the 三公 budget lines (a kind without them).
        let csv = try CLI.run(["explain", ws, "sangong.rate"], in: dir)
        #expect(csv.status == 0)
        let rows = csv.stdout.split(separator: "\r\n").map(String.init)
        #expect(rows[0] == "\u{FEFF}部分,文件,工作表,行号,单元格,凭证号,摘要,金额,单位,金额（元）")
        #expect(rows.count == 9)
        // The amounts, in 万元, add up to the figures the report states: 1.3498 (0.50 + 0.85 + 0) over 3.67.
        func amounts(_ prefix: String) -> [Amount] {
            rows.dropFirst().filter { $0.hasPrefix(prefix) }.map { Amount($0.split(separator: ",", omittingEmptySubsequences: false)[7].description)! }
        }
        #expect(Amount.sum(amounts("分子")) == Amount("1.34984")!)
        #expect(Amount.sum(amounts("分母")) == Amount("3.67")!)
        #expect(rows.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[8] == "万元" })
        let numerator = rows.dropFirst().filter { $0.hasPrefix("分子") }
        #expect(numerator.allSatisfy { !$0.split(separator: ",", omittingEmptySubsequences: false)[5].isEmpty })   // a voucher each
        let denominator = rows.dropFirst().filter { $0.hasPrefix("分母") }
        #expect(denominator.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[5].isEmpty })  // budget lines have none

        let j = try CLI.run(["explain", ws, "spend.actual.total", "--format", "jsonl"], in: dir)
        let first = try JSONSerialization.jsonObject(with: Data(j.stdout.split(separator: "\n")[0].utf8)) as! [String: Any]
        #expect(first["voucher"] as? String == "记-202401-0001" && first["summary"] as? String == "发放1月住房公积金")
        #expect(first["amount"] as? String == "9.14486" && first["unit"] as? String == "万元" && first["yuan"] as? String == "91448.60")
        #expect(first["row"] as? Int == 4 && first["sheet"] is NSNull)

        let yuan = try CLI.run(["explain", ws, "spend.actual.total", "--unit", "yuan"], in: dir)
        #expect(yuan.stdout.split(separator: "\r\n")[1] == "实际支出（合计） › 国库集中支付,ledgers/treasury/2024-01.csv,,4,I4,记-202401-0001,发放1月住房公积金,91448.60,元,91448.60")
        #expect(yuan.stderr == "明细：305 条记录；其值之和 138169467.85 = spend.actual.total 138169467.85 元\n")
        let bad = try CLI.run(["explain", ws, "spend.actual.total", "--unit", "美元"], in: dir)
        #expect(bad.status == 2 && bad.stderr.contains("--unit takes 万元, 元 or 亿元 (or wan-yuan, yuan, yi-yuan), not '美元'."))

        // A count keeps its one value column.
        let count = try CLI.run(["explain", ws, "petitions.total"], in: dir)
        #expect(count.stdout.hasPrefix("\u{FEFF}部分,文件,工作表,行号,单元格,数值\r\n"))
    }
}
