import CLibXML2
import TieoutCore

/// What the streaming XML parser reports. Names arrive as the namespace URI and
/// local name (prefixes are ignored: elements are matched by URI and local name).
package protocol XMLEventHandler: AnyObject {
    func startElement(uri: XMLName, local: XMLName, attributes: XMLAttributes)
    func endElement(uri: XMLName, local: XMLName)
    func characters(_ text: UnsafeBufferPointer<UInt8>)
}

/// A NUL-terminated UTF-8 name from libxml2, compared without making a String.
package struct XMLName {
    package let pointer: UnsafePointer<UInt8>?

    package static func == (name: XMLName, literal: StaticString) -> Bool {
        guard let p = name.pointer else { return false }
        let l = literal.utf8Start
        var i = 0
        while i < literal.utf8CodeUnitCount {
            if p[i] != l[i] { return false }
            i += 1
        }
        return p[i] == 0
    }

    /// The name as a String (for messages); nil for none.
    package var string: String? { pointer.map { String(cString: $0) } }
}

/// The attributes of a start tag: (local name, prefix, URI, value start, value end) quintuples.
package struct XMLAttributes {
    let count: Int
    let raw: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// The value of the attribute with this local name (any namespace, or exactly `uri`).
    package func value(_ local: StaticString, uri: StaticString? = nil) -> UnsafeBufferPointer<UInt8>? {
        guard let raw else { return nil }
        for i in 0..<count {
            let base = i * 5
            guard XMLName(pointer: raw[base]) == local else { continue }
            if let uri, !(XMLName(pointer: raw[base + 2]) == uri) { continue }
            guard let start = raw[base + 3], let end = raw[base + 4] else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The attribute's value as a String, as XML means it: libxml2 decodes entities and
    /// character references in attribute values except `&` (`&amp;`, `&#38;`), which it leaves
    /// as `&#38;` when entities are not substituted (they never are here); that one is decoded
    /// here. (A sheet named `5&4`, stored `5&amp;4`, was listed as `5&#38;4`.)
    package func string(_ local: StaticString, uri: StaticString? = nil) -> String? {
        value(local, uri: uri).map { XMLAttributes.decode($0) }
    }

    static func decode(_ v: UnsafeBufferPointer<UInt8>) -> String {
        guard v.contains(UInt8(ascii: "&")) else { return String(decoding: v, as: UTF8.self) }
        let amp: [UInt8] = Array("&#38;".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(v.count)
        var i = 0
        while i < v.count {
            if v[i] == UInt8(ascii: "&") && i + amp.count <= v.count && v[i..<i + amp.count].elementsEqual(amp) {
                out.append(UInt8(ascii: "&"))
                i += amp.count
            } else {
                out.append(v[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// libxml2's SAX2 push parser, fed chunk by chunk from the zip stream, set up
/// safely: no network, no DTD loading, no entity substitution, a DTD stops
/// the parse (OPC forbids them), external entities are never loaded.
package final class XMLPushParser {
    private var context: xmlParserCtxtPtr?
    private var sax = xmlSAXHandler()
    // Not weak: a weak reference would send every retain through the slow side-table path.
    // The handler outlives the parse (XLSXWorkbook.parse holds both).
    private unowned(unsafe) let handler: XMLEventHandler
    /// For error messages: the file and the part.
    let file: String
    let part: String
    private(set) var failure: TieoutError?

    package init(handler: XMLEventHandler, file: String, part: String) {
        XMLPushParser.setUpLibrary
        self.handler = handler
        self.file = file
        self.part = part
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        // The hot callbacks borrow the parser without retaining it (the parse holds it).
        sax.startElementNs = { ctx, local, _, uri, _, _, nbAttributes, _, attributes in
            guard let ctx else { return }
            Unmanaged<XMLPushParser>.fromOpaque(ctx)._withUnsafeGuaranteedRef { me in
                me.handler.startElement(uri: XMLName(pointer: uri), local: XMLName(pointer: local),
                                        attributes: XMLAttributes(count: Int(nbAttributes), raw: attributes))
            }
        }
        sax.endElementNs = { ctx, local, _, uri in
            guard let ctx else { return }
            Unmanaged<XMLPushParser>.fromOpaque(ctx)._withUnsafeGuaranteedRef { me in
                me.handler.endElement(uri: XMLName(pointer: uri), local: XMLName(pointer: local))
            }
        }
        sax.characters = { ctx, text, length in
            guard let ctx, let text else { return }
            Unmanaged<XMLPushParser>.fromOpaque(ctx)._withUnsafeGuaranteedRef { me in
                me.handler.characters(UnsafeBufferPointer(start: text, count: Int(length)))
            }
        }
        sax.cdataBlock = sax.characters
        sax.internalSubset = { ctx, _, _, _ in
            guard let me = XMLPushParser.from(ctx) else { return }
            me.fail(TieoutError(code: "xlsx.dtd", ["part": me.part, "file": me.file], location: SourceLocation(file: me.file, sheet: nil)))
        }
        sax.serror = { ctx, error in
            guard let error, let me = XMLPushParser.from(ctx) else { return }
            if error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue {
                let message = error.pointee.message.map { String(cString: $0) }?.trimmingTrailingNewlines() ?? "malformed XML"
                me.fail(TieoutError(code: "xlsx.xml", ["part": me.part, "file": me.file, "line": error.pointee.line, "message": message],
                                    location: SourceLocation(file: me.file, line: Int(error.pointee.line))))
            }
        }
        let me = Unmanaged.passUnretained(self).toOpaque()
        context = xmlCreatePushParserCtxt(&sax, nil, nil, 0, part)
        if let context {
            // Options: no network; never NOENT, DTDLOAD, HUGE or XINCLUDE.
            xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
            context.pointee.userData = me
        }
    }

    deinit {
        if let context {
            if let doc = context.pointee.myDoc { xmlFreeDoc(doc) }
            xmlFreeParserCtxt(context)
        }
    }

    /// Process-wide set-up, once: no stderr noise, no external entities.
    private static let setUpLibrary: Void = {
        xmlInitParser()
        xmlSetGenericErrorFunc(nil, nil)
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    /// Every SAX callback, serror included, receives the context's userData: this object.
    private static func from(_ ctx: UnsafeMutableRawPointer?) -> XMLPushParser? {
        guard let ctx else { return nil }
        return Unmanaged<XMLPushParser>.fromOpaque(ctx).takeUnretainedValue()
    }

    private func fail(_ error: TieoutError) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    /// Stops parsing with an error raised by the handler (a limit, a bad cell).
    package func stop(_ error: TieoutError) { fail(error) }

    package func feed(_ chunk: UnsafeBufferPointer<UInt8>) throws(TieoutError) {
        if let failure { throw failure }
        guard let context else {
            throw TieoutError(code: "xlsx.xml", key: "xlsx.xml-parser", ["part": part])
        }
        var offset = 0
        // xmlParseChunk takes an Int32 length.
        while offset < chunk.count {
            let n = min(chunk.count - offset, 1 << 30)
            let rc = chunk.baseAddress!.withMemoryRebound(to: CChar.self, capacity: chunk.count) { p in
                xmlParseChunk(context, p + offset, Int32(n), 0)
            }
            if let failure { throw failure }
            if rc != 0 { throw genericFailure(rc) }
            offset += n
        }
    }

    package func finish() throws(TieoutError) {
        if let failure { throw failure }
        guard let context else { return }
        let rc = xmlParseChunk(context, nil, 0, 1)
        if let failure { throw failure }
        if rc != 0 { throw genericFailure(rc) }
    }

    private func genericFailure(_ code: Int32) -> TieoutError {
        TieoutError(code: "xlsx.xml", key: "xlsx.xml-code", ["part": part, "file": file, "code": code], location: SourceLocation(file: file))
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.last == "\n" || s.last == "\r" { s.removeLast() }
        return s
    }
}
