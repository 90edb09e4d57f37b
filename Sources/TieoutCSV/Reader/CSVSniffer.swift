/// Picks the delimiter under which the sample's records have the most
/// consistent number of fields (more than one). Ties go to `,` then tab, `;`, `|`.
enum CSVSniffer {
    static func sniff(_ sample: UnsafeBufferPointer<UInt8>, complete: Bool) -> CSVDialect {
        var best = CSVDialect.comma
        var bestScore = 0
        for d in CSVDialect.candidates {
            let counts = fieldCounts(sample, delimiter: d, complete: complete)
            var freq: [Int: Int] = [:]
            for c in counts where c > 1 { freq[c, default: 0] += 1 }
            guard let (mode, hits) = freq.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
            // Weight by consistency; a single-field file scores 0 for every delimiter.
            let score = hits * 1000 + mode
            if score > bestScore { bestScore = score; best = CSVDialect(delimiter: d) }
        }
        return best
    }

    /// Field counts per record, quote-aware; the last record is dropped if the sample is cut.
    static func fieldCounts(_ b: UnsafeBufferPointer<UInt8>, delimiter: UInt8, complete: Bool) -> [Int] {
        var counts: [Int] = []
        var fields = 1
        var inQuotes = false
        var i = 0
        var lineHasContent = false
        while i < b.count {
            let c = b[i]
            if inQuotes {
                if c == 0x22 {
                    if i + 1 < b.count && b[i + 1] == 0x22 { i += 2; continue }
                    inQuotes = false
                }
            } else if c == 0x22 {
                inQuotes = true; lineHasContent = true
            } else if c == delimiter {
                fields += 1; lineHasContent = true
            } else if c == 0x0A || c == 0x0D {
                if lineHasContent { counts.append(fields) }
                fields = 1; lineHasContent = false
                if c == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A { i += 1 }
            } else {
                lineHasContent = true
            }
            i += 1
        }
        if complete && lineHasContent { counts.append(fields) }
        return counts
    }
}
