import Foundation
import Testing
import TieoutCore
import TieoutIngest
import TieoutScore
import TieoutTestSupport
@testable import TieoutReconcile

/// `report: 自评报告.docx` in tieout.yaml: the claims come from the report itself, claims.yaml
/// corrects and adds to them, and each finding quotes the sentence it checks.
@Suite("Claims from the report named in tieout.yaml")
struct ReportClaimsTests {
    /// The sample with the reference report as its `report:`, and `claims` as its claims.yaml (none when nil).
    static func edit(claims: String?) -> (String) throws -> Void {
        { dir in
            try FileManager.default.copyItem(atPath: ClaimExtractionTests.fixtures + "reference-python-docx.docx", toPath: dir + "/自评报告.docx")
            let config = try String(contentsOfFile: dir + "/tieout.yaml", encoding: .utf8)
            try (config + "\nreport: 自评报告.docx\n").write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
            if let claims { try claims.write(toFile: dir + "/claims.yaml", atomically: true, encoding: .utf8) } else { try FileManager.default.removeItem(atPath: dir + "/claims.yaml") }
        }
    }

    static let basis = """
    claims:
      - { basis: "民意速办工单回访满意率，来自区民意速办平台", value: "72.99%", section: 二（三）3（6）效果性 }

    """

    @Test("the report's own claims, with claims.yaml adding the one it cannot map: the hand-written findings, each quoting its sentence")
    func fromReport() throws {
        let r = try sampleReconciliation(edit: Self.edit(claims: Self.basis))
        let s = try Scoring(workspace: r.workspace, reconciliation: r)
        let problems = (r.orderedFindings + s.findings).filter { $0.status == .mismatch || $0.status == .missingData }.map(\.id)
        #expect(problems == ["claim:sangong.rate@二（三）1（1）“三公”经费支出情况", "cross-ledger:sangong.abroad", "claim:none@二（三）3（6）效果性"])
        #expect(r.claims.count == 98)   // 97 read from the report, 1 from claims.yaml
        let sangong = try #require(r.findings.first { $0.id == "claim:sangong.rate@二（三）1（1）“三公”经费支出情况" })
        #expect(sangong.explanation.hasSuffix("（报告原文：“本单位严格按照中央八项规定以及厉行勤俭节约、反对铺张浪费的原则，严控“三公”经费支出，“三公”经费控制率为 32.32%，经费控制较好。”）"))
        let execution = try #require(s.findings.first { $0.id == "score:budget-execution" || $0.id.hasSuffix("budget-execution") })
        #expect(execution.explanation.contains("（报告原文：“预算执行率 | 6.00 | "))
        // The basis claim, hand-written, quotes nothing.
        #expect(!(r.findings.first { $0.id == "claim:none@二（三）3（6）效果性" }?.explanation.contains("报告原文") ?? true))
    }

    @Test("a hand-written claim of the same section and value corrects the extracted one")
    func corrected() throws {
        let claims = """
        claims:
          - { figure: survey.rate, value: "72.99%", section: 二（三）3（6）效果性 }
          - { basis: "按部门口径统计", value: "32.32%", section: 二（三）1（1）“三公”经费支出情况 }

        """
        let r = try sampleReconciliation(edit: Self.edit(claims: claims))
        #expect(r.claims.count == 98)   // 32.32% replaced, 72.99% added
        #expect(r.claims.filter { $0.text == "32.32%" }.map { $0.basis ?? "-" } == ["按部门口径统计"])
        #expect(r.findings.first { $0.id == "claim:none@二（三）1（1）“三公”经费支出情况" }?.status == .missingData)
        #expect(r.findings.contains { $0.id == "claim:survey.rate@二（三）3（6）效果性" })
    }

    @Test("a report: that cannot be read stops the run, naming the file")
    func missingReport() throws {
        do {
            _ = try sampleReconciliation { dir in
                let config = try String(contentsOfFile: dir + "/tieout.yaml", encoding: .utf8)
                try (config + "\nreport: 自评报告.docx\n").write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
            }
            Issue.record("a missing report was not an error")
        } catch {
            let e = error as? TieoutError
            #expect(e?.code == "io.open" && e?.what.contains("/自评报告.docx: No such file or directory") == true)
        }
    }
}
