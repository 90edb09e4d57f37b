import ArgumentParser
import TieoutCore
import TieoutIngest
import TieoutOffice
import TieoutReport
import TieoutStore

/// `tieout export WORKSPACE --format csv|jsonl|xlsx`: the dataset as files.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the dataset as one file per record kind in WORKSPACE/out/dataset/ (CSV with a header row, or JSON Lines; UTF-8).",
        discussion: """
        Each row carries its lineage: file, file_sha256, sheet, row, line, and for every field \
        the cell it came from (field_cell). Amounts are exact decimal text in 元.

        Examples:
          tieout export samples/futian-2024
          tieout export samples/futian-2024 --format jsonl
          tieout export samples/futian-2024 --format xlsx    # out/dataset/dataset.xlsx, a sheet per kind
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, jsonl, xlsx }

    @Argument(help: "The workspace folder (with tieout.yaml).", completion: .directory)
    var workspace: String

    @OptionGroup var locking: LockOptions

    @Option(help: "csv, jsonl or xlsx (one workbook, out/dataset/dataset.xlsx, a sheet per kind).")
    var format: Format = .csv

    @OptionGroup var csvHeaders: HeaderOptions
    /// Data rows per sheet of the xlsx export before a kind continues on the next sheet (tests).
    @Option(name: .customLong("xlsx-rows-per-sheet"), help: .hidden)
    var rowsPerSheet: Int = SheetTable.defaultRowLimit

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Language of the lines: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    func run() throws {
        let ws = database.apply(try Workspace.open(workspace))
        let lock = try locking.lock(ws, "export")
        defer { lock.release() }
        let store = try DatasetStore.open(ws)
        // `database: postgresql://…`: the unit's schema is exported, published first when it is not the file's.
        let postgres = try PostgresDataset.forWorkspace(ws)
        try Ingest.publishIfNotCurrent(postgres, store, language: lang.language)
        let engine: any DatasetEngine = postgres ?? store
        var lines: [[String]] = [["table", "rows", "file"].map { Catalog.text("tools.export.col." + $0, english: lang == .en) }]
        if format == .xlsx {
            let rel = "out/dataset/dataset.xlsx"
            try makeDirectories(ws.root + "/out/dataset")
            try WorkbookWriter.write(to: ws.root + "/" + rel) { book in
                for t in try DatasetWorkbook.write(engine: engine, kinds: ws.kinds.kinds, into: book, rowLimit: rowsPerSheet, headers: csvHeaders.language) {
                    lines.append([t.table, "\(t.rows)", rel + " " + t.sheets.map { "[\($0)]" }.joined(separator: " ")])
                }
            }
            Output.stdout.write(TextTable.render(lines, rightAligned: [1]))
            return
        }
        for kind in ws.kinds.kinds where try engine.hasTable(for: kind) {
            let rel = "out/dataset/\(kind.table).\(format.rawValue)"
            var rows = 0
            try writeAtomically(ws.root + "/" + rel) { out in
                var header: [String] = []
                let csv = CSVWriter(output: out)
                // Typed numbers stay numbers; every text cell is spreadsheet-safe.
                var numeric: Set<Int> = [3, 4]
                for (i, f) in kind.fields.enumerated() where f.type == .amount || f.type == .integer || f.type == .percentage {
                    numeric.insert(5 + 2 * i)
                }
                try engine.exportRows(of: kind) { line in
                    if header.isEmpty {
                        header = line
                        // The CSV's header is for people (Chinese titles) unless --headers en; JSON keys stay English.
                        if format == .csv {
                            out.write(CSVHeaders.byteOrderMark(csvHeaders.language))
                            csv.record(CSVHeaders.export(kind, csvHeaders.language))
                        }
                        return
                    }
                    rows += 1
                    switch format {
                    case .csv: csv.spreadsheetRecord(line, numeric: numeric)
                    case .jsonl:
                        out.write(JSON.object(zip(header, line).map { ($0, JSON.string($1)) }) + "\n")
                    case .xlsx: break
                    }
                }
            }
            lines.append([kind.table, "\(rows)", rel])
        }
        Output.stdout.write(TextTable.render(lines, rightAligned: [1]))
    }
}
