/// An exact decimal number for money and ratios: `significand × 10^-scale`.
///
/// `Amount` never passes through binary floating point. It stores a 128-bit
/// integer significand and a decimal scale (digits after the point), so
/// `0.1 + 0.2 == 0.3` exactly, and a ledger of 10^9 rows of 10^12 元 with
/// cents sums without overflow (10^23 cents < 1.7 × 10^38).
///
/// ```swift
/// let a = try Amount.parse("1,234.56")!          // 1234.56
/// let b = try Amount.parse("(1,000.00)")!        // -1000.00
/// let sum = a + b                                // 234.56
/// let rate = sum.divided(by: a, scale: 4)        // 0.1900 (half-up)
/// print(rate.percentText(decimals: 2))           // "19.00%"
/// ```
///
/// Equality and ordering compare values, not spellings: `1.50 == 1.5`.
public struct Amount: Sendable {
    /// The integer whose value, divided by 10^scale, is the amount.
    public let significand: Int128
    /// Digits after the decimal point, 0 through ``Amount/maxScale``.
    public let scale: Int

    /// The largest scale an amount carries (Int128 holds 38 decimal digits).
    public static let maxScale = 38

    /// Creates `significand × 10^-scale`.
    ///
    /// ```swift
    /// Amount(significand: 123456, scale: 2)   // 1234.56
    /// ```
    @inlinable
    public init(significand: Int128, scale: Int) {
        precondition(scale >= 0 && scale <= Amount.maxScale, "Amount scale \(scale) outside 0...38")
        self.significand = significand
        self.scale = scale
    }

    /// An integer amount: `Amount(5)` is 5.
    @inlinable
    public init(_ value: Int) {
        self.init(significand: Int128(value), scale: 0)
    }

    /// Zero, at scale 0.
    public static let zero = Amount(significand: 0, scale: 0)

    /// True when the value is zero (at any scale).
    @inlinable public var isZero: Bool { significand == 0 }

    /// True when the value is below zero.
    @inlinable public var isNegative: Bool { significand < 0 }

    /// The absolute value, at the same scale.
    @inlinable public var magnitude: Amount {
        Amount(significand: significand < 0 ? -significand : significand, scale: scale)
    }

    /// -1, 0 or 1.
    @inlinable public var signum: Int { significand == 0 ? 0 : (significand < 0 ? -1 : 1) }
}

/// Powers of ten that fit in Int128: `pow10[k] == 10^k` for k in 0...38.
@usableFromInline
let pow10: [Int128] = {
    var table: [Int128] = [1]
    for _ in 1...38 { table.append(table.last! * 10) }
    return table
}()
