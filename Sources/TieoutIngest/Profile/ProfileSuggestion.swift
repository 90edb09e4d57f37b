import TieoutCore
import TieoutCSV
import TieoutXLSX

/// A starting profile for a ledger, from what the file shows: its header and title lines,
/// the unit of a 单位 line, each column matched to a field of the kind by its name (the
/// field's title and the built-in profiles' aliases) or by the values it holds, enumeration
/// words the kind or the built-in profiles know, subtotal and cumulative rows. Every guess
/// and every column left unmapped is a comment in the YAML (`tieout suggest`).
public struct ProfileSuggestion {
    public var kind: RecordKind
    public var yaml: String
    /// The dates of the kind's date field in the rows looked at (`tieout init` takes the fiscal year from them).
    public var dates: [CalendarDate] = []
    /// The title lines above the header (`tieout init` takes the unit's name from them).
    public var titleLines: [[String]] = []
    /// The header's column names (`tieout init` gives files of one header one profile).
    public var columns: [String] = []

    /// Suggests a profile for `path`; `kindName` nil: the kind whose fields the header names best.
    /// `headerRow`: the header's row (record), as `--header-row` gives it; `others`: more files
    /// of the same layout whose rows are looked at too (words, dates, subtotal labels).
    public static func suggest(_ path: String, kind kindName: String?, sheet given: String?, headerRow: Int? = nil, others: [String] = [],
                               kinds: KindCatalog) throws(TieoutError) -> ProfileSuggestion {
        var options = TableOptions()
        options.headerRow = headerRow
        var sheet = given
        // A workbook with a sheet per month (1月 … 12月): read sheet by sheet; suggested from the first.
        var sheetsPattern: String? = nil
        if given == nil, TableFileKind.of(path) == .xlsx {
            let names = try openWorkbook(path).sheets.filter { $0.kind == .worksheet }.map(\.name)
            let suffixes = Dictionary(grouping: names.filter { $0.first?.isNumber == true }) { String($0.drop { $0.isNumber }) }
            if let (suffix, group) = suffixes.max(by: { $0.value.count < $1.value.count }), group.count >= 2, !suffix.isEmpty {
                sheetsPattern = "*" + suffix
                sheet = group.first
            }
        }
        options.sheet = sheet
        var source = try TableFileKind.openTable(path, options)
        // A header block (`单位名称：… | 期间：…`) above the header is not the header.
        var headerLine: String? = headerRow.map { "header: \($0)    # as --header-row gives it" }
        if headerRow == nil, let h = try headerBelowBlock(path, options, detected: source.header.row) {
            options.headerRow = h
            source = try TableFileKind.openTable(path, options)
            headerLine = "header: \(h)    # GUESS: the rows above it are a header block (\(source.header.titleLines.last?.filter { !$0.isEmpty }.joined(separator: " | ") ?? ""))"
        }
        let header = source.header
        var columns = header.columns.map { $0.trimmingSpaces() }
        // Up to 200 rows of cells, as text, for values, words and labels.
        var rows: [[String]] = []
        try firstRows(of: source) { row in
            guard rows.count < 200 else { return false }
            rows.append((1...max(columns.count, 1)).map { row.cell($0)?.text(date1904: source.date1904).trimmingSpaces() ?? "" })
            return true
        }
        // More files of the layout: their rows too, up to 200 each (for words and labels; the
        // period and the key are the first file's).
        let firstFileRows = rows.count
        for other in others {
            let more = try TableFileKind.openTable(other, options)
            var n = 0
            try firstRows(of: more) { row in
                guard n < 200 else { return false }
                n += 1
                rows.append((1...max(columns.count, 1)).map { row.cell($0)?.text(date1904: more.date1904).trimmingSpaces() ?? "" })
                return true
            }
        }
        let known = try aliases(kinds)
        // A key-value table: two columns, the first holding labels that name a kind's fields.
        func labelMatch(_ k: RecordKind, _ labels: [String]) -> [String: String] {
            var out: [String: String] = [:]
            for f in k.fields {
                let names = (known[k.name]?[f.name] ?? []).filter { $0.count >= 2 }
                if let l = labels.first(where: { l in l.count >= 2 && names.contains { $0 == l || $0.hasPrefix(l) || l.hasPrefix($0) } }) { out[f.name] = l }
            }
            return out
        }
        var keyValue: [String: String]? = nil
        var kindFromLabels: RecordKind? = nil
        if columns.count == 2 {
            let labels = rows.map { $0[0] }.filter { !$0.isEmpty }
            let candidates = (kindName.flatMap { kinds.named($0) }.map { [$0] } ?? kinds.kinds).map { ($0, labelMatch($0, labels)) }
            if let (k, m) = candidates.max(by: { $0.1.count < $1.1.count }), m.count >= 2 {
                keyValue = m
                if kindName == nil { kindFromLabels = k }
            }
        }
        // A wide table: three or more columns named by month (1月 … 12月).
        let monthColumns = columns.indices.filter { columns[$0].wholeMatch(of: /(\d{4}年)?\d{1,2}月/) != nil }
        func score(_ k: RecordKind, _ columns: [String], loose: Bool = true) -> Int {
            k.fields.filter { f in match(f, columns, known[k.name]?[f.name] ?? [], loose: loose) != nil }.count
        }
        // A header of two rows (金额 over 计划 and 实际): the row below the header names columns
        // the header leaves blank or spans, holds no number, and names more fields when flattened.
        var twoRows = false
        if let first = rows.first, let h = header.row, first.first?.isEmpty == true,
           first.contains(where: { !$0.isEmpty }), first.allSatisfy({ $0.isEmpty || (try? Amount.parse($0)) == nil }) {
            let flat = ProfileApplier.flatten([header.columns, first]).map { $0.trimmingSpaces() }
            let target = kindName.flatMap { kinds.named($0) }
            // Compared by whole names (a part of a name, such as 金额, would match either way).
            let before = target.map { score($0, columns, loose: false) } ?? kinds.kinds.map { score($0, columns, loose: false) }.max() ?? 0
            let after = target.map { score($0, flat, loose: false) } ?? kinds.kinds.map { score($0, flat, loose: false) }.max() ?? 0
            if after > before {
                columns = flat
                rows.removeFirst()
                twoRows = true
                _ = h
            }
        }
        func score(_ k: RecordKind) -> Int { score(k, columns) }
        let kind: RecordKind
        if let k = kindFromLabels {
            kind = k
        } else if let kindName {
            guard let k = kinds.named(kindName) else {
                throw TieoutError(code: "usage.kind", ["kind": kindName, "kinds": kinds.names.joined(separator: ", ")])
            }
            kind = k
        } else {
            guard let best = kinds.kinds.max(by: { weight($0, columns, known) < weight($1, columns, known) }), score(best) > 0 else {
                throw TieoutError(code: "usage.kind", key: "usage.no-kind-fits", ["file": path, "columns": columns.joined(separator: ", "), "kinds": kinds.names.joined(separator: "|")],
                                  location: SourceLocation(file: path))
            }
            kind = best
        }
        var out: [String] = []
        let name = path.split(separator: "/").last.map(String.init) ?? path
        out.append("# A starting profile for \(name), suggested by `tieout suggest`. Lines marked GUESS")
        out.append("# are guesses to check; UNMAPPED columns are read by no field.")
        out.append("kind: \(kind.name)" + (kindName != nil ? "" : keyValue.map { "    # GUESS: the kind whose fields its labels name best (\($0.count) of \(kind.fields.count))" }
            ?? "    # GUESS: the kind whose fields the header names best (\(score(kind)) of \(kind.fields.count))"))
        if let p = sheetsPattern {
            out.append("sheets: \"\(p)\"    # GUESS: a sheet per period, each read as its own table (suggested from '\(sheet ?? "")')")
        } else if let sheet { out.append("sheet: \(sheet)") }
        if let kv = keyValue {
            out.append("layout: key-value    # GUESS: labels in the first column, values in the second: one record")
            out.append("columns:")
            var constants: [String] = []
            for f in kind.fields {
                if let label = kv[f.name] { out.append("  \(f.name): \(yamlString(label))    # by its label") }
                else if f.required && f.type == .text { constants.append(f.name) }
                else { out.append("  # \(f.name): (\(f.title)) no label found" + (f.required ? " — REQUIRED: add its label, or give it under constants:" : "")) }
            }
            if !constants.isEmpty {
                out.append("constants: { " + constants.map { "\($0): 全单位" }.joined(separator: ", ") + " }    # GUESS: the table is the whole unit")
            }
            return ProfileSuggestion(kind: kind, yaml: out.joined(separator: "\n") + "\n", titleLines: header.titleLines, columns: columns)
        }
        if !header.titleLines.isEmpty {
            out.append("# title lines above the header: " + header.titleLines.map { $0.filter { !$0.isEmpty }.joined(separator: " ") }.joined(separator: " / "))
        }
        if let row = header.row {
            if let headerLine, !twoRows { out.append(headerLine) }
            if twoRows { out.append("header: [\(row), \(row + 1)]    # GUESS: a header of two rows, flattened as \(columns.first { $0.contains("/") } ?? "A/B")") }
            else { out.append("# the header is \(source.sheet == nil ? "record" : "row") \(row)") }
        }
        // The unit line is written once the amount columns are known (their headers may name it).
        let unitLine = out.count
        let dateColumn = kind.dateField.flatMap { d in kind.fields.first { $0.name == d } }.flatMap { f in match(f, columns, known[kind.name]?[f.name] ?? []) }
        let dates = dateColumn.map { i in rows.compactMap { try? CalendarDate.parse($0[i]) } } ?? []
        if kind.dateField != nil { out.append(periodLine(dateColumn.map { i in rows.prefix(firstFileRows).compactMap { try? CalendarDate.parse($0[i]) } } ?? [])) }
        // Labels of subtotal and cumulative rows, in the first filled cell.
        let labels = Set(rows.compactMap { $0.first { !$0.isEmpty } })
        let subtotal = ["合计", "小计", "总计"].filter { w in labels.contains { $0.replacing(" ", with: "").contains(w) && !$0.contains("累计") } }
        let cumulative = labels.filter { $0.contains("累计") }.sorted()
        if subtotal.isEmpty { out.append("subtotals: none    # no 合计/小计/总计 row found") } else {
            out.append("subtotals: { labels: [\(subtotal.joined(separator: ", "))] }    # rows labelled so are checked against the rows they sum")
        }
        if !cumulative.isEmpty {
            out.append("cumulative: { labels: [\(cumulative.joined(separator: ", "))] }    # checked against the source's periods so far")
        }
        var used = Set<Int>()
        var mapped: [String: Int] = [:]
        // The fields a wide table's month columns fill (`unpivot:`): no column of their own.
        var unpivoted = Set<String>()
        if monthColumns.count >= 3, let dated = kind.dateField,
           let value = kind.fields.first(where: { ($0.type == .amount || $0.type == .integer) && match($0, columns, known[kind.name]?[$0.name] ?? []) == nil }) {
            out.append("unpivot: { columns: \"*月\", value: \(value.name), date: \(dated) }    # GUESS: a column per month, each read as that month's \(value.name)")
            used.formUnion(monthColumns)
            unpivoted = [value.name, dated]
        }
        out.append("columns:")
        /// Each amount field's column and the line that maps it.
        var amountColumns: [(field: String, column: Int, line: Int)] = []
        for f in kind.fields where !unpivoted.contains(f.name) {
            var index = match(f, columns, known[kind.name]?[f.name] ?? []).flatMap { used.contains($0) ? nil : $0 }
            var how = "by name"
            if index == nil, let i = byValues(f, kind: kind, columns: columns, rows: rows, used: used, known: known[kind.name + "#words"] ?? [:]) {
                index = i
                how = rows.contains(where: { code($0[i], f) }) ? "GUESS by its codes" : "GUESS by its values"
            }
            guard let i = index else {
                out.append("  # \(f.name): (\(f.title)) no column found" + (f.required ? " — REQUIRED: name its column, or give it under constants:" : ""))
                continue
            }
            used.insert(i)
            mapped[f.name] = i
            if case .enumeration(let values) = f.type {
                let words = Set(rows.map { $0[i] }.filter { !$0.isEmpty })
                let knownWords = (known[kind.name + "#words"] ?? [:]).compactMapValues(\.first).merging(f.words) { a, _ in a }
                var map: [(String, String)] = [], unknown: [String] = [], closest: [(String, String)] = []
                for w in words.sorted() {
                    if values.contains(w) || f.words[w] != nil || code(w, f) { continue }
                    if let v = knownWords[w], values.contains(v) { map.append((w, v)) }
                    else if let v = closestValue(w, f, values: values, known: knownWords) { closest.append((w, v)) }
                    else { unknown.append(w) }
                }
                out.append("  \(f.name):    # \(how)")
                out.append("    from: \(columnRef(columns, i))")
                if !map.isEmpty && closest.isEmpty { out.append("    map: { " + map.map { "\(yamlString($0.0)): \($0.1)" }.joined(separator: ", ") + " }") }
                else if !closest.isEmpty {
                    out.append("    map:")
                    for (w, v) in map { out.append("      \(yamlString(w)): \(v)") }
                    for (w, v) in closest { out.append("      \(yamlString(w)): \(v)    # GUESS — CHECK: no word of \(f.name) is '\(w)'; \(v) is the closest of \(values.joined(separator: ", "))") }
                }
                for w in unknown { out.append("    # GUESS needed: '\(w)' is none of \(values.joined(separator: ", ")) — add it under map:") }
            } else if f.type == .amount {
                amountColumns.append((f.name, i, out.count))
                out.append("  \(f.name): \(columnRef(columns, i))    # \(how)")
            } else {
                out.append("  \(f.name): \(columnRef(columns, i))    # \(how)")
            }
        }
        let units = unitLines(titles: header.titleLines, amountColumns: amountColumns, columns: columns, kind: kind)
        for (line, text) in units.columns { out[line] = text }
        if let text = units.profile { out.insert(text, at: unitLine) }
        for (i, c) in columns.enumerated() where !used.contains(i) {
            out.append("  # UNMAPPED: column \(SourceLocation.letter(forColumn: i + 1)) '\(c)'")
        }
        // The kind's key repeats within the file (三公 lines under one document and item): the
        // first mapped field that tells the rows apart joins it.
        if let key = kind.key, key.allSatisfy({ mapped[$0] != nil }) {
            func tuples(_ fields: [String]) -> [[String]] { rows.prefix(firstFileRows).filter { !$0.allSatisfy(\.isEmpty) }.map { r in fields.map { r[mapped[$0]!] } } }
            // An amount or a date never joins a key: two lines of one amount would be one record,
            // and a corrected amount a new record instead of a change.
            let candidates = kind.fields.filter { $0.type != .amount && $0.type != .date && !key.contains($0.name) && mapped[$0.name] != nil }.map(\.name)
            if Set(tuples(key)).count < tuples(key).count {
                if let extra = candidates.first(where: { Set(tuples(key + [$0])).count == tuples(key).count }) {
                    out.append("key: [\((key + [extra]).joined(separator: ", "))]    # GUESS: the kind's key (\(key.joined(separator: ", "))) repeats in this file; \(extra) tells the rows apart")
                } else {
                    out.append("# GUESS needed: the kind's key (\(key.joined(separator: ", "))) repeats in this file and no mapped text field tells the rows apart: map the column that does (an entry number, a control line) and add it under key:")
                }
            }
        }
        return ProfileSuggestion(kind: kind, yaml: out.joined(separator: "\n") + "\n", dates: dates, titleLines: header.titleLines, columns: columns)
    }

