import TieoutCore

/// Streams a worksheet's `<sheetData>` row by row. Missing `r` attributes
/// are counted from the previous row or cell; the `<dimension>` is a hint only.
final class SheetHandler: XMLEventHandler {
    typealias RowCallback = (XLSXRow) throws(TieoutError) -> Void

    unowned(unsafe) var parser: XMLPushParser? = nil   // set for the parse; the parse holds it
    private let sharedStrings: SharedStrings?
    private let formats: [NumberFormatKind]
    private let onRow: RowCallback
    private let limits: XLSXLimits
    let file: String
    let sheet: String

    private(set) var dimension: String?
    private(set) var mergedRanges: [String] = []
    private(set) var formulasWithoutValue: [String] = []
    private(set) var cellCount: Int64 = 0

    private var main = MainNamespace()
    // Row state.
    private var rowNumber = 0
    private var inRow = false
    private var arena: [UInt8] = []
    private var pending: [(column: Int, kind: XLSXCellKind, formula: Bool, start: Int, end: Int)] = []
    // Cell state.
    private var column = 0
    private var type: UInt8 = 0          // n s b e d i(str) I(inlineStr) ?(unknown: an error)
    private var unknownType = ""
    private var style = 0
    private var inCell = false
    private var capture = false
    private var sawValue = false
    private var sawInline = false
    private var formula = false
    private var phoneticDepth = 0
    private var valueStart = 0
    private var inlineBuffer: [UInt8] = []
    private var cells: [XLSXCell] = []
    private var inInline = false

    /// `after`: the number of the row before the first this parse sees (a piece of a sheet cut by ``SheetSplitter``).
    init(file: String, sheet: String, sharedStrings: SharedStrings?, formats: [NumberFormatKind], limits: XLSXLimits,
         after: Int = 0, onRow: @escaping RowCallback) {
        rowNumber = after
        self.file = file
        self.sheet = sheet
        self.sharedStrings = sharedStrings
        self.formats = formats
        self.limits = limits
        self.onRow = onRow
    }

