import Foundation
import Testing
import TieoutCore
import TieoutTestSupport
@testable import TieoutScore
import TieoutReconcile

/// An item scored from an absent ledger never gets full marks, and what the built-in rubric
/// says holds for every unit.
@Suite("Scores without data")
struct AbsentDataScoreTests {
    @Test("no projects ledger: 绩效目标完整性 and 项目完成及时性 are 未能计分 with the reason, never 3/3 or 6/6")
    func noProjects() throws {
        let s = try scoredSample { dir in try FileManager.default.removeItem(atPath: dir + "/ledgers/projects") }
        for id in ["target-completeness", "project-timeliness"] {
            let item = try #require(s.sheet.items.first { $0.id == id })
            #expect(!item.missing.isEmpty && item.points == "0.00", "\(id)")
            #expect(item.why.first?.contains("缺少台账：数据集中没有项目（project）的记录") == true, "\(id): \(item.why)")
        }
        #expect(s.sheet.total == "89.79")
    }

    @Test("the built-in rubric's notes hold for any unit: none states one unit's figures")
    func notesAreGeneral() throws {
        let rubric = try Rubric.builtIn()
        var notes: [String] = []
        func collect(_ rule: Rubric.Rule) { if case .sum(let parts) = rule { for p in parts { notes += p.note.map { [$0] } ?? []; collect(p.rule) } } }
        for item in rubric.items { collect(item.rule) }
        #expect(!notes.isEmpty)
        for n in notes { #expect(n.firstMatch(of: /\d+\.\d+/) == nil, "a unit's own figure in a built-in note: \(n)") }
        let s = try scoredSample()
        let json = try String(decoding: JSONSerialization.data(withJSONObject: ["why": s.sheet.items.flatMap(\.why)]), as: UTF8.self)
        #expect(!json.contains("（10.84%）计分"))
    }
}

@Suite("A score that does not read back")
struct UnreadableScoreTests {
    @Test("a claimed score against a computed score that is not a number: missing-data with the reason, never a mismatch against 0")
    func unreadable() throws {
        let claims = try ClaimSet.parse("claims:\n  - { score: budget-standard, value: \"6\", section: 附件 }\n", file: "claims.yaml", knownFigures: [])
        let claim = try #require(claims.claims.first)
        let f = Scoring.finding(id: "execution", name: "预算执行率", claim: claim, points: "n/a", exact: "", why: [], inputs: [], max: "6")
        #expect(f.status == .missingData && f.actual == nil && f.difference == nil)
        #expect(f.explanation == "附件为 6 分，但该项未能计分，无法核对：得分 “n/a” 不是数字")
        let ok = Scoring.finding(id: "execution", name: "预算执行率", claim: claim, points: "6.00", exact: "6", why: [], inputs: [], max: "6")
        #expect(ok.status == .ok)
    }
}
