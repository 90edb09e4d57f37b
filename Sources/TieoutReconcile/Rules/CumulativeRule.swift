import TieoutCore
import TieoutIngest
import TieoutStore

/// Spending through the year: one treasury export for every month (none missing, none
/// twice), and cumulative spending by month never falling.
struct CumulativeRule: Rule {
    static let name = "cumulative"

    /// The treasury payments' totals by month, computed with the figures (``FigureBook/monthly``).
    static let monthlySpending = (kind: "treasury-payment", request: MonthlyRequest(dateField: "date", field: "amount"))

    func findings(in c: RuleContext) throws(TieoutError) -> [Finding] {
        var out: [Finding] = []
        let store = c.store, book = c.book, display = c.display, links = c.links, year = c.fiscalYear, asOf = c.asOf
        let lastMonth = asOf.map { $0.year > year ? 12 : ($0.year < year ? 0 : $0.month) } ?? 12
        let cumulativeFigures = (1...4).map { "spend.cumulative.q\($0)" }
        // Months: one active treasury export per month.
        let treasuryKind = "treasury-payment"
        let files = try store.files().filter { $0.kind == treasuryKind }
        var byMonth: [Int: [String]] = [:]
        for f in files {
            guard let p = f.period else { continue }
            let months = Self.months(of: p, year: year)
            for m in months { byMonth[m, default: []].append(f.path) }
        }
        let missing = (1...max(lastMonth, 1)).filter { byMonth[$0] == nil }
        let doubled = byMonth.filter { $0.key <= lastMonth && $0.value.count > 1 }.keys.sorted()
        let monthsStatus: Finding.Status = lastMonth == 0 ? .ok : (!missing.isEmpty ? .missingData : (!doubled.isEmpty ? .mismatch : .ok))
        out.append(Finding(id: "cumulative:months", rule: "cumulative", status: monthsStatus,
                           title: missing.isEmpty || lastMonth == 0 ? "每个月的国库支付导出恰有一份" : "国库支付导出不完整：缺少 \(missing.map { "\($0) 月" }.joined(separator: "、"))，累计支出不完整",
                           titleEn: missing.isEmpty || lastMonth == 0 ? "one treasury export for every month"
                               : "treasury exports incomplete: no export for month(s) \(missing.map(String.init).joined(separator: ", ")), cumulative spending is incomplete",
                           expected: "\(lastMonth) 个月", actual: "\(byMonth.keys.filter { $0 <= lastMonth }.count) 个月",
                           difference: nil,
                           explanation: monthsStatus == .ok ? "1 至 \(lastMonth) 月各有一份导出。"
                                : (!missing.isEmpty ? "缺少 \(missing.map { "\($0) 月" }.joined(separator: "、")) 的导出：累计支出不完整。"
                                   : "\(doubled.map { "\($0) 月" }.joined(separator: "、")) 有多份导出（重叠的期间）：请确认是否重复计算。"),
                           explanationEn: monthsStatus == .ok ? "Months 1 to \(lastMonth) each have one export."
                                : (!missing.isEmpty ? "No export for month(s) \(missing.map(String.init).joined(separator: ", ")): cumulative spending is incomplete."
                                   : "Month(s) \(doubled.map(String.init).joined(separator: ", ")) have several exports (overlapping periods)."),
                           section: nil, inputs: files.map { Finding.Input(label: $0.period ?? "-", value: $0.path, exact: $0.sha256, places: [$0.path]) },
                           rubric: links.items(for: cumulativeFigures)))
        // Cumulative spending by month never falls (a month of net reversals would make it).
        var net = [Amount](repeating: .zero, count: 13)
        var places = [[String]](repeating: [], count: 13)
        var counts = [Int](repeating: 0, count: 13)
        do {
            for m in book.monthly[Self.monthlySpending.kind + "." + Self.monthlySpending.request.field] ?? [] {
                guard m.month.hasPrefix("\(year)-"), let month = Int(m.month.dropFirst(5)), (1...12).contains(month) else { continue }
                net[month] = m.total
                counts[month] = m.count
                places[month] = m.examples
            }
        }
        let falling = (1...12).filter { net[$0].isNegative }
        var cumulative = Amount.zero
        var steps: [Finding.Input] = []
        for m in 1...max(lastMonth, 1) {
            cumulative = cumulative + net[m]
            let month = "\(year)-\(m < 10 ? "0" : "")\(m)"
            steps.append(Finding.Input(label: "\(month) 累计", value: display.text(cumulative, .amount), exact: cumulative.description, places: places[m], count: counts[m],
                                       labelEn: "cumulative to \(month)"))
        }
        out.append(Finding(id: "cumulative:monotone", rule: "cumulative", status: falling.isEmpty ? .ok : .mismatch,
                           title: "月度累计支出不减少", titleEn: "monthly cumulative spending never falls",
                           expected: nil, actual: display.text(cumulative, .amount), difference: nil,
                           explanation: falling.isEmpty ? "每月净支出均不为负，累计支出逐月不减。" : "\(falling.map { "\($0) 月" }.joined(separator: "、")) 净支出为负（冲销大于支付）。",
                           explanationEn: falling.isEmpty ? "No month has negative net spending." : "Month(s) \(falling.map(String.init).joined(separator: ", ")) have negative net spending.",
                           section: nil, inputs: steps, rubric: links.items(for: cumulativeFigures)))
        return out
    }


    /// The months of the fiscal year a period covers: `2024-03`, `2024Q1`, `2024-01..2024-03`, `2024`.
    static func months(of period: String, year: Int) -> [Int] {
        let ends = period.split(separator: ".").filter { !$0.isEmpty }.map(String.init)
        guard let first = ends.first, let p1 = try? Period.parse(first) else { return [] }
        let p2 = ends.count > 1 ? (try? Period.parse(ends[1])) ?? p1 : p1
        let start = p1.firstDay, end = p2.lastDay
        return (1...12).filter { m in
            let d = CalendarDate(year: year, month: m, day: 1)!
            return d >= CalendarDate(year: start.year, month: start.month, day: 1)! && d <= end
        }
    }
}
