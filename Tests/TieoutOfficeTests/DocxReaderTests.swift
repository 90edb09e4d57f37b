import Foundation
import Testing
import TieoutCore
import TieoutTestSupport
@testable import TieoutOffice

/// The fixtures (scripts/make-report-docx-fixtures): the reference report saved as .docx by
/// LibreOffice and by python-docx, committed because CI has neither.
func fixture(_ name: String) -> String {
    Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
}

/// A .docx made of raw WordprocessingML, written to a fresh temporary file.
func madeDocx(_ body: String, styles: String? = nil, extra: [(name: String, data: [UInt8])] = []) throws -> String {
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    var entries: [(name: String, data: [UInt8])] = [
        ("_rels/.rels", Array("""
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """.utf8)),
        ("word/document.xml", Array("""
        <?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="\(w)" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>\(body)</w:body></w:document>
        """.utf8)),
    ]
    if let styles { entries.append(("word/styles.xml", Array("<?xml version=\"1.0\"?><w:styles xmlns:w=\"\(w)\">\(styles)</w:styles>".utf8))) }
    entries += extra
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-\(UUID().uuidString).docx").path
    try Data(storedZip(entries)).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite("Reading a .docx")
struct DocxReaderTests {
    func paragraphs(_ d: ReportDocument) -> [String] {
        d.blocks.compactMap { if case .paragraph(let p) = $0 { p } else { nil } }
    }

    func tables(_ d: ReportDocument) -> [DocumentTable] {
        d.blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
    }

    @Test("python-docx: numbers split across runs, bookmarks and proofing marks are joined; tracked changes read as accepted; merged cells")
    func pythonDocx() throws {
        let d = try ReportDocument.read(fixture("reference-python-docx.docx"))
        let ps = paragraphs(d)
        // No heading styles: headings come from numbering (ReportOutline).
        #expect(!d.blocks.contains { if case .heading = $0 { true } else { false } })
        let budget = try #require(ps.first { $0.contains("年初预算总额为") })
        // The deleted sentence and the deleted 2,953.01 are gone; the inserted 2,935.01 is there.
        #expect(budget.hasSuffix("2024 年本单位年初预算总额为 2,935.01 万元，包括基本支出 1,036.79 万元、项目支出 1,898.22 万元。"))
        #expect(!budget.contains("9,999.99") && !budget.contains("2,953.01"))
        #expect(ps.contains { $0.hasSuffix("其中：基本支出983.40万元、项目支出12,833.54万元，年末无结转结余。2024年单位整体预算执行率达99.46%，预算执行情况较好。") })
        let annex = tables(d)
        #expect(annex.count == 5)
        // 评价指标 spans four grid columns; 部门决策指标 is merged down (vMerge): repeated, marked continued.
        #expect(annex[0].rows[0][0] == TableCell(text: "评价指标", span: 4))
        #expect(annex[0].rows[0].count == 4)
        #expect(annex[0].rows[2].map(\.text) == ["部门决策指标", "预算编制指标", "预算编制规范性", "5.00", annex[0].rows[2][4].text, annex[0].rows[2][5].text, "5.00"])
        #expect(annex[0].rows[3][0] == TableCell(text: "部门决策指标", continued: true))
        #expect(annex[0].rows[3][1] == TableCell(text: "预算编制指标", continued: true))
        #expect(annex[0].rows[3][2].text == "预算编制合理性" && !annex[0].rows[3][2].continued)
    }

    @Test("LibreOffice: heading styles, runs split by a font change joined, merged cells")
    func libreOffice() throws {
        let d = try ReportDocument.read(fixture("reference-libreoffice.docx"))
        let headings = d.blocks.compactMap { if case .heading(let l, let t) = $0 { "\(l) \(t)" } else { nil } }
        #expect(headings.prefix(4) == ["1 一、单位基本情况", "2 （一）部门主要职能", "2 （二）年度总体工作和重点工作任务", "3 1. 年度工作总结"])
        #expect(headings.contains("4 （1）预算执行情况") && headings.contains("1 附件 部门整体支出绩效评价表"))
        #expect(paragraphs(d).contains { $0.hasSuffix("其中：基本支出983.40万元、项目支出12,833.54万元，年末无结转结余。2024年单位整体预算执行率达99.46%，预算执行情况较好。") })
        let t = tables(d)
        #expect(t.count == 5 && t[0].rows[0][0] == TableCell(text: "评价指标", span: 4))
        #expect(t[0].rows[3][0] == TableCell(text: "部门决策指标", continued: true))
        #expect(t[4].rows.last.map { $0.map(\.text) } == ["合计", "", "", "", "", "", "98.79"])
    }

    @Test("tracked changes: w:ins and w:moveTo kept, w:del, w:delText and w:moveFrom dropped; mc:Fallback not read twice")
    func trackedChanges() throws {
        let path = try madeDocx("""
        <w:p><w:r><w:t>实际支出</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>1,000.00</w:delText></w:r></w:del>\
        <w:ins w:id="2" w:author="a"><w:r><w:t>13,8</w:t></w:r></w:ins><w:bookmarkStart w:id="3" w:name="x"/><w:proofErr w:type="spellStart"/>\
        <w:r><w:t>16.95</w:t></w:r><w:bookmarkEnd w:id="3"/><w:moveFrom w:id="4" w:author="a"><w:r><w:t>旧</w:t></w:r></w:moveFrom>\
        <w:moveTo w:id="5" w:author="a"><w:r><w:t>万元</w:t></w:r></w:moveTo>\
        <mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>。</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>。</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>
        """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try ReportDocument.read(path).blocks == [.paragraph("实际支出13,816.95万元。")])
    }

    @Test("heading styles by their names (Chinese Word's ids are digits) and by outline level; gridSpan and vMerge")
    func stylesAndMerges() throws {
        let path = try madeDocx("""
        <w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>一、单位基本情况</w:t></w:r></w:p>\
        <w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>（一）职能</w:t></w:r></w:p>\
        <w:p><w:pPr><w:pStyle w:val="a3"/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>正文</w:t></w:r><w:r><w:tab/><w:t>续</w:t></w:r></w:p>\
        <w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>合并</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>纵</w:t></w:r></w:p></w:tc></w:tr>\
        <w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>
        """, styles: """
        <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Normal"/></w:style>
        """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try ReportDocument.read(path).blocks == [
            .heading(level: 1, text: "一、单位基本情况"),
            .heading(level: 2, text: "（一）职能"),
            .paragraph("正文 续"),
            .table(DocumentTable(rows: [
                [TableCell(text: "合并", span: 2), TableCell(text: "纵")],
                [TableCell(text: "a"), TableCell(text: "b\nc"), TableCell(text: "纵", continued: true)],
            ])),
        ])
    }

    @Test("what is not a report says so, naming the file and the part")
    func errors() throws {
        func failure(_ path: String, limits: DocumentLimits = DocumentLimits()) -> TieoutError? {
            do { _ = try ReportDocument.read(path, limits: limits); return nil } catch { return error }
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-docx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("一、不是 Word 文档".utf8).write(to: URL(fileURLWithPath: dir + "/text.docx"))
        let notZip = try #require(failure(dir + "/text.docx"))
        #expect(notZip.code == "document.not-docx" && notZip.what == "\(dir)/text.docx is not a zip archive, so not a .docx document")
        try Data(storedZip([("xl/workbook.xml", Array("<workbook/>".utf8))])).write(to: URL(fileURLWithPath: dir + "/book.docx"))
        #expect(failure(dir + "/book.docx")?.what == "\(dir)/book.docx is an Excel workbook, not a Word document")
        try Data(storedZip([("a.txt", [0x41])])).write(to: URL(fileURLWithPath: dir + "/empty.docx"))
        #expect(failure(dir + "/empty.docx")?.what == "\(dir)/empty.docx has no part word/document.xml: it is a zip archive but not a Word document")
        let broken = try madeDocx("<w:p><w:r><w:t>未闭合</w:r></w:p>")
        defer { try? FileManager.default.removeItem(atPath: broken) }
        let xml = try #require(failure(broken))
        #expect(xml.code == "xlsx.xml" && xml.what.hasPrefix("part word/document.xml of \(broken) is not well-formed XML"))
        var small = DocumentLimits()
        small.maxTextBytes = 10
        let limited = try #require(failure(fixture("reference-libreoffice.docx"), limits: small))
        #expect(limited.code == "document.limit" && limited.what.hasPrefix("part word/document.xml of ") && limited.what.hasSuffix("holds more than 10 bytes of text"))
        #expect(failure(dir + "/r.doc")?.code == "document.legacy")
        #expect(failure(dir + "/r.pdf")?.code == "document.extension")
        // A few cells merged across 1,000 columns each are thousands of cells once laid out.
        let wide = try madeDocx("<w:tbl><w:tr>" + String(repeating: "<w:tc><w:tcPr><w:gridSpan w:val=\"1000\"/></w:tcPr><w:p/></w:tc>", count: 3) + "</w:tr></w:tbl>")
        defer { try? FileManager.default.removeItem(atPath: wide) }
        var few = DocumentLimits()
        few.maxBlocks = 2_000
        let spans = try #require(failure(wide, limits: few))
        #expect(spans.code == "document.limit" && spans.what == "part word/document.xml of \(wide) has more than 2000 paragraphs and table cells (merged cells counted by the columns they span)")
        #expect(failure(wide) == nil)
        let bomb = try madeDocx("<w:p/>")
        defer { try? FileManager.default.removeItem(atPath: bomb) }
        var tiny = DocumentLimits()
        tiny.zip.maxPartBytes = 50
        #expect(failure(bomb, limits: tiny)?.code == "xlsx.limit")
    }
}

@Suite("Reading a .md or .txt report")
struct TextReportTests {
    @Test("Markdown: paragraphs, # headings, pipe tables; text: a paragraph a line")
    func markdownAndText() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-md-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("\u{FEFF}# 自评报告\n\n一、情况\n\n实际支出\n13,816.95万元。\n\n| 评价指标 | | 分值 |\n|---|---|---|\n| 合计 | | 98.79 |\n".utf8).write(to: URL(fileURLWithPath: dir + "/r.md"))
        #expect(try ReportDocument.read(dir + "/r.md").blocks == [
            .heading(level: 1, text: "自评报告"), .paragraph("一、情况"), .paragraph("实际支出 13,816.95万元。"),
            .table(DocumentTable(rows: [[TableCell(text: "评价指标"), TableCell(text: ""), TableCell(text: "分值")], [TableCell(text: "合计"), TableCell(text: ""), TableCell(text: "98.79")]])),
        ])
        try Data("一、情况\r\n\r\n实际支出13,816.95万元。\r\n".utf8).write(to: URL(fileURLWithPath: dir + "/r.txt"))
        #expect(try ReportDocument.read(dir + "/r.txt").blocks == [.paragraph("一、情况"), .paragraph("实际支出13,816.95万元。")])
        try Data([0xCA, 0xB5, 0xBC, 0xCA]).write(to: URL(fileURLWithPath: dir + "/gbk.txt"))
        #expect(throws: TieoutError.self) { try ReportDocument.read(dir + "/gbk.txt") }
        do { _ = try ReportDocument.read(dir + "/gbk.txt") } catch { #expect(error.code == "document.encoding" && error.what == "\(dir)/gbk.txt is not UTF-8 text (GBK?)") }
    }
}
