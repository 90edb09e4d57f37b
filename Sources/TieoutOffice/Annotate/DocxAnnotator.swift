#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2
import TieoutCore
import TieoutXLSX

/// The user's own .docx, marked up: each mark's figure shaded in its colour (the run that
/// holds it split, so only the figure is, each piece keeping the run's formatting) and a
/// Word comment on it. The main document part is edited with libxml2's tree API; the
/// comments go into the comments part (the document's own, when it has one, else a new
/// `comments.xml` with its relationship and content type); every other part is copied as
/// it is (libzip copies its compressed bytes).
///
/// ```swift
/// let copy = try DocxAnnotator(date: "2026-12-07T03:00:00Z").annotate("自评报告.docx", marks)
/// ```
public struct DocxAnnotator: Sendable {
    public var author: String
    public var initials: String
    /// The comments' date (ISO 8601); none when nil.
    public var date: String?
    public var limits: DocumentLimits

    public init(author: String = "Tieout", initials: String = "T", date: String? = nil, limits: DocumentLimits = DocumentLimits()) {
        self.author = author
        self.initials = initials
        self.date = date
        self.limits = limits
    }

    static let commentsType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
    static let commentsTypeStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships/comments"
    static let commentsContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"

    public func annotate(_ path: String, _ marks: [DocxAnnotation]) throws(TieoutError) -> AnnotatedDocx {
        let reader = DocxReader(path: path, limits: limits)
        let zip = try reader.open()
        let main = try reader.mainPart(zip)
        guard let mainEntry = zip.entry(named: main) else {
            throw TieoutError(code: "document.not-docx", key: "document.no-main-part", ["file": path, "part": main], location: SourceLocation(file: path))
        }
        let doc = try XMLTree.parse(try bytes(zip, mainEntry), file: path, part: main)
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc), let body = XMLTree.children(root, "body").first, XMLTree.isWord(body) else {
            throw TieoutError(code: "document.not-docx", key: "document.no-body", ["file": path, "part": main], location: SourceLocation(file: path))
        }
        let strict = XMLTree.href(body) == XMLTree.wordStrict

        // The comments part: the document's own, or a new one.
        let relsName = PartPath.relsPath(of: main)
        let relsEntry = zip.entry(named: relsName)
        let rels = try XMLTree.parse(try relsEntry.map { e throws(TieoutError) in try bytes(zip, e) }
            ?? Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>".utf8), file: path, part: relsName)
        defer { xmlFreeDoc(rels) }
        let relsRoot = xmlDocGetRootElement(rels)!
        var commentsPart: String
        var newPart = false
        if let r = XMLTree.children(relsRoot, "Relationship").first(where: { XMLTree.attribute($0, "Type").map { $0.hasSuffix("/comments") } ?? false }),
           let target = XMLTree.attribute(r, "Target"), XMLTree.attribute(r, "TargetMode") != "External" {
            commentsPart = PartPath.resolve(target, from: main)
        } else {
            let folder = main.split(separator: "/").dropLast().joined(separator: "/")
            var name = "comments.xml"
            if zip.entry(named: (folder.isEmpty ? "" : folder + "/") + name) != nil { name = "tieout-comments.xml" }
            commentsPart = (folder.isEmpty ? "" : folder + "/") + name
            newPart = true
            let ids = Set(XMLTree.children(relsRoot, "Relationship").compactMap { XMLTree.attribute($0, "Id") })
            var id = "rIdTieoutComments", n = 1
            while ids.contains(id) { n += 1; id = "rIdTieoutComments\(n)" }
            let rel = XMLTree.element(rels, relsRoot.pointee.ns, "Relationship")
            XMLTree.set(rel, nil, "Id", id)
            XMLTree.set(rel, nil, "Type", strict ? Self.commentsTypeStrict : Self.commentsType)
            XMLTree.set(rel, nil, "Target", name)
            xmlAddChild(relsRoot, rel)
        }
        let commentsEntry = newPart ? nil : zip.entry(named: commentsPart)
        if !newPart && commentsEntry == nil { newPart = true }
        let wordNS = strict ? XMLTree.wordStrict : XMLTree.wordMain
        let comments = try XMLTree.parse(try commentsEntry.map { e throws(TieoutError) in try bytes(zip, e) }
            ?? Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:comments xmlns:w=\"\(wordNS)\"/>".utf8), file: path, part: commentsPart)
        defer { xmlFreeDoc(comments) }

