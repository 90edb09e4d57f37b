import TieoutCore
import TieoutIngest
import TieoutStore

/// The dataset's records, read once, for computing figures. `asOf` keeps only
/// what is dated up to that day (payments, budget indicators, petitions …).
public struct Ledgers: Sendable {
    public var treasury: [StoredRecord]
    public var budget: [StoredRecord]
    public var procurement: [StoredRecord]
    public var assets: [StoredRecord]
    public var staffing: [StoredRecord]
    public var projects: [StoredRecord]
    public var petitions: [StoredRecord]
    public var surveys: [StoredRecord]
    public var fiscalYear: Int
    public var asOf: CalendarDate?

    public init(store: DatasetStore, fiscalYear: Int, asOf: CalendarDate? = nil) throws(TieoutError) {
        self.fiscalYear = fiscalYear
        self.asOf = asOf
        func dated(_ records: [StoredRecord], _ field: String) -> [StoredRecord] {
            guard let asOf else { return records }
            return records.filter { r in
                if case .date(let d)? = r[field] { return d <= asOf }
                return true
            }
        }
        treasury = dated(try store.records(of: .treasuryPayment), "date")
        budget = dated(try store.records(of: .budgetIndicator), "date")
        procurement = try store.records(of: .procurement)
        assets = try store.records(of: .assetCard)
        staffing = try store.records(of: .staffing)
        projects = try store.records(of: .project)
        petitions = dated(try store.records(of: .petition), "received_on")
        surveys = dated(try store.records(of: .survey), "date")
    }
}

extension StoredRecord {
    func text(_ field: String) -> String? { self[field].map(\.description) }

    func date(_ field: String) -> CalendarDate? {
        if case .date(let d)? = self[field] { return d }
        return nil
    }

    func amount(_ field: String) -> Amount? { self[field]?.amount }
}

/// Sums a field over records, keeping where each value came from.
func total(_ records: [StoredRecord], _ field: String, label: String, where keep: (StoredRecord) -> Bool = { _ in true }) -> FigureInput {
    var sum = Amount.zero
    var places: [String] = []
    for r in records where keep(r) {
        guard let a = r.amount(field) else { continue }
        sum = sum + a
        places.append(r.lineage.place(of: field))
    }
    return FigureInput(label: label, value: sum, places: places)
}

/// Counts records (or sums a count field), keeping their places.
func count(_ records: [StoredRecord], label: String, field: String? = nil, where keep: (StoredRecord) -> Bool = { _ in true }) -> FigureInput {
    var n = Amount.zero
    var places: [String] = []
    for r in records where keep(r) {
        if let field {
            guard let a = r.amount(field) else { continue }
            n = n + a
            places.append(r.lineage.place(of: field))
        } else {
            n = n + Amount(1)
            places.append(r.lineage.file + (r.lineage.sheet.map { "[\($0)]" } ?? "") + "!row \(r.lineage.row)")
        }
    }
    return FigureInput(label: label, value: n, kind: .count, places: places)
}
