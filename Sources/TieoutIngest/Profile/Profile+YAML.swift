import TieoutCore
import TieoutCSV
import TieoutXLSX

extension Profile {
    static let topKeys = ["name", "kind", "description", "sheet", "range", "encoding", "delimiter", "header", "skip",
                          "subtotals", "columns", "constants", "unit", "period", "extends", "key", "sheets", "cumulative", "layout", "unpivot", "groups",
                          "where", "sections", "header_block"]

    /// A profile's text by name, for `extends:` in the file given (the workspace's
    /// profiles/NAME.yaml, else a built-in one; a workspace profile extending its own name
    /// extends the built-in one).
    public typealias Resolver = (_ name: String, _ from: String) throws(TieoutError) -> (text: String, file: String)?

    /// Reads a profile; any mistake is an error naming the key, the line and the fix.
    public static func parse(_ text: String, file: String, name: String? = nil, kinds given: KindCatalog? = nil,
                             resolve: Resolver? = nil) throws(TieoutError) -> Profile {
        try parse(text, file: file, name: name, kinds: given, resolve: resolve, extending: [])
    }

    /// `extending`: the files of the profiles that extend this one, down to the first (a cycle is an error).
    static func parse(_ text: String, file: String, name: String?, kinds given: KindCatalog?, resolve: Resolver?,
                      extending: [String]) throws(TieoutError) -> Profile {
        let kinds: KindCatalog
        if let given { kinds = given } else { kinds = try KindCatalog.builtIn() }
        let root = try YAMLValue.document(text, file: file)
        var entries = try root.mapping(allowed: topKeys)
        // `extends: BASE`: the base profile's keys, each overridden by this one's; under
        // `columns:` and `constants:`, field by field. Bases may extend others (no cycles).
        var chain = extending + [file]
        var texts = [text]
        while let ext = entries.first(where: { $0.key == "extends" })?.value {
            let baseName = try ext.string()
            guard chain.count <= 8 else { throw ext.error(Phrase("error.profile.long-chain"), help: Phrase("error.profile.long-chain.help")) }
            guard let resolve, let base = try resolve(baseName, chain.last!) else {
                throw ext.error(Phrase("error.profile.no-base", ["name": baseName]), help: Phrase("error.profile.no-base.help", ["builtIn": BuiltInProfiles.names.joined(separator: ", ")]))
            }
            guard !chain.contains(base.file) else {
                throw ext.error(Phrase("error.profile.extends-itself", ["chain": (chain + [base.file]).joined(separator: " → ")]), help: Phrase("error.profile.extends-itself.help"))
            }
            // The base is a profile in its own right: its own mistakes are reported in its own file.
            _ = try Profile.parse(base.text, file: base.file, name: baseName, kinds: kinds, resolve: resolve, extending: chain)
            chain.append(base.file)
            texts.append(base.text)
            let baseEntries = try YAMLValue.document(base.text, file: base.file).mapping(allowed: topKeys)
            entries = try merge(base: baseEntries, over: entries.filter { $0.key != "extends" })
        }
        func value(_ key: String) -> YAMLValue? { entries.first { $0.key == key }?.value }

        guard let kindValue = value("kind") else {
            throw root.error(Phrase("error.profile.no-kind"), help: Phrase("error.profile.no-kind.help", ["kinds": kinds.names.joined(separator: ", ")]))
        }
        let kindName = try kindValue.string()
        guard let kind = kinds.named(kindName) else {
            throw kindValue.error(Phrase("error.profile.not-a-kind", ["kind": kindName]), help: Phrase("error.profile.not-a-kind.help", ["kinds": kinds.names.joined(separator: ", "), "kind": kindName]))
        }
        // A cross-tab names its columns under `layout:`; `columns:` then adds to them.
        let crossTab = try CrossTab.parse(value("layout"), kind: kind)
        guard let columnsValue = value("columns") ?? value("layout").flatMap({ l in crossTab.map { _ in YAMLValue(merged: [], like: l) } }) else {
            throw root.error(Phrase("error.profile.no-columns"), help: Phrase("error.profile.no-columns.help", ["kind": kind.name, "fields": kind.fields.map(\.name).joined(separator: ", ")]))
        }
        var profile = Profile(name: try value("name")?.string() ?? name ?? file, file: file, kind: kind, columns: [])
        profile.description = try value("description")?.string()
        profile.sheet = try value("sheet")?.string()
        if let v = value("sheets") {
            if value("sheet") != nil { throw v.error(Phrase("error.profile.sheet-and-sheets"), help: Phrase("error.profile.sheet-and-sheets.help")) }
            switch v.node {
            case .sequence: profile.sheets = .names(try v.strings())
            default:
                let t = try v.string()
                profile.sheets = t == "all" ? .all : (t.contains(where: { "*?[".contains($0) }) ? .pattern(t) : .names([t]))
            }
        }
        if let r = value("range") {
            let text = try r.string()
            // Typed once, by the reader's own grammar: a range the reader would not take
            // (ZZZ1:ZZZ9, past column XFD) is refused here, never read as the whole sheet.
            guard text.contains(":"), let range = CellRange(text) else {
                throw r.error(Phrase("error.profile.not-a-range", ["value": text]), help: Phrase("error.profile.not-a-range.help"))
            }
            profile.range = range
        }
        if let e = value("encoding") {
            let text = try e.string()
            guard EncodingChoice(name: text) != nil else {
                throw e.error(Phrase("error.profile.not-an-encoding", ["value": text]), help: Phrase("error.profile.not-an-encoding.help", ["names": EncodingChoice.names]))
            }
            profile.encoding = text
        }
        if let d = value("delimiter") {
            let text = try d.string()
            guard CSVDialect(delimiterName: text) != nil else {
                throw d.error(Phrase("error.profile.not-a-delimiter", ["value": text]), help: Phrase("error.profile.not-a-delimiter.help"))
            }
            profile.delimiter = text
        }
        if let h = value("header") {
            let rows = try h.strings().map { (s: String) throws(TieoutError) -> Int in
                guard let n = Int(s), n >= 1 else {
                    throw h.error(Phrase("error.profile.not-a-row", ["value": s]), help: Phrase("error.profile.not-a-row.help"))
                }
                return n
            }
            guard zip(rows, rows.dropFirst()).allSatisfy({ $1 == $0 + 1 }) else {
                throw h.error(Phrase("error.profile.header-gap", ["rows": "\(rows)"]), help: Phrase("error.profile.header-gap.help"))
            }
            profile.headerRows = rows
        }
        if let skip = value("skip") {
            for (key, v) in try skip.mapping(allowed: ["rows", "patterns"]) {
                if key == "rows" { profile.skipRows = try v.int(in: 0...1000) }
                else {
                    profile.skipPatterns = try v.strings()
                    for p in profile.skipPatterns {
                        do { _ = try Regex(p) } catch {
                            throw v.error(Phrase("error.settings.not-a-pattern", ["value": p]), help: Phrase("error.profile.skip-pattern.help"))
                        }
                    }
                }
            }
        }
        if let unitValue = value("unit") { profile.unit = try parseUnit(unitValue) }
        if let p = value("period") {
            let text = try p.string()
            guard let g = Period.Granularity(rawValue: text), g != .day else {
                throw p.error(Phrase("error.profile.not-a-period", ["value": text]), help: Phrase("error.profile.not-a-period.help"))
            }
            profile.period = g
        }
        for (fieldName, v) in try columnsValue.mapping(allowed: kind.fields.map(\.name)) {
            profile.columns.append(try parseColumn(v, field: kind.field(fieldName)!))
        }
        if let crossTab { try profile.columns += crossTab.checked(against: profile.columns, kind: kind, at: value("layout")!) }
        if let c = value("constants") {
            for (fieldName, v) in try c.mapping(allowed: kind.fields.map(\.name)) {
                if profile.mapping(for: fieldName) != nil {
                    throw v.error(Phrase("error.profile.column-and-constant", ["field": fieldName]), help: Phrase("error.profile.column-and-constant.help"))
                }
                profile.constants.append((kind.field(fieldName)!, try v.string(), v.line))
            }
        }
        // A wide table's value and date fields come from its month columns (`unpivot:`).
        var unpivoted = Set<String>()
        if let u = value("unpivot"), case .mapping = u.node {
            for (k, v) in try u.mapping() where k == "value" || k == "date" { unpivoted.insert(try v.string()) }
        }
        if let g = value("groups") { profile.groups = try parseGroups(g, profile: profile) }   // Profile+Groups.swift
        try profile.parseRowKeys(where: value("where"), sections: value("sections"), headerBlock: value("header_block"))
        // Every required field without a column, at once (not one per run of validate).
        let uncovered = kind.fields.filter { f in
            f.required && !unpivoted.contains(f.name) && !profile.fieldsAllGroupsCover.contains(f.name) && profile.mapping(for: f.name) == nil && !profile.constants.contains(where: { $0.field.name == f.name })
                && !profile.fillsFromRows(f.name)
        }
        if let f = uncovered.first, uncovered.count == 1 {
            throw columnsValue.error(Phrase("error.profile.required-field", ["field": f.name, "title": f.title]),
                                     help: Phrase("error.profile.required-field.help", ["field": f.name, "title": f.title]))
        } else if !uncovered.isEmpty {
            let names = uncovered.map { Phrase("error.profile.required-fields.name", ["field": $0.name, "title": $0.title]) }
            throw columnsValue.error(Phrase("error.profile.required-fields", ["names": Joined(Array(names.dropLast())), "last": names.last!]),
                                     help: Phrase("error.profile.required-fields.help",
                                                  ["adds": Joined(uncovered.map { Phrase("error.profile.required-fields.add", ["field": $0.name, "title": $0.title]) })]))
        }
        // Documented default: rows labelled 合计, 小计 or 总计 are subtotals (checked, left out)
        // unless the profile says `subtotals: none`; imported as records they would count twice.
        if let s = value("subtotals") {
            if case .scalar = s.node, try s.string() == "none" { profile.subtotals = nil }
            else { profile.subtotals = try parseSubtotals(s, profile: profile) }
        } else {
            profile.subtotals = SubtotalRule()
        }
        // Constants must read as their field's type.
        for c in profile.constants {
            if case .enumeration(let values) = c.field.type, !values.contains(c.value) {
                throw TieoutError(code: "profile.key",
                                  what: Phrase("error.yaml.at-key", ["key": "constants.\(c.field.name)",
                                                                     "what": Phrase("error.profile.not-one-of", ["value": c.value, "allowed": values.joined(separator: ", ")])]),
                                  location: SourceLocation(file: file, line: c.line), help: Phrase("error.profile.write-one-of.help", ["allowed": values.joined(separator: ", ")]))
            }
        }
        if let l = value("layout") {
            switch l.node {
            case .scalar:
                let t = try l.string()
                guard t == "table" || t == "key-value" else { throw l.error(Phrase("error.profile.not-a-layout", ["value": t]), help: Phrase("error.profile.not-a-layout.help")) }
                profile.layout = t == "key-value" ? .keyValue(key: nil, value: nil) : .table
            default:
                let f = try l.mapping(allowed: ["key-value", "cross-tab"])
                if let crossTab, f.count == 1 { profile.layout = .crossTab(crossTab); break }
                guard let kv = f.first?.value, f.count == 1 else { throw l.error(Phrase("error.profile.expected-key-value"),
                                                                                     help: Phrase("error.profile.expected-key-value.help", ["example": "layout: { key-value: { key: 类别, value: 人数 } }"])) }
                let cols = try kv.mapping(allowed: ["key", "value"])
                profile.layout = .keyValue(key: try cols.first { $0.key == "key" }?.value.string(), value: try cols.first { $0.key == "value" }?.value.string())
            }
        }
        if let u = value("unpivot") {
            let f = try u.mapping(allowed: ["columns", "value", "date"])
            func need(_ k: String) throws(TieoutError) -> YAMLValue {
                guard let v = f.first(where: { $0.key == k })?.value else { throw u.error(Phrase("error.profile.unpivot-needs", ["key": k]),
                                                                                        help: Phrase("error.settings.write-example", ["example": "unpivot: { columns: \"*月\", value: amount, date: date }"])) }
                return v
            }
            let cv = try need("columns")
            let columns: SheetSelector
            switch cv.node {
            case .sequence: columns = .names(try cv.strings())
            default:
                let t = try cv.string()
                columns = t.contains(where: { "*?[".contains($0) }) ? .pattern(t) : .names([t])
            }
            let valueField = try need("value"), dateField = try need("date")
            let vName = try valueField.string(), dName = try dateField.string()
            guard let vf = kind.field(vName), vf.type == .amount || vf.type == .integer else {
                throw valueField.error(Phrase("error.profile.not-amount-field", ["field": vName, "kind": kind.name]), help: Phrase("error.profile.not-amount-field.help"))
            }
            _ = vf
            guard kind.field(dName)?.type == .date else {
                throw dateField.error(Phrase("error.profile.not-date-field", ["field": dName, "kind": kind.name]), help: Phrase("error.profile.not-date-field.help"))
            }
            if profile.sheets != nil { throw u.error(Phrase("error.profile.unpivot-sheets"), help: Phrase("error.profile.unpivot-sheets.help")) }
            if !profile.groups.isEmpty { throw u.error(Phrase("error.profile.unpivot-groups"), help: Phrase("error.profile.unpivot-groups.help")) }
            profile.unpivot = Profile.Unpivot(columns: columns, value: vName, date: dName)
        }
        if let c = value("cumulative") {
            var rule = Profile.CumulativeRule()
            for (key, e) in try c.mapping(allowed: ["labels", "check"]) {
                if key == "labels" { rule.labels = try e.strings() } else {
                    rule.check = try e.strings()
                    for f in rule.check {
                        guard let spec = kind.field(f), spec.type == .amount || spec.type == .integer, profile.mapsAnywhere(f) else {
                            throw e.error(Phrase("error.profile.not-mapped-amount", ["field": f]),
                                          help: Phrase("error.profile.not-mapped-amount.help", ["fields": profile.columns.filter { $0.field.type == .amount || $0.field.type == .integer }.map(\.field.name).joined(separator: ", ")]))
                        }
                    }
                }
            }
            guard kind.dateField != nil else {
                throw c.error(Phrase("error.profile.cumulative-undated", ["kind": kind.name]), help: Phrase("error.profile.cumulative-undated.help"))
            }
            profile.cumulative = rule
        }
        if let k = value("key") {
            let names = try k.strings()
            for n in names where !kind.isKeyPart(n) {
                throw k.error(Phrase("error.profile.not-a-field", ["field": n, "kind": kind.name]), help: Phrase("error.profile.not-a-field.help", ["fields": kind.keyPartsHelp]))
            }
            guard !names.isEmpty else { throw k.error(Phrase("error.profile.empty-key"), help: Phrase("error.profile.empty-key.help")) }
            profile.key = names
        }
        profile.digest = sha256Hex(Array((texts.joined(separator: "\u{0}") + "\u{0}" + kind.definitionText + "\u{0}" + Profile.readerVersion).utf8))
        return profile
    }

