import CLibXML2

/// Puts marks on the body of a parsed main document part: splits the runs that hold each
/// figure (so only the figure is shaded; each piece keeps the run's `w:rPr` and attributes),
/// shades the figure's runs and wraps them in a comment's range, with the comment's reference
/// run after it.
struct DocumentEditor {
    private let body: xmlNodePtr
    private let ns: xmlNsPtr?
    private var text: DocumentText
    private var nextID: Int
    /// Per segment: where its `w:t` now starts in the segment's original text (the text before
    /// was split off), or -1 when the element is gone.
    private var base: [Int]

    init(body: xmlNodePtr, firstID: Int) {
        self.body = body
        ns = body.pointee.ns
        text = DocumentText(body: body)
        nextID = max(firstID, 0)
        base = Array(repeating: 0, count: text.segments.count)
    }

    struct Result {
        /// Comment id → the mark it is for.
        var comments: [(Int, DocxAnnotation)] = []
        /// Indices of the marks whose figure was not found.
        var unplaced: [Int] = []
    }

    private struct Group {
        var range: Range<Int>
        var marks: [Int]
    }

    mutating func mark(_ marks: [DocxAnnotation]) -> Result {
        var result = Result()
        let places = text.locate(marks.map(\.place))
        // Marks on the same (or overlapping) text share one shaded range, with a comment each.
        var order = marks.indices.filter { places[$0] != nil }
        order.sort { (places[$0]!.range.lowerBound, $0) < (places[$1]!.range.lowerBound, $1) }
        var groups: [Group] = []
        for i in order {
            let r = places[i]!.range
            if var last = groups.last, r.lowerBound < last.range.upperBound {
                last.marks.append(i)
                last.range = last.range.lowerBound..<max(last.range.upperBound, r.upperBound)
                groups[groups.count - 1] = last
            } else {
                groups.append(Group(range: r, marks: [i]))
            }
        }
        result.unplaced = marks.indices.filter { places[$0] == nil || !places[$0]!.exact }
        var lost: [Int] = marks.indices.filter { places[$0] == nil }
        for g in groups {
            let fill = g.marks.max { marks[$0].rank < marks[$1].rank }.map { marks[$0].fill } ?? "FFFF00"
            let runs = split(g.range).map { shade($0, fill); return $0 }
            guard let first = runs.first, let last = runs.last else { lost += g.marks; continue }
            let ids = g.marks.map { i in let id = nextID; nextID += 1; result.comments.append((id, marks[i])); return id }
            anchor(ids, first: first, last: last)
        }
        // Not found: the comment on the first paragraph, so that every mark has one.
        if let p = text.firstParagraph, !lost.isEmpty {
            let ids = lost.map { i in let id = nextID; nextID += 1; result.comments.append((id, marks[i])); return id }
            let pPr = XMLTree.children(p, "pPr").first
            let marker = element("r")
            if let pPr { xmlAddNextSibling(pPr, marker) } else if let c = p.pointee.children { xmlAddPrevSibling(c, marker) } else { xmlAddChild(p, marker) }
            anchor(ids, first: marker, last: marker)
            xmlUnlinkNode(marker)
            xmlFreeNode(marker)
        }
        result.unplaced = Array(Set(result.unplaced + lost)).sorted()
        return result
    }

    private func element(_ local: String) -> xmlNodePtr {
        XMLTree.element(body.pointee.doc, ns, local)
    }

    /// Comment ranges around `first`…`last`, each comment's reference run after them.
    private func anchor(_ ids: [Int], first: xmlNodePtr, last: xmlNodePtr) {
        for id in ids {
            let s = element("commentRangeStart")
            XMLTree.set(s, ns, "id", String(id))
            xmlAddPrevSibling(first, s)
        }
        var after = last
        for id in ids {
            let e = element("commentRangeEnd")
            XMLTree.set(e, ns, "id", String(id))
            xmlAddNextSibling(after, e)
            let r = element("r")
            let ref = element("commentReference")
            XMLTree.set(ref, ns, "id", String(id))
            xmlAddChild(r, ref)
            xmlAddNextSibling(e, r)
            after = r
        }
    }

