import ArgumentParser
import TieoutCore
import TieoutCSV

/// Options shared by the commands that read a file.
struct InputOptions: ParsableArguments {
    @Option(help: "The file's encoding: \(EncodingChoice.names). Detected when left out.")
    var encoding: String?

    @Option(help: "The field delimiter: , ; | or tab. Sniffed when left out.")
    var delimiter: String?

    @Option(name: .customLong("header-row"),
            help: "The record that holds the column names (1-based), or 0 for none. Detected when left out.")
    var headerRow: Int?

    func csvOptions() throws -> CSVOptions {
        var o = CSVOptions()
        if let encoding {
            guard let choice = EncodingChoice(name: encoding) else {
                throw ValidationError("unknown encoding '\(encoding)'; use one of \(EncodingChoice.names)")
            }
            o.encoding = choice
        }
        if let delimiter {
            guard let d = CSVDialect(delimiterName: delimiter) else {
                throw ValidationError("unknown delimiter '\(delimiter)'; use , ; | or tab")
            }
            o.dialect = d
        }
        return o
    }

    func validate() throws {
        _ = try csvOptions()
        if let headerRow, headerRow < 0 { throw ValidationError("--header-row takes 0 (no header) or a record number") }
    }
}
