import ArgumentParser
import TieoutReport

/// `--headers zh|en`, for the commands that write a CSV for people (rejects.csv, score.csv,
/// export, explain). Chinese headers with a UTF-8 byte-order mark by default, so Excel and WPS
/// open the file as it is; English headers without the mark for scripts (``CSVHeaders``).
struct HeaderOptions: ParsableArguments {
    @Option(help: "CSV column headers: zh (default; with a UTF-8 BOM so Excel and WPS open it) or en (the English column names, no BOM, for scripts).")
    var headers: ReportLanguageOption = .zh

    var language: ReportLanguage { headers.language }

    /// The arguments that give a child process (a unit of `run --all`) the same headers.
    var childArguments: [String] { headers == .zh ? [] : ["--headers", headers.rawValue] }
}
