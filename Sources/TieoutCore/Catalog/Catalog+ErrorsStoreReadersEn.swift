extension Catalog {
    /// English: the errors of the dataset store (SQLite and PostgreSQL), the readers (xlsx, xls, zip, docx) and the installed resources. Keys and placeholders as in Catalog+ErrorsStoreReadersZh.swift.
    static let errorsStoreReadersEn: [String: String] = [:]
}
