extension Catalog {
    /// English: the errors of the YAML keys of figures, claims, claim phrases, rules, assessments and the rubric. Keys and placeholders as in Catalog+ErrorsDefinitionsZh.swift.
    static let errorsDefinitionsEn: [String: String] = [:]
}
