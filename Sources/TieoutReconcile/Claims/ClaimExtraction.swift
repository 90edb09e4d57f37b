import TieoutCore
import TieoutOffice

/// A figure the report states, found in its text: mapped to a figure or a rubric item's
/// score, or (neither) listed for review.
public struct ExtractedClaim: Sendable, Equatable {
    public var figure: String?
    public var score: String?
    /// As printed: `2,935.01`, `99.46%`, `25`; `0` for a zero stated in words (为零).
    public var value: String
    /// 万元, 元, 亿元, 个百分点, 分, a measure word; empty for %.
    public var unit: String
    public var section: String
    /// The sentence it is stated in (the table row, for an annex score).
    public var sentence: String
    /// Which of the figures so printed in sentences so worded it is (0 for the first in the report).
    public var occurrence: Int = 0
    /// The words that state a zero (为零, 无): what the report prints for `0`.
    public var words: String? = nil

    /// Where it is stated: its sentence, and the figure as printed (a zero's words).
    public var place: StatedFigure {
        StatedFigure(sentence: sentence, text: words ?? value, unit: words == nil ? unit : "", occurrence: occurrence)
    }
}

/// Every stated figure of a report, mapped through ``ClaimPhrases``: amounts (元, 万元,
/// 亿元), percentages and 个百分点, counts with a measure word, scores (分), and the item
/// scores of a scored annex table. A number no phrase maps — or two map equally well —
/// is `unmapped`, never guessed.
///
/// ```swift
/// let x = ClaimExtraction(document: try ReportDocument.read("自评报告.docx"), phrases: try ClaimPhrases.builtIn(figures: catalog))
/// print(x.yaml())
/// ```
public struct ClaimExtraction: Sendable {
    public var file: String
    public var claims: [ExtractedClaim] = []
    public var unmapped: [ExtractedClaim] = []

    public init(document: ReportDocument, phrases: ClaimPhrases) {
        file = document.file
        let passages = ReportOutline(document).passages
        // A table with a row naming a rubric item is a scored annex: its item rows are read
        // for their points, its other rows (headers, the rules' text) are not figures.
        let rowPhrases = Set(phrases.entries.compactMap(\.row))
        var scored: Set<Int> = []
        for p in passages {
            if let t = p.table, let cells = p.cells, cells.contains(where: { !$0.continued && rowPhrases.contains(ClaimPhrases.normalized($0.text)) }) { scored.insert(t) }
        }
        let scanner = FigureScanner(phrases: phrases)
        for p in passages {
            if let t = p.table, let cells = p.cells {
                if scored.contains(t) {
                    if let c = Self.itemScore(cells, numbers: p.numbers, phrases: phrases) { claims.append(counted(c)) }
                } else {
                    for cell in cells where !cell.continued && !cell.text.isEmpty { add(scanner.scan(cell.text, section: p.section)) }
                }
            } else {
                add(scanner.scan(p.text, section: p.section))
            }
        }
    }

    /// Where each claim is stated, for the annotated copy: its sentence, the figure as printed,
    /// and which of the figures so printed in sentences so worded it is, in reading order.
    public var places: [StatedFigure] {
        claims.map(\.place)
    }

    /// How many figures so printed in sentences so worded were found so far (mapped or not).
    private var seen: [StatedFigure: Int] = [:]

    private mutating func counted(_ c: ExtractedClaim) -> ExtractedClaim {
        var c = c
        let key = c.place
        c.occurrence = seen[key, default: 0]
        seen[key, default: 0] += 1
        return c
    }

    private mutating func add(_ found: [ExtractedClaim]) {
        for f in found {
            let c = counted(f)
            if c.figure != nil || c.score != nil { claims.append(c) } else { unmapped.append(c) }
        }
    }

    /// An annex row's claimed points: the item its cell names, the number in its last cell.
    static func itemScore(_ cells: [TableCell], numbers: String, phrases: ClaimPhrases) -> ExtractedClaim? {
        for cell in cells where !cell.continued {
            let name = ClaimPhrases.normalized(cell.text)
            guard let e = phrases.entries.first(where: { $0.row == name }) else { continue }
            guard let last = cells.last(where: { !$0.text.isEmpty }), !last.continued else { return nil }
            let v = last.text.filter { !$0.isWhitespace }
            guard FigureScanner.isPlainNumber(v) else { return nil }
            return ExtractedClaim(figure: nil, score: e.score, value: v, unit: "分",
                                  section: ReportOutline.section(numbers, cell.text.trimmingCharacters()),
                                  sentence: cells.filter { !$0.continued && !$0.text.isEmpty }.map(\.text).joined(separator: " | "))
        }
        return nil
    }
}

extension String {
    func trimmingCharacters() -> String {
        guard let a = firstIndex(where: { !$0.isWhitespace }), let b = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[a...b])
    }
}