    /// The version of how ledgers are read (typing, subtotals, units): recorded with each file,
    /// so that a Tieout that reads differently reads every file again. Raise it with such a change.
    public static let readerVersion = "tieout-reader 7"   // 3: numbers in date fields read as yyyyMMdd or serial days; 4: subtotal levels; 5: rows of one file sharing a key all kept; 6: second-column cells in the records digest; 7: rows sharing a key kept in key_repeats

    /// `over`'s keys replace `base`'s; `columns:` and `constants:` are merged field by field.
    static func merge(base: [(key: String, value: YAMLValue)], over: [(key: String, value: YAMLValue)]) throws(TieoutError) -> [(key: String, value: YAMLValue)] {
        var out = base
        for (key, v) in over {
            if let i = out.firstIndex(where: { $0.key == key }) {
                if key == "columns" || key == "constants", case .mapping = out[i].value.node, case .mapping = v.node {
                    var fields = try out[i].value.mapping()
                    for (f, fv) in try v.mapping() {
                        if let j = fields.firstIndex(where: { $0.key == f }) { fields[j] = (f, fv) } else { fields.append((f, fv)) }
                    }
                    out[i] = (key, YAMLValue(merged: fields, like: v))
                } else {
                    out[i] = (key, v)
                }
            } else {
                out.append((key, v))
            }
        }
        return out
    }

