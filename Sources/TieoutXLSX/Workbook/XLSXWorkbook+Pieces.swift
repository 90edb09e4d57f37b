#if canImport(Glibc)
import Glibc
#endif
import TieoutCore

/// A large sheet read by several parsers at once: ``SheetSplitter`` cuts the inflated XML at
/// row boundaries, each piece is parsed on a thread of its own, and the rows reach `body` in
/// the sheet's order on the calling thread. The outcome is the one parser's, row for row;
/// when anything goes wrong that is not `body`'s (a malformed piece, a limit, a damaged zip),
/// the sheet is read again by one parser, past the rows already delivered, so the error and
/// its place are exactly the one parser's too.
///
/// The last row of each piece is held until the next piece's first row shows it complete: when
/// a cut falls between two elements of one row (a row written in several `<row>` elements), or
/// before a row out of order, the one parser reads the sheet again from there and decides.
extension XLSXWorkbook {
    /// Sheets whose XML is larger than this are read in pieces (when there is more than one core).
    static let piecesFrom: Int64 = 4 << 20
    /// The XML in one piece.
    static let pieceBytes = 256 << 10

    static var cores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    func readRowsInPieces(_ entry: ZipArchive.Entry, sheet: String, pieceBytes: Int = XLSXWorkbook.pieceBytes,
                          _ body: @escaping (XLSXRow) throws(TieoutError) -> Void) throws(TieoutError) -> SheetReport {
        let inFlight = Self.cores + 1
        var pending: [(thread: WorkerThread, piece: ParsedPiece)] = []
        var report = SheetReport(dimension: nil, mergedRanges: [], formulasWithoutValue: [], cells: 0)
        var delivered = 0
        var bodyError: TieoutError? = nil
        var stream: (parser: XMLPushParser, handler: SheetHandler)? = nil
        var splitter = SheetSplitter(target: pieceBytes)
        let strings = sharedStrings, formats = formats ?? [], limits = limits, path = path, part = entry.name
        let packageBytes = zip.fileSize, textBudget = limits.sheetTextBudget(packageBytes: zip.fileSize)
        // The last row of the last piece emitted, not yet delivered.
        var held: (piece: ParsedPiece, row: Int)? = nil
        var cells: [XLSXCell] = []
        var textBytes: Int64 = 0

        // Every row goes through here: counted, and an error of `body` told apart from the reader's.
        func deliver(_ row: XLSXRow) throws(TieoutError) {
            do { try body(row) } catch { bodyError = error; throw error }
            delivered += 1
        }
        func emit(_ p: ParsedPiece) throws(TieoutError) {
            if let e = p.error { throw e }
            report.cells += p.cellCount
            if report.cells > limits.maxCells { throw Self.retry }
            textBytes += p.textBytes
            if textBytes > textBudget { throw Self.retry }
            if report.dimension == nil { report.dimension = p.dimension }
            report.mergedRanges += p.mergedRanges
            report.formulasWithoutValue += p.formulasWithoutValue
            report.duplicateCells += p.duplicateCells
            guard let firstNumber = p.rows.first?.number else { return }
            try deliverHeld(before: firstNumber)
            try deliverStored(p, rows: 0..<p.rows.count - 1)
            held = (p, p.rows.count - 1)
        }
        func deliverStored(_ p: ParsedPiece, rows: Range<Int>) throws(TieoutError) {
            try p.arena.withUnsafeBufferPointer { (a: UnsafeBufferPointer<UInt8>) throws(TieoutError) in
                for r in p.rows[rows] {
                    cells.removeAll(keepingCapacity: true)
                    for c in p.cells[r.first..<r.first + r.count] {
                        cells.append(XLSXCell(column: c.column, kind: c.kind, hasFormula: c.formula, bytes: UnsafeBufferPointer(rebasing: a[c.start..<c.end])))
                    }
                    try deliver(XLSXRow(number: r.number, cells: cells))
                }
            }
        }
        /// The held row, before row `next`; when `next` is not after it, one parser decides.
        func deliverHeld(before next: Int?) throws(TieoutError) {
            guard let h = held else { return }
            if let next, next <= h.piece.rows[h.row].number { throw Self.retry }
            held = nil
            try deliverStored(h.piece, rows: h.row..<h.row + 1)
        }
        func drainOne() throws(TieoutError) {
            let (thread, piece) = pending.removeFirst()
            thread.join()
            try emit(piece)
        }
        func handle(_ piece: SheetSplitter.Piece) throws(TieoutError) {
            switch piece {
            case .document(let bytes, let after):
                if pending.count >= inFlight { try drainOne() }
                let parsed = ParsedPiece()
                let job = PieceJob(piece: parsed, bytes: bytes, after: after, file: path, part: part, sheet: sheet,
                                   strings: strings, formats: formats, limits: limits)
                pending.append((startThread(name: "tieout-sheet-piece") { job.run() }, parsed))
            case .stream(let bytes, let after):
                while !pending.isEmpty { try drainOne() }
                let h = SheetHandler(file: path, sheet: sheet, sharedStrings: strings, formats: formats, limits: limits, after: after,
                                     packageBytes: packageBytes) {
                    (row: XLSXRow) throws(TieoutError) in
                    try deliverHeld(before: row.number)
                    try deliver(row)
                }
                let p = XMLPushParser(handler: h, file: path, part: part)
                h.parser = p
                stream = (p, h)
                try bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(TieoutError) in try p.feed(b) }
            case .bytes(let bytes):
                try bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(TieoutError) in try stream!.parser.feed(b) }
            }
        }

        do {
            defer { for p in pending { p.thread.join() } }
            try zip.readAhead(entry) { (chunk: UnsafeBufferPointer<UInt8>) throws(TieoutError) in
                for piece in splitter.append(chunk) { try handle(piece) }
            }
            for piece in splitter.finish() { try handle(piece) }
            while !pending.isEmpty { try drainOne() }
            if let s = stream {
                try s.parser.finish()
                if report.dimension == nil { report.dimension = s.handler.dimension }
                report.mergedRanges += s.handler.mergedRanges
                report.formulasWithoutValue += s.handler.formulasWithoutValue
                report.duplicateCells += s.handler.duplicateCells
                report.cells += s.handler.cellCount
            }
            try deliverHeld(before: nil)
            return report
        } catch {
            if let bodyError { throw bodyError }
            // The reader's own trouble: one parser reads the sheet again, past the rows delivered.
            var skip = delivered
            let h = SheetHandler(file: path, sheet: sheet, sharedStrings: strings, formats: formats, limits: limits, packageBytes: packageBytes) {
                (row: XLSXRow) throws(TieoutError) in
                if skip > 0 { skip -= 1; return }
                try body(row)
            }
            try parse(part: part, with: h) { h.parser = $0 }
            return SheetReport(dimension: h.dimension, mergedRanges: h.mergedRanges, formulasWithoutValue: h.formulasWithoutValue, cells: h.cellCount,
                               duplicateCells: h.duplicateCells)
        }
    }

    /// Not an error anyone sees: the pieces stop and one parser reads the sheet again.
    static let retry = TieoutError(code: "xlsx.retry")
}

