import TieoutCore
import TieoutIngest
import TieoutStore

extension FigureDefinition {
    static let keys = ["id", "title", "en", "formula", "formula_en", "label", "label_en", "sum", "count", "min", "max", "add", "subtract", "ratio", "where"]
    static let ruleKeys = ["sum", "count", "min", "max", "add", "subtract", "ratio"]

    /// Reads a file of figure definitions (`figures:` and a list); each is checked against `kinds`.
    static func parseFile(_ text: String, file: String, kinds: KindCatalog) throws(TieoutError) -> [FigureDefinition] {
        let root = try YAMLValue.document(text, file: file, limits: .document)
        let top = try root.mapping(allowed: ["figures"])
        guard let list = top.first?.value, case .sequence(let items) = list.node else {
            throw root.error("expected `figures:` and a list of figures", help: "Write each figure as `- id: NAME` with title, en, formula and how it is computed below it.")
        }
        var out: [FigureDefinition] = []
        for (i, node) in items.enumerated() { out.append(try parse(list.child("\(i + 1)", node), file: file, kinds: kinds)) }
        return out
    }

    static func parse(_ item: YAMLValue, file: String, kinds: KindCatalog) throws(TieoutError) -> FigureDefinition {
        let entries = try item.mapping(allowed: keys)
        func value(_ k: String) -> YAMLValue? { entries.first { $0.key == k }?.value }
        func need(_ k: String, _ help: String) throws(TieoutError) -> YAMLValue {
            guard let v = value(k) else { throw item.error("a figure needs '\(k)'", help: help) }
            return v
        }
        let id = try need("id", "Add `id:`, such as contracts.signed.total.").string()
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }), !id.isEmpty else {
            throw value("id")!.error("'\(id)' is not a figure id", help: "Use letters, digits, dots, dashes and underscores: contracts.signed.total.")
        }
        let title = try need("title", "Add `title:` with the report's own term, such as 合同签订金额.").string()
        let en = try need("en", "Add `en:` with an English label.").string()
        let formula = try need("formula", "Add `formula:` saying in words how it is computed, such as 合同金额之和.").string()
        let rules = entries.filter { ruleKeys.contains($0.key) }
        guard rules.count == 1, let (ruleKey, ruleValue) = rules.first else {
            throw item.error(rules.isEmpty ? "the figure \(id) says not how it is computed" : "the figure \(id) has more than one of \(rules.map(\.key).joined(separator: ", "))",
                             help: "Give exactly one of: sum/min/max: KIND.FIELD, count: KIND (with `where:` for a filter), add: [figures], subtract: [a, b], ratio: [a, b].")
        }
        var d = FigureDefinition(id: id, title: title, titleEn: en, formula: formula, label: try value("label")?.string(), rule: .add([]), file: file, line: item.line)
        d.formulaEn = try value("formula_en")?.string()
        d.labelEn = try value("label_en")?.string()
        switch ruleKey {
        case "add":
            let ids = try ruleValue.strings()
            guard !ids.isEmpty else { throw ruleValue.error("add needs at least one figure", help: "List the figures to add: [a, b].") }
            d.rule = .add(ids)
        case "subtract", "ratio":
            let ids = try ruleValue.strings()
            guard ids.count == 2 else { throw ruleValue.error("\(ruleKey) takes two figures", help: "Write `\(ruleKey): [a, b]`.") }
            d.rule = ruleKey == "ratio" ? .ratio(ids[0], ids[1]) : .subtract(ids[0], ids[1])
        default:
            let target = try ruleValue.string()
            let parts = target.split(separator: ".", maxSplits: 1).map(String.init)
            guard let kind = kinds.named(parts[0]) else {
                throw ruleValue.error("'\(parts[0])' is not a record kind", help: "Use one of: \(kinds.names.joined(separator: ", ")) (a workspace adds kinds in kinds/NAME.yaml).")
            }
            var field: String? = nil
            if ruleKey == "count" {
                guard parts.count == 1 else { throw ruleValue.error("count takes a kind, not a field", help: "Write `count: \(kind.name)`; to add up a whole-number field, write `sum: \(target)`.") }
            } else {
                guard parts.count == 2, let f = kind.field(parts[1]) else {
                    throw ruleValue.error("'\(target)' is not a field of \(kind.name)", help: "Write \(ruleKey): \(kind.name).FIELD, one of: \(kind.fields.filter(\.aggregatable).map(\.name).joined(separator: ", ")).")
                }
                guard f.aggregatable else {
                    throw ruleValue.error("\(f.name) is \(f.type.name): it cannot be summed", help: "Use an amount, percentage or integer field, or `count: \(kind.name)`.")
                }
                field = f.name
            }
            var conditions: [Condition] = []
            if let w = value("where") { conditions = try parseWhere(w, kind: kind) }
            d.rule = .aggregate(Aggregate(rawValue: ruleKey)!, kind: kind.name, field: field, conditions: conditions)
        }
        if case .aggregate = d.rule {} else if let w = value("where") {
            throw w.error("'where' applies to sum, count, min and max", help: "Filter the figures it is computed from instead.")
        }
        return d
    }

    static let testKeys = ["not", "prefix", "not-prefix", "glob", "present", "in", "through", "from", "not-after"]

    static func parseWhere(_ w: YAMLValue, kind: RecordKind) throws(TieoutError) -> [Condition] {
        var out: [Condition] = []
        for (name, v) in try w.mapping() {
            guard let field = kind.field(name) else {
                throw v.error("'\(name)' is not a field of \(kind.name)", help: "Filter on one of: \(kind.fields.map(\.name).joined(separator: ", ")).")
            }
            switch v.node {
            case .scalar, .sequence:
                let values = try v.strings()
                try check(values, field, v)
                out.append(Condition(field: name, test: .oneOf(values)))
            default:
                for (key, e) in try v.mapping(allowed: testKeys) {
                    let test: Condition.Test
                    switch key {
                    case "not":
                        let values = try e.strings()
                        try check(values, field, e)
                        test = .noneOf(values)
                    case "prefix", "not-prefix":
                        guard field.type == .text else { throw e.error("'\(key)' applies to text fields; \(name) is \(field.type.name)", help: "Compare it with a value instead.") }
                        let values = try e.strings()
                        test = key == "prefix" ? .prefix(values) : .notPrefix(values)
                    case "glob":
                        guard field.type == .text else { throw e.error("'glob' applies to text fields; \(name) is \(field.type.name)", help: "Compare it with a value instead.") }
                        test = .glob(try e.string())
                    case "present":
                        let t = try e.string()
                        guard let b = ["true": true, "false": false][t] else { throw e.error("'\(t)' is not true or false", help: "Write `present: true` (not blank) or `present: false` (blank).") }
                        test = .present(b)
                    case "not-after":
                        let other = try e.string()
                        guard field.type == .date, kind.field(other)?.type == .date else {
                            throw e.error("'not-after' compares two date fields", help: "Name another date field of \(kind.name): \(kind.fields.filter { $0.type == .date }.map(\.name).joined(separator: ", ")).")
                        }
                        test = .notAfter(other)
                    default:
                        guard field.type == .date else { throw e.error("'\(key)' applies to date fields; \(name) is \(field.type.name)", help: "Filter dates by period, such as `in: fiscal-year`.") }
                        let t = try e.string()
                        guard let p = PeriodReference.parse(t) else {
                            throw e.error("'\(t)' is not a period", help: "Write fiscal-year, q1 to q4, month-1 to month-12, or a day such as 2024-06-30.")
                        }
                        test = key == "in" ? .within(p) : (key == "through" ? .through(p) : .from(p))
                    }
                    out.append(Condition(field: name, test: test))
                }
            }
        }
        return out
    }

    /// Values compared with a field must be values it can hold: an enumeration's identifiers,
    /// true/false, whole numbers, days.
    static func check(_ values: [String], _ f: FieldSpec, _ v: YAMLValue) throws(TieoutError) {
        for s in values {
            switch f.type {
            case .enumeration(let ids) where !ids.contains(s):
                throw v.error("'\(s)' is not one of \(ids.joined(separator: ", "))", help: "Compare \(f.name) with one of its values.")
            case .boolean where s != "true" && s != "false":
                throw v.error("'\(s)' is not true or false", help: "Compare \(f.name) with true or false.")
            case .integer where Int(s) == nil:
                throw v.error("'\(s)' is not a whole number", help: "Compare \(f.name) with a number.")
            case .date where (try? CalendarDate.parse(s)) == nil:
                throw v.error("'\(s)' is not a day", help: "Write a day as 2024-06-30, or filter by period with `in:`.")
            case .amount, .percentage:
                throw v.error("\(f.name) is \(f.type.name): amounts are not compared for equality", help: "Filter on a text, date or enumeration field.")
            default: break
            }
        }
    }
}

extension FieldSpec {
    /// Whether sum, min and max apply to it.
    var aggregatable: Bool { type == .amount || type == .percentage || type == .integer }
}
