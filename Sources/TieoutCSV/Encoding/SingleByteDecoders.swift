/// Streaming decoders for the Western single-byte encodings (ISO-8859-1, Windows-1252)
/// and UTF-32 → UTF-8.
struct SingleByteDecoder {
    /// The scalar of each byte 0x80–0xFF; 0 where the encoding defines none.
    let high: [UInt32]

    /// ISO-8859-1: every byte is the scalar of the same number.
    static let latin1 = SingleByteDecoder(high: (0x80...0xFF).map { UInt32($0) })

    /// Windows-1252: ISO-8859-1 but for 0x80–0x9F, which hold €, ‚, ƒ, „, …, typographic quotes,
    /// Š, Œ, Ž, š, œ, ž, Ÿ; 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined (an error, never guessed).
    static let windows1252: SingleByteDecoder = {
        let c1: [UInt32] = [0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
                            0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178]
        return SingleByteDecoder(high: c1 + (0xA0...0xFF).map { UInt32($0) })
    }()

    func decode(_ src: UnsafePointer<UInt8>, _ n: Int, into dst: UnsafeMutablePointer<UInt8>, capacity: Int, final: Bool) -> DecodeStep {
        var i = 0, o = 0
        while i < n && o + 4 <= capacity {
            let b = src[i]
            if b < 0x80 { dst[o] = b; o += 1; i += 1; continue }
            let cp = high[Int(b) - 0x80]
            if cp == 0 { return DecodeStep(consumed: i, produced: o, invalidAt: i) }
            o += encodeUTF8(cp, dst + o)
            i += 1
        }
        return DecodeStep(consumed: i, produced: o, invalidAt: nil)
    }

    /// One byte per scalar.
    func sourceLength(ofUTF8 p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var len = 0
        for i in 0..<n where p[i] & 0xC0 != 0x80 { len += 1 }
        return len
    }
}

/// UTF-32 of either byte order; a unit beyond U+10FFFF or a surrogate is invalid.
struct UTF32Decoder {
    let bigEndian: Bool

    func decode(_ src: UnsafePointer<UInt8>, _ n: Int, into dst: UnsafeMutablePointer<UInt8>, capacity: Int, final: Bool) -> DecodeStep {
        var i = 0, o = 0
        while i < n && o + 4 <= capacity {
            if i + 3 >= n { if final { return DecodeStep(consumed: i, produced: o, invalidAt: i) }; break }
            let u = bigEndian
                ? UInt32(src[i]) << 24 | UInt32(src[i + 1]) << 16 | UInt32(src[i + 2]) << 8 | UInt32(src[i + 3])
                : UInt32(src[i + 3]) << 24 | UInt32(src[i + 2]) << 16 | UInt32(src[i + 1]) << 8 | UInt32(src[i])
            if u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF) { return DecodeStep(consumed: i, produced: o, invalidAt: i) }
            o += encodeUTF8(u, dst + o)
            i += 4
        }
        return DecodeStep(consumed: i, produced: o, invalidAt: nil)
    }

    /// Four bytes per scalar.
    func sourceLength(ofUTF8 p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var len = 0
        for i in 0..<n where p[i] & 0xC0 != 0x80 { len += 4 }
        return len
    }
}
