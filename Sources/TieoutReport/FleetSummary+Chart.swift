import TieoutCore
import TieoutReconcile

extension FleetSummary {
    /// One row per unit: its cumulative spending progress at the last quarter its ledgers reach,
    /// against the schedule (25/50/75/100%, dashed), and its findings that are not ok, stacked by
    /// class worst first (Finding.Status.worstFirst) in the report's colours, with the ok count
    /// beside them. A failed unit says so.
    func chart(_ l: ReportLanguage, width: Int = 1100) -> String {
        let rowH = 28, top = 78, nameW = 220
        let progressX = nameW + 8, progressW = 260
        let findingsX = progressX + progressW + 100, findingsW = 160
        let height = top + rowH * max(units.count, 1) + 16
        let title = l.s("fleet.chart.title")
        let maxProgress = max(Amount(100), units.compactMap { $0.latestProgress.map { $0.ratio * Amount(100) } }.max() ?? Amount(100))
        let acted = Finding.Status.worstFirst.filter { $0 != .ok }
        let maxFindings = max(1, units.map { u in acted.reduce(0) { $0 + (u.findings[$1.rawValue] ?? 0) } }.max() ?? 1)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(Escape.html(title))\">"
        s += "<text x=\"\(width / 2)\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(Escape.html(title))</text>"
        s += "<text x=\"\(progressX)\" y=\"46\" font-size=\"12\" font-weight=\"bold\">\(Escape.html(l.s("fleet.chart.progress")))</text>"
        s += "<text x=\"\(progressX)\" y=\"62\" font-size=\"11\" fill=\"#555\">\(Escape.html(l.s("fleet.chart.progress-note")))</text>"
        s += "<text x=\"\(findingsX)\" y=\"46\" font-size=\"12\" font-weight=\"bold\">\(Escape.html(l.s("fleet.chart.findings")))</text>"
        var legendX = findingsX
        for c in acted {
            s += "<rect x=\"\(legendX)\" y=\"53\" width=\"10\" height=\"10\" fill=\"\(c.color)\"/>"
            s += "<text x=\"\(legendX + 14)\" y=\"62\" font-size=\"11\" fill=\"#555\">\(Escape.html(l.status(c)))</text>"
            legendX += 14 + l.status(c).count * (l == .zh ? 11 : 6) + 14
        }
        for (i, u) in units.enumerated() {
            let y = top + rowH * i
            if i % 2 == 1 { s += "<rect x=\"0\" y=\"\(y)\" width=\"\(width)\" height=\"\(rowH)\" fill=\"#fafafa\"/>" }
            let name = u.unit.isEmpty ? u.workspace : u.unit
            let shown = name.count > 18 ? String(name.prefix(17)) + "…" : name
            s += "<text x=\"\(nameW)\" y=\"\(y + 18)\" text-anchor=\"end\" font-size=\"12\">\(Escape.html(shown))<title>\(Escape.html(name + " (" + u.workspace + ")"))</title></text>"
            if u.exitCode != 0 && u.exitCode != 1 {
                s += "<text x=\"\(progressX)\" y=\"\(y + 18)\" font-size=\"12\" fill=\"#c62828\">\(Escape.html(l.s("fleet.chart.failed")))</text>"
                continue
            }
            if let (q, ratio) = u.latestProgress {
                let pct = ratio * Amount(100), schedule = Amount(q * 25)
                let w = SVGChart.pixels(min(pct, maxProgress), of: maxProgress, span: progressW)
                let text = "Q\(q) " + ratio.percentText()
                s += "<rect x=\"\(progressX)\" y=\"\(y + 6)\" width=\"\(progressW)\" height=\"\(rowH - 12)\" fill=\"#eceff1\"/>"
                s += "<rect x=\"\(progressX)\" y=\"\(y + 6)\" width=\"\(max(w, 1))\" height=\"\(rowH - 12)\" fill=\"\(pct >= schedule ? "#2e7d32" : "#c62828")\"><title>\(Escape.html(name)): \(Escape.html(text))</title></rect>"
                let mx = progressX + SVGChart.pixels(schedule, of: maxProgress, span: progressW)
                s += "<line x1=\"\(mx)\" y1=\"\(y + 2)\" x2=\"\(mx)\" y2=\"\(y + rowH - 2)\" stroke=\"#222\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"
                s += "<text x=\"\(progressX + progressW + 8)\" y=\"\(y + 18)\" font-size=\"12\">\(Escape.html(text))</text>"
            } else {
                s += "<text x=\"\(progressX)\" y=\"\(y + 18)\" font-size=\"12\" fill=\"#555\">\(Escape.html(l.s("fleet.chart.no-progress")))</text>"
            }
            var x = findingsX
            var parts: [String] = []
            for c in acted {
                let n = u.findings[c.rawValue] ?? 0
                guard n > 0 else { continue }
                let w = max(SVGChart.pixels(Amount(n), of: Amount(maxFindings), span: findingsW), 2)
                s += "<rect x=\"\(x)\" y=\"\(y + 6)\" width=\"\(w)\" height=\"\(rowH - 12)\" fill=\"\(c.color)\"><title>\(Escape.html(name)): \(Escape.html(l.status(c))) \(Self.count(n))</title></rect>"
                x += w
                parts.append(l.s("console.count", ["class": l.status(c), "n": Self.count(n)]))
            }
            let ok = l.s("console.count", ["class": l.status(.ok), "n": Self.count(u.findings[Finding.Status.ok.rawValue] ?? 0)])
            let label = parts.isEmpty ? l.s("fleet.chart.none", ["ok": ok]) : (parts + [ok]).joined(separator: " · ")
            s += "<text x=\"\(x + 6)\" y=\"\(y + 18)\" font-size=\"12\">\(Escape.html(label))</text>"
        }
        return s + "</svg>"
    }
}