/// One piece's rows, copied out of its parser into one arena, for the calling thread.
final class ParsedPiece: @unchecked Sendable {
    var arena: [UInt8] = []
    var rows: [(number: Int, first: Int, count: Int)] = []
    var cells: [(column: Int, kind: XLSXCellKind, formula: Bool, start: Int, end: Int)] = []
    var error: TieoutError?
    var dimension: String?
    var mergedRanges: [String] = []
    var formulasWithoutValue: [String] = []
    var duplicateCells: [String] = []
    var cellCount: Int64 = 0
    var textBytes: Int64 = 0

    func collect(_ row: XLSXRow) {
        rows.append((row.number, cells.count, row.cells.count))
        for c in row.cells {
            let start = arena.count
            c.withUTF8 { arena.append(contentsOf: $0) }
            cells.append((c.column, c.kind, c.hasFormula, start, arena.count))
        }
    }
}

/// Parses one piece on its thread. The shared strings and formats are only read.
private struct PieceJob: @unchecked Sendable {
    let piece: ParsedPiece
    let bytes: [UInt8]
    let after: Int
    let file: String, part: String, sheet: String
    let strings: SharedStrings?
    let formats: [NumberFormatKind]
    let limits: XLSXLimits

    func run() {
        let piece = self.piece
        let h = SheetHandler(file: file, sheet: sheet, sharedStrings: strings, formats: formats, limits: limits, after: after) {
            (row: XLSXRow) throws(TieoutError) in piece.collect(row)
        }
        let p = XMLPushParser(handler: h, file: file, part: part)
        h.parser = p
        do throws(TieoutError) {
            try bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(TieoutError) in try p.feed(b) }
            try p.finish()
        } catch {
            piece.error = error
        }
        piece.dimension = h.dimension
        piece.mergedRanges = h.mergedRanges
        piece.formulasWithoutValue = h.formulasWithoutValue
        piece.duplicateCells = h.duplicateCells
        piece.cellCount = h.cellCount
        piece.textBytes = h.textBytes
    }
}
