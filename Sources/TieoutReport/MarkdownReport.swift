import TieoutCore
import TieoutReconcile

/// `report.md`: the findings, worst first, each with its inputs and their places.
public enum MarkdownReport {
    public static func render(_ r: Reconciliation, language l: ReportLanguage = .zh) -> String {
        let c = r.counts
        var md = "# " + l.s("report.title", ["unit": Escape.text(l.quote(r.workspace.unitName)), "year": r.workspace.fiscalYear]) + "\n\n"
        md += l.s("report.md.result", ["counts": Finding.Status.listed(c).map { l.s("console.count", ["class": l.status($0), "n": c[$0] ?? 0]) }.joined(separator: l.s("list.comma"))]) + "\n\n"
        for line in DatasetSection.lines(r.dataset, l) { md += Escape.text(line) + "\n\n" }
        md += l.s("report.md.money", ["unit": l.unit(r.display.unit), "decimals": r.display.decimals]) + "\n\n"
        md += "## " + l.s("report.key-figures") + "\n\n"
        md += "| " + l.s("report.col.figure") + " | " + l.s("report.col.from-ledgers") + " |\n|---|---:|\n"
        for id in KeyFigures.ids {
            guard let f = r.book[id] else { continue }
            md += "| \(Escape.cell(l.title(f))) | \(l.value(r.display.text(f.value, f.kind))) |\n"
        }
        md += "\n## " + l.s("report.findings") + "\n\n"
        md += "| " + ["report.col.class", "report.col.check", "report.col.stated", "report.col.ledgers", "report.col.difference", "report.col.rubric"].map { l.s($0) }.joined(separator: " | ") + " |\n"
        md += "|---|---|---:|---:|---:|---|\n"
        for f in r.orderedFindings {
            md += "| \(l.status(f.status)) | \(Escape.cell(l.title(f))) | \(Escape.cell(l.value(f.expected ?? ""))) | \(Escape.cell(l.value(f.actual ?? ""))) | \(Escape.cell(l.value(f.difference ?? ""))) | \(Escape.cell(l.rubric(f))) |\n"
        }
        md += "\n## " + l.s("report.explanations") + "\n\n"
        for f in r.orderedFindings where f.status != .ok {
            md += "### " + l.s("report.md.finding-head", ["class": l.status(f.status), "title": Escape.text(l.title(f))]) + "\n\n"
            if let s = f.section { md += l.s("report.stated-in", ["section": Escape.text(l.quote(s))]) + "\n\n" }
            md += Escape.text(l.units(l.explanation(f))) + "\n\n"
            for i in f.inputs {
                md += "- " + l.s("report.md.input", ["label": Escape.text(l.label(i)), "value": Escape.text(l.value(i.value))])
                    + (i.places.isEmpty ? "" : l.s("report.md.from", ["places": Self.places(i, workspace: r.workspace.root, l)])) + "\n"
            }
            md += "\n"
        }
        return md
    }

    /// The first cells, how many there are in all, and the command that lists every one.
    static func places(_ i: Finding.Input, workspace: String, _ l: ReportLanguage) -> String {
        // In English, each cell reference is a code span: a file name is data, never translated.
        let shown = i.places.prefix(5).map { l == .zh ? Escape.text($0) : "`" + $0.replacing("`", with: "'") + "`" }.joined(separator: ", ")
        guard i.count > min(i.places.count, 5) else { return shown }
        var text = shown + l.s("report.md.more", ["count": i.count, "more": i.count - min(i.places.count, 5)])
        if let figure = i.figure { text += l.s("report.md.all", ["command": Escape.text("tieout explain \(workspace) \(figure)")]) }
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
