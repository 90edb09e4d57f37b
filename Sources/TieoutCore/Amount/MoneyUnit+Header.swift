extension MoneyUnit {
    /// The unit a column header names in brackets, as exports write it: `计划金额（万元）`,
    /// `金额(元)`, `预算数[万元]`, `支出【亿元】`, `金额（单位：万元）`; nil when the header names
    /// none. Only a bracketed unit counts: `万元以上项目数` names no unit of its column.
    public static func named(inHeader header: some StringProtocol) -> MoneyUnit? {
        let text = String(header).replacing(" ", with: "").replacing("\u{3000}", with: "")
        let opening: Set<Character> = ["(", "（", "[", "【", "〔"]
        let closing: Set<Character> = [")", "）", "]", "】", "〕"]
        var i = text.startIndex
        while let open = text[i...].firstIndex(where: { opening.contains($0) }) {
            let inside = text.index(after: open)
            guard let close = text[inside...].firstIndex(where: { closing.contains($0) }) else { return nil }
            var word = text[inside..<close]
            for marker in ["单位：", "单位:"] where word.hasPrefix(marker) { word = word.dropFirst(marker.count) }
            if let unit = MoneyUnit(symbol: word) { return unit }
            i = text.index(after: close)
        }
        return nil
    }
}
