extension Amount {
    /// What ``Amount/parse(utf8:unit:)`` read from a text, before units apply.
    public struct Parsed: Sendable, Equatable {
        /// The number as written (a percentage already divided by 100).
        public var value: Amount
        /// The text ended in % or ％.
        public var isPercent: Bool
        /// The text ended in 元, 万元 or 亿元.
        public var unitInText: MoneyUnit?

        @inlinable
        public init(value: Amount, isPercent: Bool, unitInText: MoneyUnit?) {
            self.value = value
            self.isPercent = isPercent
            self.unitInText = unitInText
        }
    }

    /// Reads an amount as ledgers write it; nil when the text is blank (absent, never zero).
    ///
    /// Accepted: `1234.56`, `1,234.56`, `-1,234.56`, `(1,234.56)` (negative),
    /// `1,234.56-`, full-width digits, separators and signs (`１，２３４．５６`),
    /// `¥`/`￥` before the number, `元`/`万元`/`亿元` after it, and percentages
    /// (`99.46%` is 0.9946). A bare number is in `unit` and is returned in 元;
    /// a unit in the text must agree with `unit` when `unit` is not 元.
    ///
    /// ```swift
    /// try Amount.parse("¥1,234.56")                  // 1234.56
    /// try Amount.parse("13,816.95", unit: .wanYuan)  // 138169500 (元)
    /// try Amount.parse("  ")                         // nil
    /// try Amount.parse("12.3.4")                     // throws .multipleDecimalPoints
    /// ```
    public static func parse(_ text: some StringProtocol, unit: MoneyUnit = .yuan) throws(AmountSyntaxError) -> Amount? {
        var s = String(text)
        return try s.withUTF8 { buffer in
            Result { () throws(AmountSyntaxError) in try parse(utf8: buffer, unit: unit) }
        }.get()
    }

    /// ``parse(_:unit:)`` over UTF-8 bytes: the hot path for readers (no String is made).
    @inlinable
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, unit: MoneyUnit = .yuan) throws(AmountSyntaxError) -> Amount? {
        if let plain = AmountScanner.fast(bytes), unit == .yuan { return plain }
        guard let parsed = try parseDetailed(utf8: bytes) else { return nil }
        if parsed.isPercent { return parsed.value }
        if let inText = parsed.unitInText {
            if unit != .yuan && inText != unit {
                throw AmountSyntaxError(text: String(decoding: bytes, as: UTF8.self),
                                        reason: .conflictingUnit(inText: inText, declared: unit))
            }
            guard let v = parsed.value.inYuanReportingOverflow(from: inText) else {
                throw AmountSyntaxError(text: String(decoding: bytes, as: UTF8.self), reason: .tooManyDigits)
            }
            return v
        }
        guard let v = parsed.value.inYuanReportingOverflow(from: unit) else {
            throw AmountSyntaxError(text: String(decoding: bytes, as: UTF8.self), reason: .tooManyDigits)
        }
        return v
    }

    /// Reads the number, its percent sign and its unit, without applying the unit.
    public static func parseDetailed(_ text: some StringProtocol) throws(AmountSyntaxError) -> Parsed? {
        var s = String(text)
        return try s.withUTF8 { buffer in
            Result { () throws(AmountSyntaxError) in try parseDetailed(utf8: buffer) }
        }.get()
    }

    /// ``parseDetailed(_:)`` over UTF-8 bytes.
    @inlinable
    public static func parseDetailed(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(AmountSyntaxError) -> Parsed? {
        if let plain = AmountScanner.fast(bytes) { return Parsed(value: plain, isPercent: false, unitInText: nil) }
        let r = AmountScanner.scan(bytes)
        switch r.outcome {
        case .blank: return nil
        case .ok: return Parsed(value: Amount(significand: r.significand, scale: r.scale),
                                isPercent: r.isPercent, unitInText: r.unit)
        case .failure(let fault, let index):
            throw AmountSyntaxError(text: String(decoding: bytes, as: UTF8.self), reason: AmountScanner.reason(fault, index, bytes))
        }
    }
}

/// The byte-level scanner behind ``Amount/parse(utf8:unit:)``: no allocation,
/// no Foundation, one pass over the digits.
@usableFromInline
enum AmountScanner {
    /// A fault, kept trivial (no String inside) so that the hot path copies no references.
    @usableFromInline
    enum Fault: UInt8 {
        case misplacedGroupSeparator, separatorInFraction, multipleDecimalPoints, multipleSigns
        case noDigits, unbalancedParenthesis, tooManyDigits, unexpectedCharacter
    }

