import Foundation
import Testing
import TieoutCore
import TieoutReconcile
import TieoutReport
import TieoutStore

/// report.html leads with what is wrong (issue 24, item 4).
@Suite("report.html: what is wrong first")
struct ReportLayoutTests {
    @Test("a verdict line under the title, the non-ok findings next, above the charts and the key figures; the badges link to their class")
    func leadsWithProblems() throws {
        let r = try sampleReconciliation()
        let html = HTMLReport.render(r)
        // The library's reconciliation of the sample, before the claimed item scores are added (97 ok; run shows 119).
        let afterTitle = html[html.range(of: "</h1>\n")!.upperBound...]
        #expect(afterTitle.hasPrefix("<p class=\"verdict\">核对结论：不一致 2 处，陈述无据 1 处，缺少数据 1 处，取整差异 1 处；其余 97 项一致。</p>\n"))
        let problems = html.range(of: "<h2 id=\"problems\">需要处理的发现</h2>")!.lowerBound
        #expect(problems < html.range(of: "<svg")!.lowerBound && problems < html.range(of: "关键数字")!.lowerBound)
        // The five rows that are not ok, worst first, before any ok row.
        let table = String(html[problems...].prefix { _ in true }).components(separatedBy: "</table>")[0]
        let classes = table.components(separatedBy: "<tr class=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(classes == ["mismatch", "mismatch", "unsupported", "missing-data", "rounding"])
        // Each badge links to an anchor that is there.
        for status in ["ok", "rounding", "mismatch", "missing-data", "unsupported"] {
            #expect(html.contains("href=\"#class-\(status)\""), "\(status)")
            #expect(html.components(separatedBy: "id=\"class-\(status)\"").count == 2, "one anchor for \(status)")
        }
        #expect(!html.contains("发现（按类别）"))
        let en = HTMLReport.render(r, language: .en)
        #expect(en.contains("<p class=\"verdict\">Verdict: 2 mismatch, 1 unsupported, 1 missing data, 1 rounding; the other 97 checks agree.</p>"))
    }

    @Test("the key figures flag a figure a claim contradicts (三公 36.78%, stated 32.32%) with a link to its finding")
    func keyFigureFlag() throws {
        let r = try sampleReconciliation()
        let html = HTMLReport.render(r)
        let id = try #require(r.findings.first { $0.id.hasPrefix("claim:sangong.rate@") }?.id)
        #expect(html.contains("<tr class=\"mismatch\"><td>“三公”经费控制率</td><td class=\"num\">36.78%</td><td class=\"num\"><a href=\"#\(id)\"><span class=\"badge\" style=\"background:#c62828\">不一致</span> 32.32%</a></td>"))
        // A figure the report states as the ledgers give it: its stated value, no flag.
        #expect(html.contains("<tr><td>实际支出（合计）</td><td class=\"num\">13,816.95 万元</td><td class=\"num\">13,816.95 万元</td>"))
    }

    @Test("the progress chart names its denominator and why check's differs; the difference column states its sign")
    func notes() throws {
        let r = try sampleReconciliation()
        let html = HTMLReport.render(r)
        #expect(html.contains("进度 = 季度末累计支出 ÷ 全年调整后预算 13,892.35 万元。`tieout check` 以截至查询日已下达的预算为分母"))
        #expect(html.contains("<th>差异（台账 − 报告）</th>"))
        // One convention for every rule: ledgers − stated.
        #expect(html.contains("<td class=\"num\">+4.46 个百分点</td>"))   // claim: 36.78 − 32.32
        #expect(html.contains("<td class=\"num\">+0.50 万元</td>"))       // spending 0.50 over a budget of 0
        #expect(html.contains("<td class=\"num\">-0.01 万元</td>"))       // parts 13,816.94 − total 13,816.95
    }

    @Test("in print every finding's sources are there (a print-only copy; closed <details> print nothing in Chromium)")
    func printKeepsSources() throws {
        let r = try sampleReconciliation()
        let html = HTMLReport.render(r)
        #expect(html.contains("@media print { details { display: none; } .print-only { display: block; }"))
        let printed = html.components(separatedBy: "<div class=\"print-only\">").dropFirst()
        #expect(printed.count == r.findings.count)
        #expect(printed.contains { $0.hasPrefix("<p class=\"section\">报告位置：二（三）1（1）“三公”经费支出情况</p>") && $0.contains("ledgers/treasury/2024-09.csv!I19") })
    }

    /// Printed from Chromium (scripts/screenshot-report --pdf) on A4, the findings table was
    /// wider than the page and its last columns, 差异 and 涉及评分项, were cut off: a printed
    /// source cell (`ledgers/budget/预算指标台账-2024.xlsx[预算指标台账-2024]!H23 = 15,750 元`)
    /// could not wrap (nowrap, for the screen), nor could `10,957.34 万元（13,892.35 − 2,935.01）`,
    /// and the table's narrowest width was the longest of them. In print they may wrap now (each
    /// place on its own line, its amount kept whole), and the page's width is the paper's.
    @Test("in print the source cells and the amounts may wrap, so the findings table fits the page")
    func printFitsThePage() throws {
        let html = HTMLReport.render(try sampleReconciliation())
        let print = try #require(html.components(separatedBy: "@media print {").dropFirst().first?.components(separatedBy: "</style>").first)
        #expect(print.contains("body { max-width: none; margin: 0; padding: 0; }"))
        #expect(print.contains("a.place { display: block; white-space: normal; } a.place code { overflow-wrap: anywhere; } a.place .amount { white-space: nowrap; }"))
        #expect(print.contains("td.num { white-space: normal; } table { font-size: 10px; } th, td { padding: 3px 4px; } .places code, a.place .amount { font-size: 9px; } }"))
        #expect(html.contains("@page { size: A4; margin: 12mm; }"))
        // On screen a place stays on one line with its amount.
        #expect(html.contains("a.place { white-space: nowrap;"))
    }

    @Test("each source cell shows the value it holds (an amount in 元, as the ledger shows it; a headcount as it is), on screen and in print, on one line with its link")
    func cellAmounts() throws {
        let (r, store) = try sampleReconciliationAndStore()
        // The 三公 finding's treasury cell: 2024-09.csv row 19, column I (金额) reads "4,986.00" in the ledger.
        #expect(r.cellValues["ledgers/treasury/2024-09.csv!I19"] == CellValue(Amount("4986.00")!, money: true))
        #expect(r.cellValues["ledgers/treasury/2024-01.csv!I4"] == CellValue(Amount("91448.60")!, money: true))
        // 办公室's 实有在编人数 in the staffing table: 4 people, no unit.
        #expect(r.cellValues["ledgers/staffing/人员编制-2024.csv!C3"] == CellValue(Amount(4), money: false))
        let html = HTMLReport.render(r)
        let sangong = "<a class=\"place\" href=\"../ledgers/treasury/2024-09.csv\"><code>ledgers/treasury/2024-09.csv!I19</code> <span class=\"amount\">= 4,986.00 元</span></a>"
        let id = try #require(r.findings.first { $0.id.hasPrefix("claim:sangong.rate@") }?.id)
        let row = try #require(html.components(separatedBy: "<tr class=\"mismatch\" id=\"\(id)\">").dropFirst().first?.components(separatedBy: "</tr>").first)
        // Once in the <details> shown on screen, once in the print-only copy.
        let screen = try #require(row.components(separatedBy: "<div class=\"print-only\">").first)
        let printed = try #require(row.components(separatedBy: "<div class=\"print-only\">").dropFirst().first)
        #expect(screen.contains(sangong) && printed.contains(sangong))
        // The link and its amount do not wrap apart: both are inside the nowrap link.
        #expect(html.contains("a.place { white-space: nowrap;"))
        #expect(html.contains("展开发现可见其来源单元格及各单元格的金额（元，精确值）"))
        #expect(html.contains("<code>ledgers/staffing/人员编制-2024.csv!C3</code> <span class=\"amount\">= 4</span></a>"))
        let en = HTMLReport.render(r, language: .en)
        #expect(en.contains("<code>ledgers/treasury/2024-09.csv!I19</code> <span class=\"amount\">= 4,986.00 yuan</span></a>"))
        // Only an amount or number cell of an active ledger has one: not a whole row (a count), a text cell (H4, 摘要) or an unknown file.
        let found = try store.cellValues(["ledgers/treasury/2024-01.csv!row 4", "ledgers/treasury/2024-01.csv!H4", "ledgers/treasury/2024-01.csv!I4",
                                           "ledgers/nothing.csv!I4", "ledgers/treasury/2024-01.csv"], kinds: r.workspace.kinds)
        #expect(found == ["ledgers/treasury/2024-01.csv!I4": CellValue(Amount("91448.60")!, money: true)])
    }
}
