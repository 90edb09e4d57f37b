import ArgumentParser
import TieoutCore
import TieoutFleet
import TieoutIngest
import TieoutPostgres
import TieoutReport

/// `tieout enqueue DIR --queue URL`: every workspace under DIR queued for the workers.
struct Enqueue: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Queue every workspace under a folder in a PostgreSQL work queue, for `tieout worker` to run.",
        discussion: """
        The folder is searched as `run --all` searches it; each unit is run once by whichever \
        worker claims it first (`tieout worker`), and `tieout status` shows how far the queue is. \
        The folder must be reachable by the workers under the same path (a shared disk).

        Examples:
          tieout enqueue /srv/units --queue postgresql://tieout@db.example:5432/fleet
        """
    )

    @Argument(help: "The folder that holds the units' workspaces.", completion: .directory)
    var folder: String

    @Option(help: "The queue's PostgreSQL URL (postgresql://user@host:port/db; keep the password in PGPASSWORD or ~/.pgpass).")
    var queue: String

    @Option(help: "Language of the lines: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    func run() throws {
        let l = lang.language
        let queue = try FleetQueue(url: PostgresURL(self.queue))
        let found = try queue.enqueue(folder)
        for f in found.failed { Output.stderr.write(l.s("tools.enqueue.unsearched", ["folder": f.escapingControlCharacters]) + "\n") }
        for earlier in try queue.stillQueued(folder: folder, before: found.enqueue) {
            Output.stderr.write(l.s(earlier.units == 1 ? "tools.enqueue.still-queued.one" : "tools.enqueue.still-queued", ["id": earlier.enqueue, "n": earlier.units]) + "\n")
        }
        // Output buffers stderr too: unflushed, these lines were lost when the command ended.
        Output.stderr.flush()
        Output.stdout.write(l.s(found.units.count == 1 ? "tools.enqueue.queued.one" : "tools.enqueue.queued", [
            "id": found.enqueue, "n": found.units.count, "folder": folder.escapingControlCharacters, "url": queue.db.url]) + "\n")
    }
}
