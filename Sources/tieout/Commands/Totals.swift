import ArgumentParser
import TieoutCore
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

    @Argument(help: "The file to read (CSV).")
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

    @Option(name: .customLong("show-rejects"), help: "How many rejected rows to list on stderr (all are in --json).")
    var showRejects = 20

    struct GroupColumn {
        var index: Int
        var name: String
        var granularity: Period.Granularity?
    }

    struct Reject {
        var location: SourceLocation
        var reason: String
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
    func resolveColumn(_ name: String, in columns: [String], headerRecord: Int? = nil) throws -> Int {
        // With a header, a letter or position past its last column names nothing.
        guard let i = ColumnReference.index(of: name, in: columns), headerRecord == nil || i < columns.count else {
            throw TieoutError(code: "usage.column", what: "\(file) has no column '\(name)'",
                              location: headerRecord.map { SourceLocation(file: file, record: $0) },
                              help: ColumnReference.help(for: columns))
        }
        return i
    }

    func resolve(_ name: String, _ table: CSVTable) throws -> Int {
        try resolveColumn(name, in: table.columns, headerRecord: table.headerRecord)
    }

    func run() throws {
        if FileKind.of(file) == .xlsx { return try runWorkbook() }
        let options = try input.csvOptions()
        let table = try CSVTable.detect(path: file, options: options, headerRecord: input.headerRow)
        let sumIndex = try resolve(sum, table)
        let groups = try parseGroups { try resolve($0, table) }
        let sumName = sumIndex < table.columns.count ? table.columns[sumIndex] : SourceLocation.letter(forColumn: sumIndex + 1)
        let needed = ([sumIndex] + groups.map(\.index)).max()! + 1

        let reader = try CSVReader(path: file, options: options)
        reader.onWarning = Output.printWarning
        let skipThrough = table.headerRecord ?? 0

        let keyers = groups.map { GroupColumnKeyer(granularity: $0.granularity) }
        var totals = GroupedTotals(columns: groups.count)
        var ids = [UInt32](repeating: 0, count: groups.count)
        var rows = 0, blankLines = 0
        var rejects: [Reject] = []

        rowLoop: while let r = try reader.next() {
            if r.number <= skipThrough { continue }
            if r.isBlank { blankLines += 1; continue }
            rows += 1
            if table.headerRecord != nil && r.count != table.columns.count {
                // A missing or extra delimiter shifts the columns: which value is the amount is a guess.
                rejects.append(Reject(location: r.location(file: file),
                                      reason: "the record has \(r.count) fields but the header has \(table.columns.count), so its columns may be shifted"))
                continue
            }
            if r.count < needed {
                rejects.append(Reject(location: r.location(file: file),
                                      reason: "the record has \(r.count) fields; the columns asked for need \(needed)"))
                continue
            }
            let amount: Amount?
            do {
                amount = try r[sumIndex].withUTF8 { b throws(AmountSyntaxError) in try Amount.parse(utf8: b) }
            } catch {
                rejects.append(Reject(location: r.location(file: file, column: sumIndex + 1, columnName: sumName), reason: error.message))
                continue
            }
            guard let amount else {
                rejects.append(Reject(location: r.location(file: file, column: sumIndex + 1, columnName: sumName),
                                      reason: "the amount is blank (blank is absent, never zero)"))
                continue
            }
            for j in 0..<groups.count {
                do {
                    ids[j] = UInt32(try r[groups[j].index].withUTF8 { b throws(DateSyntaxError) in try keyers[j].key(for: b) })
                } catch {
                    let g = groups[j]
                    rejects.append(Reject(location: r.location(file: file, column: g.index + 1, columnName: table.columns[safe: g.index]),
                                          reason: error.message))
                    continue rowLoop
                }
            }
            if !totals.add(amount, keys: ids) {
                rejects.append(Reject(location: r.location(file: file, column: sumIndex + 1, columnName: sumName),
                                      reason: "adding this amount would take a sum past 38 digits, beyond any ledger"))
            }
        }

        try finish(groups: groups, keyers: keyers, totals: totals, rows: rows, rejects: rejects,
                   blankLines: blankLines, titleLines: table.titleLines.count, sumName: sumName)
    }

    /// Orders the groups, prints them (table or JSON) and the rejects; exit 1 when any row was rejected.
    func finish(groups: [GroupColumn], keyers: [GroupColumnKeyer], totals: GroupedTotals, rows: Int, rejects: [Reject],
                blankLines: Int, titleLines: Int, sumName: String) throws {
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

        for (k, reject) in rejects.enumerated() where k < showRejects {
            Output.stderr.write("Rejected: \(reject.reason) at \(reject.location) (\(reject.location.detail))\n")
        }
        if rejects.count > showRejects {
            Output.stderr.write("Rejected: \(rejects.count - showRejects) more rows not listed here; --json lists every one.\n")
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
                             ("reason", JSON.string(r.reason))])
            }
            let obj = JSON.object([
                ("file", JSON.string(file)), ("sum_column", JSON.string(sumName)),
                ("by", JSON.array(groups.map { JSON.string($0.name) })),
                ("groups", JSON.array(groupObjects)), ("total", JSON.string(total.description)),
                ("rows", "\(rows)"), ("accepted", "\(accepted)"), ("rejected", "\(rejects.count)"),
                ("blank_lines", "\(blankLines)"), ("title_lines", "\(titleLines)"),
                ("rejects", JSON.array(rejectObjects)),
            ])
            Output.stdout.write(obj + "\n")
        } else {
            var lines: [[String]] = [groups.map(\.name) + ["sum", "count"]]
            for gid in order { lines.append(label(gid) + [sums[gid].groupedText, "\(counts[gid])"]) }
            let totalLabel = groups.isEmpty ? [] : ["total"] + Array(repeating: "", count: groups.count - 1)
            lines.append(totalLabel + [total.groupedText, "\(accepted)"])
            let n = groups.count
            Output.stdout.write(TextTable.render(lines, rightAligned: [n, n + 1]))
            Output.stdout.write("rows \(rows): accepted \(accepted), rejected \(rejects.count); blank lines \(blankLines), title lines \(titleLines)\n")
        }
        Output.stdout.flush()
        if !rejects.isEmpty { throw ExitCode(1) }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
