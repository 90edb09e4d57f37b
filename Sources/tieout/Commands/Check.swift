import ArgumentParser
import TieoutCore
import TieoutIngest
import TieoutReconcile
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

    func run() throws {
        logging.start("check", workspace: workspace)
        let date: CalendarDate
        do { date = try CalendarDate.parse(asOf) } catch {
            throw TieoutError(code: "usage.as-of", what: "'\(asOf)' is not a date", help: "Write the day as YYYY-MM-DD, such as 2024-09-30.")
        }
        let ws = try Workspace.open(workspace)
        // It ingests first: one writer per workspace, like run and ingest.
        let lock = try locking.lock(ws, "check")
        defer { lock.release() }
        let store = try DatasetStore.open(ws)
        let ingest = try store.ingest(ws)
        EventLog.ingested(ingest)
        let c = try QuarterlyCheck(store: store, workspace: ws, asOf: date)
        EventLog.emit(c.behind ? .warning : .info, "check.result",
                      ["as_of": .string("\(c.asOf)"), "quarter": EventLog.count(c.quarter), "schedule_percent": EventLog.count(c.schedulePercent),
                       "budget": .string(c.budget.description), "spent": .string(c.spent.description), "progress": .string(c.progress.description),
                       "behind": .stringConvertible(c.behind), "needed": .string(c.needed.description),
                       "points": .string(c.points.description), "points_lost": .string(c.pointsLost.description)])
        let d = Display(unit: ws.reportingUnit, decimals: ws.decimals)
        let gap = Amount(c.schedulePercent) - c.progress * Amount(100)
        var out = "季度预算执行检查：截至 \(c.asOf)（第\(["一", "二", "三", "四"][c.quarter - 1])季度，序时进度 \(c.schedulePercent)%）\n"
        out += "已下达预算（调整后）：\(d.text(c.budget, .amount))（截至 \(c.asOf) 下达的年初预算与调整：支出进度的分母）\n"
        out += "累计支出：\(d.text(c.spent, .amount))，支出进度 \(c.progress.percentText())"
        out += c.behind ? "，落后序时进度 \(gap.rounded(scale: 2)) 个百分点\n" : "，达到序时进度\n"
        if let whole = c.yearBudget, let p = c.progressOfYear {
            out += "全年调整后预算：\(d.text(whole, .amount))（含 \(c.asOf) 之后下达的调整）；以之为分母，支出进度为 \(p.percentText())（即 tieout reconcile 的季度进度）\n"
        }
        if !c.needed.isZero {
            out += "至 \(c.quarterEnd) 还需支出 \(d.text(c.needed, .amount)) 才能达到 \(c.schedulePercent)%\n"
        }
        out += "预算执行率得分（若全年保持当前进度）：" + c.ratios.enumerated().map { q, r in
            "Q\(q + 1) \(c.execution.perQuarter[q].rounded(scale: 2))\(c.projected[q] ? "（预计）" : "")"
        }.joined(separator: "，") + "；均衡性 \(c.execution.balance.rounded(scale: 2))\n"
        out += "合计 \(c.points) / 6 分，将失 \(c.pointsLost) 分\n"
        if ingest.failed { out += "注意：有文件读取失败，见 tieout ingest 的输出。\n" }
        Output.stdout.write(out)
        // --quiet: behind schedule is the problem; the whole check is what the mail should say.
        if c.behind || ingest.failed { EventLog.problems(out.split(separator: "\n").map(String.init)) }
        Output.stdout.flush()
        if c.behind { throw ExitCode(1) }
    }
}
