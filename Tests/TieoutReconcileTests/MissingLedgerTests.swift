import Foundation
import Testing
import TieoutCore
import TieoutIngest
import TieoutStore
@testable import TieoutReconcile
@testable import TieoutScore

/// A documented figure that cannot be computed is missing-data naming what is missing; the
/// run goes on. Before: removing the procurement workbook stopped reconcile with
/// `'procurement.rate' is not a figure Tieout computes` (exit 2).
@Suite("Missing ledgers")
struct MissingLedgerTests {
    @Test("no procurement ledger: every procurement figure and check is missing-data with the reason; nothing is a mismatch against zero")
    func noProcurement() throws {
        let r = try sampleReconciliation { dir in
            try FileManager.default.removeItem(atPath: dir + "/ledgers/procurement/政府采购执行-2024.xlsx")
        }
        #expect(r.book["procurement.rate"] == nil)
        #expect(r.book.missing["procurement.rate"]?.absence.zh == "缺少台账：数据集中没有政府采购（procurement）的记录")
        let rate = try #require(r.findings.first { $0.id.hasPrefix("claim:procurement.rate@") })
        #expect(rate.status == .missingData && rate.actual == nil)
        #expect(rate.title == "无法计算政府采购执行率：报告 99.90%")
        #expect(rate.explanation == "无法从台账复算该数字：缺少台账：数据集中没有政府采购（procurement）的记录。")
        let plan = try #require(r.findings.first { $0.id == "cross-ledger:procurement" })
        #expect(plan.status == .missingData)
        #expect(!r.findings.contains { $0.status == .mismatch && $0.id.contains("procurement") })
        // Spending, which the treasury ledger gives, is untouched.
        #expect(r.book["spend.actual.total"]?.value.description == "138169467.85")
        // The rubric item that needs it is not scored, and the annex's claim for it is not called wrong.
        let scoring = try Scoring(workspace: r.workspace, reconciliation: r)
        let item = try #require(scoring.sheet.items.first { $0.name == "政府采购执行情况" })
        #expect(item.missing == ["procurement.rate"])
        #expect(item.why.first == "政府采购执行率：缺少指标 procurement.rate（缺少台账：数据集中没有政府采购（procurement）的记录）")
        #expect(scoring.findings.first { $0.id == "score:procurement" }?.status == .missingData)
        #expect(scoring.findings.first { $0.id == "score:total" }?.status == .missingData)
        #expect(!scoring.findings.contains { $0.status == .mismatch })
    }

    @Test("no petitions ledger: reconcile goes on, petition figures are missing-data")
    func noPetitions() throws {
        let r = try sampleReconciliation { dir in
            try FileManager.default.removeItem(atPath: dir + "/ledgers/petitions/信访件登记-2024.csv")
        }
        let onTime = try #require(r.findings.first { $0.id.hasPrefix("claim:petitions.on-time-rate@") })
        #expect(onTime.status == .missingData)
        #expect(r.findings.first { $0.id == "cross-ledger:petitions.on-time" }?.status == .missingData)
    }

    @Test("a zero denominator: the rate is missing-data saying the denominator is zero, never 0%")
    func zeroDenominator() throws {
        let (ws, store) = try sampleWorkspace { dir in
            try """
            figures:
              - { id: test.zero, title: 零, en: zero, formula: 经济分类999的支付之和, sum: treasury-payment.amount, where: { economic_class: { prefix: "999" } } }
              - { id: test.rate, title: 测试比率, en: test rate, formula: 实际支出 ÷ 零, ratio: [spend.actual.total, test.zero] }
            """.write(toFile: dir + "/figures.yaml", atomically: true, encoding: .utf8)
        }
        let book = try FigureBook(workspace: ws, store: store)
        #expect(book["test.zero"]?.value == .zero && book["test.zero"]?.inputs.first?.count == 0)
        #expect(book["test.rate"] == nil)
        #expect(book.missing["test.rate"]?.absence.zh == "分母零为零，比率无从计算")
    }
}

extension MissingLedgerTests {
    @Test("a budget export without the control-line column: the 三公 budgets are missing-data naming the column, never a mismatch against 0.00")
    func noControlLineColumn() throws {
        let r = try sampleReconciliation { dir in
            try FileManager.default.createDirectory(atPath: dir + "/profiles", withIntermediateDirectories: true)
            try "extends: budget-indicators\ncolumns:\n  control_line: 无此列\n".write(toFile: dir + "/profiles/budget-indicators.yaml", atomically: true, encoding: .utf8)
        }
        #expect(r.book["sangong.budget.abroad"] == nil)
        #expect(r.book.missing["sangong.budget.abroad"]?.absence.zh == "缺少列：预算指标台账没有「控制口径」一列")
        let check = try #require(r.findings.first { $0.id == "cross-ledger:sangong.abroad" })
        #expect(check.status == .missingData && check.explanation.contains("缺少列：预算指标台账没有「控制口径」一列"))
        let claim = try #require(r.findings.first { $0.id.hasPrefix("claim:sangong.rate@") })
        #expect(claim.status == .missingData)
        // Figures over columns that are there are unaffected.
        #expect(r.book["budget.adjusted.total"] != nil && r.book["spend.actual.total"] != nil)
    }
}

extension MissingLedgerTests {
    @Test("no 三公 budget line at all: spending is not checked against a budget of 0.00, it is missing-data")
    func noSangongBudget() throws {
        let r = try sampleReconciliation { dir in
            try FileManager.default.createDirectory(atPath: dir + "/profiles", withIntermediateDirectories: true)
            // The unit's budget names no 三公 line: every line's control line is none.
            try "extends: budget-indicators\ncolumns:\n  control_line: { from: 控制口径, map: { 因公出国（境）费: none, 公务用车运行维护费: none, 公务接待费: none } }\n"
                .write(toFile: dir + "/profiles/budget-indicators.yaml", atomically: true, encoding: .utf8)
        }
        for line in ["abroad", "vehicles", "reception"] {
            let f = try #require(r.findings.first { $0.id == "cross-ledger:sangong.\(line)" })
            #expect(f.status == .missingData && f.explanation.hasPrefix("无法核对：台账中没有构成"), "\(line): \(f.explanation)")
        }
        // The rate over a budget of nothing is not 0%, nor infinite: missing.
        #expect(r.book["sangong.rate"] == nil)
        #expect(r.findings.first { $0.id.hasPrefix("claim:sangong.rate@") }?.status == .missingData)
    }
}
