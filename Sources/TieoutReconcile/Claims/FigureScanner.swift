/// Finds the numbers with units in a passage and maps each through the phrases.
struct FigureScanner {
    let phrases: ClaimPhrases
    private let units: [(String, ClaimPhrases.Kind?)]

    /// Ends a clause: the lead of a number starts after the last of these.
    static let clauseMarks: Set<Character> = ["，", ",", "；", ";", "：", ":", "。", "！", "？", "!", "?"]
    /// Ends a sentence (the context `after:` is looked for in, and the quote).
    static let sentenceMarks: Set<Character> = ["。", "！", "？", "!", "?", "；", ";"]
    /// A unit followed by one of these is part of another word: 5分钟, 3个月, 项目, 台账.
    static let notAUnit: [String: Set<Character>] = ["分": ["钟", "之", "别", "析", "类", "局", "配", "享"], "个": ["月"], "项": ["目"], "台": ["账"], "人": ["民"]]

    init(phrases: ClaimPhrases) {
        self.phrases = phrases
        var u: [(String, ClaimPhrases.Kind?)] = [("亿元", .amount), ("万元", .amount), ("元", .amount), ("个百分点", nil), ("%", .ratio), ("％", .ratio), ("分", .score)]
        for w in phrases.measureWords.sorted(by: { $0.count > $1.count }) where !u.contains(where: { $0.0 == w }) { u.append((w, .count)) }
        // Longest first: 个百分点 before 个.
        units = u.sorted { $0.0.count > $1.0.count }
    }

    struct Token {
        var start: Int
        var end: Int
        var value: String
        var unit: String
        var kind: ClaimPhrases.Kind?
        var zero: Bool
    }

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
    static func isPlainNumber(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return !s.isEmpty && parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    func tokens(_ c: [Character]) -> [Token] {
        var out: [Token] = []
        var i = 0
        let n = c.count
        while i < n {
            guard Self.isDigit(c[i]), i == 0 || !(c[i - 1].isASCII && (c[i - 1].isLetter || c[i - 1].isNumber || c[i - 1] == "." || c[i - 1] == ",")) else { i += 1; continue }
            var j = i
            while j < n && Self.isDigit(c[j]) { j += 1 }
            while j + 3 < n && c[j] == "," && Self.isDigit(c[j + 1]) && Self.isDigit(c[j + 2]) && Self.isDigit(c[j + 3]) && !(j + 4 < n && Self.isDigit(c[j + 4])) { j += 4 }
            if j + 1 < n && c[j] == "." && Self.isDigit(c[j + 1]) {
                j += 1
                while j < n && Self.isDigit(c[j]) { j += 1 }
            }
            let number = String(c[i..<j])
            if j < n && c[j].isASCII && c[j].isLetter { i = j; continue }   // 5G, 3D
            var k = j
            while k < n && (c[k] == " " || c[k] == "\u{3000}" || c[k] == "\u{A0}") { k += 1 }
            var found: (String, ClaimPhrases.Kind?)? = nil
            for (u, kind) in units {
                let uc = Array(u)
                guard k + uc.count <= n, Array(c[k..<(k + uc.count)]) == uc else { continue }
                if let next = k + uc.count < n ? c[k + uc.count] : nil, Self.notAUnit[u]?.contains(next) == true { continue }
                found = (u, kind)
                break
            }
            guard let (unit, kind) = found else { i = j; continue }
            let percent = unit == "%" || unit == "％"
            out.append(Token(start: i, end: k + unit.count, value: percent ? number + "%" : number, unit: percent ? "" : unit, kind: kind, zero: false))
            i = k + unit.count
        }
        // Zeros stated in words: 预算数为零, 无支出.
        for w in phrases.zeroWords {
            let wc = Array(w)
            var s = 0
            while s + wc.count <= n {
                if Array(c[s..<(s + wc.count)]) == wc && !out.contains(where: { $0.start < s + wc.count && s < $0.end }) {
                    out.append(Token(start: s, end: s + wc.count, value: "0", unit: "万元", kind: .amount, zero: true))
                    s += wc.count
                } else {
                    s += 1
                }
            }
        }
        return out.sorted { $0.start < $1.start }
    }

    /// The figures stated in `text`, with `section`.
    func scan(_ text: String, section: String) -> [ExtractedClaim] {
        let c = Array(text)
        let toks = tokens(c)
        var out: [ExtractedClaim] = []
        var previousEnd = 0
        for (i, t) in toks.enumerated() {
            var clause = t.start
            while clause > previousEnd && !Self.clauseMarks.contains(c[clause - 1]) { clause -= 1 }
            var sentence = t.start
            while sentence > 0 && !Self.sentenceMarks.contains(c[sentence - 1]) { sentence -= 1 }
            var sentenceEnd = t.end
            while sentenceEnd < c.count && !Self.sentenceMarks.contains(c[sentenceEnd]) { sentenceEnd += 1 }
            if sentenceEnd < c.count { sentenceEnd += 1 }
            let nextStart = i + 1 < toks.count ? toks[i + 1].start : c.count
            var trailEnd = t.end
            while trailEnd < nextStart && !Self.clauseMarks.contains(c[trailEnd]) { trailEnd += 1 }
            let lead = ClaimPhrases.normalized(String(c[clause..<(t.zero ? t.end : t.start)]))
            let after = ClaimPhrases.normalized(String(c[min(sentence, clause)..<clause]))
            let trail = ClaimPhrases.normalized(String(c[t.end..<max(t.end, trailEnd)]))
            let quote = String(c[sentence..<sentenceEnd]).trimmingCharacters().map { $0 == "\n" || $0 == "\t" ? " " : $0 }
            var claim = ExtractedClaim(figure: nil, score: nil, value: t.value, unit: t.unit, section: section, sentence: String(quote))
            if t.zero { claim.words = String(c[t.start..<t.end]) }
            if let kind = t.kind, let e = best(kind: kind, lead: lead, after: after, trail: trail) {
                claim.figure = e.figure
                claim.score = e.score
            }
            out.append(claim)
            previousEnd = t.end
        }
        return out
    }

    /// The entry that matches best; nil when none does, or two for different targets match equally well.
    func best(kind: ClaimPhrases.Kind, lead: String, after: String, trail: String) -> ClaimPhrases.Entry? {
        typealias Rank = (length: Int, afterAt: Int, workspace: Int)
        var top: (Rank, ClaimPhrases.Entry)? = nil
        var tied = false
        for e in phrases.entries where e.kind == kind && e.row == nil {
            guard e.lead.allSatisfy({ lead.contains($0) }), e.trail.allSatisfy({ trail.contains($0) }) else { continue }
            var afterAt = -1
            if let a = e.after {
                guard let r = after.ranges(of: a).last else { continue }
                afterAt = after.distance(from: after.startIndex, to: r.lowerBound)
            }
            let rank: Rank = ((e.lead + e.trail).reduce(0) { $0 + $1.count } + (e.after?.count ?? 0), afterAt, e.fromWorkspace ? 1 : 0)
            guard let (r, current) = top else { top = (rank, e); tied = false; continue }
            if rank > r { top = (rank, e); tied = false } else if rank == r && current.target != e.target { tied = true }
        }
        return tied ? nil : top?.1
    }
}
