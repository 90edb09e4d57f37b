import Testing
import TieoutCore
@testable import TieoutStore
@testable import TieoutReconcile

/// A large table is scanned in parts, one core each, and the parts merged. The merge must
/// give exactly what one scan gives: every figure's value, count and first places, and the
/// months of the cumulative-spending rule.
@Suite("Scanning in parts")
struct ScanPartsTests {
    @Test("the sample's figures scanned in 1 part and in 2, 3 and 7 parts are the same, to the places shown")
    func sameInParts() throws {
        let (ws, store) = try sampleWorkspace { dir in
            // min and max merge across parts too.
            try """
            figures:
              - { id: test.largest, title: 最大一笔支付, en: largest payment, formula: 支付金额的最大值, max: treasury-payment.amount }
              - { id: test.smallest, title: 最小一笔项目支付, en: smallest project payment, formula: 项目支出支付金额的最小值, min: treasury-payment.amount, where: { spend_type: project } }
            """.write(toFile: dir + "/figures.yaml", atomically: true, encoding: .utf8)
        }
        let monthly = [CumulativeRule.monthlySpending]
        let whole = try FigureBook(workspace: ws, store: store, monthly: monthly)
        #expect(whole.order.count > 80)
        // The largest and smallest, exactly as the ledgers' rows say (checked against every record).
        let amounts = try store.records(of: ws.kinds.named("treasury-payment")!).map { ($0["amount"]!.amount!, $0["spend_type"]!.description) }
        #expect(whole["test.largest"]?.value == amounts.map(\.0).max())
        #expect(whole["test.smallest"]?.value == amounts.filter { $0.1 == "project" }.map(\.0).min())
        #expect(whole["test.largest"]?.kind == .amount && whole["test.largest"]?.inputs.first?.count == amounts.count)
        for parts in [2, 3, 7] {
            store.scan = (rowsPerPart: 1, maxParts: parts)
            let split = try FigureBook(workspace: ws, store: store, monthly: monthly)
            #expect(split.order == whole.order)
            for id in whole.order {
                let a = whole[id]!, b = split[id]!
                #expect(a.value == b.value, "\(id) in \(parts) parts")
                #expect(a.inputs.map(\.count) == b.inputs.map(\.count) && a.inputs.map(\.places) == b.inputs.map(\.places), "\(id) in \(parts) parts")
            }
            #expect(split.monthly == whole.monthly)
            #expect(split.monthly["treasury-payment.amount"]?.count == 12)
        }
    }
}
