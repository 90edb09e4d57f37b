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
            let fix = key == "minus" ? Phrase("error.profile.sign.fix-minus") : Phrase("error.profile.sign.fix-other", ["key": key])
            throw e.error(Phrase("error.profile.sign.not-amount", ["key": key, "field": field.name, "title": field.title, "type": field.type.name]),
                          help: Phrase("error.profile.sign.not-amount.help", ["fix": fix]))
        }
        var rule = m.signs ?? SignRule(line: m.line)
        switch key {
        case "minus":
            let names = try e.strings().map { $0.trimmingSpaces() }
            guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
                throw e.error(Phrase("error.profile.sign.no-minus"), help: Phrase("error.profile.sign.no-minus.help"))
            }
            rule.minus = names
        case "negate":
            let t = try e.string()
            guard t == "true" || t == "false" else {
                throw e.error(Phrase("error.settings.not-true-or-false", ["value": t]), help: Phrase("error.profile.sign.negate.help"))
            }
            rule.negate = t == "true"
        default:
            let entries = try e.mapping(allowed: ["column", "negative", "positive"])
            func value(_ k: String) -> YAMLValue? { entries.first { $0.key == k }?.value }
            guard let c = value("column") else {
                throw e.error(Phrase("error.profile.sign.no-column"),
                              help: Phrase("error.profile.sign.no-column.help", ["example": "sign: { column: 借贷方向, negative: [贷], positive: [借] }"]))
            }
            let column = try c.strings().map { $0.trimmingSpaces() }
            guard !column.isEmpty, !column.contains(where: \.isEmpty) else {
                throw c.error(Phrase("error.profile.sign.no-direction"), help: Phrase("error.profile.sign.no-direction.help"))
            }
            guard let n = value("negative") else {
                throw e.error(Phrase("error.profile.sign.no-negative"), help: Phrase("error.profile.sign.no-negative.help"))
            }
            let negative = try n.strings()
            let positive = try value("positive")?.strings()
            guard !negative.isEmpty else { throw n.error(Phrase("error.profile.sign.empty-negative"), help: Phrase("error.profile.sign.empty-negative.help")) }
            if let both = negative.first(where: { positive?.contains($0) ?? false }) {
                throw n.error(Phrase("error.profile.sign.both", ["word": both]), help: Phrase("error.profile.sign.both.help"))
            }
            if m.from.map({ $0.trimmingSpaces() }) == column {
                throw c.error(Phrase("error.profile.sign.own-column"), help: Phrase("error.profile.sign.own-column.help"))
            }
            rule.direction = SignRule.Direction(column: column, negative: negative, positive: positive, line: c.line)
        }
        m.signs = rule
    }
}
