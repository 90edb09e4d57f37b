import TieoutCore
import TieoutReconcile

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
        h += "<p class=\"summary\">" + Finding.Status.allCases.map {
            "<span class=\"badge\" style=\"background:\($0.color)\">\(Escape.html(l.status($0))) \(c[$0] ?? 0)</span>"
        }.joined(separator: " ") + "</p>\n"
        let dataset = DatasetSection.lines(r.dataset, l)
        h += "<div class=\"dataset\(r.dataset.isCurrent ? "" : " stale")\">" + dataset.map { "<p>" + Escape.html($0) + "</p>" }.joined() + "</div>\n"
        h += "<p class=\"note\">" + Escape.html(l.t("金额单位：\(r.display.unit.symbol)，保留 \(r.display.decimals) 位小数（四舍五入）。每个数字均由台账复算，展开发现可见其来源单元格。",
                                                    "Money in \(r.display.unit.symbol), \(r.display.decimals) decimals, rounded half-up. Every figure is recomputed from the ledgers; open a finding to see its source cells.")) + "</p>\n"
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
        let byClass = Finding.Status.allCases.map { s in
            SVGChart.Bar(label: l.status(s), value: Amount(c[s] ?? 0), text: "\(c[s] ?? 0)", color: s.color)
        }
        h += SVGChart.rows(byClass, title: l.t("发现（按类别）", "Findings by class"), maximum: byClass.map(\.value).max() ?? Amount(1)) + "\n"
        h += "</section>\n"
        // Key figures.
        h += "<h2>" + Escape.html(l.t("关键数字", "Key figures")) + "</h2>\n<table class=\"figures\">\n"
        h += "<tr><th>" + Escape.html(l.t("数字", "figure")) + "</th><th>" + Escape.html(l.t("台账复算", "from the ledgers")) + "</th><th>" + Escape.html(l.t("计算", "formula")) + "</th></tr>\n"
        for id in KeyFigures.ids {
            guard let f = r.book[id] else { continue }
            h += "<tr><td>\(Escape.html(l.title(f)))</td><td class=\"num\">\(Escape.html(r.display.text(f.value, f.kind)))</td><td>\(Escape.html(f.formula))</td></tr>\n"
        }
        h += "</table>\n"
        for section in extraSections { h += section }
        // Findings.
        h += "<h2>" + Escape.html(l.t("发现", "Findings")) + "</h2>\n<table class=\"findings\">\n"
        h += "<tr><th>" + [l.t("结果", "class"), l.t("核对项（点击展开来源）", "check (open for sources)"), l.t("报告/应为", "stated/expected"), l.t("台账", "ledgers"),
                           l.t("差异", "difference"), l.t("涉及评分项", "rubric items")].map(Escape.html).joined(separator: "</th><th>") + "</th></tr>\n"
        for f in r.orderedFindings {
            let rubric = f.rubric.map { "\($0.item)（\($0.points)）" }.joined(separator: "、")
            h += "<tr class=\"\(f.status.rawValue)\" id=\"\(Escape.html(f.id))\"><td><span class=\"badge\" style=\"background:\(f.status.color)\">\(Escape.html(l.status(f.status)))</span></td>"
            h += "<td><details><summary>\(Escape.html(l.title(f)))</summary>"
            if let s = f.section { h += "<p class=\"section\">\(Escape.html(l.t("报告位置：", "Stated in: ") + s))</p>" }
            h += "<p>\(Escape.html(l.explanation(f)))</p><ul>"
            for i in f.inputs {
                h += "<li>\(Escape.html(i.label))：<b>\(Escape.html(i.value))</b>"
                if !i.places.isEmpty {
                    h += "<br/><span class=\"places\">" + i.places.prefix(12).map { "<code>\(Escape.html($0))</code>" }.joined(separator: " ")
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
            h += "</ul></details></td>"
            h += "<td class=\"num\">\(Escape.html(f.expected ?? ""))</td><td class=\"num\">\(Escape.html(f.actual ?? ""))</td><td class=\"num\">\(Escape.html(f.difference ?? ""))</td><td>\(Escape.html(rubric))</td></tr>\n"
        }
        h += "</table>\n"
        h += "<p class=\"note\">" + Escape.html(l.t("由 Tieout 生成：台账 → 数据集 → 复算 → 核对。", "Made by Tieout: ledgers → dataset → recomputed figures → checks.")) + "</p>\n"
        h += "</body>\n</html>\n"
        return h
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
    .places code { font-size: 11px; color: #444; margin-right: 4px; }
    .section { color: #666; margin: 4px 0; }
    @media print { details { display: block; } }

    """
}
