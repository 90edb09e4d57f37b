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
        let source = try TableFileKind.openTable(path, profile.tableOptions)
        if case .keyValue(let key, let value) = profile.layout { return try runKeyValue(source, key: key, value: value, into: &sink, onReject: onReject) }
        if case .crossTab(let t) = profile.layout, t.transpose { return try runTransposed(source, t, into: &sink, onReject: onReject) }
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
        return unitFromLabelCells(titles)
    }

    /// A key-value table as one record: its fields found by label, each value in its own cell.
    /// Every label row is accounted for: the record's first row is the record, the other rows
    /// feeding it are skipped as parts of it, a label the profile does not map is skipped with it.
    func runKeyValue<S: TableSource, Sink: RecordSink>(_ source: S, key: String?, value: String?, into sink: inout Sink,
                                                     onReject: (RowReject) -> Void) throws(TieoutError) -> ApplyResult {
        let columns = source.header.columns
        func column(_ name: String?, _ fallback: Int, labels: Bool) throws(TieoutError) -> Int {
            guard let name else { return fallback }
            if let i = columns.firstIndex(of: name) { return i + 1 }
            if let i = ColumnReference.index(of: name, in: columns) { return i + 1 }
            throw TieoutError(code: "profile.column",
                              what: labels ? Phrase("error.profile.key-value-column.labels", ["file": source.file, "name": name])
                                           : Phrase("error.profile.key-value-column.values", ["file": source.file, "name": name]),
                              location: SourceLocation(file: source.file, sheet: source.sheet),
                              help: Phrase("error.profile.key-value-column.help", ["columns": columns.map { "'\($0)'" }.joined(separator: ", "), "profile": profile.file]))
        }
        let table = try KeyValueTable(source, keyColumn: try column(key, 1, labels: true), valueColumn: try column(value, 2, labels: false))
        var result = try run(table, into: &sink, onReject: onReject)
        // Each field's value is one cell: the value column, at its label's row.
        result.fieldColumns = result.fieldColumns.map { f in
            let i = table.entries.firstIndex { $0.label == f.header }
            return (f.field, table.valueLetter, f.header, i.map { table.entries[$0].row })
        }
        let used = Set(result.fieldColumns.map(\.header))
        let first = table.entries.first?.row ?? 0
        for e in table.entries.dropFirst() {
            result.accounting.read += 1
            result.accounting.skipped += 1
            result.skipped.append(SkippedRow(location: e.location, reason: used.contains(e.label)
                ? "a value of the key-value table's record (row \(first))" : "the label '\(e.label)' is not one the profile maps"))
        }
        return result
    }

    /// Every row of `source` accounted for once: skipped (by the profile), rejected (with its
    /// reason), a subtotal (checked), or typed and handed to `sink`. The work is in three
    /// parts: the ``ColumnPlan`` (from the header), the ``RowTyper`` and the subtotal checkers.
    func run<S: TableSource, Sink: RecordSink>(_ source: S, into sink: inout Sink, onReject: (RowReject) -> Void) throws(TieoutError) -> ApplyResult {
        let file = source.file
        let kind = profile.kind
        var plan = try ColumnPlan(profile: profile, header: source.header, file: file, sheet: source.sheet)
        let header = plan.header
        let block = try Self.headerBlock(profile, header: header, plan: plan, file: file)
        for b in block { plan.constants[b.field] = b.value }
        let date1904 = source.date1904
        let dateIndex = kind.dateField.flatMap { d in kind.fields.firstIndex { $0.name == d } }
        var result = ApplyResult(header: header, sheet: source.sheet, unit: plan.unit)
        result.absentFields = plan.absent
        result.fieldColumns = plan.fieldColumns(kind) + block.map { (kind.fields[$0.field].name, $0.letter, $0.label, $0.row) }
        result.secondColumns = plan.secondColumns(kind)
        sink.start(kind: kind, columnLetters: plan.letters)
        let typer = RowTyper(kind: kind, plan: plan, date1904: date1904, window: profile.dateWindow)
        let labels = profile.subtotals.flatMap { $0.hierarchy == nil ? LabelSubtotals(rule: $0, plan: plan, fieldCount: kind.fields.count) : nil }
        var hierarchy = plan.codeColumn.map { _ in HierarchySubtotals() }
        let cumulative = profile.cumulative.map { CumulativeRows(rule: $0, plan: plan, profile: profile) }
        let filter = try RowFilter(profile: profile, plan: plan, file: file)
        var sections: SectionRows? = nil
        if let rule = profile.sections { sections = try SectionRows(rule: rule, plan: plan, kind: kind, file: file) }
        var dataRowsSeen = 0

        func dated(_ values: (Int) -> FieldValue?) {
            if let d = dateIndex, case .date(let date)? = values(d) {
                if result.firstDate.map({ date < $0 }) ?? true { result.firstDate = date }
                if result.lastDate.map({ date > $0 }) ?? true { result.lastDate = date }
            }
        }

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
            func filtered(_ reason: String, _ reasonZh: String) {
                result.accounting.filtered += 1
                result.filtered.append(SkippedRow(location: location, reason: reason, reasonZh: reasonZh))
            }
            func reject(_ column: Int?, _ code: ErrorCode, _ reason: String, _ reasonZh: String?) {
                result.accounting.rejected += 1
                labels?.rejected()
                sections?.rejected()
                onReject(RowReject(location: row.location(column: column), code: code, reason: reason, reasonZh: reasonZh, cells: texts()))
            }
            dataRowsSeen += 1
            if dataRowsSeen <= profile.skipRows { return skip("one of the \(profile.skipRows) rows below the header that the profile skips") }
            if !plan.patterns.isEmpty {
                let cells = texts()
                if let p = plan.patterns.first(where: { p in cells.contains { (try? p.regex.firstMatch(in: $0)) != nil } }) {
                    return skip("a cell matches the skip pattern \(p.text)")
                }
            }
            // A missing or extra delimiter shifts the columns: which value is which is a guess.
            if let fields = row.fieldCount, header.row != nil, fields != header.columns.count {
                let (zh, en) = Catalog.both("reject.shifted", ["fields": fields, "columns": header.columns.count])
                return reject(nil, "table.shifted-columns", en, zh)
            }
            // A column group blank on this row: no record of it (Profile+Groups.swift).
            if !plan.groupCells.isEmpty, plan.groupCells.allSatisfy({ (row.cell($0)?.text(date1904: date1904) ?? "").trimmingSpaces().isEmpty }) {
                return skip("the group \(profile.groupInForce!.name) is blank on this row, so it gives no record")
            }
            // A cumulative row (本年累计): recorded for the check across periods, left out.
            if let cumulative, let label = cumulative.label(of: row, columns: header.columns.count, date1904: date1904) {
                result.accounting.subtotal += 1
                result.cumulative += cumulative.rows(row, label: label, kind: kind, plan: plan)
                return
            }
            if let labels, let found = labels.label(of: row, columns: header.columns.count, date1904: date1904) {
                result.accounting.subtotal += 1
                if let sections, !found.label.contains("小计") { result.subtotals += sections.end() }
                result.subtotals += labels.check(row, label: found.label, compact: found.compact, kind: kind, plan: plan)
                return
            }
            // A section row (一、货物类): its value fills the rows below; a 小计 covers its section.
            if let sections, let s = sections.section(of: row, columns: header.columns.count, date1904: date1904) {
                let entered = sections.enter(row, label: s.label, value: s.value, kind: kind, plan: plan, date1904: date1904)
                result.subtotals += entered.checks
                labels?.startSection()
                if let error = entered.error {
                    result.accounting.rejected += 1
                    onReject(RowReject(location: row.location(column: sections.column), code: ProfileApplier.code(for: sections.rule.field.type),
                                       reason: error.en, reasonZh: error.zh, cells: texts()))
                    return
                }
                if entered.states { result.accounting.subtotal += 1; return }
                return skip("section row: \(sections.rule.field.name) = \(s.value) for the rows below")
            }
            if let filter, let why = filter.failure(row, date1904: date1904) {
                // Left out of the data, but still in the export's totals (a closing entry in 本月合计).
                if why.inTotals {
                    let (years, inWindow) = (typer.years, typer.inWindow)
                    if typer.type(row) == nil {
                        labels?.accepted(typer.values)
                        sections?.accepted(typer.values)
                        if let cumulative, let d = dateIndex, case .date(let date)? = typer.values[d] {
                            for i in cumulative.checked {
                                if let a = typer.values[i]?.amount {
                                    result.countedInTotals.append(CountedInTotals(location: location, date: date, field: kind.fields[i].name, amount: a))
                                }
                            }
                        }
                    } else {
                        labels?.rejected()
                        sections?.rejected()
                    }
                    typer.years = years; typer.inWindow = inWindow
                }
                return filtered(why.reason, why.reasonZh)
            }
            var failure = typer.type(row)
            if failure == nil, let sections, let why = sections.fill(typer.values) {
                failure = RowTyper.Failure(column: nil, code: "value.required-blank", reason: why.en, reasonZh: why.zh)
            }
            if let codeColumn = plan.codeColumn {
                let code = (row.cell(codeColumn)?.text(date1904: date1904) ?? "").trimmingSpaces()
                if let failure {
                    result.accounting.rejected += 1
                    onReject(RowReject(location: row.location(column: failure.column), code: failure.code, reason: failure.reason, reasonZh: failure.reasonZh, cells: texts()))
                }
                let record = failure == nil ? typer.typed.at(row: row.number, line: row.line).record(kind: kind, columnLetters: plan.letters) : nil
                hierarchy!.hold(record, code: code, location: location)
                return
            }
            if let failure { return reject(failure.column, failure.code, failure.reason, failure.reasonZh) }
            labels?.accepted(typer.values)
            sections?.accepted(typer.values)
            result.accounting.accepted += 1
            dated { typer.values[$0] }
            sink.accept(typer.typed.at(row: row.number, line: row.line))
        }

        if let done = hierarchy?.finish(kind: kind, checked: plan.checked) {
            result.accounting.subtotal += done.parents
            result.subtotals += done.checks
            for r in done.records {
                result.accounting.accepted += 1
                dated { r.values[$0] }
                TypedRow.with(r) { sink.accept($0) }
            }
        }
        if let sections { result.subtotals += sections.end() }
        result.dateYears = typer.years
        result.datesInYear = typer.inWindow
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
        /// A date from a month and a day column (`date: { year: …, month: 月, day: 日 }`).
        var split: SplitColumns?
        init(spec: FieldSpec, mapping: Profile.ColumnMapping) {
            self.spec = spec
            self.mapping = mapping
            isText = spec.type == .text
        }
    }

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
