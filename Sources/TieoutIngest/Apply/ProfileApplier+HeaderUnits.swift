import TieoutCore

extension ProfileApplier.ColumnPlan {
    /// An amount column whose header names its unit (`计划金额（万元）`) is read in that unit or
    /// not at all: a profile that would read it in another unit fails the file, naming the
    /// column and the fix, since amounts 10,000 times too small or too large are silently wrong.
    static func checkHeaderUnits(columnOf: [Int?], plans: [ProfileApplier.FieldPlan?], columns: [String], unit: MoneyUnit,
                                 profile: Profile, file: String, at headerRow: SourceLocation) throws(TieoutError) {
        for (i, plan) in plans.enumerated() {
            guard let plan, plan.spec.type == .amount, let column = columnOf[i], column - 1 < columns.count else { continue }
            let header = columns[column - 1]
            guard let named = MoneyUnit.named(inHeader: header) else { continue }
            let read = plan.mapping.unit.flatMap(ProfileApplier.fixedUnit) ?? unit
            guard named != read else { continue }
            let letter = SourceLocation.letter(forColumn: column)
            throw TieoutError(code: "profile.unit",
                              ["letter": letter, "header": header, "file": file, "named": named.symbol, "profile": profile.file, "field": plan.spec.name,
                               "read": read.symbol, "name": profile.name,
                               "snippet": "\(plan.spec.name): { from: \(ProfileSuggestion.yamlString(header)), unit: \(named.symbol) }"],
                              location: headerRow)
        }
    }
}
