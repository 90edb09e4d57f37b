/// Reads xl/workbook.xml: the sheets in order, with their names, states and
/// relationship ids, and the date system.
final class WorkbookHandler: XMLEventHandler {
    struct SheetEntry {
        var name: String
        var relationshipId: String
        var state: String
    }

    var sheets: [SheetEntry] = []
    var date1904 = false
    /// The root element's namespace, and `sheet` elements in a namespace Tieout does not read:
    /// why a workbook lists no sheets.
    private(set) var rootNamespace: String?
    private(set) var foreignSheets = 0

    func startElement(uri: XMLName, local: XMLName, attributes: XMLAttributes) {
        if rootNamespace == nil { rootNamespace = uri.string ?? "" }
        guard NS.isMain(uri) else {
            if local == "sheet" { foreignSheets += 1 }
            return
        }
        if local == "sheet" {
            var rid = ""
            // r:id is in the relationships namespace (Transitional or Strict).
            for i in 0..<attributes.count {
                guard let raw = attributes.raw else { break }
                let base = i * 5
                if XMLName(pointer: raw[base]) == "id", NS.isRelationships(XMLName(pointer: raw[base + 2])),
                   let s = raw[base + 3], let e = raw[base + 4] {
                    rid = String(decoding: UnsafeBufferPointer(start: s, count: e - s), as: UTF8.self)
                }
            }
            sheets.append(SheetEntry(name: attributes.string("name") ?? "", relationshipId: rid,
                                     state: attributes.string("state") ?? "visible"))
        } else if local == "workbookPr" {
            let v = attributes.string("date1904")
            date1904 = v == "1" || v == "true"
        }
    }

    func endElement(uri: XMLName, local: XMLName) {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}
