import Foundation
import Testing
import TieoutCore
import TieoutIngest
import TieoutStore
@testable import TieoutReconcile

/// Every figure the reference report states, recomputed from the sample's ledgers:
/// what agrees, what only rounding separates, and what is wrong.
@Suite("Reconciling the sample")
struct SampleFindingsTests {
    @Test("the report's inconsistencies are found and classed; everything else agrees")
    func findings() throws {
        let r = try sampleReconciliation()
        let problems = r.orderedFindings.filter { $0.status != .ok }
        #expect(problems.map { "\($0.status.rawValue) \($0.id) \($0.expected ?? "-") | \($0.actual ?? "-") | \($0.difference ?? "-")" } == [
            // The report's 三公 control rate: (0.50 + 0.85 + 0) ÷ (0 + 3.67 + 0) is 36.78%, not 32.32%.
            "mismatch claim:sangong.rate@二（三）1（1）“三公”经费支出情况 32.32% | 36.78% | +4.46 个百分点",
            // 0.50 万元 spent abroad against a zero budget line.
            "mismatch cross-ledger:sangong.abroad ≤ 0.00 万元 | 0.50 万元 | +0.50 万元",
            // The additions it lists (10,639.27 + 310.87) are 7.20 万元 short of 调整后 − 年初: unsupported by its own text.
            "unsupported itemised:budget.adjustment.total@一（四）1（2）财务合规性 10,957.34 万元（13,892.35 − 2,935.01） | 10,950.14 万元（10,639.27 + 310.87） | -7.20 万元",
            // The 72.99% satisfaction comes from a platform no ledger covers.
            "missing-data claim:none@二（三）3（6）效果性 72.99% | - | -",
            // 983.40 + 12,833.54 = 13,816.94, one cent short of the stated 13,816.95: rounding.
            "rounding identity:spend.actual.total=spend.actual.basic+spend.actual.project 13,816.95 万元 | 13,816.94 万元（983.40 + 12,833.54） | -0.01 万元",
        ])
        #expect(r.counts == [.ok: 97, .rounding: 1, .mismatch: 2, .missingData: 1, .unsupported: 1])
        // Every claim became exactly one finding.
        let claims = r.findings.filter { $0.rule == "claim" }
        #expect(claims.count == r.claims.filter { $0.score == nil }.count && claims.count == 75)   // and 22 item scores, checked by scoring
        // The rounding finding says which figures, rounded how.
        let rounding = problems[4]
        #expect(rounding.explanation.contains("实际支出（基本支出） 983.403127") && rounding.explanation.contains("实际支出（项目支出） 12833.543658"))
        #expect(rounding.explanation.contains("2 × 0.5 个末位单位（0.010）"))
        // The mismatch carries its inputs down to the cells.
        let sangong = problems[0]
        #expect(sangong.inputs.map(\.label) == ["“三公”经费控制率", "“三公”经费支出", "“三公”经费预算"])
        #expect(sangong.inputs[1].places.count == 5)   // one payment abroad, four for the official car
        #expect(sangong.inputs[1].places.allSatisfy { $0.hasPrefix("ledgers/treasury/") && $0.contains("!I") })
        #expect(sangong.rubric == [Finding.RubricItem(item: "公用经费控制率", points: "6")])
    }

    @Test("a rate right from the unrounded amounts but not from the rounded ones is ok, and says so")
    func publicExpenseRate() throws {
        let r = try sampleReconciliation()
        let f = r.findings.first { $0.id == "claim:public.rate@二（三）1（2）日常公用经费支出情况" }!
        #expect(f.status == .ok && f.actual == "89.65%")
        #expect(f.explanation == "从台账复算为 89.65%，与报告一致。（若以报告所列取整后的数字相除则为 89.64%：请以未取整金额计算。）")
    }

    @Test("claims recomputed: execution, progress, adjustment ratios, procurement, staff")
    func agreeing() throws {
        let r = try sampleReconciliation()
        func actual(_ id: String) -> String? { r.findings.first { $0.id.hasPrefix("claim:\(id)@") }?.actual }
        #expect(actual("execution.rate") == "99.46%")
        #expect(["progress.q1", "progress.q2", "progress.q3", "progress.q4"].map(actual) == ["45.67%", "57.96%", "65.97%", "99.46%"])
        #expect(actual("adjustment.ratio") == "373.33%" && actual("adjustment.ratio-excluding-investment") == "10.84%")
        #expect(actual("procurement.rate") == "99.90%" && actual("execution.project-rate") == "99.88%")
        #expect(actual("staff.control-rate") == "89.47%" && actual("staff.off-ratio") == "50.00%")
        #expect(actual("spend.personnel-projects") == "901.45 万元")
        #expect(actual("assets.utilisation") == "100%")
        #expect(r.findings.filter { $0.rule == "cross-ledger" && $0.status == .ok }.count == 12)   // of 13: all but the spending abroad
    }

    @Test("tolerances from tieout.yaml: an identity tolerance of 0 turns the rounding into a mismatch")
    func tolerance() throws {
        let r = try sampleReconciliation { dir in
            let path = dir + "/tieout.yaml"
            try (try String(contentsOfFile: path, encoding: .utf8) + "\ntolerances:\n  identity: 0\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let f = r.findings.first { $0.id == "identity:spend.actual.total=spend.actual.basic+spend.actual.project" }!
        #expect(f.status == .mismatch)
    }

    @Test("a changed ledger amount changes the finding that depends on it")
    func changedLedger() throws {
        let r = try sampleReconciliation { dir in
            // The staffing ledger: 网格管理科 off-establishment 3 → 4 (and its 合计 with it).
            let path = dir + "/ledgers/staffing/人员编制-2024.csv"
            var text = try String(contentsOfFile: path, encoding: .utf8)
            text = text.replacing("网格管理科,5,5,3", with: "网格管理科,5,5,4").replacing("合计,19,17,17", with: "合计,19,17,18")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let ratio = r.findings.first { $0.id == "claim:staff.off-ratio@一（四）4 人员管理" }!
        #expect(ratio.status == .mismatch && ratio.actual == "51.43%" && ratio.difference == "+1.43 个百分点")
        #expect(r.counts[.mismatch] == 6)   // off-ratio twice, off-establishment count twice, plus the two of the report
    }

    @Test("the quarterly check at 2024-09-30: behind the 75% schedule, with what is needed and the points at stake")
    func q3() throws {
        let (ws, store) = try sampleWorkspace()
        let c = try QuarterlyCheck(store: store, workspace: ws, asOf: CalendarDate(year: 2024, month: 9, day: 30)!)
        #expect(c.behind && c.quarter == 3 && c.schedulePercent == 75)
        #expect(c.budget.description == "131978800")    // issued by 30 September: 13,197.88 万元
        #expect(c.spent.description == "91652118.90")
        #expect(c.progress.percentText() == "69.44%")
        #expect(c.needed.description == "7331981.10")      // 75% of the budget less what was spent
        #expect(c.ratios.map { $0.rounded(scale: 4).description } == ["1.9227", "1.2201", "0.9259", "0.9276"])
        #expect(c.projected == [false, false, false, true])
        #expect(c.points.description == "5.85" && c.pointsLost.description == "0.15")
        // At the end of June the unit was ahead.
        let q2 = try QuarterlyCheck(store: store, workspace: ws, asOf: CalendarDate(year: 2024, month: 6, day: 30)!)
        #expect(!q2.behind && q2.needed.isZero)
    }
}
