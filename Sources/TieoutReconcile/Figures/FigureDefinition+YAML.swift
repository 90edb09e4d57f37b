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
            throw root.error(Phrase("error.figure.no-list"), help: Phrase("error.figure.no-list.help"))
        }
        var out: [FigureDefinition] = []
        for (i, node) in items.enumerated() { out.append(try parse(list.child("\(i + 1)", node), file: file, kinds: kinds)) }
        return out
    }

    static func parse(_ item: YAMLValue, file: String, kinds: KindCatalog) throws(TieoutError) -> FigureDefinition {
        let entries = try item.mapping(allowed: keys)
        func value(_ k: String) -> YAMLValue? { entries.first { $0.key == k }?.value }
        func need(_ k: String, _ help: @autoclosure () -> Phrase) throws(TieoutError) -> YAMLValue {
            guard let v = value(k) else { throw item.error(Phrase("error.figure.needs", ["key": k]), help: help()) }
            return v
        }
        let id = try need("id", Phrase("error.figure.needs.id")).string()
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }), !id.isEmpty else {
            throw value("id")!.error(Phrase("error.figure.not-an-id", ["id": id]), help: Phrase("error.figure.not-an-id.help"))
        }
        let title = try need("title", Phrase("error.figure.needs.title")).string()
        let en = try need("en", Phrase("error.figure.needs.en")).string()
        let formula = try need("formula", Phrase("error.figure.needs.formula")).string()
        let rules = entries.filter { ruleKeys.contains($0.key) }
        guard rules.count == 1, let (ruleKey, ruleValue) = rules.first else {
            throw item.error(rules.isEmpty ? Phrase("error.figure.no-rule", ["id": id])
                                           : Phrase("error.figure.many-rules", ["id": id, "keys": rules.map(\.key).joined(separator: ", ")]),
                             help: Phrase("error.figure.rule.help"))
        }
        var d = FigureDefinition(id: id, title: title, titleEn: en, formula: formula, label: try value("label")?.string(), rule: .add([]), file: file, line: item.line)
        d.formulaEn = try value("formula_en")?.string()
        d.labelEn = try value("label_en")?.string()
        switch ruleKey {
        case "add":
            let ids = try ruleValue.strings()
            guard !ids.isEmpty else { throw ruleValue.error(Phrase("error.figure.add-empty"), help: Phrase("error.figure.add-empty.help")) }
            d.rule = .add(ids)
        case "subtract", "ratio":
            let ids = try ruleValue.strings()
            guard ids.count == 2 else { throw ruleValue.error(Phrase("error.definitions.two-figures", ["key": ruleKey]), help: Phrase("error.definitions.two-figures.help", ["key": ruleKey])) }
            d.rule = ruleKey == "ratio" ? .ratio(ids[0], ids[1]) : .subtract(ids[0], ids[1])
        default:
            let target = try ruleValue.string()
            let parts = target.split(separator: ".", maxSplits: 1).map(String.init)
            guard let kind = kinds.named(parts[0]) else {
                throw ruleValue.error(Phrase("error.profile.not-a-kind", ["kind": parts[0]]), help: Phrase("error.figure.kind.help", ["kinds": kinds.names.joined(separator: ", ")]))
            }
            var field: String? = nil
            if ruleKey == "count" {
                guard parts.count == 1 else { throw ruleValue.error(Phrase("error.figure.count-field"), help: Phrase("error.figure.count-field.help", ["kind": kind.name, "target": target])) }
            } else {
                guard parts.count == 2, let f = kind.field(parts[1]) else {
                    throw ruleValue.error(Phrase("error.profile.not-a-field", ["field": target, "kind": kind.name]),
                                          help: Phrase("error.figure.field.help", ["rule": ruleKey, "kind": kind.name, "fields": kind.fields.filter(\.aggregatable).map(\.name).joined(separator: ", ")]))
                }
                guard f.aggregatable else {
                    throw ruleValue.error(Phrase("error.figure.not-summable", ["field": f.name, "type": f.type.name]), help: Phrase("error.figure.not-summable.help", ["kind": kind.name]))
                }
                field = f.name
            }
            var conditions: [Condition] = []
            if let w = value("where") { conditions = try parseWhere(w, kind: kind) }
            d.rule = .aggregate(Aggregate(rawValue: ruleKey)!, kind: kind.name, field: field, conditions: conditions)
        }
        if case .aggregate = d.rule {} else if let w = value("where") {
            throw w.error(Phrase("error.figure.where"), help: Phrase("error.figure.where.help"))
        }
        return d
    }

    static let testKeys = ["not", "prefix", "not-prefix", "glob", "present", "in", "through", "from", "not-after"]

    static func parseWhere(_ w: YAMLValue, kind: RecordKind) throws(TieoutError) -> [Condition] {
        var out: [Condition] = []
        for (name, v) in try w.mapping() {
            guard let field = kind.field(name) else {
                throw v.error(Phrase("error.profile.not-a-field", ["field": name, "kind": kind.name]), help: Phrase("error.figure.filter-field.help", ["fields": kind.fields.map(\.name).joined(separator: ", ")]))
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
                        guard field.type == .text else { throw e.error(Phrase("error.figure.text-only", ["test": key, "field": name, "type": field.type.name]), help: Phrase("error.figure.text-only.help")) }
                        let values = try e.strings()
                        test = key == "prefix" ? .prefix(values) : .notPrefix(values)
                    case "glob":
                        guard field.type == .text else { throw e.error(Phrase("error.figure.text-only", ["test": "glob", "field": name, "type": field.type.name]), help: Phrase("error.figure.text-only.help")) }
                        test = .glob(try e.string())
                    case "present":
                        let t = try e.string()
                        guard let b = ["true": true, "false": false][t] else { throw e.error(Phrase("error.figure.not-boolean", ["value": t]), help: Phrase("error.figure.present.help")) }
                        test = .present(b)
                    case "not-after":
                        let other = try e.string()
                        guard field.type == .date, kind.field(other)?.type == .date else {
                            throw e.error(Phrase("error.figure.not-after"),
                                          help: Phrase("error.figure.not-after.help", ["kind": kind.name, "fields": kind.fields.filter { $0.type == .date }.map(\.name).joined(separator: ", ")]))
                        }
                        test = .notAfter(other)
                    default:
                        guard field.type == .date else { throw e.error(Phrase("error.figure.date-only", ["test": key, "field": name, "type": field.type.name]), help: Phrase("error.figure.date-only.help")) }
                        let t = try e.string()
                        guard let p = PeriodReference.parse(t) else {
                            throw e.error(Phrase("error.profile.not-a-period", ["value": t]), help: Phrase("error.figure.period.help"))
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
                throw v.error(Phrase("error.profile.not-one-of", ["value": s, "allowed": ids.joined(separator: ", ")]), help: Phrase("error.figure.compare-value.help", ["field": f.name]))
            case .boolean where s != "true" && s != "false":
                throw v.error(Phrase("error.figure.not-boolean", ["value": s]), help: Phrase("error.figure.compare-boolean.help", ["field": f.name]))
            case .integer where Int(s) == nil:
                throw v.error(Phrase("error.figure.not-integer", ["value": s]), help: Phrase("error.figure.not-integer.help", ["field": f.name]))
            case .date where (try? CalendarDate.parse(s)) == nil:
                throw v.error(Phrase("error.figure.not-a-day", ["value": s]), help: Phrase("error.figure.not-a-day.help"))
            case .amount, .percentage:
                throw v.error(Phrase("error.figure.amount-equality", ["field": f.name, "type": f.type.name]), help: Phrase("error.figure.amount-equality.help"))
            default: break
            }
        }
    }
}

extension FieldSpec {
    /// Whether sum, min and max apply to it.
    var aggregatable: Bool { type == .amount || type == .percentage || type == .integer }
}
