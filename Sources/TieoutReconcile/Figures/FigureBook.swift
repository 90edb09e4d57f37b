import TieoutCore
import TieoutIngest
import TieoutStore

/// Every figure a self-evaluation states, computed from the dataset by their definitions
/// (``FigureCatalog``): aggregates run as SQL inside the dataset, one scan per kind, so
/// memory does not grow with the ledgers; arithmetic on the results. Figures are exact;
/// display rounds them.
///
/// ```swift
/// let book = try FigureBook(workspace: ws, store: store)
/// book["spend.actual.total"]?.value   // 138169467.85 (元)
/// book["progress.q3"]?.value          // 0.659733… (of the adjusted budget)
/// ```
public struct FigureBook: Sendable {
    public private(set) var figures: [String: Figure] = [:]
    /// In the order they are defined (reports list them this way).
    public private(set) var order: [String] = []
    public let catalog: FigureCatalog

    /// Figures that cannot be computed, with why: an absent ledger, a zero denominator.
    /// Every defined figure is either in `figures` or here.
    public private(set) var missing: [String: (title: String, titleEn: String, absence: Absence)] = [:]

    public subscript(id: String) -> Figure? { figures[id] }

    /// Totals by month asked for with the figures (`monthly:`), by `kind.field`, computed in the same scan.
    package private(set) var monthly: [String: [MonthTotal]] = [:]

    /// Every figure id the book defines, computed or not (what claims may name).
    public var known: Set<String> { Set(catalog.ids) }

    /// The workspace's figures (built-in and figures.yaml) over its dataset; `asOf` keeps only
    /// records of dated kinds dated up to that day (payments, budget indicators, petitions …).
    public init(workspace: Workspace, store: DatasetStore, asOf: CalendarDate? = nil) throws(TieoutError) {
        try self.init(workspace: workspace, store: store, asOf: asOf, monthly: [])
    }

    package init(workspace: Workspace, store: DatasetStore, asOf: CalendarDate? = nil,
                 monthly: [(kind: String, request: MonthlyRequest)], engine: (any DatasetEngine)? = nil) throws(TieoutError) {
        try self.init(catalog: FigureCatalog.load(workspace: workspace), kinds: workspace.kinds, store: store, fiscalYear: workspace.fiscalYear,
                      asOf: asOf, monthly: monthly, engine: engine)
    }

    /// `monthly` asks for totals of a kind's amount by month (the cumulative-spending rule's),
    /// computed in the scan that computes the figures over that kind. `engine` computes the
    /// aggregates (nil: the store itself; a `PostgresDataset`: the unit's schema in PostgreSQL);
    /// the store gives the files a completeness check reads.
    package init(catalog: FigureCatalog, kinds: KindCatalog, store: DatasetStore, fiscalYear year: Int, asOf: CalendarDate? = nil,
                 monthly: [(kind: String, request: MonthlyRequest)] = [], engine: (any DatasetEngine)? = nil) throws(TieoutError) {
        let engine: any DatasetEngine = engine ?? store
        self.catalog = catalog
        // One scan per kind: every aggregate over it at once.
        var leaves: [String: [(FigureDefinition, Selection)]] = [:]
        var kindOrder: [String] = []
        for d in catalog.definitions {
            guard case .aggregate(_, let kindName, let field, let conditions) = d.rule, let kind = kinds.named(kindName) else { continue }
            var base = RecordFilter.all
            if let asOf, let dated = kind.dateField {
                base = RecordFilter(sql: "(t.\"\(dated)\" IS NULL OR t.\"\(dated)\" <= ?)", arguments: [.text(asOf.description)])
            }
            let filter = conditions.reduce(RecordFilter.all) { $0.and($1.filter(kind: kind, year: year)) }
            if leaves[kindName] == nil { kindOrder.append(kindName) }
            leaves[kindName, default: []].append((d, Selection(kind: kind, field: field, filter: filter, base: base)))
        }
        func base(of kind: RecordKind) -> RecordFilter {
            guard let asOf, let dated = kind.dateField else { return .all }
            return RecordFilter(sql: "(t.\"\(dated)\" IS NULL OR t.\"\(dated)\" <= ?)", arguments: [.text(asOf.description)])
        }
        for m in monthly where leaves[m.kind] == nil && kinds.named(m.kind) != nil { kindOrder.append(m.kind) }
        var results: [String: (records: Int, result: AggregateResult, selection: Selection)] = [:]
        // Fields a figure reads that no ledger of its kind has: the figure is missing, not 0.
        var absent: [String: Set<String>] = [:]
        for (kindName, items) in leaves {
            absent[kindName] = try engine.absentFields(of: kinds.named(kindName)!, items.reduce(into: Set<String>()) { $0.formUnion($1.0.fieldsRead) })
        }
        for kindName in kindOrder {
            let items = leaves[kindName] ?? []
            let requests = items.map { d, s -> AggregateRequest in
                guard case .aggregate(let fn, _, _, _) = d.rule else { fatalError("leaves are aggregates") }
                return AggregateRequest(AggregateRequest.Function(rawValue: fn.rawValue)!, field: s.field, filter: s.filter)
            }
            let months = monthly.filter { $0.kind == kindName }.map(\.request)
            let kind = kinds.named(kindName)!
            let (records, out, totals) = try engine.aggregate(kind, base: base(of: kind), requests, monthly: months)
            for (i, (d, s)) in items.enumerated() { results[d.id] = (records, out[i], s) }
            for (m, t) in zip(months, totals) { self.monthly[kindName + "." + m.field] = t }
        }
        let completeness = Completeness(files: try store.files(), year: year)
        for d in catalog.evaluationOrder {
            compute(d, results: results, absent: absent, year: year, completeness: completeness, asOf: asOf)
            if figures[d.id] != nil, let en = d.formulaEn { figures[d.id]!.formulaEn = Self.fill(en, d, year: year) }
        }
        // Listed in the catalog's order, whatever order they were computed in.
        order = catalog.ids.filter { figures[$0] != nil }
    }

