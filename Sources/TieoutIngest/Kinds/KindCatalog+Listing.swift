import TieoutCore

extension KindCatalog {
    /// One line per kind: name, title, table, key, where it was defined (`tieout kinds`).
    public func listing() -> String {
        var rows = [["kind", "title", "table", "key", "fields", "defined in"]]
        for k in kinds {
            rows.append([k.name, k.title, k.table, k.key?.joined(separator: ", ") ?? "-", String(k.fields.count), sources[k.name] ?? "built-in"])
        }
        return Self.table(rows)
    }

    /// A kind in full (`tieout kinds KIND`): its key, date field, and per field the title, type,
    /// whether required, the headers the built-in profiles read it from, and for an
    /// enumeration every value with the words and codes that are read as it.
    public func describe(_ kind: RecordKind) throws(TieoutError) -> String {
        let known = try ProfileSuggestion.aliases(self)
        let headers = known[kind.name] ?? [:]
        // Per field, the words the built-in profiles map onto its values.
        var profileWords: [String: [String: String]] = [:]
        for name in BuiltInProfiles.names {
            // A built-in profile that does not read is an error here as everywhere, never a shorter list.
            guard let text = try BuiltInProfiles.text(name) else { continue }
            let p = try Profile.parse(text, file: name, kinds: self)
            guard p.kind.name == kind.name else { continue }
            for m in p.columns { profileWords[m.field.name, default: [:]].merge(m.map) { a, _ in a } }
        }
        var out = "\(kind.name) — \(kind.title) (table \(kind.table); \(sources[kind.name] ?? "built-in"))\n"
        out += "key: " + (kind.key.map { "[" + $0.joined(separator: ", ") + "]" } ?? "none (rows have no identity across files)") + "\n"
        out += "dated by: " + (kind.dateField ?? "none") + "\n\n"
        var rows = [["field", "title", "type", "required", "headers read"]]
        for f in kind.fields {
            let type: String = if case .enumeration = f.type { "enumeration" } else { f.type.name }
            let names = (headers[f.name] ?? []).filter { $0 != f.name && $0 != f.name.replacingOccurrences(of: "_", with: " ") }
            var seen = Set<String>()
            rows.append([f.name, f.title, type, f.required ? "yes" : "no", names.filter { seen.insert($0).inserted }.joined(separator: ", ")])
        }
        out += Self.table(rows)
        for f in kind.fields {
            guard case .enumeration(let values) = f.type else { continue }
            out += "\n\(f.name) (\(f.title)): the words read as each value\n"
            for v in values {
                var words = Set(f.words.filter { $0.value == v }.map(\.key))
                words.formUnion((profileWords[f.name] ?? [:]).filter { $0.value == v && !values.contains($0.key) }.map(\.key))
                let codes = f.codes.filter { $0.value == v }.map { $0.prefix.isEmpty ? "any other code" : $0.prefix }
                var line = "  \(v): " + (words.isEmpty ? "-" : words.sorted().joined(separator: ", "))
                if !codes.isEmpty { line += "; codes " + codes.joined(separator: ", ") }
                out += line + "\n"
            }
        }
        return out
    }

    /// Columns padded to their widest cell (counting East Asian characters as two columns).
    static func table(_ rows: [[String]]) -> String {
        func width(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.properties.isIdeographic || (0xFF00...0xFF60).contains($1.value) || (0x3000...0x303F).contains($1.value) ? 2 : 1) } }
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { c in rows.map { c < $0.count ? width($0[c]) : 0 }.max() ?? 0 }
        return rows.map { row in
            var line = row.enumerated().map { c, cell in c == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - width(cell)) }
                .joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }
}
