import TieoutCore
import TieoutIngest
import TieoutStore

/// One ledger against another, on computed figures (RuleDefinitions/cross-ledger.yaml, and
/// the workspace's rules.yaml): spending within its budget, two ledgers recording the same
/// money equal. A check whose figures cannot be computed is missing-data, saying why.
struct CrossLedgerRule: Rule {
    static let name = "cross-ledger"

    func findings(in c: RuleContext) -> [Finding] {
        let book = c.book, display = c.display, links = c.links
        var out: [Finding] = []
        /// A check whose figures cannot be computed is missing-data, naming what is missing.
        func missing(_ id: String, _ ids: [String], _ title: String, _ en: String) -> Bool {
            let absent = ids.filter { book[$0] == nil }
            guard !absent.isEmpty else { return false }
            let why = absent.compactMap { book.missing[$0] }
            out.append(Finding(id: "cross-ledger:\(id)", rule: "cross-ledger", status: .missingData, title: title, titleEn: en,
                               expected: nil, actual: nil, difference: nil,
                               explanation: "无法核对：" + why.map { "\($0.title)：\($0.absence.zh)" }.joined(separator: "；") + "。",
                               explanationEn: "Cannot be checked: " + why.map { "\($0.titleEn): \($0.absence.en)" }.joined(separator: "; ") + ".",
                               section: nil, inputs: [], rubric: links.items(for: [ids[0]])))
            return true
        }
        func notAbove(_ id: String, _ actualId: String, _ budgetId: String, _ title: String, _ en: String) {
            if missing(id, [actualId, budgetId], title, en) { return }
            guard let a = book[actualId], let b = book[budgetId] else { return }
            // A limit no ledger line states (no 三公 budget line at all) is not a limit of 0.00:
            // the check cannot be made.
            if b.examples.count == 0 {
                out.append(Finding(id: "cross-ledger:\(id)", rule: "cross-ledger", status: .missingData, title: title, titleEn: en,
                                   expected: nil, actual: display.text(a.value, a.kind), difference: nil,
                                   explanation: "无法核对：台账中没有构成\(b.title)的记录（\(b.formula)），不能视为零。",
                                   explanationEn: "Cannot be checked: no ledger line makes up \(b.titleEn); it is not taken as zero.",
                                   section: nil, inputs: [c.input(a), c.input(b)], rubric: links.items(for: [actualId])))
                return
            }
            let over = a.value - b.value
            let status: Finding.Status = over.isNegative || over.isZero ? .ok : .mismatch
            out.append(Finding(id: "cross-ledger:\(id)", rule: "cross-ledger", status: status, title: title, titleEn: en,
                               expected: "≤ " + display.text(b.value, b.kind), actual: display.text(a.value, a.kind),
                               difference: status == .ok ? nil : "+" + display.text(over, a.kind),
                               explanation: status == .ok ? "支出 \(display.text(a.value, a.kind)) 未超过预算 \(display.text(b.value, b.kind))。"
                                                          : "支出 \(display.text(a.value, a.kind)) 超过预算 \(display.text(b.value, b.kind))\(b.value.isZero ? "（预算为零）" : "")，超出 \(display.text(over, a.kind))。",
                               explanationEn: status == .ok ? "Spending \(display.text(a.value, a.kind)) is within the budget \(display.text(b.value, b.kind))."
                                                            : "Spending \(display.text(a.value, a.kind)) exceeds the budget \(display.text(b.value, b.kind))\(b.value.isZero ? " (a zero budget)" : "") by \(display.text(over, a.kind)).",
                               section: nil, inputs: [c.input(a), c.input(b)], rubric: links.items(for: [actualId])))
        }
        func equal(_ id: String, _ x: String, _ y: String, _ title: String, _ en: String) {
            if missing(id, [x, y], title, en) { return }
            guard let a = book[x], let b = book[y] else { return }
            let diff = a.value - b.value
            out.append(Finding(id: "cross-ledger:\(id)", rule: "cross-ledger", status: diff.isZero ? .ok : .mismatch, title: title, titleEn: en,
                               expected: display.text(b.value, b.kind), actual: display.text(a.value, a.kind),
                               difference: diff.isZero ? nil : display.text(diff, a.kind),
                               explanation: diff.isZero ? "两本台账一致：\(a.title) = \(b.title) = \(display.text(a.value, a.kind))。"
                                                        : "\(a.title) \(display.text(a.value, a.kind)) 与 \(b.title) \(display.text(b.value, b.kind)) 不一致，差 \(display.text(diff, a.kind))。",
                               explanationEn: diff.isZero ? "The two ledgers agree: \(display.text(a.value, a.kind))."
                                                          : "\(a.titleEn) \(display.text(a.value, a.kind)) differs from \(b.titleEn) \(display.text(b.value, b.kind)) by \(display.text(diff, a.kind)).",
                               section: nil, inputs: [c.input(a), c.input(b)], rubric: links.items(for: [x])))
        }
        for check in c.rules.crossLedger {
            switch check.test {
            case .within: notAbove(check.id, check.figures[0], check.figures[1], check.title, check.en)
            case .equal: equal(check.id, check.figures[0], check.figures[1], check.title, check.en)
            }
        }
        return out
    }
}
