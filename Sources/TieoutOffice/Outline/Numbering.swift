/// A heading number at the start of a paragraph, as Chinese official documents number
/// their parts: 一、 （一） 1、 1. （1）, and 附件.
struct Numbering: Equatable {
    enum Style: String, Equatable {
        case chinese = "一、"
        case parenChinese = "（一）"
        case arabicComma = "1、"
        case arabicDot = "1."
        case parenArabic = "（1）"
        case annex = "附件"
    }

    var style: Style
    /// As it goes into a section: 一, （一）, 1, （1）, 附件.
    var label: String
    /// The text after the number.
    var rest: Substring

    private static let chineseDigits: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "〇", "零"]

    static func parse(_ text: String) -> Numbering? {
        let s = Substring(text)
        if s.hasPrefix("附件") {
            var rest = s.dropFirst(2).drop { $0.isASCII && $0.isNumber }
            guard rest.isEmpty || " \u{3000}：:".contains(rest.first!) else { return nil }
            rest = rest.drop { " \u{3000}：:".contains($0) }
            return Numbering(style: .annex, label: "附件", rest: rest)
        }
        if let open = s.first, open == "（" || open == "(" {
            let inner = s.dropFirst().prefix { $0 != "）" && $0 != ")" }
            guard !inner.isEmpty, inner.count <= 4, s.dropFirst(1 + inner.count).first.map({ $0 == "）" || $0 == ")" }) == true else { return nil }
            let rest = s.dropFirst(2 + inner.count).drop { $0 == " " || $0 == "\u{3000}" }
            if inner.allSatisfy({ chineseDigits.contains($0) }) { return Numbering(style: .parenChinese, label: "（\(inner)）", rest: rest) }
            if inner.allSatisfy({ $0.isASCII && $0.isNumber }) { return Numbering(style: .parenArabic, label: "（\(inner)）", rest: rest) }
            return nil
        }
        let cn = s.prefix { chineseDigits.contains($0) }
        if !cn.isEmpty, cn.count <= 3, s.dropFirst(cn.count).first == "、" {
            return Numbering(style: .chinese, label: String(cn), rest: s.dropFirst(cn.count + 1).drop { $0 == " " || $0 == "\u{3000}" })
        }
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 3, let mark = s.dropFirst(digits.count).first {
            let after = s.dropFirst(digits.count + 1)
            if mark == "、" { return Numbering(style: .arabicComma, label: String(digits), rest: after.drop { $0 == " " || $0 == "\u{3000}" }) }
            // 1. or 1． — but not 1.5 (a number).
            if (mark == "." || mark == "．") && !(after.first.map { $0.isASCII && $0.isNumber } ?? false) {
                return Numbering(style: .arabicDot, label: String(digits), rest: after.drop { $0 == " " || $0 == "\u{3000}" })
            }
        }
        return nil
    }
}
