import ArgumentParser
import TieoutCore
import TieoutIngest

/// `tieout kinds [KIND]`: the record kinds, or one in full with the words it knows.
struct Kinds: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the record kinds, or one kind's fields, types, key, the headers the built-in profiles read and every word its enumerations know.",
        discussion: """
        A ledger word no enumeration knows is rejected at ingest; map it in the profile \
        (`map: { 年初批复: initial }`).

        Examples:
          tieout kinds
          tieout kinds budget-indicator
          tieout kinds contract --workspace samples/futian-2024
        """
    )

    @Argument(help: "A kind's name (default: list them all).")
    var kind: String?

    @Option(help: "A workspace whose own kinds (kinds/*.yaml) are listed too.")
    var workspace: String?

    @Option(help: "Language of the lines: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    func run() throws {
        let kinds = try workspace.map { try Workspace.open($0).kinds } ?? KindCatalog.builtIn()
        guard let name = kind else { return Output.stdout.write(kinds.listing(english: lang == .en)) }
        guard let k = kinds.named(name) else {
            throw TieoutError(code: "usage.kind", key: workspace == nil ? "usage.kind-outside" : "usage.kind", ["kind": name, "kinds": kinds.names.joined(separator: ", ")])
        }
        Output.stdout.write(try kinds.describe(k, english: lang == .en))
    }
}
