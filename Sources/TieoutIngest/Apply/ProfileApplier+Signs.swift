import TieoutCore

extension ProfileApplier {
    /// A field whose value's sign is found besides its own cell (``Profile/SignRule``), with its
    /// columns resolved against one table's header.
    struct SignPlan {
        var rule: Profile.SignRule
        /// The column subtracted (`minus:`), and its letter (the value's cell when it alone holds a value).
        var minus: Int?
        var minusLetter: String?
        var minusHeader: String?
        /// The header of the field's own column.
        var fromHeader = ""
        /// The direction column (`sign:`).
        var direction: Int?
        var directionHeader: String?

        /// Per field of the kind: its sign plan, nil for fields read from one cell as they are.
        static func plans(profile: Profile, columns: [String], columnOf: [Int?], plans: [FieldPlan?], unit: MoneyUnit,
                          file: String, at headerRow: SourceLocation) throws(TieoutError) -> [SignPlan?] {
            let kind = profile.kind
            var out: [SignPlan?] = Array(repeating: nil, count: kind.fields.count)
            for (i, plan) in plans.enumerated() {
                guard let plan, let rule = plan.mapping.signs, columnOf[i] != nil else { continue }
                func resolve(_ names: [String], what: Phrase, line: Int?) throws(TieoutError) -> Int {
                    // A part reading a column group: the group's own column first (`预算调整/追减`), as for `from:`.
                    if let g = profile.groupInForce, g.prefixed,
                       let c = names.lazy.compactMap({ columns.firstIndex(of: g.name + "/" + $0.trimmingSpaces()) }).first { return c + 1 }
                    for n in names {
                        if let c = columns.firstIndex(of: n.trimmingSpaces()) { return c + 1 }
                    }
                    for n in names {
                        if let c = ColumnReference.index(of: n, in: columns), !columns.contains(n), ProfileApplier.isReference(n) { return c + 1 }
                    }
                    let known = columns.filter { !$0.isEmpty }.map { "'\($0)'" }.joined(separator: ", ")
                    throw TieoutError(code: "profile.column", key: "profile.sign-column",
                                      ["file": file, "names": Joined(names.map { Phrase("error.profile.column.name", ["name": $0]) }, or: true), "what": what,
                                       "field": plan.spec.name, "title": plan.spec.title, "profile": profile.file, "line": line.map(String.init) ?? "?",
                                       "known": known.isEmpty ? Phrase("error.profile.column.unnamed") : Phrase("error.profile.column.known", ["known": known])],
                                      location: headerRow)
                }
                var s = SignPlan(rule: rule)
                s.fromHeader = columnOf[i]! - 1 < columns.count ? columns[columnOf[i]! - 1] : ""
                if !rule.minus.isEmpty {
                    let c = try resolve(rule.minus, what: Phrase("error.profile.sign-column.minus"), line: rule.line)
                    s.minus = c
                    s.minusLetter = SourceLocation.letter(forColumn: c)
                    s.minusHeader = c - 1 < columns.count ? columns[c - 1] : nil
                    // The column subtracted is read in the field's unit: a header naming another is a mistake.
                    if let header = s.minusHeader, let named = MoneyUnit.named(inHeader: header) {
                        let read = plan.mapping.unit.flatMap(ProfileApplier.fixedUnit) ?? unit
                        if named != read {
                            throw TieoutError(code: "profile.unit",
                                              what: Phrase("error.profile.unit.what", ["letter": s.minusLetter!, "header": header, "file": file, "named": named.symbol,
                                                                                       "profile": profile.file, "field": plan.spec.name, "read": read.symbol]),
                                              location: headerRow,
                                              help: Phrase("error.profile.minus-unit.help", ["named": named.symbol, "profile": profile.file]))
                        }
                    }
                }
                if let d = rule.direction {
                    let c = try resolve(d.column, what: Phrase("error.profile.sign-column.direction", ["example": "sign: { column: … }"]), line: d.line)
                    s.direction = c
                    s.directionHeader = c - 1 < columns.count ? columns[c - 1] : SourceLocation.letter(forColumn: c)
                }
                out[i] = s
            }
            return out
        }
    }
}

