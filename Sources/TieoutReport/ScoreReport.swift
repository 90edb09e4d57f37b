import Foundation
import TieoutCore
import TieoutReconcile
import TieoutScore

/// The score table laid out like the annex: score.md, score.csv, score.json and a section of report.html.
public enum ScoreReport {
    public static func markdown(_ s: ScoreSheet, language l: ReportLanguage = .zh) -> String {
        var md = "# " + l.t("部门整体支出绩效评价表（计算）", "Score table (computed)") + "\n\n"
        md += l.t("评分标准：", "Rubric: ") + "\(Escape.text(s.title))（\(Escape.text(s.rubric))）\n\n"
        md += "| " + [l.t("一级指标", "level 1"), l.t("二级指标", "level 2"), l.t("三级指标", "item"), l.t("分值", "max"),
                      l.t("计算得分", "computed"), l.t("附件得分", "claimed"), l.t("依据", "why")].joined(separator: " | ") + " |\n"
        md += "|---|---|---|---:|---:|---:|---|\n"
        for i in s.items {
            md += "| \(Escape.cell(i.level1)) | \(Escape.cell(i.level2)) | \(Escape.cell(i.name)) | \(i.max) | \(i.points) | \(Escape.cell(i.claimed ?? "")) | \(Escape.cell(i.why.joined(separator: "；"))) |\n"
        }
        md += "| " + l.t("合计", "total") + " | | | \(s.max) | **\(s.total)** | \(s.claimedTotal ?? "") | " + l.t("各项未取整得分之和 \(s.totalExact)", "sum of the unrounded points \(s.totalExact)") + " |\n"
        return md
    }

    /// score.csv: Chinese headers after a UTF-8 byte-order mark (for Excel), or the English ones without it (``CSVHeaders``).
    public static func csv(_ s: ScoreSheet, headers: ReportLanguage = .zh) -> String {
        func q(_ v: String) -> String { v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") ? "\"" + v.replacing("\"", with: "\"\"") + "\"" : v }
        // Scores stay numbers; text (names, assessors' words) is spreadsheet-safe.
        func row(_ text1: [String], _ numbers: [String], _ text2: [String]) -> String {
            (text1.map(SpreadsheetSafeText.text) + numbers + text2.map(SpreadsheetSafeText.text)).map(q).joined(separator: ",") + "\r\n"
        }
        var out = CSVHeaders.byteOrderMark(headers) + CSVHeaders.score[headers]!.map(q).joined(separator: ",") + "\r\n"
        for i in s.items {
            out += row([i.level1, i.level2, i.id, i.name], [i.max, i.points, i.exact, i.claimed ?? ""], [i.rule, i.why.joined(separator: "；")])
        }
        out += row(["合计", "", "total", "合计"], [s.max, s.total, s.totalExact, s.claimedTotal ?? ""], ["sum", ""])
        return out
    }

    public static func json(_ s: ScoreSheet) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try e.encode(s), as: UTF8.self) + "\n"
    }

    /// The section report.html shows after the key figures.
    public static func htmlSection(_ s: ScoreSheet, language l: ReportLanguage = .zh) -> String {
        var h = "<h2>" + Escape.html(l.t("绩效评分（按评分标准计算）", "Score (computed from the rubric)")) + "</h2>\n<table class=\"score\">\n"
        h += "<tr><th>" + [l.t("一级指标", "level 1"), l.t("二级指标", "level 2"), l.t("三级指标", "item"), l.t("分值", "max"),
                           l.t("计算得分", "computed"), l.t("附件得分", "claimed"), l.t("依据", "why")].map(Escape.html).joined(separator: "</th><th>") + "</th></tr>\n"
        for i in s.items {
            let differs = i.claimed.map { $0 != i.points } ?? false
            h += "<tr\(differs ? " class=\"mismatch\"" : "")><td>\(Escape.html(i.level1))</td><td>\(Escape.html(i.level2))</td><td>\(Escape.html(i.name))</td>"
            h += "<td class=\"num\">\(i.max)</td><td class=\"num\"><b>\(i.points)</b></td><td class=\"num\">\(Escape.html(i.claimed ?? ""))</td>"
            h += "<td>\(Escape.html(i.why.joined(separator: "；")))</td></tr>\n"
        }
        h += "<tr><td colspan=\"3\"><b>" + Escape.html(l.t("合计", "total")) + "</b></td><td class=\"num\">\(s.max)</td><td class=\"num\"><b>\(s.total)</b></td>"
        h += "<td class=\"num\">\(Escape.html(s.claimedTotal ?? ""))</td><td>" + Escape.html(l.t("各项未取整得分之和，四舍五入到 0.01", "the sum of the unrounded points, rounded to 0.01")) + "</td></tr>\n"
        return h + "</table>\n"
    }
}
