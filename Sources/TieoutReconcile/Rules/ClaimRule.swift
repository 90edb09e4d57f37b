import TieoutCore
import TieoutIngest
import TieoutStore

/// Every claim recomputed from the dataset and compared at its displayed precision: `ok`,
/// `rounding` (a ratio divided from rounded figures, or within the workspace's tolerance),
/// `mismatch`, or `missing-data` (a claim with only a basis, a figure that cannot be computed).
struct ClaimRule: Rule {
    static let name = "claim"

    func findings(in c: RuleContext) -> [Finding] {
        c.claims.filter { $0.score == nil }.map { claim in
            var f = check(claim, c)
            f.quote(claim)
            return f
        }
    }

    func check(_ claim: Claim, _ context: RuleContext) -> Finding {
        let book = context.book, display = context.display, links = context.links, tolerances = context.tolerances
        let id = "claim:\(claim.figure ?? "none")@\(claim.section)"
        guard let figureId = claim.figure else {
            return Finding(id: id, rule: "claim", status: .missingData, title: "所述数字 \(claim.display) 无台账依据",
                           titleEn: "stated figure \(claim.display) has no ledger behind it", expected: claim.display, actual: nil, difference: nil,
                           explanation: "报告陈述了该数字，但工作区的台账中没有可复算它的数据：\(claim.basis ?? "")",
                           explanationEn: "The report states it, but no ledger in the workspace can recompute it" + (claim.basis.map { ": “\($0)”" } ?? "."),
                           section: claim.section, inputs: [], rubric: [])
        }
        guard let f = book[figureId] else {
            let m = book.missing[figureId]
            return Finding(id: id, rule: "claim", status: .missingData, title: "无法计算\(m?.title ?? figureId)：报告 \(claim.display)",
                           titleEn: "cannot compute \(m?.titleEn ?? figureId): stated \(claim.display)",
                           expected: claim.display, actual: nil, difference: nil,
                           explanation: "无法从台账复算该数字：\(m?.absence.zh ?? "所需数据为空")。",
                           explanationEn: "It cannot be recomputed from the ledgers: \(m?.absence.en ?? "the data it needs is empty").",
                           section: claim.section, inputs: [], rubric: links.items(for: [figureId]))
        }
        let d = claim.decimals
        let stated = display.shown(claim.value, claim.kind, decimals: d)
        let computed = display.shown(f.value, f.kind, decimals: d)
        let actualText = claim.kind == .amount ? f.value.displayText(in: claim.moneyUnit ?? display.unit, decimals: d) + " " + claim.unit
                                                : display.text(f.value, f.kind, decimals: d)
        let unitWord = claim.kind == .amount ? claim.unit : display.unitText(f.kind)
        var finding = Finding(id: id, rule: "claim", status: .ok, title: "\(f.title)：报告 \(claim.display)", titleEn: "\(f.titleEn): stated \(claim.display)",
                              expected: claim.display, actual: actualText, difference: nil, explanation: "", explanationEn: "",
                              section: claim.section, inputs: context.inputs(f), rubric: links.items(for: [figureId]))
        // Money claims in another unit than the workspace's: compare in the claim's own unit.
        let claimDisplay = Display(unit: claim.moneyUnit ?? display.unit, decimals: d)
        let s = claim.kind == .amount ? claimDisplay.shown(claim.value, .amount, decimals: d) : stated
        let c = claim.kind == .amount ? claimDisplay.shown(f.value, .amount, decimals: d) : computed
        if s == c {
            finding.explanation = "从台账复算为 \(actualText)，与报告一致。"
            finding.explanationEn = "Recomputed from the ledgers as \(actualText): as stated."
            // A ratio right from the exact amounts but not from the rounded ones is worth saying.
            if let parts = f.ratioOf, let alt = ratioFromDisplayed(parts, decimals: d, context), alt != c {
                let altText = claim.kind == .ratio ? "\(alt)%" : alt.description
                finding.explanation += "（若以报告所列取整后的数字相除则为 \(altText)：请以未取整金额计算。）"
                finding.explanationEn += " (From the rounded figures the report lists it would be \(altText): compute it from the unrounded amounts.)"
            }
            return finding
        }
        let diff = s - c
        // Shown as every finding shows it: the ledgers' figure less the stated one.
        let shown = c - s
        finding.difference = (shown.isNegative ? "" : "+") + shown.description + (unitWord.isEmpty ? "" : " " + unitWord)
        if let parts = f.ratioOf, let alt = ratioFromDisplayed(parts, decimals: d, context), alt == s {
            finding.status = .rounding
            let names = parts.compactMap { book[$0] }.map { display.text($0.value, $0.kind) }.joined(separator: " ÷ ")
            finding.explanation = "报告以取整后的 \(names) 相除得 \(claim.display)；以台账未取整金额计算为 \(actualText)。差异来自取整。"
            finding.explanationEn = "The report divided the rounded \(names), giving \(claim.display); from the unrounded amounts it is \(actualText). Rounding explains it."
            return finding
        }
        if let tolerance = tolerances["claim"], diff.magnitude <= tolerance {
            finding.status = .rounding
            finding.explanation = "差异 \(finding.difference!) 在 tieout.yaml 设定的容差 \(tolerance) 之内。"
            finding.explanationEn = "The difference \(finding.difference!) is within the tolerance \(tolerance) set in tieout.yaml."
            return finding
        }
        finding.status = .mismatch
        finding.explanation = "报告为 \(claim.display)，台账复算为 \(actualText)（\(f.formula)），差 \(finding.difference!)，不能以取整解释。"
        finding.explanationEn = "The report states \(claim.display); the ledgers give \(actualText) (\(f.titleEn)), a difference of \(finding.difference!) that rounding cannot explain."
        return finding
    }

    /// A ratio recomputed from its parts as the report would show them (money in the
    /// reporting unit at its decimals, counts as they are), in display units at `decimals`.
    func ratioFromDisplayed(_ parts: [String], decimals: Int, _ c: RuleContext) -> Amount? {
        let book = c.book, display = c.display
        guard parts.count == 2, let a = book[parts[0]], let b = book[parts[1]] else { return nil }
        func shownExact(_ f: Figure) -> Amount {
            f.kind == .amount ? f.value.inUnit(display.unit).rounded(scale: display.decimals) : f.value
        }
        guard let r = shownExact(a).ratio(to: shownExact(b)) else { return nil }
        return (r * Amount(100)).rounded(scale: decimals)
    }
}
