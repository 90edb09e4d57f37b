extension Amount {
    /// The significand rescaled to `newScale` (≥ scale), or nil on overflow.
    @inlinable
    func significand(atScale newScale: Int) -> Int128? {
        if newScale == scale { return significand }
        precondition(newScale > scale && newScale <= Amount.maxScale)
        let (product, overflow) = significand.multipliedReportingOverflow(by: pow10[newScale - scale])
        return overflow ? nil : product
    }

    /// The same value written with `newScale` digits after the point; `newScale`
    /// must not be below the current scale (use ``rounded(scale:_:)`` for that).
    ///
    /// ```swift
    /// Amount(significand: 15, scale: 1).rescaled(to: 2)   // 1.50
    /// ```
    @inlinable
    public func rescaled(to newScale: Int) -> Amount {
        guard let s = significand(atScale: newScale) else {
            preconditionFailure("Amount overflow rescaling \(self) to scale \(newScale)")
        }
        return Amount(significand: s, scale: newScale)
    }

    /// Exact sum. Traps on overflow beyond 38 digits, like `Int` does.
    @inlinable
    public static func + (lhs: Amount, rhs: Amount) -> Amount {
        if lhs.scale == rhs.scale {
            let (s, o) = lhs.significand.addingReportingOverflow(rhs.significand)
            precondition(!o, "Amount overflow in \(lhs) + \(rhs)")
            return Amount(significand: s, scale: lhs.scale)
        }
        let scale = max(lhs.scale, rhs.scale)
        let (s, o) = lhs.rescaled(to: scale).significand.addingReportingOverflow(rhs.rescaled(to: scale).significand)
        precondition(!o, "Amount overflow in \(lhs) + \(rhs)")
        return Amount(significand: s, scale: scale)
    }

    /// The exact sum, or nil when it needs more than 38 digits (where `+` would trap):
    /// for sums over untrusted input.
    public func addingReportingOverflow(_ other: Amount) -> Amount? {
        let scale = Swift.max(self.scale, other.scale)
        guard let a = significand(atScale: scale), let b = other.significand(atScale: scale) else { return nil }
        let (s, o) = a.addingReportingOverflow(b)
        return o ? nil : Amount(significand: s, scale: scale)
    }

    /// Exact difference.
    @inlinable
    public static func - (lhs: Amount, rhs: Amount) -> Amount {
        lhs + (-rhs)
    }

    /// Negation.
    @inlinable
    public static prefix func - (value: Amount) -> Amount {
        Amount(significand: -value.significand, scale: value.scale)
    }

    /// Exact product; the scale is the sum of the scales (trailing zeros are
    /// removed when the sum would exceed 38).
    @inlinable
    public static func * (lhs: Amount, rhs: Amount) -> Amount {
        let (s, o) = lhs.significand.multipliedReportingOverflow(by: rhs.significand)
        precondition(!o, "Amount overflow in \(lhs) × \(rhs)")
        let product = Amount(unchecked: s, scale: lhs.scale + rhs.scale)
        return product
    }

    /// `significand × 10^-scale` with a scale that may exceed 38 only when the
    /// surplus digits are trailing zeros.
    @usableFromInline
    init(unchecked significand: Int128, scale: Int) {
        var s = significand, k = scale
        while k > Amount.maxScale {
            precondition(s % 10 == 0, "Amount product needs more than 38 decimal places")
            s /= 10; k -= 1
        }
        self.init(significand: s, scale: k)
    }

    @inlinable
    public static func += (lhs: inout Amount, rhs: Amount) { lhs = lhs + rhs }

    @inlinable
    public static func -= (lhs: inout Amount, rhs: Amount) { lhs = lhs - rhs }

    /// The quotient to exactly `scale` decimal places, rounded by `rule`.
    ///
    /// ```swift
    /// let rate = actual.divided(by: budget, scale: 4)            // 0.9946
    /// let share = a.divided(by: b, scale: 2, rounding: .halfEven)
    /// ```
    /// - Precondition: `divisor` is not zero.
    public func divided(by divisor: Amount, scale: Int, rounding rule: RoundingRule = .halfUp) -> Amount {
        precondition(!divisor.isZero, "Amount division by zero: \(self) / 0")
        precondition(scale >= 0 && scale <= Amount.maxScale)
        // self / divisor = (a / 10^sa) / (b / 10^sb); result r / 10^scale
        // r = a × 10^(scale + sb - sa) / b
        var numerator = significand
        var denominator = divisor.significand
        let k = scale + divisor.scale - self.scale
        if k >= 0 {
            let (n, o) = numerator.multipliedReportingOverflow(by: Amount.power(k))
            precondition(!o, "Amount overflow dividing \(self) by \(divisor)")
            numerator = n
        } else {
            let (d, o) = denominator.multipliedReportingOverflow(by: Amount.power(-k))
            precondition(!o, "Amount overflow dividing \(self) by \(divisor)")
            denominator = d
        }
        let q = Amount.divide(numerator, denominator, rounding: rule)
        return Amount(significand: q, scale: scale)
    }

    @usableFromInline
    static func power(_ k: Int) -> Int128 {
        precondition(k >= 0 && k <= 38, "Amount needs 10^\(k), beyond 38 digits")
        return pow10[k]
    }

    /// `n / d` rounded to an integer by `rule` (d ≠ 0).
    @usableFromInline
    static func divide(_ n: Int128, _ d: Int128, rounding rule: RoundingRule) -> Int128 {
        let (q, r) = n.quotientAndRemainder(dividingBy: d)
        if r == 0 { return q }
        let negative = (n < 0) != (d < 0)
        let awayFromZero: Bool
        switch rule {
        case .down: awayFromZero = false
        case .up: awayFromZero = true
        case .floor: awayFromZero = negative
        case .ceiling: awayFromZero = !negative
        case .halfUp, .halfDown, .halfEven:
            let twice = r.magnitude * 2
            let dm = d.magnitude
            if twice > dm { awayFromZero = true }
            else if twice < dm { awayFromZero = false }
            else {
                switch rule {
                case .halfUp: awayFromZero = true
                case .halfDown: awayFromZero = false
                default: awayFromZero = q % 2 != 0
                }
            }
        }
        return awayFromZero ? (negative ? q - 1 : q + 1) : q
    }

    /// This amount rounded to `scale` decimal places by `rule` (half-up, 四舍五入,
    /// by default). Rounding to a larger scale only appends zeros.
    ///
    /// ```swift
    /// try Amount.parse("13816.945")!.rounded(scale: 2)   // 13816.95
    /// try Amount.parse("-2.5")!.rounded(scale: 0)        // -3 (half away from zero)
    /// ```
    public func rounded(scale newScale: Int, _ rule: RoundingRule = .halfUp) -> Amount {
        precondition(newScale >= 0 && newScale <= Amount.maxScale)
        if newScale >= scale { return rescaled(to: newScale) }
        let q = Amount.divide(significand, pow10[scale - newScale], rounding: rule)
        return Amount(significand: q, scale: newScale)
    }

    /// The value with trailing fractional zeros removed: 1.500 → 1.5, 2.00 → 2.
    public var normalized: Amount {
        var s = significand, k = scale
        while k > 0 && s % 10 == 0 { s /= 10; k -= 1 }
        return Amount(significand: s, scale: k)
    }

    /// Exact sum of a sequence of amounts; zero for an empty sequence.
    public static func sum<S: Sequence>(_ values: S) -> Amount where S.Element == Amount {
        values.reduce(Amount.zero, +)
    }
}

