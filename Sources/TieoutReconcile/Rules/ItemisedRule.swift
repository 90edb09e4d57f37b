import TieoutCore
import TieoutIngest
import TieoutStore

/// Parts a report itemises of a total it states (RuleDefinitions/itemised.yaml, and the
/// workspace's rules.yaml): checked when the total is stated (or two figures it is the
/// difference of are) and at least one part is. Parts that add up to the total (within
/// rounding) are ok; parts that fall short of it, or exceed it, leave some of it unexplained
/// by the report's own text: `unsupported`, with what the ledgers give for the parts it
/// does not list.
struct ItemisedRule: Rule {
    static let name = "itemised"

    func findings(in c: RuleContext) -> [Finding] {
        let book = c.book, display = c.display
        var out: [Finding] = []
        func stated(_ id: String) -> Claim? { c.claims.first { $0.figure == id && $0.score == nil } }
        for rule in c.rules.itemised {
            let parts = rule.parts.compactMap(stated)
            guard let first = parts.first else { continue }
            // The total as stated, or as the difference of two stated figures.
            let wholeClaims: [Claim]
            if let w = stated(rule.whole) {
                wholeClaims = [w]
            } else if rule.wholeFrom.count == 2, let a = stated(rule.wholeFrom[0]), let b = stated(rule.wholeFrom[1]) {
                wholeClaims = [a, b]
            } else {
                continue
            }
            let kind = first.kind
            guard kind == .amount, (wholeClaims + parts).allSatisfy({ $0.kind == kind }) else { continue }
            let unit = first.moneyUnit ?? display.unit
            let d = (wholeClaims + parts).map(\.decimals).max()!
            let shownDisplay = Display(unit: unit, decimals: d)
            func shown(_ x: Claim) -> Amount { shownDisplay.shown(x.value, .amount, decimals: d) }
            let whole = wholeClaims.count == 1 ? shown(wholeClaims[0]) : shown(wholeClaims[0]) - shown(wholeClaims[1])
            let sum = parts.reduce(Amount.zero) { $0 + shown($1) }
            let unitText = " " + unit.symbol
            let wholeText = whole.groupedText + unitText
            let wholeHow = wholeClaims.count == 1 ? "" : "（\(wholeClaims[0].text) − \(wholeClaims[1].text)）"
            let wholeHowEn = wholeClaims.count == 1 ? "" : " (\(wholeClaims[0].text) − \(wholeClaims[1].text))"
            let partsText = parts.map(\.text).joined(separator: " + ")
            let titled = parts.map { p in (book[p.figure!]?.title ?? p.figure!) + " " + p.text }.joined(separator: " + ")
            let titledEn = parts.map { p in (book[p.figure!]?.titleEn ?? p.figure!) + " " + p.text }.joined(separator: " + ")
            let shownDiff = sum - whole
            var f = Finding(id: "itemised:\(rule.whole)@\(first.section)", rule: "itemised", status: .ok,
                            title: rule.title + "：报告 \(wholeText)\(wholeHow)", titleEn: rule.en + ": stated \(wholeText)\(wholeHowEn)",
                            expected: wholeText + wholeHow, actual: sum.groupedText + unitText + "（\(partsText)）", difference: nil,
                            explanation: "", explanationEn: "", section: first.section,
                            inputs: ([rule.whole] + rule.parts).compactMap { book[$0] }.map(c.input),
                            rubric: c.links.items(for: [rule.whole]))
            if shownDiff.isZero {
                f.explanation = "报告所列各项（\(titled)）之和等于其所述合计 \(wholeText)\(wholeHow)。"
                f.explanationEn = "The itemised parts (\(titledEn)) add up to the stated total \(wholeText)\(wholeHowEn)."
                out.append(f)
                continue
            }
            f.difference = (shownDiff.isNegative ? "" : "+") + shownDiff.description + unitText
            // n rounded addends (and the total's own terms) may miss a rounded total by n × half a unit of the last digit.
            let bound = Amount(significand: 5, scale: d + 1) * Amount(parts.count + wholeClaims.count)
            if shownDiff.magnitude <= bound {
                f.status = .rounding
                f.explanation = "报告所列各项之和 \(sum.groupedText)\(unitText) 与合计 \(wholeText)\(wholeHow) 相差 \(f.difference!)，在取整可解释的 \(bound) 之内。"
                f.explanationEn = "The itemised parts add up to \(sum.groupedText)\(unitText), \(f.difference!) from the stated total \(wholeText): within rounding (\(bound))."
                out.append(f)
                continue
            }
            f.status = .unsupported
            // What the ledgers give for the parts the report does not list.
            let listed = Set(parts.compactMap(\.figure))
            let unlisted = rule.parts.filter { !listed.contains($0) }.compactMap { book[$0] }.filter { !$0.value.isZero }
            let gap = (whole - sum).magnitude.groupedText + unitText
            let short = shownDiff.isNegative
            f.explanation = "报告列出 \(titled)，合计 \(sum.groupedText)\(unitText)，比其所述总额 \(wholeText)\(wholeHow)\(short ? "少" : "多") \(gap)：报告未说明" + (short ? "其余部分是什么" : "超出部分从何而来") + "。"
                + (unlisted.isEmpty ? "" : "台账中报告未列出的项目：" + unlisted.map { "\($0.title) \(display.text($0.value, $0.kind))" }.joined(separator: "，") + "。")
            f.explanationEn = "The report itemises \(titledEn), adding up to \(sum.groupedText)\(unitText), \(gap) \(short ? "short of" : "more than") the total it states, \(wholeText)\(wholeHowEn): it does not say where the \(short ? "rest comes from" : "excess goes")."
                + (unlisted.isEmpty ? "" : " In the ledgers, the parts it does not list: " + unlisted.map { "\($0.titleEn) \(display.text($0.value, $0.kind))" }.joined(separator: ", ") + ".")
            f.quote(first)
            out.append(f)
        }
        return out
    }
}