    /// `{year}` and `{end}` filled in.
    static func fill(_ text: String, _ d: FigureDefinition, year: Int) -> String {
        var t = text.replacingOccurrences(of: "{year}", with: String(year))
        if t.contains("{end}"), case .aggregate(_, _, _, let conditions) = d.rule, let end = conditions.lazy.compactMap({ $0.endDay(year: year) }).first {
            t = t.replacingOccurrences(of: "{end}", with: end.description)
        }
        return t
    }

    mutating func compute(_ d: FigureDefinition, results: [String: (records: Int, result: AggregateResult, selection: Selection)],
                          absent: [String: Set<String>], year: Int, completeness: Completeness, asOf: CalendarDate?) {
        let title = Self.fill(d.title, d, year: year), en = Self.fill(d.titleEn, d, year: year), formula = Self.fill(d.formula, d, year: year)
        switch d.rule {
        case .aggregate(let fn, _, let field, _):
            guard let r = results[d.id] else { return }
            let kind = r.selection.kind
            let figureKind: FigureKind
            switch field.flatMap({ kind.field($0)?.type }) {
            case .integer?, nil: figureKind = .count
            case .percentage?: figureKind = .ratio
            default: figureKind = .amount
            }
            let label = Self.fill(d.label ?? d.title, d, year: year)
            guard r.records > 0 else {
                return setMissing(d.id, title, en, Absence(zh: "缺少台账：数据集中没有\(kind.title)（\(kind.name)）的记录", en: "no ledger: the dataset has no \(kind.name) records"))
            }
            if let missingFields = absent[kind.name]?.intersection(d.fieldsRead), !missingFields.isEmpty {
                let names = kind.fields.filter { missingFields.contains($0.name) }
                return setMissing(d.id, title, en, Absence(zh: "缺少列：\(kind.title)台账没有\(names.map { "「\($0.title)」" }.joined(separator: "、"))一列",
                                                           en: "no column: the \(kind.name) ledgers have no \(names.map { $0.name }.joined(separator: ", "))"))
            }
            // Records of its kind and period that are not all there (a month without an export,
            // rejected rows): the figure is missing, naming what is incomplete, never a short value.
            if let a = completeness.absence(kind: kind, months: Completeness.months(of: d, kind: kind, year: year, asOf: asOf), year: year) {
                return setMissing(d.id, title, en, a)
            }
            guard let value = r.result.value ?? (fn == .sum ? .zero : nil) else {
                return setMissing(d.id, title, en, Absence(zh: "没有可取\(fn == .min ? "最小" : "最大")值的记录", en: "no record has a value to take the \(fn.rawValue) of"))
            }
            var input = FigureInput(label: label, value: value, kind: figureKind, places: r.result.examples, count: r.result.count)
            input.labelEn = d.label == nil ? en : d.labelEn.map { Self.fill($0, d, year: year) }
            input.selection = r.selection
            add(Figure(id: d.id, title: title, titleEn: en, kind: figureKind, value: value, formula: formula, inputs: [input]))
        case .add(let ids):
            let inputs = ids.map(input)
            if let a = inputs.lazy.compactMap(\.absence).first { return setMissing(d.id, title, en, a) }
            let kind = inputs.first?.kind ?? .amount
            add(Figure(id: d.id, title: title, titleEn: en, kind: kind, value: inputs.reduce(Amount.zero) { $0 + $1.value }, formula: formula, inputs: inputs))
        case .subtract(let a, let b):
            let x = input(a)
            var y = input(b)
            if let absence = x.absence ?? y.absence { return setMissing(d.id, title, en, absence) }
            y.subtracted = true
            add(Figure(id: d.id, title: title, titleEn: en, kind: x.kind, value: x.value - y.value, formula: formula, inputs: [x, y]))
        case .ratio(let a, let b):
            for part in [a, b] where figures[part] == nil { return setMissing(d.id, title, en, input(part).absence!) }
            let x = figures[a]!, y = figures[b]!
            guard let v = x.value.ratio(to: y.value) else {
                return setMissing(d.id, title, en, Absence(zh: "分母\(y.title)为零，比率无从计算", en: "the denominator, \(y.titleEn), is zero"))
            }
            add(Figure(id: d.id, title: title, titleEn: en, kind: .ratio, value: v, formula: formula, inputs: [input(a), input(b)], ratioOf: [a, b]))
        }
    }

    mutating func setMissing(_ id: String, _ title: String, _ en: String, _ absence: Absence) {
        missing[id] = (title, en, absence)
    }

    mutating func add(_ f: Figure) {
        if figures[f.id] == nil { order.append(f.id) }
        figures[f.id] = f
    }

    /// A computed figure as the input of another; a missing one carries its absence.
    func input(_ id: String) -> FigureInput {
        if let f = figures[id] {
            let e = f.examples
            var i = FigureInput(label: f.title, value: f.value, kind: f.kind, places: e.places, count: e.count, figure: id)
            i.labelEn = f.titleEn
            return i
        }
        let m = missing[id]
        return FigureInput(label: m?.title ?? id, value: .zero, figure: id, absence: m?.absence ?? Absence(zh: "无法计算 \(id)", en: "\(id) cannot be computed"))
    }
}
