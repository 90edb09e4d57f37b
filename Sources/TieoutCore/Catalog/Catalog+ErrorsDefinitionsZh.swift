extension Catalog {
    /// 中文：指标、陈述、陈述用语、规则、评分依据与评分表的 YAML 键的错误用语。键与占位符同 Catalog+ErrorsDefinitionsEn.swift。
    static let errorsDefinitionsZh: [String: String] = [:]
}
