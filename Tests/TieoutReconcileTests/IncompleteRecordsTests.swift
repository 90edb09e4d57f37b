import Foundation
import Testing
import TieoutCore
import TieoutIngest
import TieoutStore
@testable import TieoutReconcile
@testable import TieoutScore

/// A figure whose records are incomplete (a month of a monthly ledger without an export,
/// rejected rows of its kind and period) is missing-data naming what is incomplete, never a
/// mismatch (issue 20, item 3). Before: with 2024-07.csv removed, or one amount of 2024-03.csv
/// replaced by 待定, every claim on actual spending read `不一致 … 不能以取整解释`.
@Suite("Incomplete records")
struct IncompleteRecordsTests {
    @Test("a month without an export: spending figures over it are missing-data naming the month; quarters before it are still checked")
    func missingMonth() throws {
        let r = try sampleReconciliation { dir in
            try FileManager.default.removeItem(atPath: dir + "/ledgers/treasury/2024-07.csv")
        }
        #expect(r.book["spend.actual.total"] == nil)
        #expect(r.book.missing["spend.actual.total"]?.absence.zh == "数据不完整：国库集中支付缺少 2024-07 的导出")
        #expect(r.book.missing["spend.actual.total"]?.absence.en == "incomplete records: the treasury-payment ledgers have no export for 2024-07")
        let total = try #require(r.findings.first { $0.id.hasPrefix("claim:spend.actual.total@") })
        #expect(total.status == .missingData && total.actual == nil)
        #expect(total.explanation == "无法从台账复算该数字：数据不完整：国库集中支付缺少 2024-07 的导出。")
        // Nothing on spending is a mismatch any more: the sample's own two mismatches stay (the 三公 rate is one).
        let mismatches = r.findings.filter { $0.status == .mismatch }.map(\.id)
        #expect(!mismatches.contains { $0.contains("spend.") || $0.contains("execution") || $0.contains("progress") })
        // The first two quarters do not need July: they are computed and checked as before.
        #expect(r.book["spend.cumulative.q2"] != nil)
        #expect(r.findings.first { $0.id.hasPrefix("claim:spend.cumulative.q2@") }?.status == .ok)
        #expect(r.book["spend.cumulative.q3"] == nil)
        // The months check says the exports are incomplete, not that anything disagrees.
        let months = try #require(r.findings.first { $0.id == "cumulative:months" })
        #expect(months.status == .missingData)
        #expect(months.title == "国库支付导出不完整：缺少 7 月，累计支出不完整")
        // The score's claim on the execution rate is not called wrong either.
        let scoring = try Scoring(workspace: r.workspace, reconciliation: r)
        #expect(!scoring.findings.contains { $0.status == .mismatch })
    }

    @Test("a rejected row: figures over its kind and period are missing-data naming the file and how many rows")
    func rejectedRow() throws {
        let r = try sampleReconciliation { dir in
            let path = dir + "/ledgers/treasury/2024-03.csv"
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let old = Array("\"356,996.02\"".utf8), new: [UInt8] = [0xB4, 0xFD, 0xB6, 0xA8]   // 待定 in GB18030
            let at = try #require((0...(bytes.count - old.count)).first { Array(bytes[$0..<$0 + old.count]) == old })
            bytes.replaceSubrange(at..<at + old.count, with: new)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        #expect(r.book["spend.actual.total"] == nil)
        #expect(r.book.missing["spend.actual.total"]?.absence.zh == "数据不完整：ledgers/treasury/2024-03.csv 有 1 行被拒收（见 out/rejects.csv）")
        let total = try #require(r.findings.first { $0.id.hasPrefix("claim:spend.actual.total@") })
        #expect(total.status == .missingData)
        #expect(!r.findings.contains { $0.status == .mismatch && ($0.id.contains("spend.") || $0.id.contains("execution")) })
        // Figures over other kinds are untouched; every cumulative quarter includes March.
        #expect(r.book["budget.adjusted.total"] != nil)
        #expect(r.book["spend.cumulative.q1"] == nil && r.book["spend.cumulative.q2"] == nil)
        #expect(r.findings.first { $0.id == "ingest:rejects" }?.status == .missingData)
    }

    @Test("the sample itself, complete, is checked as before")
    func completeSample() throws {
        let r = try sampleReconciliation()
        #expect(r.book["spend.actual.total"]?.value.description == "138169467.85")
        #expect(r.countsByClass == ["ok": 97, "rounding": 1, "mismatch": 2, "missing-data": 1, "unsupported": 1])
    }
}

extension IncompleteRecordsTests {
    @Test("a 本年累计 row after a month without an export: its finding says it cannot be checked, the rows being incomplete, not that it disagrees")
    func cumulativeRowTitle() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-gap-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/ledgers", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/profiles", withIntermediateDirectories: true)
        try "unit: 测试单位\nfiscal_year: 2024\nsources:\n  - files: ledgers/*.csv\n    profile: treasury-payments\n"
            .write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
        try "extends: treasury-payments\nunit: 元\ncumulative: { labels: [本年累计], check: [amount] }\ncolumns:\n  economic_class: 经济分类\n"
            .write(toFile: dir + "/profiles/treasury-payments.yaml", atomically: true, encoding: .utf8)
        let header = "单位：元\n凭证号,支付日期,经济分类,支出类型,金额\n"
        for (name, rows) in ["2024-01.csv": "记-1,2024-01-05,30201 办公费,基本支出,100.00\n本年累计,,,,100.00\n",
                             "2024-03.csv": "记-3,2024-03-05,30201 办公费,基本支出,25.00\n本年累计,,,,175.00\n"] {
            try (header + rows).write(toFile: dir + "/ledgers/" + name, atomically: true, encoding: .utf8)
        }
        let ws = try Workspace.open(dir)
        let store = try DatasetStore(path: ws.databasePath)
        _ = try store.ingest(ws)
        let r = try Reconciliation(workspace: ws, store: store)
        let row = try #require(r.findings.first { $0.id.hasPrefix("ingest:cumulative@ledgers/2024-03.csv") })
        #expect(row.status == .missingData)
        #expect(row.title == "累计行无法核对，各期明细不完整：本年累计")
        #expect(row.titleEn == "a cumulative row cannot be checked, the periods so far are incomplete: 本年累计")
        // Spending over the months with a gap is missing, naming the month.
        #expect(r.book.missing["spend.actual.total"]?.absence.zh == "数据不完整：国库集中支付缺少 2024-02、2024-04、2024-05、2024-06、2024-07、2024-08、2024-09、2024-10、2024-11、2024-12 的导出")
    }
}

extension IncompleteRecordsTests {
    @Test("the quarterly check with a month missing before its date: an error naming the month, never progress from a sum taken as 0.00; before the gap, checked as before")
    func quarterlyCheck() throws {
        let (ws, store) = try sampleWorkspace { dir in
            try FileManager.default.removeItem(atPath: dir + "/ledgers/treasury/2024-07.csv")
        }
        #expect {
            _ = try QuarterlyCheck(store: store, workspace: ws, asOf: CalendarDate(year: 2024, month: 9, day: 30)!)
        } throws: { e in
            (e as? TieoutError)?.code == "check.missing-data"
                && (e as? TieoutError)?.what == "spending up to 2024-09-30 cannot be measured: incomplete records: the treasury-payment ledgers have no export for 2024-07"
        }
        let june = try QuarterlyCheck(store: store, workspace: ws, asOf: CalendarDate(year: 2024, month: 6, day: 30)!)
        #expect(!june.spent.isZero && !june.behind)
    }
}
