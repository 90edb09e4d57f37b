import TieoutCore

extension Profile {
    /// `header_block:`: a field read from the cells above the header, by its label:
    /// `单位名称：XX单位` in one cell, or `单位名称` | `XX单位` in two cells of a row. The value is
    /// a constant of every record of the file, its lineage the cell it was read from.
    ///
    /// ```yaml
    /// header_block:
    ///   unit_name: 单位名称
    ///   authorised: 核定编制数        # 核定编制数：24名 → 24 (a count's measure word dropped)
    /// ```
    public struct HeaderBlockField: Sendable {
        public var field: FieldSpec
        /// The label, with aliases (first found wins).
        public var labels: [String]
        public var line: Int?
    }

    func parseHeaderBlock(_ v: YAMLValue) throws(TieoutError) -> [HeaderBlockField] {
        guard case .mapping = v.node else {
            throw v.error(Phrase("error.profile.header-block.map"),
                          help: Phrase("error.settings.write-example", ["example": "header_block: { unit_name: 单位名称, authorised: 核定编制数 }"]))
        }
        var out: [HeaderBlockField] = []
        for (name, l) in try v.mapping(allowed: kind.fields.map(\.name)) {
            let spec = kind.field(name)!
            guard mapping(for: name) == nil, !constants.contains(where: { $0.field.name == name }), sections?.field.name != name else {
                throw l.error(Phrase("error.profile.header-block.twice", ["field": name]), help: Phrase("error.profile.one-source.help", ["field": name]))
            }
            let labels = try l.strings().map { $0.trimmingSpaces() }
            guard !labels.isEmpty, !labels.contains(where: \.isEmpty) else {
                throw l.error(Phrase("error.profile.header-block.no-label", ["field": name]), help: Phrase("error.profile.header-block.no-label.help"))
            }
            out.append(HeaderBlockField(field: spec, labels: labels, line: l.line))
        }
        return out
    }
}
