import TieoutCore
import TieoutReconcile
import TieoutStore

/// `report.html`: one self-contained file (no network): the key figures, three
/// inline SVG charts, and the findings table where each row opens to its sources.
/// Written as well-formed XHTML-compatible HTML, so that an XML parser checks it.
public enum HTMLReport {
    public static func render(_ r: Reconciliation, language l: ReportLanguage = .zh, extraSections: [String] = []) -> String {
        let title = "\(r.workspace.unitName) \(r.workspace.fiscalYear) " + l.t("年度部门整体支出绩效自评：数字核对报告", "self-evaluation: reconciliation report")
        var h = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(l == .zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>\(Escape.html(title))</title>\n"
        h += "<style>\n" + css + "</style>\n</head>\n<body>\n"
        h += "<h1>\(Escape.html(title))</h1>\n"
        let c = r.counts
        h += "<p class=\"verdict\">" + Escape.html(verdict(c, l)) + "</p>\n"
        // Each badge leads to its class's findings.
        h += "<p class=\"summary\">" + Finding.Status.allCases.map {
            "<a class=\"badge\" style=\"background:\($0.color)\" href=\"#class-\($0.rawValue)\">\(Escape.html(l.status($0))) \(c[$0] ?? 0)</a>"
        }.joined(separator: " ") + "</p>\n"
        let dataset = DatasetSection.lines(r.dataset, l)
        h += "<div class=\"dataset\(r.dataset.isCurrent ? "" : " stale")\">" + dataset.map { "<p>" + Escape.html($0) + "</p>" }.joined() + "</div>\n"
        h += "<p class=\"note\">" + Escape.html(l.t("金额单位：\(r.display.unit.symbol)，保留 \(r.display.decimals) 位小数（四舍五入）。每个数字均由台账复算，展开发现可见其来源单元格及各单元格的金额（元，精确值）。差异 = 台账（或各项之和、计算得分）− 报告（或应为）：正数表示台账多于报告所述。",
                                                    "Money in \(r.display.unit.symbol), \(r.display.decimals) decimals, rounded half-up. Every figure is recomputed from the ledgers; open a finding to see its source cells and the amount in each (in yuan, exact). Difference = ledgers (or the sum of the parts, or the computed score) − stated (or expected): positive when the ledgers give more than the report states.")) + "</p>\n"
        // What is wrong comes first: every finding that is not ok, worst first.
        let problems = r.orderedFindings.filter { $0.status != .ok }
        h += "<h2 id=\"problems\">" + Escape.html(l.t("需要处理的发现", "Findings to act on")) + "</h2>\n"
        if problems.isEmpty {
            h += "<p id=\"class-mismatch\">" + Escape.html(l.t("没有不一致、缺少数据或取整差异。", "No mismatch, missing data or rounding difference.")) + "</p>\n"
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
        h += SVGChart.columns(quarters, title: l.t("季度末累计支出进度与序时进度（25/50/75/100%）", "Cumulative spending by quarter against the 25/50/75/100% schedule"),
                              maximum: max(Amount(100), quarters.map(\.value).max() ?? Amount(100))) + "\n"
        if let budget = r.book["budget.adjusted.total"] {
            h += "<p class=\"note chart-note\">" + Escape.html(l.t(
                "进度 = 季度末累计支出 ÷ 全年调整后预算 \(r.display.text(budget.value, .amount))。`tieout check` 以截至查询日已下达的预算为分母，年中二者不同；年末一致。",
                "Progress = cumulative spending at the quarter's end ÷ the year's adjusted budget, \(r.display.text(budget.value, .amount)). `tieout check` divides by the budget issued up to its date, so the two differ during the year and agree at its end.")) + "</p>\n"
        }
        var budget: [SVGChart.Bar] = []
        for (type, zh, en) in [("basic", "基本支出", "basic"), ("project", "项目支出", "project")] {
            if let b = r.book["budget.adjusted.\(type)"] {
                budget.append(SVGChart.Bar(label: l.t("\(zh)预算", "\(en) budget"), value: b.value, text: r.display.text(b.value, .amount), color: "#90a4ae"))
            }
            if let a = r.book["spend.actual.\(type)"] {
                budget.append(SVGChart.Bar(label: l.t("\(zh)实际", "\(en) actual"), value: a.value, text: r.display.text(a.value, .amount), color: "#37474f"))
            }
        }
        h += SVGChart.rows(budget, title: l.t("调整后预算与实际支出", "Adjusted budget and actual spending"), maximum: budget.map(\.value).max() ?? Amount(1)) + "\n"
        h += "</section>\n"
        // Key figures.
        h += "<h2>" + Escape.html(l.t("关键数字", "Key figures")) + "</h2>\n<table class=\"figures\">\n"
        h += "<tr><th>" + [l.t("数字", "figure"), l.t("台账复算", "from the ledgers"), l.t("报告所述", "stated"), l.t("计算", "formula")].map(Escape.html).joined(separator: "</th><th>") + "</th></tr>\n"
        for id in KeyFigures.ids {
            guard let f = r.book[id] else { continue }
            // A claim of this figure that the ledgers contradict is flagged, with a link to its finding.
            let claims = r.findings.filter { $0.rule == "claim" && $0.id.hasPrefix("claim:\(id)@") }
            let worst = claims.filter { $0.status == .mismatch }.first ?? claims.filter { $0.status == .rounding }.first
            var stated = claims.first?.expected.map(Escape.html) ?? ""
            if let w = worst {
                stated = "<a href=\"#\(Escape.html(w.id))\"><span class=\"badge\" style=\"background:\(w.status.color)\">\(Escape.html(l.status(w.status)))</span> \(Escape.html(w.expected ?? ""))</a>"
            }
            h += "<tr\(worst?.status == .mismatch ? " class=\"mismatch\"" : "")><td>\(Escape.html(l.title(f)))</td><td class=\"num\">\(Escape.html(r.display.text(f.value, f.kind)))</td>"
            h += "<td class=\"num\">\(stated)</td><td>\(Escape.html(f.formula))</td></tr>\n"
        }
        h += "</table>\n"
        for section in extraSections { h += section }
        // The checks that agree, after the rest of the report.
        let agreeing = r.orderedFindings.filter { $0.status == .ok }
        h += "<h2>" + Escape.html(l.t("其余核对（一致）", "The other checks (ok)")) + "</h2>\n"
        h += agreeing.isEmpty ? "<p id=\"class-ok\"></p>\n" : findingsTable(agreeing, r, l)
        h += "<p class=\"note\">" + Escape.html(l.t("由 Tieout 生成：台账 → 数据集 → 复算 → 核对。", "Made by Tieout: ledgers → dataset → recomputed figures → checks.")) + "</p>\n"
        h += "</body>\n</html>\n"
        return h
    }

    /// A table of findings, each row opening to its sources. The first row of each class
    /// carries the class's anchor (`#class-mismatch`), which the count badges link to.
    static func findingsTable(_ findings: [Finding], _ r: Reconciliation, _ l: ReportLanguage) -> String {
        var h = "<table class=\"findings\">\n"
        h += "<tr><th>" + [l.t("结果", "class"), l.t("核对项（点击展开来源）", "check (open for sources)"), l.t("报告/应为", "stated/expected"), l.t("台账", "ledgers"),
                           l.t("差异（台账 − 报告）", "difference (ledgers − stated)"), l.t("涉及评分项", "rubric items")].map(Escape.html).joined(separator: "</th><th>") + "</th></tr>\n"
        var anchored = Set<Finding.Status>()
        for f in findings {
            let rubric = f.rubric.map { "\($0.item)（\($0.points)）" }.joined(separator: "、")
            let anchor = anchored.insert(f.status).inserted ? "<span id=\"class-\(f.status.rawValue)\"></span>" : ""
            h += "<tr class=\"\(f.status.rawValue)\" id=\"\(Escape.html(f.id))\"><td>\(anchor)<span class=\"badge\" style=\"background:\(f.status.color)\">\(Escape.html(l.status(f.status)))</span></td>"
            let sources = Self.sources(f, r, l)
            // On screen the sources open on a click; in print they are always there.
            h += "<td><details><summary>\(Escape.html(l.title(f)))</summary>\(sources)</details><div class=\"print-only\">\(sources)</div></td>"
            h += "<td class=\"num\">\(Escape.html(f.expected ?? ""))</td><td class=\"num\">\(Escape.html(f.actual ?? ""))</td><td class=\"num\">\(Escape.html(f.difference ?? ""))</td><td>\(Escape.html(rubric))</td></tr>\n"
        }
        return h + "</table>\n"
    }

    /// A finding's section, explanation and inputs, each input with its first source cells as
    /// links to their files (relative to out/, where the report is) that never break inside a name.
    static func sources(_ f: Finding, _ r: Reconciliation, _ l: ReportLanguage) -> String {
        var h = ""
        if let s = f.section { h += "<p class=\"section\">\(Escape.html(l.t("报告位置：", "Stated in: ") + s))</p>" }
        h += "<p>\(Escape.html(l.explanation(f)))</p><ul>"
        for i in f.inputs {
            h += "<li>\(Escape.html(i.label))：<b>\(Escape.html(i.value))</b>"
            if !i.places.isEmpty {
                h += "<br/><span class=\"places\">" + i.places.prefix(12).map { place($0, value: r.cellValues[$0], l) }.joined(separator: " ")
                if i.count > i.places.count {
                    h += Escape.html(l.t(" 等共 \(i.count) 处", " … \(i.count) in all"))
                    // Every cell, from the dataset: the command that lists them.
                    if let figure = i.figure {
                        h += "<br/>" + Escape.html(l.t("全部来源：", "every source: ")) + "<code class=\"explain\">" + Escape.html("tieout explain \(r.workspace.root) \(figure)") + "</code>"
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
        let shown = value.map { " <span class=\"amount\">" + Escape.html("= " + $0.value.groupedText + ($0.money ? l.t(" 元", " yuan") : "")) + "</span>" } ?? ""
        return "<a class=\"place\" href=\"\(Escape.html(href))\"><code>\(Escape.html(p))</code>\(shown)</a>"
    }

    /// The report's first line: what is wrong, or that nothing is.
    static func verdict(_ c: [Finding.Status: Int], _ l: ReportLanguage) -> String {
        let n = { (s: Finding.Status) in c[s] ?? 0 }
        let problems = [Finding.Status.mismatch, .missingData, .rounding].filter { n($0) > 0 }
        if problems.isEmpty { return l.t("核对结论：全部 \(n(.ok)) 项与台账一致。", "Verdict: all \(n(.ok)) checks agree with the ledgers.") }
        let zh = problems.map { "\(l.status($0)) \(n($0)) 处" }.joined(separator: "，")
        let en = problems.map { "\(n($0)) \(l.status($0))" }.joined(separator: ", ")
        return l.t("核对结论：\(zh)；其余 \(n(.ok)) 项一致。", "Verdict: \(en); the other \(n(.ok)) checks agree.")
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
    tr.mismatch td { background: #fff5f5; } tr.missing-data td { background: #fff8ef; } tr.rounding td { background: #f3f8ff; }
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
    @media print { details { display: none; } .print-only { display: block; } .charts { display: block; } a { color: inherit; } }

    """
}
