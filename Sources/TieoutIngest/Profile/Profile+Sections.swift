import TieoutCore

extension Profile {
    /// `sections:`: a row whose label cell matches `pattern` (`一、货物类`) is a section row;
    /// the text after the match (`货物类`) fills `field` for every row below it, up to the
    /// next section row. A 小计 covers the rows of its section only; 总计/合计 every row.
    ///
    /// ```yaml
    /// sections:
    ///   field: category
    ///   pattern: "^[一二三四五六七八九十]+、"
    ///   map: { 货物类: goods, 工程类: works, 服务类: services }   # enumerations: words → values
    /// ```
    public struct SectionRule: @unchecked Sendable {
        public var field: FieldSpec
        public var pattern: String
        public var regex: Regex<AnyRegexOutput>
        /// The column holding the section label (nil: the subtotal label column, else the row's first filled cell).
        public var column: String?
        /// Enumerations: the section's words → the field's values (the kind's own words too).
        public var map: [String: String]
        public var line: Int?
    }

    func parseSections(_ v: YAMLValue) throws(TieoutError) -> SectionRule {
        let example = Phrase("error.settings.write-example", ["example": "sections: { field: category, pattern: \"^[一二三四五六七八九十]+、\" }"])
        guard case .mapping = v.node else { throw v.error(Phrase("error.profile.sections.map"), help: example) }
        let entries = try v.mapping(allowed: ["field", "pattern", "column", "map"])
        func need(_ k: String) throws(TieoutError) -> YAMLValue {
            guard let e = entries.first(where: { $0.key == k })?.value else { throw v.error(Phrase("error.profile.sections.needs", ["key": k]), help: example) }
            return e
        }
        let f = try need("field"), p = try need("pattern")
        let name = try f.string()
        guard let spec = kind.field(name) else {
            throw f.error(Phrase("error.profile.not-a-field", ["field": name, "kind": kind.name]),
                          help: Phrase("error.profile.sections.field.help", ["fields": kind.fields.map(\.name).joined(separator: ", ")]))
        }
        guard mapping(for: name) == nil, !constants.contains(where: { $0.field.name == name }) else {
            throw f.error(Phrase("error.profile.sections.twice", ["field": name]), help: Phrase("error.profile.sections.twice.help", ["field": name]))
        }
        switch spec.type {
        case .text, .enumeration: break
        default: throw f.error(Phrase("error.profile.sections.type", ["field": name, "type": spec.type.name]),
                                help: Phrase("error.profile.sections.type.help", ["kind": kind.name]))
        }
        let pattern = try p.string()
        let regex: Regex<AnyRegexOutput>
        do { regex = try Regex(pattern) } catch {
            throw p.error(Phrase("error.settings.not-a-pattern", ["value": pattern]), help: Phrase("error.profile.sections.pattern.help"))
        }
        var rule = SectionRule(field: spec, pattern: pattern, regex: regex, column: nil, map: spec.words, line: v.line)
        if let c = entries.first(where: { $0.key == "column" })?.value { rule.column = try c.string() }
        if let m = entries.first(where: { $0.key == "map" })?.value {
            guard case .enumeration(let values) = spec.type else {
                throw m.error(Phrase("error.profile.enumeration-only", ["key": "map", "field": name, "type": spec.type.name]),
                              help: Phrase("error.profile.enumeration-only.help", ["key": "map"]))
            }
            for (word, target) in try m.mapping() {
                let to = try target.string()
                guard values.contains(to) else {
                    throw target.error(Phrase("error.profile.not-one-of", ["value": to, "allowed": values.joined(separator: ", ")]),
                                       help: Phrase("error.profile.sections.map-target.help", ["allowed": values.joined(separator: ", ")]))
                }
                rule.map[word] = to
            }
        }
        return rule
    }
}
