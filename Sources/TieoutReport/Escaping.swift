import TieoutCore

enum Escape {
    /// Text in HTML: `&`, `<`, `>` and `"` as entities, and control characters other than
    /// tab and line breaks (ESC, BEL, NUL from a title or a cell) shown as escapes such as
    /// `\u{1B}`: never raw in the page.
    static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.isControlCharacter { out += u.escapedControl } else { out.unicodeScalars.append(u) }
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
