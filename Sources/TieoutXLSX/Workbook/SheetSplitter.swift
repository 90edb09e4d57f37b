#if canImport(Glibc)
import Glibc
#endif

/// Cuts a worksheet's XML, as it is inflated, into pieces that parse on their own, at row
/// boundaries, so that several parsers can read one sheet at once. No I/O, no parsing of
/// values: it only finds tags, so it is tested against the one parser reading the whole.
///
/// Each piece is a document: the first is the sheet's own beginning, cut after a row and
/// closed with `</sheetData></worksheet>`; the next ones open again with the sheet's own
/// `<worksheet …>` and `<sheetData …>` start tags (so their namespaces hold), then rows,
/// and the last one ends with the sheet's real end. Each piece knows the number of the row
/// before it, counted the way ``SheetHandler`` counts (`r` when it is a number, else one more).
///
/// What it cannot vouch for — an encoding other than UTF-8, a DTD, an `r` written with an
/// entity, a tag it cannot place — makes it hand over: the rest is then a stream, read by one
/// parser from the last cut on, exactly as before.
///
/// ```swift
/// var s = SheetSplitter(target: 512 << 10)
/// for piece in s.append(bytes) + s.finish() { … }
/// ```
struct SheetSplitter {
    enum Piece {
        /// A whole document for a parser of its own; `after` is the number of the row before its first.
        case document([UInt8], after: Int)
        /// From here on one parser reads on: these bytes, then every `.bytes` that follows.
        case stream([UInt8], after: Int)
        case bytes([UInt8])
    }

    /// Pieces are cut once they hold this many bytes of rows.
    let target: Int

    private enum State { case head, rows, tail, streaming }
    private var state = State.head
    private var buffer: [UInt8] = []
    /// Where the current piece starts in `buffer`; 0 for the first, which starts with the sheet.
    private var pieceStart = 0
    private var first = true
    /// Where scanning goes on.
    private var pos = 0
    /// Open elements: 1 inside the root, 2 inside sheetData, 3 inside a row.
    private var depth = 0
    /// The last row's number so far, and at `pieceStart`.
    private var row = 0
    private var rowAtPieceStart = 0
    /// The cut after the last complete row (with the row number there), not yet used.
    private var candidate: (offset: Int, row: Int)? = nil
    private var prefix: [UInt8] = []
    /// The namespace prefix of sheetData (`x` of `x:sheetData`, empty for none): rows must share it.
    private var rowPrefix: ArraySlice<UInt8> = []
    private var suffix: [UInt8] = []

