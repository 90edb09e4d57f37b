/// A report's text in reading order, each passage with its section: paragraphs (a
/// paragraph broken where the text runs on, as in a copy of a PDF, joined again) and
/// table rows.
///
/// Sections are made from headings: a paragraph in a heading style, or a short paragraph
/// numbered as official documents number their parts — 一、 （一） 1、 1. （1） and 附件. A
/// section is its headings' numbers and its last heading's title: `一（四）1（1）预算执行情况`.
/// A numbered paragraph too long to be a heading adds its number (`二（三）3（6）效果性`);
/// one that opens with a short sentence of its own (`1、预算调整、调剂比例较高。全年…`) is
/// headed by it (`三（二）1 预算调整、调剂比例较高`).
///
/// Each numbering style nests where it first appears; a heading of a style already open
/// closes the headings below it.
public struct ReportOutline: Sendable {
    public struct Passage: Sendable, Equatable {
        /// `一（四）1（1）`; empty before the first numbered heading.
        public var numbers: String
        /// The title of the last heading: `预算执行情况`.
        public var title: String
        /// A paragraph's text (for a table row, its cells joined by spaces).
        public var text: String
        /// A table row's cells, one per grid column (a cell merged across columns fills the
        /// first of them, the others are empty); nil for a paragraph.
        public var cells: [TableCell]?
        /// Which table of the report the row is in (0 for the first); nil for a paragraph.
        public var table: Int?

        /// `一（四）1（1）预算执行情况`, `附件 部门整体支出绩效评价表`.
        public var section: String { ReportOutline.section(numbers, title) }
    }

    public private(set) var passages: [Passage] = []

    /// The longest title a numbered paragraph may have and be a heading.
    static let maxTitle = 30
    /// The longest opening sentence that heads the paragraph it opens.
    static let maxRunInTitle = 20

    private struct Open {
        var key: String
        var label: String
        var title: String
    }

    public init(_ document: ReportDocument) {
        var stack: [Open] = []
        var tables = 0
        var joinable = false   // the last passage is a paragraph whose sentence runs on
        func numbers(_ extra: String = "") -> String { stack.map(\.label).joined() + extra }
        func current() -> String { stack.last?.title ?? "" }
        func open(_ o: Open) {
            if o.key == Numbering.Style.annex.rawValue { stack = [] }
            if let i = stack.firstIndex(where: { $0.key == o.key }) { stack.removeSubrange(i...) }
            stack.append(o)
        }
        func heading(_ text: String, styleLevel: Int?) -> Bool {
            let text = text.trimmingBlanks()
            guard let n = Numbering.parse(text) else {
                guard let level = styleLevel, !text.isEmpty else { return false }
                open(Open(key: "h\(level)", label: "", title: Self.title(Substring(text))))
                return true
            }
            let title = Self.title(n.rest)
            if styleLevel != nil || n.style == .annex || (title.count <= Self.maxTitle && !title.contains(where: { "，；。,;".contains($0) })) {
                open(Open(key: n.style.rawValue, label: n.label, title: title))
                return true
            }
            // A run-in heading: a short opening sentence, then the paragraph.
            if let stop = n.rest.firstIndex(where: { $0 == "。" }) {
                let first = n.rest[..<stop]
                if !first.isEmpty && first.count <= Self.maxRunInTitle && !first.contains(where: { "，；：,;:".contains($0) }) {
                    open(Open(key: n.style.rawValue, label: n.label, title: String(first).trimmingBlanks()))
                    let body = String(n.rest[n.rest.index(after: stop)...]).trimmingBlanks()
                    if !body.isEmpty { passages.append(Passage(numbers: numbers(), title: current(), text: body, cells: nil, table: nil)) }
                    return true
                }
            }
            // A numbered paragraph: its number joins the section, in place of a sibling's.
            let outer = stack.firstIndex(where: { $0.key == n.style.rawValue }).map { Array(stack[..<$0]) } ?? stack
            passages.append(Passage(numbers: outer.map(\.label).joined() + n.label, title: outer.last?.title ?? "",
                                    text: String(n.rest).trimmingBlanks(), cells: nil, table: nil))
            return true
        }
        for block in document.blocks {
            switch block {
            case .heading(let level, let text):
                let before = passages.count
                _ = heading(text, styleLevel: level)
                joinable = passages.count > before && Self.runsOn(passages.last)
            case .paragraph(let raw):
                let text = raw.trimmingBlanks()
                if text.isEmpty { continue }
                if joinable, Numbering.parse(text) == nil, var last = passages.popLast() {
                    last.text += text
                    passages.append(last)
                } else {
                    let before = passages.count
                    if !heading(text, styleLevel: nil) {
                        passages.append(Passage(numbers: numbers(), title: current(), text: text, cells: nil, table: nil))
                    }
                    if passages.count == before { joinable = false; continue }
                }
                joinable = Self.runsOn(passages.last)
            case .table(let table):
                joinable = false
                tables += 1
                for row in table.rows {
                    var cells: [TableCell] = []
                    for c in row {
                        cells.append(c)
                        if c.span > 1 { cells += Array(repeating: TableCell(text: "", span: 1, continued: c.continued), count: c.span - 1) }
                    }
                    let text = cells.filter { !$0.continued && !$0.text.isEmpty }.map(\.text).joined(separator: " ")
                    passages.append(Passage(numbers: numbers(), title: current(), text: text, cells: cells, table: tables - 1))
                }
            }
        }
    }

    /// `一（三）1 预算编制情况`, `一（四）1（1）预算执行情况`: a space after a number that does not end in a bracket.
    public static func section(_ numbers: String, _ title: String) -> String {
        if numbers.isEmpty { return title }
        if title.isEmpty { return numbers }
        return numbers.hasSuffix("）") ? numbers + title : numbers + " " + title
    }

    /// A heading's title: without the full stop some writers end it with.
    static func title(_ s: Substring) -> String {
        var t = String(s).trimmingBlanks()
        while let last = t.last, "。.：:".contains(last) { t.removeLast() }
        return t
    }

    /// Whether a paragraph stops mid-sentence (a page break in a copied PDF): it ends
    /// with a character that cannot end a sentence or a list's lead-in.
    static func runsOn(_ p: Passage?) -> Bool {
        guard let p, p.cells == nil, let last = p.text.last else { return false }
        if "。！？；：!?;:…）)】」』”’》".contains(last) { return false }
        return true
    }
}
