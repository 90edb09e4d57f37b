import ArgumentParser
import Foundation
import TieoutCore
import TieoutFleet
import TieoutPostgres
import TieoutReport

/// `tieout report --all --queue URL`: the fleet summary of an enqueue, from the queue.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the fleet summary (summary.md, .html, .json, .xlsx) of the units a PostgreSQL work queue ran, as `run --all` writes it.",
        discussion: """
        The summary goes to the enqueued folder's out/ (or --output). Units not run yet are \
        listed as failed, saying so. Exit status: the worst unit's, as for `run --all`.

        Examples:
          tieout report --all --queue postgresql://tieout@db.example:5432/fleet
        """
    )

    @Flag(help: "Every unit of the enqueue (the only report there is yet).")
    var all = false

    @Option(help: "The queue's PostgreSQL URL (postgresql://user@host:port/db).")
    var queue: String

    @Option(help: "The enqueue to report (its number); the latest by default.")
    var enqueue: Int?

    @Option(help: "The folder to write the summary to (default: the enqueued folder's out/).", completion: .directory)
    var output: String?

    @Option(help: "Language of the lines and of the summary's pages: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    func validate() throws {
        guard all else { throw ValidationError("report needs --all: the fleet summary of the queue's units (a unit's own report is in its out/).") }
    }

    func run() throws {
        let queue = try FleetQueue(url: PostgresURL(self.queue))
        guard let id = try enqueue ?? queue.latestEnqueue(), let folder = try queue.folder(enqueue: id) else {
            let url = queue.db.url.description
            throw TieoutError(code: "usage.nothing-enqueued",
                              what: enqueue.map { Phrase("error.usage.no-such-enqueue", ["url": url, "enqueue": $0]) } ?? Phrase("error.usage.nothing-enqueued.what", ["url": url]),
                              help: Phrase("error.usage.nothing-enqueued.help"))
        }
        let summary = try queue.summary(enqueue: id, language: lang.language)
        let out = output ?? folder + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let set = StagedFiles()
        for file in try summary.files(language: lang.language) {
            try set.write(out + "/" + file.name) { $0.write(file.contents) }
        }
        try set.writeFile(out + "/summary.xlsx") { try summary.writeWorkbook(to: $0, shownAs: out + "/summary.xlsx", language: lang.language) }
        try set.commit()
        Output.stdout.write(summary.markdown(language: lang.language).split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n"))
        Output.stdout.write(lang.language.s("tools.report.written", ["out": out]) + "\n")
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }
}
