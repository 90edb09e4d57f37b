/// Checks UTF-8 strictly (no overlongs, no surrogates, nothing above U+10FFFF).
enum UTF8Validator {
    enum Outcome: Equatable {
        /// All bytes valid; `tail` bytes at the end start a character that continues in the next chunk.
        case valid(tail: Int)
        /// The first invalid byte is at this index.
        case invalid(at: Int)
    }

    static func validate(_ p: UnsafePointer<UInt8>, _ n: Int) -> Outcome {
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i < n {
            let c = p[i]
            if c < 0x80 {
                i += 1
                // Runs of ASCII: 8 bytes at a time.
                while i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                continue
            }
            // The common case in Chinese text: a 3-byte character with lead E1–EC or EE–EF.
            if i + 2 < n && c >= 0xE1 && c != 0xED && c <= 0xEF
                && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80 {
                i += 3
                continue
            }
            let need: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return .invalid(at: i)
            }
            if i + need >= n {
                // Possibly cut by the chunk's end: check what is there.
                var j = i + 1
                if j < n { if p[j] < lo || p[j] > hi { return .invalid(at: i) }; j += 1 }
                while j < n { if p[j] & 0xC0 != 0x80 { return .invalid(at: i) }; j += 1 }
                return .valid(tail: n - i)
            }
            if p[i + 1] < lo || p[i + 1] > hi { return .invalid(at: i) }
            if need >= 2 && p[i + 2] & 0xC0 != 0x80 { return .invalid(at: i) }
            if need == 3 && p[i + 3] & 0xC0 != 0x80 { return .invalid(at: i) }
            i += need + 1
        }
        return .valid(tail: 0)
    }
}
