import ArgumentParser
import TieoutCore
import TieoutIngest
import TieoutReconcile
import TieoutReport
import TieoutStore

/// `tieout check WORKSPACE --as-of DATE`: the quarterly check cron runs.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The quarterly check: spending up to --as-of against the 25/50/75/100% schedule, the 预算执行率 points at stake, and what must still be spent.",
        discussion: """
        Ingests first (new exports are picked up), then looks only at what is dated up to \
        --as-of: payments, and the budget issued so far.

        Exit status: 0 on or ahead of schedule; 1 behind schedule (so cron mails the output); \
        2 for a bad workspace or date.

        Examples:
          tieout check samples/futian-2024 --as-of 2024-09-30
          tieout check samples/futian-2024 --as-of 2024-09-30 --lang en
          # crontab: 8:00 on the 1st of each month
          0 8 1 * * cd /srv/ledgers && tieout check unit-2024 --as-of "$(date -d yesterday +\\%F)"
        """
    )

    @Argument(help: "The workspace folder (with tieout.yaml).", completion: .directory)
    var workspace: String

    @Option(name: .customLong("as-of"), help: "The day to check up to (YYYY-MM-DD).")
    var asOf: String

    @OptionGroup var locking: LockOptions

    @OptionGroup var logging: LoggingOptions

    @Option(help: "Output language: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        logging.start("check", workspace: workspace)
        let date: CalendarDate
        do { date = try CalendarDate.parse(asOf) } catch {
            throw TieoutError(code: "usage.as-of", key: "usage.as-of-date", ["value": asOf])
        }
        let ws = database.apply(try Workspace.open(workspace))
        // It ingests first: one writer per workspace, like run and ingest.
        let lock = try locking.lock(ws, "check")
        defer { lock.release() }
        let store = try DatasetStore.open(ws)
        let postgres = try PostgresDataset.forWorkspace(ws)
        let ingest = try store.ingest(ws)
        EventLog.ingested(ingest)
        // With a PostgreSQL database the check reads the unit's schema, published first when the ingest changed the dataset.
        try Ingest.publishIfNotCurrent(postgres, store, language: lang.language)
        let c = try QuarterlyCheck(store: store, workspace: ws, asOf: date, engine: postgres)
        EventLog.emit(c.behind ? .warning : .info, "check.result",
                      ["as_of": .string("\(c.asOf)"), "quarter": EventLog.count(c.quarter), "schedule_percent": EventLog.count(c.schedulePercent),
                       "budget": .string(c.budget.description), "spent": .string(c.spent.description), "progress": .string(c.progress.description),
                       "behind": .stringConvertible(c.behind), "needed": .string(c.needed.description),
                       "points": .string(c.points.description), "points_lost": .string(c.pointsLost.description)])
        let d = Display(unit: ws.reportingUnit, decimals: ws.decimals)
        let gap = Amount(c.schedulePercent) - c.progress * Amount(100)
        let l = lang.language
        let money = { (a: Amount) in l.value(d.text(a, .amount)) }
        var out = l.s("check.head", ["date": c.asOf, "quarter": l.s("check.quarter.\(c.quarter)"), "schedule": c.schedulePercent]) + "\n"
        out += l.s("check.budget", ["budget": money(c.budget), "date": c.asOf]) + "\n"
        out += l.s("check.spent", ["spent": money(c.spent), "progress": c.progress.percentText()])
        out += (c.behind ? l.s("check.behind", ["gap": gap.rounded(scale: 2)]) : l.s("check.on-schedule")) + "\n"
        if let whole = c.yearBudget, let p = c.progressOfYear {
            out += l.s("check.year-budget", ["budget": money(whole), "date": c.asOf, "progress": p.percentText()]) + "\n"
        }
        if !c.needed.isZero {
            out += l.s("check.needed", ["end": c.quarterEnd, "needed": money(c.needed), "schedule": c.schedulePercent]) + "\n"
        }
        out += l.s("check.points", ["quarters": c.ratios.enumerated().map { q, r in
            "Q\(q + 1) \(c.execution.perQuarter[q].rounded(scale: 2))" + (c.projected[q] ? l.s("check.projected") : "")
        }.joined(separator: l.s("list.comma")), "balance": c.execution.balance.rounded(scale: 2)]) + "\n"
        out += l.s("check.total", ["points": c.points, "lost": c.pointsLost]) + "\n"
        if ingest.failed { out += l.s("check.failed-files") + "\n" }
        Output.stdout.write(out)
        // --quiet: behind schedule is the problem; the whole check is what the mail should say.
        if c.behind || ingest.failed { EventLog.problems(out.split(separator: "\n").map(String.init)) }
        Output.stdout.flush()
        if c.behind { throw ExitCode(1) }
    }
}
