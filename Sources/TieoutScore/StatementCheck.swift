import TieoutCore
import TieoutReconcile

/// Full marks the report's own text does not support: a rubric item given full marks
/// (by the annex, or by the score when the annex claims none) while the report states
/// its measure below the band that gives them (`满意度 ≥ 95%` for 6 points, the text's
/// 满意率 72.99%). The item's words and threshold are rubric data (`statements:` and its
/// bands); the stated figures are the claims (claims.yaml, or read from the report) and
/// the report's figures no phrase maps. The finding flags the statement; the score stands.
public struct StatementCheck: Sendable {
    public var rubric: Rubric
    public var sheet: ScoreSheet

    public init(rubric: Rubric, sheet: ScoreSheet) {
        self.rubric = rubric
        self.sheet = sheet
    }

    /// One `unsupported` finding per item and stated figure below its full-marks band.
    public func findings(claims: [Claim], claimedScores: [String: Claim]) -> [Finding] {
        var out: [Finding] = []
        for item in rubric.items where !item.statements.isEmpty {
            guard let band = item.fullMarksBand, case .bands(let indicator, _) = item.rule,
                  let score = sheet.items.first(where: { $0.id == item.id }) else { continue }
            // Full marks as the annex gives them; without an annex claim, as the score gives them.
            let annex = claimedScores[item.id]
            let given = annex?.value ?? (try? Amount.parse(score.points)) ?? nil
            guard let given, given == item.max else { continue }
            var seen: Set<String> = []
            for claim in claims where claim.kind == .ratio && claim.score == nil && Self.states(claim, item: item, indicator: indicator) {
                guard !band.holds(claim.value), seen.insert(claim.section + "|" + claim.text).inserted else { continue }
                out.append(finding(item, band: band, claim: claim, annex: annex, score: score))
            }
        }
        return out
    }

    /// Whether the claim states the item's measure: it is the item's indicator, or it names
    /// no figure and its words (the clause before the number, else its basis) use one of the item's.
    static func states(_ claim: Claim, item: Rubric.Item, indicator: String) -> Bool {
        if let f = claim.figure { return f == indicator }
        let words = claim.sentence.map { leadClause($0, before: claim.text) } ?? claim.basis ?? ""
        return item.statements.contains { words.contains($0) }
    }

    /// The clause before the number in its sentence: from the last ，；：。 before it (the
    /// `同比上升 3%` beside `满意率 72.99%` is not a satisfaction rate).
    static func leadClause(_ sentence: String, before number: String) -> String {
        let target = number.filter { !$0.isWhitespace }
        let compact = String(sentence.filter { !$0.isWhitespace })
        guard !target.isEmpty, let r = compact.range(of: target) else { return compact }
        let head = compact[..<r.lowerBound]
        let stops: Set<Character> = ["，", "；", "：", "。", ",", ";", ":", "、"]
        if let cut = head.lastIndex(where: { stops.contains($0) }) { return String(head[head.index(after: cut)...]) }
        return String(head)
    }

    func finding(_ item: Rubric.Item, band: Rubric.Band, claim: Claim, annex: Claim?, score: ItemScore) -> Finding {
        let maxText = item.max.description
        let who = annex != nil ? "附件给" : "评分给"
        let whoEn = annex != nil ? "The annex gives" : "The score gives"
        let used = score.indicators.map { "\($0.title) \($0.value)" }.joined(separator: "、")
        let usedEn = score.indicators.map { "\($0.id) \($0.value)" }.joined(separator: ", ")
        var f = Finding(
            id: "statement:\(item.id)@\(claim.section)", rule: "statement", status: .unsupported,
            title: "\(item.name) 得满分 \(maxText) 分，但报告所述 \(claim.display) 低于满分所需的 \(band.text)",
            titleEn: "rubric item \(item.nameEn ?? item.id) has full marks \(maxText), but the report states \(claim.display), below the \(band.text) full marks need",
            expected: claim.display, actual: nil, difference: nil,
            explanation: "\(who)“\(item.name)”满分 \(maxText) 分，按评分标准须 \(band.text)；而报告在 \(claim.section) 所述为 \(claim.display)"
                + (claim.basis.map { "（\($0)）" } ?? "") + "，报告自身的数字不支持满分。"
                + "评分未因此改变" + (used.isEmpty ? "" : "（本项按 \(used) 计 \(score.points) 分）") + "：请核实计分所用数据与报告所述是否为同一口径，或在报告中说明。",
            explanationEn: "\(whoEn) the rubric item \(item.nameEn ?? item.id) full marks, \(maxText), which need \(band.text); the report states \(claim.display) in “\(claim.section)”"
                + (claim.basis.map { " (“\($0)”)" } ?? "") + ": its own figure does not support full marks. "
                + "The score is not changed" + (usedEn.isEmpty ? "" : " (the item scores \(score.points) from \(usedEn))") + ": check that the scored data and the stated figure measure the same thing, or say so in the report.",
            section: claim.section, inputs: score.indicators.map { Finding.Input(label: $0.title, value: $0.value, exact: $0.exact, places: $0.places, count: $0.count, figure: $0.id, labelEn: $0.titleEn) },
            rubric: [Finding.RubricItem(item: item.name, points: maxText, itemEn: item.nameEn)])
        f.quote(claim)
        return f
    }
}
