import TieoutCore

/// One relationship of an OPC part: `Id` → `Target` of a `Type`.
package struct Relationship {
    package var id: String
    package var type: String
    package var target: String
    package var external: Bool
}

/// Collects `<Relationship>` elements.
package final class RelationshipsHandler: XMLEventHandler {
    package init() {}
    package var relationships: [Relationship] = []

    package func startElement(uri: XMLName, local: XMLName, attributes: XMLAttributes) {
        guard local == "Relationship" else { return }
        relationships.append(Relationship(
            id: attributes.string("Id") ?? "",
            type: attributes.string("Type") ?? "",
            target: attributes.string("Target") ?? "",
            external: attributes.string("TargetMode") == "External"))
    }

    package func endElement(uri: XMLName, local: XMLName) {}
    package func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

package enum PartPath {
    /// The `.rels` part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels.
    package static func relsPath(of part: String) -> String {
        let p = normalize(part)
        if let slash = p.lastIndex(of: "/") {
            return String(p[..<slash]) + "/_rels/" + String(p[p.index(after: slash)...]) + ".rels"
        }
        return "_rels/" + p + ".rels"
    }

    /// A target resolved against the source part's folder; '/' targets from the root; '..' and '.' folded.
    package static func resolve(_ target: String, from source: String) -> String {
        let t = target.replacingBackslashes()
        var parts: [Substring]
        if t.hasPrefix("/") {
            parts = []
        } else {
            let s = normalize(source)
            parts = s.split(separator: "/", omittingEmptySubsequences: true)
            if !parts.isEmpty { parts.removeLast() }   // the source's file name
        }
        for seg in t.split(separator: "/", omittingEmptySubsequences: true) {
            if seg == "." { continue }
            if seg == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(seg)
        }
        return parts.joined(separator: "/")
    }

    static func normalize(_ path: String) -> String {
        var p = path.replacingBackslashes()
        while p.hasPrefix("/") { p.removeFirst() }
        return p
    }
}
