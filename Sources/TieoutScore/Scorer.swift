import TieoutCore
import TieoutReconcile

/// An indicator a rule used: its value and where it comes from.
public struct IndicatorUse: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    /// The figure's English title (for `--lang en`).
    public var titleEn: String
    public var value: String
    /// The value with its unit in English (`983.40 10k yuan`).
    public var valueEn: String
    public var exact: String
    /// The first few cells the indicator stands on (`tieout explain WORKSPACE ID` lists all).
    public var places: [String]
    /// How many cells in all.
    public var count: Int
}

/// The points of one part of a `sum` item.
public struct PartScore: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var nameEn: String
    public var max: String
    public var points: String
    public var why: [String]
    public var whyEn: [String]
}

/// One item of the score table, laid out like the annex.
public struct ItemScore: Sendable, Codable, Equatable {
    public var id: String
    public var level1: String
    public var level2: String
    public var name: String
    /// The levels and the name in English (the rubric's `*_en:`; the Chinese when it has none).
    public var level1En: String
    public var level2En: String
    public var nameEn: String
    public var max: String
    /// Exact points (before display rounding).
    public var exact: String
    /// Points rounded half-up to 2 decimals, as the annex prints them.
    public var points: String
    /// What claims.yaml says the annex claims for it, if anything.
    public var claimed: String?
    public var rule: String
    public var indicators: [IndicatorUse]
    public var parts: [PartScore]
    /// Why these points: each band met, each deduction, each assessment.
    public var why: [String]
    /// The same in English (assessors' own words stay as they wrote them).
    public var whyEn: [String]
    /// Missing assessments or indicators: the item could not be scored in full.
    public var missing: [String]
}

/// The score table: every item and the total.
public struct ScoreSheet: Sendable, Codable {
    public var rubric: String
    public var title: String
    public var titleEn: String
    public var items: [ItemScore]
    public var max: String
    /// Sum of the exact item points, rounded half-up to 2 decimals.
    public var total: String
    public var totalExact: String
    public var claimedTotal: String?
}

/// Scores a rubric from the figures and the assessments.
///
/// ```swift
/// let sheet = Scorer(rubric: rubric, book: book, assessments: assessments).sheet()
/// sheet.total    // "98.79"
/// ```
public struct Scorer {
    public let rubric: Rubric
    public let book: FigureBook
    public let assessments: AssessmentSet
    public var claims: [String: String] = [:]

    public init(rubric: Rubric, book: FigureBook, assessments: AssessmentSet) {
        self.rubric = rubric
        self.book = book
        self.assessments = assessments
    }

    struct Outcome {
        var points: Amount
        /// Each reason in Chinese and English (from the catalog's `score.why.*`).
        var why: [(zh: String, en: String)] = []
        var indicators: [IndicatorUse] = []
        var missing: [String] = []
    }

    /// Why an indicator is missing: `缺少指标 procurement.rate（缺少台账：…）`.
    func absent(_ id: String) -> (zh: String, en: String) {
        let a = book.missing[id]?.absence
        return (Catalog.text(a == nil ? "score.why.absent" : "score.why.absent-because", english: false, ["id": id, "why": a?.zh ?? ""]),
                Catalog.text(a == nil ? "score.why.absent" : "score.why.absent-because", english: true, ["id": id, "why": a?.en ?? ""]))
    }

    func use(_ id: String) -> (Amount, IndicatorUse)? {
        guard let f = book[id] else { return nil }
        func shown(_ english: Bool) -> String {
            f.kind == .ratio ? f.value.percentText() : (f.kind == .count ? f.value.description : f.value.displayText(in: .wanYuan) + " " + Catalog.unit(.wanYuan, english: english))
        }
        return (f.value, IndicatorUse(id: id, title: f.title, titleEn: f.titleEn, value: shown(false), valueEn: shown(true), exact: f.value.description,
                                      places: f.examples.places, count: f.examples.count))
    }

    /// A reason in both languages; `u` fills `{title}` and `{value}` with the indicator in each.
    func why(_ key: String, _ u: IndicatorUse? = nil, _ args: [String: any CustomStringConvertible] = [:]) -> (zh: String, en: String) {
        var zh = args, en = args
        if let u { zh["title"] = u.title; zh["value"] = u.value; en["title"] = u.titleEn; en["value"] = u.valueEn }
        return (Catalog.text(key, english: false, zh), Catalog.text(key, english: true, en))
    }

