extension Catalog {
    /// 中文：数据集（SQLite 与 PostgreSQL）、读取器（xlsx、xls、zip、docx）与安装资源的错误用语。键与占位符同 Catalog+ErrorsStoreReadersEn.swift。
    static let errorsStoreReadersZh: [String: String] = [:]
}
