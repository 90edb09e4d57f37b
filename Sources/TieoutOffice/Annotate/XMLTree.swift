#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2
import TieoutCore

/// libxml2's tree API, as the annotator uses it: parsing a part, names and text of
/// elements, new elements in an element's namespace, and writing the part back.
enum XMLTree {
    static let wordMain = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let wordStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"

    /// Parses a part; no network, no entity substitution.
    static func parse(_ bytes: [UInt8], file: String, part: String) throws(TieoutError) -> xmlDocPtr {
        // libxml2's default limits stay on: 256 levels deep (the walks over the tree recurse), 10 MB a text node.
        let options = Int32(XML_PARSE_NONET.rawValue)
        let doc = bytes.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { xmlReadMemory($0, Int32(b.count), part, nil, options) }
        }
        guard let doc else {
            // libxml2's own message as it wrote it; else ours.
            let message: any CustomStringConvertible = xmlGetLastError().map { String(cString: $0.pointee.message).trimmingBlanks() } ?? Phrase("error.document.not-well-formed")
            throw TieoutError(code: "document.xml", ["part": part, "file": file, "message": message], location: SourceLocation(file: file))
        }
        return doc
    }

    /// The document's bytes (UTF-8, with its XML declaration).
    static func dump(_ doc: xmlDocPtr) -> [UInt8] {
        var mem: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8")
        guard let mem else { return [] }
        defer { free(mem) }
        return Array(UnsafeBufferPointer(start: mem, count: Int(size)))
    }

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    static func href(_ node: xmlNodePtr) -> String? {
        node.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    static func isWord(_ node: xmlNodePtr) -> Bool {
        let h = href(node)
        return h == wordMain || h == wordStrict
    }

    static func isWord(_ node: xmlNodePtr, _ local: String) -> Bool {
        node.pointee.type == XML_ELEMENT_NODE && isWord(node) && name(node) == local
    }

    static func isMarkupCompatibility(_ node: xmlNodePtr) -> Bool {
        href(node) == "http://schemas.openxmlformats.org/markup-compatibility/2006"
    }

    /// The text of an element (its descendants' text joined).
    static func content(_ node: xmlNodePtr) -> String {
        guard let c = xmlNodeGetContent(node) else { return "" }
        defer { free(c) }
        return String(cString: c)
    }

    /// Replaces an element's children with one text node (taken as is, not parsed for entities).
    static func setText(_ node: xmlNodePtr, _ text: String) {
        // Characters XML 1.0 cannot hold (control characters from a ledger's text) would make
        // the part unreadable to Word: they are left out.
        let text = text.unicodeScalars.allSatisfy(isXMLChar) ? text : String(String.UnicodeScalarView(text.unicodeScalars.filter(isXMLChar)))
        while let c = node.pointee.children {
            xmlUnlinkNode(c)
            xmlFreeNode(c)
        }
        xmlAddChild(node, xmlNewDocText(node.pointee.doc, text))
        if text.first == " " || text.last == " " || text.contains("  ") { xmlNodeSetSpacePreserve(node, 1) }
    }

    static func isXMLChar(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
    }

    /// A new element `local` in `ns` (not yet in the tree).
    static func element(_ doc: xmlDocPtr?, _ ns: xmlNsPtr?, _ local: String) -> xmlNodePtr {
        xmlNewDocNode(doc, ns, local, nil)
    }

    static func set(_ node: xmlNodePtr, _ ns: xmlNsPtr?, _ local: String, _ value: String) {
        xmlSetNsProp(node, ns, local, value)
    }

    /// The element children of `node` named `local` in its own namespace family.
    static func children(_ node: xmlNodePtr, _ local: String) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var c = node.pointee.children
        while let n = c {
            c = n.pointee.next
            if n.pointee.type == XML_ELEMENT_NODE && name(n) == local { out.append(n) }
        }
        return out
    }

    static func attribute(_ node: xmlNodePtr, _ local: String) -> String? {
        guard let v = xmlGetProp(node, local) else { return nil }
        defer { free(v) }
        return String(cString: v)
    }
}
