import TieoutCore
import TieoutIngest
import TieoutReconcile

/// A workspace scored: the rubric (the workspace's rubric.yaml or the built-in one),
/// its assessments, the score sheet, and a finding for every item score the
/// report claims (claims.yaml `score:`), so an unsupported claim is a reconciliation finding.
public struct Scoring: Sendable {
    public var rubric: Rubric
    public var sheet: ScoreSheet
    public var findings: [Finding]
    /// Full marks the report's own figures do not support (rubric `statements:`,
    /// ``StatementCheck``): `unsupported` findings that flag the statement; the score stands.
    public var statements: [Finding]

    public init(workspace: Workspace, reconciliation r: Reconciliation) throws(TieoutError) {
        rubric = try Rubric.forWorkspace(workspace)
        let assessments = try AssessmentSet.forWorkspace(workspace, rubric: rubric)
        var scorer = Scorer(rubric: rubric, book: r.book, assessments: assessments)
        var claimed: [String: Claim] = [:]
        for c in r.claims {
            guard let item = c.score else { continue }
            guard item == "total" || rubric.item(item) != nil else {
                throw TieoutError(code: "claims.score", ["item": item, "rubric": rubric.file, "items": rubric.items.map(\.id).joined(separator: ", ")],
                                  location: SourceLocation(file: ClaimSet.fileName, line: c.line))
            }
            claimed[item] = c
            scorer.claims[item] = c.text
        }
        sheet = scorer.sheet()
        var out: [Finding] = []
        for item in sheet.items {
            guard let c = claimed[item.id] else { continue }
            var f = Self.finding(id: item.id, name: item.name, nameEn: item.nameEn, claim: c, points: item.points, exact: item.exact, why: item.why,
                                 inputs: item.indicators.map {
                                     Finding.Input(label: $0.title, value: $0.value, exact: $0.exact, places: $0.places, count: $0.count, figure: $0.id, labelEn: $0.titleEn)
                                 },
                                 max: item.max)
            if !item.missing.isEmpty {
                let missing = zip(item.why, item.whyEn).filter { $0.0.contains("缺少") || $0.0.contains("未评分") }
                Self.unscored(&f, claim: c, missing: missing.map(\.0), missingEn: missing.map(\.1))
            }
            f.quote(c)
            out.append(f)
        }
        if let c = claimed["total"] {
            var f = Self.finding(id: "total", name: "合计", nameEn: "total", claim: c, points: sheet.total, exact: sheet.totalExact,
                                 why: ["各项得分之和（未取整）\(sheet.totalExact)"], inputs: [], max: sheet.max)
            let unscored = sheet.items.filter { !$0.missing.isEmpty }
            if !unscored.isEmpty {
                Self.unscored(&f, claim: c, missing: unscored.map { Catalog.text("score.unscored-item", english: false, ["item": $0.name]) },
                              missingEn: unscored.map { Catalog.text("score.unscored-item", english: true, ["item": $0.nameEn]) })
            }
            f.quote(c)
            out.append(f)
        }
        findings = out
        // Full marks the report's own figures do not support (rubric `statements:`): flagged, not rescored.
        statements = StatementCheck(rubric: rubric, sheet: sheet).findings(claims: r.claims + r.unmappedFigures, claimedScores: claimed)
    }

    /// A claimed score that cannot be checked because the item (or an item of the total)
    /// could not be scored: missing-data with what is missing, never a mismatch.
    static func unscored(_ f: inout Finding, claim: Claim, missing: [String], missingEn: [String]) {
        f.status = .missingData
        f.actual = nil
        f.difference = nil
        f.explanation = "附件为 \(claim.text) 分，但该项未能计分，无法核对：" + missing.joined(separator: "；")
        f.explanationEn = "The annex claims \(claim.text), but the item could not be scored, so the claim cannot be checked: " + missingEn.joined(separator: "; ")
    }

    static func finding(id: String, name: String, nameEn: String? = nil, claim: Claim, points: String, exact: String, why: [String], inputs: [Finding.Input], max: String) -> Finding {
        let stated = claim.value.rounded(scale: 2)
        guard let computed = try? Amount.parse(points) else {
            // The scorer's own number did not read back: never checked against zero.
            var f = Finding(id: "score:\(id)", rule: "score", status: .missingData,
                            title: "评分 \(name)：附件 \(claim.text) 分", titleEn: "score \(id): the annex claims \(claim.text)",
                            expected: claim.text + " 分", actual: nil, difference: nil, explanation: "", explanationEn: "",
                            section: claim.section, inputs: inputs, rubric: [Finding.RubricItem(item: name, points: max, itemEn: nameEn)])
            unscored(&f, claim: claim, missing: ["得分 “\(points)” 不是数字"], missingEn: ["the points “\(points)” are not a number"])
            return f
        }
        let diff = stated - computed
        let ok = diff.isZero
        return Finding(id: "score:\(id)", rule: "score", status: ok ? .ok : .mismatch,
                       title: "评分 \(name)：附件 \(claim.text) 分", titleEn: "score \(id): the annex claims \(claim.text)",
                       expected: claim.text + " 分", actual: points + " 分", difference: ok ? nil : ((Amount.zero - diff).isNegative ? "" : "+") + (Amount.zero - diff).description + " 分",
                       explanation: ok ? "按评分标准由台账和评分记录计算为 \(points) 分（\(exact)），与附件一致。" + why.joined(separator: "；")
                                       : "附件为 \(claim.text) 分，按评分标准计算为 \(points) 分：" + why.joined(separator: "；"),
                       explanationEn: ok ? "Scored \(points) (\(exact)) from the ledgers and assessments: as the annex claims."
                                         : "The annex claims \(claim.text); the rubric gives \(points).",
                       section: claim.section, inputs: inputs, rubric: [Finding.RubricItem(item: name, points: max, itemEn: nameEn)])
    }
}
