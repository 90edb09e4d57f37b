import TieoutCore
import TieoutOffice

/// A reconciliation finding: a rule applied to figures, with its class, the
/// values compared, every input with its lineage, and the rubric items at stake.
public struct Finding: Sendable, Codable, Equatable {
    /// How a comparison came out.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Equal at the precision shown.
        case ok
        /// Different, but explained by rounding the inputs to their displayed precision.
        case rounding
        /// Different beyond rounding.
        case mismatch
        /// The data to check it is not there.
        case missingData = "missing-data"
        /// The report's own text does not support what it states: an item given full marks
        /// while the text gives a figure below the item's threshold, or listed parts that do
        /// not add up to the total the text states.
        case unsupported
    }

    public struct Input: Sendable, Codable, Equatable {
        public var label: String
        /// As displayed (`983.40 万元`, `99.46%`).
        public var value: String
        /// The exact value (元, a fraction, or a count).
        public var exact: String
        /// Where it comes from: `ledgers/treasury/2024-03.csv!I7`, … (for a figure, the first
        /// few cells; `tieout explain WORKSPACE FIGURE` lists every one).
        public var places: [String]
        /// How many places there are in all.
        public var count: Int
        /// The figure it is, when it is one (what `tieout explain` takes).
        public var figure: String?
        /// The label in English, when it differs by language (a figure's English title).
        public var labelEn: String?

        public init(label: String, value: String, exact: String, places: [String], count: Int? = nil, figure: String? = nil, labelEn: String? = nil) {
            self.label = label
            self.labelEn = labelEn
            self.value = value
            self.exact = exact
            self.places = places
            self.count = count ?? places.count
            self.figure = figure
        }
    }

    public struct RubricItem: Sendable, Codable, Equatable {
        public var item: String
        public var points: String
        /// The item's name in English, when the rubric gives one.
        public var itemEn: String?

        public init(item: String, points: String, itemEn: String? = nil) {
            self.item = item
            self.itemEn = itemEn
            self.points = points
        }

        /// The same item: its name and points (the English name is how it is shown, not which it is).
        public static func == (a: RubricItem, b: RubricItem) -> Bool { a.item == b.item && a.points == b.points }
    }

    /// Stable: the rule and what it checked (`claim:execution.rate@一（四）1`).
    public var id: String
    /// claim, identity, budget-flow, cumulative, cross-ledger, ingest.
    public var rule: String
    public var status: Status
    public var title: String
    public var titleEn: String
    /// What the report states (or what a rule expects), as displayed.
    public var expected: String?
    /// What the ledgers give, as displayed.
    public var actual: String?
    /// expected − actual, as displayed.
    public var difference: String?
    /// Why this class, in the report's language and in English.
    public var explanation: String
    public var explanationEn: String
    public var section: String?
    public var inputs: [Input]
    public var rubric: [RubricItem]
    /// Where the report states the figure checked, when the claim was read from a .docx
    /// report (`report:` in tieout.yaml): where the annotated copy marks it.
    public var stated: StatedFigure? = nil

    public init(id: String, rule: String, status: Status, title: String, titleEn: String, expected: String?, actual: String?,
                difference: String?, explanation: String, explanationEn: String, section: String?, inputs: [Input], rubric: [RubricItem]) {
        self.id = id
        self.rule = rule
        self.status = status
        self.title = title
        self.titleEn = titleEn
        self.expected = expected
        self.actual = actual
        self.difference = difference
        self.explanation = explanation
        self.explanationEn = explanationEn
        self.section = section
        self.inputs = inputs
        self.rubric = rubric
    }
}

extension Finding {
    /// Whether `actual` is the sum of stated parts (a parts = whole identity) rather than a
    /// figure from the ledgers: what a summary calls it.
    public var actualIsSumOfParts: Bool { rule == "identity" || rule == "itemised" }
}

/// What each medium needs to know of a class is said here or beside the medium, always in a
/// `switch` over every case (never `default:`), so that a class added to ``Finding/Status``
/// does not build until each says how to show it; lists of the classes come from `allCases`
/// (the order counts lines and the fleet page's columns give them) or ``worstFirst``.
extension Finding.Status {
    /// A class that is a problem to act on (`run` and `reconcile` exit 1): mismatch,
    /// missing-data, unsupported.
    public var isProblem: Bool {
        switch self {
        case .mismatch, .missingData, .unsupported: true
        case .ok, .rounding: false
        }
    }

    /// Whether a counts line lists the class with a count of 0 (`unsupported` is listed only
    /// when there are any, so the line of a report with none reads as before).
    public var listedWhenNone: Bool {
        switch self {
        case .ok, .rounding, .mismatch, .missingData: true
        case .unsupported: false
        }
    }

    /// The classes a counts line lists, in declaration order: each class listed when none,
    /// the others when there are any.
    public static func listed(_ counts: [Finding.Status: Int]) -> [Finding.Status] {
        allCases.filter { $0.listedWhenNone || (counts[$0] ?? 0) > 0 }
    }
}
