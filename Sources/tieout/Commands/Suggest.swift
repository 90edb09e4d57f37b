import ArgumentParser
import TieoutCore
import TieoutIngest

/// `tieout suggest FILE`: a starting profile, to check and save as profiles/NAME.yaml.
struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a starting profile for a ledger: its header, unit, columns matched to a kind's fields, enumeration words, subtotal and cumulative rows.",
        discussion: """
        Columns are matched by name (the field's title and the built-in profiles' aliases) or, \
        marked GUESS, by the values they hold. Columns no field reads are listed as UNMAPPED. \
        Check the guesses, then save it as WORKSPACE/profiles/NAME.yaml.

        Examples:
          tieout suggest samples/futian-2024/ledgers/treasury/2024-03.csv
          tieout suggest ledgers/budget.xlsx --kind budget-indicator --sheet 2
        """
    )

    @Argument(help: "The ledger: CSV or a workbook.", completion: .file())
    var file: String

    @Option(help: "The record kind (default: the one whose fields the header names best).")
    var kind: String?

    @Option(help: "For a workbook: the sheet, by name or number from 1.")
    var sheet: String?

    @Option(help: "A workspace whose own kinds (kinds/*.yaml) may be suggested too.")
    var workspace: String?

    func run() throws {
        let kinds = try workspace.map { try Workspace.open($0).kinds } ?? KindCatalog.builtIn()
        let s = try ProfileSuggestion.suggest(file, kind: kind, sheet: sheet, kinds: kinds)
        Output.stdout.write(s.yaml)
    }
}
