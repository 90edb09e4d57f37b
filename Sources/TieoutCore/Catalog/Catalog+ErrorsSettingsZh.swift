extension Catalog {
    /// 中文：设置中的 YAML 键（记录种类、导出格式及其 sections、groups、signs、cross-tab、where 等）的错误用语。键与占位符同 Catalog+ErrorsSettingsEn.swift。
    static let errorsSettingsZh: [String: String] = [:]
}
