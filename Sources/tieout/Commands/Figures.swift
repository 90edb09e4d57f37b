import ArgumentParser
import TieoutCore
import TieoutIngest
import TieoutReconcile

/// `tieout figures [WORKSPACE]`: every figure id with its title and formula.
struct Figures: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every figure Tieout computes: its id, its title and how it is computed.",
        discussion: """
        A claim names its figure by id (claims.yaml's `figure:`), and `explain` takes the id or \
        the title. With a workspace, its own figures (figures.yaml) are listed too, and an \
        override is marked with its file.

        Examples:
          tieout figures
          tieout figures samples/nanshan-2025 --lang en
        """
    )

    @Argument(help: "A workspace whose figures.yaml is listed too (default: the built-in figures).", completion: .directory)
    var workspace: String?

    @Option(help: "zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    func run() throws {
        let catalog = try workspace.map { try FigureCatalog.load(workspace: try Workspace.open($0)) }
            ?? FigureCatalog.builtIn(kinds: KindCatalog.builtIn())
        Output.stdout.write(catalog.listing(english: lang == .en))
    }
}
