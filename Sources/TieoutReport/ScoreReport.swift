import Foundation
import TieoutCore
import TieoutReconcile
import TieoutScore

/// The score table laid out like the annex: score.md, score.csv, score.json and a section of report.html.
public enum ScoreReport {
    public static func markdown(_ s: ScoreSheet, language l: ReportLanguage = .zh) -> String {
        var md = "# " + l.s("score.md.title") + "\n\n"
        md += l.s("score.md.rubric", ["title": Escape.text(l == .zh ? s.title : s.titleEn), "version": Escape.text(s.rubric)]) + "\n\n"
        md += "| " + Self.columns.map { l.s($0) }.joined(separator: " | ") + " |\n"
        md += "|---|---|---|---:|---:|---:|---|\n"
        for i in s.items {
            md += "| \(Escape.cell(l.level1(i))) | \(Escape.cell(l.level2(i))) | \(Escape.cell(l.name(i))) | \(i.max) | \(i.points) | \(Escape.cell(i.claimed ?? "")) | \(Escape.cell(l.why(i).joined(separator: l.s("score.why.separator")))) |\n"
        }
        md += "| " + l.s("score.total") + " | | | \(s.max) | **\(s.total)** | \(s.claimedTotal ?? "") | " + l.s("score.md.total-why", ["exact": s.totalExact]) + " |\n"
        return md
    }

    /// The score table's columns (score.md and report.html), as catalog keys.
    static let columns = ["score.col.level1", "score.col.level2", "score.col.item", "score.col.max", "score.col.computed", "score.col.claimed", "score.col.why"]

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
        var h = "<h2>" + Escape.html(l.s("score.html.title")) + "</h2>\n<table class=\"score\">\n"
        h += "<tr><th>" + Self.columns.map { Escape.html(l.s($0)) }.joined(separator: "</th><th>") + "</th></tr>\n"
        for i in s.items {
            let differs = i.claimed.map { $0 != i.points } ?? false
            h += "<tr\(differs ? " class=\"mismatch\"" : "")><td>\(Escape.html(l.level1(i)))</td><td>\(Escape.html(l.level2(i)))</td><td>\(Escape.html(l.name(i)))</td>"
            h += "<td class=\"num\">\(i.max)</td><td class=\"num\"><b>\(i.points)</b></td><td class=\"num\">\(Escape.html(i.claimed ?? ""))</td>"
            h += "<td>\(Escape.html(l.why(i).joined(separator: l.s("score.why.separator"))))</td></tr>\n"
        }
        h += "<tr><td colspan=\"3\"><b>" + Escape.html(l.s("score.total")) + "</b></td><td class=\"num\">\(s.max)</td><td class=\"num\"><b>\(s.total)</b></td>"
        h += "<td class=\"num\">\(Escape.html(s.claimedTotal ?? ""))</td><td>" + Escape.html(l.s("score.html.total-why")) + "</td></tr>\n"
        return h + "</table>\n"
    }
}
