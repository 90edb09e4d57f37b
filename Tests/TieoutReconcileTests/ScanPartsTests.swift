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
        let (ws, store) = try sampleWorkspace()
        let monthly = [CumulativeRule.monthlySpending]
        let whole = try FigureBook(workspace: ws, store: store, monthly: monthly)
        #expect(whole.order.count > 80)
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
