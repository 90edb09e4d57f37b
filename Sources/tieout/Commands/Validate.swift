import ArgumentParser
import TieoutCore
import TieoutReport
import TieoutScore

/// `tieout validate WORKSPACE`: every settings file checked, every mistake listed.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a workspace's settings (tieout.yaml, kinds, profiles, figures, rules, claims, rubric, assessments) without touching its dataset; list every mistake.",
        discussion: """
        Exits 0 when every file reads, 2 when any has a mistake (each is listed with its file, \
        line and fix). `tieout run` validates first.

        Example:
          tieout validate samples/futian-2024
        """
    )

    @Argument(help: "The workspace folder (with tieout.yaml).", completion: .directory)
    var workspace: String

    @Option(help: "Language of the lines: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    func run() throws {
        let problems = WorkspaceValidation.validate(workspace)
        for p in problems { Output.printError(p) }
        guard problems.isEmpty else {
            // On stderr after the mistakes, in their language (--lang, else TIEOUT_LANG, else Chinese).
            Output.stderr.write(Catalog.text(problems.count == 1 ? "validate.mistakes.one" : "validate.mistakes.many", english: Output.english,
                                             ["n": problems.count, "workspace": workspace]) + "\n")
            Output.stderr.flush()
            throw ExitCode(2)
        }
        Output.stdout.write(lang.language.s("validate.ok", ["workspace": workspace]) + "\n")
    }
}