    @usableFromInline
    enum Outcome { case ok, blank, failure(Fault, at: Int) }

    @usableFromInline
    struct Result {
        @usableFromInline var outcome: Outcome = .ok
        @usableFromInline var significand: Int128 = 0
        @usableFromInline var scale: Int = 0
        @usableFromInline var isPercent = false
        @usableFromInline var unit: MoneyUnit? = nil
        @usableFromInline init() {}
        @usableFromInline init(failure: Fault, at index: Int = 0) { outcome = .failure(failure, at: index) }
    }

    @inline(__always) @usableFromInline
    static func at(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ x: UInt8, _ y: UInt8, _ z: UInt8) -> Bool {
        i + 2 < b.count && b[i] == x && b[i + 1] == y && b[i + 2] == z
    }

    @inline(__always) @usableFromInline
    static func endsWith(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ x: UInt8, _ y: UInt8, _ z: UInt8) -> Bool {
        end - start >= 3 && b[end - 3] == x && b[end - 2] == y && b[end - 1] == z
    }

    /// Skips ASCII space/tab, NBSP (C2 A0) and ideographic space (E3 80 80) forwards.
    @inline(__always) @usableFromInline
    static func skipSpaces(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ end: Int) {
        while i < end {
            let c = b[i]
            if c == 0x20 || c == 0x09 { i += 1 }
            else if c == 0xC2 && i + 1 < end && b[i + 1] == 0xA0 { i += 2 }
            else if c == 0xE3 && i + 2 < end && b[i + 1] == 0x80 && b[i + 2] == 0x80 { i += 3 }
            else { return }
        }
    }

    @inline(__always) @usableFromInline
    static func trimSpaces(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: inout Int) {
        while end > start {
            let c = b[end - 1]
            if c == 0x20 || c == 0x09 { end -= 1 }
            else if c == 0xA0 && end - 2 >= start && b[end - 2] == 0xC2 { end -= 2 }
            else if c == 0x80 && end - 3 >= start && b[end - 3] == 0xE3 && b[end - 2] == 0x80 { end -= 3 }
            else { return }
        }
    }

