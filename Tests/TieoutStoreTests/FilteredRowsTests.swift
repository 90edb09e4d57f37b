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
}
