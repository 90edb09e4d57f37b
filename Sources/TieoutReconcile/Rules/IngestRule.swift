import TieoutCore
import TieoutIngest
import TieoutStore

/// What ingest found: subtotal rows that disagree with the rows they sum, and rejected rows
/// (each `missing-data` or `mismatch`: figures without those rows may be short).
struct IngestRule: Rule {
    static let name = "ingest"

    func findings(in c: RuleContext) throws(TieoutError) -> [Finding] {
        var out: [Finding] = []
        let store = c.store
        for p in try store.subtotalProblems() where p.scope != "rows" {
            let span = p.scope == "quarter-to-date" ? "本季" : "本年"
            out.append(Finding(id: "ingest:cumulative@\(p.file)!\(p.cell ?? "row \(p.row ?? 0)")", rule: "ingest", status: p.status == "mismatch" ? .mismatch : .missingData,
                               title: p.status == "incomplete" ? "累计行无法核对，各期明细不完整：\(p.label)" : "累计行与各期明细不符：\(p.label)",
                               titleEn: p.status == "incomplete" ? "a cumulative row cannot be checked, the periods so far are incomplete: \(p.label)"
                                   : "a cumulative row disagrees with the periods so far: \(p.label)",
                               expected: p.stated, actual: p.computed, difference: nil,
                               explanation: "\(p.file) 的 \(p.label) 行（\(p.cell ?? "")）列示 \(p.stated ?? "空")，同一来源\(span)至今各期明细之和为 \(p.computed)"
                                   + (p.status == "incomplete" ? "（有月份缺少导出或有明细行被拒收，和不完整）" : "") + "。",
                               explanationEn: "\(p.label) in \(p.file) (\(p.cell ?? "")) states \(p.stated ?? "nothing"); the source's records so far sum to \(p.computed)"
                                   + (p.status == "incomplete" ? " (a month has no export, or rows were rejected)" : "") + ".",
                               section: nil, inputs: [Finding.Input(label: p.field, value: p.stated ?? "", exact: p.computed, places: ["\(p.file)!\(p.cell ?? "")"])],
                               rubric: []))
        }
        for p in try store.subtotalProblems() where p.scope == "rows" {
            out.append(Finding(id: "ingest:subtotal@\(p.file)!\(p.cell ?? "row \(p.row ?? 0)")", rule: "ingest", status: p.status == "mismatch" ? .mismatch : .missingData,
                               title: p.status == "incomplete" ? "小计行无法核对，其明细不完整：\(p.label)" : "小计行与其明细不符：\(p.label)",
                               titleEn: p.status == "incomplete" ? "a subtotal row cannot be checked, its rows are incomplete: \(p.label)"
                                   : "a subtotal row disagrees with its rows: \(p.label)",
                               expected: p.stated, actual: p.computed, difference: nil,
                               explanation: "\(p.file) 的 \(p.label) 行（\(p.cell ?? "")）列示 \(p.stated ?? "空")，其所汇总的明细之和为 \(p.computed)\(p.status == "incomplete" ? "（有明细行被拒收，和不完整）" : "")。",
                               explanationEn: "\(p.label) in \(p.file) (\(p.cell ?? "")) states \(p.stated ?? "nothing"); its rows sum to \(p.computed)\(p.status == "incomplete" ? " (some of them were rejected)" : "").",
                               section: nil, inputs: [Finding.Input(label: p.field, value: p.stated ?? "", exact: p.computed, places: ["\(p.file)!\(p.cell ?? "")"])],
                               rubric: []))
        }
        out += try reissueFindings(store)
        let rejects = try store.rejects()
        if !rejects.isEmpty {
            out.append(Finding(id: "ingest:rejects", rule: "ingest", status: .missingData, title: "导入时有 \(rejects.count) 行被拒收",
                               titleEn: "\(rejects.count) rows were rejected at ingest", expected: "0", actual: "\(rejects.count)", difference: nil,
                               explanation: "被拒收的行不计入任何数字，相关数字可能偏小；明细见 out/rejects.csv。",
                               explanationEn: "Rejected rows count in no figure, so figures may be short; out/rejects.csv lists them.",
                               section: nil, inputs: rejects.prefix(50).map { Finding.Input(label: $0.reason(english: false), value: $0.cells, exact: "", places: ["\($0.file)!\($0.cell ?? "row \($0.row ?? 0)")"],
                                                                                labelEn: $0.reason) },
                               rubric: []))
        }
        return out
    }

    /// A re-issue that lacks records of the export it replaces: those records left every figure.
    /// Listed with their keys, for a person to confirm they were meant to go.
    func reissueFindings(_ store: DatasetStore) throws(TieoutError) -> [Finding] {
        try store.reissueDrops().map { r in
            let dropped = r.dropped.map(Self.keyAndAmount)
            let keys = dropped.map(\.key)
            return Finding(id: "ingest:reissue@\(r.file)", rule: "ingest", status: .missingData,
                           title: "更正导出缺少原导出的 \(r.dropped.count) 条记录：\(r.file)",
                           titleEn: "a re-issue lacks \(r.dropped.count) records of the export it replaces: \(r.file)",
                           expected: "\(r.dropped.count)", actual: "0", difference: nil,
                           explanation: "\(r.file) 是 \(r.replaced) 的更正导出（两者记录的键有重叠），取代了它；\(r.replaced) 中的 \(keys.joined(separator: "、")) 不在 \(r.file) 中，已不计入任何数字。请确认这些记录确应删除。",
                           explanationEn: "\(r.file) re-issues \(r.replaced) (their records share keys) and replaces it; \(keys.joined(separator: ", ")) of \(r.replaced) are not in \(r.file), so they count in no figure. Confirm they were meant to go.",
                           section: nil,
                           inputs: dropped.map { Finding.Input(label: $0.key, value: $0.amount ?? "", exact: $0.amount ?? "", places: [r.replaced]) },
                           rubric: [])
        }
    }

    /// `记-202406-0020 393200.00` (a re-issue's detail line): the key, and the amount (元) when the kind has one.
    static func keyAndAmount(_ d: String) -> (key: String, amount: String?) {
        guard let space = d.lastIndex(of: " ") else { return (d, nil) }
        let tail = String(d[d.index(after: space)...])
        guard (try? Amount.parse(tail)) != nil else { return (d, nil) }   // a key without an amount after it
        return (String(d[..<space]), tail)
    }
}
