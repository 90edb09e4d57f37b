import TieoutCore
import TieoutReconcile
import TieoutStore

/// `report.html`: one self-contained file (no network): the key figures, three
/// inline SVG charts, and the findings table where each row opens to its sources.
/// Written as well-formed XHTML-compatible HTML, so that an XML parser checks it.
public enum HTMLReport {
    public static func render(_ r: Reconciliation, language l: ReportLanguage = .zh, extraSections: [String] = []) -> String {
        let title = l.s("report.title", ["unit": l.quote(r.workspace.unitName), "year": r.workspace.fiscalYear])
        var h = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(l == .zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>\(Escape.html(title))</title>\n"
        h += "<style>\n" + css + "</style>\n</head>\n<body>\n"
        h += "<h1>" + Escape.html(l.s("report.title", ["unit": Self.slot, "year": r.workspace.fiscalYear])).replacing(Self.slot, with: Self.data(r.workspace.unitName, l)) + "</h1>\n"
        let c = r.counts
        h += "<p class=\"verdict\">" + Escape.html(verdict(c, l)) + "</p>\n"
        // Each badge leads to its class's findings.
        h += "<p class=\"summary\">" + Finding.Status.listed(c).map {
            "<a class=\"badge\" style=\"background:\($0.color)\" href=\"#class-\($0.rawValue)\">\(Escape.html(l.status($0))) \(c[$0] ?? 0)</a>"
        }.joined(separator: " ") + "</p>\n"
        let dataset = DatasetSection.lines(r.dataset, l)
        h += "<div class=\"dataset\(r.dataset.isCurrent ? "" : " stale")\">" + dataset.map { "<p>" + Escape.html($0) + "</p>" }.joined() + "</div>\n"
        h += "<p class=\"note\">" + Escape.html(l.s("report.html.note", ["unit": l.unit(r.display.unit), "decimals": r.display.decimals])) + "</p>\n"
        // What is wrong comes first: every finding that is not ok, worst first.
        let problems = r.orderedFindings.filter { $0.status != .ok }
        h += "<h2 id=\"problems\">" + Escape.html(l.s("report.html.to-act-on")) + "</h2>\n"
        if problems.isEmpty {
            h += "<p id=\"class-mismatch\">" + Escape.html(l.s("report.html.nothing-to-act-on")) + "</p>\n"
        } else {
            h += findingsTable(problems, r, l)
        }
        // Charts.
        h += "<section class=\"charts\">\n"
        var quarters: [SVGChart.Bar] = []
        for q in 1...4 {
            guard let p = r.book["progress.q\(q)"] else { continue }
            let pct = p.value * Amount(100)
            let schedule = Amount(q * 25)
            quarters.append(SVGChart.Bar(label: "Q\(q)", value: pct, text: p.value.percentText(), color: pct >= schedule ? "#2e7d32" : "#c62828",
                                         marker: schedule, markerText: "\(q * 25)%"))
        }
        h += SVGChart.columns(quarters, title: l.s("report.chart.progress"),
                              maximum: max(Amount(100), quarters.map(\.value).max() ?? Amount(100))) + "\n"
        if let budget = r.book["budget.adjusted.total"] {
            h += "<p class=\"note chart-note\">" + Escape.html(l.s("report.chart.progress-note", ["budget": l.value(r.display.text(budget.value, .amount))])) + "</p>\n"
        }
        var budget: [SVGChart.Bar] = []
        for type in ["basic", "project"] {
            if let b = r.book["budget.adjusted.\(type)"] {
                budget.append(SVGChart.Bar(label: l.s("report.chart.\(type)-budget"), value: b.value, text: l.value(r.display.text(b.value, .amount)), color: "#90a4ae"))
            }
            if let a = r.book["spend.actual.\(type)"] {
                budget.append(SVGChart.Bar(label: l.s("report.chart.\(type)-actual"), value: a.value, text: l.value(r.display.text(a.value, .amount)), color: "#37474f"))
            }
        }
        h += SVGChart.rows(budget, title: l.s("report.chart.budget"), maximum: budget.map(\.value).max() ?? Amount(1)) + "\n"
        h += "</section>\n"
        // Key figures.
        h += "<h2>" + Escape.html(l.s("report.key-figures")) + "</h2>\n<table class=\"figures\">\n"
        h += "<tr><th>" + ["report.col.figure", "report.col.from-ledgers", "report.html.col.stated", "report.html.col.formula"].map { Escape.html(l.s($0)) }.joined(separator: "</th><th>") + "</th></tr>\n"
        for id in KeyFigures.ids {
            guard let f = r.book[id] else { continue }
            // A claim of this figure that the ledgers contradict is flagged, with a link to its finding.
            let claims = r.findings.filter { $0.rule == "claim" && $0.id.hasPrefix("claim:\(id)@") }
            let worst = claims.filter { $0.status == .mismatch }.first ?? claims.filter { $0.status == .rounding }.first
            var stated = claims.first?.expected.map { Escape.html(l.value($0)) } ?? ""
            if let w = worst {
                stated = "<a href=\"#\(Escape.html(w.id))\"><span class=\"badge\" style=\"background:\(w.status.color)\">\(Escape.html(l.status(w.status)))</span> \(Escape.html(l.value(w.expected ?? "")))</a>"
            }
            h += "<tr\(worst?.status == .mismatch ? " class=\"mismatch\"" : "")><td>\(Escape.html(l.title(f)))</td><td class=\"num\">\(Escape.html(l.value(r.display.text(f.value, f.kind))))</td>"
            h += "<td class=\"num\">\(stated)</td><td>\(Escape.html(l.formula(f)))</td></tr>\n"
        }
        h += "</table>\n"
        for section in extraSections { h += section }
        // The checks that agree, after the rest of the report.
        let agreeing = r.orderedFindings.filter { $0.status == .ok }
        h += "<h2>" + Escape.html(l.s("report.html.agreeing")) + "</h2>\n"
        h += agreeing.isEmpty ? "<p id=\"class-ok\"></p>\n" : findingsTable(agreeing, r, l)
        h += "<p class=\"note\">" + Escape.html(l.s("report.html.made-by")) + "</p>\n"
        h += "</body>\n</html>\n"
        return h
    }

