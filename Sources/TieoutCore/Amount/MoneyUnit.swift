/// The unit a ledger column or a report states money in.
///
/// Values are stored in 元; a column in 万元 is rescaled exactly on input.
///
/// ```swift
/// MoneyUnit(symbol: "万元")       // .wanYuan
/// MoneyUnit.wanYuan.exponent     // 4: 1 万元 = 10^4 元
/// ```
public enum MoneyUnit: String, Sendable, CaseIterable, Codable {
    /// 元 (yuan), the base unit.
    case yuan
    /// 万元: 10,000 元.
    case wanYuan = "wan-yuan"
    /// 亿元: 100,000,000 元.
    case yiYuan = "yi-yuan"

    /// The power of ten that takes this unit to 元.
    public var exponent: Int {
        switch self {
        case .yuan: 0
        case .wanYuan: 4
        case .yiYuan: 8
        }
    }

    /// The Chinese symbol: 元, 万元, 亿元.
    public var symbol: String {
        switch self {
        case .yuan: "元"
        case .wanYuan: "万元"
        case .yiYuan: "亿元"
        }
    }

    /// Reads 元/万元/亿元 and their English names (yuan, wan-yuan, 10k-yuan, yi-yuan);
    /// nil for anything else.
    public init?(symbol: some StringProtocol) {
        switch symbol.trimmingSpaces() {
        case "元", "yuan", "CNY", "RMB", "人民币元": self = .yuan
        case "万元", "wan-yuan", "wanyuan", "10k-yuan", "ten-thousand-yuan": self = .wanYuan
        case "亿元", "yi-yuan", "yiyuan", "100m-yuan": self = .yiYuan
        default: return nil
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and ideographic spaces (U+3000),
    /// as ledger cells and headers pad them.
    public func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let f = scalars.first, f == " " || f == "\t" || f == "\u{3000}" { scalars.removeFirst() }
        while let l = scalars.last, l == " " || l == "\t" || l == "\u{3000}" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
