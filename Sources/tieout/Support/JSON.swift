/// Minimal JSON text building (strings escaped per RFC 8259); numbers that are
/// amounts are always written as strings, never as JSON numbers.
enum JSON {
    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// Writes a JSON string for UTF-8 bytes directly to the output.
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, to output: Output) {
        output.write(byte: 0x22)
        var start = 0
        for (i, c) in bytes.enumerated() where c < 0x20 || c == 0x22 || c == 0x5C {
            output.write(UnsafeBufferPointer(rebasing: bytes[start..<i]))
            switch c {
            case 0x22: output.write("\\\"")
            case 0x5C: output.write("\\\\")
            case 0x0A: output.write("\\n")
            case 0x0D: output.write("\\r")
            case 0x09: output.write("\\t")
            default:
                let h = String(c, radix: 16)
                output.write("\\u" + String(repeating: "0", count: 4 - h.count) + h)
            }
            start = i + 1
        }
        output.write(UnsafeBufferPointer(rebasing: bytes[start...]))
        output.write(byte: 0x22)
    }

    static func array(_ items: [String]) -> String {
        "[" + items.joined(separator: ",") + "]"
    }

    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
}
