import TieoutCore
import TieoutIngest
import TieoutStore

/// The budget's flow: initial + adjustments = adjusted, per basic and project spending;
/// every adjustment itemised by reason (government investment, operations, basic, other).
struct BudgetFlowRule: Rule {
    static let name = "budget-flow"

    func findings(in c: RuleContext) -> [Finding] {
        let book = c.book, display = c.display, links = c.links
        var out: [Finding] = []
        for (type, zh, en) in [("basic", "基本支出", "basic"), ("project", "项目支出", "project")] {
            guard let initial = book["budget.initial.\(type)"], let adj = book["budget.adjustment.\(type)"], let adjusted = book["budget.adjusted.\(type)"] else { continue }
            let ok = initial.value + adj.value == adjusted.value
            out.append(Finding(id: "budget-flow:\(type)", rule: "budget-flow", status: ok ? .ok : .mismatch,
                               title: "\(zh)：年初预算 + 调整 = 调整后预算", titleEn: "\(en): initial + adjustments = adjusted",
                               expected: display.text(adjusted.value, .amount), actual: display.text(initial.value + adj.value, .amount), difference: nil,
                               explanation: "年初 \(display.text(initial.value, .amount)) + 调整 \(display.text(adj.value, .amount)) = \(display.text(adjusted.value, .amount))。",
                               explanationEn: "Initial \(display.text(initial.value, .amount)) + adjustments \(display.text(adj.value, .amount)) = \(display.text(adjusted.value, .amount)).",
                               section: nil, inputs: [c.input(initial), c.input(adj), c.input(adjusted)], rubric: links.items(for: ["budget.adjusted.total"])))
        }
        if let total = book["budget.adjustment.total"] {
            // A reason the ledger names as 其他 is a reason: listed when there is any.
            let reasons = ["government-investment", "operations", "basic"].compactMap { book["budget.adjustment.reason.\($0)"] }
                + [book["budget.adjustment.reason.other"]].compactMap { $0 }.filter { !$0.value.isZero }
            let itemised = reasons.reduce(Amount.zero) { $0 + $1.value }
            let rest = total.value - itemised
            out.append(Finding(id: "budget-flow:reasons", rule: "budget-flow", status: rest.isZero ? .ok : .missingData,
                               title: "调整按原因逐项列明", titleEn: "adjustments itemised by reason",
                               expected: display.text(total.value, .amount), actual: display.text(itemised, .amount),
                               difference: rest.isZero ? nil : display.text(Amount.zero - rest, .amount),
                               explanation: rest.isZero ? "每一笔调整都有调整原因：" + reasons.map { "\($0.title) \(display.text($0.value, .amount))" }.joined(separator: "，") + "。"
                                                        : "有 \(display.text(rest, .amount)) 的调整没有注明调整原因，无法区分是否为政府投资项目。",
                               explanationEn: rest.isZero ? "Every adjustment has a reason: " + reasons.map { "\($0.titleEn) \(display.text($0.value, .amount))" }.joined(separator: ", ") + "."
                                                          : "\(display.text(rest, .amount)) of adjustments name no reason, so government investment cannot be told apart.",
                               section: nil, inputs: [c.input(total)] + reasons.map(c.input), rubric: links.items(for: ["adjustment.ratio"])))
        }
        return out
    }
}
