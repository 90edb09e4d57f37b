import ArgumentParser
import TieoutCore
import TieoutCSV
import TieoutXLSX

/// `tieout cat FILE`: every record as read, as UTF-8 CSV or JSON Lines.
struct Cat: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every record of a file as UTF-8 RFC 4180 CSV, or as JSON Lines with --json.",
        discussion: """
        CSV output keeps every record, title lines included, and ends lines with CRLF \
        (--eol lf for LF). JSON Lines output has one object per data row, keyed by the \
        header; columns beyond the header are keyed by their letter.

        Examples:
          tieout cat samples/csv/treasury-2024-03.csv
          tieout cat export.csv --encoding gb18030 --delimiter tab --json
        """
    )

    @Argument(help: "The file to read (CSV).", completion: .file())
    var file: String

    @OptionGroup var input: InputOptions

    @Flag(help: "Write JSON Lines keyed by the header instead of CSV.")
    var json = false

    enum LineEnd: String, ExpressibleByArgument, CaseIterable { case crlf, lf }

    @Option(help: "Line ends of the CSV output: crlf (RFC 4180) or lf.")
    var eol: LineEnd = .crlf

    @Option(help: "For a workbook: the sheet, by name or number from 1 (default: the first worksheet).")
    var sheet: String?

    @Option(help: "For a workbook: only the cells in this range, e.g. A1:H200.")
    var range: String?

    @Flag(name: .customLong("fill-merged"), help: "For a workbook: copy the top-left value of each merged range into all its cells (merged header cells).")
    var fillMerged = false

    /// The records are data, written as read; the language is that of the warnings and errors on stderr.
    @Option(help: "Language of the warnings and errors: zh (default) or en (the records are written as read).")
    var lang: ReportLanguageOption = .zh

    func run() throws {
        switch FileKind.of(file) {
        case .xlsx:
            try writeWorkbookCSV()
            Output.stdout.flush()
            return
        case .csv: break
        }
        let options = try input.csvOptions()
        if json {
            try writeJSONLines(options)
        } else {
            try writeCSV(options)
        }
        Output.stdout.flush()
    }

    /// Every row of a sheet as CSV; rows the sheet skips are written empty, so
    /// output line N is sheet row N.
    private func writeWorkbookCSV() throws {
        let book = try openWorkbook(file)
        let index = try chooseSheet(book, sheet, file: file)
        let window = try parseRange(range)
        let merged = fillMerged ? try book.mergedRanges(of: index) : []
        var mergedValues: [String?] = Array(repeating: nil, count: merged.count)
        var writer = CSVWriter(output: Output.stdout)
        if eol == .lf { writer.lineEnd = [0x0A] }
        let date1904 = book.date1904
        let firstRow = window?.firstRow ?? 1
        let firstColumn = window?.firstColumn ?? 1
        var last = firstRow - 1
        let report = try book.readRows(of: index) { row in
            if let window, row.number < window.firstRow || row.number > window.lastRow { return }
            while last + 1 < row.number { writer.endRecord(); last += 1 }
            var texts: [(Int, String)] = row.cells.compactMap { cell in
                if let window, cell.column < window.firstColumn || cell.column > window.lastColumn { return nil }
                return (cell.column, cell.text(date1904: date1904))
            }
            if !merged.isEmpty {
                for (k, m) in merged.enumerated() where m.firstRow <= row.number && row.number <= m.lastRow {
                    if row.number == m.firstRow {
                        mergedValues[k] = texts.first { $0.0 == m.firstColumn }?.1 ?? ""
                    }
                    guard let value = mergedValues[k] else { continue }
                    for c in m.firstColumn...m.lastColumn where !(row.number == m.firstRow && c == m.firstColumn) {
                        if let window, c < window.firstColumn || c > window.lastColumn { continue }
                        if let i = texts.firstIndex(where: { $0.0 == c }) { if texts[i].1.isEmpty { texts[i].1 = value } }
                        else { texts.append((c, value)) }
                    }
                }
                texts.sort { $0.0 < $1.0 }
            }
            var column = firstColumn
            for (c, text) in texts {
                while column < c { writer.separator(); column += 1 }
                writer.field(text)
            }
            writer.endRecord()
            last = row.number
        }
        for ref in report.formulasWithoutValue {
            Output.printWarning(formulaWithoutValue(ref, file: file, sheet: book.sheets[index].name, consequence: Phrase("error.xlsx.written-empty")))
        }
        for ref in report.duplicateCells {
            Output.printWarning(duplicateCell(ref, file: file, sheet: book.sheets[index].name))
        }
    }

    private func writeCSV(_ options: CSVOptions) throws {
        // The header is found only to warn about ragged data rows; every record is written.
        let table = try CSVTable.detect(path: file, options: options, headerRecord: input.headerRow)
        let reader = try CSVReader(path: file, options: options)
        reader.onWarning = Output.printWarning
        var writer = CSVWriter(output: Output.stdout)
        if eol == .lf { writer.lineEnd = [0x0A] }
        let header = table.headerRecord ?? Int.max
        while let record = try reader.next() {
            if record.number > header && !record.isBlank && record.count != table.columns.count {
                Output.printWarning(TableKeys.raggedWarning(record, table: table, file: file))
            }
            for i in 0..<record.count {
                if i > 0 { writer.separator() }
                record[i].withUTF8 { writer.field($0) }
            }
            writer.endRecord()
        }
    }

    private func writeJSONLines(_ options: CSVOptions) throws {
        let table = try CSVTable.detect(path: file, options: options, headerRecord: input.headerRow)
        let keys = TableKeys(table.columns)
        let reader = try CSVReader(path: file, options: options)
        reader.onWarning = Output.printWarning
        let out = Output.stdout
        let skipThrough = table.headerRecord ?? 0
        while let record = try reader.next() {
            if record.number <= skipThrough || record.isBlank { continue }
            if record.count != table.columns.count && table.headerRecord != nil {
                Output.printWarning(TableKeys.raggedWarning(record, table: table, file: file))
            }
            out.write(byte: 0x7B)
            let n = max(record.count, table.columns.count)
            for i in 0..<n {
                if i > 0 { out.write(byte: 0x2C) }
                out.write(keys.jsonKey(i))
                out.write(byte: 0x3A)
                if i < record.count { record[i].withUTF8 { JSON.write($0, to: out) } } else { out.write("null") }
            }
            out.write("}\n")
        }
    }
}

/// JSON keys for a table's columns: header names, made unique; letters where a name is missing.
struct TableKeys {
    private var names: [String]

    init(_ columns: [String]) {
        var seen: [String: Int] = [:]
        names = columns.enumerated().map { i, c in
            let base = c.isEmpty ? SourceLocation.letter(forColumn: i + 1) : c
            let n = seen[base, default: 0] + 1
            seen[base] = n
            return n == 1 ? base : "\(base) (\(n))"
        }
    }

    func name(_ i: Int) -> String {
        i < names.count ? names[i] : SourceLocation.letter(forColumn: i + 1)
    }

    func jsonKey(_ i: Int) -> String { JSON.string(name(i)) }

    static func raggedWarning(_ record: CSVRecord, table: CSVTable, file: String) -> TieoutError {
        TieoutError(code: "csv.ragged", ["record": record.number, "fields": record.count, "columns": table.columns.count],
                    location: record.location(file: file))
    }
}
