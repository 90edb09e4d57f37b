#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exact readings of spreadsheet values (an .xlsx `<v>` text, a serial day
/// number exported as text): numbers as exact decimals (a text of more than 15
/// digits as Excel holds and shows it: its binary double to 15 digits), serial
/// dates in the 1900 and 1904 systems, durations.
public enum SpreadsheetValue {
    /// The number a `<v>` holds: `-12.5`, `1.5E-3`, `2422.3000000000002`. Up to 15
    /// significant digits it is the text's decimal, exactly. Longer texts are what Excel
    /// writes for a binary double (17 digits for `2422.3000000000002`, 16 for
    /// `4.615384615384615`): the value is that double, shown as Excel shows it, rounded to
    /// 15 significant digits from the binary value (`4.61538461538461`, not the text's
    /// half-up `4.61538461538462`). Nil when it is not a number, or when its 15 digits need
    /// more than 38 decimal places or 38 digits (`3E-104`, `1E+40`): an amount cannot hold it
    /// exactly (see ``displayText(_:)`` for showing it).
    ///
    /// ```swift
    /// XLSXValue.number("2422.3000000000002")   // 2422.3
    /// XLSXValue.number("1E-3")                 // 0.001
    /// ```
    public static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Amount? {
        // Fast path: up to 15 digits, an optional sign and point, no exponent.
        if bytes.count <= 17 {
            var i = 0, sig: Int64 = 0, digits = 0, scale = 0, point = false, ok = true
            var negative = false
            if bytes.count > 0 && bytes[0] == 0x2D { negative = true; i = 1 }
            while i < bytes.count {
                let d = bytes[i] &- 0x30
                if d < 10 { sig = sig &* 10 &+ Int64(d); digits += 1; if point { scale += 1 } }
                else if bytes[i] == 0x2E && !point { point = true }
                else { ok = false; break }
                i += 1
            }
            if ok && digits > 0 && digits <= 15 {
                return Amount(significand: Int128(negative ? -sig : sig), scale: scale).normalized
            }
        }
        guard let p = parse(bytes) else { return nil }
        if p.significant <= 15 { return decimal(bytes, p) }
        return fifteenDigits(bytes) { b in parse(b).flatMap { decimal(b, $0) } } ?? nil
    }

    /// A number's text as Excel's General format shows it: the exact decimal when an amount
    /// holds it (``number(_:)``), else the 15 significant digits of the binary value in
    /// scientific notation (`3E-104`, `-1.23456789012346E-30`, `1E+40`); nil when not a number.
    public static func displayText(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if let a = number(bytes) { return a.description }
        guard parse(bytes) != nil, let s = fifteenDigits(bytes, { String(decoding: $0, as: UTF8.self) }) else { return nil }
        // d.dddddddddddddde±XX: trailing zeros of the mantissa dropped, the exponent as Excel writes it.
        guard let e = s.firstIndex(of: "e") else { return s }
        var mantissa = String(s[..<e])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        var exponent = s[s.index(after: e)...]
        let sign = exponent.first == "-" ? "-" : "+"
        exponent = exponent.drop { $0 == "-" || $0 == "+" }
        let digits = exponent.drop { $0 == "0" }
        return mantissa + "E" + sign + (digits.isEmpty ? "0" : String(digits))
    }

    /// The shape of a number's text: where its digits are, without allocating.
    private struct Parsed {
        var negative: Bool
        /// Digits without leading zeros.
        var significant: Int
        /// Digits after the point, minus the exponent.
        var scale: Int
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed? {
        var i = 0
        let n = bytes.count
        guard n > 0 else { return nil }
        var negative = false
        if bytes[0] == 0x2D { negative = true; i = 1 } else if bytes[0] == 0x2B { i = 1 }
        var digits = 0, significant = 0, fraction = 0, point = false
        while i < n {
            let c = bytes[i]
            if c >= 0x30 && c <= 0x39 {
                digits += 1
                if significant > 0 || c != 0x30 { significant += 1 }
                if point { fraction += 1 }
            } else if c == 0x2E && !point { point = true }
            else { break }
            i += 1
        }
        guard digits > 0 else { return nil }
        var exponent = 0
        if i < n && (bytes[i] == 0x45 || bytes[i] == 0x65) {
            i += 1
            var eneg = false
            if i < n && (bytes[i] == 0x2D || bytes[i] == 0x2B) { eneg = bytes[i] == 0x2D; i += 1 }
            var e = 0, ed = 0
            while i < n && bytes[i] >= 0x30 && bytes[i] <= 0x39 { e = e * 10 + Int(bytes[i] - 0x30); ed += 1; i += 1; if e > 400 { return nil } }
            guard ed > 0 else { return nil }
            exponent = eneg ? -e : e
        }
        guard i == n else { return nil }
        return Parsed(negative: negative, significant: significant, scale: fraction - exponent)
    }

