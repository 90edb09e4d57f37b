extension Catalog {
    /// English: the errors of the settings' YAML keys read by the ingest target (record kinds, profiles and their sections, groups, signs, cross-tabs, filters). Keys and placeholders as in Catalog+ErrorsSettingsZh.swift.
    static let errorsSettingsEn: [String: String] = [:]
}
