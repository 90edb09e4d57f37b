import TieoutCore

enum Escape {
    static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Text in a Markdown paragraph: HTML (`<`, `>`, `&`) and Markdown's own marks
    /// escaped, line breaks and other control characters shown as escapes, so that ledger
    /// text or a file name can neither inject markup nor break the document.
    static func text(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "#": out += "\\" + String(u)
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                if u.isControlCharacter { out += u.escapedControl } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// A Markdown table cell: HTML escaped, pipes escaped, line breaks shown as a space,
    /// other control characters as escapes.
    static func cell(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            default:
                if u.isControlCharacter { out += u.escapedControl } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

}
