import Foundation
import Testing
import TieoutCore
import TieoutTestSupport
@testable import TieoutXLSX

/// A sheet read in pieces at once gives what one parser gives, row for row: the splitter is
/// checked against one parser reading the whole XML, then the threaded reader against the
/// one-parser reader on every workbook of the corpus.
@Suite("A sheet in pieces")
struct PiecesTests {
    static func describe(_ row: XLSXRow) -> String { SheetPieces.describe(row) }
    static func whole(_ xml: [UInt8]) -> SheetPieces.Reading { xml.withUnsafeBufferPointer { SheetPieces.whole($0) } }
    static func pieces(_ xml: [UInt8], target: Int, feed: Int) -> SheetPieces.Reading {
        xml.withUnsafeBufferPointer { SheetPieces.pieces($0, target: target, feed: feed) }
    }

    static let head = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#

    static func sheet(_ rows: String, root: String = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
                      close: String = "</worksheet>", data: String = "sheetData") -> [UInt8] {
        Array((head + "\n" + root + #"<dimension ref="A1:C9"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>"#
               + "<\(data)>" + rows + "</\(data)>" + #"<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>"# + close).utf8)
    }

    /// Rows 2, 4, … 2n (past `from`: 2(from+1), …), in order (rows out of order are an error).
    static func rows(_ n: Int, r: Bool = true, from: Int = 0) -> String {
        (from + 1...from + n).map { i in
            (r ? #"<row r="\#(i * 2)">"# : "<row>") + #"<c r="A\#(i * 2)" t="inlineStr"><is><t>行 \#(i) &amp; "x" &gt; y</t></is></c><c r="B\#(i * 2)"><v>\#(i).25</v></c></row>"#
        }.joined(separator: "\n")
    }

    @Test("the splitter against one parser: shapes that cut cleanly, at every piece size and every feed size")
    func shapes() {
        let cases: [(String, [UInt8], Bool)] = [
            ("plain", Self.sheet(Self.rows(40)), true),
            ("rows without r (numbers counted)", Self.sheet(Self.rows(40, r: false)), true),
            ("prefixed names", Array((Self.head + #"<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>"#
                + Self.rows(30).replacingOccurrences(of: "<", with: "<x:").replacingOccurrences(of: "<x:/", with: "</x:")
                + "</x:sheetData></x:worksheet>").utf8), true),
            ("comments, CDATA, a processing instruction and '>' in attributes between rows",
             Self.sheet(Self.rows(10) + "<!-- <row r=\"99\"> --><?pi </row> ?>" + #"<row r="30" spans="1:2" x14ac:dyDescent="0.25" xmlns:x14ac="urn:x" custom=">"><c r="A30" t="inlineStr"><is><t><![CDATA[</row><row r="77">]]></t></is></c></row>"# + Self.rows(10, from: 20)), true),
            ("rows whose r is not a number (counted on)", Self.sheet(Self.rows(10) + (0..<12).map { #"<row r="x\#($0)"><c><v>\#($0)</v></c></row><row r=""/>"# }.joined() + Self.rows(10, from: 30)), true),
            ("self-closing rows", Self.sheet(#"<row r="1"/><row r="2"><c r="A2"><v>1</v></c></row><row r="5"/>"# + Self.rows(20, from: 2)), true),
            ("an empty sheetData", Array((Self.head + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"#).utf8), true),
        ]
        for (name, xml, _) in cases {
            let reference = Self.whole(xml)
            #expect(reference.error == nil, "\(name): \(reference.error ?? "")")
            for target in [1, 37, 300, 5000, 1 << 20] {
                for feed in [1, 7, 64, 4096, xml.count] {
                    let got = Self.pieces(xml, target: target, feed: feed)
                    #expect(got.rows == reference.rows && got.error == nil && got.cells == reference.cells,
                            "\(name), pieces of \(target) fed \(feed) at a time: \(got.rows.count) rows, \(got.error ?? "")")
                }
            }
            // Small pieces really are pieces.
            if name == "plain" { #expect(Self.pieces(xml, target: 300, feed: 4096).documents > 10) }
        }
    }

    @Test("what the splitter cannot vouch for goes to one parser, with the same rows and the same errors")
    func handOver() {
        let cases: [(String, [UInt8])] = [
            ("an r written with an entity", Self.sheet(Self.rows(10) + #"<row r="&#51;1"><c r="A31"><v>1</v></c></row>"# + Self.rows(5, from: 20))),
            ("a row inside a cell", Self.sheet(Self.rows(10) + #"<row r="40"><c r="A40"><row r="41"><c r="B41"><v>2</v></c></row></c></row>"# + Self.rows(5, from: 30))),
            ("a row in another namespace", Self.sheet(Self.rows(10) + #"<row xmlns="urn:other" r="3"/>"# + Self.rows(5, from: 20))),
            ("a DTD", Array((Self.head + "<!DOCTYPE worksheet [<!ENTITY a \"b\">]>" + String(decoding: Self.sheet(Self.rows(3)), as: UTF8.self).dropFirst(Self.head.count)).utf8)),
            ("UTF-16", Array(Self.sheet(Self.rows(5)).map { [$0, 0] }.joined())),
            ("a declared Latin-1", Array(String(decoding: Self.sheet(Self.rows(5)), as: UTF8.self).replacingOccurrences(of: "UTF-8", with: "ISO-8859-1").utf8)),
            ("malformed in the middle", Self.sheet(Self.rows(20) + #"<row r="90"><c r="A90"><v>1</c></row>"# + Self.rows(5, from: 50))),
            ("an unknown cell type", Self.sheet(Self.rows(20) + #"<row r="90"><c r="A90" t="zz"><v>1</v></c></row>"# + Self.rows(5, from: 50))),
            ("cut off", Array(Self.sheet(Self.rows(30)).dropLast(200))),
            ("no sheetData", Array((Self.head + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/></worksheet>"#).utf8)),
        ]
        for (name, xml) in cases {
            let reference = Self.whole(xml)
            for target in [1, 300, 1 << 20] {
                for feed in [1, 50, xml.count] {
                    let got = Self.pieces(xml, target: target, feed: feed)
                    // The pieces stop where one parser stops; the threaded reader then reads again
                    // with one parser (tested below), so only rows delivered before must agree.
                    #expect(Array(reference.rows.prefix(got.rows.count)) == got.rows, "\(name), \(target)/\(feed)")
                    if reference.error == nil {
                        #expect(got.rows == reference.rows && got.error == nil, "\(name), \(target)/\(feed): \(got.error ?? "")")
                    } else {
                        #expect(got.error != nil, "\(name), \(target)/\(feed): no error where one parser has \(reference.error!)")
                    }
                }
            }
        }
    }

    /// Rows written in several elements, cells out of order or twice, rows out of order: the
    /// pieces agree with one parser, or stop (the threaded reader then reads again with one
    /// parser) having delivered only rows one parser delivers too.
    @Test("rows repeated, cells out of order, rows out of order: pieces agree with one parser or hand over to it")
    func disorder() {
        let perCell = (1...30).map { i in (1...3).map { c in #"<row r="\#(i)"><c r="\#(["A", "B", "C"][c - 1])\#(i)"><v>\#(i * 10 + c)</v></c></row>"# }.joined() }.joined()
        let cases: [(String, [UInt8], String?)] = [
            ("one row element per cell", Self.sheet(perCell), nil),
            ("cells out of order and twice", Self.sheet((1...30).map { #"<row r="\#($0)"><c r="C\#($0)"><v>3</v></c><c r="A\#($0)"><v>1</v></c><c r="C\#($0)"><v>4</v></c></row>"# }.joined()), nil),
            ("0-based rows whose cells say their row", Self.sheet((0..<30).map { #"<row r="\#($0)"><c r="A\#($0 + 1)"><v>\#($0)</v></c></row>"# }.joined()), nil),
            ("a row out of order", Self.sheet(Self.rows(20) + #"<row r="3"><c r="A3"><v>1</v></c></row>"# + Self.rows(5, from: 50)), "xlsx.row-order"),
        ]
        for (name, xml, error) in cases {
            let reference = Self.whole(xml)
            #expect(reference.error == error, "\(name): \(reference.error ?? "")")
            for target in [1, 37, 300, 1 << 20] {
                for feed in [1, 50, xml.count] {
                    let got = Self.pieces(xml, target: target, feed: feed)
                    #expect(Array(reference.rows.prefix(got.rows.count)) == got.rows, "\(name), \(target)/\(feed)")
                    if got.error == nil { #expect(got.rows == reference.rows && reference.error == nil, "\(name), \(target)/\(feed)") }
                }
            }
        }
        #expect(Self.whole(Self.sheet(perCell)).rows.prefix(2) == ["1:1/number//11|2/number//12|3/number//13", "2:1/number//21|2/number//22|3/number//23"])
        #expect(Self.whole(Self.sheet(perCell)).rows.count == 30)
        // The fuzz target's check accepts the hand-over, and only it.
        let xml = Self.sheet(perCell)
        #expect(xml.withUnsafeBufferPointer { SheetPieces.agree($0, target: 1, feed: 7) })
        #expect(Self.pieces(xml, target: 1, feed: 7).error == "xlsx.retry")
    }

    /// The sheet's rows through the workbook reader, one parser or in pieces of `pieceBytes`.
    static func read(_ path: String, sheet: Int, pieceBytes: Int?) -> (rows: [String], error: String?, report: String) {
        var rows: [String] = []
        do throws(TieoutError) {
            let book = try XLSXWorkbook(path: path)
            let r: XLSXWorkbook.SheetReport
            if let pieceBytes, let part = book.sheets[sheet].part, let entry = book.zip.entry(named: part) {
                try book.loadStylesAndStrings()
                r = try book.readRowsInPieces(entry, sheet: book.sheets[sheet].name, pieceBytes: pieceBytes) { rows.append(describe($0)) }
            } else {
                r = try book.readRows(of: sheet) { rows.append(describe($0)) }
            }
            return (rows, nil, "\(r.dimension ?? "-") \(r.mergedRanges) \(r.formulasWithoutValue) \(r.cells)")
        } catch {
            return (rows, "\(error.code.rawValue): \(error.what)", "")
        }
    }

    @Test("every worksheet of the corpus and the fixtures, in pieces of 1, 500 and 20,000 bytes on threads: the same rows, report and errors as one parser")
    func corpus() throws {
        var files = try FileManager.default.contentsOfDirectory(atPath: Corpus.root).filter { $0.hasSuffix(".xlsx") }.map { Corpus.path($0) }
        let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path
        files += try FileManager.default.contentsOfDirectory(atPath: fixtures).filter { $0.hasSuffix(".xlsx") }.map { fixtures + "/" + $0 }
        files += try FileManager.default.contentsOfDirectory(atPath: fixtures + "/fuzz").map { fixtures + "/fuzz/" + $0 }
        var sheets = 0
        for path in files.sorted() {
            guard let book = try? XLSXWorkbook(path: path) else { continue }
            for (i, s) in book.sheets.enumerated() where s.kind == .worksheet {
                sheets += 1
                let one = Self.read(path, sheet: i, pieceBytes: nil)
                for size in [1, 500, 20_000] {
                    let got = Self.read(path, sheet: i, pieceBytes: size)
                    #expect(got.rows == one.rows && got.error == one.error && got.report == one.report,
                            "\((path as NSString).lastPathComponent) sheet \(s.name), pieces of \(size): \(got.rows.count) rows against \(one.rows.count); \(got.error ?? "") / \(one.error ?? ""); \(got.report) / \(one.report)")
                }
            }
        }
        #expect(sheets > 40)
    }
}

@Suite("A large sheet through the workbook reader")
struct LargeSheetTests {
    @Test("a sheet over 4 MiB of XML is read in pieces by readRows, row for row as one parser reads its XML")
    func large() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-large-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // 60,000 rows of inline strings and numbers, three in seven without r, written with Python's zipfile.
        let script = """
        import sys, zipfile
        ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
        rows = []
        for i in range(1, 60001):
            r = '' if i % 7 < 3 else f' r="{i}"'
            rows.append(f'<row{r}><c t="inlineStr"><is><t>第 {i} 行 &amp; &lt;x&gt;</t></is></c><c><v>{i}.{i % 100:02d}</v></c><c t="b"><v>{i % 2}</v></c></row>')
        sheet = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}"><dimension ref="A1:C60000"/><sheetData>' + ''.join(rows) + '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>'
        with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
            z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>')
            z.writestr('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
            z.writestr('xl/workbook.xml', f'<?xml version="1.0"?><workbook xmlns="{ns}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
            z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
            z.writestr('xl/worksheets/sheet1.xml', sheet)
        open(sys.argv[2], 'w').write(sheet)
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", script, dir + "/large.xlsx", dir + "/sheet1.xml"]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let xml = try #require(FileManager.default.contents(atPath: dir + "/sheet1.xml"))
        #expect(Int64(xml.count) > XLSXWorkbook.piecesFrom)
        let one = [UInt8](xml).withUnsafeBufferPointer { SheetPieces.whole($0) }
        #expect(one.error == nil && one.rows.count == 60_000)

        let book = try XLSXWorkbook(path: dir + "/large.xlsx")
        var rows: [String] = []
        let report = try book.readRows(of: 0) { rows.append(SheetPieces.describe($0)) }
        #expect(rows == one.rows)
        #expect(rows[6] == "7:1/text//第 7 行 & <x>|2/number//7.07|3/boolean//1")
        #expect(report.dimension == "A1:C60000" && report.mergedRanges == ["A1:B1"] && report.cells == 180_000)
    }
}
