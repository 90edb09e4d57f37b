import TieoutCore
import TieoutIngest
import TieoutStore

/// Parts = whole among the stated figures (RuleDefinitions/identities.yaml, and the
/// workspace's rules.yaml): checked when the whole and every part are claimed.
struct IdentityRule: Rule {
    static let name = "identity"

    func findings(in c: RuleContext) -> [Finding] {
        let book = c.book, display = c.display, links = c.links, tolerances = c.tolerances, claims = c.claims
        var out: [Finding] = []
        func stated(_ id: String) -> Claim? { claims.first { $0.figure == id } }
        for rule in c.rules.identities {
            guard let whole = stated(rule.whole) else { continue }
            let parts = rule.parts.compactMap(stated)
            guard parts.count == rule.parts.count else { continue }
            let kind = whole.kind
            let d = ([whole] + parts).map(\.decimals).max()!
            let claimDisplay = Display(unit: whole.moneyUnit ?? display.unit, decimals: d)
            func shownValue(_ c: Claim) -> Amount { claimDisplay.shown(c.value, kind, decimals: d) }
            let sumParts = parts.reduce(Amount.zero) { $0 + shownValue($1) }
            let diff = shownValue(whole) - sumParts
            let unitText = kind == .amount ? " " + (whole.moneyUnit ?? display.unit).symbol : (kind == .ratio ? "%" : "")
            let partsText = parts.map(\.text).joined(separator: " + ")
            var f = Finding(id: "identity:\(rule.whole)=\(rule.parts.joined(separator: "+"))", rule: "identity", status: .ok, title: rule.title, titleEn: rule.en,
                            expected: whole.text + unitText, actual: (kind == .count ? sumParts.description : sumParts.groupedText) + unitText + "（\(partsText)）", difference: nil,
                            explanation: "", explanationEn: "", section: whole.section,
                            inputs: ([rule.whole] + rule.parts).compactMap { book[$0] }.map(c.input),
                            rubric: links.items(for: [rule.whole]))
            if diff.isZero {
                f.explanation = "报告所列各项之和等于合计。"
                f.explanationEn = "The stated parts add up to the stated whole."
                out.append(f)
                continue
            }
            // Shown as every finding shows it: the parts' sum (the figure checked) less the stated whole.
            let shown = Amount.zero - diff
            f.difference = (shown.isNegative ? "" : "+") + shown.description + unitText
            // n rounded addends may differ from a rounded total by up to n × half a unit of the last digit.
            let halfUnit = Amount(significand: 5, scale: d + 1)
            let bound = tolerances["identity"] ?? (halfUnit * Amount(parts.count))
            let figures = ([rule.whole] + rule.parts).compactMap { book[$0] }
            let exact = figures.map { "\($0.title) \(display.inDisplayUnits($0.value, $0.kind).rounded(scale: d + 4))" }
            let exactEn = figures.map { "\($0.titleEn) \(display.inDisplayUnits($0.value, $0.kind).rounded(scale: d + 4))" }
            if diff.magnitude <= bound {
                f.status = .rounding
                f.explanation = "各项分别取整到 \(d) 位小数后相加，与取整后的合计相差 \(f.difference!)，在 \(parts.count) × 0.5 个末位单位（\(bound)）之内：未取整时 \(exact.joined(separator: "，"))。"
                f.explanationEn = "Each part was rounded to \(d) decimals before adding; the sum misses the rounded total by \(f.difference!), within \(parts.count) × half a unit of the last digit (\(bound)). Unrounded: \(exactEn.joined(separator: ", "))."
            } else {
                f.status = .mismatch
                f.explanation = "报告所列各项之和为 \(sumParts)，与合计 \(whole.text) 相差 \(f.difference!)，超出取整可解释的 \(bound)。"
                f.explanationEn = "The stated parts add up to \(sumParts), \(f.difference!) away from the stated total \(whole.text): more than rounding (\(bound)) explains."
            }
            out.append(f)
        }
        return out
    }
}
