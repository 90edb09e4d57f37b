import TieoutCore

/// What a figure measures, which decides how it is shown and compared.
public enum FigureKind: String, Sendable, Codable {
    /// Money in 元 (shown in the reporting unit, 万元).
    case amount
    /// A fraction (shown as a percentage: 0.9946 → 99.46%).
    case ratio
    /// A whole number of things: projects, people, petitions.
    case count
}

/// One input of a figure: a labelled value, how many records it stands on, and the first
/// few of their cells as examples (`tieout explain` lists them all).
public struct FigureInput: Sendable, Codable, Equatable {
    /// How many places an input keeps as examples.
    public static let examples = 5

    public var label: String
    /// A leaf's label in English (`label_en:`, else the figure's English title).
    public var labelEn: String?
    public var value: Amount
    public var kind: FigureKind
    /// The first cells it comes from: `ledgers/treasury/2024-03.csv!I7`, … (at most ``examples``).
    public var places: [String]
    /// How many records (cells) it stands on in all.
    public var count: Int
    /// The figure this input is, when it is another figure (a ratio's numerator, a total's part).
    public var figure: String?
    /// Set when the input cannot be had (an absent ledger, a figure that cannot be computed):
    /// a figure with such an input is not computed, never taken as zero.
    public var absence: Absence?
    /// For a leaf: the ledger and filter it sums (in memory only, for `tieout explain`).
    package var selection: Selection?
    /// Subtracted from the figure (the second input of a difference), not added.
    public var subtracted = false

    public init(label: String, value: Amount, kind: FigureKind = .amount, places: [String] = [], count: Int? = nil,
                figure: String? = nil, absence: Absence? = nil) {
        self.label = label
        self.value = value
        self.kind = kind
        self.places = Array(places.prefix(Self.examples))
        self.count = count ?? places.count
        self.figure = figure
        self.absence = absence
    }

    enum CodingKeys: String, CodingKey { case label, value, kind, places, count, figure, absence }

    public static func == (a: FigureInput, b: FigureInput) -> Bool {
        a.label == b.label && a.value == b.value && a.kind == b.kind && a.places == b.places && a.count == b.count
            && a.figure == b.figure && a.absence == b.absence && a.subtracted == b.subtracted
    }
}

/// A figure computed from the dataset: its value, exact, its formula in words,
/// and its inputs with their lineage.
///
/// ```swift
/// let rate = book["execution.rate"]!
/// rate.value          // 0.99457… (exact to 12 places)
/// rate.formula        // "实际支出 ÷ 调整后预算"
/// rate.inputs[0].places.first   // "ledgers/treasury/2024-01.csv!I4" (one of the first few)
/// ```
public struct Figure: Sendable, Codable, Equatable {
    public var id: String
    /// The report's own term (`预算执行率`) and an English one.
    public var title: String
    public var titleEn: String
    public var kind: FigureKind
    public var value: Amount
    public var formula: String
    /// The formula in English (`formula_en:`); nil when the definition gives none.
    public var formulaEn: String?
    public var inputs: [FigureInput]
    /// For a ratio: its numerator and denominator, so it can also be recomputed from
    /// the figures as a report displays them (rounded), which tells rounding from error.
    public var ratioOf: [String]?

    public init(id: String, title: String, titleEn: String, kind: FigureKind, value: Amount, formula: String,
                inputs: [FigureInput] = [], ratioOf: [String]? = nil) {
        self.id = id
        self.title = title
        self.titleEn = titleEn
        self.kind = kind
        self.value = value
        self.formula = formula
        self.inputs = inputs
        self.ratioOf = ratioOf
    }
}

extension Amount {
    /// Ratios are carried to 12 decimal places, rounded half-up: far finer than any report shows.
    public static let ratioScale = 12

    /// `self / other` as a ratio; nil when `other` is zero.
    public func ratio(to other: Amount) -> Amount? {
        other.isZero ? nil : divided(by: other, scale: Amount.ratioScale)
    }
}

extension Figure {
    /// The first few places of all its inputs, and how many there are in all.
    public var examples: (places: [String], count: Int) {
        (Array(inputs.lazy.flatMap(\.places).prefix(FigureInput.examples)), inputs.reduce(0) { $0 + $1.count })
    }
}