    func startElement(uri: XMLName, local: XMLName, attributes: XMLAttributes) {
        guard main.matches(uri) else { return }
        if local == "c" {
            inCell = true
            // One pass over the attributes: r, t and s (one-letter names).
            var rAttr: UnsafeBufferPointer<UInt8>? = nil, tAttr: UnsafeBufferPointer<UInt8>? = nil, sAttr: UnsafeBufferPointer<UInt8>? = nil
            if let raw = attributes.raw {
                for i in 0..<attributes.count {
                    guard let name = raw[i * 5], name[0] != 0, name[1] == 0,
                          let start = raw[i * 5 + 3], let end = raw[i * 5 + 4] else { continue }
                    let value = UnsafeBufferPointer(start: start, count: end - start)
                    switch name[0] {
                    case UInt8(ascii: "r"): rAttr = value
                    case UInt8(ascii: "t"): tAttr = value
                    case UInt8(ascii: "s"): sAttr = value
                    default: break
                    }
                }
            }
            if let r = rAttr, let col = SheetHandler.column(of: r) { column = col } else { column += 1 }
            type = 0
            if let t = tAttr, t.count > 0 {
                // The types ECMA-376 defines, matched exactly; anything else is an error at the
                // cell, never guessed (an unknown type was taken for a number).
                if t.count == 1 && [UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "b"), UInt8(ascii: "e"), UInt8(ascii: "d")].contains(t[0]) {
                    type = t[0]
                } else if t.elementsEqual("str".utf8) {
                    type = UInt8(ascii: "i")
                } else if t.elementsEqual("inlineStr".utf8) {
                    type = UInt8(ascii: "I")
                } else {
                    type = UInt8(ascii: "?")
                    unknownType = String(decoding: t.prefix(40), as: UTF8.self)
                }
            }
            style = sAttr.flatMap { SheetHandler.int($0) } ?? 0
            sawValue = false; sawInline = false; formula = false
            inlineBuffer.removeAll(keepingCapacity: true)
        } else if local == "v" && inCell {
            if type == UInt8(ascii: "I") { return }             // a stray <v> in an inline string is ignored
            capture = true
            sawValue = true
            valueStart = arena.count
        } else if local == "f" && inCell {
            formula = true
        } else if local == "is" && inCell {
            inInline = true
            sawInline = true
        } else if local == "rPh" {
            phoneticDepth += 1
        } else if local == "t" && inInline && phoneticDepth == 0 {
            capture = true
        } else if local == "row" {
            // A row starts afresh, even inside a malformed cell (found by fuzzing).
            inCell = false; capture = false; inInline = false
            inRow = true
            if let r = attributes.value("r"), let n = SheetHandler.int(r) { rowNumber = n } else { rowNumber += 1 }
            column = 0
            arena.removeAll(keepingCapacity: true)
            pending.removeAll(keepingCapacity: true)
        } else if local == "dimension" {
            dimension = attributes.string("ref")
        } else if local == "mergeCell" {
            if let ref = attributes.string("ref") { mergedRanges.append(ref) }
        }
    }

    func endElement(uri: XMLName, local: XMLName) {
        guard main.matches(uri) else { return }
        if local == "v" {
            capture = false
        } else if local == "t" && inInline {
            capture = false
        } else if local == "rPh" {
            phoneticDepth -= 1
        } else if local == "is" {
            inInline = false
        } else if local == "c" {
            if inCell { finishCell() }
            inCell = false
        } else if local == "row" {
            if inRow { deliverRow() }
            inRow = false
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        guard capture else { return }
        if inInline { inlineBuffer.append(contentsOf: text) } else { arena.append(contentsOf: text) }
    }

    private func finishCell() {
        cellCount += 1
        if cellCount > limits.maxCells {
            parser?.stop(TieoutError(code: "xlsx.limit", what: "sheet \(sheet) of \(file) has more than \(limits.maxCells) cells",
                                     help: "No real ledger has this many cells; if this one is genuine, raise the cell limit."))
            return
        }
        // Defensive against well-formed but nonsensical nesting: never a stale offset.
        if valueStart > arena.count || !sawValue { valueStart = arena.count }
        var kind: XLSXCellKind
        var start = valueStart, end = arena.count
        if type == UInt8(ascii: "?") {
            parser?.stop(TieoutError(code: "xlsx.cell-type",
                                     what: "cell \(SourceLocation.letter(forColumn: column))\(rowNumber) of sheet \(sheet) has the type '\(unknownType.escapingControlCharacters)', which is not a spreadsheet cell type (n, s, b, e, d, str, inlineStr)",
                                     location: SourceLocation(file: file, sheet: sheet, line: rowNumber, column: column),
                                     help: "The workbook is damaged or was written by a program that breaks the format; open it in Excel or LibreOffice and save it again."))
            return
        }
        switch type {
        case UInt8(ascii: "s"):
            kind = .text
            if sawValue && arena.count == valueStart {
                // t="s" with an empty <v>: no string chosen, an empty cell (both peers agree).
                kind = .empty
            } else if sawValue {
                let index = arena.withUnsafeBufferPointer { SheetHandler.int(UnsafeBufferPointer(rebasing: $0[valueStart..<arena.count])) }
                arena.removeLast(arena.count - valueStart)
                start = arena.count
                if let index, let table = sharedStrings, table.append(index, to: &arena) {
                    // copied from the table
                } else {
                    parser?.stop(TieoutError(code: "xlsx.shared-string",
                                             what: "cell \(SourceLocation.letter(forColumn: column))\(rowNumber) of sheet \(sheet) refers to shared string \(index.map(String.init) ?? "?"), which the workbook does not have",
                                             location: SourceLocation(file: file, sheet: sheet, line: rowNumber, column: column),
                                             help: "The workbook is damaged; open it in Excel or LibreOffice and save it again."))
                    return
                }
                end = arena.count
            } else { kind = .empty; start = arena.count; end = start }
        case UInt8(ascii: "I"):
            kind = .text
            start = arena.count
            arena.append(contentsOf: XLSXEscapes.decode(inlineBuffer))
            end = arena.count
        case UInt8(ascii: "i"):
            kind = .text
            if sawValue {
                let decoded = XLSXEscapes.decode(Array(arena[valueStart...]))
                arena.removeSubrange(valueStart...)
                start = arena.count
                arena.append(contentsOf: decoded)
                end = arena.count
            } else { start = arena.count; end = start }
        case UInt8(ascii: "b"): kind = .boolean
        case UInt8(ascii: "e"): kind = .error
        case UInt8(ascii: "d"): kind = .isoDate
        default:
            let f = style < formats.count ? formats[style] : .number
            kind = f == .date ? .date : (f == .duration ? .duration : .number)
        }
        if !sawValue && !sawInline {
            if formula { formulasWithoutValue.append("\(SourceLocation.letter(forColumn: column))\(rowNumber)") }
            kind = .empty
            start = arena.count; end = start
        }
        if type == UInt8(ascii: "I") { kind = .text }
        pending.append((column, kind, formula, start, end))
    }

    private func deliverRow() {
        guard let parser else { return }
        let failure: TieoutError? = arena.withUnsafeBufferPointer { a in
            cells.removeAll(keepingCapacity: true)
            for p in pending where p.start <= p.end && p.end <= a.count {
                cells.append(XLSXCell(column: p.column, kind: p.kind, hasFormula: p.formula,
                                      bytes: UnsafeBufferPointer(rebasing: a[p.start..<p.end])))
            }
            do throws(TieoutError) {
                try onRow(XLSXRow(number: rowNumber, cells: cells))
                return nil
            } catch {
                return error
            }
        }
        if let failure { parser.stop(failure) }
    }

    /// A cell reference's column: "B7" → 2, "$AA$10" → 27; nil when malformed or past XFD.
    static func column(of ref: UnsafeBufferPointer<UInt8>) -> Int? {
        var n = 0, letters = 0
        for c in ref {
            if c == UInt8(ascii: "$") { continue }
            if c >= 65 && c <= 90 { n = n * 26 + Int(c - 64); letters += 1 }
            else if c >= 97 && c <= 122 { n = n * 26 + Int(c - 96); letters += 1 }
            else { break }
            if letters > 3 { return nil }
        }
        return letters > 0 && n <= 16384 ? n : nil
    }

    static func int(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var v = 0
        guard !b.isEmpty, b.count <= 18 else { return nil }
        for c in b {
            guard c >= 48 && c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }
}
