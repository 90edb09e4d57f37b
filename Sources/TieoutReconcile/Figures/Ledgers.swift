import TieoutCore
import TieoutIngest
import TieoutStore

/// The dataset's records, read once, for computing figures. `asOf` keeps only
/// what is dated up to that day (payments, budget indicators, petitions …).
public struct Ledgers: Sendable {
    public var treasury: Ledger
    public var budget: Ledger
    public var procurement: Ledger
    public var assets: Ledger
    public var staffing: Ledger
    public var projects: Ledger
    public var petitions: Ledger
    public var surveys: Ledger
    public var fiscalYear: Int
    public var asOf: CalendarDate?

    public init(store: DatasetStore, fiscalYear: Int, asOf: CalendarDate? = nil) throws(TieoutError) {
        self.fiscalYear = fiscalYear
        self.asOf = asOf
        func read(_ kind: RecordKind, dated field: String? = nil) throws(TieoutError) -> Ledger {
            let records = try store.records(of: kind)
            guard let asOf, let field else { return Ledger(kind: kind, records: records) }
            return Ledger(kind: kind, records: records.filter { r in
                if case .date(let d)? = r[field] { return d <= asOf }
                return true
            })
        }
        treasury = try read(.treasuryPayment, dated: "date")
        budget = try read(.budgetIndicator, dated: "date")
        procurement = try read(.procurement)
        assets = try read(.assetCard)
        staffing = try read(.staffing)
        projects = try read(.project)
        petitions = try read(.petition, dated: "received_on")
        surveys = try read(.survey, dated: "date")
    }
}

/// One kind's records. A kind with no records at all is an absent ledger: figures over
/// it cannot be computed (they are missing, never zero).
public struct Ledger: Sendable, Sequence {
    public var kind: RecordKind
    public var records: [StoredRecord]

    public var isAbsent: Bool { records.isEmpty }
    public func makeIterator() -> IndexingIterator<[StoredRecord]> { records.makeIterator() }

    /// Why a figure over this ledger cannot be computed.
    var absence: Absence {
        Absence(zh: "缺少台账：数据集中没有\(kind.title)（\(kind.name)）的记录", en: "no ledger: the dataset has no \(kind.name) records (\(kind.title))")
    }
}

/// Why a figure cannot be computed, in the report's two languages.
public struct Absence: Sendable, Codable, Equatable {
    public var zh: String
    public var en: String
}

extension StoredRecord {
    func text(_ field: String) -> String? { self[field].map(\.description) }

    func date(_ field: String) -> CalendarDate? {
        if case .date(let d)? = self[field] { return d }
        return nil
    }

    func amount(_ field: String) -> Amount? { self[field]?.amount }
}

/// What a leaf input selects: a ledger, a filter, and the field summed (nil: records counted).
/// Kept in memory only, so that `tieout explain` can list every record behind a figure;
/// reports carry the count and a few examples instead of every cell.
public struct Selection: Sendable {
    public var ledger: Ledger
    public var field: String?
    public var keep: @Sendable (StoredRecord) -> Bool

    /// Each contributing record with its place and value, in ledger order.
    public func contributions(_ body: (StoredRecord, String, Amount) throws -> Void) rethrows {
        for r in ledger where keep(r) {
            if let field {
                guard let a = r.amount(field) else { continue }
                try body(r, r.lineage.place(of: field), a)
            } else {
                try body(r, r.lineage.file + (r.lineage.sheet.map { "[\($0)]" } ?? "") + "!row \(r.lineage.row)", Amount(1))
            }
        }
    }
}

/// Sums a field over records: the total, how many records, and the first few cells as examples.
func total(_ records: Ledger, _ field: String, label: String, where keep: @escaping @Sendable (StoredRecord) -> Bool = { _ in true }) -> FigureInput {
    guard !records.isAbsent else { return FigureInput(label: label, value: .zero, absence: records.absence) }
    return aggregate(Selection(ledger: records, field: field, keep: keep), label: label, kind: .amount)
}

/// Counts records (or sums a count field): the count, how many records, a few examples.
func count(_ records: Ledger, label: String, field: String? = nil, where keep: @escaping @Sendable (StoredRecord) -> Bool = { _ in true }) -> FigureInput {
    guard !records.isAbsent else { return FigureInput(label: label, value: .zero, kind: .count, absence: records.absence) }
    return aggregate(Selection(ledger: records, field: field, keep: keep), label: label, kind: .count)
}

private func aggregate(_ selection: Selection, label: String, kind: FigureKind) -> FigureInput {
    var sum = Amount.zero
    var n = 0
    var places: [String] = []
    selection.contributions { _, place, value in
        sum = sum + value
        n += 1
        if places.count < FigureInput.examples { places.append(place) }
    }
    var input = FigureInput(label: label, value: sum, kind: kind, places: places, count: n)
    input.selection = selection
    return input
}
