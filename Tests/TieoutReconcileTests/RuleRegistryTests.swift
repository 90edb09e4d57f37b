import Foundation
import Testing
import TieoutCore
import TieoutIngest
import TieoutTestSupport
@testable import TieoutReconcile

/// Rules are found through one registry; identities and cross-ledger checks are data a
/// workspace extends in rules.yaml.
@Suite("Rules")
struct RuleRegistryTests {
    @Test("the registry lists each rule once, in the order findings are listed")
    func registry() {
        #expect(RuleRegistry.names == ["claim", "identity", "itemised", "budget-flow", "cross-ledger", "dataset-state", "cumulative", "ingest"])
    }

    @Test("rules.yaml adds an identity and a cross-ledger check; both are applied")
    func workspaceRules() throws {
        let r = try sampleReconciliation { dir in
            try """
            identities:
              - { whole: sangong.budget.total, parts: [sangong.budget.abroad, sangong.budget.vehicles, sangong.budget.reception], title: “三公”预算：三项之和 = 合计, en: "三公 budget: parts = total" }
            cross-ledger:
              - { id: capital.within-budget, within: [spend.capital, budget.adjusted.total], title: 资本性支出不超调整后预算, en: capital spending within the adjusted budget }
            """.write(toFile: dir + "/rules.yaml", atomically: true, encoding: .utf8)
        }
        let check = try #require(r.findings.first { $0.id == "cross-ledger:capital.within-budget" })
        #expect(check.status == .ok && check.title == "资本性支出不超调整后预算")
        #expect(check.inputs.map(\.figure) == ["spend.capital", "budget.adjusted.total"])
        // The identity needs every figure claimed; the sample claims none of the 三公 budgets: no finding, as for the built-in ones.
        #expect(!r.findings.contains { $0.id.hasPrefix("identity:sangong.budget.total") })
    }

    @Test("rules.yaml naming a figure that does not exist is an error with the line and the fix")
    func unknownFigure() throws {
        #expect {
            _ = try sampleReconciliation { dir in
                try "cross-ledger:\n  - { id: x, equal: [spend.actual.total, spend.nothing], title: 甲, en: a }\n"
                    .write(toFile: dir + "/rules.yaml", atomically: true, encoding: .utf8)
            }
        } throws: { error in
            (error as? TieoutError)?.description == "Error: key 'cross-ledger.1.equal': 'spend.nothing' is not a figure at rules.yaml:2\nHelp: Name a figure of docs/claims.md or of figures.yaml."
        }
    }
}
