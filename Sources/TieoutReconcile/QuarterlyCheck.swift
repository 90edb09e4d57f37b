import TieoutCore
import TieoutIngest
import TieoutStore

/// The quarterly check `tieout check --as-of` runs from cron: spending to date
/// against the 25/50/75/100% schedule of the budget issued so far, the
/// 预算执行率 points the year would lose at this pace, and what must still be
/// spent by quarter-end to lose none this quarter.
///
/// The rubric's item (6 points): for each quarter, min(1, progress ÷ schedule),
/// plus 2 × min(1, the mean of the four uncapped ratios).
public struct QuarterlyCheck: Sendable {
    public var asOf: CalendarDate
    public var quarter: Int
    /// 25, 50, 75 or 100 (%): the schedule at the end of this quarter.
    public var schedulePercent: Int
    /// The adjusted budget issued up to `asOf` (initial + adjustments dated so far).
    public var budget: Amount
    public var spent: Amount
    /// spent ÷ budget.
    public var progress: Amount
    /// schedule × budget − spent, when positive: what the quarter still needs.
    public var needed: Amount
    public var quarterEnd: CalendarDate
    /// Per quarter: progress ÷ schedule, uncapped (past quarters as recorded, later ones projected at this pace).
    public var ratios: [Amount]
    public var projected: [Bool]
    /// How the points below are made up.
    public var execution: ExecutionPoints
    /// Points of 预算执行率 (of 6) if the year ended at this pace, to 2 decimals.
    public var points: Amount
    public var behind: Bool
    public var inputs: [FigureInput]
    /// The year's adjusted budget as the dataset knows it now (every indicator, whatever its
    /// date), when it differs from ``budget``, and the progress measured against it: what
    /// reconcile's `progress.qN` measures.
    public var yearBudget: Amount?
    public var progressOfYear: Amount?

    public init(store: DatasetStore, workspace: Workspace, asOf: CalendarDate) throws(TieoutError) {
        try self.init(store: store, workspace: workspace, asOf: asOf, engine: nil)
    }

    /// The same, the figures computed by `engine` (a `PostgresDataset`: on the unit's schema in PostgreSQL).
    package init(store: DatasetStore, workspace: Workspace, asOf: CalendarDate, engine: (any DatasetEngine)?) throws(TieoutError) {
        self.asOf = asOf
        let year = workspace.fiscalYear
        guard asOf.year == year else {
            throw TieoutError(code: "usage.as-of", ["date": "\(asOf)", "year": year], location: SourceLocation(file: workspace.configPath))
        }
        let book = try FigureBook(workspace: workspace, store: store, asOf: asOf, monthly: [], engine: engine)
        quarter = (asOf.month - 1) / 3 + 1
        schedulePercent = quarter * 25
        budget = book["budget.adjusted.total"]?.value ?? .zero
        // Spending that cannot be measured (no payments ledger, a month without an export,
        // rejected rows) is never taken as zero: the check says what is missing.
        // (A budget with no indicator dated so far is the error below, which says so.)
        for (id, what) in [("budget.adjusted.total", "the budget issued"), ("spend.actual.total", "spending")] where book[id] == nil {
            guard let m = book.missing[id], id == "spend.actual.total" || m.absence.zh.hasPrefix(Completeness.incompleteZh) else { continue }
            throw TieoutError(code: "check.missing-data", ["what": what, "date": "\(asOf)", "absence": m.absence], location: SourceLocation(file: workspace.root))
        }
        spent = book["spend.actual.total"]?.value ?? .zero
        guard !budget.isZero else {
            throw TieoutError(code: "check.no-budget", ["date": "\(asOf)"], location: SourceLocation(file: workspace.root))
        }
        progress = spent.ratio(to: budget)!
        let target = (budget * Amount(schedulePercent)).divided(by: Amount(100), scale: 2)
        needed = target > spent ? target - spent : .zero
        quarterEnd = Period.quarter(year, quarter).lastDay
        behind = progress * Amount(100) < Amount(schedulePercent)
        // Ratios: quarters ended by asOf from their cumulative spending; the rest projected
        // from the pace so far (spending per day elapsed).
        let start = CalendarDate(year: year, month: 1, day: 1)!
        let elapsed = Amount(asOf.daysSinceEpoch - start.daysSinceEpoch + 1)
        var ratios: [Amount] = [], projected: [Bool] = []
        for q in 1...4 {
            let end = Period.quarter(year, q).lastDay
            let schedule = Amount(q * 25).divided(by: Amount(100), scale: 2)
            let cumulative: Amount
            if end <= asOf {
                cumulative = book["spend.cumulative.q\(q)"]?.value ?? .zero
                projected.append(false)
            } else {
                let days = Amount(end.daysSinceEpoch - start.daysSinceEpoch + 1)
                cumulative = (spent * days).divided(by: elapsed, scale: 2)
                projected.append(true)
            }
            ratios.append(cumulative.divided(by: budget * schedule, scale: Amount.ratioScale))
        }
        self.ratios = ratios
        self.projected = projected
        execution = Self.executionPoints(ratios: ratios)
        points = execution.total.rounded(scale: 2)
        let wholeYear = try FigureBook(workspace: workspace, store: store, monthly: [], engine: engine)
        if let whole = wholeYear["budget.adjusted.total"]?.value, whole != budget {
            yearBudget = whole
            progressOfYear = spent.ratio(to: whole)
        }
        inputs = [book["budget.adjusted.total"], book["spend.actual.total"]].compactMap { $0 }.map {
            FigureInput(label: $0.title, value: $0.value, places: $0.inputs.flatMap(\.places))
        }
    }

    public var pointsLost: Amount { Amount(6) - points }

    /// 预算执行率 points from the four quarterly ratios (progress ÷ schedule, uncapped).
    public struct ExecutionPoints: Sendable {
        /// Per quarter: min(1, ratio).
        public var perQuarter: [Amount]
        /// The mean of the uncapped ratios.
        public var mean: Amount
        /// `meanWeight` × min(1, mean).
        public var balance: Amount
        /// The sum of the quarters and the balance, exact.
        public var total: Amount
    }

    /// The rubric's reading, as the annex applies it: each quarter capped at 1, the mean taken
    /// of the uncapped ratios and then capped (capping before averaging would give less).
    public static func executionPoints(ratios: [Amount], meanWeight: Amount = Amount(2)) -> ExecutionPoints {
        let one = Amount(1)
        let perQuarter = ratios.map { min($0, one) }
        let mean = ratios.reduce(Amount.zero, +).divided(by: Amount(max(ratios.count, 1)), scale: Amount.ratioScale)
        let balance = meanWeight * min(mean, one)
        return ExecutionPoints(perQuarter: perQuarter, mean: mean, balance: balance, total: perQuarter.reduce(Amount.zero, +) + balance)
    }
}
