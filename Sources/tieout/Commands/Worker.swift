import ArgumentParser
import Foundation
import TieoutCore
import TieoutFleet
import TieoutPostgres

/// `tieout worker --queue URL [--jobs N] [--drain]`: runs queued units until stopped or drained.
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run units from a PostgreSQL work queue (`tieout enqueue`), on as many machines as you like.",
        discussion: """
        Each unit is claimed with SELECT … FOR UPDATE SKIP LOCKED and held for its run, then \
        its summary, findings and score are stored in the queue and its reports written to its \
        out/ as `tieout run` writes them. A worker that dies releases its unit to the others. \
        Exit status: 0 when every unit it ran was done, 1 when one failed, 2 when the queue \
        cannot be reached.

        Examples:
          tieout worker --queue postgresql://tieout@db.example:5432/fleet --jobs 4
          tieout worker --queue postgresql://tieout@db.example:5432/fleet --drain
        """
    )

    @Option(help: "The queue's PostgreSQL URL (postgresql://user@host:port/db).")
    var queue: String

    @Option(help: "Units run at a time (default 1).")
    var jobs: Int = 1

    @Flag(help: "Exit when the queue is empty (else wait for more units).")
    var drain = false

    @Option(help: "zh (default) or en: the units' reports.")
    var lang: ReportLanguageOption = .zh

    func run() throws {
        let url = try PostgresURL(queue)
        _ = try FleetQueue(url: url)   // reachable, and its tables up to date, before any thread starts
        let worker = FleetWorker(url: url, jobs: jobs, drain: drain, poll: 0.5, language: lang.language)
        let failed = LockedFlag()
        let errors = worker.run { unit in
            let s = unit.summary
            if unit.state == "failed" { failed.set() }
            let line = "worker: \(unit.workspace.escapingControlCharacters) \(unit.state)\(s?.score.map { " \($0)" } ?? "")\(unit.state == "failed" ? ": " + (s?.error ?? "").escapingControlCharacters : "")\n"
            _ = line.withCString { write(2, $0, strlen($0)) }
        }
        if let first = errors.first { throw first }
        if failed.isSet { throw ExitCode(1) }
    }
}

final class LockedFlag: @unchecked Sendable {
    private var value = false
    private let lock = NSLock()
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
