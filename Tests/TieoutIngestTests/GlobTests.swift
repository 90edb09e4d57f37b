import Testing
@testable import TieoutIngest

/// Source, sheet and column patterns: the same answers as the recursive matcher they replace,
/// without its recursion (issue 20, item 9).
@Suite("Glob patterns")
struct GlobTests {
    /// The recursive matcher Glob used to be, as the reference.
    static func reference(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let c = p.first else { return s.isEmpty }
        if c == "*" {
            if p.dropFirst().first == "*" {
                var rest = p.dropFirst(2)
                if rest.first == "/" { rest = rest.dropFirst() }
                var t = s
                while true {
                    if reference(rest, t) { return true }
                    guard !t.isEmpty else { return false }
                    t = t.dropFirst()
                }
            }
            var t = s
            while true {
                if reference(p.dropFirst(), t) { return true }
                guard let f = t.first, f != "/" else { return false }
                t = t.dropFirst()
            }
        }
        guard let f = s.first else { return false }
        if c == "?" { return f != "/" && reference(p.dropFirst(), s.dropFirst()) }
        if c == "[", let close = p.dropFirst().firstIndex(of: "]") {
            let set = p[p.index(after: p.startIndex)..<close]
            return set.contains(f) && reference(p[p.index(after: close)...], s.dropFirst())
        }
        return c == f && reference(p.dropFirst(), s.dropFirst())
    }

    @Test("documented cases", arguments: [
        ("ledgers/treasury/*.csv", "ledgers/treasury/2024-03.csv", true),
        ("ledgers/treasury/*.csv", "ledgers/treasury/old/2024-03.csv", false),
        ("ledgers/**/*.csv", "ledgers/a/b/c.csv", true),
        ("ledgers/**/*.csv", "ledgers/c.csv", true),
        ("ledgers/**", "ledgers/a/b", true),
        ("*月", "3月", true),
        ("*月", "3月份", false),
        ("2024-0[123].csv", "2024-02.csv", true),
        ("2024-0[123].csv", "2024-04.csv", false),
        ("a?c", "a/c", false),
        ("", "", true),
        ("", "a", false),
        ("[abc", "[abc", true),
    ])
    func cases(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(Glob.matches(pattern, path) == expected)
        #expect(Self.reference(Array(pattern.unicodeScalars)[...], Array(path.unicodeScalars)[...]) == expected)
    }

    @Test("20,000 random patterns and paths (fixed seed): the same answer as the recursive matcher")
    func sameAsRecursive() {
        var state: UInt64 = 0x2024_0306
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let alphabet: [String] = ["a", "b", "/", ".", "月"]
        let marks: [String] = ["a", "b", "/", "*", "**", "**/", "?", "[ab]", "[", "]", "月"]
        for _ in 0..<20_000 {
            let path = (0..<next(9)).map { _ in alphabet[next(alphabet.count)] }.joined()
            let pattern = (0..<next(7)).map { _ in marks[next(marks.count)] }.joined()
            let want = Self.reference(Array(pattern.unicodeScalars)[...], Array(path.unicodeScalars)[...])
            #expect(Glob.matches(pattern, path) == want, "\(pattern) on \(path)")
        }
    }

    @Test("a pattern of 200,000 stars and a letter: an answer, not a crash")
    func longPattern() {
        let stars = String(repeating: "*", count: 200_000)
        #expect(Glob.matches("ledgers/" + stars + "x", "ledgers/abcx"))
        #expect(!Glob.matches("ledgers/" + stars + "x", "ledgers/abc"))
        let alternating = String(repeating: "*a", count: 100_000)
        #expect(!Glob.matches(alternating, "aaaa"))
    }
}
