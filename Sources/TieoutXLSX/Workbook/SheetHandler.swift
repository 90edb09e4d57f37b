import TieoutCore

/// Streams a worksheet's `<sheetData>` row by row. Missing `r` attributes
/// are counted from the previous row or cell; the `<dimension>` is a hint only.
///
/// Every cell is placed by its reference, as Excel places it: rows are delivered in
/// ascending order, each once, with its cells in ascending column order. A row element
/// whose cells name their row (`<c r="B2">`) is that row whatever its own `r` says (a
/// `<row r="0">` written by a 0-based exporter); consecutive row elements of the same row
/// (one element per cell, as some exporters write) are one row; cells written out of
/// column order are sorted; a cell written twice keeps its later value and is reported
/// (``duplicateCells``). What cannot be placed without reading the whole sheet first — a
/// row after a later one, a cell naming another row than its neighbours, a row 0 whose
/// cells do not say their row — stops the sheet with an error naming the place.
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
    /// Bytes of cell text read so far, against `textBudget`.
    private(set) var textBytes: Int64 = 0
    private let textBudget: Int64
    private let packageBytes: Int64
    /// Cells written twice (e.g. `B3`): the later value was kept.
    private(set) var duplicateCells: [String] = []

    private var main = MainNamespace()
    // Row state. `rowNumber` counts row elements as SheetSplitter does (`r` when it is a
    // number, else one more); `elementRow` is the row the element's cells name (its `r` until
    // a cell says otherwise).
    private var rowNumber = 0
    private var elementRow = 0
    private var elementNamed = false
    private var inRow = false
    private var arena: [UInt8] = []
    private var pending: [PendingCell] = []
    private var lastColumn = 0
    private var unordered = false
    // The row read before, held until the next row element shows it is complete (the next
    // one may be more of it): its own arena and cells, swapped with the current ones.
    private var held: Int? = nil
    private var heldArena: [UInt8] = []
    private var heldCells: [PendingCell] = []
    private var heldUnordered = false
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
         after: Int = 0, packageBytes: Int64 = 0, onRow: @escaping RowCallback) {
        rowNumber = after
        self.packageBytes = packageBytes
        textBudget = packageBytes > 0 ? limits.sheetTextBudget(packageBytes: packageBytes) : limits.maxSheetTextBytes
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
            var namedRow = 0
            if let r = rAttr, let ref = SheetHandler.reference(r) { column = ref.column; namedRow = ref.row } else { column += 1 }
            if namedRow != 0 && namedRow != elementRow {
                if pending.isEmpty && !elementNamed {
                    elementRow = namedRow
                } else {
                    stopMisplaced(namedRow)
                    return
                }
            }
            if namedRow != 0 { elementNamed = true }
            if column <= lastColumn { unordered = true }
            lastColumn = column
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
            elementRow = rowNumber
            elementNamed = false
            column = 0
            lastColumn = 0
            unordered = false
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
            if inRow { endRow() }
            inRow = false
        } else if local == "sheetData" || local == "worksheet" {
            if held != nil { deliverHeld() }
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        guard capture else { return }
        if inInline { inlineBuffer.append(contentsOf: text) } else { arena.append(contentsOf: text) }
    }

    private func finishCell() {
        cellCount += 1
        if cellCount > limits.maxCells {
            parser?.stop(TieoutError(code: "xlsx.limit", key: "xlsx.cells", ["sheet": sheet, "file": file, "limit": limits.maxCells]))
            return
        }
        // Defensive against well-formed but nonsensical nesting: never a stale offset.
        if valueStart > arena.count || !sawValue { valueStart = arena.count }
        var kind: XLSXCellKind
        var start = valueStart, end = arena.count
        if elementRow == 0 {
            parser?.stop(TieoutError(code: "xlsx.row-number", ["sheet": sheet, "column": SourceLocation.letter(forColumn: column)],
                                     location: SourceLocation(file: file, sheet: sheet, column: column)))
            return
        }
        if type == UInt8(ascii: "?") {
            parser?.stop(TieoutError(code: "xlsx.cell-type",
                                     ["cell": "\(SourceLocation.letter(forColumn: column))\(elementRow)", "sheet": sheet, "type": unknownType.escapingControlCharacters],
                                     location: SourceLocation(file: file, sheet: sheet, line: elementRow, column: column)))
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
                                             ["cell": "\(SourceLocation.letter(forColumn: column))\(elementRow)", "sheet": sheet, "index": index.map(String.init) ?? "?"],
                                             location: SourceLocation(file: file, sheet: sheet, line: elementRow, column: column)))
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
            if formula { formulasWithoutValue.append("\(SourceLocation.letter(forColumn: column))\(elementRow)") }
            kind = .empty
            start = arena.count; end = start
        }
        if type == UInt8(ascii: "I") { kind = .text }
        textBytes += Int64(end - start)
        if textBytes > textBudget {
            parser?.stop(SheetHandler.textLimit(file: file, sheet: sheet, budget: textBudget, packageBytes: packageBytes))
            return
        }
        pending.append(PendingCell(column: column, kind: kind, formula: formula, start: start, end: end))
    }

    /// A row element has ended: it is the row held (more of it), or the row after it.
    private func endRow() {
        if elementRow == 0 && pending.isEmpty { return }     // an empty <row r="0"/>: nothing to place
        guard let h = held else {
            hold()
            return
        }
        if elementRow == h {
            // More of the same row: its cells join the held ones.
            let base = heldArena.count
            heldArena.append(contentsOf: arena)
            let last = heldCells.last?.column ?? 0
            if let first = pending.first?.column, first <= last { heldUnordered = true }
            if unordered { heldUnordered = true }
            for p in pending {
                heldCells.append(PendingCell(column: p.column, kind: p.kind, formula: p.formula, start: p.start + base, end: p.end + base))
            }
        } else if elementRow > h {
            deliverHeld()
            hold()
        } else if !pending.isEmpty {
            parser?.stop(TieoutError(code: "xlsx.row-order", ["sheet": sheet, "row": elementRow, "previous": h],
                                     location: SourceLocation(file: file, sheet: sheet, line: elementRow)))
        }
    }

    /// The current row becomes the held one (the arenas swap: no copy).
    private func hold() {
        held = elementRow
        swap(&arena, &heldArena)
        swap(&pending, &heldCells)
        heldUnordered = unordered
    }

    /// Delivers the held row, its cells in column order (a cell written twice: the later one).
    private func deliverHeld() {
        guard let parser, let number = held else { return }
        held = nil
        if heldUnordered {
            // Stable: of two cells in one column, the later written stays last.
            heldCells = heldCells.enumerated().sorted { ($0.element.column, $0.offset) < ($1.element.column, $1.offset) }.map(\.element)
            var kept: [PendingCell] = []
            kept.reserveCapacity(heldCells.count)
            for c in heldCells {
                if let last = kept.last, last.column == c.column {
                    duplicateCells.append("\(SourceLocation.letter(forColumn: c.column))\(number)")
                    kept[kept.count - 1] = c
                } else {
                    kept.append(c)
                }
            }
            heldCells = kept
        }
        let failure: TieoutError? = heldArena.withUnsafeBufferPointer { a in
            cells.removeAll(keepingCapacity: true)
            for p in heldCells where p.start <= p.end && p.end <= a.count {
                cells.append(XLSXCell(column: p.column, kind: p.kind, hasFormula: p.formula,
                                      bytes: UnsafeBufferPointer(rebasing: a[p.start..<p.end])))
            }
            do throws(TieoutError) {
                try onRow(XLSXRow(number: number, cells: cells))
                return nil
            } catch {
                return error
            }
        }
        heldArena.removeAll(keepingCapacity: true)
        heldCells.removeAll(keepingCapacity: true)
        if let failure { parser.stop(failure) }
    }

    /// The sheet's cell text is beyond its budget (a small package naming gigabytes of text).
    static func textLimit(file: String, sheet: String, budget: Int64, packageBytes: Int64) -> TieoutError {
        let mib = budget >> 20
        return TieoutError(code: "xlsx.limit", key: "xlsx.text-bomb",
                           ["sheet": sheet, "file": file, "mib": mib, "from": packageBytes > 0 ? Phrase("error.piece.from-bytes", ["n": packageBytes]) : Phrase.empty],
                           location: SourceLocation(file: file, sheet: sheet))
    }

    /// A cell naming another row than the cells before it in its row element.
    private func stopMisplaced(_ named: Int) {
        parser?.stop(TieoutError(code: "xlsx.row-order", key: "xlsx.cell-misplaced",
                                 ["cell": "\(SourceLocation.letter(forColumn: column))\(named)", "sheet": sheet, "row": elementRow],
                                 location: SourceLocation(file: file, sheet: sheet, line: elementRow, column: column)))
    }

    /// A cell reference's column and row: "B7" → (2, 7), "$AA$10" → (27, 10), "C" → (3, 0);
    /// nil when malformed or past XFD. A row of 0 means none (or one that is not a row number).
    static func reference(_ ref: UnsafeBufferPointer<UInt8>) -> (column: Int, row: Int)? {
        var n = 0, letters = 0, i = 0
        while i < ref.count {
            let c = ref[i]
            if c == UInt8(ascii: "$") { i += 1; continue }
            if c >= 65 && c <= 90 { n = n * 26 + Int(c - 64); letters += 1 }
            else if c >= 97 && c <= 122 { n = n * 26 + Int(c - 96); letters += 1 }
            else { break }
            if letters > 3 { return nil }
            i += 1
        }
        guard letters > 0 && n <= 16384 else { return nil }
        if i < ref.count && ref[i] == UInt8(ascii: "$") { i += 1 }
        var row = 0, digits = 0
        while i < ref.count, ref[i] >= 48 && ref[i] <= 57, digits < 8 {
            row = row * 10 + Int(ref[i] - 48); digits += 1; i += 1
        }
        return (n, i == ref.count && row <= 1_048_576 ? row : 0)
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

/// A cell read, not yet delivered: where its text is in the row's arena.
struct PendingCell {
    var column: Int
    var kind: XLSXCellKind
    var formula: Bool
    var start: Int
    var end: Int
}
