import ArgumentParser
import TieoutCore
import TieoutIngest
import TieoutOffice
import TieoutReconcile

/// `tieout claims …`: claims.yaml from the report itself.
struct Claims: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with a report's claims (claims.yaml).",
        subcommands: [Extract.self]
    )

    /// `tieout claims extract REPORT [--workspace DIR]`: every stated figure of the report, as a claims.yaml.
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a report (.docx, .md, .txt) and print a claims.yaml of every figure it states.",
            discussion: """
            Amounts (元, 万元, 亿元), percentages and 个百分点, counts (个, 人, 件, 台, 套, 项), \
            scores (分) and the annex table's item scores are found with their section and \
            sentence, and mapped to figure ids through a phrase dictionary (docs/claims.md); a \
            workspace extends it with claim-phrases.yaml and its figures.yaml. A figure no \
            phrase maps is listed under `unmapped:`, never guessed. A summary goes to stderr.

            Examples:
              tieout claims extract 自评报告.docx > claims.yaml
              tieout claims extract 自评报告.docx --workspace samples/futian-2024
            """
        )

        @Argument(help: "The report: a .docx (Word, WPS, LibreOffice), or its text as .md or .txt.", completion: .file(extensions: ReportDocument.extensions))
        var report: String

        @Option(help: "A workspace whose claim-phrases.yaml and figures.yaml extend the built-in ones.", completion: .directory)
        var workspace: String?

        /// The summary's language on stderr, read there as the errors' is (``ErrorLanguage``).
        @Option(help: "Language of the lines: zh (default) or en.")
        var lang: ReportLanguageOption = .zh

        func run() throws {
            let phrases = try workspace.map { try ClaimPhrases.load(workspace: try Workspace.open($0)) }
                ?? ClaimPhrases.builtIn(figures: try FigureCatalog.builtIn(kinds: try KindCatalog.builtIn()))
            let extraction = ClaimExtraction(document: try ReportDocument.read(report), phrases: phrases)
            Output.stdout.write(extraction.yaml())
            // The claims.yaml on stdout is for programs (and people editing it) and stays as it is; the
            // summary on stderr speaks as the errors there do (--lang, else TIEOUT_LANG, else Chinese).
            Output.stderr.write(Catalog.text("claims.extract.summary", english: Output.english,
                                             ["mapped": extraction.claims.count, "unmapped": extraction.unmapped.count, "report": report]) + "\n")
            Output.stderr.flush()
        }
    }
}
