import Foundation

/// A zip archive of stored (uncompressed) entries, written by the test itself:
/// enough for workbooks made of raw XML.
public func storedZip(_ entries: [(name: String, data: [UInt8])]) -> [UInt8] {
    var out: [UInt8] = [], central: [UInt8] = []
    func u16(_ v: Int, _ b: inout [UInt8]) { b += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    func u32(_ v: UInt32, _ b: inout [UInt8]) { for s in stride(from: 0, to: 32, by: 8) { b.append(UInt8((v >> UInt32(s)) & 0xFF)) } }
    for (name, data) in entries {
        let n = Array(name.utf8), crc = crc32(data), offset = UInt32(out.count)
        u32(0x0403_4b50, &out); u16(20, &out); u16(0x0800, &out); u16(0, &out); u16(0, &out); u16(0x5821, &out)
        u32(crc, &out); u32(UInt32(data.count), &out); u32(UInt32(data.count), &out); u16(n.count, &out); u16(0, &out)
        out += n; out += data
        u32(0x0201_4b50, &central); u16(20, &central); u16(20, &central); u16(0x0800, &central); u16(0, &central); u16(0, &central); u16(0x5821, &central)
        u32(crc, &central); u32(UInt32(data.count), &central); u32(UInt32(data.count), &central); u16(n.count, &central)
        u16(0, &central); u16(0, &central); u16(0, &central); u16(0, &central); u32(0, &central); u32(offset, &central)
        central += n
    }
    let cdOffset = UInt32(out.count)
    out += central
    u32(0x0605_4b50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
    u32(UInt32(central.count), &out); u32(cdOffset, &out); u16(0, &out)
    return out
}

private func crc32(_ data: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for b in data {
        crc ^= UInt32(b)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}

/// A workbook made of raw XML, written to a fresh temporary file; returns its path.
/// `sheets`: each sheet's name as the workbook stores it (already escaped) and its
/// `<sheetData>` body. `styles`: the `<cellXfs>` and `<numFmts>` body of styles.xml, if any.
/// `workbook`: replaces the whole xl/workbook.xml. `main`: the SpreadsheetML namespace of every part.
public func madeWorkbook(sheets: [(name: String, rows: String)], sharedStrings: [String]? = nil, styles: String? = nil,
                         workbook: String? = nil, extra: [(name: String, text: String)] = [],
                         main: String = "http://schemas.openxmlformats.org/spreadsheetml/2006/main") throws -> String {
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    let pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    var overrides = #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
    var rels = "", list = ""
    var parts: [(name: String, data: [UInt8])] = []
    for (i, s) in sheets.enumerated() {
        overrides += #"<Override PartName="/xl/worksheets/sheet\#(i + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        rels += #"<Relationship Id="rId\#(i + 1)" Type="\#(rel)/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        list += #"<sheet name="\#(s.name)" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        parts.append(("xl/worksheets/sheet\(i + 1).xml", Array(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="\#(main)"><sheetData>\#(s.rows)</sheetData></worksheet>"#.utf8)))
    }
    if let sharedStrings {
        rels += #"<Relationship Id="rIdS" Type="\#(rel)/sharedStrings" Target="sharedStrings.xml"/>"#
        let items = sharedStrings.map { "<si><t>\($0)</t></si>" }.joined()
        parts.append(("xl/sharedStrings.xml", Array(#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="\#(main)" count="\#(sharedStrings.count)" uniqueCount="\#(sharedStrings.count)">\#(items)</sst>"#.utf8)))
    }
    if let styles {
        rels += #"<Relationship Id="rIdT" Type="\#(rel)/styles" Target="styles.xml"/>"#
        parts.append(("xl/styles.xml", Array(#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="\#(main)">\#(styles)</styleSheet>"#.utf8)))
    }
    let book = workbook ?? #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="\#(main)" xmlns:r="\#(rel)"><sheets>\#(list)</sheets></workbook>"#
    var entries: [(name: String, data: [UInt8])] = [
        ("[Content_Types].xml", Array(#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>\#(overrides)</Types>"#.utf8)),
        ("_rels/.rels", Array(#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="\#(pkg)"><Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.utf8)),
        ("xl/workbook.xml", Array(book.utf8)),
        ("xl/_rels/workbook.xml.rels", Array(#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="\#(pkg)">\#(rels)</Relationships>"#.utf8)),
    ]
    entries += parts
    entries += extra.map { ($0.name, Array($0.text.utf8)) }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-made-\(UUID().uuidString).xlsx").path
    try Data(storedZip(entries)).write(to: URL(fileURLWithPath: path))
    return path
}
