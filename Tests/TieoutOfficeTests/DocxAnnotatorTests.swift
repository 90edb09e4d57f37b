import Foundation
import Testing
import TieoutCore
import TieoutTestSupport
@testable import TieoutOffice

/// The runs of a document part: each run's text, its shading fill (nil for none) and whether it is bold.
func runs(_ xml: String) -> [(text: String, fill: String?, bold: Bool)] {
    xml.matches(of: /<w:r(?: [^>]*)?>(.*?)<\/w:r>/).map { m in
        let inner = String(m.output.1)
        let text = inner.matches(of: /<w:t(?: [^>]*)?>([^<]*)<\/w:t>/).map { String($0.output.1) }.joined()
        let fill = inner.firstMatch(of: /<w:shd [^>]*w:fill="([0-9A-Fa-f]{6})"/).map { String($0.output.1) }
        return (text, fill, inner.contains("<w:b/>"))
    }
}

/// Writes bytes to a fresh temporary .docx.
func temporaryDocx(_ bytes: [UInt8]) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-copy-\(UUID().uuidString).docx").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite("Annotating a .docx")
struct DocxAnnotatorTests {
    static let contentTypes: (name: String, data: [UInt8]) = ("[Content_Types].xml", Array("""
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
    """.utf8))

    /// A bold paragraph whose first figure Word split across two runs, with a second figure inside a longer run.
    static let body = """
    <w:p><w:r><w:rPr><w:b/><w:sz w:val="28"/></w:rPr><w:t>年初预算2,9</w:t></w:r><w:r><w:rPr><w:b/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">35.01 万元，预算执行率为99.46%，较上年提高。</w:t></w:r></w:p>\
    <w:p><w:r><w:t>其中基本支出</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>983.40</w:t></w:r><w:r><w:t>万元；项目支出为零。</w:t></w:r></w:p>
    """

    @Test("only the figure is shaded: runs split around it keep their formatting (bold stays bold), a figure split across runs is shaded in each; one comment per mark")
    func splitsRuns() throws {
        let path = try madeDocx(Self.body, extra: [Self.contentTypes])
        let s1 = "年初预算2,935.01 万元，预算执行率为99.46%，较上年提高。"
        let marks = [
            DocxAnnotation(place: StatedFigure(sentence: s1, text: "2,935.01", unit: "万元"), fill: "A9E5B0", comment: ["【一致】年初预算", "报告：2,935.01 万元"]),
            DocxAnnotation(place: StatedFigure(sentence: s1, text: "99.46%", unit: ""), fill: "FF8A8A", comment: ["【不一致】预算执行率", "台账复算：98.10%"]),
            DocxAnnotation(place: StatedFigure(sentence: "其中基本支出983.40万元；", text: "983.40", unit: "万元"), fill: "A8CFF5", comment: ["【取整差异】基本支出"]),
            // A zero stated in words: its sentence is marked.
            DocxAnnotation(place: StatedFigure(sentence: "项目支出为零。", text: "0", unit: "万元"), fill: "FFC266", comment: ["【缺少数据】项目支出"]),
        ]
        let copy = try DocxAnnotator(date: "2026-12-07T03:00:00Z").annotate(path, marks)
        #expect(copy.placed == 3)
        #expect(copy.unplaced.map(\.place.text) == ["0"])
        let parts = try docxParts(copy.bytes)
        let doc = try #require(parts["word/document.xml"])
        let r = runs(doc)
        // The shaded runs are exactly the figures (without their units).
        #expect(r.filter { $0.fill != nil }.map { "\($0.text)=\($0.fill!)" } == ["2,9=A9E5B0", "35.01=A9E5B0", "99.46%=FF8A8A", "983.40=A8CFF5", "项目支出为零。=FFC266"])
        // Every piece of the bold paragraph is still bold, with its size; the italic figure stays italic.
        let end = try #require(doc.firstRange(of: "</w:p>"))
        let first = runs(String(doc[..<end.lowerBound]))
        #expect(first.map(\.text) == ["年初预算", "2,9", "35.01", "", " 万元，预算执行率为", "99.46%", "", "，较上年提高。"])
        #expect(first.filter { !$0.text.isEmpty }.allSatisfy { $0.bold })
        #expect(doc.contains("<w:i/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"A8CFF5\"/>"))
        #expect(doc.matches(of: /<w:sz w:val="28"\/>/).count == r.filter(\.bold).count)
        // The comments, their ranges and references.
        let comments = try #require(parts["word/comments.xml"])
        #expect(comments.ranges(of: "<w:comment ").count == 4)
        #expect(comments.contains("<w:t>台账复算：98.10%</w:t>") && comments.contains("w:author=\"Tieout\"") && comments.contains("w:date=\"2026-12-07T03:00:00Z\""))
        for id in 0..<4 {
            #expect(doc.contains("<w:commentRangeStart w:id=\"\(id)\"/>") && doc.contains("<w:commentRangeEnd w:id=\"\(id)\"/>") && doc.contains("<w:commentReference w:id=\"\(id)\"/>"))
        }
        #expect(try #require(parts["word/_rels/document.xml.rels"]).contains("Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\""))
        #expect(try #require(parts["[Content_Types].xml"]).contains("<Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>"))
        // Read again: the same text.
        let again = try temporaryDocx(copy.bytes)
        #expect(try ReportDocument.read(again).blocks == (try ReportDocument.read(path)).blocks)
    }

