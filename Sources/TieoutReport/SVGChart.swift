import TieoutCore

/// Small inline SVG bar charts: no scripts, no fonts to fetch, readable when printed.
enum SVGChart {
    struct Bar {
        var label: String
        var value: Amount
        var text: String       // the exact figure, as displayed
        var color: String
        var marker: Amount? = nil
        var markerText: String? = nil
    }

    /// Vertical bars with an optional marker per bar (a schedule line).
    static func columns(_ bars: [Bar], title: String, maximum: Amount, width: Int = 560, height: Int = 260) -> String {
        let left = 48, bottom = 40, top = 34
        let plotW = width - left - 16, plotH = height - bottom - top
        let slot = plotW / max(bars.count, 1)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(Escape.html(title))\">"
        s += "<text x=\"\(width / 2)\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">\(Escape.html(title))</text>"
        for k in 0...4 {
            let v = (maximum * Amount(k)).divided(by: Amount(4), scale: 0)
            let y = top + plotH - plotH * k / 4
            s += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(left + plotW)\" y2=\"\(y)\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">\(v)%</text>"
        }
        for (i, b) in bars.enumerated() {
            let x = left + slot * i + slot / 5
            let w = slot * 3 / 5
            let h = pixels(min(b.value, maximum), of: maximum, span: plotH)
            s += "<rect x=\"\(f(x))\" y=\"\(f(top + plotH - h))\" width=\"\(f(w))\" height=\"\(f(h))\" fill=\"\(b.color)\"><title>\(Escape.html(b.label)): \(Escape.html(b.text))</title></rect>"
            s += "<text x=\"\(f(x + w / 2))\" y=\"\(f(top + plotH - h - 5))\" text-anchor=\"middle\" font-size=\"12\">\(Escape.html(b.text))</text>"
            s += "<text x=\"\(f(x + w / 2))\" y=\"\(f(top + plotH + 18))\" text-anchor=\"middle\" font-size=\"12\">\(Escape.html(b.label))</text>"
            if let m = b.marker {
                let y = top + plotH - pixels(min(m, maximum), of: maximum, span: plotH)
                s += "<line x1=\"\(f(x - 6))\" y1=\"\(f(y))\" x2=\"\(f(x + w + 6))\" y2=\"\(f(y))\" stroke=\"#222\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>"
                if let t = b.markerText { s += "<text x=\"\(f(x + w + 8))\" y=\"\(f(y + 4))\" font-size=\"11\" fill=\"#222\">\(Escape.html(t))</text>" }
            }
        }
        return s + "</svg>"
    }

    /// Horizontal bars, one per row, each with its own colour.
    static func rows(_ bars: [Bar], title: String, maximum: Amount, width: Int = 560) -> String {
        let rowH = 26, top = 34, left = 150
        let height = top + rowH * bars.count + 12
        let plotW = width - left - 150
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(Escape.html(title))\">"
        s += "<text x=\"\(width / 2)\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">\(Escape.html(title))</text>"
        for (i, b) in bars.enumerated() {
            let y = top + rowH * i
            let w = pixels(min(b.value, maximum), of: maximum, span: plotW)
            s += "<text x=\"\(f(left - 8))\" y=\"\(f(y + 16))\" text-anchor=\"end\" font-size=\"12\">\(Escape.html(b.label))</text>"
            s += "<rect x=\"\(f(left))\" y=\"\(f(y + 4))\" width=\"\(f(max(w, 1)))\" height=\"\(f(rowH - 8))\" fill=\"\(b.color)\"><title>\(Escape.html(b.label)): \(Escape.html(b.text))</title></rect>"
            s += "<text x=\"\(f(left + max(w, 1) + 6))\" y=\"\(f(y + 16))\" font-size=\"12\">\(Escape.html(b.text))</text>"
        }
        return s + "</svg>"
    }

    /// A length in whole pixels: `value / maximum` of `span`, computed exactly and rounded.
    static func pixels(_ value: Amount, of maximum: Amount, span: Int) -> Int {
        guard let r = value.ratio(to: maximum), !r.isNegative else { return 0 }
        return Int((r * Amount(span)).rounded(scale: 0).significand)
    }

    static func f(_ v: Int) -> String { String(v) }
}
