import TieoutCore

extension ProfileApplier {
    /// Types one row at a time into buffers reused row after row: each mapped cell as its
    /// field's type, a text field's cell bytes kept in place (no String per cell), constants
    /// filled in. ``typed`` views the current row's values.
    final class RowTyper {
        /// Why a row cannot be a record: the cell, the code and the reason.
        struct Failure {
            var column: Int?
            var code: ErrorCode
            var reason: String
            var reasonZh: String?

            init(column: Int?, code: ErrorCode, reason: String, reasonZh: String? = nil) {
                (self.column, self.code, self.reason, self.reasonZh) = (column, code, reason, reasonZh)
            }

            /// The catalog's `key` in both languages.
            init(column: Int?, code: ErrorCode, catalog key: String, _ args: [String: any CustomStringConvertible]) {
                let (zh, en) = Catalog.both(key, args)
                self.init(column: column, code: code, reason: en, reasonZh: zh)
            }

            /// A field's value that cannot be read: `amount (金额): …` (`amount（金额）：…`).
            init(column: Int?, code: ErrorCode, field spec: FieldSpec, _ e: CellValueError) {
                self.init(column: column, code: code, reason: Catalog.text("reject.field", english: true, ["name": spec.name, "title": spec.title, "detail": e.message]),
                          reasonZh: Catalog.text("reject.field", english: false, ["name": spec.name, "title": spec.title, "detail": e.message(english: false)]))
            }
        }

        let kind: RecordKind
        let columnOf: [Int?]
        let plans: [FieldPlan?]
        let constants: [FieldValue?]
        let unit: MoneyUnit
        let date1904: Bool
        let values: UnsafeMutableBufferPointer<FieldValue?>
        let verbatim: UnsafeMutableBufferPointer<UnsafeBufferPointer<UInt8>?>
        let typed: TypedRow
        /// Per field: how its sign is found (nil: read as its cell is), and whether any field has one.
        let signs: [SignPlan?]
        let hasSigns: Bool
        /// Per field: the letter of the column the current row's value came from, when it is not
        /// the field's own column (a `minus:` cell alone holding a value); nil otherwise.
        let second: UnsafeMutableBufferPointer<String?>
        /// The days a record may be dated, and the kind's date field: a record dated outside fails.
        let window: DateWindow?
        let dateIndex: Int?
        /// Records with a date, by its year, and how many of them fall in the window (with a window only).
        var years: [Int: Int] = [:]
        var inWindow = 0

        init(kind: RecordKind, plan: ColumnPlan, date1904: Bool, window: DateWindow? = nil) {
            self.window = window
            dateIndex = kind.dateField.flatMap { d in kind.fields.firstIndex { $0.name == d } }
            self.kind = kind
            columnOf = plan.columnOf
            plans = plan.plans
            constants = plan.constants
            unit = plan.unit
            self.date1904 = date1904
            values = .allocate(capacity: kind.fields.count)
            values.initialize(repeating: nil)
            verbatim = .allocate(capacity: kind.fields.count)
            verbatim.initialize(repeating: nil)
            signs = plan.signs
            hasSigns = plan.signs.contains { $0 != nil }
            second = .allocate(capacity: kind.fields.count)
            second.initialize(repeating: nil)
            typed = TypedRow(row: 0, line: nil, values: UnsafeBufferPointer(values), texts: UnsafeBufferPointer(verbatim),
                             second: hasSigns ? UnsafeBufferPointer(second) : nil)
        }

        deinit {
            values.deinitialize().deallocate()
            verbatim.deinitialize().deallocate()
            second.deinitialize().deallocate()
        }

        /// Types `row` into the buffers; the first cell that cannot be typed fails the row.
        func type<R: TableRow>(_ row: R) -> Failure? {
            let fieldCount = kind.fields.count
            for i in 0..<fieldCount { values[i] = constants[i]; verbatim[i] = nil }
            for i in 0..<fieldCount {
                if constants[i] != nil { continue }
                guard let column = columnOf[i] else { continue }
                if hasSigns, let s = signs[i] {
                    if let failure = typeSigned(row, field: i, column: column, s) { return failure }
                    continue
                }
                guard let cell = row.cell(column), cell.kind != .empty || cell.hasFormula else {
                    let spec = kind.fields[i]
                    if spec.required { return blank(column, spec) }
                    continue
                }
                let plan = plans[i]!
                // A text cell for a text field: its bytes, verbatim (a String only if a Record is made).
                if plan.isText && cell.kind == .text {
                    let bytes = cell.withUTF8 { $0 }
                    // A NUL byte would cut the text wherever it is read as a C string: the row is
                    // rejected with where it is, never stored cut short.
                    if let nul = bytes.firstIndex(of: 0) {
                        let spec = plan.spec
                        let at = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<nul]), as: UTF8.self).count + 1
                        return Failure(column: column, code: "value.nul", catalog: "reject.nul", ["name": spec.name, "title": spec.title, "at": at])
                    }
                    if !bytes.isEmpty { verbatim[i] = bytes; continue }
                }
                if let split = plan.split {
                    do throws(CellValueError) { values[i] = try ProfileApplier.splitDate(row, split, date1904: date1904).map(FieldValue.date) } catch {
                        return Failure(column: column, code: "value.date", field: plan.spec, error)
                    }
                    continue
                }
                switch ProfileApplier.value(of: cell, field: plan.spec, mapping: plan.mapping, unit: unit, date1904: date1904) {
                case .success(let v):
                    values[i] = v
                    if v == nil && plan.spec.required { return blank(column, plan.spec) }
                case .failure(let e):
                    return Failure(column: column, code: ProfileApplier.code(for: plan.spec.type), field: plan.spec, e)
                }
            }
            if let window, let d = dateIndex, case .date(let date)? = values[d] {
                years[date.year, default: 0] += 1
                guard window.contains(date) else {
                    let spec = kind.fields[d]
                    return Failure(column: columnOf[d], code: "value.date-outside-year", catalog: "reject.outside-year",
                                   ["name": spec.name, "title": spec.title, "date": date, "year": window.fiscalYear, "first": window.first, "last": window.last, "kind": kind.name])
                }
                inWindow += 1
            }
            return nil
        }

        private func blank(_ column: Int, _ spec: FieldSpec) -> Failure {
            Failure(column: column, code: "value.required-blank", catalog: "reject.blank", ["name": spec.name, "title": spec.title, "kind": kind.name])
        }
    }
}
