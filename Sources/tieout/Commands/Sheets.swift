import ArgumentParser
import TieoutCore
import TieoutCSV

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

    @Argument(help: "The file to read (CSV).")
    var file: String

    @OptionGroup var input: InputOptions

    @Flag(help: "Write JSON instead of a table.")
    var json = false

    func run() throws {
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
        let encoding = table.encoding.name + (table.hasByteOrderMark ? " (BOM)" : "")
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
            let header = table.headerRecord.map { "record \($0)" } ?? "none"
            let rowsOut: [[String]] = [
                ["#", "name", "rows", "columns", "header", "title lines", "blank lines", "ragged", "encoding", "delimiter"],
                ["1", name, "\(rows)", "\(table.columns.count)", header, "\(table.titleLines.count)", "\(blank)", "\(ragged)", encoding, table.dialect.delimiterName],
            ]
            Output.stdout.write(TextTable.render(rowsOut, rightAligned: [0, 2, 3, 5, 6, 7]))
        }
    }
}
