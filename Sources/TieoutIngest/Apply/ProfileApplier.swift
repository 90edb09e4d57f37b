import TieoutCore
import TieoutCSV
import TieoutXLSX

/// Applies a profile to a file: reads it through the shared table interface,
/// finds the header (flattening multi-row headers), skips and checks subtotal
/// rows, types every mapped cell, and hands out records and rejects. Every row
/// below the header is accounted for exactly once.
///
/// ```swift
/// let applier = ProfileApplier(profile)
/// let result = try applier.apply(path: "ledgers/treasury/2024-03.csv",
///                                onRecord: { records.append($0) }, onReject: { rejects.append($0) })
/// result.accounting.addsUp   // true, always
/// ```
public struct ProfileApplier {
    public let profile: Profile

    public init(_ profile: Profile) {
        self.profile = profile
    }

    public func apply(path: String, onRecord: (Record) -> Void, onReject: (RowReject) -> Void) throws(TieoutError) -> ApplyResult {
        try withoutActuallyEscaping(onRecord) { (f) throws(TieoutError) -> ApplyResult in
            var sink = RecordCallbackSink(onRecord: f)
            return try apply(path: path, into: &sink, onReject: onReject)
        }
    }

    /// Like ``apply(path:onRecord:onReject:)``, handing typed rows to `sink` without
    /// making a ``Record`` of each (for writers that copy the values at once).
    public func apply<Sink: RecordSink>(path: String, into sink: inout Sink, onReject: (RowReject) -> Void) throws(TieoutError) -> ApplyResult {
        var options = TableOptions()
        if let e = profile.encoding, let choice = EncodingChoice(name: e) { options.csv.encoding = choice }
        if let d = profile.delimiter, let dialect = CSVDialect(delimiterName: d) { options.csv.dialect = dialect }
        options.sheet = profile.sheet
        options.sheetFix = "`sheet:` in \(profile.file)"
        options.range = profile.range
        options.headerRow = profile.headerRows?.last
        let source = try TableFileKind.openTable(path, options)
        return try run(source, into: &sink, onReject: onReject)
    }

    /// The code of a cell that does not read as its field's type.
    static func code(for type: FieldType) -> ErrorCode {
        switch type {
        case .amount: "value.amount"
        case .percentage: "value.percentage"
        case .date: "value.date"
        case .integer: "value.integer"
        case .boolean: "value.boolean"
        case .enumeration: "value.enumeration"
        case .text: "value.text"
        }
    }

    /// Column names of a header of several rows: each column's parts, top to
    /// bottom, joined by `/` (`预算数/基本支出`). An empty cell in an upper row
    /// takes the text to its left when the row below has text there (a merged
    /// or spanning header cell).
    public static func flatten(_ rows: [[String]]) -> [String] {
        let width = rows.map(\.count).max() ?? 0
        var grid = rows.map { r in (0..<width).map { $0 < r.count ? r[$0].trimmingSpaces() : "" } }
        for r in 0..<max(0, grid.count - 1) {
            for c in 1..<max(1, width) where grid[r][c].isEmpty && !grid[r][c - 1].isEmpty && !grid[r + 1][c].isEmpty {
                grid[r][c] = grid[r][c - 1]
            }
        }
        return (0..<width).map { c in
            var parts: [String] = []
            for r in grid.indices where !grid[r][c].isEmpty && parts.last != grid[r][c] { parts.append(grid[r][c]) }
            return parts.joined(separator: "/")
        }
    }

    /// `单位：万元`, `金额单位:元` in the title lines.
    static func unitFromTitles(_ titles: [[String]]) -> MoneyUnit? {
        for line in titles {
            for cell in line {
                let t = cell.replacing(" ", with: "")
                for marker in ["单位：", "单位:"] {
                    if let r = t.firstRange(of: marker) {
                        let rest = t[r.upperBound...]
                        for unit in [MoneyUnit.yiYuan, .wanYuan, .yuan] where rest.hasPrefix(unit.symbol) { return unit }
                    }
                }
            }
        }
        return nil
    }

