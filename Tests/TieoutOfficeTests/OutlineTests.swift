import Testing
@testable import TieoutOffice

@Suite("Sections from headings and numbering")
struct OutlineTests {
    @Test("numbered headings nest; a long numbered paragraph adds its number; a run-in heading heads its paragraph; broken paragraphs are joined")
    func sections() throws {
        let doc = ReportDocument(file: "r.md", blocks: [
            .paragraph("2024 年度部门整体绩效自评报告"),
            .paragraph("一、单位基本情况"),
            .paragraph("（四）2024年部门预算执行情况"),
            .paragraph("1、资金管理"),
            .paragraph("（1）预算执行情况"),
            .paragraph("2024年本单位调整后年度总指标为"),
            .paragraph("13,892.35万元。"),
            .paragraph("二、单位主要履职绩效分析"),
            .paragraph("3、效果性"),
            .paragraph("(6) 深化基层治理改革创新，打造现代化标杆典范。满意率 72.99%。"),
            .paragraph("4、公平性。"),
            .paragraph("1、预算调整、调剂比例较高。全年占年初预算的373.33%。"),
            .paragraph("附件 部门整体支出绩效评价表"),
            .table(DocumentTable(rows: [[TableCell(text: "合计", span: 6), TableCell(text: "98.79")]])),
        ])
        let p = ReportOutline(doc).passages
        try #require(p.count == 5)
        // The title is no heading: before the first, the section is empty.
        #expect(p.map(\.section) == ["", "一（四）1（1）预算执行情况", "二3（6）效果性", "二1 预算调整、调剂比例较高", "附件 部门整体支出绩效评价表"])
        #expect(p[1].text == "2024年本单位调整后年度总指标为13,892.35万元。")
        #expect(p[2].text == "深化基层治理改革创新，打造现代化标杆典范。满意率 72.99%。")
        #expect(p[3].text == "全年占年初预算的373.33%。")
        #expect(p[4].cells?.count == 7 && p[4].cells?.last?.text == "98.79" && p[4].table == 0)
    }
}
