import Foundation
import Testing
import TieoutCore
import TieoutIngest
import TieoutScore
import TieoutTestSupport
@testable import TieoutReconcile

/// Statements the report's own text does not support (issue 23 item 5): full marks for an
/// item whose measure the text states below the full-marks band, and itemised parts that do
/// not add up to the total the text states. Class `unsupported`; the score stands.
@Suite("Unsupported statements")
struct UnsupportedStatementTests {
    static let satisfactionId = "statement:satisfaction@二（三）3（6）效果性"
    static let adjustmentsId = "itemised:budget.adjustment.total@一（四）1（2）财务合规性"

    @Test("the sample's claims.yaml: 满意度 6/6 while the text states 72.99%; additions 7.20 万元 short of 调整后 − 年初; the total still 98.79")
    func handWritten() throws {
        let r = try sampleReconciliation()
        let s = try Scoring(workspace: r.workspace, reconciliation: r)
        let unsupported = (r.findings + s.findings + s.statements).filter { $0.status == .unsupported }
        #expect(unsupported.map(\.id) == [Self.adjustmentsId, Self.satisfactionId])

        let sat = try #require(s.statements.first { $0.id == Self.satisfactionId })
        #expect(sat.rule == "statement")
        #expect(sat.title == "公众或服务对象满意度 得满分 6 分，但报告所述 72.99% 低于满分所需的 ≥ 95%")
        #expect(sat.titleEn == "rubric item Public or client satisfaction has full marks 6, but the report states 72.99%, below the ≥ 95% full marks need")
        #expect(sat.expected == "72.99%" && sat.actual == nil && sat.section == "二（三）3（6）效果性")
        #expect(sat.explanation.hasPrefix("附件给“公众或服务对象满意度”满分 6 分，按评分标准须 ≥ 95%；而报告在 二（三）3（6）效果性 所述为 72.99%（民意速办工单回访满意率"))
        #expect(sat.explanation.contains("评分未因此改变（本项按 公众或服务对象满意度 "))
        #expect(sat.rubric == [Finding.RubricItem(item: "公众或服务对象满意度", points: "6")])

        let adj = try #require(r.findings.first { $0.id == Self.adjustmentsId })
        #expect(adj.rule == "itemised" && adj.section == "一（四）1（2）财务合规性")
        #expect(adj.expected == "10,957.34 万元（13,892.35 − 2,935.01）")
        #expect(adj.actual == "10,950.14 万元（10,639.27 + 310.87）")
        #expect(adj.difference == "-7.20 万元")
        #expect(adj.explanation.hasPrefix("报告列出 政府投资项目追加 10,639.27 + 履职类项目追加 310.87，合计 10,950.14 万元，比其所述总额 10,957.34 万元（13,892.35 − 2,935.01）少 7.20 万元：报告未说明其余部分是什么。"))
        // The ledgers name the part the text leaves out: the basic-spending adjustment.
        #expect(adj.explanation.hasSuffix("台账中报告未列出的项目：基本支出调整 7.20 万元。"))

        // Flagged, not rescored: the annex's 6.00 and 98.79 are still what the rubric gives.
        #expect(s.sheet.items.first { $0.id == "satisfaction" }?.points == "6.00")
        #expect(s.sheet.total == "98.79")
        #expect(s.findings.first { $0.id == "score:satisfaction" }?.status == .ok)
        #expect(s.findings.first { $0.id == "score:total" }?.status == .ok)
        #expect(s.findings.count == 22 && s.findings.allSatisfy { $0.status == .ok })   // every claimed score supported by the computation
        #expect(r.hasProblems)
    }

    @Test("from the report itself (report:, no claims.yaml): the unmapped 满意率 72.99% and the extracted additions, each quoting its sentence; 同比上升 3% is not a satisfaction rate")
    func fromReport() throws {
        let r = try sampleReconciliation(edit: ReportClaimsTests.edit(claims: nil))
        let s = try Scoring(workspace: r.workspace, reconciliation: r)
        #expect(r.unmappedFigures.contains { $0.text == "72.99%" })
        let sats = s.statements
        #expect(sats.map(\.title) == ["公众或服务对象满意度 得满分 6 分，但报告所述 72.99% 低于满分所需的 ≥ 95%"])
        #expect(sats.first?.explanation.contains("（报告原文：“") == true && sats.first?.explanation.contains("满意率 72.99%，同比上升 3%") == true)
        let adj = try #require(r.findings.first { $0.id == Self.adjustmentsId })
        #expect(adj.status == .unsupported && adj.difference == "-7.20 万元")
        #expect(adj.explanation.hasSuffix("报告未说明其余部分是什么。台账中报告未列出的项目：基本支出调整 7.20 万元。（报告原文：“全年本单位预算调整、调剂金额占年初预算的373.33%，主要为年中下达的政府投资项目合计追加指标10,639.27万元，以及信息化运维项目、政务服务数据管理等履职类项目年中合计追加指标310.87万元，剔除年中下达的政府投资项目的影响后，本单位全年预算调整、调剂金额占年初预算的比例为10.84%，全部报区财政局审批，资金调整、调剂具有规范性；”）"))
        #expect(s.sheet.total == "98.79")
    }

