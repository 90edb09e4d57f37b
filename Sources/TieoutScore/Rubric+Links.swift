import TieoutCore
import TieoutIngest
import TieoutReconcile
import TieoutStore

extension Rubric.Rule {
    /// The figures the rule scores from.
    public var indicators: [String] {
        switch self {
        case .assessed: []
        case .proportional(let i, _, _), .bands(let i, _), .overLimit(let i, _, _, _): [i]
        case .perFailure(let i, _): i.map { [$0] } ?? []
        case .quarterly(let inds, _, _): inds
        case .sum(let parts): parts.flatMap(\.rule.indicators)
        }
    }
}

extension Rubric {
    /// Each item with the figures it scores from and stands on: what findings cite.
    public var links: [RubricLinks.Item] {
        items.map { RubricLinks.Item(name: $0.name, points: $0.max.description, figures: $0.rule.indicators + $0.figures, nameEn: $0.nameEn) }
    }
}

extension Reconciliation {
    /// Reconciles the workspace, citing the rubric items of its rubric (rubric.yaml, else the built-in one).
    public init(workspace: Workspace, store: DatasetStore, asOf: CalendarDate? = nil, rubric: Rubric) throws(TieoutError) {
        try self.init(workspace: workspace, store: store, asOf: asOf, rubric: rubric.links)
    }

    /// The same, with the figures computed by `engine` (PostgreSQL's; nil: the store).
    package init(workspace: Workspace, store: DatasetStore, asOf: CalendarDate? = nil, rubric: Rubric, engine: (any DatasetEngine)?) throws(TieoutError) {
        try self.init(workspace: workspace, store: store, asOf: asOf, rubric: rubric.links, engine: engine)
    }
}
