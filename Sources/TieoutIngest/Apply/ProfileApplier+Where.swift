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
                    throw TieoutError(code: "profile.column",
                                      what: "\(file) has no column '\(c.column)' for the condition of `where:` (\(profile.file) line \(c.line.map(String.init) ?? "?"))",
                                      location: plan.headerRow,
                                      help: "Its columns are \(known.isEmpty ? "unnamed" : known); name the column as the header writes it, or by letter.")
                }
                out.append((c, i))
            }
            conditions = out
        }

        /// Why `row` is not a record (the first condition it fails), and whether it still counts in
        /// the export's totals (every condition it fails says `in_totals: true`); nil when every one holds.
        func failure<R: TableRow>(_ row: R, date1904: Bool) -> (reason: String, inTotals: Bool)? {
            var reason: String? = nil, inTotals = true
            for (c, column) in conditions {
                let text = (row.cell(column)?.text(date1904: date1904) ?? "").trimmingSpaces()
                guard !c.holds(text) else { continue }
                if reason == nil { reason = c.reason(text) }
                inTotals = inTotals && c.inTotals
                if !inTotals { break }
            }
            return reason.map { ($0, inTotals) }
        }
    }
}
