import TieoutCore
import TieoutIngest
import TieoutStore

/// A reconciliation rule: given the figures, the claims and the dataset, its findings.
/// Each rule is one type in its own file, listed once in ``RuleRegistry``; a new rule is
/// that file, its line in the registry, and its test.
public protocol Rule: Sendable {
    /// The `rule` of its findings (claim, identity, …), and the key of its tolerance in tieout.yaml.
    static var name: String { get }
    func findings(in context: RuleContext) throws(TieoutError) -> [Finding]
}

/// Every rule, in the order their findings are listed (reports sort them worst first, then in this order).
public enum RuleRegistry {
    public static let builtIn: [any Rule] = [
        ClaimRule(), IdentityRule(), ItemisedRule(), BudgetFlowRule(), CrossLedgerRule(), DatasetStateRule(), CumulativeRule(), IngestRule(),
    ]

    public static var names: [String] { builtIn.map { type(of: $0).name } }
}

/// What a rule sees.
public struct RuleContext {
    public var book: FigureBook
    public var claims: [Claim]
    public var display: Display
    /// Per rule: the largest difference (in display units) still classed as rounding, when
    /// tieout.yaml sets one; otherwise derived from the displayed precision.
    public var tolerances: [String: Amount]
    /// The rubric items each figure feeds.
    public var links: RubricLinks
    /// The identities and cross-ledger checks (built-in, and the workspace's rules.yaml).
    public var rules: RuleDefinitions
    public var dataset: DatasetState
    public var store: DatasetStore
    public var fiscalYear: Int
    public var asOf: CalendarDate?

    /// A figure as a finding's input: its value as shown, exact, and its first places.
    public func input(_ f: Figure) -> Finding.Input {
        let e = f.examples
        return Finding.Input(label: f.title, value: display.text(f.value, f.kind), exact: f.value.description, places: e.places, count: e.count, figure: f.id, labelEn: f.titleEn)
    }

    /// A figure and each of its inputs.
    public func inputs(_ f: Figure) -> [Finding.Input] {
        [input(f)] + f.inputs.map { i in
            Finding.Input(label: i.label, value: display.text(i.value, i.kind), exact: i.value.description, places: i.places, count: i.count,
                          figure: i.figure, labelEn: i.labelEn)
        }
    }
}
