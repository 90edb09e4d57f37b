import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TieoutCore
@testable import TieoutReconcile
@testable import TieoutReport

@Suite("Reports")
struct ReportTests {
    @Test("report.html is well-formed, self-contained, and has every finding with its sources and two charts")
    func html() throws {
        let r = try sampleReconciliation()
        let html = HTMLReport.render(r)
        let doc = try XMLDocument(data: Data(html.utf8), options: [])
        let root = try #require(doc.rootElement())
        #expect(root.name == "html")
        // Every finding is a row, by id, with its class.
        func elements(_ n: XMLNode, _ name: String) -> [XMLElement] {
            var out: [XMLElement] = []
            if let e = n as? XMLElement, e.localName == name { out.append(e) }
            for c in n.children ?? [] { out += elements(c, name) }
            return out
        }
        func attribute(_ e: XMLElement, _ name: String) -> String? { e.attributes?.first { $0.name == name }?.stringValue }
        let rows = elements(root, "tr").filter { attribute($0, "id") != nil }
        #expect(Set(r.findings.map(\.id)).count == r.findings.count)   // ids are unique
        #expect(Set(rows.compactMap { attribute($0, "id") }) == Set(r.findings.map(\.id)))
        #expect(rows.filter { attribute($0, "class") == "mismatch" }.count == 2)
        // Two inline SVG charts (the findings-by-class bars are gone: the verdict says it); nothing
        // fetched from the network: links go to anchors in the page or to the ledgers beside out/.
        #expect(elements(root, "svg").count == 2)
        #expect(!html.contains("src=") && !html.contains("<script"))
        let hrefs = elements(root, "a").compactMap { attribute($0, "href") }
        #expect(!hrefs.isEmpty && hrefs.allSatisfy { $0.hasPrefix("#") || ($0.hasPrefix("../ledgers/") && !$0.contains("//")) }, "\(hrefs.filter { !$0.hasPrefix("#") }.prefix(3))")
        // The quarterly chart marks the schedule and shows each quarter's progress.
        for text in ["45.67%", "57.96%", "65.97%", "99.46%", "25%", "50%", "75%", "100%"] { #expect(html.contains(">\(text)<")) }
        // A finding opens to its source cells.
        #expect(html.contains("<a class=\"place\" href=\"../ledgers/treasury/2024-02.csv\"><code>ledgers/treasury/2024-02.csv!I"))
        #expect(html.contains("“三公”经费控制率：报告 32.32%"))
        let en = HTMLReport.render(r, language: .en)
        #expect(en.contains("three-official-expenses control rate: stated 32.32%") && en.contains("lang=\"en\""))
    }

    @Test("report.md lists findings worst first, with explanations and places")
    func markdown() throws {
        let r = try sampleReconciliation()
        let md = MarkdownReport.render(r)
        #expect(md.hasPrefix("# 深圳市福田区政务服务和数据管理局 2024 年度部门整体支出绩效自评：数字核对报告\n\n核对结果: 一致 97，取整差异 1，不一致 2，缺少数据 1，陈述无据 1\n"))
        let table = md.components(separatedBy: "## 发现\n\n")[1]
        #expect(table.split(separator: "\n")[2] == "| 不一致 | “三公”经费控制率：报告 32.32% | 32.32% | 36.78% | +4.46 个百分点 | 公用经费控制率（6） |")
        #expect(md.contains("### 取整差异：实际支出：基本支出 + 项目支出 = 合计"))
    }

    @Test("findings.json: the documented schema, amounts as exact strings")
    func json() throws {
        let r = try sampleReconciliation()
        let text = try FindingsJSON.render(r)
        let obj = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        #expect(Set(obj.keys) == ["schema_version", "unit", "fiscal_year", "display", "dataset", "counts", "findings", "figures"])
        let dataset = try #require(obj["dataset"] as? [String: Any])
        #expect(dataset["current"] as? Bool == true && dataset["files"] as? Int == 19)
        #expect((dataset["failed"] as? [Any])?.isEmpty == true && (dataset["not_ingested"] as? [Any])?.isEmpty == true)
        #expect(Set(dataset.keys) == ["current", "files", "unfinished_ingest", "failed", "not_ingested", "changed_since_ingest",
                                      "gone_since_ingest", "removed_at_last_ingest", "unmatched_sources", "altered_in_dataset", "key_repeats"])
        #expect(obj["schema_version"] as? Int == 1)
        #expect(obj["counts"] as? [String: Int] == ["ok": 97, "rounding": 1, "mismatch": 2, "missing-data": 1, "unsupported": 1])
        let findings = obj["findings"] as! [[String: Any]]
        #expect(Set(findings[0].keys) == ["id", "rule", "status", "title", "title_en", "expected", "actual", "difference", "explanation",
                                          "explanation_en", "section", "inputs", "rubric"])
        #expect(findings[0]["status"] as? String == "mismatch")
        let figures = obj["figures"] as! [[String: Any]]
        let total = figures.first { $0["id"] as? String == "spend.actual.total" }!
        #expect(total["value"] as? String == "138169467.85")
    }
}
