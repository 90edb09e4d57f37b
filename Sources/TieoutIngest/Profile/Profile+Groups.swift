import TieoutCore
import Yams

/// Column groups: one row, several records.
///
/// A wide budget row carries a group of columns per stage under merged group headers
/// (`年初预算 | 预算调整` above `文号 | 金额 | 文号 | 日期 | …`); flattened, its columns are
/// `年初预算/文号`, `年初预算/金额`, `预算调整/文号` …. With
///
/// ```yaml
/// header: [3, 4]
/// columns: { item: 项目名称, spend_type: 支出类型 }   # shared by every group
/// groups:
///   年初预算: { constants: { stage: initial }, columns: { document: 文号, amount: 金额 } }
///   预算调整: { constants: { stage: adjustment }, columns: { document: 文号, date: 日期, amount: 追加 } }
/// ```
///
/// the file is read once per group, each group its own part (`budget.xlsx[预算调整]`) with
/// its own columns (a group's column `文号` is the header `预算调整/文号`), constants and
/// lineage; a row whose group cells are all blank gives no record of that group (skipped,
/// with the reason). `unpivot:` is the special case of one group per month column.
extension Profile {
    /// One group of `groups:`: its columns (looked up under the group's header first) and constants.
    public struct ColumnGroup: Sendable {
        public var name: String
        public var columns: [ColumnMapping]
        public var constants: [(field: FieldSpec, value: String, line: Int?)]
        /// Where it is written.
        public var line: Int?
    }

    /// The group the profile of one part reads (set by ``parts(_:)``).
    public struct GroupReading: Sendable, Equatable {
        /// The group header (`预算调整`), or the month column of an unpivoted table (`3月`).
        public var name: String
        /// A column named `NAME` is first looked up as `GROUP/NAME` (a group under a merged header).
        public var prefixed: Bool
        /// Without a prefix: the headers of the group's cells (the month column).
        public var cells: [String] = []

        /// The columns (from 1) of the group's cells in a header: a row where all are blank gives no record.
        public func cellColumns(_ columns: [String]) -> [Int] {
            columns.indices.filter { i in
                prefixed ? columns[i].hasPrefix(name + "/") : cells.contains(columns[i].trimmingSpaces())
            }.map { $0 + 1 }
        }
    }

    /// The field has a column, outside the groups or in one (subtotal and cumulative checks name such fields).
    func mapsAnywhere(_ field: String) -> Bool {
        mapping(for: field) != nil || groups.contains { $0.columns.contains { $0.field.name == field } }
    }

    /// The field names every group covers (a required field they all give is covered).
    var fieldsAllGroupsCover: Set<String> {
        guard let first = groups.first else { return [] }
        func covered(_ g: ColumnGroup) -> Set<String> { Set(g.columns.map(\.field.name) + g.constants.map(\.field.name)) }
        return groups.dropFirst().reduce(covered(first)) { $0.intersection(covered($1)) }
    }

    /// The profile reading one group: the shared columns and constants with the group's own.
    func reading(_ group: ColumnGroup, prefixed: Bool) -> Profile {
        var p = self
        p.groups = []
        p.unpivot = nil
        let own = Set(group.columns.map(\.field.name) + group.constants.map(\.field.name))
        p.columns.removeAll { own.contains($0.field.name) }
        p.constants.removeAll { own.contains($0.field.name) }
        p.columns += group.columns
        p.constants += group.constants
        p.groupInForce = GroupReading(name: group.name, prefixed: prefixed, cells: prefixed ? [] : group.columns.flatMap(\.from))
        return p
    }

    /// A header's column names as the profile sees them: several header rows flattened (`预算调整/追加`).
    static func columnNames(_ header: TableHeader, rows: [Int]?) -> [String] {
        guard let rows, rows.count > 1 else { return header.columns }
        let upper = header.titleLines.suffix(rows.count - 1)
        return ProfileApplier.flatten(Array(upper) + [header.columns])
    }

    /// The group headers of flattened columns, in order (`年初预算`, `预算调整`).
    static func groupHeaders(_ columns: [String]) -> [String] {
        var out: [String] = []
        for c in columns {
            guard let slash = c.firstIndex(of: "/") else { continue }
            let g = String(c[..<slash])
            if !out.contains(g) { out.append(g) }
        }
        return out
    }

