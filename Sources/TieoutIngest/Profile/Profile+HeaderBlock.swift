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
            throw v.error("`header_block:` is a map from field to label", help: "Write `header_block: { unit_name: 单位名称, authorised: 核定编制数 }`.")
        }
        var out: [HeaderBlockField] = []
        for (name, l) in try v.mapping(allowed: kind.fields.map(\.name)) {
            let spec = kind.field(name)!
            guard mapping(for: name) == nil, !constants.contains(where: { $0.field.name == name }), sections?.field.name != name else {
                throw l.error("'\(name)' is also a column, a constant or the sections' field", help: "Keep one source for \(name).")
            }
            let labels = try l.strings().map { $0.trimmingSpaces() }
            guard !labels.isEmpty, !labels.contains(where: \.isEmpty) else {
                throw l.error("no label named for \(name)", help: "Write the label as the header block prints it, such as 单位名称 (aliases as a list).")
            }
            out.append(HeaderBlockField(field: spec, labels: labels, line: l.line))
        }
        return out
    }
}
