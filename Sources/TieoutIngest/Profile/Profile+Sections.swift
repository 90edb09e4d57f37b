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
        let example = "Write `sections: { field: category, pattern: \"^[一二三四五六七八九十]+、\" }`."
        guard case .mapping = v.node else { throw v.error("`sections:` is a map with `field:` and `pattern:`", help: example) }
        let entries = try v.mapping(allowed: ["field", "pattern", "column", "map"])
        func need(_ k: String) throws(TieoutError) -> YAMLValue {
            guard let e = entries.first(where: { $0.key == k })?.value else { throw v.error("`sections:` needs '\(k)'", help: example) }
            return e
        }
        let f = try need("field"), p = try need("pattern")
        let name = try f.string()
        guard let spec = kind.field(name) else {
            throw f.error("'\(name)' is not a field of \(kind.name)", help: "Name the field the section rows fill: \(kind.fields.map(\.name).joined(separator: ", ")).")
        }
        guard mapping(for: name) == nil, !constants.contains(where: { $0.field.name == name }) else {
            throw f.error("'\(name)' is also a column or a constant", help: "Keep one source for \(name): the section rows, a column or a constant.")
        }
        switch spec.type {
        case .text, .enumeration: break
        default: throw f.error("'\(name)' is \(spec.type.name); a section row fills a text or enumeration field", help: "Name a text or enumeration field of \(kind.name).")
        }
        let pattern = try p.string()
        let regex: Regex<AnyRegexOutput>
        do { regex = try Regex(pattern) } catch {
            throw p.error("'\(pattern)' is not a valid pattern", help: "Write a regular expression, such as ^[一二三四五六七八九十]+、 for 一、货物类.")
        }
        var rule = SectionRule(field: spec, pattern: pattern, regex: regex, column: nil, map: spec.words, line: v.line)
        if let c = entries.first(where: { $0.key == "column" })?.value { rule.column = try c.string() }
        if let m = entries.first(where: { $0.key == "map" })?.value {
            guard case .enumeration(let values) = spec.type else {
                throw m.error("'map' applies to enumeration fields; \(name) is \(spec.type.name)", help: "Remove the map here.")
            }
            for (word, target) in try m.mapping() {
                let to = try target.string()
                guard values.contains(to) else {
                    throw target.error("'\(to)' is not one of \(values.joined(separator: ", "))", help: "Map each section word onto one of: \(values.joined(separator: ", ")).")
                }
                rule.map[word] = to
            }
        }
        return rule
    }
}
