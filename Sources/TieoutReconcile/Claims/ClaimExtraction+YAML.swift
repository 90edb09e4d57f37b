/// The extraction as a claims.yaml: in the style of the hand-written ones, each claim with
/// its section and a comment quoting its sentence; `unmapped:` after them, for review.
extension ClaimExtraction {
    public func yaml() -> String {
        var out = """
        # Claims read from \(file) by `tieout claims extract`: \(claims.count) mapped, \(unmapped.count) unmapped.
        # Each claim quotes its sentence. Check them; a figure under `unmapped:` was not mapped
        # (no phrase in claim-phrases.yaml names it, or two do equally): claim it by hand if it matters.
        claims:

        """
        var section: String? = nil
        for c in claims {
            if c.section != section {
                out += "  # \(c.section)\n"
                section = c.section
            }
            var fields: [String] = []
            if let f = c.figure { fields.append("figure: \(f)") }
            if let s = c.score { fields.append("score: \(s)") }
            fields.append("value: \(Self.quoted(c.value))")
            if !c.unit.isEmpty && c.score == nil { fields.append("unit: \(c.unit)") }
            fields.append("section: \(Self.flow(c.section))")
            out += "  - { \(fields.joined(separator: ", ")) }   # \(c.sentence)\n"
        }
        if claims.isEmpty { out = out.replacingLast("claims:\n", with: "claims: []\n") }
        if !unmapped.isEmpty {
            out += "unmapped:\n"
            for c in unmapped {
                var fields = ["value: \(Self.quoted(c.value))"]
                if !c.unit.isEmpty { fields.append("unit: \(c.unit)") }
                fields.append("section: \(Self.flow(c.section))")
                fields.append("sentence: \(Self.quoted(c.sentence))")
                out += "  - { \(fields.joined(separator: ", ")) }\n"
            }
        }
        return out
    }

    /// A double-quoted YAML scalar.
    static func quoted(_ s: String) -> String {
        var o = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": o += "\\\""
            case "\\": o += "\\\\"
            case "\n": o += "\\n"
            case "\t": o += "\\t"
            default:
                if ch.value < 0x20 || ch.value == 0x7F { o += "\\x" + String(ch.value, radix: 16).leftPadded(2) } else { o.unicodeScalars.append(ch) }
            }
        }
        return o + "\""
    }

    /// A plain scalar where one is safe inside `{ }`, else quoted.
    static func flow(_ s: String) -> String {
        let special: Set<Character> = [",", "[", "]", "{", "}", ":", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "?", "-"]
        if s.isEmpty || s.contains(where: { special.contains($0) || $0.isWhitespace && $0 != " " }) || s.first == " " || s.last == " " { return quoted(s) }
        return s
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }

    func replacingLast(_ a: String, with b: String) -> String {
        guard let r = ranges(of: a).last else { return self }
        return String(self[..<r.lowerBound]) + b + String(self[r.upperBound...])
    }
}