    /// The profile's `unit:` line and the amount columns that need a unit of their own. The
    /// evidence, strongest first: a 单位 line above the header; a unit in a column's header
    /// (`计划金额（万元）`), which that column keeps whatever the rest say; else 元, as a loud guess.
    static func unitLines(titles: [[String]], amountColumns: [(field: String, column: Int, line: Int)], columns: [String],
                          kind: RecordKind) -> (profile: String?, columns: [(Int, String)]) {
        guard kind.fields.contains(where: { $0.type == .amount }) else { return (nil, []) }
        let named = amountColumns.map { (column: $0, unit: MoneyUnit.named(inHeader: columns[$0.column])) }
        let profile: String
        var base: MoneyUnit
        if let title = ProfileApplier.unitFromTitles(titles) {
            profile = "unit: from-title    # a 单位 line names the unit"
            base = title
        } else if let first = named.first?.unit, named.allSatisfy({ $0.unit == first }) {
            profile = "unit: \(first.symbol)    # every amount column's header names \(first.symbol)"
            base = first
        } else if named.contains(where: { $0.unit != nil }) {
            let without = named.filter { $0.unit == nil }.map { "'\(columns[$0.column.column])'" }.joined(separator: ", ")
            profile = "unit: 元    # GUESS — CHECK: no 单位 line, and \(without) name no unit; taken as 元 (the other columns' units are their headers')"
            base = .yuan
        } else {
            profile = "unit: 元    # GUESS — CHECK: no 单位 line and no amount column's header names a unit; amounts taken as 元 (write unit: 万元 if they are in 万元)"
            base = .yuan
        }
        var lines: [(Int, String)] = []
        for n in named {
            guard let u = n.unit, u != base else { continue }
            lines.append((n.column.line, "  \(n.column.field): { from: \(columnRef(columns, n.column.column)), unit: \(u.symbol) }    # by name; the unit its header names"))
        }
        return (profile, lines)
    }

