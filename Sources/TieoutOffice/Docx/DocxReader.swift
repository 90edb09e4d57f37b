import TieoutCore
import TieoutXLSX

/// Reads a Word document (`.docx`, WordprocessingML) with the project's zip reader and
/// libxml2's push parser: the main document part (found through `_rels/.rels`) streamed
/// into blocks, with the heading levels of its styles part.
struct DocxReader {
    let path: String
    let limits: DocumentLimits

    init(path: String, limits: DocumentLimits) {
        self.path = path
        self.limits = limits
    }

    func read() throws(TieoutError) -> ReportDocument {
        let zip = try open()
        let main = try mainPart(zip)
        guard let entry = zip.entry(named: main) else {
            if zip.entry(named: "xl/workbook.xml") != nil {
                throw fault("document.not-docx", key: "document.workbook")
            }
            throw fault("document.not-docx", key: "document.no-main-part", ["part": main])
        }
        let styles = try headingStyles(zip, main: main)
        let handler = DocxHandler(file: path, part: main, headingStyles: styles, limits: limits)
        let parser = XMLPushParser(handler: handler, file: path, part: main)
        handler.parser = parser
        try zip.read(entry) { (chunk: UnsafeBufferPointer<UInt8>) throws(TieoutError) in try parser.feed(chunk) }
        try parser.finish()
        if let failure = handler.failure { throw failure }
        return ReportDocument(file: path, blocks: handler.blocks)
    }

    /// The error `error.<key>.*` of the catalog, at this file (`{file}`: its path).
    private func fault(_ code: ErrorCode, key: String, _ args: [String: any CustomStringConvertible] = [:]) -> TieoutError {
        TieoutError(code: code, key: key, args.merging(["file": path]) { a, _ in a }, location: SourceLocation(file: path))
    }

    /// The zip archive; a file that is not one is named as a report, not as a workbook.
    func open() throws(TieoutError) -> ZipArchive {
        do {
            return try ZipArchive(path: path, limits: limits.zip)
        } catch {
            switch error.code.rawValue {
            case "xlsx.not-zip":
                throw fault("document.not-docx", key: "document.not-zip")
            case "xlsx.legacy-xls":
                throw fault("document.legacy", key: "document.binary-doc")
            case "xlsx.encrypted":
                throw fault("document.encrypted", key: "document.encrypted")
            default: throw error
            }
        }
    }

    /// The main document part: the package's officeDocument relationship, else word/document.xml.
    func mainPart(_ zip: ZipArchive) throws(TieoutError) -> String {
        guard let rels = zip.entry(named: "_rels/.rels") else { return "word/document.xml" }
        let h = RelationshipsHandler()
        try parse(zip, rels, part: "_rels/.rels", handler: h)
        let r = h.relationships.first { $0.type.hasSuffix("/officeDocument") && !$0.external }
        // Package relationships resolve from the package root.
        return r.map { PartPath.resolve($0.target, from: "") } ?? "word/document.xml"
    }

    /// Style id → heading level (1 = top), from the styles part: a style named `heading N`
    /// (any case: Word, WPS and LibreOffice name them so whatever the language of the ids,
    /// which Chinese Word writes as `1`, `2` …), or one with an outline level.
    private func headingStyles(_ zip: ZipArchive, main: String) throws(TieoutError) -> [String: Int] {
        var part = "word/styles.xml"
        if let rels = zip.entry(named: PartPath.relsPath(of: main)) {
            let h = RelationshipsHandler()
            try parse(zip, rels, part: PartPath.relsPath(of: main), handler: h)
            if let r = h.relationships.first(where: { $0.type.hasSuffix("/styles") && !$0.external }) {
                part = PartPath.resolve(r.target, from: main)
            }
        }
        guard let entry = zip.entry(named: part) else { return [:] }
        let h = StylesPartHandler()
        try parse(zip, entry, part: part, handler: h)
        return h.levels
    }

    private func parse(_ zip: ZipArchive, _ entry: ZipArchive.Entry, part: String, handler: XMLEventHandler) throws(TieoutError) {
        let parser = XMLPushParser(handler: handler, file: path, part: part)
        try zip.read(entry) { (chunk: UnsafeBufferPointer<UInt8>) throws(TieoutError) in try parser.feed(chunk) }
        try parser.finish()
    }
}

/// The namespace of WordprocessingML, Transitional and Strict.
enum WordNS {
    static func isMain(_ uri: XMLName) -> Bool {
        uri == "http://schemas.openxmlformats.org/wordprocessingml/2006/main" || uri == "http://purl.oclc.org/ooxml/wordprocessingml/main"
    }

    static func isMarkupCompatibility(_ uri: XMLName) -> Bool {
        uri == "http://schemas.openxmlformats.org/markup-compatibility/2006"
    }
}

/// `w:style` elements: which paragraph styles are headings, and at what level.
final class StylesPartHandler: XMLEventHandler {
    var levels: [String: Int] = [:]
    private var id: String?
    private var name: String?
    private var outline: Int?

    func startElement(uri: XMLName, local: XMLName, attributes: XMLAttributes) {
        guard WordNS.isMain(uri) else { return }
        if local == "style" {
            id = attributes.string("type") == "paragraph" ? attributes.string("styleId") : nil
            name = nil
            outline = nil
        } else if local == "name", id != nil {
            name = attributes.string("val")
        } else if local == "outlineLvl", id != nil {
            outline = attributes.string("val").flatMap { Int($0) }
        }
    }

    func endElement(uri: XMLName, local: XMLName) {
        guard WordNS.isMain(uri), local == "style", let id else { return }
        let n = (name ?? "").lowercased()
        if n.hasPrefix("heading "), let level = Int(n.dropFirst(8)), (1...9).contains(level) {
            levels[id] = level
        } else if let outline, (0...8).contains(outline) {
            levels[id] = outline + 1
        }
        self.id = nil
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}