    init(target: Int) { self.target = target }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) -> [Piece] {
        if state == .streaming { return [.bytes(Array(bytes))] }
        buffer.append(contentsOf: bytes)
        var out: [Piece] = []
        if state == .head { head(&out) }
        if state == .rows { scan(&out) }
        compact()
        return out
    }

    /// The end of the part: the rest, as the last piece.
    mutating func finish() -> [Piece] {
        switch state {
        case .streaming: return []
        case .head: state = .streaming; return [.stream(buffer, after: 0)]
        case .rows, .tail:
            let body = Array(buffer[pieceStart...])
            buffer.removeAll()
            return [.document(first ? body : prefix + body, after: rowAtPieceStart)]
        }
    }

    // MARK: The sheet's beginning

    /// Finds `<worksheet …>` and `<sheetData …>`; anything unusual before them hands over.
    private mutating func head(_ out: inout [Piece]) {
        depth = 0
        // The encoding: UTF-8, with or without a BOM, and a declaration that says so (or none).
        if buffer.count >= 2 && ((buffer[0] == 0xFE && buffer[1] == 0xFF) || (buffer[0] == 0xFF && buffer[1] == 0xFE) || buffer[0] == 0 || buffer[1] == 0) {
            return handOver(&out)
        }
        var p = buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0
        var rootName: ArraySlice<UInt8>? = nil
        var rootTag: ArraySlice<UInt8>? = nil
        while true {
            guard let lt = find(UInt8(ascii: "<"), from: p) else { return waitOrHandOver(&out) }
            guard lt + 1 < buffer.count else { return waitOrHandOver(&out) }
            let next = buffer[lt + 1]
            if next == UInt8(ascii: "?") {
                guard let end = find("?>", from: lt + 2) else { return waitOrHandOver(&out) }
                let decl = buffer[lt..<end]
                if let enc = attribute("encoding", in: decl), !isUTF8(enc) { return handOver(&out) }
                p = end + 2
                continue
            }
            if next == UInt8(ascii: "!") {
                // A comment may stand here; a DTD is for the one parser to refuse.
                guard startsWith("<!--", at: lt) else { return handOver(&out) }
                guard let end = find("-->", from: lt + 4) else { return waitOrHandOver(&out) }
                p = end + 3
                continue
            }
            if next == UInt8(ascii: "/") { return handOver(&out) }
            guard let gt = tagEnd(from: lt) else { return waitOrHandOver(&out) }
            let tag = buffer[lt...gt]
            let name = tagName(tag)
            let selfClosing = buffer[gt - 1] == UInt8(ascii: "/")
            if rootName == nil {
                guard local(name).elementsEqual("worksheet".utf8), !selfClosing else { return handOver(&out) }
                rootName = name
                rootTag = tag
                depth = 1
            } else if local(name).elementsEqual("sheetData".utf8) && depth == 1 {
                if selfClosing { return handOver(&out) }
                rowPrefix = prefixOf(name)
                prefix = Array(rootTag!) + Array(tag)
                suffix = Array("</".utf8) + Array(name) + Array("></".utf8) + Array(rootName!) + Array(">".utf8)
                depth = 2
                pos = gt + 1
                state = .rows
                return
            } else {
                // An element before sheetData (dimension, cols, sheetViews …): skip it whole.
                if !selfClosing { depth += 1 }
            }
            p = gt + 1
            // Inside such an element: skip to its end, tag by tag.
            while depth > 1 {
                guard let lt2 = find(UInt8(ascii: "<"), from: p), lt2 + 1 < buffer.count else { return waitOrHandOver(&out) }
                if startsWith("<!--", at: lt2) {
                    guard let end = find("-->", from: lt2 + 4) else { return waitOrHandOver(&out) }
                    p = end + 3; continue
                }
                if buffer[lt2 + 1] == UInt8(ascii: "!") || buffer[lt2 + 1] == UInt8(ascii: "?") { return handOver(&out) }
                guard let gt2 = tagEnd(from: lt2) else { return waitOrHandOver(&out) }
                if buffer[lt2 + 1] == UInt8(ascii: "/") { depth -= 1 } else if buffer[gt2 - 1] != UInt8(ascii: "/") { depth += 1 }
                p = gt2 + 1
            }
        }
    }

    /// The head is still short: wait for more bytes; a head this long is not a sheet's.
    private mutating func waitOrHandOver(_ out: inout [Piece]) {
        if buffer.count > 4 << 20 { handOver(&out) }
    }

    /// From here on, one parser reads: what is buffered since the last cut, then the rest.
    private mutating func handOver(_ out: inout [Piece]) {
        let body = Array(buffer[pieceStart...])
        out.append(.stream(first ? body : prefix + body, after: rowAtPieceStart))
        buffer.removeAll()
        state = .streaming
    }

    // MARK: Rows

    private enum Step { case wait, cut((offset: Int, row: Int)), handOver, tail }

    private mutating func scan(_ out: inout [Piece]) {
        while state == .rows {
            var p = pos, d = depth, r = row, c = candidate
            let start = pieceStart, target = self.target, rowPrefix = Array(self.rowPrefix)
            let step = buffer.withUnsafeBufferPointer { b in
                rowPrefix.withUnsafeBufferPointer { prefix in
                    Self.scanRows(b, pos: &p, depth: &d, row: &r, candidate: &c, pieceStart: start, target: target, rowPrefix: prefix)
                }
            }
            pos = p; depth = d; row = r; candidate = c
            switch step {
            case .wait: return
            case .cut(let at): cut(at: at, &out)
            case .handOver: return handOver(&out)
            case .tail: state = .tail; return
            }
        }
    }

    /// Tags from `pos` on, on raw bytes (this loop touches every tag of the sheet): until a cut
    /// is due, more bytes are needed, the rows end, or something needs the one parser.
    private static func scanRows(_ b: UnsafeBufferPointer<UInt8>, pos: inout Int, depth: inout Int, row: inout Int,
                                 candidate: inout (offset: Int, row: Int)?, pieceStart: Int, target: Int,
                                 rowPrefix: UnsafeBufferPointer<UInt8>) -> Step {
        let base = b.baseAddress!, n = b.count
        func find(_ s: StaticString, from: Int) -> Int? {
            Self.search(base, from: from, to: n, s.utf8Start, s.utf8CodeUnitCount)
        }
        func at(_ s: StaticString, _ i: Int) -> Bool {
            i + s.utf8CodeUnitCount <= n && memcmp(base + i, s.utf8Start, s.utf8CodeUnitCount) == 0
        }
        while true {
            guard pos < n, let q = memchr(base + pos, 0x3C, n - pos) else { pos = n; return .wait }
            let lt = UnsafeRawPointer(q) - UnsafeRawPointer(base)
            guard lt + 1 < n else { pos = lt; return .wait }
            let next = base[lt + 1]
            if next == UInt8(ascii: "!") {
                if at("<!--", lt) {
                    guard let end = find("-->", from: lt + 4) else { pos = lt; return .wait }
                    pos = end + 3; continue
                }
                if at("<![CDATA[", lt) {
                    guard let end = find("]]>", from: lt + 9) else { pos = lt; return .wait }
                    pos = end + 3; continue
                }
                if n - lt < 9 { pos = lt; return .wait }
                return .handOver
            }
            if next == UInt8(ascii: "?") {
                guard let end = find("?>", from: lt + 2) else { pos = lt; return .wait }
                pos = end + 2; continue
            }
            guard let gt = Self.tagEnd(base, from: lt, count: n) else { pos = lt; return .wait }
            // The name: from after `<` or `</` to a space, `/` or `>`; its local part and prefix.
            let nameStart = next == UInt8(ascii: "/") ? lt + 2 : lt + 1
            var nameEnd = nameStart
            while nameEnd < gt, !Self.isSpace(base[nameEnd]), base[nameEnd] != UInt8(ascii: "/"), base[nameEnd] != 0x3E { nameEnd += 1 }
            let isRow = nameEnd - nameStart >= 3 && base[nameEnd - 3] == UInt8(ascii: "r") && base[nameEnd - 2] == UInt8(ascii: "o")
                && base[nameEnd - 1] == UInt8(ascii: "w") && (nameEnd - nameStart == 3 || base[nameEnd - 4] == UInt8(ascii: ":"))
            if next == UInt8(ascii: "/") {
                depth -= 1
                if depth == 2 && isRow { candidate = (gt + 1, row) }
                if depth == 1 { pos = gt + 1; return .tail }
                if depth < 1 { return .handOver }
            } else {
                let selfClosing = base[gt - 1] == UInt8(ascii: "/")
                if isRow {
                    // A row where SheetHandler would count it differently (inside a cell, in
                    // another namespace, with its own namespace declaration): one parser reads on.
                    let prefixLength = nameEnd - nameStart - 3 - (nameEnd - nameStart == 3 ? 0 : 1)
                    guard depth == 2, prefixLength == rowPrefix.count,
                          prefixLength == 0 || memcmp(base + nameStart, rowPrefix.baseAddress!, prefixLength) == 0,
                          Self.search(base, from: lt, to: gt, ("xmlns" as StaticString).utf8Start, 5) == nil else { return .handOver }
                    switch Self.rowAttribute(UnsafeBufferPointer(start: base + nameEnd, count: gt - nameEnd)) {
                    case .absent: row += 1
                    case .entity: return .handOver
                    case .value(let v): row = v ?? row + 1
                    }
                    if selfClosing { candidate = (gt + 1, row) }
                }
                if !selfClosing { depth += 1 }
            }
            pos = gt + 1
            if let c = candidate, c.offset - pieceStart >= target { return .cut(c) }
        }
    }

    /// Where `needle` first starts in `base[from..<to]` (memchr for its first byte, then memcmp).
    private static func search(_ base: UnsafePointer<UInt8>, from: Int, to: Int, _ needle: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        var p = from
        while p + count <= to, let q = memchr(base + p, Int32(needle[0]), to - p) {
            let i = UnsafeRawPointer(q) - UnsafeRawPointer(base)
            if i + count > to { return nil }
            if memcmp(base + i, needle, count) == 0 { return i }
            p = i + 1
        }
        return nil
    }

    private enum RowAttribute { case absent, entity, value(Int?) }

    /// The `r` of a row's attributes (any prefix, as SheetHandler matches local names): its
    /// number, nil when it is not one, or `.entity` when an entity would change it.
    private static func rowAttribute(_ a: UnsafeBufferPointer<UInt8>) -> RowAttribute {
        var i = 0
        let n = a.count
        let space = Self.isSpace
        while i < n {
            while i < n && (space(a[i]) || a[i] == UInt8(ascii: "/")) { i += 1 }
            let nameStart = i
            while i < n && a[i] != UInt8(ascii: "=") && !space(a[i]) && a[i] != 0x3E { i += 1 }
            let nameEnd = i
            while i < n && space(a[i]) { i += 1 }
            guard i < n, a[i] == UInt8(ascii: "=") else { return .absent }
            i += 1
            while i < n && space(a[i]) { i += 1 }
            guard i < n, a[i] == 0x22 || a[i] == 0x27 else { return .absent }
            let q = a[i]
            let vStart = i + 1
            var vEnd = vStart
            while vEnd < n && a[vEnd] != q { vEnd += 1 }
            let isR = nameEnd > nameStart && a[nameEnd - 1] == UInt8(ascii: "r") && (nameEnd - nameStart == 1 || a[nameEnd - 2] == UInt8(ascii: ":"))
            if isR {
                let v = a[vStart..<vEnd]
                if v.contains(UInt8(ascii: "&")) { return .entity }
                return .value(Self.int(v))
            }
            i = vEnd + 1
        }
        return .absent
    }

    private mutating func cut(at c: (offset: Int, row: Int), _ out: inout [Piece]) {
        let body = buffer[pieceStart..<c.offset]
        out.append(.document((first ? Array(body) : prefix + Array(body)) + suffix, after: rowAtPieceStart))
        first = false
        pieceStart = c.offset
        rowAtPieceStart = c.row
        candidate = nil
    }

    /// Drops what every piece made so far has taken.
    private mutating func compact() {
        guard !first, pieceStart > 1 << 20 else { return }
        buffer.removeFirst(pieceStart)
        pos -= pieceStart
        if let c = candidate { candidate = (c.offset - pieceStart, c.row) }
        pieceStart = 0
    }

    // MARK: Bytes

    private func find(_ byte: UInt8, from: Int) -> Int? {
        guard from < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { b in
            memchr(b.baseAddress! + from, Int32(byte), b.count - from).map { UnsafeRawPointer($0) - UnsafeRawPointer(b.baseAddress!) }
        }
    }

    private func find(_ s: StaticString, from: Int) -> Int? {
        buffer.withUnsafeBufferPointer { b in
            b.isEmpty ? nil : Self.search(b.baseAddress!, from: from, to: b.count, s.utf8Start, s.utf8CodeUnitCount)
        }
    }

    private func startsWith(_ s: StaticString, at i: Int) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= buffer.count else { return false }
        for k in 0..<n where buffer[i + k] != s.utf8Start[k] { return false }
        return true
    }

    private func tagEnd(from lt: Int) -> Int? {
        buffer.withUnsafeBufferPointer { b in b.isEmpty ? nil : Self.tagEnd(b.baseAddress!, from: lt, count: b.count) }
    }

    /// The `>` that ends the tag starting at `lt`, past quoted attribute values.
    private static func tagEnd(_ base: UnsafePointer<UInt8>, from lt: Int, count n: Int) -> Int? {
        var i = lt + 1
        var quote: UInt8 = 0
        while i < n {
            let c = base[i]
            if quote != 0 { if c == quote { quote = 0 } }
            else if c == 0x22 || c == 0x27 { quote = c }
            else if c == 0x3E { return i }
            i += 1
        }
        return nil
    }

    /// `x:row` from `<x:row r="1">` or `</x:row>`.
    private func tagName(_ tag: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = tag.startIndex + 1
        if s < tag.endIndex && tag[s] == UInt8(ascii: "/") { s += 1 }
        var e = s
        while e < tag.endIndex, !Self.isSpace(tag[e]), tag[e] != UInt8(ascii: "/"), tag[e] != UInt8(ascii: ">") { e += 1 }
        return tag[s..<e]
    }

    private func prefixOf(_ name: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        if let colon = name.lastIndex(of: UInt8(ascii: ":")) { return name[..<colon] }
        return name[name.startIndex..<name.startIndex]
    }

    private func local(_ name: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        if let colon = name.lastIndex(of: UInt8(ascii: ":")) { return name[(colon + 1)...] }
        return name
    }

    /// The value of the attribute whose local name is `name` in a tag (quotes removed).
    private func attribute(_ name: StaticString, in tag: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var i = tagName(tag).endIndex
        while i < tag.endIndex {
            while i < tag.endIndex && (Self.isSpace(tag[i]) || tag[i] == UInt8(ascii: "/") || tag[i] == UInt8(ascii: "?")) { i += 1 }
            let nameStart = i
            while i < tag.endIndex && tag[i] != UInt8(ascii: "=") && !Self.isSpace(tag[i]) && tag[i] != UInt8(ascii: ">") { i += 1 }
            let attr = tag[nameStart..<i]
            while i < tag.endIndex && Self.isSpace(tag[i]) { i += 1 }
            guard i < tag.endIndex, tag[i] == UInt8(ascii: "=") else { return nil }
            i += 1
            while i < tag.endIndex && Self.isSpace(tag[i]) { i += 1 }
            guard i < tag.endIndex else { return nil }
            let q = tag[i]
            guard q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") else { return nil }
            let vStart = i + 1
            guard let vEnd = tag[vStart...].firstIndex(of: q) else { return nil }
            if local(attr).elementsEqual(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)) { return tag[vStart..<vEnd] }
            i = vEnd + 1
        }
        return nil
    }

    private func isUTF8(_ v: ArraySlice<UInt8>) -> Bool {
        let s = String(decoding: v, as: UTF8.self).lowercased()
        return s == "utf-8" || s == "utf8"
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    /// As ``SheetHandler/int(_:)``: 1 to 18 digits.
    static func int(_ b: some Collection<UInt8>) -> Int? {
        guard !b.isEmpty, b.count <= 18 else { return nil }
        var v = 0
        for c in b {
            guard c >= 48 && c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }
}
