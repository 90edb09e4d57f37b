import ArgumentParser
import TieoutCore
import TieoutIngest
import TieoutOffice
import TieoutReconcile
import TieoutReport
import TieoutStore

/// `tieout explain WORKSPACE FIGURE`: every record behind a figure, with its place and value.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every record a figure stands on, with its file, sheet, row, cell and value; the values add up to the figure.",
        discussion: """
        The reports show the first few cells of each figure and this command for the rest. For a \
        sum or a count, the values listed add up to the figure exactly (a subtracted part is \
        negative); for a ratio, the numerator's and the denominator's records are listed, each \
        part adding up to its own figure. The check is printed on stderr; a partial or stale \
        dataset is warned about first. Exit status: 0 when the records add up; 1 when they do \
        not (the dataset changed while it was read: run again once no ingest is under way).

        Money is listed in the workspace's reporting unit (reporting: unit: in tieout.yaml, 万元 \
        by default), exactly, with the exact 元 in the yuan column; --unit yuan lists it in 元. \
        A payment's voucher and 摘要 come with it (columns voucher and summary).

        Figures are named as in docs/claims.md: spend.actual.total, progress.q3, sangong.rate, …

        Examples:
          tieout explain samples/futian-2024 spend.actual.total
          tieout explain samples/futian-2024 sangong.rate --format jsonl
          tieout explain samples/futian-2024 spend.actual.total --unit yuan
          tieout explain samples/futian-2024 spend.actual.total --lang en
          tieout explain samples/futian-2024 sangong.rate --format xlsx   # out/explain/sangong.rate.xlsx
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, jsonl, xlsx }

    @Argument(help: "The workspace folder (with tieout.yaml), ingested.", completion: .directory)
    var workspace: String

    @Argument(help: "The figure's id or its title (`tieout figures` lists them).")
    var figure: String

    @Option(help: "csv (default) or jsonl on stdout, or xlsx: a workbook, WORKSPACE/out/explain/FIGURE.xlsx.")
    var format: Format = .csv

    @Option(help: "The unit money is listed in: 万元, 元 (yuan) or 亿元; the workspace's reporting unit by default.")
    var unit: String?

    @OptionGroup var csvHeaders: HeaderOptions

    @Option(help: "Language of the check printed on stderr: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let unit, MoneyUnit(symbol: unit) == nil { throw ValidationError("--unit takes 万元, 元 or 亿元 (or wan-yuan, yuan, yi-yuan), not '\(unit)'.") }
    }

    func run() throws {
        let ws = database.apply(try Workspace.open(workspace))
        let store = try DatasetStore.open(ws)
        // A partial or stale dataset (a killed ingest, one under way): said as reconcile says it.
        ReportFiles.warnIfNotCurrent(try store.state(ws), root: ws.root)
        // `database: postgresql://…`: the unit's schema is read, and must be the file's (explain takes no lock and publishes nothing).
        let postgres = try PostgresDataset.forWorkspace(ws)
        try postgres?.requireCurrent(store, workspace: ws.root)
        let book = try FigureBook(workspace: ws, store: store, monthly: [], engine: postgres)
        let figure = try book.catalog.resolve(self.figure)?.id ?? self.figure
        guard book.known.contains(figure) else {
            let near = book.known.filter { $0.hasPrefix(figure.split(separator: ".").first.map(String.init) ?? figure) }.sorted()
            throw TieoutError(code: "explain.figure", what: Phrase("error.definitions.not-computed", ["figure": figure]), location: nil,
                              help: near.isEmpty ? Phrase("error.explain.figure.help", ["workspace": workspace])
                                  : Phrase("error.explain.figure.help-near", ["workspace": workspace, "near": near.prefix(8).joined(separator: ", ")]))
        }
        if let m = book.missing[figure] {
            throw TieoutError(code: "explain.missing", ["figure": figure, "title": m.title, "absence": m.absence])
        }
        let table = ExplainTable(book: book, figure: figure, unit: unit.flatMap { MoneyUnit(symbol: $0) } ?? ws.reportingUnit, decimals: ws.decimals)
        let csv = CSVWriter(output: Output.stdout)
        if format == .csv {
            Output.stdout.write(CSVHeaders.byteOrderMark(csvHeaders.language))
            csv.record(CSVHeaders.explain(table.headers, csvHeaders.language))
        }
        var n = 0
        // xlsx: the workbook is written atomically once every record is in it.
        let xlsxPath = ws.outputDirectory + "/explain/\(figure).xlsx"
        var workbook: WorkbookWriter?
        var sheet: ExplainWorkbook?
        if format == .xlsx {
            try makeDirectories(ws.outputDirectory + "/explain")
            let w = try WorkbookWriter(replacing: xlsxPath)
            sheet = try ExplainWorkbook(figure: figure, table: table, headers: csvHeaders.language, into: w)
            workbook = w
        }
        // For a ratio, what the numerator's and the denominator's records add up to.
        var parts = (numerator: Amount.zero, denominator: Amount.zero)
        let how = try book.explain(figure, engine: postgres ?? store, shown: table.fields) { c in
            n += 1
            if c.part.hasPrefix("分子 ") { parts.numerator = parts.numerator + c.value } else { parts.denominator = parts.denominator + c.value }
            let cells = table.cells(c)
            switch format {
            case .csv: csv.spreadsheetRecord(cells.map(\.text), numeric: Set(cells.indices.filter { cells[$0].isNumeric }))
            case .jsonl: Output.stdout.write(JSON.object(zip(table.headers, cells.map(Self.json)).map { ($0, $1) }) + "\n")
            case .xlsx: try sheet?.append(c)
            }
        }
        if let workbook {
            try workbook.commit()
            Output.stdout.write("\(xlsxPath)\n")
        }
        Output.stdout.flush()
        let f = book[figure]!
        let l = lang.language
        switch how {
        case .sum(let total)?:
            Output.stderr.write(l.s("explain.sum", ["n": n, "total": total, "figure": figure, "value": f.value, "unit": table.unitText(f, english: l == .en),
                                                    "differ": total == f.value ? "" : l.s("explain.differ")]) + "\n")
        case .ratio(let a, let b)?:
            if parts.numerator == a.value && parts.denominator == b.value {
                Output.stderr.write(l.s("explain.ratio", ["n": n, "a": a.id, "av": a.value, "au": table.unitText(book[a.id]!, english: l == .en),
                                                          "b": b.id, "bv": b.value, "bu": table.unitText(book[b.id]!, english: l == .en), "figure": figure, "value": f.value]) + "\n")
            } else {
                Output.stderr.write(l.s("explain.ratio.differ", ["n": n, "numerator": parts.numerator, "a": a.id, "av": a.value,
                                                                 "denominator": parts.denominator, "b": b.id, "bv": b.value]) + "\n")
            }
        case nil: break
        }
        Output.stderr.flush()
        // The records listed are not the figure's (the dataset changed between the two reads): not a clean answer.
        switch how {
        case .sum(let total)? where total != f.value: throw ExitCode(1)
        case .ratio(let a, let b)? where parts.numerator != a.value || parts.denominator != b.value: throw ExitCode(1)
        default: break
        }
    }

    /// A cell as JSON: amounts as strings (as every amount in Tieout's JSON), a row as a number.
    static func json(_ cell: ExplainTable.Cell) -> String {
        switch cell {
        case .text(let s), .number(let s): JSON.string(s)
        case .integer(let n): String(n)
        case .none: "null"
        }
    }
}
