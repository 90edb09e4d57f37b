import TieoutCore
import TieoutIngest
import TieoutStore

/// One record behind a figure, as `tieout explain` lists it.
public struct Contribution: Sendable {
    /// Which input it counts in: `实际支出（基本支出） › 基本支出支付`; for a ratio, under the
    /// numerator or the denominator.
    public var part: String
    public var file: String
    public var sheet: String?
    public var row: Int
    /// The cell (`I7`), or `row 7` for a record counted as a whole.
    public var cell: String
    /// Its value in the figure: an amount in 元 (negated when the figure subtracts it), or 1 for a counted record.
    public var value: Amount
    /// Counted as a whole (its value is 1), not an amount.
    public var counted: Bool = false
    /// The record's fields asked for (voucher, summary), by field, when its kind has them.
    public var shown: [String: String] = [:]
}

extension FigureBook {
    /// How the listed values make the figure: a sum (or count), or a ratio of two sums.
    public enum Explanation: Sendable {
        case sum(Amount)
        case ratio(numerator: (id: String, value: Amount), denominator: (id: String, value: Amount))
    }

    /// Every record behind figure `id`, by the ledgers and filters its inputs select, through
    /// the figures it is made of. For a sum or a count the values listed add up to the figure
    /// exactly; for a ratio, each part's values add up to its numerator or denominator.
    /// `shown`: fields each record comes with when its kind has them (a voucher, a 摘要).
    public func explain(_ id: String, store: DatasetStore, shown: [String] = [], _ body: (Contribution) throws -> Void) throws -> Explanation? {
        try explain(id, engine: store, shown: shown, body)
    }

    /// The same, read by `engine` (a `PostgresDataset`: the unit's schema in PostgreSQL).
    package func explain(_ id: String, engine store: any DatasetEngine, shown: [String] = [], _ body: (Contribution) throws -> Void) throws -> Explanation? {
        guard let f = figures[id] else { return nil }
        if let parts = f.ratioOf, parts.count == 2, let a = figures[parts[0]], let b = figures[parts[1]] {
            for (label, part) in [("分子 " + a.title, a), ("分母 " + b.title, b)] {
                try walk(part, prefix: label, sign: false, store: store, shown: shown, body)
            }
            return .ratio(numerator: (a.id, a.value), denominator: (b.id, b.value))
        }
        var total = Amount.zero
        try walk(f, prefix: f.title, sign: false, store: store, shown: shown) { c in
            total = total + c.value
            try body(c)
        }
        return .sum(total)
    }

    /// The kinds of the records behind figure `id` (its leaves' selections), each once, in order.
    public func kinds(behind id: String) -> [RecordKind] {
        var out: [RecordKind] = []
        var seen: Set<String> = []
        func visit(_ f: Figure) {
            guard seen.insert(f.id).inserted else { return }
            for input in f.inputs {
                if let s = input.selection {
                    if !out.contains(where: { $0.name == s.kind.name }) { out.append(s.kind) }
                } else if let g = input.figure.flatMap({ figures[$0] }) {
                    visit(g)
                }
            }
        }
        if let f = figures[id] { visit(f) }
        return out
    }

    private func walk(_ f: Figure, prefix: String, sign negate: Bool, store: any DatasetEngine, shown: [String], _ body: (Contribution) throws -> Void) throws {
        for input in f.inputs {
            let negated = negate != input.subtracted
            let path = prefix + " › " + input.label
            if let selection = input.selection {
                try selection.contributions(store: store, shown: shown) { record, value in
                    try body(Contribution(part: path, file: record.file, sheet: record.sheet, row: record.row,
                                          cell: record.cell ?? "row \(record.row)", value: negated ? Amount.zero - value : value,
                                          counted: record.value == nil, shown: record.shown))
                }
            } else if let id = input.figure, let g = figures[id] {
                try walk(g, prefix: path, sign: negated, store: store, shown: shown, body)
            }
        }
    }
}
