import TieoutCore

extension ProfileSuggestion {
    /// How well a header names a kind, to choose the kind: a field whose whole name (title or
    /// alias) is a column counts 2, one whose name a column only contains (`金额` in
    /// `预算金额`) 1, and a required field 1 more. Counting the names alone chose
    /// treasury-payment for a procurement export whose 合同签订日期, 项目名称 and 预算金额
    /// name payments' fields only loosely.
    static func weight(_ k: RecordKind, _ columns: [String], _ known: [String: [String: [String]]]) -> Int {
        k.fields.reduce(0) { total, f in
            let names = known[k.name]?[f.name] ?? []
            guard match(f, columns, names) != nil else { return total }
            return total + (names.contains(where: columns.contains) ? 2 : 1) + (f.required ? 1 : 0)
        }
    }

    /// The `period:` line, from the dates the rows hold: the smallest of month, quarter and
    /// year that holds them all (quarterly exports are `quarter`); without dates, a guess.
    static func periodLine(_ dates: [CalendarDate]) -> String {
        guard let first = dates.min(), let last = dates.max() else {
            return "period: month    # GUESS: a file per month (quarter or year otherwise)"
        }
        if first == last { return "period: year    # GUESS: its rows hold one date (\(first)); a file per year (month or quarter otherwise)" }
        let span = "\(first) to \(last)"
        if first.period(.month) == last.period(.month) { return "period: month    # its dates (\(span)) are of one month" }
        if first.period(.quarter) == last.period(.quarter) { return "period: quarter    # its dates (\(span)) are of one quarter" }
        if first.year == last.year { return "period: year    # its dates (\(span)) are of one year" }
        return "period: year    # GUESS — CHECK: its dates run from \(first) to \(last), more than a year"
    }

    /// A column as a profile names it: its header, or its letter when the header cell is blank
    /// (never `amount: ""`, which names no column): `amount: E`.
    static func columnRef(_ columns: [String], _ i: Int) -> String {
        columns[i].isEmpty ? SourceLocation.letter(forColumn: i + 1) : yamlString(columns[i])
    }
}
