import TieoutCore

/// The shared-string table: every `<si>` as UTF-8 in one arena (rich-text runs
/// concatenated, phonetic `<rPh>` runs skipped, `_xHHHH_` escapes decoded).
final class SharedStrings {
    private(set) var arena: [UInt8] = []
    private(set) var starts: [Int] = [0]

    var count: Int { starts.count - 1 }

    /// Appends string `index` to `target`; false when there is no such string.
    func append(_ index: Int, to target: inout [UInt8]) -> Bool {
        guard index >= 0 && index < count else { return false }
        let s = starts[index], e = starts[index + 1]
        arena.withUnsafeBufferPointer { a in target.append(contentsOf: UnsafeBufferPointer(rebasing: a[s..<e])) }
        return true
    }

    func append(_ bytes: [UInt8]) {
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
    }
}

/// Streams sharedStrings.xml into a ``SharedStrings`` table, within the limits.
final class SharedStringsHandler: XMLEventHandler {
    let table = SharedStrings()
    private var main = MainNamespace()
    private var current: [UInt8] = []
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0
    private let limits: XLSXLimits
    unowned(unsafe) var parser: XMLPushParser? = nil   // set for the parse; the parse holds it
    let file: String

    init(limits: XLSXLimits, file: String) {
        self.limits = limits
        self.file = file
    }

    func startElement(uri: XMLName, local: XMLName, attributes: XMLAttributes) {
        guard main.matches(uri) else { return }
        if local == "si" {
            inItem = true
            current.removeAll(keepingCapacity: true)
            if Int64(table.count) >= limits.maxSharedStrings {
                parser?.stop(TieoutError(code: "xlsx.limit", key: "xlsx.shared-strings-count", ["file": file, "limit": limits.maxSharedStrings]))
            }
        } else if local == "rPh" {
            phoneticDepth += 1
        } else if local == "t" && inItem && phoneticDepth == 0 {
            inText = true
        }
    }

    func endElement(uri: XMLName, local: XMLName) {
        guard main.matches(uri) else { return }
        if local == "si" {
            table.append(XLSXEscapes.decode(current))
            inItem = false
            if Int64(table.arena.count) > limits.maxSharedStringBytes {
                parser?.stop(TieoutError(code: "xlsx.limit", key: "xlsx.shared-strings-bytes", ["file": file, "limit": limits.maxSharedStringBytes]))
            }
        } else if local == "rPh" {
            phoneticDepth -= 1
        } else if local == "t" {
            inText = false
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        if inText { current.append(contentsOf: text) }
    }
}

/// `_xHHHH_` escapes of OOXML strings: `_x000D_` is CR, `_x005F_` a literal '_'.
enum XLSXEscapes {
    static func decode(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "_")) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "_") && i + 6 < bytes.count && bytes[i + 1] == UInt8(ascii: "x") && bytes[i + 6] == UInt8(ascii: "_"),
               let code = hex4(bytes, i + 2) {
                var scalar = code
                var advance = 7
                // A surrogate pair written as two escapes.
                if code >= 0xD800 && code <= 0xDBFF, i + 13 < bytes.count, bytes[i + 7] == UInt8(ascii: "_"),
                   bytes[i + 8] == UInt8(ascii: "x"), bytes[i + 13] == UInt8(ascii: "_"), let low = hex4(bytes, i + 9),
                   low >= 0xDC00 && low <= 0xDFFF {
                    scalar = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    advance = 14
                }
                if let u = Unicode.Scalar(scalar) {
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                    i += advance
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    private static func hex4(_ b: [UInt8], _ at: Int) -> UInt32? {
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = b[at + k]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }
}
