import CLibXML2

/// The text of a parsed `word/document.xml` as ``DocxHandler`` reads it (runs joined,
/// tracked changes accepted, fallbacks skipped), as Unicode scalars, each mapped back to
/// the `w:t` element and the scalar within it that holds it; and, with whitespace left out
/// (the quotes of ``ReportOutline`` trim and join what the document spaces), an index in
/// which sentences and figures are looked up.
struct DocumentText {
    /// A `w:t` element and its text.
    struct Segment {
        var node: xmlNodePtr
        var scalars: [UInt32]
    }

    private(set) var segments: [Segment] = []
    /// Every scalar of the text; paragraphs end with a newline, tabs and breaks are spaces.
    private(set) var scalars: [UInt32] = []
    /// Per scalar: its segment (-1 for a paragraph's end, a tab or a break) and its place in it.
    private(set) var segment: [Int32] = []
    private(set) var offset: [Int32] = []
    /// The scalars without whitespace (％ as %), and where each is in `scalars`.
    private(set) var squeezed: [UInt32] = []
    private(set) var position: [Int32] = []
    /// Table rows: each cell's range in `scalars`.
    private(set) var rows: [[Range<Int>]] = []
    /// The first paragraph of the body (where a mark whose text is not found is put).
    private(set) var firstParagraph: xmlNodePtr?

    init(body: xmlNodePtr) {
        walk(body)
        squeezed.reserveCapacity(scalars.count)
        position.reserveCapacity(scalars.count)
        for (i, s) in scalars.enumerated() where !Self.isBlank(s) {
            squeezed.append(s == 0xFF05 ? 0x25 : s)
            position.append(Int32(i))
        }
    }

    static func isBlank(_ s: UInt32) -> Bool {
        s == 0x20 || s == 0x09 || s == 0x0A || s == 0x0D || s == 0x3000 || s == 0xA0
    }

    /// A string as looked up: without whitespace, ％ as %.
    static func squeeze(_ s: String) -> [UInt32] {
        s.unicodeScalars.compactMap { isBlank($0.value) ? nil : ($0.value == 0xFF05 ? 0x25 : $0.value) }
    }

    private mutating func add(_ s: UInt32, _ seg: Int32 = -1, _ off: Int32 = 0) {
        scalars.append(s)
        segment.append(seg)
        offset.append(off)
    }

    private mutating func walk(_ parent: xmlNodePtr) {
        var child = parent.pointee.children
        while let node = child {
            child = node.pointee.next
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            let name = XMLTree.name(node)
            if XMLTree.isMarkupCompatibility(node) {
                if name == "Fallback" { continue }
                walk(node)
                continue
            }
            guard XMLTree.isWord(node) else { walk(node); continue }
            switch name {
            case "del", "moveFrom", "pPr", "rPr", "sectPr", "tblPr", "trPr", "tcPr", "tblGrid", "instrText", "delText":
                continue
            case "t":
                let text = XMLTree.content(node)
                let index = Int32(segments.count)
                let s = text.unicodeScalars.map(\.value)
                segments.append(Segment(node: node, scalars: s))
                for (i, v) in s.enumerated() { add(v, index, Int32(i)) }
            case "tab", "br", "cr":
                add(0x20)
            case "noBreakHyphen":
                add(0x2D)
            case "p":
                if firstParagraph == nil { firstParagraph = node }
                walk(node)
                add(0x0A)
            case "tr":
                var cells: [Range<Int>] = []
                var c = node.pointee.children
                while let cell = c {
                    c = cell.pointee.next
                    if cell.pointee.type == XML_ELEMENT_NODE && XMLTree.isWord(cell) && XMLTree.name(cell) == "tc" {
                        let start = scalars.count
                        walk(cell)
                        cells.append(start..<scalars.count)
                    } else if cell.pointee.type == XML_ELEMENT_NODE {
                        walk(cell)
                    }
                }
                rows.append(cells)
            default:
                walk(node)
            }
        }
    }

    /// Where `needle` is in `squeezed`, from `from` up to `to`, in order.
    func find(_ needle: [UInt32], from: Int = 0, to: Int? = nil) -> [Int] {
        let end = (to ?? squeezed.count) - needle.count
        guard let first = needle.first, end >= from else { return [] }
        var out: [Int] = []
        var i = from
        return squeezed.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { n in
                while i <= end {
                    if hay[i] == first {
                        var k = 1
                        while k < n.count && hay[i + k] == n[k] { k += 1 }
                        if k == n.count { out.append(i); i += n.count; continue }
                    }
                    i += 1
                }
                return out
            }
        }
    }

    /// The squeezed range covering `scalars[range]`.
    func squeezedRange(of range: Range<Int>) -> Range<Int> {
        var lo = 0, hi = position.count
        while lo < hi { let m = (lo + hi) / 2; if Int(position[m]) < range.lowerBound { lo = m + 1 } else { hi = m } }
        var end = lo
        while end < position.count && Int(position[end]) < range.upperBound { end += 1 }
        return lo..<end
    }

    /// `scalars`' range of the squeezed range.
    func textRange(_ r: Range<Int>) -> Range<Int> {
        Int(position[r.lowerBound])..<(Int(position[r.upperBound - 1]) + 1)
    }
}
