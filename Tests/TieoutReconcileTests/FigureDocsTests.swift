import Foundation
import Testing
import TieoutIngest
import TieoutTestSupport
@testable import TieoutReconcile

/// docs/claims.md lists the built-in figures; the definitions are the YAML resources. The
/// table and the resources must say the same thing.
@Suite("Figure definitions and their documentation")
struct FigureDocsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("docs/claims.md's table is the built-in figures: ids in order, titles, English labels, formulas")
    func table() throws {
        let catalog = try FigureCatalog.builtIn(kinds: KindCatalog.builtIn())
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/claims.md"), encoding: .utf8)
        let section = try #require(text.range(of: "\n## Figures\n"))
        let rows = text[section.upperBound...].split(separator: "\n").filter { $0.hasPrefix("| `") }.map(String.init)
        let expected = catalog.definitions.map { d in
            "| `\(d.id)` | \(d.title.replacingOccurrences(of: "{year}", with: "2024")) (\(d.titleEn)) | \(d.formula.replacingOccurrences(of: "{end}", with: Self.end(d))) |"
        }
        #expect(rows.count == expected.count)
        for (a, b) in zip(rows, expected) { #expect(a == b) }
    }

    /// The day `{end}` stands for in fiscal year 2024 (the sample's), as the docs print it.
    static func end(_ d: FigureDefinition) -> String {
        guard case .aggregate(_, _, _, let conditions) = d.rule else { return "{end}" }
        return conditions.lazy.compactMap { $0.endDay(year: 2024) }.first?.description ?? "{end}"
    }

    @Test("each mistake in figures.yaml names the line and the fix")
    func errors() throws {
        let kinds = try KindCatalog.builtIn()
        func message(_ yaml: String) -> String {
            do { _ = try FigureDefinition.parseFile(yaml, file: "figures.yaml", kinds: kinds); return "no error" } catch { return error.description }
        }
        #expect(message("figures:\n  - { id: a, title: 甲, en: a, formula: f, sum: contract.amount }\n")
                == "Error: key 'figures.1.sum': 'contract' is not a record kind at figures.yaml:2\nHelp: Use one of: treasury-payment, budget-indicator, procurement, asset-card, staffing, project, petition, survey (a workspace adds kinds in kinds/NAME.yaml).")
        #expect(message("figures:\n  - { id: a, title: 甲, en: a, formula: f, sum: treasury-payment.voucher }\n")
                == "Error: key 'figures.1.sum': voucher is text: it cannot be summed at figures.yaml:2\nHelp: Use an amount, percentage or integer field, or `count: treasury-payment`.")
        #expect(message("figures:\n  - { id: a, title: 甲, en: a, formula: f, sum: treasury-payment.amount, where: { spend_type: basics } }\n")
                == "Error: key 'figures.1.where.spend_type': 'basics' is not one of basic, project at figures.yaml:2\nHelp: Compare spend_type with one of its values.")
        #expect(message("figures:\n  - { id: a, title: 甲, en: a, formula: f, sum: treasury-payment.amount, where: { date: { in: q5 } } }\n")
                == "Error: key 'figures.1.where.date.in': 'q5' is not a period at figures.yaml:2\nHelp: Write fiscal-year, q1 to q4, month-1 to month-12, or a day such as 2024-06-30.")
        #expect(message("figures:\n  - { id: a, title: 甲, en: a, formula: f, add: [b], ratio: [b, c] }\n")
                == "Error: key 'figures.1': the figure a has more than one of add, ratio at figures.yaml:2\nHelp: Give exactly one of: sum/min/max: KIND.FIELD, count: KIND (with `where:` for a filter), add: [figures], subtract: [a, b], ratio: [a, b].")
    }

    @Test("a workspace figure that names an unknown figure, or itself, is refused with the line")
    func references() throws {
        let dir = try copyOfWorkspace("samples/futian-2024")
        try "figures:\n  - { id: x.a, title: 甲, en: a, formula: f, add: [x.b] }\n  - { id: x.b, title: 乙, en: b, formula: f, add: [x.a] }\n"
            .write(toFile: dir + "/figures.yaml", atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { try FigureCatalog.load(workspace: Workspace.open(dir)) }
        do { _ = try FigureCatalog.load(workspace: Workspace.open(dir)) } catch {
            #expect(error.description == "Error: the figure 'x.a' is computed from itself: x.a → x.b → x.a at figures.yaml:2\nHelp: Compute one of these figures from ledgers, not from the others.")
        }
        try "figures:\n  - { id: x.a, title: 甲, en: a, formula: f, ratio: [spend.actual.total, x.nothing] }\n"
            .write(toFile: dir + "/figures.yaml", atomically: true, encoding: .utf8)
        do { _ = try FigureCatalog.load(workspace: Workspace.open(dir)); Issue.record("no error") } catch {
            #expect(error.description.hasPrefix("Error: 'x.nothing' is not a figure (used by x.a) at figures.yaml:2\nHelp: Name a figure defined before or in figures.yaml"))
        }
    }
}