extension ProfileApplier.SignPlan {
    /// What a subtotal or cumulative row states for the field, signed as its records are:
    /// (from − minus) (a blank cell counts 0; nil when both are blank), negated, and by the row's
    /// direction word when it is in a list. Unreadable cells throw, as for one column.
    static func stated<R: TableRow>(_ plan: Self?, _ row: R, column: Int, unit: MoneyUnit) throws(CellValueError) -> Amount? {
        guard let plan else { return try row.cell(column)?.amount(unit: unit) }
        return try plan.stated(row, column: column, unit: unit)
    }

    func stated<R: TableRow>(_ row: R, column: Int, unit: MoneyUnit) throws(CellValueError) -> Amount? {
        var value = try row.cell(column)?.amount(unit: unit)
        if let m = minus, let minus = try row.cell(m)?.amount(unit: unit) { value = (value ?? .zero) - minus }
        guard var v = value else { return nil }
        if rule.negate { v = -v }
        if let d = direction, let sign = rule.direction?.sign(of: (row.cell(d)?.text(date1904: false) ?? "").trimmingSpaces()), sign < 0 { v = -v }
        return v
    }
}

extension ProfileApplier.RowTyper {
    /// Types field `i`, read from `column` with its sign plan: (from − minus), negated, signed by
    /// the direction word. Exact: Amount arithmetic throughout. The value's cell is the `from`
    /// cell, or the `minus` cell when only that one holds a value (``second``).
    func typeSigned<R: TableRow>(_ row: R, field i: Int, column: Int, _ s: ProfileApplier.SignPlan) -> Failure? {
        let plan = plans[i]!
        let spec = plan.spec
        /// Cell `c` as an amount (nil: blank), or why it is not one.
        func amount(_ c: Int) -> (Amount?, Failure?) {
            guard let cell = row.cell(c), cell.kind != .empty || cell.hasFormula else { return (nil, nil) }
            switch ProfileApplier.value(of: cell, field: spec, mapping: plan.mapping, unit: unit, date1904: date1904) {
            case .success(.amount(let a)?): return (a, nil)
            case .success: return (nil, nil)
            case .failure(let e):
                return (nil, Failure(column: c, code: ProfileApplier.code(for: spec.type), field: spec, e))
            }
        }
        let (from, bad) = amount(column)
        if let bad { return bad }
        var value: Amount
        second[i] = nil
        if let m = s.minus {
            let (minus, badMinus) = amount(m)
            if let badMinus { return badMinus }
            guard from != nil || minus != nil else {
                return Failure(column: column, code: "value.required-blank", catalog: "reject.both-blank",
                               ["name": spec.name, "title": spec.title, "from": s.fromHeader, "minus": s.minusHeader ?? "",
                                "a": SourceLocation.letter(forColumn: column), "b": s.minusLetter!])
            }
            value = (from ?? Amount(0)) - (minus ?? Amount(0))
            if from == nil { second[i] = s.minusLetter }
        } else {
            guard let from else {
                if spec.required { return Failure(column: column, code: "value.required-blank", catalog: "reject.blank", ["name": spec.name, "title": spec.title, "kind": kind.name]) }
                return nil
            }
            value = from
        }
        if s.rule.negate { value = -value }
        if let d = s.direction, let rule = s.rule.direction {
            let word = (row.cell(d)?.text(date1904: date1904) ?? "").trimmingSpaces()
            guard let sign = rule.sign(of: word) else {
                func text(_ english: Bool) -> String {
                    let lists = Catalog.text("reject.sign.negative", english: english, ["words": rule.negative.joined(separator: ", ")])
                        + (rule.positive.map { Catalog.text("reject.sign.positive", english: english, ["words": $0.joined(separator: ", ")]) } ?? "")
                    return Catalog.text("reject.sign", english: english, ["name": spec.name, "title": spec.title, "header": s.directionHeader ?? "",
                                                                            "word": word.isEmpty ? Catalog.text("where.blank", english: english) : "'\(word)'", "lists": lists])
                }
                return Failure(column: d, code: "value.sign", reason: text(true), reasonZh: text(false))
            }
            if sign < 0 { value = -value }
        }
        values[i] = .amount(value)
        return nil
    }
}

extension ProfileApplier.ColumnPlan {
    /// Each field read `minus:` a second column, with that column's letter and header.
    func secondColumns(_ kind: RecordKind) -> [(field: String, letter: String, header: String)] {
        signs.enumerated().compactMap { i, s in
            guard let s, let letter = s.minusLetter else { return nil }
            return (kind.fields[i].name, letter, s.minusHeader ?? "")
        }
    }
}
