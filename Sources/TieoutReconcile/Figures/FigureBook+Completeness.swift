import TieoutCore
import TieoutIngest
import TieoutStore

/// What a kind's records lack in the dataset: months of the fiscal year without an export
/// (for a kind exported month by month), and files with rejected rows. A figure whose
/// records are incomplete is missing (`missing-data`, naming what is incomplete), never a
/// value computed without them (docs/claims.md).
struct Completeness {
    /// How every absence for incomplete records begins.
    static let incompleteZh = "数据不完整："
    /// Per kind: the months of the fiscal year no active file covers, when its files are monthly exports.
    var missingMonths: [String: [Int]] = [:]
    /// Per kind: active files with rejected rows, with the months their records fall in (nil: unknown, any month).
    var rejected: [String: [(file: String, count: Int, months: Set<Int>?)]] = [:]

    /// From the dataset's active files.
    init(files: [StoredFile], year: Int) {
        var byKind: [String: [StoredFile]] = [:]
        for f in files { byKind[f.kind, default: []].append(f) }
        for (kind, fs) in byKind {
            // A monthly ledger kind: exported month by month, at least two files (or parts), each
            // of one month (a register spanning months, or a single export, is not).
            let monthly = fs.count >= 2 && fs.allSatisfy { f in
                guard let p = f.period, !p.contains(".."), let period = try? Period.parse(p) else { return false }
                return period.granularity == .month
            }
            if monthly {
                var covered = Set<Int>()
                for f in fs { covered.formUnion(CumulativeRule.months(of: f.period!, year: year)) }
                let gaps = (1...12).filter { !covered.contains($0) }
                if !gaps.isEmpty { missingMonths[kind] = gaps }
            }
            for f in fs where f.accounting.rejected > 0 {
                let months = f.period.map { Set(CumulativeRule.months(of: $0, year: year)) }
                rejected[kind, default: []].append((f.path + (f.sheet.map { "[\($0)]" } ?? ""), f.accounting.rejected, months))
            }
        }
    }

    /// Why a figure over `kind` restricted to `months` (1…12 of the fiscal year) is incomplete; nil when it is complete.
    func absence(kind: RecordKind, months: Set<Int>?, year: Int) -> Absence? {
        var zh: [String] = [], en: [String] = []
        let wanted = months ?? Set(1...12)
        let gaps = (missingMonths[kind.name] ?? []).filter(wanted.contains)
        if !gaps.isEmpty {
            let names = gaps.map { m in "\(year)-\(m < 10 ? "0" : "")\(m)" }
            zh.append("\(kind.title)缺少 \(names.joined(separator: "、")) 的导出")
            en.append("the \(kind.name) ledgers have no export for \(names.joined(separator: ", "))")
        }
        for r in rejected[kind.name] ?? [] where r.months.map({ !$0.isDisjoint(with: wanted) }) ?? true {
            zh.append("\(r.file) 有 \(r.count) 行被拒收（见 out/rejects.csv）")
            en.append("\(r.count) row\(r.count == 1 ? " was" : "s were") rejected in \(r.file) (see out/rejects.csv)")
        }
        guard !zh.isEmpty else { return nil }
        return Absence(zh: Self.incompleteZh + zh.joined(separator: "；"), en: "incomplete records: " + en.joined(separator: "; "))
    }

    /// The months of the fiscal year a figure's conditions on the kind's date field keep, up to `asOf`
    /// (nil: the whole year, or the kind is not dated).
    static func months(of d: FigureDefinition, kind: RecordKind, year: Int, asOf: CalendarDate?) -> Set<Int>? {
        guard let dated = kind.dateField, case .aggregate(_, _, _, let conditions) = d.rule else { return nil }
        var start = CalendarDate(year: year, month: 1, day: 1)!, end = CalendarDate(year: year, month: 12, day: 31)!
        for c in conditions where c.field == dated {
            switch c.test {
            case .within(let p):
                let days = p.days(in: year)
                start = max(start, days.first); end = min(end, days.last)
            case .through(let p): end = min(end, p.days(in: year).last)
            case .from(let p): start = max(start, p.days(in: year).first)
            default: break
            }
        }
        if let asOf { end = min(end, asOf) }
        guard start <= end else { return [] }
        return Set(start.month...end.month)
    }
}
