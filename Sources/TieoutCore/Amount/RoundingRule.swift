/// How a value is rounded to fewer decimal places.
///
/// Finance rules say 四舍五入: ``halfUp``, which rounds a tie away from zero
/// (2.5 → 3, -2.5 → -3). The others exist for rules that name them.
public enum RoundingRule: String, Sendable, CaseIterable, Codable {
    /// Ties away from zero: 四舍五入 (the default everywhere).
    case halfUp = "half-up"
    /// Ties toward zero.
    case halfDown = "half-down"
    /// Ties to the even neighbour (banker's rounding).
    case halfEven = "half-even"
    /// Toward zero (truncate).
    case down
    /// Away from zero.
    case up
    /// Toward negative infinity.
    case floor
    /// Toward positive infinity.
    case ceiling
}
