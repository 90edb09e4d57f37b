import Foundation
import TieoutCore
import TieoutIngest

extension Rubric {
    public static let builtInName = "shenzhen-department-2024"

    /// The rubric shipped with Tieout (Sources/TieoutScore/Rubrics).
    public static func builtIn() throws(TieoutError) -> Rubric {
        let text = try InstalledResources.text("Tieout_TieoutScore", "Rubrics/\(builtInName).yaml", what: Phrase("error.resources.rubric"), code: "rubric.missing")
        return try parse(text, file: "built-in rubric \(builtInName)")
    }

    /// The workspace's rubric.yaml, else the built-in one.
    public static func forWorkspace(_ ws: Workspace) throws(TieoutError) -> Rubric {
        if let data = try YAMLValue.readFile(ws.root + "/rubric.yaml", shownAs: "rubric.yaml", limits: .document) {
            return try parse(String(decoding: data, as: UTF8.self), file: "rubric.yaml")
        }
        return try builtIn()
    }

    public static func parse(_ text: String, file: String) throws(TieoutError) -> Rubric {
        let root = try YAMLValue.document(text, file: file, limits: .document)
        let top = try root.mapping(allowed: ["version", "title", "title_en", "items"])
        func get(_ k: String) -> YAMLValue? { top.first { $0.key == k }?.value }
        guard let itemsNode = get("items"), case .sequence(let list) = itemsNode.node else {
            throw root.error("a rubric needs `items:`, a list", help: "See Sources/TieoutScore/Rubrics/\(builtInName).yaml.")
        }
        var items: [Item] = []
        for (i, n) in list.enumerated() {
            let v = itemsNode.child("\(i + 1)", n)
            let f = try v.mapping(allowed: ["id", "level1", "level2", "name", "level1_en", "level2_en", "name_en", "max", "standard", "rule", "figures", "statements"])
            func s(_ k: String) throws(TieoutError) -> String {
                guard let x = f.first(where: { $0.key == k })?.value else { throw v.error("an item needs '\(k)'", help: "Add `\(k):`.") }
                return try x.string()
            }
            guard let ruleNode = f.first(where: { $0.key == "rule" })?.value else { throw v.error("an item needs a rule", help: "Add `rule: { kind: assessed }` or another kind.") }
            guard let maxNode = f.first(where: { $0.key == "max" })?.value else {
                throw v.error("an item needs 'max', its full points", help: "Add `max: 5` (the points the item is worth).")
            }
            let max = try amount(maxNode)
            var item = Item(id: try s("id"), level1: try s("level1"), level2: try s("level2"), name: try s("name"), max: max,
                            standard: try s("standard"), rule: try rule(ruleNode, max: max))
            item.figures = try f.first(where: { $0.key == "figures" })?.value.strings() ?? []
            item.level1En = try f.first(where: { $0.key == "level1_en" })?.value.string()
            item.level2En = try f.first(where: { $0.key == "level2_en" })?.value.string()
            item.nameEn = try f.first(where: { $0.key == "name_en" })?.value.string()
            if let st = f.first(where: { $0.key == "statements" })?.value {
                item.statements = try st.strings()
                guard !item.statements.isEmpty, !item.statements.contains(where: \.isEmpty) else {
                    throw st.error("`statements:` lists the words the report states the item's measure in", help: "Write e.g. `statements: [满意率, 满意度]`.")
                }
                guard item.fullMarksBand != nil else {
                    throw st.error("`statements:` needs a `bands` rule whose full marks need a bound (at_least, above, below or at_most)",
                                   help: "Give the item a bands rule, e.g. `bands: [ { at_least: \"95%\", points: \(max) }, { points: 0 } ]`, or remove `statements:`.")
                }
            }
            if items.contains(where: { $0.id == item.id }) { throw v.error("the id '\(item.id)' is used twice", help: "Give each item its own id.") }
            items.append(item)
        }
        var rubric = Rubric(version: try get("version")?.string() ?? "", title: try get("title")?.string() ?? "", items: items, file: file)
        rubric.titleEn = try get("title_en")?.string()
        return rubric
    }

    static func amount(_ v: YAMLValue) throws(TieoutError) -> Amount {
        let t = try v.string()
        guard let a = try? Amount.parse(t) else { throw v.error("'\(t)' is not a number", help: "Write a number such as 0.5 or a percentage such as 90%.") }
        return a
    }

