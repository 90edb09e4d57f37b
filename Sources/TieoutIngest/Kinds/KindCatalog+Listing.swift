import TieoutCore

extension KindCatalog {
    /// One line per kind: name, title, table, key, where it was defined (`tieout kinds`).
    /// The words are the catalog's (`tools.kinds.*`) in the language asked for; names, titles and tables are data.
    public func listing(english: Bool = false) -> String {
        func say(_ key: String) -> String { Catalog.text(key, english: english) }
        var rows = [["kind", "title", "table", "key", "fields", "defined-in"].map { say("tools.kinds.col." + $0) }]
        for k in kinds {
            rows.append([k.name, k.title, k.table, k.key?.joined(separator: ", ") ?? "-", String(k.fields.count), shownSource(k.name, english: english)])
        }
        return Self.table(rows)
    }

    /// A kind in full (`tieout kinds KIND`): its key, date field, and per field the title, type,
    /// whether required, the headers the built-in profiles read it from, and for an
    /// enumeration every value with the words and codes that are read as it.
    public func describe(_ kind: RecordKind, english: Bool = false) throws(TieoutError) -> String {
        func say(_ key: String, _ args: [String: any CustomStringConvertible] = [:]) -> String { Catalog.text(key, english: english, args) }
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
        let separator = say("tools.kinds.list.separator")
        var out = say("tools.kinds.head", ["kind": kind.name, "title": kind.title, "table": kind.table, "source": shownSource(kind.name, english: english)]) + "\n"
        out += say("tools.kinds.key", ["key": kind.key.map { "[" + $0.joined(separator: ", ") + "]" } ?? say("tools.kinds.key.none")]) + "\n"
        out += say("tools.kinds.dated", ["field": kind.dateField ?? say("tools.kinds.dated.none")]) + "\n\n"
        var rows = [["field", "title", "type", "required", "headers"].map { say("tools.kinds.col." + $0) }]
        for f in kind.fields {
            let typeName: String = if case .enumeration = f.type { "enumeration" } else { f.type.name }
            let type = say("tools.kinds.type." + typeName)
            let names = (headers[f.name] ?? []).filter { $0 != f.name && $0 != f.name.replacingOccurrences(of: "_", with: " ") }
            var seen = Set<String>()
            rows.append([f.name, f.title, type, say(f.required ? "tools.kinds.yes" : "tools.kinds.no"), names.filter { seen.insert($0).inserted }.joined(separator: separator)])
        }
        out += Self.table(rows)
        for f in kind.fields {
            guard case .enumeration(let values) = f.type else { continue }
            out += "\n" + say("tools.kinds.words", ["field": f.name, "title": f.title]) + "\n"
            for v in values {
                var words = Set(f.words.filter { $0.value == v }.map(\.key))
                words.formUnion((profileWords[f.name] ?? [:]).filter { $0.value == v && !values.contains($0.key) }.map(\.key))
                let codes = f.codes.filter { $0.value == v }.map { $0.prefix.isEmpty ? say("tools.kinds.any-code") : $0.prefix }
                var line = say("tools.kinds.value", ["value": v, "words": words.isEmpty ? "-" : words.sorted().joined(separator: separator)])
                if !codes.isEmpty { line += say("tools.kinds.codes", ["codes": codes.joined(separator: separator)]) }
                out += line + "\n"
            }
        }
        return out
    }

    /// Where a kind is defined: its file (`kinds/contract.yaml`), or the catalog's word for built in.
    func shownSource(_ name: String, english: Bool) -> String {
        guard let source = sources[name], source != "built-in" else { return Catalog.text("tools.kinds.built-in", english: english) }
        return source
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