    /// Per kind: field → the names that call it (its name, its title, the built-in profiles'
    /// aliases); and per kind "#words": a ledger word → an enumeration value.
    static func aliases(_ kinds: KindCatalog) throws(TieoutError) -> [String: [String: [String]]] {
        var out: [String: [String: [String]]] = [:]
        var words: [String: [String: String]] = [:]
        for k in kinds.kinds {
            for f in k.fields { out[k.name, default: [:]][f.name] = [f.title, f.name, f.name.replacingOccurrences(of: "_", with: " ")] }
        }
        for name in BuiltInProfiles.names {
            guard let text = try BuiltInProfiles.text(name), let p = try? Profile.parse(text, file: name, kinds: kinds) else { continue }
            for m in p.columns {
                out[p.kind.name, default: [:]][m.field.name, default: []] += m.from
                for (w, v) in m.map { words[p.kind.name, default: [:]][w] = v }
            }
        }
        var result: [String: [String: [String]]] = out
        for (k, w) in words { result[k + "#words"] = w.mapValues { [$0] } }
        return result
    }

    /// The column a field's names call (exact first, then a header containing a name).
    static func match(_ f: FieldSpec, _ columns: [String], _ names: [String], loose: Bool = true) -> Int? {
        for n in names { if let i = columns.firstIndex(of: n) { return i } }
        for n in names where n.count >= 2 { if let i = columns.firstIndex(where: { $0.contains(n) }) { return i } }
        // A shorter header that ends a known name (名称 for 指标名称).
        for n in names where loose { if let i = columns.firstIndex(where: { $0.count >= 2 && n.hasSuffix($0) && n != $0 }) { return i } }
        return nil
    }

