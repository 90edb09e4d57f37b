import Foundation
import Testing

/// Issue 20, item 6: `tieout totals` on a raw export counted its 本月合计 row (55,432,588.68,
/// twice the payments' 27,716,294.34, with the subtotal row as a group of its own); grouped
/// by month it rejected that row (exit 1). Without a profile it now finds subtotal rows as
/// profiles do by default, checks them and leaves them out, and says how many.
@Suite("totals and subtotal rows")
struct TotalsSubtotalTests {
    static let march = "samples/futian-2024/ledgers/treasury/2024-03.csv"

    @Test("by 支出类型: the 本月合计 row is checked and left out, the total is the payments'")
    func byKind() throws {
        let r = try CLI.run(["totals", "--lang", "en", Self.march, "--sum", "金额", "--by", "支出类型"], in: CLI.root.path)
        #expect(r.status == 0)
        #expect(r.stdout == """
        支出类型            sum  count
        基本支出     795,252.46      9
        项目支出  26,921,041.88     17
        total     27,716,294.34     26
        rows 26: accepted 26, rejected 0; blank lines 0, title lines 2
        subtotal rows 1 (a first cell with 合计, 小计 or 总计: checked, left out)

        """)
    }

    @Test("by month: no row rejected; --json says how many subtotal rows")
    func byMonth() throws {
        let r = try CLI.run(["totals", "--lang", "en", Self.march, "--sum", "金额", "--by", "支付日期:month", "--json"], in: CLI.root.path)
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"groups\":[{\"key\":[\"2024-03\"],\"sum\":\"27716294.34\",\"count\":26}],\"total\":\"27716294.34\",\"rows\":26,\"accepted\":26,\"rejected\":0"))
        #expect(r.stdout.contains("\"subtotal_rows\":1,\"subtotal_problems\":[]"))
    }

    @Test("a subtotal row that disagrees with its rows is reported and exits 1")
    func disagreeing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-plain-sub-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: CLI.root.path + "/" + Self.march))
        let edited = bytes.replacing(Data("\"27,716,294.34\"".utf8), with: Data("\"27,716,295.34\"".utf8))
        try edited.write(to: URL(fileURLWithPath: dir + "/2024-03.csv"))
        let r = try CLI.run(["totals", "--lang", "en", "2024-03.csv", "--sum", "金额"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.hasSuffix("subtotal rows 1 (a first cell with 合计, 小计 or 总计: checked, left out; 1 not equal to their rows)\n"))
        #expect(r.stderr.hasPrefix("Subtotal: 本月合计 states 27716295.34 for 金额, its 26 rows sum to 27716294.34 (mismatch) at 2024-03.csv"))
    }
}
