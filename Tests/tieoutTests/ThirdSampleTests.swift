import Foundation
import Testing

/// samples/luohu-2025: exports from other systems than the first two samples' (issue 21): a
/// general ledger with 借方/贷方, voided vouchers, a closing entry and multi-entry vouchers; a
/// workbook of two layouts read by a profile per sheet; a wide budget table with merged group
/// headers; a procurement ledger with section rows; staffing as a cross-tab and a roster.
@Suite("The third sample")
struct ThirdSampleTests {
    static func sample() throws -> (String, String) {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-lh-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/luohu-2025").path, toPath: parent + "/luohu-2025")
        try? FileManager.default.removeItem(atPath: parent + "/luohu-2025/.tieout")
        try? FileManager.default.removeItem(atPath: parent + "/luohu-2025/out")
        return (parent, "luohu-2025")
    }

    static func sql(_ ws: String, _ query: String) throws -> String {
        try CLI.run(["-c", "import sqlite3,sys\nfor r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print('|'.join('' if v is None else str(v) for v in r))",
                     ws + "/.tieout/tieout.sqlite", query], executable: "/usr/bin/python3").stdout
    }

    @Test("a ledger read twice, a profile per sheet, column groups, sections, a cross-tab and a roster: every row accounted for, every subtotal equal")
    func ingest() throws {
        let (dir, ws) = try Self.sample()
        let r = try CLI.run(["ingest", ws, "--lang", "en"], in: dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        // The accounting table, spaces squeezed: read, accepted, rejected, subtotal, skipped, filtered.
        let table = r.stdout.replacing(/\ +/, with: " ")
        for line in [
            "ledgers/budget/基本支出预算指标-2025.xlsx[年初预算] budget-basic-initial new 2025 10 9 0 1 0 0\n",
            "ledgers/budget/基本支出预算指标-2025.xlsx[预算调整] budget-basic-adjustments new 2025 4 3 0 1 0 0\n",
            "ledgers/budget/项目支出预算表-2025.xlsx[年初预算] budget-projects new 2025 5 3 0 1 1 0\n",
            "ledgers/budget/项目支出预算表-2025.xlsx[预算调整] budget-projects new 2025 5 3 0 1 1 0\n",
            "ledgers/ledger/明细账-2025.csv[ledger-payments] ledger-payments new 2025 182 137 0 24 0 21\n",
            "ledgers/ledger/明细账-2025.csv[ledger-refunds] ledger-refunds new 2025 182 2 0 0 0 180\n",
            "ledgers/procurement/政府采购台账-2025.xlsx procurement-sections new - 13 7 0 3 3 0\n",
            "ledgers/staffing/人员情况-2025.xlsx[编制情况] staffing-crosstab new - 4 3 0 1 0 0\n",
            "ledgers/staffing/人员情况-2025.xlsx[人员名册] staff-roster new - 25 25 0 0 0 0\n",
            "read this run 430 192 0 32 5 201\n",
        ] {
            #expect(table.contains(line), "\(line)")
        }
        #expect(r.stdout.contains("filtered: ledgers/ledger/明细账-2025.csv[ledger-payments]: 14 × 摘要 is 期末结转本年行政支出 (where: not *结转*); 4 × 凭证状态 is 已作废 (where: not 已作废); 3 × 凭证号 is blank (where: not blank)\n"))
        #expect(r.stdout.contains("填表说明 is not in its source's `sheets:` map, so it was not read"))
        // 12 本月合计 and 12 本年累计 of the ledger (December's with the closing voucher), 1 + 1 of the
        // basic budget, 1 per group of the wide table, 小计 ×2 and 总计 of procurement, 合计 of the cross-tab.
        #expect(r.stdout.contains("subtotal rows: 37 checks, all equal to the rows they sum\n"))
        let december = try Self.sql(dir + "/" + ws, "SELECT s.label, s.stated, s.computed, s.status FROM subtotal_checks s JOIN files f ON f.id = s.file_id WHERE f.profile = 'ledger-payments' ORDER BY s.row DESC LIMIT 2")
        #expect(december == "本年累计|0.00|0.00|ok\n本月合计|-10086399.26|-10086399.26|ok\n")
        // Each value keeps its cell: a refund from 贷方 (L), the 追减 of the wide table (J), 核定编制数 from the header block (E2).
        let refund = try Self.sql(dir + "/" + ws, "SELECT date, voucher, economic_class, amount FROM treasury_payments WHERE amount LIKE '-%' ORDER BY date")
        #expect(refund == "2025-07-08|记-0002|30211 差旅费|-1860.00\n2025-10-14|记-0003|30227 委托业务费|-12000.00\n")
        let export = try CLI.run(["export", "--lang", "en", ws, "--format", "jsonl"], in: dir)
        #expect(export.status == 0, "\(export.stderr)")
        let payments = try String(contentsOfFile: dir + "/" + ws + "/out/dataset/treasury_payments.jsonl", encoding: .utf8)
        #expect(payments.contains("\"date\":\"2025-07-08\",\"date_cell\":\"A90\",\"voucher\":\"记-0002\""))
        #expect(payments.contains("\"summary\":\"资金退回：差旅费报销退回多报金额\",\"summary_cell\":\"E90\",\"amount\":\"-1860.00\",\"amount_cell\":\"L90\""))
        let budget = try String(contentsOfFile: dir + "/" + ws + "/out/dataset/budget_indicators.jsonl", encoding: .utf8)
        #expect(budget.contains("\"reason\":\"other\",\"reason_cell\":\"H7\",\"control_line\":\"\",\"control_line_cell\":\"\",\"amount\":\"-123456.78\",\"amount_cell\":\"J7\""))
        let roster = try String(contentsOfFile: dir + "/" + ws + "/out/dataset/staff_member.jsonl", encoding: .utf8)
        #expect(roster.contains("\"started_on\":\"2004-04-26\",\"started_on_cell\":\"G4\",\"authorised\":\"24\",\"authorised_cell\":\"E2\""))
        // 万元 with 6 decimals, exact; dates from Excel serials and from 20250612; the category from its section row.
        let lines = try Self.sql(dir + "/" + ws, "SELECT date, item, stage, amount FROM budget_indicators WHERE item IN ('网格化巡查服务', '津贴补贴') ORDER BY date, stage")
        #expect(lines == "2025-01-09|津贴补贴|initial|1500000\n2025-01-09|网格化巡查服务|initial|953582\n2025-06-12|津贴补贴|adjustment|200000\n2025-10-15|网格化巡查服务|adjustment|-123456.78\n")
        let categories = try Self.sql(dir + "/" + ws, "SELECT category, count(*) FROM procurement GROUP BY category ORDER BY category")
        #expect(categories == "goods|4\nservices|3\n")
        let staffing = try Self.sql(dir + "/" + ws, "SELECT department, authorised, on_post, off_establishment FROM staffing ORDER BY id")
        #expect(staffing == "行政编制|15|14|2\n事业编制|7|6|1\n工勤编制|2|2|0\n")
    }

    @Test("every claim of the third sample is reconciled, the findings line and the score as the README says")
    func reconcile() throws {
        let (dir, ws) = try Self.sample()
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.stdout.hasPrefix("导入：9 个文件（新增 9）；读取 430 行：接受 192，拒收 0，小计 32，跳过 5，筛除 201\n核对：一致 44，取整差异 0，不一致 0，缺少数据 3\n"), "\(r.stdout)\(r.stderr)")
        // Adjustments for the reason 其他 (项目结余收回) are a reason: itemised, ok.
        #expect(!r.stdout.contains("调整按原因逐项列明"))
        #expect(r.stdout.contains("评分：合计 14.00 / 100.00 分；"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/" + ws + "/out/findings.json"))) as! [String: Any]
        let findings = json["findings"] as! [[String: Any]]
        let claims = findings.filter { $0["rule"] as? String == "claim" }
        #expect(claims.count == 23 && claims.allSatisfy { $0["status"] as? String == "ok" }, "\(claims.filter { $0["status"] as? String != "ok" })")
        // The roster counted by 人员身份, and 核定编制数 of its header block, equal the cross-tab.
        for id in ["cross-ledger:roster.on-post", "cross-ledger:roster.off-establishment", "cross-ledger:roster.authorised", "cross-ledger:procurement.payments"] {
            #expect(findings.first { $0["id"] as? String == id }?["status"] as? String == "ok", "\(id)")
        }
    }
}
