import ArgumentParser
import TieoutCore
import TieoutIngest
import TieoutStore

/// `tieout verify WORKSPACE`: every active ledger read again and compared with the dataset.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read every ledger in the dataset again and compare its records, value by value, with what the dataset holds.",
        discussion: """
        The auditor's check that the dataset is what the ledgers say: every difference is listed \
        with its file, sheet, row, cell and both values (a value changed in the dataset outside \
        Tieout, a record only one side has, a ledger changed or gone since it was read). Nothing \
        is written. With a PostgreSQL database (database: or --database), the unit's copy there \
        is compared with the local dataset too, table by table (rows, and a digest of every \
        value). Exit status: 0 equal, 1 a difference, 2 bad input. `tieout run --force` \
        rebuilds the dataset from the ledgers.

        Examples:
          tieout verify samples/futian-2024
          tieout verify /srv/ledgers/unit-2024 --quiet     (weekly, from cron)
          tieout verify samples/futian-2024 --lang en
        """
    )

    @Argument(help: "The workspace folder (with tieout.yaml), ingested.", completion: .directory)
    var workspace: String

    @Flag(help: "Print nothing when the dataset equals the ledgers (for cron: a mail only on a difference).")
    var quiet = false

    @Option(help: "Language of the lines: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    @OptionGroup var locking: LockOptions

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let ws = database.apply(try Workspace.open(workspace))
        let lock = try locking.lock(ws, "verify")
        defer { lock.release() }
        let store = try DatasetStore.open(ws)
        let postgres = try PostgresDataset.forWorkspace(ws)
        let report = try store.verify(ws)
        // With a PostgreSQL database: the unit's schema against the local dataset, table by table.
        let copy = try postgres.map { try $0.differences(from: store) } ?? []
        let english = lang == .en
        func say(_ key: String, _ args: [String: any CustomStringConvertible]) { Output.stdout.write(Catalog.text(key, english: english, args) + "\n") }
        for d in report.differences { Output.stdout.write(d.description(english: english) + "\n") }
        for d in copy { say("verify.postgres.line", ["difference": d.text(english: english)]) }
        if quiet && report.differences.isEmpty && copy.isEmpty { return }
        let n = report.differences.count
        say(n == 0 ? "verify.equal" : n == 1 ? "verify.differ.one" : "verify.differ.many",
            ["files": report.files, "records": report.records, "n": n, "workspace": workspace])
        if let postgres {
            say(copy.isEmpty ? "verify.postgres.equal" : copy.count == 1 ? "verify.postgres.differ.one" : "verify.postgres.differ.many",
                ["place": postgres.shown, "n": copy.count, "workspace": workspace])
        }
        Output.stdout.flush()
        if !report.differences.isEmpty || !copy.isEmpty { throw ExitCode(1) }
    }
}