    @Test("the threshold is rubric data: with full marks from 70% the 72.99% supports them; with the annex claiming 4 points no full marks are at stake")
    func thresholdIsData() throws {
        let rubric = try String(contentsOfFile: repositoryRoot + "/Sources/TieoutScore/Rubrics/shenzhen-department-2024.yaml", encoding: .utf8)
        let lowered = rubric.replacingOccurrences(of: "bands: [ { at_least: \"95%\", points: 6 }", with: "bands: [ { at_least: \"70%\", points: 6 }")
        #expect(lowered != rubric)
        let r = try sampleReconciliation { dir in try lowered.write(toFile: dir + "/rubric.yaml", atomically: true, encoding: .utf8) }
        #expect(try Scoring(workspace: r.workspace, reconciliation: r).statements.isEmpty)

        let four = try sampleReconciliation { dir in
            let claims = try String(contentsOfFile: dir + "/claims.yaml", encoding: .utf8)
            try claims.replacingOccurrences(of: "{ score: satisfaction, value: \"6.00\"", with: "{ score: satisfaction, value: \"4.00\"")
                .write(toFile: dir + "/claims.yaml", atomically: true, encoding: .utf8)
        }
        let s = try Scoring(workspace: four.workspace, reconciliation: four)
        #expect(s.statements.isEmpty)
        #expect(s.findings.first { $0.id == "score:satisfaction" }?.status == .mismatch)   // 4.00 claimed, 6.00 scored
    }

    @Test("statements: on an item whose full marks need no bound is a mistake, named with its fix")
    func statementsNeedBands() throws {
        let text = """
        items:
          - { id: a, level1: x, level2: y, name: 甲, max: 2, standard: s, rule: { kind: assessed }, statements: [满意率] }
        """
        do {
            _ = try Rubric.parse(text, file: "rubric.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.what == "key 'items.1.statements': `statements:` needs a `bands` rule whose full marks need a bound (at_least, above, below or at_most)")
            #expect(error.help.hasPrefix("Give the item a bands rule"))
        }
    }

    @Test("a workspace's rules.yaml adds an itemised total: the plan's services alone miss it by the goods the ledgers give; a whole-from of one figure is a mistake")
    func workspaceItemised() throws {
        let r = try sampleReconciliation { dir in
            try """
            itemised:
              - { whole: procurement.plan.total, parts: [procurement.plan.services, procurement.plan.goods, procurement.plan.works], title: 采购计划：所列类别之和 = 合计, en: "procurement plan: listed = total" }

            """.write(toFile: dir + "/rules.yaml", atomically: true, encoding: .utf8)
            let claims = try String(contentsOfFile: dir + "/claims.yaml", encoding: .utf8)
            try claims.replacingOccurrences(of: "  - { figure: procurement.plan.goods, value: \"1,008.15\", unit: 万元, section: 一（四）1（4）政府采购执行情况 }\n", with: "")
                .write(toFile: dir + "/claims.yaml", atomically: true, encoding: .utf8)
        }
        let f = try #require(r.findings.first { $0.id == "itemised:procurement.plan.total@一（四）1（4）政府采购执行情况" })
        #expect(f.status == .unsupported && f.expected == "2,333.90 万元" && f.actual == "1,325.75 万元（1,325.75）" && f.difference == "-1008.15 万元")
        #expect(f.title == "采购计划：所列类别之和 = 合计：报告 2,333.90 万元")
        #expect(f.explanation == "报告列出 政府采购计划（服务类） 1,325.75，合计 1,325.75 万元，比其所述总额 2,333.90 万元少 1,008.15 万元：报告未说明其余部分是什么。台账中报告未列出的项目：政府采购计划（货物类） 1,008.15 万元。")
        do {
            _ = try sampleReconciliation { dir in
                try "itemised:\n  - { whole: budget.adjustment.total, whole-from: [budget.adjusted.total], parts: [budget.adjustment.reason.operations], title: t, en: t }\n"
                    .write(toFile: dir + "/rules.yaml", atomically: true, encoding: .utf8)
            }
            Issue.record("accepted")
        } catch {
            #expect((error as? TieoutError)?.description == "Error: key 'itemised.1.whole-from': whole-from takes two figures at rules.yaml:2\nHelp: Write `whole-from: [a, b]` (the whole is a − b).")
        }
    }

    @Test("itemised parts that add up to the stated total are ok; within rounding, rounding")
    func itemisedAddingUp() throws {
        func reconcile(_ ops: String) throws -> Finding? {
            try sampleReconciliation { dir in
                let claims = try String(contentsOfFile: dir + "/claims.yaml", encoding: .utf8)
                try (claims + "  - { figure: budget.adjustment.reason.basic, value: \"\(ops)\", unit: 万元, section: 一（四）1（2）财务合规性 }\n")
                    .write(toFile: dir + "/claims.yaml", atomically: true, encoding: .utf8)
            }.findings.first { $0.id == Self.adjustmentsId }
        }
        let ok = try #require(try reconcile("7.20"))
        #expect(ok.status == .ok && ok.actual == "10,957.34 万元（10,639.27 + 310.87 + 7.20）")
        let near = try #require(try reconcile("7.19"))
        #expect(near.status == .rounding && near.difference == "-0.01 万元")
    }
}
