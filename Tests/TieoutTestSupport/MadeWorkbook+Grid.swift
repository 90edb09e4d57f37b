import Foundation

/// One sheet of a workbook written from a grid: rows of cell texts from A1 ("" leaves the
/// cell out; a text that reads as a number is a number cell, any other an inline string),
/// and the merged ranges (`C3:D3`) written after the cells, as Excel writes them.
public struct GridSheet: Sendable {
    public var name: String
    public var rows: [[String]]
    public var merged: [String]

    public init(_ name: String, _ rows: [[String]], merged: [String] = []) {
        self.name = name
        self.rows = rows
        self.merged = merged
    }

    /// The `<sheetData>` body.
    var sheetData: String {
        var out = ""
        for (r, row) in rows.enumerated() {
            out += "<row r=\"\(r + 1)\">"
            for (c, text) in row.enumerated() where !text.isEmpty {
                let ref = Self.letters(c + 1) + String(r + 1)
                if Double(text) != nil && !text.hasPrefix("0") || text == "0" {
                    out += "<c r=\"\(ref)\"><v>\(text)</v></c>"
                } else {
                    out += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(Self.escaped(text))</t></is></c>"
                }
            }
            out += "</row>"
        }
        return out
    }

    static func letters(_ column: Int) -> String {
        var n = column, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }

    static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// A workbook of grid sheets with merged cells, written to `path` (or a fresh temporary file); returns its path.
@discardableResult
public func madeGridWorkbook(_ sheets: [GridSheet], at path: String? = nil) throws -> String {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    let pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    var overrides = #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
    var rels = "", list = ""
    var parts: [(name: String, data: [UInt8])] = []
    for (i, s) in sheets.enumerated() {
        overrides += #"<Override PartName="/xl/worksheets/sheet\#(i + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        rels += #"<Relationship Id="rId\#(i + 1)" Type="\#(rel)/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        list += #"<sheet name="\#(GridSheet.escaped(s.name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        let merges = s.merged.isEmpty ? "" : "<mergeCells count=\"\(s.merged.count)\">" + s.merged.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
        parts.append(("xl/worksheets/sheet\(i + 1).xml",
                      Array(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="\#(main)"><sheetData>\#(s.sheetData)</sheetData>\#(merges)</worksheet>"#.utf8)))
    }
    let book = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="\#(main)" xmlns:r="\#(rel)"><sheets>\#(list)</sheets></workbook>"#
    var entries: [(name: String, data: [UInt8])] = [
        ("[Content_Types].xml", Array(#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>\#(overrides)</Types>"#.utf8)),
        ("_rels/.rels", Array(#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="\#(pkg)"><Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.utf8)),
        ("xl/workbook.xml", Array(book.utf8)),
        ("xl/_rels/workbook.xml.rels", Array(#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="\#(pkg)">\#(rels)</Relationships>"#.utf8)),
    ]
    entries += parts
    let out = path ?? FileManager.default.temporaryDirectory.appendingPathComponent("tieout-grid-\(UUID().uuidString).xlsx").path
    try Data(storedZip(entries)).write(to: URL(fileURLWithPath: out))
    return out
}
