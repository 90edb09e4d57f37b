import TieoutCore

/// An .xlsx workbook (also .xlsm, .xltx), opened by following its
/// relationships: `_rels/.rels` → the workbook part → its `.rels` → sheets,
/// shared strings and styles. Sheets are read as streams of rows.
///
/// ```swift
/// let book = try XLSXWorkbook(path: "budget.xlsx")
/// for sheet in book.sheets { print(sheet.name, sheet.state) }
/// try book.readRows(of: 0) { row in print(row.number, row.cells.map(\.rawText)) }
/// ```
public final class XLSXWorkbook {
    /// A sheet as the workbook lists it.
    public struct Sheet: Sendable {
        public enum State: String, Sendable { case visible, hidden, veryHidden }
        public enum Kind: String, Sendable { case worksheet, chartsheet, other }
        public var name: String
        public var state: State
        public var kind: Kind
        /// The part that holds it (e.g. `xl/worksheets/sheet1.xml`), nil when the relationship is missing.
        public var part: String?
    }

    public let path: String
    public let limits: XLSXLimits
    public private(set) var sheets: [Sheet] = []
    /// The 1904 date system is in use (`workbookPr date1904`).
    public private(set) var date1904 = false
    let zip: ZipArchive
    private var sharedStringsPart: String?
    private var stylesPart: String?
    private(set) var sharedStrings: SharedStrings?
    private(set) var formats: [NumberFormatKind]?

    public init(path: String, limits: XLSXLimits = XLSXLimits()) throws(TieoutError) {
        self.path = path
        self.limits = limits
        zip = try ZipArchive(path: path, limits: limits)
        let workbookPart = try officeDocument()
        let wb = WorkbookHandler()
        try parse(part: workbookPart, with: wb)
        date1904 = wb.date1904
        if wb.sheets.isEmpty {
            // An empty list is never the answer for a workbook: every workbook has a sheet.
            let why = wb.foreignSheets > 0
                ? Phrase(wb.foreignSheets == 1 ? "error.xlsx.foreign-sheet" : "error.xlsx.foreign-sheets", ["n": wb.foreignSheets, "namespace": wb.rootNamespace ?? "?"])
                : Phrase("error.xlsx.lists-no-sheets", ["namespace": wb.rootNamespace.map { $0.isEmpty ? Phrase("error.xlsx.no-namespace") as any CustomStringConvertible : $0 } ?? "?" as String])
            throw fault("xlsx.no-sheets", key: "xlsx.workbook-part", ["part": workbookPart, "why": why])
        }
        let rels = try relationships(of: workbookPart)
        for s in wb.sheets {
            let rel = rels.first { $0.id == s.relationshipId && !$0.external }
            var kind = Sheet.Kind.other
            if let rel {
                if NS.type(rel.type, is: "worksheet") { kind = .worksheet }
                else if NS.type(rel.type, is: "chartsheet") { kind = .chartsheet }
            }
            sheets.append(Sheet(name: s.name, state: Sheet.State(rawValue: s.state) ?? .visible, kind: kind,
                                part: rel.map { PartPath.resolve($0.target, from: workbookPart) }))
        }
        if let r = rels.first(where: { NS.type($0.type, is: "sharedStrings") && !$0.external }) {
            sharedStringsPart = PartPath.resolve(r.target, from: workbookPart)
        }
        if let r = rels.first(where: { NS.type($0.type, is: "styles") && !$0.external }) {
            stylesPart = PartPath.resolve(r.target, from: workbookPart)
        }
    }

    /// The error `error.<key>.*` of the catalog, at this file (`{file}`: its path).
    private func fault(_ code: ErrorCode, key: String, _ args: [String: any CustomStringConvertible] = [:]) -> TieoutError {
        TieoutError(code: code, key: key, args.merging(["file": path]) { a, _ in a }, location: SourceLocation(file: path))
    }

    /// The workbook part, from the package relationships.
    private func officeDocument() throws(TieoutError) -> String {
        let rels = try relationships(of: "")
        guard let r = rels.first(where: { NS.type($0.type, is: "officeDocument") && !$0.external }) else {
            throw fault("xlsx.no-workbook", key: "xlsx.no-workbook")
        }
        return PartPath.resolve(r.target, from: "")
    }

