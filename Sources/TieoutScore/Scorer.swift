import TieoutCore
import TieoutReconcile

/// An indicator a rule used: its value and where it comes from.
public struct IndicatorUse: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var value: String
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
    public var max: String
    public var points: String
    public var why: [String]
}

/// One item of the score table, laid out like the annex.
public struct ItemScore: Sendable, Codable, Equatable {
    public var id: String
    public var level1: String
    public var level2: String
    public var name: String
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
    /// Missing assessments or indicators: the item could not be scored in full.
    public var missing: [String]
}

/// The score table: every item and the total.
public struct ScoreSheet: Sendable, Codable {
    public var rubric: String
    public var title: String
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
        var why: [String] = []
        var indicators: [IndicatorUse] = []
        var missing: [String] = []
    }

    /// Why an indicator is missing: `缺少指标 procurement.rate（缺少台账：…）`.
    func absent(_ id: String) -> String {
        "缺少指标 \(id)" + (book.missing[id].map { "（\($0.absence.zh)）" } ?? "")
    }

    func use(_ id: String) -> (Amount, IndicatorUse)? {
        guard let f = book[id] else { return nil }
        let shown = f.kind == .ratio ? f.value.percentText() : (f.kind == .count ? f.value.description : f.value.displayText(in: .wanYuan) + " 万元")
        return (f.value, IndicatorUse(id: id, title: f.title, value: shown, exact: f.value.description, places: f.examples.places, count: f.examples.count))
    }

    func evaluate(_ rule: Rubric.Rule, id: String, max: Amount) -> Outcome {
        let zero = Amount.zero
        switch rule {
        case .assessed:
            guard let a = assessments.assessment(id), let s = a.score else {
                return Outcome(points: zero, why: ["未评分：assessments.yaml 中没有 \(id)"], missing: ["assessment \(id)"])
            }
            return Outcome(points: s, why: ["\(a.assessor) 评 \(s) 分；依据：\(a.evidence.joined(separator: "；"))" + (a.note.map { "（\($0)）" } ?? "")])
        case .proportional(let ind, let factor, let zeroAbove):
            guard let (v, u) = use(ind) else { return Outcome(points: zero, why: [absent(ind)], missing: [ind]) }
            if let z = zeroAbove, v > z { return Outcome(points: zero, why: ["\(u.title) \(u.value) 超过 \(z.percentText(decimals: 0))，得 0 分"], indicators: [u]) }
            let p = Swift.min(v * factor, max)
            return Outcome(points: p, why: ["\(u.title) \(u.value) × \(factor) = \(p.rounded(scale: 4))"], indicators: [u])
        case .bands(let ind, let bands):
            guard let (v, u) = use(ind) else { return Outcome(points: zero, why: [absent(ind)], missing: [ind]) }
            let band = bands.first { $0.holds(v) }!
            return Outcome(points: band.points, why: ["\(u.title) \(u.value)：\(band.text) 档，得 \(band.points) 分"], indicators: [u])
        case .overLimit(let ind, let limit, let per, let deduct):
            guard let (v, u) = use(ind) else { return Outcome(points: zero, why: [absent(ind)], missing: [ind]) }
            guard v > limit else { return Outcome(points: max, why: ["\(u.title) \(u.value) 未超过 \(limit.percentText(decimals: 0))，得满分"], indicators: [u]) }
            let units = (v - limit).divided(by: per, scale: Amount.ratioScale)
            let p = Swift.max(zero, max - deduct * units)
            return Outcome(points: p, why: ["\(u.title) \(u.value) 超过 \(limit.percentText(decimals: 0)) \(units.rounded(scale: 4)) 个百分点，每个扣 \(deduct) 分，扣 \((deduct * units).rounded(scale: 4)) 分"], indicators: [u])
        case .perFailure(let ind, let deduct):
            var failures = zero
            var out = Outcome(points: zero)
            if let ind {
                guard let (v, u) = use(ind) else { return Outcome(points: zero, why: [absent(ind)], missing: [ind]) }
                failures = v
                out.indicators = [u]
                out.why.append("\(u.title) \(u.value)")
            } else {
                guard let a = assessments.assessment(id), let n = a.failures else {
                    return Outcome(points: zero, why: ["未评分：assessments.yaml 中没有 \(id) 的未完成项数"], missing: ["assessment \(id)"])
                }
                failures = Amount(n)
                out.why.append("\(a.assessor)：未完成 \(n) 项；依据：\(a.evidence.joined(separator: "；"))")
            }
            out.points = Swift.max(zero, max - deduct * failures)
            out.why.append(failures.isZero ? "无扣分" : "每项扣 \(deduct) 分，扣 \((deduct * failures).rounded(scale: 2)) 分")
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
                out.why.append("\(u.title) \(u.value) ÷ \(schedule[i].percentText(decimals: 0)) = \(ratios[i].rounded(scale: 4))，得 \(e.perQuarter[i].rounded(scale: 4)) 分")
            }
            out.why.append("平均执行率（未封顶比值的平均）\(e.mean.rounded(scale: 4))，封顶 1 后 × \(meanWeight) = \(e.balance.rounded(scale: 4)) 分")
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
                    parts.append(PartScore(id: p.id, name: p.name, max: p.max.description, points: o.points.rounded(scale: 4).description,
                                           why: o.why + (p.note.map { [$0] } ?? [])))
                    outcome.points = outcome.points + o.points
                    outcome.indicators += o.indicators
                    outcome.missing += o.missing
                    outcome.why += o.why.map { "\(p.name)：\($0)" }
                }
            } else {
                outcome = evaluate(item.rule, id: item.id, max: item.max)
            }
            let points = Swift.min(outcome.points, item.max)
            total = total + points
            items.append(ItemScore(id: item.id, level1: item.level1, level2: item.level2, name: item.name, max: item.max.rounded(scale: 2).description,
                                   exact: points.description, points: points.rounded(scale: 2).description, claimed: claims[item.id],
                                   rule: item.rule.kindName, indicators: outcome.indicators, parts: parts, why: outcome.why, missing: outcome.missing))
        }
        return ScoreSheet(rubric: rubric.version, title: rubric.title, items: items, max: rubric.total.rounded(scale: 2).description,
                          total: total.rounded(scale: 2).description, totalExact: total.description, claimedTotal: claims["total"])
    }
}
