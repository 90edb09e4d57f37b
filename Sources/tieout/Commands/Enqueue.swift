import ArgumentParser
import TieoutCore
import TieoutFleet
import TieoutIngest
import TieoutPostgres

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

    func run() throws {
        let queue = try FleetQueue(url: PostgresURL(self.queue))
        let found = try queue.enqueue(folder)
        guard !found.units.isEmpty || !found.failed.isEmpty else {
            throw TieoutError(code: "workspace.none", ["folder": folder, "config": Workspace.fileName], location: SourceLocation(file: folder))
        }
        for f in found.failed { Output.stderr.write("enqueue: \(f.escapingControlCharacters) cannot be searched: queued as failed\n") }
        Output.stdout.write("enqueue \(found.enqueue): \(found.units.count) unit\(found.units.count == 1 ? "" : "s") queued from \(folder.escapingControlCharacters) at \(queue.db.url)\n")
    }
}