    @Test("the same figure printed twice in a sentence: the occurrence picks which; a mark not found at all is commented at the top")
    func occurrences() throws {
        let path = try madeDocx("<w:p><w:r><w:t>年初预算100.00万元，调整后预算100.00万元。</w:t></w:r></w:p>", extra: [Self.contentTypes])
        let s = "年初预算100.00万元，调整后预算100.00万元。"
        let copy = try DocxAnnotator().annotate(path, [
            DocxAnnotation(place: StatedFigure(sentence: s, text: "100.00", unit: "万元", occurrence: 1), fill: "FF8A8A", comment: ["second"]),
            DocxAnnotation(place: StatedFigure(sentence: "没有这句话。", text: "5", unit: "个"), fill: "FFC266", comment: ["lost"]),
        ])
        let doc = try #require(try docxParts(copy.bytes)["word/document.xml"])
        #expect(runs(doc).map { "\($0.text)|\($0.fill ?? "-")" } == ["|-", "年初预算100.00万元，调整后预算|-", "100.00|FF8A8A", "|-", "万元。|-"])
        #expect(copy.unplaced.map(\.comment) == [["lost"]])
        #expect(doc.ranges(of: "<w:commentReference ").count == 2)
    }

    @Test("a comment's control characters (a ledger's text) are left out: the part stays XML that Word reads")
    func controlCharacters() throws {
        let path = try madeDocx("<w:p><w:r><w:t>实际支出2,935.01万元。</w:t></w:r></w:p>", extra: [Self.contentTypes])
        let copy = try DocxAnnotator().annotate(path, [DocxAnnotation(place: StatedFigure(sentence: "实际支出2,935.01万元。", text: "2,935.01", unit: "万元"), fill: "A9E5B0", comment: ["摘要\u{1}付款\u{B}", "a\tb"])])
        let comments = try #require(try docxParts(copy.bytes)["word/comments.xml"])
        #expect(comments.contains("<w:t>摘要付款</w:t>") && comments.contains("<w:t>a\tb</w:t>") && !comments.contains("&#"))
    }

    @Test("a document with comments of its own keeps them; ours are added after, with new ids, and no second comments part")
    func existingComments() throws {
        let rels = ("word/_rels/document.xml.rels", Array("""
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>
        """.utf8))
        let comments = ("word/comments.xml", Array("""
        <?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:comment w:id="7" w:author="张会计"><w:p><w:r><w:t>请核实</w:t></w:r></w:p></w:comment></w:comments>
        """.utf8))
        let path = try madeDocx("<w:p><w:commentRangeStart w:id=\"7\"/><w:r><w:t>实际支出2,935.01万元。</w:t></w:r><w:commentRangeEnd w:id=\"7\"/><w:r><w:commentReference w:id=\"7\"/></w:r></w:p>",
                                extra: [Self.contentTypes, rels, comments])
        let copy = try DocxAnnotator().annotate(path, [DocxAnnotation(place: StatedFigure(sentence: "实际支出2,935.01万元。", text: "2,935.01", unit: "万元"), fill: "A9E5B0", comment: ["ok"])])
        let parts = try docxParts(copy.bytes)
        let c = try #require(parts["word/comments.xml"])
        #expect(c.contains("w:id=\"7\" w:author=\"张会计\"") && c.contains("<w:comment w:id=\"8\" w:author=\"Tieout\""))
        #expect(parts.keys.sorted() == ["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/comments.xml", "word/document.xml"])
        #expect(parts["word/_rels/document.xml.rels"] == String(decoding: rels.1, as: UTF8.self))
    }

    @Test("every part not annotated is copied byte for byte")
    func copiesOtherParts() throws {
        let media: [UInt8] = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) }
        let path = try madeDocx("<w:p><w:r><w:t>实际支出2,935.01万元。</w:t></w:r></w:p>", styles: "<w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/></w:style>",
                                extra: [Self.contentTypes, ("word/media/image1.png", media)])
        let copy = try DocxAnnotator().annotate(path, [DocxAnnotation(place: StatedFigure(sentence: "实际支出2,935.01万元。", text: "2,935.01", unit: "万元"), fill: "A9E5B0", comment: ["ok"])])
        let before = try docxParts(try ZipRewriter.readAll(path)), after = try docxParts(copy.bytes)
        for name in ["_rels/.rels", "word/styles.xml", "word/media/image1.png"] { #expect(before[name] == after[name], "\(name)") }
    }
}
