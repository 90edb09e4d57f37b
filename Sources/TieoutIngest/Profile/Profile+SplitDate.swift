import TieoutCore

extension Profile {
    /// A date written in a month and a day column (月 | 日, as general ledgers export it), the
    /// year from the workspace's fiscal year, from the header block (a cell above the header
    /// naming the year: `2024年度`, `期间：2024年1月至12月`), or from a column:
    /// `date: { year: fiscal-year, month: 月, day: 日 }`.
    public struct SplitDate: Sendable, Equatable {
        public enum Year: Sendable, Equatable {
            case fiscalYear
            case headerBlock
            /// A column's header names (aliases), letter or position.
            case column([String])
        }
        public var year: Year
        public var month: [String]
        public var day: [String]

        /// nil when `v` is not a split date (it names none of year, month and day).
        static func parse(_ v: YAMLValue, field: FieldSpec) throws(TieoutError) -> SplitDate? {
            guard case .mapping = v.node else { return nil }
            let entries = try v.mapping()
            guard entries.contains(where: { ["year", "month", "day"].contains($0.key) }) else { return nil }
            let example = Phrase("error.profile.split-date.example", ["example": "\(field.name): { year: fiscal-year, month: 月, day: 日 }"])
            guard field.type == .date else {
                throw v.error(Phrase("error.profile.split-date.not-date", ["field": field.name, "type": field.type.name]),
                              help: Phrase("error.profile.split-date.not-date.help", ["field": field.name]))
            }
            let parts = try v.mapping(allowed: ["year", "month", "day"])
            func part(_ key: String) throws(TieoutError) -> YAMLValue {
                guard let p = parts.first(where: { $0.key == key })?.value else {
                    throw v.error(Phrase("error.profile.split-date.needs", ["key": key]), help: example)
                }
                return p
            }
            let yearValue = try part("year")
            let month = try part("month").strings(), day = try part("day").strings()
            let year: Year
            switch yearValue.node {
            case .sequence: year = .column(try yearValue.strings())
            default:
                let t = try yearValue.string()
                switch t {
                case "fiscal-year": year = .fiscalYear
                case "header_block", "header-block": year = .headerBlock
                case "": throw yearValue.error(Phrase("error.profile.split-date.blank-year"), help: example)
                default: year = .column([t])
                }
            }
            for (k, names) in [("month", month), ("day", day)] where names.isEmpty || names.contains("") {
                throw (parts.first { $0.key == k }!.value).error(k == "month" ? Phrase("error.profile.split-date.no-month") : Phrase("error.profile.split-date.no-day"), help: example)
            }
            return SplitDate(year: year, month: month, day: day)
        }
    }
}
