import TieoutCore

extension Profile {
    /// One condition of `where:` on a named column: a row is a record only when every one holds.
    ///
    /// ```yaml
    /// where:
    ///   凭证状态: { not: [已作废] }     # the cell is none of these (globs as in `sheets:`)
    ///   摘要: { not: ["*结转*"] }
    ///   凭证号: { not: blank }          # continuation lines have no 凭证号
    ///   业务类型: { is: [支付, 退回] }   # the cell is one of these
    /// ```
    /// A row that fails one is `filtered`: counted apart from skipped rows, with its reason.
    public struct RowCondition: Sendable, Equatable {
        /// The column: its header (or an alias), letter (`H`) or position (`#8`).
        public var column: String
        /// true: the cell must match one of `words`; false: it must match none.
        public var wanted: Bool
        /// Words or globs (`*结转*`); `blank` stands for an empty cell.
        public var words: [String]
        /// `in_totals: true`: the rows it leaves out still count in the export's own totals
        /// (本月合计, 小计, 本年累计), as a ledger's closing entry (期末结转) does.
        public var inTotals = false
        public var line: Int?

        /// Whether a cell's text (spaces trimmed) meets the condition.
        public func holds(_ text: String) -> Bool {
            matches(text) == wanted
        }

        /// The word or glob `text` matches, if any.
        func matches(_ text: String) -> Bool {
            words.contains { w in
                if w == "blank" { return text.isEmpty }
                guard !text.isEmpty else { return false }
                // A cell is no path: `*` runs over any character, `/` included.
                return w.contains(where: { "*?[".contains($0) }) ? Glob.matches(w.replacing("*", with: "**"), text) : w == text
            }
        }

        /// Why a row whose cell reads `text` fails: `凭证状态 is 已作废`, `凭证号 is blank`
        /// (`凭证状态 为 已作废` in Chinese: the catalog's `where.*`).
        func reason(_ text: String, english: Bool = true) -> String {
            let shown = text.isEmpty ? Catalog.text("where.blank", english: english) : text
            return wanted ? Catalog.text("where.is", english: english, ["column": column, "value": shown,
                                                                          "words": words.joined(separator: Catalog.text("where.or", english: english))])
                          : Catalog.text("where.not", english: english, ["column": column, "value": shown, "words": words.joined(separator: ", ")])
        }
    }

    /// `where:`, `sections:` and `header_block:`: which rows are records, and fields filled from
    /// other rows than the record's own. Each mistake is an error with its line and fix.
    mutating func parseRowKeys(where w: YAMLValue?, sections s: YAMLValue?, headerBlock h: YAMLValue?) throws(TieoutError) {
        if let w { filters = try Self.parseWhere(w) }
        if let s { sections = try parseSections(s) }
        if let h { headerBlock = try parseHeaderBlock(h) }
    }

    /// A field a section row or the header block fills: it needs no column.
    func fillsFromRows(_ field: String) -> Bool {
        sections?.field.name == field || headerBlock.contains { $0.field.name == field }
    }

    static func parseWhere(_ v: YAMLValue) throws(TieoutError) -> [RowCondition] {
        let example = Phrase("error.settings.write-example", ["example": "where: { 凭证状态: { not: [已作废] }, 凭证号: { not: blank } }"])
        guard case .mapping = v.node else { throw v.error(Phrase("error.profile.where.map"), help: example) }
        var out: [RowCondition] = []
        for (column, c) in try v.mapping() {
            guard case .mapping = c.node else {
                throw c.error(Phrase("error.profile.where.not-condition", ["column": column, "not": "{ not: … }", "is": "{ is: … }"]), help: example)
            }
            var entries = try c.mapping(allowed: ["not", "is", "in_totals"])
            var inTotals = false
            if let i = entries.firstIndex(where: { $0.key == "in_totals" }) {
                let t = try entries[i].value.string()
                guard t == "true" || t == "false" else {
                    throw entries[i].value.error(Phrase("error.settings.not-true-or-false", ["value": t]), help: Phrase("error.profile.where.in-totals.help"))
                }
                inTotals = t == "true"
                entries.remove(at: i)
            }
            guard entries.count == 1, let (op, words) = entries.first else {
                throw c.error(Phrase("error.profile.where.one-op", ["column": column]), help: Phrase("error.profile.where.one-op.help", ["example": "{ not: [已作废, 红冲] }"]))
            }
            let list = try words.strings()
            guard !list.isEmpty, !list.contains(where: { $0.trimmingSpaces().isEmpty }) else {
                throw words.error(Phrase("error.profile.where.no-word", ["column": column]), help: Phrase("error.profile.where.no-word.help"))
            }
            out.append(RowCondition(column: column, wanted: op == "is", words: list.map { $0.trimmingSpaces() }, inTotals: inTotals, line: c.line ?? v.line))
        }
        guard !out.isEmpty else { throw v.error(Phrase("error.profile.where.empty"), help: example) }
        return out
    }
}
