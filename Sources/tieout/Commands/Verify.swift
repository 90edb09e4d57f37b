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
        is written. Exit status: 0 equal, 1 a difference, 2 bad input. `tieout run --force` \
        rebuilds the dataset from the ledgers.

        Examples:
          tieout verify samples/futian-2024
          tieout verify /srv/ledgers/unit-2024 --quiet     (weekly, from cron)
        """
    )

    @Argument(help: "The workspace folder (with tieout.yaml), ingested.", completion: .directory)
    var workspace: String

    @Flag(help: "Print nothing when the dataset equals the ledgers (for cron: a mail only on a difference).")
    var quiet = false

    @OptionGroup var locking: LockOptions

    func run() throws {
        let ws = try Workspace.open(workspace)
        let lock = try locking.lock(ws, "verify")
        defer { lock.release() }
        let store = try DatasetStore.open(ws)
        let report = try store.verify(ws)
        for d in report.differences { Output.stdout.write(d.description + "\n") }
        if quiet && report.differences.isEmpty { return }
        Output.stdout.write("verify: \(report.files) files, \(report.records) records; "
                            + (report.differences.isEmpty ? "the dataset equals the ledgers\n" : "\(report.differences.count) difference\(report.differences.count == 1 ? "" : "s"): run `tieout run --force \(workspace)` to rebuild the dataset from the ledgers\n"))
        Output.stdout.flush()
        if !report.differences.isEmpty { throw ExitCode(1) }
    }
}
