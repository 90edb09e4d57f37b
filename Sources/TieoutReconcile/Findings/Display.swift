import TieoutCore

/// How figures are shown: money in the reporting unit with its decimals, ratios
/// as percentages, counts as whole numbers; always rounded half-up.
public struct Display: Sendable {
    public var unit: MoneyUnit
    public var decimals: Int

    public init(unit: MoneyUnit = .wanYuan, decimals: Int = 2) {
        self.unit = unit
        self.decimals = decimals
    }

    public func text(_ value: Amount, _ kind: FigureKind, decimals d: Int? = nil) -> String {
        switch kind {
        case .amount: return value.displayText(in: unit, decimals: d ?? decimals) + " " + unit.symbol
        case .ratio: return value.percentText(decimals: d ?? 2)
        case .count: return value.rounded(scale: 0).description
        }
    }

    /// The value as displayed, as an exact number in display units (万元, percentage points, count).
    public func shown(_ value: Amount, _ kind: FigureKind, decimals d: Int) -> Amount {
        switch kind {
        case .amount: return value.inUnit(unit).rounded(scale: d)
        case .ratio: return (value * Amount(100)).rounded(scale: d)
        case .count: return value.rounded(scale: 0)
        }
    }

    /// The value in display units, unrounded.
    public func inDisplayUnits(_ value: Amount, _ kind: FigureKind) -> Amount {
        switch kind {
        case .amount: return value.inUnit(unit)
        case .ratio: return value * Amount(100)
        case .count: return value
        }
    }

    public func unitText(_ kind: FigureKind) -> String {
        switch kind {
        case .amount: unit.symbol
        case .ratio: "个百分点"
        case .count: ""
        }
    }
}
