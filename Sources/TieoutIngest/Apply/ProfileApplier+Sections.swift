import TieoutCore

extension ProfileApplier {
    /// Section rows (`一、货物类`) found by the profile's `sections:` pattern: each fills its
    /// field for the rows below it. A section row that states amounts in the checked columns
    /// is its section's total, checked against the section's rows when the section ends (the
    /// next section row, a total that is not a 小计, or the table's end).
    /// (A class: one instance per table, its state updated in place.)
    final class SectionRows {
        let rule: Profile.SectionRule
        let column: Int?
        let fieldIndex: Int
        let checked: [Int]
        let fieldNames: [String]
        /// The value the current section fills, and where the section row is.
        private(set) var current: FieldValue?
        private(set) var currentRow: SourceLocation?
        /// The current section row's stated amounts, when it states any: checked when it ends.
        private var stated: (location: SourceLocation, label: String, values: [(field: Int, at: SourceLocation, amount: Amount?, unreadable: Bool)])?
        private var sums: [Amount]
        private var rows = 0, rejects = 0

        init(rule: Profile.SectionRule, plan: ColumnPlan, kind: RecordKind, file: String) throws(TieoutError) {
            self.rule = rule
            fieldIndex = kind.fields.firstIndex { $0.name == rule.field.name }!
            if let name = rule.column {
                guard let c = ProfileApplier.column(named: name, in: plan.header.columns) else {
                    throw TieoutError(code: "profile.column", what: Phrase("error.profile.sections.column", ["file": file, "name": name]),
                                      location: plan.headerRow,
                                      help: Phrase("error.profile.sections.column.help", ["columns": plan.header.columns.filter { !$0.isEmpty }.map { "'\($0)'" }.joined(separator: ", ")]))
                }
                column = c
            } else {
                column = plan.labelColumn
            }
            checked = plan.checked
            fieldNames = kind.fields.map(\.name)
            sums = [Amount](repeating: .zero, count: kind.fields.count)
        }

        /// The section's label and value when `row` is a section row (`一、货物类` → 货物类).
        func section<R: TableRow>(of row: R, columns: Int, date1904: Bool) -> (label: String, value: String)? {
            guard let cell = ProfileApplier.labelCell(of: row, labelColumn: column, columns: columns), cell.kind == .text else { return nil }
            let text = cell.text(date1904: date1904).trimmingSpaces()
            guard let match = try? rule.regex.firstMatch(in: text) else { return nil }
            // A pattern with a group names the value itself (`^[一二三]+、(.+?)（`); else the text after the match.
            if match.output.count > 1, let group = match.output[1].substring { return (text, String(group).trimmingSpaces()) }
            return (text, String(text[match.range.upperBound...]).trimmingSpaces())
        }

        /// Enters the section of a section row: its value typed (or the reason it is not),
        /// and its stated amounts kept for the check. Returns the check of the section it ends.
        func enter<R: TableRow>(_ row: R, label: String, value: String, kind: RecordKind, plan: ColumnPlan, date1904: Bool) -> (checks: [SubtotalCheck], error: (en: String, zh: String)?, states: Bool) {
            let done = end()
            currentRow = row.location(column: column)
            var text = value
            let mapping = Profile.ColumnMapping(field: rule.field, from: [], map: rule.map)
            let typed = text.withUTF8 { b in
                ProfileApplier.value(of: Cell(column: 1, kind: .text, bytes: b), field: rule.field, mapping: mapping, unit: .yuan, date1904: false)
            }
            var error: (en: String, zh: String)? = nil
            switch typed {
            case .success(let v): current = v
            case .failure(let e):
                current = nil
                let f = rule.field
                error = (Catalog.text("reject.section-value", english: true, ["name": f.name, "title": f.title, "label": label, "detail": e.message]),
                         Catalog.text("reject.section-value", english: false, ["name": f.name, "title": f.title, "label": label, "detail": e.message(english: false)]))
            }
            var values: [(field: Int, at: SourceLocation, amount: Amount?, unreadable: Bool)] = []
            for i in checked {
                let c = plan.columnOf[i]!
                guard let cell = row.cell(c), cell.kind != .empty else { continue }
                let unit = kind.fields[i].type == .amount ? (plan.plans[i]?.mapping.unit.flatMap(ProfileApplier.fixedUnit) ?? plan.unit) : .yuan
                var amount: Amount? = nil, unreadable = false
                do throws(CellValueError) { amount = try cell.amount(unit: unit) } catch { unreadable = true }
                values.append((field: i, at: row.location(column: c), amount: amount, unreadable: unreadable))
            }
            stated = values.isEmpty ? nil : (location: row.location(column: nil), label: label, values: values)
            return (done, error, !values.isEmpty)
        }

        /// Fills the section's field into a typed row; the reason, in both languages, when the
        /// field is required and no section row above gave it.
        func fill(_ values: UnsafeMutableBufferPointer<FieldValue?>) -> (en: String, zh: String)? {
            values[fieldIndex] = current
            guard current == nil, rule.field.required else { return nil }
            let spec = rule.field
            let (zh, en) = currentRow == nil ? Catalog.both("reject.section-none", ["name": spec.name, "title": spec.title, "pattern": rule.pattern])
                                             : Catalog.both("reject.section-blank", ["name": spec.name, "title": spec.title, "row": currentRow!.description])
            return (en, zh)
        }

        func accepted(_ values: UnsafeMutableBufferPointer<FieldValue?>) {
            for i in checked { if let a = values[i]?.amount { sums[i] = sums[i] + a } }
            rows += 1
        }

        func rejected() { rejects += 1 }

        /// Ends the current section: the check of its stated amounts, if it states any.
        func end() -> [SubtotalCheck] {
            defer {
                stated = nil
                sums = [Amount](repeating: .zero, count: sums.count)
                rows = 0; rejects = 0
            }
            guard let stated else { return [] }
            return stated.values.map { v in
                let computed = sums[v.field]
                let status: SubtotalCheck.Status = rejects > 0 ? .incomplete : (!v.unreadable && v.amount == computed ? .ok : .mismatch)
                return SubtotalCheck(location: v.at, label: stated.label, field: fieldNames[v.field],
                                     stated: v.amount, computed: computed, rows: rows, status: status)
            }
        }
    }
}
