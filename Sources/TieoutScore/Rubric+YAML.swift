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
            throw root.error(Phrase("error.rubric.no-items"), help: Phrase("error.rubric.no-items.help", ["name": builtInName]))
        }
        var items: [Item] = []
        for (i, n) in list.enumerated() {
            let v = itemsNode.child("\(i + 1)", n)
            let f = try v.mapping(allowed: ["id", "level1", "level2", "name", "level1_en", "level2_en", "name_en", "max", "standard", "rule", "figures", "statements"])
            func s(_ k: String) throws(TieoutError) -> String {
                guard let x = f.first(where: { $0.key == k })?.value else { throw v.error(Phrase("error.rubric.item-needs", ["key": k]), help: Phrase("error.definitions.add-key", ["key": k])) }
                return try x.string()
            }
            guard let ruleNode = f.first(where: { $0.key == "rule" })?.value else { throw v.error(Phrase("error.rubric.no-rule"), help: Phrase("error.rubric.no-rule.help", ["example": "rule: { kind: assessed }"])) }
            guard let maxNode = f.first(where: { $0.key == "max" })?.value else {
                throw v.error(Phrase("error.rubric.no-max"), help: Phrase("error.rubric.no-max.help"))
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
                    throw st.error(Phrase("error.rubric.statements"), help: Phrase("error.rubric.statements.help"))
                }
                guard item.fullMarksBand != nil else {
                    throw st.error(Phrase("error.rubric.statements-bands"),
                                   help: Phrase("error.rubric.statements-bands.help", ["example": "bands: [ { at_least: \"95%\", points: \(max) }, { points: 0 } ]"]))
                }
            }
            if items.contains(where: { $0.id == item.id }) { throw v.error(Phrase("error.rubric.duplicate", ["id": item.id]), help: Phrase("error.rubric.duplicate.help")) }
            items.append(item)
        }
        var rubric = Rubric(version: try get("version")?.string() ?? "", title: try get("title")?.string() ?? "", items: items, file: file)
        rubric.titleEn = try get("title_en")?.string()
        return rubric
    }

    static func amount(_ v: YAMLValue) throws(TieoutError) -> Amount {
        let t = try v.string()
        guard let a = try? Amount.parse(t) else { throw v.error(Phrase("error.rubric.not-a-number", ["value": t]), help: Phrase("error.rubric.not-a-number.help")) }
        return a
    }

    static func rule(_ v: YAMLValue, max: Amount) throws(TieoutError) -> Rule {
        let f = try v.mapping(allowed: ["kind", "indicator", "factor", "zero_above", "bands", "limit", "per", "deduct", "failures",
                                        "indicators", "schedule", "mean_weight", "parts", "note", "note_en", "id", "name", "name_en", "max"])
        func get(_ k: String) -> YAMLValue? { f.first { $0.key == k }?.value }
        func need(_ k: String) throws(TieoutError) -> YAMLValue {
            guard let x = get(k) else { throw v.error(Phrase("error.rubric.rule-needs", ["key": k]), help: Phrase("error.rubric.rule-needs.help", ["key": k])) }
            return x
        }
        guard let kind = try get("kind")?.string() else { throw v.error(Phrase("error.rubric.no-kind"), help: Phrase("error.rubric.no-kind.help")) }
        switch kind {
        case "assessed": return .assessed
        case "proportional":
            return .proportional(indicator: try need("indicator").string(), factor: try amount(need("factor")),
                                 zeroAbove: try get("zero_above").map { (x: YAMLValue) throws(TieoutError) -> Amount in try amount(x) })
        case "bands":
            let node = try need("bands")
            guard case .sequence(let list) = node.node else { throw node.error(Phrase("error.rubric.bands-list"), help: Phrase("error.rubric.bands-list.help", ["example": "[ { below: \"90%\", points: 3 }, { points: 0 } ]"])) }
            var bands: [Band] = []
            for (i, n) in list.enumerated() {
                let b = node.child("\(i + 1)", n)
                let bf = try b.mapping(allowed: ["below", "at_most", "at_least", "above", "points"])
                guard let p = bf.first(where: { $0.key == "points" }) else { throw b.error(Phrase("error.rubric.band-points"), help: Phrase("error.definitions.add-key", ["key": "points"])) }
                let cond = bf.first { $0.key != "points" }
                let condition = cond.map { Band.Condition(rawValue: $0.key)! } ?? .always
                let points = try amount(p.value)
                guard points <= max else { throw b.error(Phrase("error.rubric.band-over", ["points": points, "max": max]), help: Phrase("error.rubric.band-over.help")) }
                bands.append(Band(condition: condition, bound: try cond.map { (c: (key: String, value: YAMLValue)) throws(TieoutError) -> Amount in try amount(c.value) } ?? .zero, points: points))
            }
            guard bands.last?.condition == .always else { throw node.error(Phrase("error.rubric.last-band"), help: Phrase("error.rubric.last-band.help", ["example": "{ points: 0 }"])) }
            return .bands(indicator: try need("indicator").string(), bands: bands)
        case "over_limit":
            return .overLimit(indicator: try need("indicator").string(), limit: try amount(need("limit")), per: try amount(need("per")), deduct: try amount(need("deduct")))
        case "per_failure":
            return .perFailure(indicator: try get("failures")?.string(), deduct: try amount(need("deduct")))
        case "quarterly":
            let inds = try need("indicators").strings()
            let sched = try need("schedule").strings().map { (t: String) throws(TieoutError) -> Amount in
                guard let a = try? Amount.parse(t) else { throw v.error(Phrase("error.rubric.not-a-percentage", ["value": t]), help: Phrase("error.rubric.not-a-percentage.help")) }
                return a
            }
            guard inds.count == sched.count, !inds.isEmpty else { throw v.error(Phrase("error.rubric.schedule"), help: Phrase("error.rubric.schedule.help")) }
            return .quarterly(indicators: inds, schedule: sched, meanWeight: try amount(need("mean_weight")))
        case "sum":
            let node = try need("parts")
            guard case .sequence(let list) = node.node else { throw node.error(Phrase("error.rubric.parts-list"), help: Phrase("error.rubric.parts-list.help", ["example": "{ id, name, max, kind, … }"])) }
            var parts: [Part] = []
            for (i, n) in list.enumerated() {
                let p = node.child("\(i + 1)", n)
                let pf = try p.mapping()
                func ps(_ k: String) throws(TieoutError) -> String {
                    guard let x = pf.first(where: { $0.key == k })?.value else { throw p.error(Phrase("error.rubric.part-needs", ["key": k]), help: Phrase("error.definitions.add-key", ["key": k])) }
                    return try x.string()
                }
                guard let pm = pf.first(where: { $0.key == "max" })?.value else { throw p.error(Phrase("error.rubric.part-needs", ["key": "max"]), help: Phrase("error.definitions.add-key", ["key": "max"])) }
                let partMax = try amount(pm)
                var part = Part(id: try ps("id"), name: try ps("name"), max: partMax, rule: try rule(p, max: partMax),
                                note: try pf.first { $0.key == "note" }?.value.string())
                part.nameEn = try pf.first { $0.key == "name_en" }?.value.string()
                part.noteEn = try pf.first { $0.key == "note_en" }?.value.string()
                parts.append(part)
            }
            let sum = parts.reduce(Amount.zero) { $0 + $1.max }
            guard sum == max else { throw node.error(Phrase("error.rubric.parts-sum", ["sum": sum, "max": max]), help: Phrase("error.rubric.parts-sum.help")) }
            return .sum(parts)
        default:
            throw get("kind")!.error(Phrase("error.rubric.not-a-kind", ["kind": kind]), help: Phrase("error.rubric.not-a-kind.help"))
        }
    }
}