    /// A table of findings, each row opening to its sources. The first row of each class
    /// carries the class's anchor (`#class-mismatch`), which the count badges link to.
    static func findingsTable(_ findings: [Finding], _ r: Reconciliation, _ l: ReportLanguage) -> String {
        var h = "<table class=\"findings\">\n"
        h += "<tr><th>" + ["report.col.class", "report.html.col.check", "report.col.stated", "report.col.ledgers", "report.html.col.difference", "report.col.rubric"]
            .map { Escape.html(l.s($0)) }.joined(separator: "</th><th>") + "</th></tr>\n"
        var anchored = Set<Finding.Status>()
        for f in findings {
            let rubric = l.rubric(f)
            let anchor = anchored.insert(f.status).inserted ? "<span id=\"class-\(f.status.rawValue)\"></span>" : ""
            h += "<tr class=\"\(f.status.rawValue)\" id=\"\(Escape.html(f.id))\"><td>\(anchor)<span class=\"badge\" style=\"background:\(f.status.color)\">\(Escape.html(l.status(f.status)))</span></td>"
            let sources = Self.sources(f, r, l)
            // On screen the sources open on a click; in print they are always there.
            h += "<td><details><summary>\(Escape.html(l.title(f)))</summary>\(sources)</details><div class=\"print-only\">\(sources)</div></td>"
            h += "<td class=\"num\">\(Escape.html(l.value(f.expected ?? "")))</td><td class=\"num\">\(Escape.html(l.value(f.actual ?? "")))</td><td class=\"num\">\(Escape.html(l.value(f.difference ?? "")))</td><td>\(Escape.html(rubric))</td></tr>\n"
        }
        return h + "</table>\n"
    }

    /// A finding's section, explanation and inputs, each input with its first source cells as
    /// links to their files (relative to out/, where the report is) that never break inside a name.
    static func sources(_ f: Finding, _ r: Reconciliation, _ l: ReportLanguage) -> String {
        var h = ""
        if let s = f.section { h += "<p class=\"section\">" + Escape.html(l.s("report.stated-in", ["section": slot])).replacing(slot, with: data(s, l)) + "</p>" }
        h += "<p>\(Self.quoted(l.units(l.explanation(f)), l))</p><ul>"
        for i in f.inputs {
            h += "<li>\(Escape.html(l.label(i)))\(Escape.html(l.s("report.html.input-colon")))<b>\(Escape.html(l.value(i.value)))</b>"
            if !i.places.isEmpty {
                h += "<br/><span class=\"places\">" + i.places.prefix(12).map { place($0, value: r.cellValues[$0], l) }.joined(separator: " ")
                if i.count > i.places.count {
                    h += Escape.html(l.s("report.html.more", ["count": i.count]))
                    // Every cell, from the dataset: the command that lists them.
                    if let figure = i.figure {
                        h += "<br/>" + Escape.html(l.s("report.html.all")) + "<code class=\"explain\">" + Escape.html("tieout explain \(r.workspace.root) \(figure)") + "</code>"
                    }
                }
                h += "</span>"
            }
            h += "</li>"
        }
        return h + "</ul>"
    }

