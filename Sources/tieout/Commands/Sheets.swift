import ArgumentParser
import TieoutCore
import TieoutCSV
import TieoutXLSX

/// `tieout sheets FILE`: the tables in a file with their sizes.
struct Sheets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the tables in a file (a CSV has one) with row and column counts.",
        discussion: """
        Rows are data rows: below the header, blank lines not counted. Title lines above \
        the header, blank lines and rows whose field count differs from the header's \
        (ragged) are counted separately.

        Example:
          tieout sheets samples/csv/treasury-2024-03.csv
        """
    )

    @Argument(help: "The file to read (CSV).", completion: .file())
    var file: String

    @OptionGroup var input: InputOptions

    @Flag(help: "Write JSON instead of a table.")
    var json = false

    @Option(help: "Language of the lines: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    private func say(_ key: String, _ args: [String: any CustomStringConvertible] = [:]) -> String {
        Catalog.text(key, english: lang == .en, args)
    }

    func run() throws {
        switch FileKind.of(file) {
        case .xlsx: return try listWorkbook()
        case .csv: break
        }
        let options = try input.csvOptions()
        let table = try CSVTable.detect(path: file, options: options, headerRecord: input.headerRow)
        let reader = try CSVReader(path: file, options: options)
        reader.onWarning = { _ in }
        var rows = 0, blank = 0, ragged = 0, records = 0
        let skipThrough = table.headerRecord ?? 0
        while let r = try reader.next() {
            records += 1
            if r.isBlank { blank += 1; continue }
            if r.number <= skipThrough { continue }
            rows += 1
            if table.headerRecord != nil && r.count != table.columns.count { ragged += 1 }
        }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let encoding = table.hasByteOrderMark ? say("tools.sheets.bom", ["encoding": table.encoding.name]) : table.encoding.name
        if json {
            let obj = JSON.object([
                ("tables", JSON.array([JSON.object([
                    ("index", "1"), ("name", JSON.string(name)), ("kind", JSON.string("csv")),
                    ("rows", "\(rows)"), ("columns", "\(table.columns.count)"),
                    ("header_record", table.headerRecord.map { "\($0)" } ?? "null"),
                    ("column_names", JSON.array(table.columns.map(JSON.string))),
                    ("title_lines", "\(table.titleLines.count)"), ("blank_lines", "\(blank)"),
                    ("ragged_rows", "\(ragged)"), ("records", "\(records)"),
                    ("encoding", JSON.string(table.encoding.name)), ("bom", table.hasByteOrderMark ? "true" : "false"),
                    ("delimiter", JSON.string(table.dialect.delimiterName)),
                ])])),
            ])
            Output.stdout.write(obj + "\n")
        } else {
            let header = table.headerRecord.map { say("tools.sheets.header.record", ["n": $0]) } ?? say("tools.sheets.header.none")
            let delimiter = table.dialect.delimiter == 0x09 ? say("tools.sheets.delimiter.tab") : table.dialect.delimiterName
            let rowsOut: [[String]] = [
                ["index", "name", "rows", "columns", "header", "title-lines", "blank-lines", "ragged", "encoding", "delimiter"].map { say("tools.sheets.col." + $0) },
                ["1", name, "\(rows)", "\(table.columns.count)", header, "\(table.titleLines.count)", "\(blank)", "\(ragged)", encoding, delimiter],
            ]
            Output.stdout.write(TextTable.render(rowsOut, rightAligned: [0, 2, 3, 5, 6, 7]))
        }
    }

    /// Every sheet of a workbook: state, kind, rows, columns, dimension, merged ranges.
    private func listWorkbook() throws {
        let book = try openWorkbook(file)
        var lines: [[String]] = [["index", "name", "state", "kind", "rows", "columns", "dimension", "merged"].map { say("tools.sheets.col." + $0) }]
        var objects: [String] = []
        for (i, sheet) in book.sheets.enumerated() {
            var rows = 0, columns = 0
            var report: XLSXWorkbook.SheetReport? = nil
            if sheet.kind == .worksheet {
                report = try book.readRows(of: i) { row in
                    rows = row.number
                    if let c = row.cells.last?.column { columns = max(columns, c) }
                }
            }
            for ref in report?.formulasWithoutValue ?? [] {
                Output.printWarning(formulaWithoutValue(ref, file: file, sheet: sheet.name))
            }
            for ref in report?.duplicateCells ?? [] {
                Output.printWarning(duplicateCell(ref, file: file, sheet: sheet.name))
            }
            let merged = report?.mergedRanges ?? []
            lines.append(["\(i + 1)", sheet.name, say("tools.sheets.state." + sheet.state.rawValue), say("tools.sheets.kind." + sheet.kind.rawValue),
                          sheet.kind == .worksheet ? "\(rows)" : "-", sheet.kind == .worksheet ? "\(columns)" : "-",
                          report?.dimension ?? "-", report?.mergedRangesKnown == false ? say("tools.sheets.merged.unknown") : merged.isEmpty ? "-" : merged.joined(separator: " ")])
            objects.append(JSON.object([
                ("index", "\(i + 1)"), ("name", JSON.string(sheet.name)), ("state", JSON.string(sheet.state.rawValue)),
                ("kind", JSON.string(sheet.kind.rawValue)), ("rows", "\(rows)"), ("columns", "\(columns)"),
                ("dimension", report?.dimension.map(JSON.string) ?? "null"),
                ("merged", report?.mergedRangesKnown == false ? "null" : JSON.array(merged.map(JSON.string))),
            ]))
        }
        if json {
            Output.stdout.write(JSON.object([("tables", JSON.array(objects))]) + "\n")
        } else {
            Output.stdout.write(TextTable.render(lines, rightAligned: [0, 4, 5]))
        }
    }
}