    static func parseUnit(_ v: YAMLValue) throws(TieoutError) -> UnitChoice {
        let text = try v.string()
        if text == "from-title" { return .fromTitle }
        guard let unit = MoneyUnit(symbol: text) else {
            throw v.error(Phrase("error.profile.not-a-unit", ["value": text]), help: Phrase("error.profile.not-a-unit.help"))
        }
        return .fixed(unit)
    }

    static func parseColumn(_ v: YAMLValue, field: FieldSpec) throws(TieoutError) -> ColumnMapping {
        var m = ColumnMapping(field: field, from: [], line: v.line)
        m.map = field.words   // the kind's usual words; the profile's own map adds to them and wins
        m.prefixes = field.codes   // the kind's codes; the profile's own prefixes add to them and win
        switch v.node {
        case .scalar, .sequence:
            m.from = try v.strings()
        default:
            if let split = try SplitDate.parse(v, field: field) { m.split = split; m.from = split.month; return m }
            for (key, e) in try v.mapping(allowed: ["from", "unit", "formats", "map", "prefixes", "patterns"] + signKeys) {
                switch key {
                case "minus", "negate", "sign": try parseSign(key, e, into: &m)
                case "prefixes", "patterns":
                    guard case .enumeration(let values) = field.type else {
                        throw e.error(Phrase("error.profile.enumeration-only", ["key": key, "field": field.name, "type": field.type.name]),
                                  help: Phrase("error.profile.enumeration-only.help", ["key": key]))
                    }
                    for (match, target) in try e.mapping() {
                        let to = try target.string()
                        guard values.contains(to) else {
                            let allowed = values.joined(separator: ", ")
                            throw target.error(Phrase("error.profile.not-one-of", ["value": to, "allowed": allowed]),
                                               help: key == "prefixes" ? Phrase("error.profile.prefix-target.help", ["allowed": allowed])
                                                                       : Phrase("error.profile.pattern-target.help", ["allowed": allowed]))
                        }
                        if key == "prefixes" {
                            m.prefixes.removeAll { $0.prefix == match }
                            m.prefixes.append((match, to))
                        } else {
                            guard let regex = try? Regex(match) else {
                                throw target.error(Phrase("error.settings.not-a-pattern", ["value": match]), help: Phrase("error.profile.code-pattern.help"))
                            }
                            m.patterns.append(Profile.WordPattern(text: match, regex: regex, value: to))
                        }
                    }
                    // The longest prefix wins.
                    m.prefixes.sort { $0.prefix.count > $1.prefix.count }
                case "from": m.from = try e.strings()
                case "unit":
                    guard field.type == .amount else {
                        throw e.error(Phrase("error.profile.option-type", ["option": "unit", "applies": Phrase("error.profile.applies.unit"), "field": field.name, "type": field.type.name]), help: Phrase("error.profile.option-type.help", ["option": "unit"]))
                    }
                    m.unit = try parseUnit(e)
                case "formats":
                    guard field.type == .date else {
                        throw e.error(Phrase("error.profile.option-type", ["option": "formats", "applies": Phrase("error.profile.applies.formats"), "field": field.name, "type": field.type.name]), help: Phrase("error.profile.option-type.help", ["option": "formats"]))
                    }
                    m.formats = try e.strings()
                    for f in m.formats where DateFormat(f) == nil && f != ProfileApplier.serialFormat {
                        throw e.error(Phrase("error.profile.not-a-date-format", ["value": f]), help: Phrase("error.profile.not-a-date-format.help"))
                    }
                default:
                    var allowed: [String]
                    switch field.type {
                    case .enumeration(let values): allowed = values
                    case .boolean: allowed = ["true", "false"]
                    default:
                        throw e.error(Phrase("error.profile.option-type", ["option": "map", "applies": Phrase("error.profile.applies.map"), "field": field.name, "type": field.type.name]), help: Phrase("error.profile.option-type.help", ["option": "map"]))
                    }
                    for (word, target) in try e.mapping() {
                        let to = try target.string()
                        guard allowed.contains(to) else {
                            throw target.error(Phrase("error.profile.not-one-of", ["value": to, "allowed": allowed.joined(separator: ", ")]), help: Phrase("error.profile.not-one-of.help", ["allowed": allowed.joined(separator: ", ")]))
                        }
                        m.map[word] = to
                    }
                }
            }
        }
        guard !m.from.isEmpty else {
            throw v.error(Phrase("error.profile.no-column-named", ["field": field.name]), help: Phrase("error.profile.no-column-named.help"))
        }
        return m
    }

    static func parseSubtotals(_ v: YAMLValue, profile: Profile) throws(TieoutError) -> SubtotalRule {
        var rule = SubtotalRule()
        for (key, e) in try v.mapping(allowed: ["labels", "column", "check", "hierarchy"]) {
            switch key {
            case "labels": rule.labels = try e.strings()
            case "column": rule.column = try e.string()
            case "hierarchy": rule.hierarchy = try e.string()
            default:
                rule.check = try e.strings()
                for f in rule.check {
                    guard let spec = profile.kind.field(f), spec.type == .amount || spec.type == .integer, profile.mapsAnywhere(f) else {
                        throw e.error(Phrase("error.profile.not-mapped-amount", ["field": f]),
                                          help: Phrase("error.profile.not-mapped-amount.help", ["fields": profile.columns.filter { $0.field.type == .amount || $0.field.type == .integer }.map(\.field.name).joined(separator: ", ")]))
                    }
                }
            }
        }
        return rule
    }
}
