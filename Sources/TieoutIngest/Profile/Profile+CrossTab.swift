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

        static let example = "Write `layout: { cross-tab: { rows: department, columns: { 编制数: authorised, 实有人数: on_post }, transpose: false } }`."

        /// nil unless `layout` is `{ cross-tab: … }`.
        static func parse(_ layout: YAMLValue?, kind: RecordKind) throws(TieoutError) -> CrossTab? {
            guard let layout, case .mapping = layout.node else { return nil }
            guard let v = try layout.mapping().first(where: { $0.key == "cross-tab" })?.value else { return nil }
            let entries = try v.mapping(allowed: ["rows", "columns", "transpose"])
            func entry(_ key: String) throws(TieoutError) -> YAMLValue {
                guard let e = entries.first(where: { $0.key == key })?.value else { throw v.error("a cross-tab needs '\(key)'", help: example) }
                return e
            }
            let rowsValue = try entry("rows")
            let rows = try rowsValue.string()
            guard let rowsField = kind.field(rows) else {
                throw rowsValue.error("'\(rows)' is not a field of \(kind.name)", help: "Name the field the row labels fill: \(kind.fields.map(\.name).joined(separator: ", ")).")
            }
            guard rowsField.type == .text || { if case .enumeration = rowsField.type { true } else { false } }() else {
                throw rowsValue.error("'\(rows)' is \(rowsField.type.name); the row labels are words", help: "Name a text or enumeration field, such as \(kind.fields.first { $0.type == .text }?.name ?? "a category").")
            }
            var columns: [(label: String, field: String)] = []
            let columnsValue = try entry("columns")
            for (label, f) in try columnsValue.mapping() {
                let name = try f.string()
                guard let spec = kind.field(name) else {
                    throw f.error("'\(name)' is not a field of \(kind.name)", help: "Map each measure label onto one of: \(kind.fields.map(\.name).joined(separator: ", ")).")
                }
                guard name != rows else { throw f.error("'\(name)' is the field the row labels fill", help: "Map the measure labels onto other fields.") }
                if let other = columns.first(where: { $0.field == name }) {
                    throw f.error("'\(name)' is already read from '\(other.label)'", help: "Map each field from one label.")
                }
                _ = spec
                columns.append((label, name))
            }
            guard !columns.isEmpty else { throw columnsValue.error("a cross-tab maps no measure", help: example) }
            var transpose = false
            if let t = entries.first(where: { $0.key == "transpose" })?.value {
                let text = try t.string()
                guard text == "true" || text == "false" else { throw t.error("'\(text)' is not true or false", help: "Write `transpose: true` when the categories run across the header, else leave it out.") }
                transpose = text == "true"
            }
            return CrossTab(rows: rows, columns: columns, transpose: transpose)
        }

        /// Its mappings, when no field is also under `columns:`.
        func checked(against columns: [ColumnMapping], kind: RecordKind, at layout: YAMLValue) throws(TieoutError) -> [ColumnMapping] {
            let mine = mappings(kind: kind, line: layout.line)
            if let both = mine.first(where: { m in columns.contains { $0.field.name == m.field.name } }) {
                throw layout.error("'\(both.field.name)' is read both by the cross-tab and under columns", help: "Keep it in one place: the cross-tab's `rows:`/`columns:`, or `columns:`.")
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
