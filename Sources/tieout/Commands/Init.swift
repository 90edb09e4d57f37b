#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import TieoutCore
import TieoutIngest

/// `tieout init DIR`: a new workspace with a commented tieout.yaml.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a workspace: a folder with a commented tieout.yaml and folders for ledgers and profiles.",
        discussion: """
        Examples:
          tieout init 2024-self-evaluation
        """
    )

    @Argument(help: "The folder to create (or an empty one to fill).", completion: .directory)
    var directory: String

    static let starter = """
    # Tieout workspace: one budget unit, one fiscal year.
    # `tieout ingest .` reads the ledgers below into the dataset (.tieout/tieout.sqlite);
    # docs/profiles.md explains profiles, docs/dataset.md the dataset.

    # The budget unit, as the report names it.
    unit: 某某单位
    fiscal_year: 2024

    # How reports state money: unit (元, 万元, 亿元) and decimals.
    reporting:
      unit: 万元
      decimals: 2

    # Where the dataset lives (relative to this folder).
    database: .tieout/tieout.sqlite

    # Which files are which ledger: a pattern (relative to this folder; * and ?
    # within a folder, **/ across folders) and the profile that reads them — a
    # built-in one (treasury-payments, budget-indicators, procurement, asset-cards,
    # staffing, projects, petitions, surveys) or profiles/NAME.yaml here.
    sources:
      - files: ledgers/treasury/*.csv
        profile: treasury-payments
      - files: ledgers/budget/*.xlsx
        profile: budget-indicators
      # - files: ledgers/procurement/*.xlsx
      #   profile: procurement
      # - files: ledgers/assets/*.xlsx
      #   profile: asset-cards

    """

    func run() throws {
        let config = directory + "/" + Workspace.fileName
        if access(config, F_OK) == 0 {
            throw TieoutError(code: "workspace.exists", what: "\(config) already exists", location: SourceLocation(file: config),
                              help: "Edit it, or choose another folder for a new workspace.")
        }
        try makeDirectories(directory + "/ledgers/treasury")
        try makeDirectories(directory + "/ledgers/budget")
        try makeDirectories(directory + "/profiles")
        try writeAtomically(config) { $0.write(Self.starter) }
        _ = try Workspace.open(directory)   // the starter must read back
        Output.stdout.write("""
        Created \(config).
        Next: put the exports under \(directory)/ledgers/, adjust `sources:` in tieout.yaml, then run
          tieout ingest \(directory)

        """)
    }
}
