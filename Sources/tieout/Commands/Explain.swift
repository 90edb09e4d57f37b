import ArgumentParser
import TieoutCore
import TieoutIngest
import TieoutReconcile
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

        Figures are named as in docs/claims.md: spend.actual.total, progress.q3, sangong.rate, …

        Examples:
          tieout explain samples/futian-2024 spend.actual.total
          tieout explain samples/futian-2024 sangong.rate --format jsonl
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, jsonl }

    @Argument(help: "The workspace folder (with tieout.yaml), ingested.", completion: .directory)
    var workspace: String

    @Argument(help: "The figure's id or its title (`tieout figures` lists them).")
    var figure: String

    @Option(help: "csv (default) or jsonl.")
    var format: Format = .csv

    func run() throws {
        let ws = try Workspace.open(workspace)
        let store = try DatasetStore.open(ws)
        // A partial or stale dataset (a killed ingest, one under way): said as reconcile says it.
        ReportFiles.warnIfNotCurrent(try store.state(ws), root: ws.root)
        let book = try FigureBook(workspace: ws, store: store)
        let figure = try book.catalog.resolve(self.figure)?.id ?? self.figure
        guard book.known.contains(figure) else {
            let near = book.known.filter { $0.hasPrefix(figure.split(separator: ".").first.map(String.init) ?? figure) }.sorted()
            throw TieoutError(code: "explain.figure", what: "'\(figure)' is not a figure Tieout computes", location: nil,
                              help: "Name one of the figures `tieout figures \(workspace)` lists, by id or title" + (near.isEmpty ? "" : ", such as \(near.prefix(8).joined(separator: ", "))") + ".")
        }
        if let m = book.missing[figure] {
            throw TieoutError(code: "explain.missing", what: "\(figure) (\(m.title)) cannot be computed: \(m.absence.en)", location: nil,
                              help: "Nothing stands behind it to list: \(m.absence.zh).")
        }
        let csv = CSVWriter(output: Output.stdout)
        if format == .csv { csv.record(["part", "file", "sheet", "row", "cell", "value"]) }
        var n = 0
        // For a ratio, what the numerator's and the denominator's records add up to.
        var parts = (numerator: Amount.zero, denominator: Amount.zero)
        let how = try book.explain(figure, store: store) { c in
            n += 1
            if c.part.hasPrefix("分子 ") { parts.numerator = parts.numerator + c.value } else { parts.denominator = parts.denominator + c.value }
            switch format {
            case .csv: csv.spreadsheetRecord([c.part, c.file, c.sheet ?? "", String(c.row), c.cell, c.value.description], numeric: [3, 5])
            case .jsonl:
                Output.stdout.write(JSON.object([("part", JSON.string(c.part)), ("file", JSON.string(c.file)), ("sheet", c.sheet.map(JSON.string) ?? "null"),
                                                 ("row", String(c.row)), ("cell", JSON.string(c.cell)), ("value", JSON.string(c.value.description))]) + "\n")
            }
        }
        Output.stdout.flush()
        let f = book[figure]!
        switch how {
        case .sum(let total)?:
            Output.stderr.write("explain: \(n) records; their values add up to \(total) = \(figure) \(f.value)\(total == f.value ? "" : " (THEY DIFFER)")\n")
        case .ratio(let a, let b)?:
            if parts.numerator == a.value && parts.denominator == b.value {
                Output.stderr.write("explain: \(n) records: the numerator's add up to \(a.id) \(a.value), the denominator's to \(b.id) \(b.value); \(figure) = \(a.value) ÷ \(b.value) = \(f.value)\n")
            } else {
                Output.stderr.write("explain: \(n) records: the numerator's add up to \(parts.numerator), \(a.id) is \(a.value); the denominator's to \(parts.denominator), \(b.id) is \(b.value) (THEY DIFFER)\n")
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
}