    /// The runs that now hold exactly `range` of the text (split off the runs around them).
    private mutating func split(_ range: Range<Int>) -> [xmlNodePtr] {
        var pieces: [(segment: Int, from: Int, to: Int)] = []
        for i in range {
            let s = Int(text.segment[i])
            guard s >= 0 else { continue }
            let o = Int(text.offset[i])
            if let last = pieces.last, last.segment == s, last.to == o { pieces[pieces.count - 1].to = o + 1 } else { pieces.append((s, o, o + 1)) }
        }
        return pieces.compactMap { splitRun(segment: $0.segment, from: $0.from, to: $0.to) }
    }

    /// Splits the run of segment `s`'s `w:t` so that its text `from..<to` (in the segment's
    /// original text) is a run of its own, and returns that run.
    private mutating func splitRun(segment s: Int, from: Int, to: Int) -> xmlNodePtr? {
        guard base[s] >= 0, from >= base[s] else { return nil }
        let t = text.segments[s].node
        guard let r = t.pointee.parent, XMLTree.isWord(r, "r") else { return nil }
        let all = text.segments[s].scalars
        let current = Array(all[base[s]...])
        let a = from - base[s], b = to - base[s]
        let rPr = XMLTree.children(r, "rPr").first
        var before: [xmlNodePtr] = []
        var c = r.pointee.children
        while let n = c, n != t { if n != rPr { before.append(n) }; c = n.pointee.next }
        var after = false
        c = t.pointee.next
        while let n = c { after = true; c = n.pointee.next }
        // The whole run is the figure: it is its own run already.
        if a == 0 && b == current.count && before.isEmpty && !after { base[s] = -1; return r }
        func newRun() -> xmlNodePtr {
            let n = xmlCopyNode(r, 2)!   // the run's attributes, no children
            if let rPr { xmlAddChild(n, xmlCopyNode(rPr, 1)) }
            return n
        }
        func newText(_ scalars: ArraySlice<UInt32>) -> xmlNodePtr {
            let n = xmlCopyNode(t, 2)!   // w:t with its attributes (xml:space)
            XMLTree.setText(n, Self.string(scalars))
            return n
        }
        if a > 0 || !before.isEmpty {
            let rb = newRun()
            for n in before { xmlUnlinkNode(n); xmlAddChild(rb, n) }
            if a > 0 { xmlAddChild(rb, newText(current[..<a])) }
            xmlAddPrevSibling(r, rb)
        }
        let rm = newRun()
        xmlAddChild(rm, newText(current[a..<b]))
        xmlAddPrevSibling(r, rm)
        if b < current.count {
            XMLTree.setText(t, Self.string(current[b...]))
            base[s] = to
        } else {
            xmlUnlinkNode(t)
            xmlFreeNode(t)
            base[s] = -1
            if !after {
                xmlUnlinkNode(r)
                xmlFreeNode(r)
            }
        }
        return rm
    }

    static func string(_ s: ArraySlice<UInt32>) -> String {
        var out = String.UnicodeScalarView()
        for v in s { if let u = Unicode.Scalar(v) { out.append(u) } }
        return String(out)
    }

    /// The elements of `w:rPr` that come after `w:shd` (CT_RPr's order).
    static let afterShading: Set<String> = ["fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange"]

    /// The run's text shaded `fill` (`w:shd`, in its place in `w:rPr`); a highlight, which
    /// would hide the shading, removed.
    private func shade(_ run: xmlNodePtr, _ fill: String) {
        var rPr = XMLTree.children(run, "rPr").first
        if rPr == nil {
            let n = element("rPr")
            if let c = run.pointee.children { xmlAddPrevSibling(c, n) } else { xmlAddChild(run, n) }
            rPr = n
        }
        let props = rPr!
        for n in XMLTree.children(props, "shd") + XMLTree.children(props, "highlight") { xmlUnlinkNode(n); xmlFreeNode(n) }
        let shd = element("shd")
        XMLTree.set(shd, ns, "val", "clear")
        XMLTree.set(shd, ns, "color", "auto")
        XMLTree.set(shd, ns, "fill", fill)
        var c = props.pointee.children
        while let n = c, !(n.pointee.type == XML_ELEMENT_NODE && Self.afterShading.contains(XMLTree.name(n))) { c = n.pointee.next }
        if let n = c { xmlAddPrevSibling(n, shd) } else { xmlAddChild(props, shd) }
    }
}
