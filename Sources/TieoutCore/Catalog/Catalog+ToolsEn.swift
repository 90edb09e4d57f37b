extension Catalog {
    /// English: the words of the commands that show files, kinds and the dataset (cat, sheets, totals, kinds, export, status, enqueue, report). Keys and placeholders as in Catalog+ToolsZh.swift.
    static let toolsEn: [String: String] = [:]
}