    /// `ledgers/treasury/2024-02.csv!I15` as a link to the ledger file, from out/report.html,
    /// with the value the cell holds, kept on one line with it: an amount exact and in 元, as the
    /// dataset holds it (a reader checks it against the cell; the figure it feeds is in the
    /// reporting unit), or a whole number (people, items) as it is.
    static func place(_ p: String, value: CellValue? = nil, _ l: ReportLanguage = .zh) -> String {
        let file = String(p.prefix { $0 != "!" && $0 != "[" })
        var href = "../"
        for b in file.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"): href.append(Character(Unicode.Scalar(b)))
            default: href += "%" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
            }
        }
        let shown = value.map { " <span class=\"amount\">" + Escape.html("= " + $0.value.groupedText + ($0.money ? " " + l.s("unit.yuan") : "")) + "</span>" } ?? ""
        return "<a class=\"place\" href=\"\(Escape.html(href))\"><code>\(Escape.html(p))</code>\(shown)</a>"
    }

    /// Where marked data goes into a catalog text before it is escaped.
    static let slot = "@@DATA@@"

    /// Text from the workspace's own data (a unit's name, a report's section), marked as such:
    /// `<span class="data">` in English (the Chinese report needs no mark). The language test takes these spans (and the cell references) as
    /// data that may be in any language; everything else must be in the report's language.
    static func data(_ text: String, _ l: ReportLanguage = .en) -> String { l == .zh ? Escape.html(text) : "<span class=\"data\">" + Escape.html(text) + "</span>" }

    /// A sentence whose “…” spans quote the workspace's data (an English explanation quoting the
    /// report or claims.yaml): those spans marked as data. Chinese sentences are left as they are.
    static func quoted(_ text: String, _ l: ReportLanguage) -> String {
        guard l == .en else { return Escape.html(text) }
        var out = "", depth = 0, run = ""
        for ch in text {
            if ch == "“" { if depth == 0 { out += Escape.html(run); run = "" }; depth += 1; run.append(ch); continue }
            run.append(ch)
            if ch == "”", depth > 0 { depth -= 1; if depth == 0 { out += data(run); run = "" } }
        }
        return out + (depth > 0 ? data(run) : Escape.html(run))
    }

    /// The report's first line: what is wrong, or that nothing is.
    static func verdict(_ c: [Finding.Status: Int], _ l: ReportLanguage) -> String {
        let n = { (s: Finding.Status) in c[s] ?? 0 }
        let problems = Finding.Status.worstFirst.filter { $0 != .ok && n($0) > 0 }
        if problems.isEmpty { return l.s("report.verdict.all-ok", ["ok": n(.ok)]) }
        let counts = problems.map { l.s("report.verdict.count", ["class": l.status($0), "n": n($0)]) }.joined(separator: l.s("list.comma"))
        return l.s("report.verdict", ["counts": counts, "ok": n(.ok)])
    }

    static let css = """
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 24px auto; max-width: 1180px; color: #222; padding: 0 16px; }
    h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 28px; border-bottom: 1px solid #ccc; }
    .dataset p { margin: 2px 0; color: #555; }
    .dataset.stale { border: 2px solid #c62828; background: #fdecea; padding: 8px 12px; border-radius: 4px; }
    .dataset.stale p { color: #b71c1c; }
    .badge { color: #fff; border-radius: 4px; padding: 2px 8px; font-size: 13px; white-space: nowrap; }
    .summary .badge { font-size: 15px; margin-right: 6px; }
    .note { color: #555; font-size: 13px; }
    .charts { display: flex; flex-wrap: wrap; gap: 16px; }
    .charts svg { border: 1px solid #eee; background: #fff; max-width: 100%; height: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; }
    th, td { border: 1px solid #ddd; padding: 5px 7px; vertical-align: top; text-align: left; }
    th { background: #f5f5f5; }
    td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    \(Finding.Status.worstFirst.compactMap { s in s.rowTint.map { "tr.\(s.rawValue) td { background: \($0); }" } }.joined(separator: " "))
    details summary { cursor: pointer; }
    .places code { font-size: 11px; color: #444; }
    a.place { white-space: nowrap; margin-right: 6px; text-decoration: none; }
    a.place:hover code { text-decoration: underline; }
    a.place .amount { font-size: 11px; color: #222; font-variant-numeric: tabular-nums; }
    a.badge { text-decoration: none; }
    .verdict { font-size: 17px; font-weight: bold; margin: 8px 0; }
    .chart-note { max-width: 560px; }
    .print-only { display: none; }
    .section { color: #666; margin: 4px 0; }
    @media print { details { display: none; } .print-only { display: block; } .charts { display: block; } a { color: inherit; }
      body { max-width: none; margin: 0; padding: 0; }
      a.place { display: block; white-space: normal; } a.place code { overflow-wrap: anywhere; } a.place .amount { white-space: nowrap; }
      td.num { white-space: normal; } table { font-size: 10px; } th, td { padding: 3px 4px; } .places code, a.place .amount { font-size: 9px; } }
    @page { size: A4; margin: 12mm; }

    """
}
