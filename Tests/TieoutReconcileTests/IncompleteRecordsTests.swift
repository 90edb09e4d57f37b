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
        #expect(r.countsByClass == ["ok": 97, "rounding": 1, "mismatch": 2, "missing-data": 1])
    }
}
