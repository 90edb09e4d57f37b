extension Catalog {
    /// 中文：查看文件、记录种类与数据集的命令（cat、sheets、totals、kinds、export、status、enqueue、report）的用语。键与占位符同 Catalog+ToolsEn.swift。
    static let toolsZh: [String: String] = [:]
}
