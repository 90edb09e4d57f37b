import Foundation
import Testing

/// `tieout totals` without a profile checks subtotal rows at their level, as profiles do:
/// each 本月合计 of a year's ledger its month, 本年合计 the year.
@Suite("Totals: subtotal levels")
struct TotalsLevelTests {
    @Test("regression: a year's ledger with a 本月合计 per month and a 本年合计: every one equal (before: each 本月合计 after January checked against every row so far, exit 1)")
    func monthly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-levels-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try """
            月,凭证号,摘要,金额
            1,记-1,办公用品,100.00
            1,记-2,差旅费,20.00
            本月合计,,,120.00
            2,记-1,印刷费,7.00
            2,记-2,邮电费,3.00
            本月合计,,,10.00
            本年合计,,,130.00

            """.write(toFile: dir + "/明细账.csv", atomically: true, encoding: .utf8)
        let r = try CLI.run(["totals", "--lang", "en", "明细账.csv", "--sum", "金额"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("subtotal rows 3 (a first cell with 合计, 小计 or 总计: checked, left out)\n"))
        let json = try CLI.run(["totals", "--lang", "en", "明细账.csv", "--sum", "金额", "--json"], in: dir)
        #expect(json.stdout.contains("\"total\":\"130.00\",\"rows\":4,\"accepted\":4,\"rejected\":0"))
        #expect(json.stdout.contains("\"subtotal_rows\":3,\"subtotal_problems\":[]"))
    }
}
