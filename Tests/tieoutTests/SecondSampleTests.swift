import Foundation
import Testing

/// samples/nanshan-2025: a unit whose exports look nothing like the first sample's, read with
/// one short profile per ledger and nothing copied, linked or edited (issue 13).
@Suite("The second sample")
struct SecondSampleTests {
    static func sample() throws -> (String, String) {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-ns-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/nanshan-2025").path, toPath: parent + "/nanshan-2025")
        try? FileManager.default.removeItem(atPath: parent + "/nanshan-2025/.tieout")
        try? FileManager.default.removeItem(atPath: parent + "/nanshan-2025/out")
        return (parent, "nanshan-2025")
    }

    static func sql(_ ws: String, _ query: String) throws -> String {
        try CLI.run(["-c", "import sqlite3,sys\nfor r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print('|'.join('' if v is None else str(v) for v in r))",
                     ws + "/.tieout/tieout.sqlite", query], executable: "/usr/bin/python3").stdout
    }

    @Test("a sheet per month, 本年累计 checked, 三公 lines sharing a document, staffing as key-value: all read, nothing rejected")
    func ingest() throws {
        let (dir, ws) = try Self.sample()
        let r = try CLI.run(["ingest", ws, "--lang", "en"], in: dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        // Twelve sheets, each its own table and period; the notes sheet is not read.
        for m in 1...12 {
            #expect(r.stdout.contains("ledgers/treasury/国库集中支付-2025.xlsx[\(m)月]"), "\(m)月")
        }
        #expect(!r.stdout.contains("填表说明"))
        // The accounting table, spaces squeezed: read, accepted, rejected, subtotal, skipped.
        let table = r.stdout.replacing(/\ +/, with: " ")
        #expect(table.contains("ledgers/budget/预算指标-2025.csv budget-indicators new 2025 9 9 0 0 0\n"))
        #expect(table.contains("ledgers/staffing/人员编制-2025.csv staffing new - 3 1 0 0 2\n"))
        #expect(table.contains("read this run 203 165 0 36 2\n"))
        #expect(r.stdout.contains("subtotal rows: 24 checks, all equal to the rows they sum\ncumulative rows: 12 checks, all equal to their source's periods so far\n"))
        // Lineage names the real file and sheet.
        let periods = try Self.sql(dir + "/" + ws, "SELECT part, sheet, period FROM files WHERE kind = 'treasury-payment' ORDER BY id LIMIT 2")
        #expect(periods == "1月|1月|2025-01\n2月|2月|2025-02\n")
        // 本年累计 of December: every payment of the year.
        let december = try Self.sql(dir + "/" + ws, "SELECT s.stated, s.computed, s.rows_covered, s.status FROM subtotal_checks s JOIN files f ON f.id = s.file_id WHERE f.part = '12月' AND s.scope = 'year-to-date'")
        #expect(december == "7213210.2|7213210.20|131|ok\n")
        // The wide table: a part per month column, each its own period, its 合计 row checked.
        for m in 1...12 { #expect(r.stdout.contains("ledgers/progress/项目支出进度表-2025.csv[\(m)月]"), "progress \(m)月") }
        let march = try Self.sql(dir + "/" + ws, "SELECT t.month, f.period, ff.column_letter FROM project_spending t JOIN files f ON f.id = t.file_id JOIN file_fields ff ON ff.file_id = f.id AND ff.field = 'amount' WHERE f.part = '3月' ORDER BY t.id LIMIT 1")
        #expect(march == "2025-03-31|2025-03|D\n")
        // The key-value table's values keep their own cells.
        let staff = try CLI.run(["export", "--lang", "en", ws, "--format", "jsonl"], in: dir)
        #expect(staff.status == 0)
        let staffing = try String(contentsOfFile: dir + "/" + ws + "/out/dataset/staffing.jsonl", encoding: .utf8)
        #expect(staffing.contains("\"authorised\":\"24\",\"authorised_cell\":\"B2\",\"on_post\":\"22\",\"on_post_cell\":\"B3\",\"off_establishment\":\"3\",\"off_establishment_cell\":\"B4\""))
        // The three 三公 lines, one document and item, each on its control line.
        let lines = try Self.sql(dir + "/" + ws, "SELECT control_line FROM budget_indicators WHERE item = '公用经费' ORDER BY id")
        #expect(lines == "abroad\nvehicles\nreception\n")
    }

    @Test("every claim of the second sample is reconciled; absent ledgers are missing-data, never a mismatch")
    func reconcile() throws {
        let (dir, ws) = try Self.sample()
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.stdout.contains("核对：一致 27，取整差异 1，不一致 0，缺少数据 5\n"), "\(r.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/" + ws + "/out/findings.json"))) as! [String: Any]
        let claims = (json["findings"] as! [[String: Any]]).filter { $0["rule"] as? String == "claim" }
        #expect(claims.count == 13 && claims.allSatisfy { $0["status"] as? String == "ok" })
        let place = (claims.first { ($0["id"] as! String).hasPrefix("claim:spend.actual.total@") }!["inputs"] as! [[String: Any]])[1]["places"] as! [String]
        #expect(place.first?.hasPrefix("ledgers/treasury/国库集中支付-2025.xlsx[1月]!I") == true)
    }
}
