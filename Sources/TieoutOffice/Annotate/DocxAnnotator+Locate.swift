/// Finding each mark's figure in the document's text.
extension DocumentText {
    /// A figure's place: a range of `scalars`, and whether it is the figure itself (false:
    /// its sentence, when the figure as printed is not in it — a zero stated in words).
    struct Place {
        var range: Range<Int>
        var exact: Bool
    }

    /// The places of every mark, nil for one not found: the `occurrence`-th place, in the
    /// document, of the figure as printed (with its unit) inside its sentence.
    func locate(_ figures: [StatedFigure]) -> [Place?] {
        var cache: [Key: [Place]] = [:]
        var rowKeys: [RowKey]?
        return figures.map { f in
            let key = Key(sentence: f.sentence, text: f.text, unit: f.unit)
            if cache[key] == nil {
                if f.isTableRow {
                    if rowKeys == nil { rowKeys = self.rowKeys() }
                    cache[key] = rowPlaces(key, rows: rowKeys!)
                } else {
                    cache[key] = places(key)
                }
            }
            let all = cache[key]!
            return f.occurrence < all.count ? all[f.occurrence] : nil
        }
    }

    struct Key: Hashable {
        var sentence: String
        var text: String
        var unit: String
    }

    /// Every place of a figure so printed in a sentence so worded, in document order.
    private func places(_ k: Key) -> [Place] {
        let figure = Self.squeeze(k.text)
        let sentence = Self.squeeze(k.sentence)
        guard !sentence.isEmpty else { return [] }
        let withUnit = figure + Self.squeeze(k.unit)
        var out: [Place] = []
        for s in find(sentence) {
            let hits = find(withUnit, from: s, to: s + sentence.count).filter { isBoundary(before: $0, from: s) }
            if hits.isEmpty {
                out.append(Place(range: textRange(s..<(s + sentence.count)), exact: false))
            } else {
                // The figure only, without its unit: 2,935.01 of 2,935.01万元, 99.46% whole.
                out += hits.map { Place(range: textRange($0..<($0 + figure.count)), exact: true) }
            }
        }
        return out
    }

    /// A table row as an annex score's sentence quotes it: its non-empty cells, squeezed,
    /// joined by U+0001; and its last non-empty cell.
    struct RowKey {
        var joined: [UInt32]
        var last: Range<Int>
    }

    private func rowKeys() -> [RowKey] {
        rows.compactMap { row in
            var joined: [UInt32] = []
            var last: Range<Int>?
            for c in row {
                var cell: [UInt32] = []
                for i in c where !Self.isBlank(scalars[i]) { cell.append(scalars[i] == 0xFF05 ? 0x25 : scalars[i]) }
                guard !cell.isEmpty else { continue }
                if last != nil { joined.append(1) }
                joined += cell
                last = c
            }
            return last.map { RowKey(joined: joined, last: $0) }
        }
    }

    /// An annex row's score: the rows whose non-empty cells, joined by ` | `, are the
    /// sentence; the figure in the last of them.
    private func rowPlaces(_ k: Key, rows: [RowKey]) -> [Place] {
        let wanted = Self.squeeze(k.sentence.replacingAll(" | ", with: "\u{1}"))
        let figure = Self.squeeze(k.text)
        var out: [Place] = []
        for row in rows where row.joined == wanted {
            let sq = squeezedRange(of: row.last)
            if let hit = find(figure, from: sq.lowerBound, to: sq.upperBound).last {
                out.append(Place(range: textRange(hit..<(hit + figure.count)), exact: true))
            } else {
                out.append(Place(range: textRange(sq), exact: false))
            }
        }
        return out
    }

    /// Whether the figure found at squeezed `i` starts there (15.00 is not 5.00).
    private func isBoundary(before i: Int, from start: Int) -> Bool {
        guard i > 0 else { return true }
        let p = squeezed[i - 1]
        let isAlnum = (p >= 0x30 && p <= 0x39) || (p >= 0x41 && p <= 0x5A) || (p >= 0x61 && p <= 0x7A)
        return !(isAlnum || p == 0x2E || p == 0x2C)
    }
}

extension String {
    func replacingAll(_ a: String, with b: String) -> String {
        split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}
