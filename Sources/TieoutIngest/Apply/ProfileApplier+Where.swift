import TieoutCore

extension ProfileApplier {
    /// The column a profile names (header text, letter `H` or position `#8`), as ColumnPlan
    /// resolves its fields' columns; nil when the table has none such.
    static func column(named name: String, in columns: [String]) -> Int? {
        if let i = columns.firstIndex(of: name.trimmingSpaces()) { return i + 1 }
        if let i = ColumnReference.index(of: name, in: columns), !columns.contains(name), isReference(name) { return i + 1 }
        return nil
    }

    /// `where:` with its columns found in the table: a row failing a condition is filtered,
    /// with the condition's reason. Only the conditions' own cells are read.
    struct RowFilter {
        let conditions: [(condition: Profile.RowCondition, column: Int)]

        init?(profile: Profile, plan: ColumnPlan, file: String) throws(TieoutError) {
            guard !profile.filters.isEmpty else { return nil }
            let columns = plan.header.columns
            var out: [(Profile.RowCondition, Int)] = []
            for c in profile.filters {
                guard let i = ProfileApplier.column(named: c.column, in: columns) else {
                    let known = columns.filter { !$0.isEmpty }.map { "'\($0)'" }.joined(separator: ", ")
                    throw TieoutError(code: "profile.column", key: "profile.where.column",
                                      ["file": file, "column": c.column, "profile": profile.file, "line": c.line.map(String.init) ?? "?",
                                       "known": known.isEmpty ? Phrase("error.profile.column.unnamed") : Phrase("error.profile.column.known", ["known": known])],
                                      location: plan.headerRow)
                }
                out.append((c, i))
            }
            conditions = out
            matchers = out.map { c, _ in
                let words = c.words.filter { $0 != "blank" }
                let m = words.compactMap(Matcher.init)
                return m.count == words.count ? m : nil
            }
        }

        /// Why `row` is not a record (the first condition it fails), and whether it still counts in
        /// the export's totals (every condition it fails says `in_totals: true`); nil when every one holds.
        func failure<R: TableRow>(_ row: R, date1904: Bool) -> (reason: String, reasonZh: String, inTotals: Bool)? {
            var reason: (en: String, zh: String)? = nil, inTotals = true
            for (i, (c, column)) in conditions.enumerated() {
                let cell = row.cell(column)
                if let held = quick(i, cell) { if held { continue } }
                let text = (cell?.text(date1904: date1904) ?? "").trimmingSpaces()
                guard !c.holds(text) else { continue }
                if reason == nil { reason = (c.reason(text), c.reason(text, english: false)) }
                inTotals = inTotals && c.inTotals
                if !inTotals { break }
            }
            return reason.map { ($0.en, $0.zh, inTotals) }
        }

        /// How a word matches a cell's bytes: whole, or a glob with `*` only at its ends.
        enum Matcher {
            case whole([UInt8]), prefix([UInt8]), suffix([UInt8]), infix([UInt8])

            init?(_ word: String) {
                let core = word.trimmingPrefix("*")
                let inner = core.hasSuffix("*") ? core.dropLast() : core[...]
                guard !inner.isEmpty, !inner.contains(where: { "*?[".contains($0) }) else { return nil }
                let bytes = Array(inner.utf8)
                switch (word.hasPrefix("*"), core.hasSuffix("*")) {
                case (false, false): self = .whole(bytes)
                case (false, true): self = .prefix(bytes)
                case (true, false): self = .suffix(bytes)
                case (true, true): self = .infix(bytes)
                }
            }

            func matches(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
                switch self {
                case .whole(let w): return w.count == b.count && w.elementsEqual(b)
                case .prefix(let w): return w.count <= b.count && w.elementsEqual(b.prefix(w.count))
                case .suffix(let w): return w.count <= b.count && w.elementsEqual(b.suffix(w.count))
                case .infix(let w): return ProfileApplier.contains(b, w)
                }
            }
        }

        /// Per condition: its words as byte matchers (no String per cell), nil when a word needs
        /// the full glob (`?`, `[…]`, or `*` inside). `blank` needs none: a cell with text is not blank.
        private let matchers: [[Matcher]?]

        /// Whether condition `i` holds, decided on the cell's bytes when that is certain: a blank
        /// cell, or a text cell without surrounding spaces; nil otherwise.
        private func quick(_ i: Int, _ cell: Cell?) -> Bool? {
            let c = conditions[i].condition
            guard let cell, cell.kind != .empty else { return c.holds("") }
            guard cell.kind == .text, let words = matchers[i] else { return nil }
            return cell.withUTF8 { (b: UnsafeBufferPointer<UInt8>) -> Bool? in
                guard let first = b.first, let last = b.last, first > 0x20, last > 0x20, first != 0xE3, !ProfileApplier.endsWithWideSpace(b) else { return nil }
                return words.contains { $0.matches(b) } == c.wanted
            }
        }
    }
}

extension ProfileApplier {
    /// The bytes end with U+3000 IDEOGRAPHIC SPACE.
    static func endsWithWideSpace(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count >= 3 && b[b.count - 3] == 0xE3 && b[b.count - 2] == 0x80 && b[b.count - 1] == 0x80
    }
}