    @usableFromInline
    static func scan(_ b: UnsafeBufferPointer<UInt8>) -> Result {
        var i = 0
        var end = b.count
        skipSpaces(b, &i, end)
        trimSpaces(b, i, &end)
        if i == end { var r = Result(); r.outcome = .blank; return r }

        var r = Result()
        var negative = false, signSeen = false, parenOpen = false, currencySeen = false

        // Prefixes, each at most once, in any order: sign, currency, opening parenthesis.
        prefix: while i < end {
            let c = b[i]
            switch c {
            case 0x2D, 0x2B: // - +
                if signSeen { return Result(failure: .multipleSigns) }
                signSeen = true; negative = c == 0x2D; i += 1
            case 0x28: // (
                if parenOpen { return Result(failure: .unbalancedParenthesis) }
                parenOpen = true; i += 1
            case 0xC2 where i + 1 < end && b[i + 1] == 0xA5: // ¥
                if currencySeen { return Result(failure: .unexpectedCharacter, at: i) }
                currencySeen = true; i += 2
            case 0xEF:
                if at(b, i, 0xEF, 0xBC, 0x8D) { // －
                    if signSeen { return Result(failure: .multipleSigns) }
                    signSeen = true; negative = true; i += 3
                } else if at(b, i, 0xEF, 0xBC, 0x8B) { // ＋
                    if signSeen { return Result(failure: .multipleSigns) }
                    signSeen = true; i += 3
                } else if at(b, i, 0xEF, 0xBC, 0x88) { // （
                    if parenOpen { return Result(failure: .unbalancedParenthesis) }
                    parenOpen = true; i += 3
                } else if at(b, i, 0xEF, 0xBF, 0xA5) { // ￥
                    if currencySeen { return Result(failure: .unexpectedCharacter, at: i) }
                    currencySeen = true; i += 3
                } else { break prefix }
            case 0xE2 where at(b, i, 0xE2, 0x88, 0x92): // − U+2212
                if signSeen { return Result(failure: .multipleSigns) }
                signSeen = true; negative = true; i += 3
            default:
                break prefix
            }
            skipSpaces(b, &i, end)
        }

        // Suffixes, from the end: closing parenthesis, trailing minus, percent, unit.
        var parenClosed = false, unitSeen = false, percentAt = 0
        suffix: while end > i {
            let c = b[end - 1]
            switch c {
            case 0x29: // )
                if parenClosed { return Result(failure: .unbalancedParenthesis) }
                parenClosed = true; end -= 1
            case 0x2D: // trailing minus: 1,234.56-
                if signSeen { return Result(failure: .multipleSigns) }
                signSeen = true; negative = true; end -= 1
            case 0x25: // %
                if r.isPercent { return Result(failure: .unexpectedCharacter, at: end - 1) }
                r.isPercent = true; end -= 1; percentAt = end
            default:
                if endsWith(b, i, end, 0xEF, 0xBC, 0x89) { // ）
                    if parenClosed { return Result(failure: .unbalancedParenthesis) }
                    parenClosed = true; end -= 3
                } else if endsWith(b, i, end, 0xEF, 0xBC, 0x85) { // ％
                    if r.isPercent { return Result(failure: .unexpectedCharacter, at: end - 3) }
                    r.isPercent = true; end -= 3; percentAt = end
                } else if endsWith(b, i, end, 0xEF, 0xBC, 0x8D) { // trailing －
                    if signSeen { return Result(failure: .multipleSigns) }
                    signSeen = true; negative = true; end -= 3
                } else if endsWith(b, i, end, 0xE5, 0x85, 0x83) { // 元
                    if unitSeen { return Result(failure: .unexpectedCharacter, at: end - 3) }
                    unitSeen = true; end -= 3
                    if endsWith(b, i, end, 0xE4, 0xB8, 0x87) { r.unit = .wanYuan; end -= 3 }       // 万
                    else if endsWith(b, i, end, 0xE4, 0xBA, 0xBF) { r.unit = .yiYuan; end -= 3 }  // 亿
                    else { r.unit = .yuan }
                } else { break suffix }
            }
            trimSpaces(b, i, &end)
        }
        if parenOpen != parenClosed { return Result(failure: .unbalancedParenthesis) }
        if parenOpen {
            if signSeen { return Result(failure: .multipleSigns) }
            negative = true
        }
        if r.isPercent && r.unit != nil { return Result(failure: .unexpectedCharacter, at: percentAt) }

        // Digits with thousands separators and one decimal point.
        var sig: Int128 = 0
        var significant = 0      // digits counted after leading zeros
        var anyDigit = false
        var fraction = -1        // digits after the point, -1 before it
        var group = 0            // digits in the current integer group
        var grouped = false
        while i < end {
            let c = b[i]
            var d: UInt8
            if c &- 0x30 < 10 {
                d = c &- 0x30; i += 1
            } else if c == 0x2C { // ,
                if fraction >= 0 { return Result(failure: .separatorInFraction) }
                if group == 0 || (grouped && group != 3) || (!grouped && group > 3) {
                    return Result(failure: .misplacedGroupSeparator)
                }
                grouped = true; group = 0; i += 1
                continue
            } else if c == 0x2E { // .
                if fraction >= 0 { return Result(failure: .multipleDecimalPoints) }
                if grouped && group != 3 { return Result(failure: .misplacedGroupSeparator) }
                fraction = 0; i += 1
                continue
            } else if c == 0xEF && i + 2 < end && b[i + 1] == 0xBC {
                let t = b[i + 2]
                if t >= 0x90 && t <= 0x99 { d = t - 0x90; i += 3 }     // ０-９
                else if t == 0x8C {                                     // ，
                    if fraction >= 0 { return Result(failure: .separatorInFraction) }
                    if group == 0 || (grouped && group != 3) || (!grouped && group > 3) {
                        return Result(failure: .misplacedGroupSeparator)
                    }
                    grouped = true; group = 0; i += 3
                    continue
                } else if t == 0x8E {                                   // ．
                    if fraction >= 0 { return Result(failure: .multipleDecimalPoints) }
                    if grouped && group != 3 { return Result(failure: .misplacedGroupSeparator) }
                    fraction = 0; i += 3
                    continue
                } else {
                    return Result(failure: .unexpectedCharacter, at: i)
                }
            } else {
                if c == 0x2D || c == 0x2B { return Result(failure: .multipleSigns) }
                return Result(failure: .unexpectedCharacter, at: i)
            }
            anyDigit = true
            if sig != 0 || d != 0 {
                significant += 1
                if significant > 38 { return Result(failure: .tooManyDigits) }
            }
            sig = sig &* 10 &+ Int128(d)
            if fraction >= 0 { fraction += 1 } else { group += 1 }
        }
        if !anyDigit { return Result(failure: .noDigits) }
        if grouped && fraction < 0 && group != 3 { return Result(failure: .misplacedGroupSeparator) }
        var scale = max(fraction, 0)
        if r.isPercent { scale += 2 }
        if scale > Amount.maxScale { return Result(failure: .tooManyDigits) }
        r.significand = negative ? -sig : sig
        r.scale = scale
        return r
    }

