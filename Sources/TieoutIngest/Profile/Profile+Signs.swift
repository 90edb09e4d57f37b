import TieoutCore

extension Profile {
    /// How an amount's sign is found, besides its own cell: a second column subtracted
    /// (`minus:`, 借方 − 贷方, 调增 − 调减), the value negated (`negate: true`, a positive 追减
    /// reduces), or a direction column whose words say which way it goes (`sign:`, 借/贷, 红字,
    /// a 摘要 of 资金退回). All three may be combined: (from − minus) × negate × sign.
    ///
    /// ```yaml
    /// columns:
    ///   amount: { from: 借方, minus: 贷方 }
    ///   amount: { from: 金额, sign: { column: 借贷方向, negative: [贷, 红字], positive: [借] } }
    /// ```
    public struct SignRule: Sendable, Equatable {
        /// `minus:` the column subtracted (header aliases, a letter or a position); its cell
        /// counts 0 when blank, and a row with both cells blank is rejected.
        public var minus: [String] = []
        /// `negate: true`: the value read is negated.
        public var negate = false
        /// `sign:` a direction column.
        public var direction: Direction?
        /// Where it is written (for errors found later, such as a missing column).
        public var line: Int?

        public struct Direction: Sendable, Equatable {
            /// The column holding the direction word (header aliases, a letter or a position).
            public var column: [String]
            /// Words (or patterns such as `*资金退回*`) that make the value negative; tried first.
            public var negative: [String]
            /// Words that keep it as it is; nil: every word not in `negative`, blank included.
            public var positive: [String]?
            public var line: Int?

            /// -1, +1, or nil when the word is in neither list.
            public func sign(of word: String) -> Int? {
                if negative.contains(where: { Self.matches($0, word) }) { return -1 }
                guard let positive else { return 1 }
                return positive.contains(where: { Self.matches($0, word) }) ? 1 : nil
            }

            /// A word, or a pattern as in `sheets:` (`*资金退回*`; here `*` spans a `/` too).
            static func matches(_ pattern: String, _ word: String) -> Bool {
                guard pattern.contains(where: { "*?[".contains($0) }) else { return pattern == word }
                return Glob.matches(pattern.replacing("/", with: "\u{2215}"), word.replacing("/", with: "\u{2215}"))
            }
        }
    }

    /// Keys of a column mapping that say how the value's sign is found.
    static let signKeys = ["minus", "negate", "sign"]

    /// Reads `minus:`, `negate:` or `sign:` of a field's mapping into `m`; each applies to amount fields only.
    static func parseSign(_ key: String, _ e: YAMLValue, into m: inout ColumnMapping) throws(TieoutError) {
        let field = m.field
        guard field.type == .amount else {
            let fix = key == "minus" ? "map the field to one column, or read the amount from two columns into an amount field"
                : "remove `\(key):` here, or map an amount field"
            throw e.error("'\(key)' applies to amount fields; \(field.name) (\(field.title)) is \(field.type.name)", help: "The sign of a value is an amount's: \(fix).")
        }
        var rule = m.signs ?? SignRule(line: m.line)
        switch key {
        case "minus":
            let names = try e.strings().map { $0.trimmingSpaces() }
            guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
                throw e.error("no column named to subtract", help: "Write the header of the column subtracted, such as `minus: 贷方` (aliases as a list).")
            }
            rule.minus = names
        case "negate":
            let t = try e.string()
            guard t == "true" || t == "false" else {
                throw e.error("'\(t)' is not true or false", help: "Write `negate: true` to read a positive cell (追减, 调减金额) as a reduction.")
            }
            rule.negate = t == "true"
        default:
            let entries = try e.mapping(allowed: ["column", "negative", "positive"])
            func value(_ k: String) -> YAMLValue? { entries.first { $0.key == k }?.value }
            guard let c = value("column") else {
                throw e.error("`sign:` names no column", help: "Write `sign: { column: 借贷方向, negative: [贷], positive: [借] }`: the column holding the direction word.")
            }
            let column = try c.strings().map { $0.trimmingSpaces() }
            guard !column.isEmpty, !column.contains(where: \.isEmpty) else {
                throw c.error("no column named for the direction", help: "Write the header of the column holding 借/贷 (or 红字, 资金退回), its letter or position.")
            }
            guard let n = value("negative") else {
                throw e.error("`sign:` lists no negative words", help: "List the words that make the amount negative, such as `negative: [贷, 红字]` (patterns such as \"*资金退回*\" too).")
            }
            let negative = try n.strings()
            let positive = try value("positive")?.strings()
            guard !negative.isEmpty else { throw n.error("the list of negative words is empty", help: "List at least one word, such as `negative: [贷]`.") }
            if let both = negative.first(where: { positive?.contains($0) ?? false }) {
                throw n.error("'\(both)' is both a negative and a positive word", help: "Keep it in one of the two lists.")
            }
            if m.from.map({ $0.trimmingSpaces() }) == column {
                throw c.error("the direction column is the amount's own column", help: "Name the column that holds the direction word (借/贷), not the amount.")
            }
            rule.direction = SignRule.Direction(column: column, negative: negative, positive: positive, line: c.line)
        }
        m.signs = rule
    }
}
