import TieoutCore

/// A rubric as data: every item of the annex, its maximum and the rule that scores it.
///
/// ```swift
/// let rubric = try Rubric.builtIn()
/// rubric.items.count                 // 21
/// rubric.item("budget-execution")?.max   // 6
/// ```
public struct Rubric: Sendable {
    public var version: String
    public var title: String
    /// The title in English (`title_en:`), for `--lang en`.
    public var titleEn: String?
    public var items: [Item]
    /// Where it was read from (for errors).
    public var file: String

    public struct Item: Sendable {
        public var id: String
        public var level1: String
        public var level2: String
        public var name: String
        /// The levels' and the item's names in English (`level1_en:`, `level2_en:`, `name_en:`), for `--lang en`.
        public var level1En: String?
        public var level2En: String?
        public var nameEn: String?
        public var max: Amount
        /// The scoring standard in the annex's words.
        public var standard: String
        public var rule: Rule
        /// Figures the item stands on besides those its rule names (`figures:`): an assessed
        /// item's evidence, a rate's companion figures.
        public var figures: [String] = []
        /// The words the report's text states the item's measure in (`满意率`, `满意度`):
        /// a percentage stated with one of them below the item's full-marks band, while the
        /// item is given full marks, is an `unsupported` finding (``StatementCheck``).
        public var statements: [String] = []

        /// The band that gives full marks, for a `bands` item whose full marks need a bound
        /// (`≥ 95%`): what the report's own figures must reach.
        public var fullMarksBand: Band? {
            guard case .bands(_, let bands) = rule else { return nil }
            return bands.first { $0.points == max && $0.condition != .always }
        }
    }

    /// A part of a `sum` rule: its own maximum and rule.
    public struct Part: Sendable {
        public var id: String
        public var name: String
        public var max: Amount
        public var rule: Rule
        public var note: String?
        public var nameEn: String?
        public var noteEn: String?
    }

    public struct Band: Sendable, Equatable {
        public enum Condition: String, Sendable { case below, atMost = "at_most", atLeast = "at_least", above, always }
        public var condition: Condition
        public var bound: Amount
        public var points: Amount

        func holds(_ v: Amount) -> Bool {
            switch condition {
            case .below: v < bound
            case .atMost: v <= bound
            case .atLeast: v >= bound
            case .above: v > bound
            case .always: true
            }
        }

        var text: String { text(english: false) }

        func text(english: Bool) -> String {
            let b = bound.percentText(decimals: bound.scale > 2 ? bound.scale - 2 : 0)
            switch condition {
            case .below: return "< \(b)"
            case .atMost: return "≤ \(b)"
            case .atLeast: return "≥ \(b)"
            case .above: return "> \(b)"
            case .always: return Catalog.text("score.band.other", english: english)
            }
        }
    }

    public indirect enum Rule: Sendable {
        case assessed
        case proportional(indicator: String, factor: Amount, zeroAbove: Amount?)
        case bands(indicator: String, bands: [Band])
        case overLimit(indicator: String, limit: Amount, per: Amount, deduct: Amount)
        /// Failures counted by an indicator, or given in assessments when nil.
        case perFailure(indicator: String?, deduct: Amount)
        case quarterly(indicators: [String], schedule: [Amount], meanWeight: Amount)
        case sum([Part])

        public var kindName: String {
            switch self {
            case .assessed: "assessed"
            case .proportional: "proportional"
            case .bands: "bands"
            case .overLimit: "over_limit"
            case .perFailure: "per_failure"
            case .quarterly: "quarterly"
            case .sum: "sum"
            }
        }
    }

    public func item(_ id: String) -> Item? { items.first { $0.id == id } }

    /// The maximum of the whole rubric (100 for the annex).
    public var total: Amount { items.reduce(Amount.zero) { $0 + $1.max } }
}
