import Foundation
import Testing
import TieoutCore
import TieoutStore
@testable import TieoutReconcile
@testable import TieoutReport

/// Lineage by reference: a figure's inputs carry how many records they stand on and the
/// first few cells; `explain` lists every record, and the values add up to the figure.
@Suite("Explaining figures")
struct ExplainTests {
    @Test("every figure of the sample: the records explain lists add up to it exactly (a ratio: each part to its own figure)")
    func everyFigure() throws {
        let (r, store) = try sampleReconciliationAndStore()
        var checked = 0
        for id in r.book.order {
            var n = 0
            var parts: [String: Amount] = [:]
            let how = try r.book.explain(id, store: store) { c in
                n += 1
                let part = c.part.hasPrefix("分子 ") ? "numerator" : (c.part.hasPrefix("分母 ") ? "denominator" : "sum")
                parts[part, default: .zero] = parts[part, default: .zero] + c.value
            }
            switch how {
            case .sum(let total)?:
                #expect(total == r.book[id]!.value, "\(id)")
                #expect(total == parts["sum", default: .zero], "\(id)")
            case .ratio(let a, let b)?:
                #expect(parts["numerator", default: .zero] == a.value && parts["denominator", default: .zero] == b.value, "\(id)")
                #expect(a.value.ratio(to: b.value) == r.book[id]!.value, "\(id)")
            case nil:
                Issue.record("\(id) has no explanation")
            }
            checked += 1
        }
        #expect(checked == r.book.order.count && checked > 80)
        // spend.actual.total: every payment of the year, 305 of them.
        var payments = 0
        _ = try r.book.explain("spend.actual.total", store: store) { _ in payments += 1 }
        #expect(payments == 305 && r.book["spend.actual.total"]!.examples.count == 305)
    }

    @Test("findings and reports carry the first cells, the count and the command, not every cell")
    func byReference() throws {
        let r = try sampleReconciliation()
        for f in r.findings {
            for i in f.inputs where i.figure != nil { #expect(i.places.count <= 5 && i.count >= i.places.count, "\(f.id) \(i.label)") }
        }
        let total = try #require(r.findings.first { $0.id.hasPrefix("claim:spend.actual.total@") })
        #expect(total.inputs[0].count == 305 && total.inputs[0].places.count == 5 && total.inputs[0].figure == "spend.actual.total")
        let html = HTMLReport.render(r)
        #expect(html.contains("等共 305 处<br/>全部来源：<code class=\"explain\">tieout explain \(r.workspace.root) spend.actual.total</code>"))
        let md = MarkdownReport.render(r)
        #expect(md.contains(" 等 305 处（全部：tieout explain \(r.workspace.root) spend.actual.total）"))
        let json = try FindingsJSON.render(r)
        #expect(json.utf8.count < 400_000)   // it was 845,982 bytes with every cell listed
    }
}