    /// The public reason for a fault found at byte `index`.
    @usableFromInline
    static func reason(_ fault: Fault, _ index: Int, _ b: UnsafeBufferPointer<UInt8>) -> AmountSyntaxError.Reason {
        switch fault {
        case .misplacedGroupSeparator: .misplacedGroupSeparator
        case .separatorInFraction: .separatorInFraction
        case .multipleDecimalPoints: .multipleDecimalPoints
        case .multipleSigns: .multipleSigns
        case .noDigits: .noDigits
        case .unbalancedParenthesis: .unbalancedParenthesis
        case .tooManyDigits: .tooManyDigits
        case .unexpectedCharacter: .unexpectedCharacter(character(b, index, b.count))
        }
    }

    /// The character starting at byte `i`, for error messages.
    /// The common case, tried before anything else: ASCII digits, either plain
    /// (`1234.56`) or with commas between groups of three (`1,234.56`), an
    /// optional fraction, an optional leading '-' or surrounding parentheses;
    /// at most 18 digits, accumulated in 64 bits, no surrounding spaces. Nil when
    /// the text is anything else: the full scanner then decides (and explains).
    ///
    /// Written to branch per group rather than per character: the shape of
    /// the text is checked from its length and the places of its point and commas.
    @inlinable @inline(__always)
    static func fast(_ b: UnsafeBufferPointer<UInt8>) -> Amount? {
        var j = 0, stop = b.count
        if stop == 0 || stop > 26 { return nil }
        var neg = false
        if b[0] == 0x2D { neg = true; j = 1 }
        else if b[0] == 0x28 && b[stop - 1] == 0x29 { neg = true; j = 1; stop -= 1 }
        if j >= stop { return nil }
        @inline(__always) func digit(_ k: Int) -> UInt64? {
            let d = b[k] &- 0x30
            return d < 10 ? UInt64(d) : nil
        }
        // Fraction: the point is usually third from the end.
        var intEnd = stop, fraction = 0
        var frac: UInt64 = 0
        if stop - j >= 3 && b[stop - 3] == 0x2E {
            guard let d1 = digit(stop - 2), let d2 = digit(stop - 1) else { return nil }
            frac = d1 &* 10 &+ d2; fraction = 2; intEnd = stop - 3
        } else {
            var k = stop
            while k > j && b[k - 1] &- 0x30 < 10 { k -= 1 }
            if k > j && b[k - 1] == 0x2E {
                fraction = stop - k
                if fraction > 18 { return nil }
                for q in k..<stop { frac = frac &* 10 &+ UInt64(b[q] &- 0x30) }
                intEnd = k - 1
            }
        }
        let intLen = intEnd - j
        if intLen <= 0 { return nil }   // ".5", "-.5": the full scanner reads them
        var sig: UInt64 = 0
        if intLen >= 5 && b[intEnd - 4] == 0x2C {
            // Grouped: 1–3 leading digits, then ",ddd" groups.
            let lead = intLen % 4
            if lead == 0 || intLen + fraction > 24 { return nil }
            var p = j
            for _ in 0..<lead {
                guard let d = digit(p) else { return nil }
                sig = sig &* 10 &+ d; p += 1
            }
            while p < intEnd {
                guard b[p] == 0x2C, let d1 = digit(p + 1), let d2 = digit(p + 2), let d3 = digit(p + 3) else { return nil }
                sig = sig &* 1000 &+ (d1 &* 100 &+ d2 &* 10 &+ d3)
                p += 4
            }
        } else {
            if intLen + fraction > 18 { return nil }
            for p in j..<intEnd {
                guard let d = digit(p) else { return nil }
                sig = sig &* 10 &+ d
            }
        }
        if intLen - intLen / 4 + fraction > 18 { return nil }
        switch fraction {
        case 0: break
        case 2: sig = sig &* 100 &+ frac
        default:
            var m: UInt64 = 1
            for _ in 0..<fraction { m &*= 10 }
            sig = sig &* m &+ frac
        }
        let v = Int128(sig)
        return Amount(significand: neg ? -v : v, scale: fraction)
    }

    @usableFromInline
    static func character(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Character {
        var j = i + 1
        while j < end && b[j] & 0xC0 == 0x80 { j += 1 }
        let s = String(decoding: UnsafeBufferPointer(rebasing: b[i..<j]), as: UTF8.self)
        return s.first ?? "?"
    }
}
