#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GB18030 → Unicode tables, built once from the C library's iconv (glibc's
/// GB18030 converter) so that decoding itself runs in Swift at memory speed.
///
/// GB18030 byte structure: 00–7F single bytes; lead 81–FE + trail 40–7E/80–FE
/// two-byte codes; lead 81–FE, 30–39, 81–FE, 30–39 four-byte codes (BMP
/// from 81 30 81 30, supplementary planes linear from 90 30 81 30).
final class GB18030Tables: Sendable {
    /// Two-byte codes: index (lead-0x81)*191 + (trail-0x40); 0 = invalid.
    let twoByte: [UInt32]
    /// Four-byte codes 81308130...8431A439 (39420 of them): 0 = invalid.
    let fourByteBMP: [UInt32]
    /// Bit set for each BMP scalar that GB18030 writes in two bytes.
    let isTwoByte: [UInt64]

    static let shared: GB18030Tables? = GB18030Tables()

    private init?() {
        let cd = iconv_open("UTF-32LE", "GB18030")
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        func convert(_ bytes: [UInt8]) -> UInt32 {
            var input = bytes.map { CChar(bitPattern: $0) }
            var out = [UInt8](repeating: 0, count: 16)
            let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
                out.withUnsafeMutableBufferPointer { outBuf in
                    var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                    var inLeft = inBuf.count
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuf.count
                    _ = iconv(cd, nil, nil, nil, nil)
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    if r == -1 || inLeft != 0 { return 0 }
                    return 16 - outLeft
                }
            }
            guard produced == 4 else { return 0 }
            return UInt32(out[0]) | UInt32(out[1]) << 8 | UInt32(out[2]) << 16 | UInt32(out[3]) << 24
        }
        var two = [UInt32](repeating: 0, count: 126 * 191)
        var bits = [UInt64](repeating: 0, count: 65536 / 64)
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                let cp = convert([UInt8(lead), UInt8(trail)])
                two[(lead - 0x81) * 191 + (trail - 0x40)] = cp
                if cp != 0 && cp < 0x10000 { bits[Int(cp) >> 6] |= 1 << UInt64(cp & 63) }
            }
        }
        var four = [UInt32](repeating: 0, count: 39420)
        for idx in 0..<39420 {
            let b4 = idx % 10, b3 = (idx / 10) % 126, b2 = (idx / 1260) % 10, b1 = idx / 12600
            four[idx] = convert([UInt8(0x81 + b1), UInt8(0x30 + b2), UInt8(0x81 + b3), UInt8(0x30 + b4)])
        }
        twoByte = two
        fourByteBMP = four
        isTwoByte = bits
    }
}

/// Streaming GB18030 → UTF-8 decoder.
struct GB18030Decoder {
    let tables: GB18030Tables

    /// Decodes as much of `src` as fits; stops before an incomplete code at the
    /// end (unless `final`, when that is invalid).
    func decode(_ src: UnsafePointer<UInt8>, _ n: Int, into dst: UnsafeMutablePointer<UInt8>, capacity: Int, final: Bool) -> DecodeStep {
        var i = 0, o = 0
        let two = tables.twoByte, four = tables.fourByteBMP
        return two.withUnsafeBufferPointer { two in
            four.withUnsafeBufferPointer { four in
                while i < n && o + 4 <= capacity {
                    let c = src[i]
                    if c < 0x80 { dst[o] = c; o += 1; i += 1; continue }
                    if c == 0x80 || c == 0xFF { return DecodeStep(consumed: i, produced: o, invalidAt: i) }
                    if i + 1 >= n { if final { return DecodeStep(consumed: i, produced: o, invalidAt: i) }; break }
                    let c2 = src[i + 1]
                    var cp: UInt32
                    if c2 >= 0x30 && c2 <= 0x39 {
                        if i + 3 >= n { if final { return DecodeStep(consumed: i, produced: o, invalidAt: i) }; break }
                        let c3 = src[i + 2], c4 = src[i + 3]
                        guard c3 >= 0x81 && c3 <= 0xFE && c4 >= 0x30 && c4 <= 0x39 else {
                            return DecodeStep(consumed: i, produced: o, invalidAt: i)
                        }
                        let idx = ((Int(c - 0x81) * 10 + Int(c2 - 0x30)) * 126 + Int(c3 - 0x81)) * 10 + Int(c4 - 0x30)
                        if idx < 39420 {
                            cp = four[idx]
                        } else if c >= 0x90 {
                            let sidx = idx - (0x90 - 0x81) * 12600
                            cp = sidx >= 0 && sidx < 0x100000 ? UInt32(0x10000 + sidx) : 0
                        } else {
                            cp = 0
                        }
                        if cp == 0 { return DecodeStep(consumed: i, produced: o, invalidAt: i) }
                        i += 4
                    } else {
                        guard c2 >= 0x40 && c2 != 0x7F && c2 != 0xFF else {
                            return DecodeStep(consumed: i, produced: o, invalidAt: i)
                        }
                        cp = two[Int(c - 0x81) * 191 + Int(c2 - 0x40)]
                        if cp == 0 { return DecodeStep(consumed: i, produced: o, invalidAt: i) }
                        i += 2
                    }
                    o += encodeUTF8(cp, dst + o)
                }
                return DecodeStep(consumed: i, produced: o, invalidAt: nil)
            }
        }
    }

    /// How many GB18030 bytes the UTF-8 text took in the file.
    func sourceLength(ofUTF8 p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var i = 0, len = 0
        let bits = tables.isTwoByte
        while i < n {
            let c = p[i]
            if c < 0x80 { len += 1; i += 1; continue }
            if c >= 0xF0 { len += 4; i += 4; continue }
            var cp: UInt32
            if c >= 0xE0 {
                cp = UInt32(c & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
                i += 3
            } else {
                cp = UInt32(c & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
                i += 2
            }
            len += bits[Int(cp >> 6)] & (1 << UInt64(cp & 63)) != 0 ? 2 : 4
        }
        return len
    }
}

/// The result of one decoding call.
struct DecodeStep {
    var consumed: Int
    var produced: Int
    /// Index in the source chunk of the first byte that is not valid.
    var invalidAt: Int?
}

/// Writes a scalar as UTF-8; returns the byte count.
@inline(__always)
func encodeUTF8(_ cp: UInt32, _ d: UnsafeMutablePointer<UInt8>) -> Int {
    if cp < 0x80 { d[0] = UInt8(cp); return 1 }
    if cp < 0x800 {
        d[0] = UInt8(0xC0 | (cp >> 6)); d[1] = UInt8(0x80 | (cp & 0x3F)); return 2
    }
    if cp < 0x10000 {
        d[0] = UInt8(0xE0 | (cp >> 12)); d[1] = UInt8(0x80 | ((cp >> 6) & 0x3F)); d[2] = UInt8(0x80 | (cp & 0x3F))
        return 3
    }
    d[0] = UInt8(0xF0 | (cp >> 18)); d[1] = UInt8(0x80 | ((cp >> 12) & 0x3F))
    d[2] = UInt8(0x80 | ((cp >> 6) & 0x3F)); d[3] = UInt8(0x80 | (cp & 0x3F))
    return 4
}