    /// The relationships of `part` ("" for the package).
    func relationships(of part: String) throws(TieoutError) -> [Relationship] {
        let relsPart = part.isEmpty ? "_rels/.rels" : PartPath.relsPath(of: part)
        guard zip.entry(named: relsPart) != nil else {
            if part.isEmpty {
                throw fault("xlsx.no-workbook", key: "xlsx.no-rels")
            }
            return []
        }
        let h = RelationshipsHandler()
        try parse(part: relsPart, with: h)
        return h.relationships
    }

    /// Parts larger than this are inflated on a second thread while they are parsed.
    static let readAheadBytes: Int64 = 1 << 20

    func parse(part: String, with handler: XMLEventHandler, configure: (XMLPushParser) -> Void = { _ in }) throws(TieoutError) {
        guard let entry = zip.entry(named: part) else {
            throw fault("xlsx.missing-part", key: "xlsx.missing-part", ["part": part])
        }
        let parser = XMLPushParser(handler: handler, file: path, part: entry.name)
        configure(parser)
        if entry.uncompressedSize > Self.readAheadBytes {
            try zip.readAhead(entry) { (chunk: UnsafeBufferPointer<UInt8>) throws(TieoutError) in try parser.feed(chunk) }
        } else {
            try zip.read(entry) { (chunk: UnsafeBufferPointer<UInt8>) throws(TieoutError) in try parser.feed(chunk) }
        }
        try parser.finish()
    }

    func loadStylesAndStrings() throws(TieoutError) {
        if formats == nil {
            if let stylesPart, zip.entry(named: stylesPart) != nil {
                let h = StylesHandler()
                try parse(part: stylesPart, with: h)
                formats = h.formats()
            } else {
                formats = []
            }
        }
        if sharedStrings == nil, let part = sharedStringsPart, zip.entry(named: part) != nil {
            let h = SharedStringsHandler(limits: limits, file: path)
            try parse(part: part, with: h) { h.parser = $0 }
            sharedStrings = h.table
        }
    }

    /// What reading a sheet found besides its rows.
    public struct SheetReport: Sendable {
        public var dimension: String?
        public var mergedRanges: [String]
        /// Cells with a formula but no cached value (their value is unknown).
        public var formulasWithoutValue: [String]
        public var cells: Int64
        /// Cells written twice (e.g. `B3`): the later value was read, as Excel reads it.
        public var duplicateCells: [String] = []
        /// False when the reader cannot see merged ranges (a .xls through FreeXL): `mergedRanges` is then unknown, not none.
        public var mergedRangesKnown = true
    }

    /// Streams the rows of sheet `index` (0-based) to `body`.
    @discardableResult
    public func readRows(of index: Int, _ body: @escaping (XLSXRow) throws(TieoutError) -> Void) throws(TieoutError) -> SheetReport {
        precondition(index >= 0 && index < sheets.count, "sheet index out of range")
        let sheet = sheets[index]
        guard sheet.kind == .worksheet, let part = sheet.part else {
            throw fault("xlsx.not-worksheet", key: "xlsx.not-worksheet", ["sheet": sheet.name, "kind": sheet.kind.rawValue])
        }
        try loadStylesAndStrings()
        // A large sheet, with cores to spare: parsed in pieces at once (the same rows, in order).
        if let entry = zip.entry(named: part), entry.uncompressedSize > Self.piecesFrom, Self.cores > 1 {
            return try readRowsInPieces(entry, sheet: sheet.name, body)
        }
        let h = SheetHandler(file: path, sheet: sheet.name, sharedStrings: sharedStrings, formats: formats ?? [],
                             limits: limits, packageBytes: zip.fileSize, onRow: body)
        try parse(part: part, with: h) { h.parser = $0 }
        return SheetReport(dimension: h.dimension, mergedRanges: h.mergedRanges,
                           formulasWithoutValue: h.formulasWithoutValue, cells: h.cellCount, duplicateCells: h.duplicateCells)
    }
}
