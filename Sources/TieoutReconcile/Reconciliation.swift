import Foundation
import TieoutCore
import TieoutIngest
import TieoutStore

/// A workspace reconciled: its figures, its claims and the findings.
///
/// ```swift
/// let r = try Reconciliation(workspace: ws, store: store)
/// r.findings.filter { $0.status == .mismatch }.count
/// ```
public struct Reconciliation: Sendable {
    public var workspace: Workspace
    public var book: FigureBook
    public var claims: [Claim]
    /// The figures the report (`report:`) states that no phrase maps, as claims without a
    /// figure (their sentence set): not checked against the ledgers, but statements the
    /// report makes (a satisfaction rate below the full-marks band, TieoutScore's StatementCheck).
    public var unmappedFigures: [Claim] = []
    public var findings: [Finding]
    public var display: Display
    public var asOf: CalendarDate?
    /// What the dataset stands on (reports state it).
    public var dataset: DatasetState
    /// The rubric items each figure feeds.
    public var links: RubricLinks
    /// The value each source cell of the findings and figures holds (an amount exact in 元, or
    /// a whole number, as the dataset keeps it from the ledger): report.html shows it beside the cell's reference.
    public var cellValues: [String: CellValue] = [:]

    /// Reconciles the workspace; `rubric` lists the rubric's items with the figures each one
    /// scores from (TieoutScore gives them from the workspace's rubric), so that findings say
    /// what is at stake. `engine` computes the figures (nil: the store; see ``DatasetEngine``).
    public init(workspace: Workspace, store: DatasetStore, asOf: CalendarDate? = nil, rubric: [RubricLinks.Item] = []) throws(TieoutError) {
        try self.init(workspace: workspace, store: store, asOf: asOf, rubric: rubric, engine: nil)
    }

    package init(workspace: Workspace, store: DatasetStore, asOf: CalendarDate? = nil, rubric: [RubricLinks.Item] = [],
                 engine: (any DatasetEngine)?) throws(TieoutError) {
        self.workspace = workspace
        self.asOf = asOf
        dataset = try store.state(workspace)
        display = Display(unit: workspace.reportingUnit, decimals: workspace.decimals)
        book = try FigureBook(workspace: workspace, store: store, asOf: asOf, monthly: [CumulativeRule.monthlySpending], engine: engine)
        let path = workspace.root + "/" + ClaimSet.fileName
        if asOf == nil, let data = try YAMLValue.readFile(path, shownAs: ClaimSet.fileName, limits: .document) {
            claims = try ClaimSet.parse(String(decoding: data, as: UTF8.self), file: ClaimSet.fileName, knownFigures: book.known).claims
        } else {
            claims = []
        }
        if asOf == nil, workspace.report != nil {
            (claims, unmappedFigures) = try ClaimSet.fromReportWithUnmapped(workspace, knownFigures: book.known, correctedBy: claims)
        }
        links = RubricLinks(rubric, catalog: book.catalog)
        let context = RuleContext(book: book, claims: claims, display: display, tolerances: workspace.tolerances,
                                  links: links,
                                  rules: try RuleDefinitions.load(workspace: workspace, figures: book.catalog),
                                  dataset: dataset, store: store, fiscalYear: workspace.fiscalYear, asOf: asOf)
        var all: [Finding] = []
        for rule in RuleRegistry.builtIn { all += try rule.findings(in: context) }
        findings = all
        // The figures' places too: the score's findings, added later, cite the same figures.
        let places = all.flatMap(\.inputs).flatMap(\.places) + book.figures.values.flatMap(\.inputs).flatMap(\.places)
        cellValues = try store.cellValues(places, kinds: workspace.kinds)
    }

    /// Counts by class.
    public var counts: [Finding.Status: Int] {
        var c: [Finding.Status: Int] = [:]
        for f in findings { c[f.status, default: 0] += 1 }
        return c
    }

    /// Counts by class name (`ok`, `rounding`, `mismatch`, `missing-data`), every class present.
    public var countsByClass: [String: Int] {
        let c = counts
        var out: [String: Int] = [:]
        for s in Finding.Status.allCases { out[s.rawValue] = c[s] ?? 0 }
        return out
    }

    /// Mismatches, missing data or unsupported statements: `tieout reconcile` exits 1.
    public var hasProblems: Bool { findings.contains { $0.status.isProblem } }
}

extension Finding.Status {
    /// Worst first: what a reader must look at.
    public var severity: Int {
        switch self {
        case .mismatch: 0
        case .unsupported: 1
        case .missingData: 2
        case .rounding: 3
        case .ok: 4
        }
    }

    /// Every class, worst first (by ``severity``): the order findings are listed in, and the
    /// one place that order is given (the annotated report's ranks are it reversed).
    public static let worstFirst: [Finding.Status] = allCases.sorted { $0.severity < $1.severity }
}

extension Reconciliation {
    /// Findings worst first, then in the order the rules produced them.
    public var orderedFindings: [Finding] {
        findings.enumerated().sorted { a, b in
            a.element.status.severity != b.element.status.severity ? a.element.status.severity < b.element.status.severity : a.offset < b.offset
        }.map(\.element)
    }
}