    func run<S: TableSource, Sink: RecordSink>(_ source: S, into sink: inout Sink, onReject: (RowReject) -> Void) throws(TieoutError) -> ApplyResult {
        let file = source.file
        let kind = profile.kind
        var header = source.header
        let headerRow = header.row.map { row in
            source.sheet == nil ? SourceLocation(file: file, record: row) : SourceLocation(file: file, sheet: source.sheet, line: row)
        } ?? SourceLocation(file: file, sheet: source.sheet)
        if let rows = profile.headerRows, rows.count > 1 {
            let upper = header.titleLines.suffix(rows.count - 1)
            guard upper.count == rows.count - 1 else {
                throw TieoutError(code: "profile.header", what: "the header rows \(rows) of \(file) are not all filled",
                                  location: headerRow, help: "List only the rows that hold column names in `header:` of \(profile.file).")
            }
            header.columns = Self.flatten(Array(upper) + [header.columns])
            header.titleLines.removeLast(rows.count - 1)
        }
        // Columns.
        func resolve(_ names: [String], line: Int?, what: String) throws(TieoutError) -> Int {
            for n in names {
                if let i = header.columns.firstIndex(of: n.trimmingSpaces()) { return i + 1 }
            }
            for n in names {
                if let i = ColumnReference.index(of: n, in: header.columns), !header.columns.contains(n), Self.isReference(n) { return i + 1 }
            }
            let known = header.columns.filter { !$0.isEmpty }.map { "'\($0)'" }.joined(separator: ", ")
            throw TieoutError(code: "profile.column",
                              what: "\(file) has no column \(names.map { "'\($0)'" }.joined(separator: " or ")) for \(what) (\(profile.file) line \(line.map(String.init) ?? "?"))",
                              location: headerRow,
                              help: "Its columns are \(known.isEmpty ? "unnamed" : known); add the header text as an alias in `from:`, or name the column by letter.")
        }
        var columnOf: [Int?] = Array(repeating: nil, count: kind.fields.count)
        // Per mapped field, its spec and mapping behind one reference: passed to the typing
        // function without copying (and retaining) every string and array inside them, per cell.
        var plans: [FieldPlan?] = Array(repeating: nil, count: kind.fields.count)
        var absent: [String] = []
        for m in profile.columns {
            let i = kind.fields.firstIndex { $0.name == m.field.name }!
            do {
                columnOf[i] = try resolve(m.from, line: m.line, what: "\(m.field.name) (\(m.field.title))")
            } catch where !m.field.required {
                // An optional field the export does not have: left blank, and said so.
                absent.append(m.field.name)
                continue
            }
            plans[i] = FieldPlan(spec: kind.fields[i], mapping: m)
        }
        // The unit in force.
        var unit = MoneyUnit.yuan
        switch profile.unit {
        case .fixed(let u): unit = u
        case .fromTitle:
            guard let u = Self.unitFromTitles(header.titleLines) else {
                throw TieoutError(code: "profile.unit", what: "\(file) has no title line naming its unit (such as 单位：万元)",
                                  location: headerRow,
                                  help: "Export the file with its 单位 line, or give the unit in a workspace profile (profiles/\(profile.name).yaml): `unit: 元` or `unit: 万元`.")
            }
            unit = u
        }
        var constants: [FieldValue?] = Array(repeating: nil, count: kind.fields.count)
        for c in profile.constants {
            let i = kind.fields.firstIndex { $0.name == c.field.name }!
            constants[i] = try Self.constant(c.value, field: c.field, file: profile.file, line: c.line)
        }
        let rule = profile.subtotals
        let labelColumn = try rule?.column.map { (c: String) throws(TieoutError) -> Int in try resolve([c], line: nil, what: "subtotal labels") }
        let codeColumn = try rule?.hierarchy.map { (c: String) throws(TieoutError) -> Int in try resolve([c], line: nil, what: "hierarchy codes") }
        let checked: [Int] = rule.map { r in
            let names = r.check.isEmpty ? profile.columns.filter { $0.field.type == .amount || $0.field.type == .integer }.map(\.field.name) : r.check
            return names.compactMap { n in kind.fields.firstIndex { $0.name == n } }.filter { columnOf[$0] != nil }
        } ?? []
        // Compiled once (Profile.parse has checked that each compiles).
        let patterns: [(text: String, regex: Regex<AnyRegexOutput>)] = profile.skipPatterns.compactMap { p in (try? Regex(p)).map { (p, $0) } }
        let date1904 = source.date1904
        let dateIndex = kind.dateField.flatMap { d in kind.fields.firstIndex { $0.name == d } }

        var result = ApplyResult(header: header, sheet: source.sheet, unit: unit)
        result.absentFields = absent
        let letters: [String?] = columnOf.map { $0.map { SourceLocation.letter(forColumn: $0) } }
        for (i, c) in columnOf.enumerated() {
            if let c { result.fieldColumns.append((kind.fields[i].name, letters[i]!, (c - 1 < header.columns.count ? header.columns[c - 1] : ""))) }
        }
        sink.start(kind: kind, columnLetters: letters)
        // One row's values, reused row after row; a text field's cell bytes stay in place (`verbatim`).
        let fieldCount = kind.fields.count
        let values = UnsafeMutableBufferPointer<FieldValue?>.allocate(capacity: fieldCount)
        values.initialize(repeating: nil)
        let verbatim = UnsafeMutableBufferPointer<UnsafeBufferPointer<UInt8>?>.allocate(capacity: fieldCount)
        verbatim.initialize(repeating: nil)
        defer {
            values.deinitialize().deallocate()
            verbatim.deinitialize().deallocate()
        }
        let typed = TypedRow(row: 0, line: nil, values: UnsafeBufferPointer(values), texts: UnsafeBufferPointer(verbatim))
        let labelBytes = rule?.labels.map { Array($0.utf8) } ?? []
        var dataRowsSeen = 0
        // Label subtotals: sums since the previous subtotal and since the start.
        var groupSums = [Amount](repeating: .zero, count: kind.fields.count), allSums = groupSums
        var groupRows = 0, allRows = 0, groupRejects = 0, allRejects = 0
        // Hierarchy: every row kept until the end, then parents checked against their children.
        var held: [Held] = []

        try source.forEachRow { (row: S.Row) throws(TieoutError) in
            result.accounting.read += 1
            var location: SourceLocation { row.location(column: nil) }
            func texts() -> [String] {
                var out: [String] = []
                var c = 1
                let last = row.fieldCount ?? max(header.columns.count, 1)
                while c <= last { out.append(row.cell(c)?.text(date1904: date1904) ?? ""); c += 1 }
                return out
            }
            func skip(_ reason: String) {
                result.accounting.skipped += 1
                result.skipped.append(SkippedRow(location: location, reason: reason))
            }
            dataRowsSeen += 1
            if dataRowsSeen <= profile.skipRows { return skip("one of the \(profile.skipRows) rows below the header that the profile skips") }
            if !patterns.isEmpty {
                let cells = texts()
                if let p = patterns.first(where: { p in cells.contains { (try? p.regex.firstMatch(in: $0)) != nil } }) {
                    return skip("a cell matches the skip pattern \(p.text)")
                }
            }
            // A missing or extra delimiter shifts the columns: which value is which is a guess.
            if let fields = row.fieldCount, header.row != nil, fields != header.columns.count {
                result.accounting.rejected += 1
                groupRejects += 1; allRejects += 1
                onReject(RowReject(location: location, code: "table.shifted-columns", reason: "the record has \(fields) fields but the header has \(header.columns.count), so its columns may be shifted", cells: texts()))
                return
            }
            // A subtotal row by its label (bytes compared in place: this runs on every row).
            if let rule, rule.hierarchy == nil {
                var labelCell: Cell? = nil
                if let labelColumn { labelCell = row.cell(labelColumn) }
                else {
                    var c = 1
                    let last = row.fieldCount ?? max(header.columns.count, 1)
                    while c <= last {
                        if let cell = row.cell(c), cell.kind != .empty { labelCell = cell; break }
                        c += 1
                    }
                }
                var compact = ""
                var matched: String? = nil
                if let labelCell, labelCell.kind == .text || labelCell.kind == .empty {
                    // The label without spaces (合 计, as some exports print it), made only for a
                    // row that may be a subtotal: one holding a label's bytes, or a space.
                    let hit = labelCell.withUTF8 { b in labelBytes.firstIndex { Self.contains(b, $0) } }
                    if hit != nil || labelCell.withUTF8({ b in b.contains(0x20) || Self.contains(b, Self.ideographicSpace) }) {
                        compact = labelCell.text(date1904: date1904).replacing(" ", with: "").replacing("\u{3000}", with: "")
                        matched = hit.map { rule.labels[$0] } ?? rule.labels.first { compact.contains($0) }
                    }
                }
                if let label = matched {
                    result.accounting.subtotal += 1
                    let isGroup = label.contains("小计")
                    for i in checked {
                        let column = columnOf[i]!
                        let cell = row.cell(column)
                        var stated: Amount? = nil
                        var unreadable = false
                        let cellUnit = kind.fields[i].type == .amount ? (plans[i]?.mapping.unit.flatMap(Self.fixedUnit) ?? unit) : .yuan
                        do throws(CellValueError) { stated = try cell?.amount(unit: cellUnit) }
                        catch { unreadable = true }
                        let computed = isGroup ? groupSums[i] : allSums[i]
                        let partial = isGroup ? groupRejects > 0 : allRejects > 0
                        let status: SubtotalCheck.Status = partial ? .incomplete : (!unreadable && stated == computed ? .ok : .mismatch)
                        result.subtotals.append(SubtotalCheck(location: row.location(column: column), label: compact, field: kind.fields[i].name,
                                                              stated: stated, computed: computed, rows: isGroup ? groupRows : allRows, status: status))
                    }
                    groupSums = [Amount](repeating: .zero, count: kind.fields.count)
                    groupRows = 0; groupRejects = 0
                    return
                }
            }
            // Type the row.
            for i in 0..<fieldCount { values[i] = constants[i]; verbatim[i] = nil }
            var failure: (column: Int?, code: ErrorCode, reason: String)? = nil
            fieldLoop: for i in 0..<fieldCount {
                if constants[i] != nil { continue }
                guard let column = columnOf[i] else { continue }
                guard let cell = row.cell(column), cell.kind != .empty || cell.hasFormula else {
                    let spec = kind.fields[i]
                    if spec.required { failure = (column, "value.required-blank", "\(spec.name) (\(spec.title)) is blank, and every \(kind.name) needs one"); break fieldLoop }
                    continue
                }
                let plan = plans[i]!
                // A text cell for a text field: its bytes, verbatim (a String only if a Record is made).
                if plan.isText && cell.kind == .text {
                    let bytes = cell.withUTF8 { $0 }
                    // A NUL byte would cut the text wherever it is read as a C string: the row is
                    // rejected with where it is, never stored cut short.
                    if let nul = bytes.firstIndex(of: 0) {
                        let spec = plan.spec
                        let at = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<nul]), as: UTF8.self).count + 1
                        failure = (column, "value.nul", "\(spec.name) (\(spec.title)) holds a NUL byte (U+0000) at character \(at): ledger text never does, so the export is damaged or is not the text it seems; re-export it from the system")
                        break fieldLoop
                    }
                    if !bytes.isEmpty { verbatim[i] = bytes; continue }
                }
                switch Self.value(of: cell, field: plan.spec, mapping: plan.mapping, unit: unit, date1904: date1904) {
                case .success(let v):
                    values[i] = v
                    let spec = plan.spec
                    if v == nil && spec.required { failure = (column, "value.required-blank", "\(spec.name) (\(spec.title)) is blank, and every \(kind.name) needs one"); break fieldLoop }
                case .failure(let e):
                    let spec = plan.spec
                    failure = (column, Self.code(for: spec.type), "\(spec.name) (\(spec.title)): \(e.message)")
                    break fieldLoop
                }
            }
            if let codeColumn {
                let code = (row.cell(codeColumn)?.text(date1904: date1904) ?? "").trimmingSpaces()
                if let failure {
                    result.accounting.rejected += 1
                    onReject(RowReject(location: row.location(column: failure.column), code: failure.code, reason: failure.reason, cells: texts()))
                }
                let record = failure == nil ? typed.at(row: row.number, line: row.line).record(kind: kind, columnLetters: letters) : nil
                held.append(Held(record: record, code: code, location: location))
                return
            }
            if let failure {
                result.accounting.rejected += 1
                groupRejects += 1; allRejects += 1
                onReject(RowReject(location: row.location(column: failure.column), code: failure.code, reason: failure.reason, cells: texts()))
                return
            }
            for i in checked {
                if let a = values[i]?.amount {
                    groupSums[i] = groupSums[i] + a
                    allSums[i] = allSums[i] + a
                }
            }
            groupRows += 1; allRows += 1
            result.accounting.accepted += 1
            if let d = dateIndex, case .date(let date)? = values[d] {
                if result.firstDate.map({ date < $0 }) ?? true { result.firstDate = date }
                if result.lastDate.map({ date > $0 }) ?? true { result.lastDate = date }
            }
            sink.accept(typed.at(row: row.number, line: row.line))
        }

        if codeColumn != nil {
            // A row is a parent when the row below it carries a longer code that begins with its own.
            let isParent = held.indices.map { i in
                i + 1 < held.count && !held[i].code.isEmpty && held[i + 1].code.count > held[i].code.count && held[i + 1].code.hasPrefix(held[i].code)
            }
            for i in held.indices where isParent[i] {
                // Direct children: the rows below within its code whose nearest parent is this row.
                var sums = [Amount](repeating: .zero, count: kind.fields.count)
                var children = 0, partial = false
                var j = i + 1
                while j < held.count && held[j].code.hasPrefix(held[i].code) && held[j].code != held[i].code {
                    let nearest = (i..<j).last { k in isParent[k] && held[j].code.hasPrefix(held[k].code) && held[k].code != held[j].code }
                    if nearest == i {
                        children += 1
                        if let r = held[j].record { for f in checked { sums[f] = sums[f] + (r.values[f]?.amount ?? .zero) } } else { partial = true }
                    }
                    j += 1
                }
                result.accounting.subtotal += 1
                for f in checked {
                    let stated = held[i].record?.values[f]?.amount
                    let status: SubtotalCheck.Status = partial || held[i].record == nil ? .incomplete : (stated == sums[f] ? .ok : .mismatch)
                    result.subtotals.append(SubtotalCheck(location: held[i].location, label: held[i].code, field: kind.fields[f].name,
                                                          stated: stated, computed: sums[f], rows: children, status: status))
                }
            }
            for i in held.indices where !isParent[i] {
                guard let r = held[i].record else { continue }   // rejected: counted already
                result.accounting.accepted += 1
                if let d = dateIndex, case .date(let date)? = r.values[d] {
                    if result.firstDate.map({ date < $0 }) ?? true { result.firstDate = date }
                    if result.lastDate.map({ date > $0 }) ?? true { result.lastDate = date }
                }
                TypedRow.with(r) { sink.accept($0) }
            }
            // Rejected parents were counted as rejected; a parent that typed is a subtotal, not a record.
        }
        result.blankRows = source.blankRows
        result.accounting.skipped += source.blankRows
        result.accounting.read += source.blankRows
        if source.blankRows > 0 {
            result.skipped.append(SkippedRow(location: SourceLocation(file: file, sheet: source.sheet), reason: "\(source.blankRows) blank rows"))
        }
        return result
    }

    /// A mapped field's spec and mapping, shared by reference while rows are typed.
    final class FieldPlan {
        let spec: FieldSpec
        let mapping: Profile.ColumnMapping
        let isText: Bool
        init(spec: FieldSpec, mapping: Profile.ColumnMapping) {
            self.spec = spec
            self.mapping = mapping
            isText = spec.type == .text
        }
    }

    /// A row of a hierarchical table, kept until its children are known.
    struct Held { var record: Record?; var code: String; var location: SourceLocation }

    /// U+3000 IDEOGRAPHIC SPACE in UTF-8 (合　计).
    static let ideographicSpace: [UInt8] = [0xE3, 0x80, 0x80]

    /// `needle` occurs in `haystack`.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        let first = needle[0]
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == first {
                var k = 1
                while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    static func isReference(_ s: String) -> Bool {
        (s.hasPrefix("#") && Int(s.dropFirst()) != nil) || (!s.isEmpty && s.count <= 3 && s.allSatisfy { $0.isASCII && $0.isUppercase })
    }

    static func fixedUnit(_ c: Profile.UnitChoice) -> MoneyUnit? {
        if case .fixed(let u) = c { return u }
        return nil
    }
}