    /// The parts of a file read by column groups (`groups:`, or the month columns of `unpivot:`),
    /// each with the profile reading it; nil when the profile has neither.
    func columnGroupParts(_ path: String) throws(TieoutError) -> [(name: String, profile: Profile)]? {
        if !groups.isEmpty {
            let header = try TableFileKind.openTable(path, tableOptions).header
            let columns = Self.columnNames(header, rows: headerRows)
            let present = Self.groupHeaders(columns)
            for g in groups where !present.contains(g.name) {
                throw TieoutError(code: "profile.groups",
                                  what: Phrase("error.profile.groups", ["name": g.name, "profile": file, "file": path]),
                                  location: SourceLocation(file: file, line: g.line),
                                  help: present.isEmpty
                                      ? Phrase("error.profile.groups.help-none", ["columns": columns.map { "'\($0)'" }.joined(separator: ", ")])
                                      : Phrase("error.profile.groups.help", ["groups": present.map { "'\($0)'" }.joined(separator: ", ")]))
            }
            return groups.map { ($0.name, reading($0, prefixed: true)) }
        }
        guard let unpivot, let field = kind.field(unpivot.value), let dateField = kind.field(unpivot.date) else { return nil }
        let header = try TableFileKind.openTable(path, tableOptions).header
        let headers = header.columns.map { $0.trimmingSpaces() }.filter { unpivot.columns.matches($0) }
        guard !headers.isEmpty else {
            throw TieoutError(code: "profile.unpivot", what: Phrase("error.profile.unpivot.no-column", ["file": path, "profile": file]), location: SourceLocation(file: path),
                              help: Phrase("error.profile.unpivot.no-column.help", ["columns": header.columns.map { "'\($0)'" }.joined(separator: ", ")]))
        }
        // A month column is a group of one cell: the value read from it, the date the end of its month.
        return try headers.map { (part: String) throws(TieoutError) -> (name: String, profile: Profile) in
            guard let month = Self.monthOf(part, titles: header.titleLines) else {
                throw TieoutError(code: "profile.unpivot", what: Phrase("error.profile.unpivot.no-month", ["column": part, "file": path]), location: SourceLocation(file: path),
                                  help: Phrase("error.profile.unpivot.no-month.help"))
            }
            let group = ColumnGroup(name: part, columns: [ColumnMapping(field: field, from: [part], line: nil)],
                                    constants: [(dateField, month.description, nil)], line: nil)
            return (part, reading(group, prefixed: false))
        }
    }

    /// `groups:` of a profile: each group's columns (read as `columns:` reads them) and constants.
    /// A group's field replaces the same field outside the groups (one a base profile maps, say).
    static func parseGroups(_ v: YAMLValue, profile: Profile) throws(TieoutError) -> [ColumnGroup] {
        let kind = profile.kind
        var out: [ColumnGroup] = []
        // Each group where its header is written (its key's line).
        var keyLines: [String: Int] = [:]
        if case .mapping(let m) = v.node { for (k, _) in m { if let s = k.string, let l = k.mark?.line { keyLines[s] = l } } }
        for (name, g) in try v.mapping() {
            guard !name.isEmpty, !name.contains("/") else {
                throw g.error(Phrase("error.profile.group-name", ["name": name]), help: Phrase("error.profile.group-name.help"))
            }
            var group = ColumnGroup(name: name, columns: [], constants: [], line: keyLines[name] ?? g.line)
            for (key, e) in try g.mapping(allowed: ["columns", "constants"]) {
                for (fieldName, fv) in try e.mapping(allowed: kind.fields.map(\.name)) {
                    if group.columns.contains(where: { $0.field.name == fieldName }) || group.constants.contains(where: { $0.field.name == fieldName }) {
                        throw fv.error(Phrase("error.profile.group-column-and-constant", ["field": fieldName, "name": name]), help: Phrase("error.profile.column-and-constant.help"))
                    }
                    let spec = kind.field(fieldName)!
                    if key == "columns" {
                        group.columns.append(try parseColumn(fv, field: spec))
                    } else {
                        let text = try fv.string()
                        if case .enumeration(let values) = spec.type, !values.contains(text) {
                            throw fv.error(Phrase("error.profile.not-one-of", ["value": text, "allowed": values.joined(separator: ", ")]),
                                           help: Phrase("error.profile.write-one-of.help", ["allowed": values.joined(separator: ", ")]))
                        }
                        group.constants.append((spec, text, fv.line))
                    }
                }
            }
            guard !group.columns.isEmpty else {
                throw g.error(Phrase("error.profile.group-no-columns", ["name": name]),
                              help: Phrase("error.profile.group-no-columns.help", ["example": "\(name): { columns: { amount: 金额 } }"]))
            }
            out.append(group)
        }
        guard !out.isEmpty else { throw v.error(Phrase("error.profile.no-groups"), help: Phrase("error.profile.no-groups.help")) }
        return out
    }
}
