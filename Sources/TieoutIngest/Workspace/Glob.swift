import TieoutCore

/// Shell-style patterns on relative paths (and sheet and column names): `*` and `?` within a
/// folder, `**/` and `**` across folders, `[…]` sets.
///
/// Matched step by step over the pattern, keeping the places in the text each step can reach:
/// no recursion, so a pattern of any length (a source line of 200,000 `*`, within tieout.yaml's
/// size limit) costs its length times the text's, never the stack or exponential time.
///
/// ```swift
/// Glob.matches("ledgers/**/*.csv", "ledgers/2024/03.csv")   // true
/// ```
enum Glob {
    enum Token: Equatable {
        case literal(Unicode.Scalar)
        /// `?`: one character other than `/`.
        case one
        case set([Unicode.Scalar])
        /// `*`: any run of characters other than `/`.
        case star
        /// `**` (or `**/`): anything, across folders.
        case any
    }

    static func tokens(_ pattern: [Unicode.Scalar]) -> [Token] {
        var out: [Token] = []
        var i = 0
        while i < pattern.count {
            let c = pattern[i]
            if c == "*" {
                if i + 1 < pattern.count && pattern[i + 1] == "*" {
                    i += 2
                    if i < pattern.count && pattern[i] == "/" { i += 1 }
                    if out.last != .any { out.append(.any) }
                    continue
                }
                if out.last != .star && out.last != .any { out.append(.star) }
                i += 1
            } else if c == "?" {
                out.append(.one)
                i += 1
            } else if c == "[", let close = pattern[(i + 1)...].firstIndex(of: "]") {
                out.append(.set(Array(pattern[(i + 1)..<close])))
                i = close + 1
            } else {
                out.append(.literal(c))
                i += 1
            }
        }
        return out
    }

    static func matches(_ pattern: String, _ path: String) -> Bool {
        // In NFC, both: a pattern typed as é matches a file named with e + U+0301 (as macOS names them), and back.
        let s = Array(path.nfc.unicodeScalars)
        let n = s.count
        // reach[k]: the pattern so far can end with k characters of the text consumed.
        var reach = [Bool](repeating: false, count: n + 1)
        reach[0] = true
        for token in tokens(Array(pattern.nfc.unicodeScalars)) {
            var next = [Bool](repeating: false, count: n + 1)
            var any = false
            switch token {
            case .literal, .one, .set:
                for k in 0..<n where reach[k] {
                    let f = s[k]
                    let ok: Bool
                    switch token {
                    case .literal(let c): ok = c == f
                    case .one: ok = f != "/"
                    case .set(let set): ok = set.contains(f)
                    default: ok = false
                    }
                    if ok { next[k + 1] = true; any = true }
                }
            case .star:
                var on = false
                for k in 0...n {
                    if reach[k] { on = true }
                    if on { next[k] = true; any = true }
                    if k < n && s[k] == "/" { on = false }
                }
            case .any:
                if let first = reach.firstIndex(of: true) {
                    for k in first...n { next[k] = true }
                    any = true
                }
            }
            guard any else { return false }
            reach = next
        }
        return reach[n]
    }
}
