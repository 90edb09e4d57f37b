import TieoutCore

extension ProfileApplier {
    /// What a profile says about one table, worked out once from its header: which column
    /// feeds each field and how it is typed, the unit in force, the constants, the subtotal
    /// columns and fields, the skip patterns.
    struct ColumnPlan {
        var header: TableHeader
        /// Where errors about the header point.
        var headerRow: SourceLocation
        /// Per field of the kind: its column (from 1), nil when unmapped or absent.
        var columnOf: [Int?]
        /// Per field: its spec and mapping, shared by reference while rows are typed.
        var plans: [FieldPlan?]
        /// Optional fields the table has no column for.
        var absent: [String]
        var unit: MoneyUnit
        /// Per field: the profile's constant, typed.
        var constants: [FieldValue?]
        /// The column holding subtotal labels (nil: the first filled cell), or hierarchy codes.
        var labelColumn: Int?
        var codeColumn: Int?
        /// The fields a subtotal row is checked on (their indexes).
        var checked: [Int]
        var patterns: [(text: String, regex: Regex<AnyRegexOutput>)]
        /// Per field: its column's letter (`G`), nil when unmapped.
        var letters: [String?]
        /// Per field: how an amount's sign is found (`minus:`, `negate:`, `sign:`), nil for most.
        var signs: [SignPlan?]
        /// A part reading a column group: the group's cells (a row where all are blank gives no record of it).
        var groupCells: [Int] = []

        init(profile: Profile, header sourceHeader: TableHeader, file: String, sheet: String?) throws(TieoutError) {
            let kind = profile.kind
            var header = sourceHeader
            let headerRow = header.row.map { row in
                sheet == nil ? SourceLocation(file: file, record: row) : SourceLocation(file: file, sheet: sheet, line: row)
            } ?? SourceLocation(file: file, sheet: sheet)
            if let rows = profile.headerRows, rows.count > 1 {
                let upper = header.titleLines.suffix(rows.count - 1)
                guard upper.count == rows.count - 1 else {
                    throw TieoutError(code: "profile.header", ["rows": "\(rows)", "file": file, "profile": profile.file], location: headerRow)
                }
                header.columns = ProfileApplier.flatten(Array(upper) + [header.columns])
                header.titleLines.removeLast(rows.count - 1)
                header.titleRows.removeLast(min(rows.count - 1, header.titleRows.count))
            }
            let columns = header.columns
            func resolve(_ names: [String], line: Int?, what: Phrase) throws(TieoutError) -> Int {
                // A part reading a column group: its columns under the group's header first (`预算调整/文号`).
                if let g = profile.groupInForce, g.prefixed, let i = names.lazy.compactMap({ columns.firstIndex(of: g.name + "/" + $0.trimmingSpaces()) }).first { return i + 1 }
                for n in names {
                    if let i = columns.firstIndex(of: n.trimmingSpaces()) { return i + 1 }
                }
                for n in names {
                    if let i = ColumnReference.index(of: n, in: columns), !columns.contains(n), ProfileApplier.isReference(n) { return i + 1 }
                }
                let known = columns.filter { !$0.isEmpty }.map { "'\($0)'" }.joined(separator: ", ")
                let named = Joined(names.map { Phrase("error.profile.column.name", ["name": $0]) }, or: true)
                throw TieoutError(code: "profile.column",
                                  ["file": file, "names": named, "what": what, "profile": profile.file, "line": line.map(String.init) ?? "?",
                                   "known": known.isEmpty ? Phrase("error.profile.column.unnamed") : Phrase("error.profile.column.known", ["known": known])],
                                  location: headerRow)
            }
            var columnOf: [Int?] = Array(repeating: nil, count: kind.fields.count)
            var plans: [FieldPlan?] = Array(repeating: nil, count: kind.fields.count)
            var absent: [String] = []
            for m in profile.columns {
                let i = kind.fields.firstIndex { $0.name == m.field.name }!
                do {
                    columnOf[i] = try resolve(m.from, line: m.line, what: Phrase("error.profile.column.field", ["field": m.field.name, "title": m.field.title]))
                } catch where !m.field.required {
                    // An optional field the export does not have: left blank, and said so.
                    absent.append(m.field.name)
                    continue
                }
                plans[i] = FieldPlan(spec: kind.fields[i], mapping: m)
                if let split = m.split {
                    plans[i]!.split = try SplitColumns(split, month: columnOf[i]!, profile: profile, titles: header.titleLines, file: file, at: headerRow) {
                        (names, what) throws(TieoutError) in try resolve(names, line: m.line, what: what)
                    }
                }
            }
            var unit = MoneyUnit.yuan
            switch profile.unit {
            case .fixed(let u): unit = u
            case .fromTitle:
                guard let u = ProfileApplier.unitFromTitles(header.titleLines) else {
                    throw TieoutError(code: "profile.unit", key: "profile.no-unit-line", ["file": file, "profile": profile.name], location: headerRow)
                }
                unit = u
            }
            try Self.checkHeaderUnits(columnOf: columnOf, plans: plans, columns: columns, unit: unit,
                                      profile: profile, file: file, at: headerRow)
            signs = try SignPlan.plans(profile: profile, columns: columns, columnOf: columnOf, plans: plans, unit: unit, file: file, at: headerRow)
            var constants: [FieldValue?] = Array(repeating: nil, count: kind.fields.count)
            for c in profile.constants {
                let i = kind.fields.firstIndex { $0.name == c.field.name }!
                constants[i] = try ProfileApplier.constant(c.value, field: c.field, file: profile.file, line: c.line)
            }
            let rule = profile.subtotals
            labelColumn = try rule?.column.map { (c: String) throws(TieoutError) -> Int in try resolve([c], line: nil, what: Phrase("error.profile.column.subtotal-labels")) }
            codeColumn = try rule?.hierarchy.map { (c: String) throws(TieoutError) -> Int in try resolve([c], line: nil, what: Phrase("error.profile.column.hierarchy-codes")) }
            checked = rule.map { r in
                let names = r.check.isEmpty ? profile.columns.filter { $0.field.type == .amount || $0.field.type == .integer }.map(\.field.name) : r.check
                return names.compactMap { n in kind.fields.firstIndex { $0.name == n } }.filter { columnOf[$0] != nil }
            } ?? []
            // Compiled once (Profile.parse has checked that each compiles).
            patterns = profile.skipPatterns.compactMap { p in (try? Regex(p)).map { (p, $0) } }
            letters = columnOf.map { $0.map { SourceLocation.letter(forColumn: $0) } }
            groupCells = profile.groupInForce?.cellColumns(columns) ?? []
            self.header = header
            self.headerRow = headerRow
            self.columnOf = columnOf
            self.plans = plans
            self.absent = absent
            self.unit = unit
            self.constants = constants
        }

        /// Each mapped field with its column's letter and header text.
        func fieldColumns(_ kind: RecordKind) -> [(field: String, letter: String, header: String, row: Int?)] {
            columnOf.enumerated().compactMap { i, c in
                c.map { (kind.fields[i].name, letters[i]!, $0 - 1 < header.columns.count ? header.columns[$0 - 1] : "", nil) }
            }
        }
    }
}
