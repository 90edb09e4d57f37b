import Foundation
import GRDB
import Testing
import TieoutCore
import TieoutIngest
@testable import TieoutStore

/// Rows a profile's `where:` leaves out are counted as `filtered` in the dataset and the ingest
/// report (read = accepted + rejected + subtotal + skipped + filtered), each kept with its reason.
@Suite("Filtered rows in the dataset")
struct FilteredRowsTests {
    @Test("files.filtered and skipped_rows keep the filtered rows and why; the report counts them by reason; a second ingest reads the same counts back")
    func stored() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-filtered-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/ledgers", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/profiles", withIntermediateDirectories: true)
        try "unit: 测试单位\nfiscal_year: 2024\nsources:\n  - files: ledgers/*.csv\n    profile: p\n".write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
        try """
            kind: treasury-payment
            where:
              凭证状态: { not: [已作废] }
              凭证号: { not: blank }
            columns: { voucher: 凭证号, date: 支付日期, spend_type: 支出类型, economic_class: 经济分类, amount: 金额 }
            """.write(toFile: dir + "/profiles/p.yaml", atomically: true, encoding: .utf8)
        try """
            凭证号,凭证状态,支付日期,支出类型,经济分类,金额
            记-1,已审核,2024-03-01,基本支出,30201 办公费,100.00
            记-2,已作废,2024-03-02,基本支出,30201 办公费,200.00
            记-3,已作废,2024-03-03,基本支出,30201 办公费,300.00
            ,,,,,
            ,已审核,,,,
            记-4,已审核,2024-03-04,基本支出,30201 办公费,4.00

            """.write(toFile: dir + "/ledgers/2024-03.csv", atomically: true, encoding: .utf8)
        let ws = try Workspace.open(dir)
        let store = try DatasetStore(path: ws.databasePath)
        let report = try store.ingest(ws)
        var a = RowAccounting(); a.read = 6; a.accepted = 2; a.skipped = 1; a.filtered = 3
        #expect(report.files.map(\.accounting) == [a] && a.addsUp)
        #expect(report.totals == a)
        #expect(report.files[0].filteredReasons == ["凭证状态 is 已作废 (where: not 已作废)": 2, "凭证号 is blank (where: not blank)": 1])
        #expect(try store.files().map(\.accounting) == [a])
        let rows = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT row, reason, filtered FROM skipped_rows ORDER BY filtered, row").map { "\($0["row"] as Int? ?? 0) \($0["reason"] as String) \($0["filtered"] as Int)" }
        }
        #expect(rows == ["0 1 blank rows 0",
                         "3 凭证状态 is 已作废 (where: not 已作废) 1", "4 凭证状态 is 已作废 (where: not 已作废) 1", "6 凭证号 is blank (where: not blank) 1"])
        // The stored report (JSON) reads back with its filtered counts.
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        let back = try JSONDecoder().decode(IngestReport.self, from: Data(json.utf8))
        #expect(back.files[0].accounting == a && back.files[0].filteredReasons == report.files[0].filteredReasons)
        // A report stored before `filtered` existed reads with 0.
        let old = try JSONDecoder().decode(RowAccounting.self, from: Data(#"{"read":3,"accepted":2,"rejected":1,"subtotal":0,"skipped":0}"#.utf8))
        #expect(old.filtered == 0 && old.addsUp)
    }

    @Test("a cumulative row (本年累计) whose total includes a closing entry filtered with in_totals: true is checked with it; without, it disagrees")
    func cumulativeInTotals() throws {
        func run(_ condition: String) throws -> (IngestReport, DatasetStore) {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-filtered-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir + "/ledgers", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: dir + "/profiles", withIntermediateDirectories: true)
            try "unit: 测试单位\nfiscal_year: 2024\nsources:\n  - files: ledgers/*.csv\n    profile: p\n".write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
            try """
                kind: treasury-payment
                period: month
                where:
                  摘要: \(condition)
                cumulative: { labels: [本年累计] }
                columns: { voucher: 凭证号, date: 支付日期, spend_type: 支出类型, economic_class: 经济分类, summary: 摘要, amount: 金额 }
                """.write(toFile: dir + "/profiles/p.yaml", atomically: true, encoding: .utf8)
            let header = "凭证号,支付日期,支出类型,经济分类,摘要,金额\n"
            try (header + "记-1,2024-01-05,基本支出,30201 办公费,办公用品,100.00\n本月合计,,,,,100.00\n本年累计,,,,,100.00\n")
                .write(toFile: dir + "/ledgers/2024-01.csv", atomically: true, encoding: .utf8)
            try (header + "记-3,2024-02-03,基本支出,30201 办公费,差旅费,30.00\n记-4,2024-02-29,基本支出,30201 办公费,期末结转,-130.00\n本月合计,,,,,-100.00\n本年累计,,,,,0.00\n")
                .write(toFile: dir + "/ledgers/2024-02.csv", atomically: true, encoding: .utf8)
            let ws = try Workspace.open(dir)
            let store = try DatasetStore(path: ws.databasePath)
            return (try store.ingest(ws), store)
        }
        let (report, store) = try run("{ not: [\"*结转*\"], in_totals: true }")
        #expect(report.cumulativeChecks == 2 && report.cumulativeProblems == 0)
        #expect(report.files.flatMap(\.subtotalMismatches).isEmpty)
        let checks = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT label, stated, computed, rows_covered, status FROM subtotal_checks WHERE scope != 'rows' ORDER BY file_id")
                .map { "\($0["label"] as String) \($0["stated"] as String) \($0["computed"] as String) \($0["rows_covered"] as Int) \($0["status"] as String)" }
        }
        #expect(checks == ["本年累计 100.00 100.00 1 ok", "本年累计 0.00 0.00 3 ok"])
        let (without, _) = try run("{ not: [\"*结转*\"] }")
        #expect(without.files.flatMap(\.subtotalMismatches).map { $0.components(separatedBy: ": ").dropFirst().joined(separator: ": ") } == [
            "本月合计 amount states -100.00, the rows sum to 30.00 (mismatch)",
            "本年累计 amount states 0.00, the source's records so far sum to 130.00 (mismatch)",
        ])
    }
}
