import ArgumentParser
import TieoutCore
import TieoutIngest
import TieoutCSV
import TieoutXLSX

/// `tieout totals FILE --sum COLUMN --by COLUMN[:quarter],…`: exact sums and counts by group.
struct Totals: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Exact sums and counts of an amount column, grouped by columns (dates by period).",
        discussion: """
        The quick tie-out a finance user does with a pivot table. Columns are named by \
        header text, by letter (H) or by position (#8). A date column takes :year, \
        :quarter, :month or :day to bucket its dates. Every row is either accepted or \
        rejected with its reason and place; a blank amount is rejected, never taken as zero.

        Exit status: 0 when every row was accepted, 1 when some were rejected (the \
        totals cover the accepted rows), 2 for bad input or usage.

        Examples:
          tieout totals ledger.csv --sum 金额 --by 支付日期:quarter,支出类型
          tieout totals ledger.csv --sum 金额 --by 经济分类科目 --json
        """
    )

    @Argument(help: "The file to read: CSV or a workbook (.xlsx).", completion: .file())
    var file: String

    @Option(help: "The amount column to sum.")
    var sum: String

    @Option(help: "Columns to group by, comma separated; a date column may end in :year, :quarter, :month or :day.")
    var by: String?

    @OptionGroup var input: InputOptions

    @Option(help: "For a workbook: the sheet, by name or number from 1 (default: the first worksheet).")
    var sheet: String?

    @Option(help: "For a workbook: only the cells in this range, e.g. A3:H200 (its first column counts as A).")
    var range: String?

    @Flag(help: "Write one JSON object: groups, row counts and every rejected row.")
    var json = false

    @Option(help: "Read the file through a profile (a built-in one, profiles/NAME.yaml of --workspace, or a .yaml file); --sum and --by then name its fields.")
    var profile: String?

    @Option(help: "With --profile: the workspace whose profiles/ to look in.")
    var workspace: String?

    @Option(name: .customLong("show-rejects"), help: "How many rejected rows to list on stderr (all are in --json).")
    var showRejects = 20

    @Option(help: "Language of the lines: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    struct GroupColumn {
        var index: Int
        var name: String
        var granularity: Period.Granularity?
    }

    struct Reject {
        var location: SourceLocation
        var code: ErrorCode
        /// Why, in English (also --json's `reason`), and in Chinese when known.
        var reason: String
        var reasonZh: String? = nil

        init(location: SourceLocation, code: ErrorCode, reason: String, reasonZh: String? = nil) {
            self.location = location
            self.code = code
            self.reason = reason
            self.reasonZh = reasonZh
        }

        /// A reason from the catalog (`tools.totals.reject.*`), in both languages.
        init(location: SourceLocation, code: ErrorCode, catalog key: String, _ args: [String: any CustomStringConvertible] = [:]) {
            let text = Catalog.both(key, args)
            self.init(location: location, code: code, reason: text.en, reasonZh: text.zh)
        }

        func reason(english: Bool) -> String { english ? reason : reasonZh ?? reason }

        func with(reasonZh: String) -> Reject { var r = self; r.reasonZh = reasonZh; return r }
    }

    /// The --by columns: `name` or `name:quarter` (year, quarter, month, day for dates).
    func parseGroups(_ resolve: (String) throws -> Int) throws -> [GroupColumn] {
        guard let by, !by.isEmpty else { return [] }
        return try by.split(separator: ",").map { part -> GroupColumn in
            var name = String(part)
            var granularity: Period.Granularity? = nil
            if let colon = name.lastIndex(of: ":"), let g = Period.Granularity(rawValue: String(name[name.index(after: colon)...])) {
                granularity = g
                name = String(name[..<colon])
            }
            return GroupColumn(index: try resolve(name), name: String(part), granularity: granularity)
        }
    }

    /// A column by header name, letter or #position; an error naming the choices otherwise.
    func resolveColumn(_ name: String, in header: TableHeader, source: some TableSource) throws -> Int {
        // With a header, a letter or position past its last column names nothing.
        guard let i = ColumnReference.index(of: name, in: header.columns), header.row == nil || i < header.columns.count else {
            let place = header.row.map { row in
                source.sheet == nil ? SourceLocation(file: file, record: row) : SourceLocation(file: file, sheet: source.sheet, line: row)
            }
            throw TieoutError(code: "usage.column", ["file": file, "name": name, "known": ColumnReference.known(header.columns)], location: place)
        }
        return i
    }

    func run() throws {
        if let profile { return try runProfile(profile) }
        var options = TableOptions()
        options.csv = try input.csvOptions()
        options.sheet = sheet
        options.range = try parseRange(range)
        options.headerRow = input.headerRow
        options.onWarning = Output.printWarning
        try tally(try TableFileKind.openTable(file, options))
    }

    /// One pass over any table: each row accepted into its group or rejected with its reason and place.
    func tally<Source: TableSource>(_ source: Source) throws {
        let header = source.header
        let sumIndex = try resolveColumn(sum, in: header, source: source)
        let groups = try parseGroups { try resolveColumn($0, in: header, source: source) }
        let sumColumn = sumIndex + 1
        let sumName = header.name(ofColumn: sumColumn) ?? SourceLocation.letter(forColumn: sumColumn)
        let needed = ([sumIndex] + groups.map(\.index)).max()! + 1
        let date1904 = source.date1904

        // Keys are interned from the raw cell: a kind byte, then its bytes, so a
        // date column decodes each distinct value (text or serial) once.
        let keyerObjects = groups.map { g in
            let k = GroupColumnKeyer(granularity: g.granularity)
            k.dateDecoder = { key throws(DateSyntaxError) in
                let (kind, raw) = Self.untag(key)
                if kind == "d", let serial = SpreadsheetValue.number(raw),
                   let (date, _) = SpreadsheetValue.dateTime(serial: serial, date1904: date1904) {
                    return date
                }
                return try CalendarDate.parse(raw)
            }
            k.labelDecoder = { key in
                let (kind, raw) = Self.untag(key)
                switch kind {
                case "n": return SpreadsheetValue.number(raw)?.description ?? raw
                case "b": return raw == "1" ? "TRUE" : "FALSE"
                default: return raw
                }
            }
            return k
        }
        // Unretained references for the row loop; `keyerObjects` keeps them alive.
        let keyers = keyerObjects.map { Unmanaged.passUnretained($0) }
        // Plain arrays on the hot path: nothing to retain per row.
        let groupColumns = groups.map { $0.index + 1 }
        let isDateGroup = groups.map { $0.granularity != nil }
        var totals = GroupedTotals(columns: groups.count)
        var ids = [UInt32](repeating: 0, count: groups.count)
        var keyBuffer: [UInt8] = []
        keyBuffer.reserveCapacity(256)
        var rows = 0
        var rejects: [Reject] = []
        // Subtotal rows (合计, 小计, 总计), as profiles find them by default: checked, left out.
        let subtotals = PlainSubtotals()
        var subtotalRows = 0

        try source.forEachRow { (row: Source.Row) throws(TieoutError) in
            rows += 1
            func reject(_ column: Int?, _ code: ErrorCode, _ reason: String, _ reasonZh: String?) {
                subtotals.rejected()
                rejects.append(Reject(location: row.location(column: column), code: code, reason: reason, reasonZh: reasonZh))
            }
            func reject(_ column: Int?, _ code: ErrorCode, catalog key: String, _ args: [String: any CustomStringConvertible] = [:]) {
                let text = Catalog.both(key, args)
                reject(column, code, text.en, text.zh)
            }
            if let fields = row.fieldCount {
                if header.row != nil && fields != header.columns.count {
                    // A missing or extra delimiter shifts the columns: which value is the amount is a guess.
                    return reject(nil, "table.shifted-columns", catalog: "tools.totals.reject.shifted", ["fields": fields, "columns": header.columns.count])
                }
            }
            if let label = subtotals.label(of: row, columns: header.columns.count, date1904: date1904) {
                rows -= 1
                subtotalRows += 1
                return subtotals.check(row.cell(sumColumn), label: label, field: sumName, location: row.location(column: sumColumn))
            }
            if let fields = row.fieldCount {
                if fields < needed {
                    return reject(nil, "table.too-few-fields", catalog: "tools.totals.reject.too-few", ["fields": fields, "needed": needed])
                }
            }
            let amount: Amount?
            do throws(CellValueError) { amount = try row.cell(sumColumn)?.amount() }
            catch { return reject(sumColumn, "value.amount", error.message, error.messageZh) }
            guard let amount else { return reject(sumColumn, "value.blank-amount", catalog: "tools.totals.reject.blank") }

            for j in 0..<groupColumns.count {
                let column = groupColumns[j]
                let c = row.cell(column)
                if isDateGroup[j], let c, c.kind == .number {
                    return reject(column, "value.number-for-date", catalog: "tools.totals.reject.number-for-date", ["text": c.rawText])
                }
                // Text is keyed by its bytes; other kinds by 0xFF (never in UTF-8), a kind
                // letter and their bytes, so a serial 45356 never meets the text "45356".
                let keyed: Result<Int, DateSyntaxError>
                if let c, c.kind != .text && c.kind != .empty {
                    keyBuffer.removeAll(keepingCapacity: true)
                    keyBuffer.append(0xFF)
                    switch c.kind {
                    case .date: keyBuffer.append(UInt8(ascii: "d"))
                    case .number: keyBuffer.append(UInt8(ascii: "n"))
                    case .boolean: keyBuffer.append(UInt8(ascii: "b"))
                    case .duration: keyBuffer.append(UInt8(ascii: "t"))
                    default: keyBuffer.append(UInt8(ascii: "s"))
                    }
                    // A duration is keyed by its h:mm:ss text, every other cell by its raw bytes.
                    if c.kind == .duration { keyBuffer.append(contentsOf: c.text(date1904: date1904).utf8) }
                    else { c.withUTF8 { keyBuffer.append(contentsOf: $0) } }
                    keyed = keyBuffer.withUnsafeBufferPointer { b in
                        keyers[j]._withUnsafeGuaranteedRef { k in Result { () throws(DateSyntaxError) in try k.key(for: b) } }
                    }
                } else {
                    let bytes = c?.withUTF8 { $0 } ?? UnsafeBufferPointer(start: nil, count: 0)
                    keyed = keyers[j]._withUnsafeGuaranteedRef { k in Result { () throws(DateSyntaxError) in try k.key(for: bytes) } }
                }
                switch keyed {
                case .success(let id): ids[j] = UInt32(id)
                case .failure(let error): return reject(column, "value.date", error.message, error.text(english: false))
                }
            }
            if !totals.add(amount, keys: ids) {
                reject(sumColumn, "value.sum-overflow", catalog: "tools.totals.reject.overflow")
            } else {
                subtotals.accepted(amount)
            }
        }

        try finish(groups: groups, keyers: keyerObjects, totals: totals, rows: rows, rejects: rejects,
                   blankLines: source.blankRows, titleLines: header.titleLines.count, sumName: sumName,
                   profiled: subtotalRows == 0 ? nil : Profiled(name: nil, subtotal: subtotalRows, skipped: 0, checks: subtotals.checks))
    }

    /// A key's kind letter (`s` for text) and its text: the raw bytes of a text
    /// cell, or 0xFF, a kind letter and the bytes of any other cell.
    static func untag(_ key: ArraySlice<UInt8>) -> (kind: Character, raw: String) {
        guard key.first == 0xFF, key.count >= 2 else { return ("s", String(decoding: key, as: UTF8.self)) }
        let kind = Character(UnicodeScalar(key[key.startIndex + 1]))
        return (kind, String(decoding: key.dropFirst(2), as: UTF8.self))
    }

    /// Orders the groups, prints them (table or JSON) and the rejects; exit 1 when any row was rejected.
    func finish(groups: [GroupColumn], keyers: [GroupColumnKeyer], totals: GroupedTotals, rows: Int, rejects: [Reject],
                blankLines: Int, titleLines: Int, sumName: String, profiled: Profiled? = nil) throws {
        // Order groups by their keys: periods chronologically, text by code point.
        func label(_ gid: Int) -> [String] {
            totals.keys[gid].enumerated().map { j, k in keyers[j].labels[k] }
        }
        let order = (0..<totals.sums.count).sorted { a, b in
            for j in 0..<groups.count {
                let ka = totals.keys[a][j], kb = totals.keys[b][j]
                if ka != kb { return keyers[j].precedes(ka, kb) }
            }
            return false
        }
        let sums = totals.sums, counts = totals.counts
        let accepted = rows - rejects.count
        let total = totals.total

        let english = lang == .en
        func say(_ key: String, _ args: [String: any CustomStringConvertible] = [:]) -> String { Catalog.text(key, english: english, args) }
        for (k, reject) in rejects.enumerated() where k < showRejects {
            Output.stderr.write(say("tools.totals.rejected", ["reason": reject.reason(english: english), "place": reject.location,
                                                            "detail": reject.location.detail(english: english)]) + "\n")
        }
        if rejects.count > showRejects {
            Output.stderr.write(say("tools.totals.rejected.more", ["n": rejects.count - showRejects]) + "\n")
        }
        for c in profiled?.problems ?? [] {
            Output.stderr.write(say("tools.totals.subtotal", ["label": c.label, "stated": c.stated?.description ?? say("tools.totals.subtotal.nothing"),
                                                            "field": c.field, "rows": c.rows, "computed": c.computed,
                                                            "status": english ? c.status.rawValue : say("subtotal.status." + c.status.rawValue),
                                                            "place": c.location]) + "\n")
        }
        Output.stderr.flush()

        if json {
            let groupObjects = order.map { gid in
                JSON.object([("key", JSON.array(label(gid).map(JSON.string))),
                             ("sum", JSON.string(sums[gid].description)), ("count", "\(counts[gid])")])
            }
            func number<T>(_ v: T?) -> String { v.map { "\($0)" } ?? "null" }
            let rejectObjects = rejects.map { r in
                JSON.object([("file", JSON.string(r.location.file)), ("sheet", r.location.sheet.map(JSON.string) ?? "null"),
                             ("record", number(r.location.record)), ("line", number(r.location.line)),
                             ("column", r.location.columnLetter.map(JSON.string) ?? "null"),
                             ("cell", r.location.cellReference.map(JSON.string) ?? "null"),
                             ("byte_offset", number(r.location.byteOffset)),
                             ("code", JSON.string(r.code.rawValue)), ("reason", JSON.string(r.reason))])
            }
            let obj = JSON.object([
                ("file", JSON.string(file)), ("sum_column", JSON.string(sumName)),
                ("by", JSON.array(groups.map { JSON.string($0.name) })),
                ("groups", JSON.array(groupObjects)), ("total", JSON.string(total.description)),
                ("rows", "\(rows)"), ("accepted", "\(accepted)"), ("rejected", "\(rejects.count)"),
                ("blank_lines", "\(blankLines)"), ("title_lines", "\(titleLines)"),
            ] + (profiled.map { p in (p.name.map { [("profile", JSON.string($0)), ("subtotal_rows", "\(p.subtotal)"), ("skipped_rows", "\(p.skipped)"), ("filtered_rows", "\(p.filtered)")] } ?? [("subtotal_rows", "\(p.subtotal)")]) + [
                                      ("subtotal_problems", JSON.array(p.problems.map { c in
                                          JSON.object([("place", JSON.string(c.location.description)), ("label", JSON.string(c.label)),
                                                       ("field", JSON.string(c.field)), ("stated", c.stated.map { JSON.string($0.description) } ?? "null"),
                                                       ("computed", JSON.string(c.computed.description)), ("rows", "\(c.rows)"),
                                                       ("code", JSON.string(c.status == .incomplete ? "table.subtotal-incomplete" : "table.subtotal-mismatch"))])
                                      }))] } ?? []) + [
                ("rejects", JSON.array(rejectObjects)),
            ])
            Output.stdout.write(obj + "\n")
        } else {
            var lines: [[String]] = [groups.map(\.name) + [say("tools.totals.col.sum"), say("tools.totals.col.count")]]
            for gid in order { lines.append(label(gid) + [sums[gid].groupedText, "\(counts[gid])"]) }
            let totalLabel = groups.isEmpty ? [] : [say("tools.totals.total")] + Array(repeating: "", count: groups.count - 1)
            lines.append(totalLabel + [total.groupedText, "\(accepted)"])
            let n = groups.count
            Output.stdout.write(TextTable.render(lines, rightAligned: [n, n + 1]))
            Output.stdout.write(say("tools.totals.rows", ["rows": rows, "accepted": accepted, "rejected": rejects.count, "blank": blankLines, "title": titleLines]) + "\n")
            if let p = profiled {
                let problems = p.problems.isEmpty ? "" : say("tools.totals.problems", ["n": p.problems.count])
                if let name = p.name {
                    Output.stdout.write(say("tools.totals.profile", ["name": name, "subtotal": p.subtotal, "problems": problems, "skipped": p.skipped,
                                                                   "filtered": p.filtered > 0 ? say("tools.totals.filtered", ["n": p.filtered]) : ""]) + "\n")
                } else if p.subtotal > 0 {
                    Output.stdout.write(say("tools.totals.subtotals", ["subtotal": p.subtotal, "a": "合计", "b": "小计", "c": "总计", "problems": problems]) + "\n")
                }
            }
        }
        Output.stdout.flush()
        if !rejects.isEmpty || !(profiled?.problems.isEmpty ?? true) { throw ExitCode(1) }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
