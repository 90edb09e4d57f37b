/// Streaming UTF-16 (either byte order) → UTF-8 decoder; unpaired surrogates are invalid.
struct UTF16Decoder {
    let bigEndian: Bool

    func decode(_ src: UnsafePointer<UInt8>, _ n: Int, into dst: UnsafeMutablePointer<UInt8>, capacity: Int, final: Bool) -> DecodeStep {
        var i = 0, o = 0
        @inline(__always) func unit(_ k: Int) -> UInt32 {
            bigEndian ? UInt32(src[k]) << 8 | UInt32(src[k + 1]) : UInt32(src[k + 1]) << 8 | UInt32(src[k])
        }
        while i < n && o + 4 <= capacity {
            if i + 1 >= n { if final { return DecodeStep(consumed: i, produced: o, invalidAt: i) }; break }
            let u = unit(i)
            if u < 0x80 { dst[o] = UInt8(u); o += 1; i += 2; continue }
            if u >= 0xD800 && u <= 0xDBFF {
                if i + 3 >= n { if final { return DecodeStep(consumed: i, produced: o, invalidAt: i) }; break }
                let l = unit(i + 2)
                guard l >= 0xDC00 && l <= 0xDFFF else { return DecodeStep(consumed: i, produced: o, invalidAt: i) }
                o += encodeUTF8(0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00), dst + o)
                i += 4
                continue
            }
            if u >= 0xDC00 && u <= 0xDFFF { return DecodeStep(consumed: i, produced: o, invalidAt: i) }
            o += encodeUTF8(u, dst + o)
            i += 2
        }
        return DecodeStep(consumed: i, produced: o, invalidAt: nil)
    }

    /// UTF-16 bytes of the UTF-8 text: 2 per BMP scalar, 4 per supplementary one.
    func sourceLength(ofUTF8 p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var len = 0
        for i in 0..<n {
            let c = p[i]
            if c & 0xC0 != 0x80 { len += c >= 0xF0 ? 4 : 2 }
        }
        return len
    }
}
