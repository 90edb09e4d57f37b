/// Exact readings of spreadsheet values (an .xlsx `<v>` text, a serial day
/// number exported as text): numbers never through binary floating point,
/// serial dates in the 1900 and 1904 systems, durations.
public enum SpreadsheetValue {
    /// The number a `<v>` holds, exactly: `-12.5`, `1.5E-3`, `2422.3000000000002`.
    /// Excel writes binary-float artefacts with 17 significant digits; they are
    /// rounded (half-up) to the 15 significant digits Excel displays, as Excel does.
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
        var i = 0
        let n = bytes.count
        guard n > 0 else { return nil }
        var negative = false
        if bytes[0] == 0x2D { negative = true; i = 1 } else if bytes[0] == 0x2B { i = 1 }
        var digits: [UInt8] = []
        var pointAt: Int? = nil
        while i < n {
            let c = bytes[i]
            if c >= 0x30 && c <= 0x39 { digits.append(c - 0x30) }
            else if c == 0x2E && pointAt == nil { pointAt = digits.count }
            else { break }
            i += 1
        }
        guard !digits.isEmpty else { return nil }
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
        // value = digits × 10^(exponent - fractionDigits)
        var scale = (pointAt.map { digits.count - $0 } ?? 0) - exponent
        // Drop leading zeros, then round to 15 significant digits.
        while digits.count > 1 && digits[0] == 0 { digits.removeFirst() }
        if digits.count > 15 {
            let drop = digits.count - 15
            let roundUp = digits[15] >= 5
            digits.removeLast(drop)
            scale -= drop
            if roundUp {
                var k = digits.count - 1
                while k >= 0 {
                    if digits[k] == 9 { digits[k] = 0; k -= 1 } else { digits[k] += 1; break }
                }
                if k < 0 { digits.insert(1, at: 0); digits.removeLast(); scale -= 1 }
            }
        }
        var sig: Int128 = 0
        for d in digits { sig = sig * 10 + Int128(d) }
        while scale < 0 {
            let (p, o) = sig.multipliedReportingOverflow(by: 10)
            if o { return nil }
            sig = p; scale += 1
        }
        while scale > Amount.maxScale {
            sig /= 10; scale -= 1
        }
        return Amount(significand: negative ? -sig : sig, scale: scale).normalized
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
    public static func isoText(serial: Amount, date1904: Bool) -> String? {
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
