import TieoutCore

extension Profile {
    /// A table that is not a list: row labels (行政编制, 事业编制, 工勤编制, 合计) down the first
    /// column, measures (编制数, 实有人数, 编外人员) across the header, each cell a value:
    /// `layout: { cross-tab: { rows: department, columns: { 编制数: authorised, … }, transpose: false } }`.
    /// Each row label is a record, its label the `rows` field; with `transpose: true` the
    /// categories run across the header and the measures down the first column, and each
    /// column is a record. A 合计 row (or column) is a subtotal, checked like any other.
    public struct CrossTab: Sendable, Equatable {
        /// The field the category labels fill.
        public var rows: String
        /// Measure label → field.
        public var columns: [(label: String, field: String)]
        public var transpose: Bool

        public static func == (a: CrossTab, b: CrossTab) -> Bool {
            a.rows == b.rows && a.transpose == b.transpose && a.columns.map(\.label) == b.columns.map(\.label) && a.columns.map(\.field) == b.columns.map(\.field)
        }

        static var example: Phrase { Phrase("error.settings.write-example", ["example": "layout: { cross-tab: { rows: department, columns: { 编制数: authorised, 实有人数: on_post }, transpose: false } }"]) }

        /// nil unless `layout` is `{ cross-tab: … }`.
        static func parse(_ layout: YAMLValue?, kind: RecordKind) throws(TieoutError) -> CrossTab? {
            guard let layout, case .mapping = layout.node else { return nil }
            guard let v = try layout.mapping().first(where: { $0.key == "cross-tab" })?.value else { return nil }
            let entries = try v.mapping(allowed: ["rows", "columns", "transpose"])
            func entry(_ key: String) throws(TieoutError) -> YAMLValue {
                guard let e = entries.first(where: { $0.key == key })?.value else { throw v.error(Phrase("error.profile.cross-tab.needs", ["key": key]), help: example) }
                return e
            }
            let rowsValue = try entry("rows")
            let rows = try rowsValue.string()
            guard let rowsField = kind.field(rows) else {
                throw rowsValue.error(Phrase("error.profile.not-a-field", ["field": rows, "kind": kind.name]),
                                     help: Phrase("error.profile.cross-tab.rows-field.help", ["fields": kind.fields.map(\.name).joined(separator: ", ")]))
            }
            guard rowsField.type == .text || { if case .enumeration = rowsField.type { true } else { false } }() else {
                throw rowsValue.error(Phrase("error.profile.cross-tab.rows-type", ["field": rows, "type": rowsField.type.name]),
                                     help: kind.fields.first { $0.type == .text }.map { Phrase("error.profile.cross-tab.rows-type.help", ["example": $0.name]) }
                                         ?? Phrase("error.profile.cross-tab.rows-type.help-any"))
            }
            var columns: [(label: String, field: String)] = []
            let columnsValue = try entry("columns")
            for (label, f) in try columnsValue.mapping() {
                let name = try f.string()
                guard let spec = kind.field(name) else {
                    throw f.error(Phrase("error.profile.not-a-field", ["field": name, "kind": kind.name]),
                                  help: Phrase("error.profile.cross-tab.column-field.help", ["fields": kind.fields.map(\.name).joined(separator: ", ")]))
                }
                guard name != rows else { throw f.error(Phrase("error.profile.cross-tab.rows-column", ["field": name]), help: Phrase("error.profile.cross-tab.rows-column.help")) }
                if let other = columns.first(where: { $0.field == name }) {
                    throw f.error(Phrase("error.profile.cross-tab.read-twice", ["field": name, "label": other.label]), help: Phrase("error.profile.cross-tab.read-twice.help"))
                }
                _ = spec
                columns.append((label, name))
            }
            guard !columns.isEmpty else { throw columnsValue.error(Phrase("error.profile.cross-tab.no-measure"), help: example) }
            var transpose = false
            if let t = entries.first(where: { $0.key == "transpose" })?.value {
                let text = try t.string()
                guard text == "true" || text == "false" else { throw t.error(Phrase("error.settings.not-true-or-false", ["value": text]), help: Phrase("error.profile.cross-tab.transpose.help")) }
                transpose = text == "true"
            }
            return CrossTab(rows: rows, columns: columns, transpose: transpose)
        }

        /// Its mappings, when no field is also under `columns:`.
        func checked(against columns: [ColumnMapping], kind: RecordKind, at layout: YAMLValue) throws(TieoutError) -> [ColumnMapping] {
            let mine = mappings(kind: kind, line: layout.line)
            if let both = mine.first(where: { m in columns.contains { $0.field.name == m.field.name } }) {
                throw layout.error(Phrase("error.profile.cross-tab.and-columns", ["field": both.field.name]), help: Phrase("error.profile.cross-tab.and-columns.help"))
            }
            return mine
        }

        /// The columns a cross-tab maps, as a list table's: the labels in the first column (`#1`),
        /// each measure by its label (the header's, or once transposed, the first column's).
        func mappings(kind: RecordKind, line: Int?) -> [ColumnMapping] {
            var out = [ColumnMapping(field: kind.field(rows)!, from: ["#1"], line: line)]
            out[0].map = kind.field(rows)!.words
            for c in columns {
                var m = ColumnMapping(field: kind.field(c.field)!, from: [c.label], line: line)
                m.map = m.field.words
                m.prefixes = m.field.codes
                out.append(m)
            }
            return out
        }
    }
}
