import Testing
import TieoutCore
@testable import TieoutIngest

/// The closest value `suggest` proposes for a word no enumeration knows (always marked GUESS).
@Suite("suggest: closest words")
struct SuggestionWordsTests {
    static func field(_ kind: String, _ name: String) throws -> (FieldSpec, [String]) {
        let f = try #require(try KindCatalog.builtIn().named(kind)?.fields.first { $0.name == name })
        guard case .enumeration(let values) = f.type else { Issue.record("\(name) is no enumeration"); return (f, []) }
        return (f, values)
    }

    @Test("预算管理一体化 words: project classes, stages, refunds; nothing close stays unmapped")
    func kindred() throws {
        let (spend, spendValues) = try Self.field("budget-indicator", "spend_type")
        #expect(ProfileSuggestion.closestValue("人员类项目", spend, values: spendValues, known: [:]) == "basic")
        #expect(ProfileSuggestion.closestValue("运转类", spend, values: spendValues, known: [:]) == "basic")
        #expect(ProfileSuggestion.closestValue("特定目标类", spend, values: spendValues, known: [:]) == "project")
        let (stage, stageValues) = try Self.field("budget-indicator", "stage")
        #expect(ProfileSuggestion.closestValue("年初批复", stage, values: stageValues, known: [:]) == "initial")
        #expect(ProfileSuggestion.closestValue("追减", stage, values: stageValues, known: [:]) == "adjustment")
        let (reason, reasonValues) = try Self.field("budget-indicator", "reason")
        #expect(ProfileSuggestion.closestValue("资金退回", reason, values: reasonValues, known: [:]) == "other")
        // 资金退回 as a spend type is neither basic nor project: no guess, a GUESS needed line instead.
        #expect(ProfileSuggestion.closestValue("资金退回", spend, values: spendValues, known: [:]) == nil)
        // By shared characters: 货物采购 is goods.
        let (category, categoryValues) = try Self.field("procurement", "category")
        #expect(ProfileSuggestion.closestValue("货物采购", category, values: categoryValues, known: [:]) == "goods")
    }
}
