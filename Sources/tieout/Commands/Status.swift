import ArgumentParser
import TieoutCore
import TieoutFleet
import TieoutPostgres
import TieoutReport

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

    @Option(help: "Language of the lines: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    func run() throws {
        let l = lang.language
        let queue = try FleetQueue(url: PostgresURL(self.queue))
        guard let id = try enqueue ?? queue.latestEnqueue() else {
            Output.stdout.write(l.s("tools.status.empty", ["url": queue.db.url]) + "\n")
            return
        }
        let units = try queue.units(enqueue: id)
        var counts = ["queued": 0, "running": 0, "done": 0, "failed": 0]
        for u in units { counts[u.state, default: 0] += 1 }
        Output.stdout.write(l.s(units.count == 1 ? "tools.status.head.one" : "tools.status.head", [
            "id": id, "folder": try queue.folder(enqueue: id)?.escapingControlCharacters ?? "", "n": units.count,
            "queued": counts["queued"]!, "running": counts["running"]!, "done": counts["done"]!, "failed": counts["failed"]!]) + "\n")
        var rows = [["unit", "state", "score", "findings", "worker", "error"].map { l.s("tools.status.col." + $0) }]
        for u in units {
            // A finding class by its name in the summary's columns (不一致 2); English keeps the class's own name (mismatch 2).
            let findings = u.summary.map { s in
                s.findings.sorted { $0.key < $1.key }.map { f in
                    l.s("tools.status.finding", ["class": l == .en ? f.key : Self.className(f.key, l), "n": f.value])
                }.joined(separator: l.s("tools.status.finding.separator"))
            } ?? ""
            rows.append([u.workspace.escapingControlCharacters, FleetQueue.stateText(u.state, l), u.summary?.score ?? "", findings, u.worker ?? "",
                       (u.summary?.error ?? "").escapingControlCharacters])
        }
        Output.stdout.write(TextTable.render(rows))
    }

    static func className(_ key: String, _ l: ReportLanguage) -> String {
        let text = l.s("fleet.col.\(key)")
        return text.hasPrefix("{") ? key : text
    }
}
