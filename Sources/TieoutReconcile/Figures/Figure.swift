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

/// One input of a figure: a labelled value and the records it sums, by place.
public struct FigureInput: Sendable, Codable, Equatable {
    public var label: String
    public var value: Amount
    public var kind: FigureKind
    /// `ledgers/treasury/2024-03.csv!I7`, … (all of them; reports show the first few).
    public var places: [String]
    /// Set when the input cannot be had (an absent ledger, a figure that cannot be computed):
    /// a figure with such an input is not computed, never taken as zero.
    public var absence: Absence?

    public init(label: String, value: Amount, kind: FigureKind = .amount, places: [String] = [], absence: Absence? = nil) {
        self.label = label
        self.value = value
        self.kind = kind
        self.places = places
        self.absence = absence
    }
}

/// A figure computed from the dataset: its value, exact, its formula in words,
/// and its inputs with their lineage.
///
/// ```swift
/// let rate = book["execution.rate"]!
/// rate.value          // 0.99457… (exact to 12 places)
/// rate.formula        // "实际支出 ÷ 调整后预算"
/// rate.inputs[0].places.first   // "ledgers/treasury/2024-01.csv!I4"
/// ```
public struct Figure: Sendable, Codable, Equatable {
    public var id: String
    /// The report's own term (`预算执行率`) and an English one.
    public var title: String
    public var titleEn: String
    public var kind: FigureKind
    public var value: Amount
    public var formula: String
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
