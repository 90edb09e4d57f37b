extension Amount: CustomStringConvertible, LosslessStringConvertible {
    /// Plain decimal text with every digit of the scale: `-1234.50`.
    public var description: String {
        Amount.plainText(significand, scale: scale)
    }

    /// Parses plain or formatted text (see ``parse(_:unit:)``); nil when blank or malformed.
    public init?(_ description: String) {
        guard let a = try? Amount.parse(description) else { return nil }
        self = a
    }

    static func plainText(_ significand: Int128, scale: Int, grouping: Bool = false) -> String {
        let negative = significand < 0
        var digits = Array(String(significand.magnitude).utf8)
        if digits.count <= scale {
            digits = Array(repeating: UInt8(ascii: "0"), count: scale - digits.count + 1) + digits
        }
        let intCount = digits.count - scale
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + digits.count / 3 + 2)
        if negative { out.append(UInt8(ascii: "-")) }
        for k in 0..<intCount {
            if grouping && k > 0 && (intCount - k) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(digits[k])
        }
        if scale > 0 {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[intCount...])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Text with thousands separators, as reports print money: `-1,234.50`.
    ///
    /// ```swift
    /// try Amount.parse("13816.95")!.groupedText   // "13,816.95"
    /// ```
    public var groupedText: String {
        Amount.plainText(significand, scale: scale, grouping: true)
    }

    /// The value as a percentage rounded to `decimals` places by `rule`: 0.99457 → "99.46%".
    public func percentText(decimals: Int = 2, _ rule: RoundingRule = .halfUp) -> String {
        let pct = Amount(unchecked: significand, scale: scale).rounded(scale: decimals + 2, rule)
        return Amount(significand: pct.significand, scale: decimals).description + "%"
    }

    /// The value formatted for display in `unit` with `decimals` places,
    /// rounded half-up: 138,169,512.34 元 → "13,816.95" in 万元.
    public func displayText(in unit: MoneyUnit = .yuan, decimals: Int = 2, _ rule: RoundingRule = .halfUp) -> String {
        inUnit(unit).rounded(scale: decimals, rule).groupedText
    }
}

extension Amount: Equatable, Hashable, Comparable {
    public static func == (lhs: Amount, rhs: Amount) -> Bool {
        compare(lhs, rhs) == 0
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.significand)
        hasher.combine(n.scale)
    }

    public static func < (lhs: Amount, rhs: Amount) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// -1, 0, 1 as lhs is below, equal to or above rhs.
    static func compare(_ lhs: Amount, _ rhs: Amount) -> Int {
        if lhs.scale == rhs.scale {
            return lhs.significand == rhs.significand ? 0 : (lhs.significand < rhs.significand ? -1 : 1)
        }
        if lhs.signum != rhs.signum { return lhs.signum < rhs.signum ? -1 : 1 }
        let scale = max(lhs.scale, rhs.scale)
        guard let a = lhs.significand(atScale: scale) else { return lhs.signum }   // |lhs| beyond range
        guard let b = rhs.significand(atScale: scale) else { return -rhs.signum }
        return a == b ? 0 : (a < b ? -1 : 1)
    }
}

extension Amount: Codable {
    /// Encodes as exact decimal text (`"1234.56"`): JSON numbers would pass through binary floats.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let value = try Amount.parse(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "blank amount")
        }
        self = value
    }
}

extension Amount {
    /// Appends ``description``'s text (`-1234.50`) to `out` without making a String:
    /// for writers that put millions of amounts into a file or a database.
    public func appendPlainText(to out: inout [UInt8]) {
        var mag = significand.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buf in
            var n = 0
            if mag <= UInt128(UInt64.max) {
                var m = UInt64(mag)
                repeat { buf[n] = UInt8(truncatingIfNeeded: m % 10) &+ 0x30; m /= 10; n += 1 } while m > 0
            } else {
                repeat { buf[n] = UInt8(truncatingIfNeeded: mag % 10) &+ 0x30; mag /= 10; n += 1 } while mag > 0
            }
            while n <= scale { buf[n] = 0x30; n += 1 }      // at least one digit before the point
            if significand < 0 { out.append(UInt8(ascii: "-")) }
            var k = n - 1
            while k >= 0 {
                if k == scale - 1 { out.append(UInt8(ascii: ".")) }
                out.append(buf[k])
                k -= 1
            }
        }
    }
}
