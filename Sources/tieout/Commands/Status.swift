import ArgumentParser
import TieoutCore
import TieoutFleet
import TieoutPostgres

/// `tieout status --queue URL`: the queue's counts and units.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a PostgreSQL work queue: how many units are queued, running, done and failed, and each unit.",
        discussion: """
        Shows the latest enqueue unless --enqueue names another. Exit status: 0.

        Examples:
          tieout status --queue postgresql://tieout@db.example:5432/fleet
        """
    )

    @Option(help: "The queue's PostgreSQL URL (postgresql://user@host:port/db).")
    var queue: String

    @Option(help: "The enqueue to show (its number, as `tieout enqueue` printed it); the latest by default.")
    var enqueue: Int?

    func run() throws {
        let queue = try FleetQueue(url: PostgresURL(self.queue))
        guard let id = try enqueue ?? queue.latestEnqueue() else {
            Output.stdout.write("queue at \(queue.db.url): nothing enqueued\n")
            return
        }
        let units = try queue.units(enqueue: id)
        var counts = ["queued": 0, "running": 0, "done": 0, "failed": 0]
        for u in units { counts[u.state, default: 0] += 1 }
        Output.stdout.write("enqueue \(id) (\(try queue.folder(enqueue: id)?.escapingControlCharacters ?? "")): \(units.count) unit\(units.count == 1 ? "" : "s"): queued \(counts["queued"]!), running \(counts["running"]!), done \(counts["done"]!), failed \(counts["failed"]!)\n")
        var rows = [["unit", "state", "score", "findings", "worker", "error"]]
        for u in units {
            let findings = u.summary.map { s in s.findings.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") } ?? ""
            rows.append([u.workspace.escapingControlCharacters, u.state, u.summary?.score ?? "", findings, u.worker ?? "",
                       (u.summary?.error ?? "").escapingControlCharacters])
        }
        Output.stdout.write(TextTable.render(rows))
    }
}
