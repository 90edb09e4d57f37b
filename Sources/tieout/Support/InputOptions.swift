import ArgumentParser
import TieoutCore
import TieoutCSV

/// `--encoding`, typed when the command line is parsed (not a string checked later).
struct EncodingArgument: ExpressibleByArgument {
    var choice: EncodingChoice

    init?(argument: String) {
        guard let c = EncodingChoice(name: argument) else { return nil }
        choice = c
    }

    static var allValueStrings: [String] { EncodingChoice.names.components(separatedBy: ", ") }
}

/// `--delimiter`, typed when the command line is parsed.
struct DelimiterArgument: ExpressibleByArgument {
    var dialect: CSVDialect

    init?(argument: String) {
        guard let d = CSVDialect(delimiterName: argument) else { return nil }
        dialect = d
    }

    static var allValueStrings: [String] { [",", ";", "|", "tab"] }
}

/// Options shared by the commands that read a file.
struct InputOptions: ParsableArguments {
    @Option(help: "The file's encoding. Detected when left out.")
    var encoding: EncodingArgument?

    @Option(help: "The field delimiter. Sniffed when left out.")
    var delimiter: DelimiterArgument?

    @Option(name: .customLong("header-row"),
            help: "The record that holds the column names (1-based), or 0 for none. Detected when left out.")
    var headerRow: Int?

    func csvOptions() throws -> CSVOptions {
        var o = CSVOptions()
        if let encoding { o.encoding = encoding.choice }
        if let delimiter { o.dialect = delimiter.dialect }
        return o
    }

    func validate() throws {
        if let headerRow, headerRow < 0 { throw ValidationError("--header-row takes 0 (no header) or a record number") }
    }
}
