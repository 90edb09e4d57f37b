import TieoutCore
import TieoutReconcile
import TieoutScore

extension ReportLanguage {
    /// The catalog's text for `key` in this language, with `{name}` placeholders filled from `args`.
    public func s(_ key: String, _ args: [String: any CustomStringConvertible] = [:]) -> String { Catalog.text(key, english: self == .en, args) }

    /// The name of a money unit: 万元, or "10k yuan" in English.
    public func unit(_ u: MoneyUnit) -> String { Catalog.unit(u, english: self == .en) }

    /// A value as TieoutReconcile writes it into a finding (`1,234.56 万元`, `+4.46 个百分点`,
    /// `13,816.94 万元（983.40 + 12,833.54）`) with its unit words in this language. Findings
    /// keep the Chinese words (findings.json's values); reports in English show them translated.
    public func value(_ text: String) -> String {
        guard self == .en else { return text }
        return units(text).replacing("（", with: " (").replacing("）", with: ")").replacing("，", with: ", ").replacing("、", with: ", ")
    }

    /// The unit words after numbers (` 万元`, ` 个百分点`, ` 分`) in this language, and nothing
    /// else: for sentences that may quote the report (an English explanation).
    public func units(_ text: String) -> String {
        guard self == .en else { return text }
        var t = text
        for (zh, key) in [(" 个百分点", "unit.points"), (" 亿元", "unit.yi-yuan"), (" 万元", "unit.wan-yuan"), (" 元", "unit.yuan"), (" 分", "unit.score-points")] {
            t = t.replacing(zh, with: " " + s(key))
        }
        // The report's counters after a stated count (`25 个`, `4 台`): English says the number alone.
        return t.replacing(/([0-9]) 个月/, with: { "\($0.output.1) " + s("unit.months") })
            .replacing(/([0-9]) (?:个|台|件|套|人|项|次|家|辆|名)(?![\p{Han}])/, with: { String($0.output.1) })
    }
}

/// The names that come in both languages from the data (figures, rubric items, inputs), in this language.
extension ReportLanguage {
    public func formula(_ f: Figure) -> String { self == .zh ? f.formula : f.formulaEn ?? f.formula }
    public func label(_ i: Finding.Input) -> String { self == .zh ? i.label : i.labelEn ?? i.label }
    public func item(_ r: Finding.RubricItem) -> String { self == .zh ? r.item : r.itemEn ?? r.item }
    public func name(_ i: ItemScore) -> String { self == .zh ? i.name : i.nameEn }
    public func level1(_ i: ItemScore) -> String { self == .zh ? i.level1 : i.level1En }
    public func level2(_ i: ItemScore) -> String { self == .zh ? i.level2 : i.level2En }
    public func why(_ i: ItemScore) -> [String] { self == .zh ? i.why : i.whyEn }

    /// The rubric items a finding puts at stake: `预算执行率（6）、…` or `budget execution rate (6), …`.
    public func rubric(_ f: Finding) -> String {
        f.rubric.map { s("report.rubric-item", ["item": item($0), "points": $0.points]) }.joined(separator: s("list.enum"))
    }

    /// Text quoted from the workspace's own data (a unit's name, a report's section or
    /// sentence, an assessor's words), marked as such in English: “…”. The Chinese reports
    /// need no mark. The language test takes only these spans (and file names) as data.
    public func quote(_ text: String) -> String { self == .zh || text.isEmpty ? text : "“" + text + "”" }
}

extension Character {
    /// A CJK ideograph or CJK punctuation/full-width form: what English text must not show outside quoted data.
    public var isCJK: Bool {
        unicodeScalars.contains { s in
            (0x3000...0x303F).contains(s.value) || (0x3400...0x4DBF).contains(s.value) || (0x4E00...0x9FFF).contains(s.value)
                || (0xF900...0xFAFF).contains(s.value) || (0xFF00...0xFFEF).contains(s.value)
        }
    }
}