        // The marks, placed.
        var editor = DocumentEditor(body: body, firstID: max(Self.maxID(root), Self.maxID(xmlDocGetRootElement(comments)!)) + 1)
        let result = editor.mark(marks)
        let commentsRoot = xmlDocGetRootElement(comments)!
        for (id, mark) in result.comments { addComment(commentsRoot, id: id, mark.comment) }

        var replaced: [(name: String, bytes: [UInt8])] = [
            (mainEntry.name, XMLTree.dump(doc)),
            (commentsEntry?.name ?? commentsPart, XMLTree.dump(comments)),
        ]
        if newPart {
            replaced.append((relsEntry?.name ?? relsName, XMLTree.dump(rels)))
            if let ct = zip.entry(named: "[Content_Types].xml") {
                let types = try XMLTree.parse(try bytes(zip, ct), file: path, part: ct.name)
                defer { xmlFreeDoc(types) }
                let typesRoot = xmlDocGetRootElement(types)!
                let partName = "/" + commentsPart
                if !XMLTree.children(typesRoot, "Override").contains(where: { XMLTree.attribute($0, "PartName")?.lowercased() == partName.lowercased() }) {
                    let o = XMLTree.element(types, typesRoot.pointee.ns, "Override")
                    XMLTree.set(o, nil, "PartName", partName)
                    XMLTree.set(o, nil, "ContentType", Self.commentsContentType)
                    xmlAddChild(typesRoot, o)
                }
                replaced.append((ct.name, XMLTree.dump(types)))
            }
        }
        let out = try ZipRewriter.rewrite(path, replacing: replaced)
        return AnnotatedDocx(bytes: out, placed: marks.count - result.unplaced.count, unplaced: result.unplaced.map { marks[$0] })
    }

    private func bytes(_ zip: ZipArchive, _ entry: ZipArchive.Entry) throws(TieoutError) -> [UInt8] {
        var out: [UInt8] = []
        try zip.read(entry) { (chunk: UnsafeBufferPointer<UInt8>) throws(TieoutError) in out.append(contentsOf: chunk) }
        return out
    }

    /// One `w:comment`: a paragraph per line.
    private func addComment(_ root: xmlNodePtr, id: Int, _ lines: [String]) {
        let ns = root.pointee.ns
        let c = XMLTree.element(root.pointee.doc, ns, "comment")
        XMLTree.set(c, ns, "id", String(id))
        XMLTree.set(c, ns, "author", author)
        if let date { XMLTree.set(c, ns, "date", date) }
        XMLTree.set(c, ns, "initials", initials)
        for line in lines.isEmpty ? [""] : lines {
            let p = XMLTree.element(root.pointee.doc, ns, "p")
            let r = XMLTree.element(root.pointee.doc, ns, "r")
            let t = XMLTree.element(root.pointee.doc, ns, "t")
            XMLTree.setText(t, line)
            xmlAddChild(r, t)
            xmlAddChild(p, r)
            xmlAddChild(c, p)
        }
        xmlAddChild(root, c)
    }

    /// The largest `w:id` of the comments and comment marks under `node` (-1 for none).
    static func maxID(_ node: xmlNodePtr) -> Int {
        var best = -1
        var stack: [xmlNodePtr] = [node]
        while let n = stack.popLast() {
            if n.pointee.type == XML_ELEMENT_NODE {
                let name = XMLTree.name(n)
                if name == "comment" || name.hasPrefix("commentRange") || name == "commentReference", let v = XMLTree.attribute(n, "id").flatMap({ Int($0) }) {
                    best = max(best, v)
                }
            }
            var c = n.pointee.children
            while let k = c { if k.pointee.type == XML_ELEMENT_NODE { stack.append(k) }; c = k.pointee.next }
        }
        return best
    }
}
