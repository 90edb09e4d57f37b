import ArgumentParser
import TieoutCore
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

    func run() throws {
        let problems = WorkspaceValidation.validate(workspace)
        for p in problems { Output.printError(p) }
        guard problems.isEmpty else {
            Output.stderr.write("\(problems.count) \(problems.count == 1 ? "mistake" : "mistakes") in \(workspace)'s settings; nothing was read or written.\n")
            Output.stderr.flush()
            throw ExitCode(2)
        }
        Output.stdout.write("\(workspace): tieout.yaml, kinds, profiles, figures, rules, claims, rubric and assessments read without a mistake.\n")
    }
}