    static func rule(_ v: YAMLValue, max: Amount) throws(TieoutError) -> Rule {
        let f = try v.mapping(allowed: ["kind", "indicator", "factor", "zero_above", "bands", "limit", "per", "deduct", "failures",
                                        "indicators", "schedule", "mean_weight", "parts", "note", "note_en", "id", "name", "name_en", "max"])
        func get(_ k: String) -> YAMLValue? { f.first { $0.key == k }?.value }
        func need(_ k: String) throws(TieoutError) -> YAMLValue {
            guard let x = get(k) else { throw v.error("this rule needs '\(k)'", help: "Add `\(k):` (see the rule kinds at the top of the built-in rubric).") }
            return x
        }
        guard let kind = try get("kind")?.string() else { throw v.error("a rule needs a kind", help: "assessed, proportional, bands, over_limit, per_failure, quarterly or sum.") }
        switch kind {
        case "assessed": return .assessed
        case "proportional":
            return .proportional(indicator: try need("indicator").string(), factor: try amount(need("factor")),
                                 zeroAbove: try get("zero_above").map { (x: YAMLValue) throws(TieoutError) -> Amount in try amount(x) })
        case "bands":
            let node = try need("bands")
            guard case .sequence(let list) = node.node else { throw node.error("expected a list of bands", help: "Write [ { below: \"90%\", points: 3 }, { points: 0 } ].") }
            var bands: [Band] = []
            for (i, n) in list.enumerated() {
                let b = node.child("\(i + 1)", n)
                let bf = try b.mapping(allowed: ["below", "at_most", "at_least", "above", "points"])
                guard let p = bf.first(where: { $0.key == "points" }) else { throw b.error("a band needs points", help: "Add `points:`.") }
                let cond = bf.first { $0.key != "points" }
                let condition = cond.map { Band.Condition(rawValue: $0.key)! } ?? .always
                let points = try amount(p.value)
                guard points <= max else { throw b.error("\(points) points exceed the maximum \(max)", help: "Keep band points within the item's maximum.") }
                bands.append(Band(condition: condition, bound: try cond.map { (c: (key: String, value: YAMLValue)) throws(TieoutError) -> Amount in try amount(c.value) } ?? .zero, points: points))
            }
            guard bands.last?.condition == .always else { throw node.error("the last band must have no condition", help: "End with { points: 0 } so every value gets points.") }
            return .bands(indicator: try need("indicator").string(), bands: bands)
        case "over_limit":
            return .overLimit(indicator: try need("indicator").string(), limit: try amount(need("limit")), per: try amount(need("per")), deduct: try amount(need("deduct")))
        case "per_failure":
            return .perFailure(indicator: try get("failures")?.string(), deduct: try amount(need("deduct")))
        case "quarterly":
            let inds = try need("indicators").strings()
            let sched = try need("schedule").strings().map { (t: String) throws(TieoutError) -> Amount in
                guard let a = try? Amount.parse(t) else { throw v.error("'\(t)' is not a percentage", help: "Write 25%.") }
                return a
            }
            guard inds.count == sched.count, !inds.isEmpty else { throw v.error("one schedule entry per indicator", help: "List as many schedule percentages as indicators.") }
            return .quarterly(indicators: inds, schedule: sched, meanWeight: try amount(need("mean_weight")))
        case "sum":
            let node = try need("parts")
            guard case .sequence(let list) = node.node else { throw node.error("expected a list of parts", help: "Write each part as { id, name, max, kind, … }.") }
            var parts: [Part] = []
            for (i, n) in list.enumerated() {
                let p = node.child("\(i + 1)", n)
                let pf = try p.mapping()
                func ps(_ k: String) throws(TieoutError) -> String {
                    guard let x = pf.first(where: { $0.key == k })?.value else { throw p.error("a part needs '\(k)'", help: "Add `\(k):`.") }
                    return try x.string()
                }
                guard let pm = pf.first(where: { $0.key == "max" })?.value else { throw p.error("a part needs 'max'", help: "Add `max:`.") }
                let partMax = try amount(pm)
                var part = Part(id: try ps("id"), name: try ps("name"), max: partMax, rule: try rule(p, max: partMax),
                                note: try pf.first { $0.key == "note" }?.value.string())
                part.nameEn = try pf.first { $0.key == "name_en" }?.value.string()
                part.noteEn = try pf.first { $0.key == "note_en" }?.value.string()
                parts.append(part)
            }
            let sum = parts.reduce(Amount.zero) { $0 + $1.max }
            guard sum == max else { throw node.error("the parts' maxima add to \(sum), not the item's \(max)", help: "Make the parts add up to the item's maximum.") }
            return .sum(parts)
        default:
            throw get("kind")!.error("'\(kind)' is not a rule kind", help: "Use assessed, proportional, bands, over_limit, per_failure, quarterly or sum.")
        }
    }
}