extension Amount {
    /// Rescales a value stated in `unit` to 元 (exact: 万元 shifts the point by 4).
    ///
    /// ```swift
    /// Amount(significand: 1381695, scale: 2).inYuan(from: .wanYuan)   // 138169500 元
    /// ```
    public func inYuan(from unit: MoneyUnit) -> Amount {
        guard let value = inYuanReportingOverflow(from: unit) else {
            preconditionFailure("Amount overflow converting \(self) \(unit.symbol) to 元")
        }
        return value
    }

    /// ``inYuan(from:)``, or nil when the result needs more than 38 digits.
    @usableFromInline
    func inYuanReportingOverflow(from unit: MoneyUnit) -> Amount? {
        let e = unit.exponent
        if e == 0 { return self }
        if scale >= e { return Amount(significand: significand, scale: scale - e) }
        let (s, o) = significand.multipliedReportingOverflow(by: pow10[e - scale])
        return o ? nil : Amount(significand: s, scale: 0)
    }

    /// Expresses a value in 元 in `unit`, exactly (元 → 万元 moves the point 4 places).
    ///
    /// ```swift
    /// try Amount.parse("138169512.34")!.inUnit(.wanYuan).rounded(scale: 2)   // 13816.95
    /// ```
    public func inUnit(_ unit: MoneyUnit) -> Amount {
        if unit.exponent == 0 { return self }
        return Amount(unchecked: significand, scale: scale + unit.exponent)
    }
}
