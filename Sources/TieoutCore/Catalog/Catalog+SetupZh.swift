extension Catalog {
    /// 中文：初始化与设置检查命令（init、suggest、validate、claims）的用语。键与占位符同 Catalog+SetupEn.swift。
    static let setupZh: [String: String] = [:]
}