    static func byValues(_ f: FieldSpec, kind: RecordKind, columns: [String], rows: [[String]], used: Set<Int>, known: [String: [String]]) -> Int? {
        /// More than nine in ten of the column's filled cells pass `test` (counted exactly).
        func mostly(_ i: Int, _ test: (String) -> Bool) -> Bool {
            let cells = rows.map { $0[i] }.filter { !$0.isEmpty }
            return !cells.isEmpty && cells.filter(test).count * 10 > cells.count * 9
        }
        for i in columns.indices where !used.contains(i) {
            switch f.type {
            case .date where mostly(i, { (try? CalendarDate.parse($0)) != nil }): return i
            case .enumeration(let values) where mostly(i, { values.contains($0) || f.words[$0] != nil || known[$0] != nil || code($0, f) }): return i
            case .amount where mostly(i, { (try? CalendarDate.parse($0)) == nil && (try? Amount.parse($0)) != nil }): return i
            default: continue
            }
        }
        return nil
    }

    /// A cell that starts with a code (`30212 因公出国(境)费用`: three or more digits, then a
    /// space or the end) the field's kind knows.
    static func code(_ cell: String, _ f: FieldSpec) -> Bool {
        let digits = cell.prefix { $0.isASCII && $0.isNumber }
        guard digits.count >= 3, cell.count == digits.count || cell.dropFirst(digits.count).first == " " else { return false }
        return f.codes.contains { cell.hasPrefix($0.prefix) }
    }

    static func yamlString(_ s: String) -> String {
        s.isEmpty || s.contains(where: { ":#{}[],&*!|>'\"%@`".contains($0) }) || s.first == " " ? "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : s
    }
}

extension ProfileApplier {
    /// `单位：万元` in the title lines (public for `tieout suggest`).
    public static func unit(inTitles titles: [[String]]) -> MoneyUnit? { unitFromTitles(titles) }
}