    /// The exact decimal of a text of at most 15 significant digits; nil beyond 38 digits or places.
    private static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, _ p: Parsed) -> Amount? {
        var sig: Int128 = 0
        for c in bytes {
            if c == 0x45 || c == 0x65 { break }
            if c >= 0x30 && c <= 0x39 { sig = sig * 10 + Int128(c - 0x30) }
        }
        var scale = p.scale
        if sig == 0 { return .zero }
        while scale < 0 {
            let (m, o) = sig.multipliedReportingOverflow(by: 10)
            if o { return nil }
            sig = m; scale += 1
        }
        // Trailing zeros first, so that 1.5000000000000E-30 keeps its value in 38 places.
        while scale > Amount.maxScale && sig % 10 == 0 { sig /= 10; scale -= 1 }
        guard scale <= Amount.maxScale else { return nil }
        return Amount(significand: p.negative ? -sig : sig, scale: scale).normalized
    }

    /// The text's binary double (correctly rounded by strtod), printed with 15 significant
    /// digits (`%.14e`, which rounds the exact binary value), handed to `body` from a buffer on
    /// the stack; nil when not finite.
    private static func fifteenDigits<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard bytes.count < 512 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { z -> R? in
            for (k, b) in bytes.enumerated() { z[k] = CChar(bitPattern: b) }
            z[bytes.count] = 0
            let value = strtod(z.baseAddress!, nil)
            guard value.isFinite else { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { out -> R? in
                let n = out.baseAddress!.withMemoryRebound(to: CChar.self, capacity: 40) { c in
                    withVaList([value]) { vsnprintf(c, 40, "%.14e", $0) }
                }
                guard n > 0 && n < 40 else { return nil }
                return body(UnsafeBufferPointer(rebasing: out[0..<Int(n)]))
            }
        }
    }

    public static func number(_ text: String) -> Amount? {
        var s = text
        return s.withUTF8 { number($0) }
    }

    /// A serial day number (1900 or 1904 system) as a date and a time of day
    /// in milliseconds, rounded half-up to the millisecond. In the 1900 system
    /// serial 60 is Excel's fictitious 1900-02-29, read as 1900-02-28 24:00 → nil.
    public static func dateTime(serial: Amount, date1904: Bool) -> (date: CalendarDate, milliseconds: Int)? {
        // 2,958,465 is 9999-12-31, the last day Excel shows.
        guard !serial.isNegative, serial < Amount(2_958_466) else { return nil }
        let ms = (serial * Amount(86_400_000)).rounded(scale: 0).significand
        var days = Int(ms / 86_400_000)
        let rest = Int(ms % 86_400_000)
        let base: CalendarDate
        if date1904 {
            base = CalendarDate(year: 1904, month: 1, day: 1)!
        } else {
            if days == 60 { return nil }          // 1900-02-29 does not exist
            if days < 60 { days -= 1 }            // before the fictitious day
            else { days -= 2 }
            base = CalendarDate(year: 1900, month: 1, day: 1)!
            if days < -1 { return nil }
        }
        return (CalendarDate(daysSinceEpoch: base.daysSinceEpoch + days), rest)
    }

    /// ISO 8601: `2024-03-05`, or `2024-03-05T14:30:00` (with `.250` when there are milliseconds).
    /// A serial below 1 in the 1900 system is no day (Excel's 1900-01-00) but a time of day, as a
    /// time-only format shows it and as calamine and openpyxl read it: `12:00:00`, `00:00:00`.
    public static func isoText(serial: Amount, date1904: Bool) -> String? {
        if !date1904, !serial.isNegative, serial < Amount(1) {
            let ms = Int((serial * Amount(86_400_000)).rounded(scale: 0).significand)
            if ms < 86_400_000 { return clock(ms) }
        }
        guard let (date, ms) = dateTime(serial: serial, date1904: date1904) else { return nil }
        if ms == 0 { return date.description }
        return date.description + "T" + clock(ms)
    }

    /// A duration as hours:minutes:seconds, hours unbounded: `255:10:10`.
    public static func durationText(serial: Amount) -> String? {
        // Beyond a million years of hours it is no duration a ledger holds.
        guard serial.magnitude < Amount(365_000_000) else { return nil }
        let ms = (serial.magnitude * Amount(86_400_000)).rounded(scale: 0).significand
        let total = Int(ms)
        let h = total / 3_600_000
        let text = "\(h):" + clock(total % 3_600_000 + 0).dropFirst(3)
        return serial.isNegative ? "-" + text : text
    }

    public static func clock(_ ms: Int) -> String {
        let h = ms / 3_600_000, m = ms / 60_000 % 60, s = ms / 1000 % 60, f = ms % 1000
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var t = "\(two(h)):\(two(m)):\(two(s))"
        if f > 0 { t += "." + (f < 10 ? "00\(f)" : f < 100 ? "0\(f)" : "\(f)") }
        return t
    }
}