    func evaluate(_ rule: Rubric.Rule, id: String, max: Amount) -> Outcome {
        let zero = Amount.zero
        switch rule {
        case .assessed:
            guard let a = assessments.assessment(id), let s = a.score else {
                return Outcome(points: zero, why: [why("score.why.not-assessed", nil, ["id": id])], missing: ["assessment \(id)"])
            }
            let note: (zh: String, en: String) = a.note.map { Catalog.both("score.why.note", ["note": $0]) } ?? ("", "")
            let w = why("score.why.assessed", nil, ["assessor": a.assessor, "points": s, "evidence": a.evidence.joined(separator: "；")])
            return Outcome(points: s, why: [(w.zh + note.zh, w.en + note.en)])
        case .proportional(let ind, let factor, let zeroAbove):
            guard let (v, u) = use(ind) else { return Outcome(points: zero, why: [absent(ind)], missing: [ind]) }
            if let z = zeroAbove, v > z { return Outcome(points: zero, why: [why("score.why.above-zero", u, ["limit": z.percentText(decimals: 0)])], indicators: [u]) }
            let p = Swift.min(v * factor, max)
            return Outcome(points: p, why: [why("score.why.proportional", u, ["factor": factor, "points": p.rounded(scale: 4)])], indicators: [u])
        case .bands(let ind, let bands):
            guard let (v, u) = use(ind) else { return Outcome(points: zero, why: [absent(ind)], missing: [ind]) }
            let band = bands.first { $0.holds(v) }!
            let w = why("score.why.band", u, ["points": band.points])
            return Outcome(points: band.points, why: [(w.zh.replacing("{band}", with: band.text(english: false)), w.en.replacing("{band}", with: band.text(english: true)))],
                           indicators: [u])
        case .overLimit(let ind, let limit, let per, let deduct):
            guard let (v, u) = use(ind) else { return Outcome(points: zero, why: [absent(ind)], missing: [ind]) }
            guard v > limit else { return Outcome(points: max, why: [why("score.why.within-limit", u, ["limit": limit.percentText(decimals: 0)])], indicators: [u]) }
            let units = (v - limit).divided(by: per, scale: Amount.ratioScale)
            let p = Swift.max(zero, max - deduct * units)
            return Outcome(points: p, why: [why("score.why.over-limit", u, ["limit": limit.percentText(decimals: 0), "over": units.rounded(scale: 4), "deduct": deduct,
                                                                             "deducted": (deduct * units).rounded(scale: 4)])], indicators: [u])
        case .perFailure(let ind, let deduct):
            var failures = zero
            var out = Outcome(points: zero)
            if let ind {
                guard let (v, u) = use(ind) else { return Outcome(points: zero, why: [absent(ind)], missing: [ind]) }
                failures = v
                out.indicators = [u]
                out.why.append(why("score.why.indicator", u))
            } else {
                guard let a = assessments.assessment(id), let n = a.failures else {
                    return Outcome(points: zero, why: [why("score.why.no-failures", nil, ["id": id])], missing: ["assessment \(id)"])
                }
                failures = Amount(n)
                out.why.append(why("score.why.failures", nil, ["assessor": a.assessor, "n": n, "evidence": a.evidence.joined(separator: "；")]))
            }
            out.points = Swift.max(zero, max - deduct * failures)
            out.why.append(failures.isZero ? why("score.why.no-deduction") : why("score.why.deduction", nil, ["deduct": deduct, "deducted": (deduct * failures).rounded(scale: 2)]))
            return out
        case .quarterly(let inds, let schedule, let meanWeight):
            var out = Outcome(points: zero)
            var ratios: [Amount] = []
            for (i, ind) in inds.enumerated() {
                guard let (v, u) = use(ind) else { return Outcome(points: zero, why: [absent(ind)], missing: [ind]) }
                out.indicators.append(u)
                ratios.append(v.divided(by: schedule[i], scale: Amount.ratioScale))
            }
            let e = QuarterlyCheck.executionPoints(ratios: ratios, meanWeight: meanWeight)
            for (i, u) in out.indicators.enumerated() {
                out.why.append(why("score.why.quarter", u, ["schedule": schedule[i].percentText(decimals: 0), "ratio": ratios[i].rounded(scale: 4),
                                                            "points": e.perQuarter[i].rounded(scale: 4)]))
            }
            out.why.append(why("score.why.balance", nil, ["mean": e.mean.rounded(scale: 4), "weight": meanWeight, "points": e.balance.rounded(scale: 4)]))
            out.points = e.total
            return out
        case .sum:
            return Outcome(points: zero)   // handled by the caller, part by part
        }
    }

    public func sheet() -> ScoreSheet {
        var items: [ItemScore] = []
        var total = Amount.zero
        for item in rubric.items {
            var outcome = Outcome(points: .zero)
            var parts: [PartScore] = []
            if case .sum(let ps) = item.rule {
                for p in ps {
                    let o = evaluate(p.rule, id: p.id, max: p.max)
                    let nameEn = p.nameEn ?? p.name
                    parts.append(PartScore(id: p.id, name: p.name, nameEn: nameEn, max: p.max.description, points: o.points.rounded(scale: 4).description,
                                           why: o.why.map(\.zh) + (p.note.map { [$0] } ?? []), whyEn: o.why.map(\.en) + ((p.noteEn ?? p.note).map { [$0] } ?? [])))
                    outcome.points = outcome.points + o.points
                    outcome.indicators += o.indicators
                    outcome.missing += o.missing
                    outcome.why += o.why.map { w in
                        (Catalog.text("score.why.part", english: false, ["part": p.name, "why": w.zh]), Catalog.text("score.why.part", english: true, ["part": nameEn, "why": w.en]))
                    }
                }
            } else {
                outcome = evaluate(item.rule, id: item.id, max: item.max)
            }
            let points = Swift.min(outcome.points, item.max)
            total = total + points
            items.append(ItemScore(id: item.id, level1: item.level1, level2: item.level2, name: item.name,
                                   level1En: item.level1En ?? item.level1, level2En: item.level2En ?? item.level2, nameEn: item.nameEn ?? item.name,
                                   max: item.max.rounded(scale: 2).description,
                                   exact: points.description, points: points.rounded(scale: 2).description, claimed: claims[item.id],
                                   rule: item.rule.kindName, indicators: outcome.indicators, parts: parts, why: outcome.why.map(\.zh),
                                   whyEn: outcome.why.map(\.en), missing: outcome.missing))
        }
        return ScoreSheet(rubric: rubric.version, title: rubric.title, titleEn: rubric.titleEn ?? rubric.title, items: items, max: rubric.total.rounded(scale: 2).description,
                          total: total.rounded(scale: 2).description, totalExact: total.description, claimedTotal: claims["total"])
    }
}
