import TieoutCore
import TieoutReconcile

/// `report.md`: the findings, worst first, each with its inputs and their places.
public enum MarkdownReport {
    public static func render(_ r: Reconciliation, language l: ReportLanguage = .zh) -> String {
        let c = r.counts
        var md = "# \(Escape.text(r.workspace.unitName)) \(r.workspace.fiscalYear) " + l.t("年度部门整体支出绩效自评：数字核对报告", "self-evaluation: reconciliation report") + "\n\n"
        md += l.t("核对结果", "Result") + ": " + Finding.Status.listed(c).map { "\(l.status($0)) \(c[$0] ?? 0)" }.joined(separator: l.t("，", ", ")) + "\n\n"
        for line in DatasetSection.lines(r.dataset, l) { md += Escape.text(line) + "\n\n" }
        md += l.t("金额单位：", "Money in ") + r.display.unit.symbol + l.t("，保留 ", ", ") + "\(r.display.decimals)" + l.t(" 位小数（四舍五入）。", " decimals (rounded half-up).") + "\n\n"
        md += "## " + l.t("关键数字", "Key figures") + "\n\n"
        md += "| " + l.t("数字", "figure") + " | " + l.t("台账复算", "from the ledgers") + " |\n|---|---:|\n"
        for id in KeyFigures.ids {
            guard let f = r.book[id] else { continue }
            md += "| \(Escape.cell(l.title(f))) | \(r.display.text(f.value, f.kind)) |\n"
        }
        md += "\n## " + l.t("发现", "Findings") + "\n\n"
        md += "| " + [l.t("结果", "class"), l.t("核对项", "check"), l.t("报告/应为", "stated/expected"), l.t("台账", "ledgers"), l.t("差异", "difference"), l.t("涉及评分项", "rubric items")].joined(separator: " | ") + " |\n"
        md += "|---|---|---:|---:|---:|---|\n"
        for f in r.orderedFindings {
            let rubric = f.rubric.map { "\($0.item)（\($0.points)）" }.joined(separator: "、")
            md += "| \(l.status(f.status)) | \(Escape.cell(l.title(f))) | \(Escape.cell(f.expected ?? "")) | \(Escape.cell(f.actual ?? "")) | \(Escape.cell(f.difference ?? "")) | \(Escape.cell(rubric)) |\n"
        }
        md += "\n## " + l.t("说明与来源", "Explanations and sources") + "\n\n"
        for f in r.orderedFindings where f.status != .ok {
            md += "### \(l.status(f.status))：\(Escape.text(l.title(f)))\n\n"
            if let s = f.section { md += l.t("报告位置：", "Stated in: ") + Escape.text(s) + "\n\n" }
            md += Escape.text(l.explanation(f)) + "\n\n"
            for i in f.inputs {
                md += "- \(Escape.text(i.label))：\(Escape.text(i.value))" + (i.places.isEmpty ? "" : l.t("，来源 ", "; from ") + Self.places(i, workspace: r.workspace.root, l)) + "\n"
            }
            md += "\n"
        }
        return md
    }

    /// The first cells, how many there are in all, and the command that lists every one.
    static func places(_ i: Finding.Input, workspace: String, _ l: ReportLanguage) -> String {
        let shown = i.places.prefix(5).map(Escape.text).joined(separator: ", ")
        guard i.count > min(i.places.count, 5) else { return shown }
        var text = shown + l.t(" 等 \(i.count) 处", " and \(i.count - min(i.places.count, 5)) more")
        if let figure = i.figure { text += l.t("（全部：", " (all: ") + Escape.text("tieout explain \(workspace) \(figure)") + l.t("）", ")") }
        return text
    }
}

/// The figures a report shows up front.
enum KeyFigures {
    static let ids = ["budget.initial.total", "budget.adjusted.basic", "budget.adjusted.project", "budget.adjusted.total",
                      "spend.actual.basic", "spend.actual.project", "spend.actual.total", "execution.rate",
                      "progress.q1", "progress.q2", "progress.q3", "progress.q4", "adjustment.ratio-excluding-investment",
                      "procurement.rate", "sangong.rate", "public.rate"]
}
