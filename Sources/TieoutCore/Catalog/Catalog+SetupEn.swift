extension Catalog {
    /// English: the words of the setup commands (init, suggest, validate, claims). Keys and placeholders as in Catalog+SetupZh.swift.
    static let setupEn: [String: String] = [:]
}
