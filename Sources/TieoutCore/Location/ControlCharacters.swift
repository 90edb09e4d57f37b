/// Control characters of file names and ledger text, made visible: wherever such text is
/// printed (a terminal, a report, a reject reason), an escape sequence or a NUL in it must
/// neither act nor cut the text.
extension Unicode.Scalar {
    /// A C0 control character or DEL.
    public var isControlCharacter: Bool { value < 0x20 || value == 0x7F }

    /// `\u{1b}` for a control character.
    public var escapedControl: String { "\\u{\(String(value, radix: 16))}" }
}

extension String {
    /// Control characters (other than tab) as visible escapes: `a\u{0}b`, `\n`, `\r`.
    public var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: { $0.isControlCharacter && $0 != "\t" }) else { return self }
        var out = ""
        for u in unicodeScalars {
            switch u {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out.unicodeScalars.append(u)
            default: if u.isControlCharacter { out += u.escapedControl } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
