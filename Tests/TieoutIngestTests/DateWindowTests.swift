import Foundation
import TieoutTestSupport
import Testing
import TieoutCore
@testable import TieoutIngest

/// Issue 20, item 16: a record dated outside the fiscal year (with its kind's margin) is a
/// rejected row with its place. Before: a payment dated 9999-01-01 in a 2024 ledger was accepted.
@Suite("Dates outside the fiscal year")
struct DateWindowTests {
    @Test("the window: the fiscal year, widened by the kind's date_margin (a budget line may be issued in December of the year before)")
    func windows() throws {
        let kinds = try KindCatalog.builtIn()
        let budget = try #require(kinds.named("budget-indicator")?.dateWindow(fiscalYear: 2024))
        #expect(budget.first.description == "2023-12-01" && budget.last.description == "2024-12-31")
        let payments = try #require(kinds.named("treasury-payment")?.dateWindow(fiscalYear: 2024))
        #expect(payments.first.description == "2024-01-01" && payments.last.description == "2024-12-31")
        #expect(kinds.named("asset-card")?.dateWindow(fiscalYear: 2024) == nil)
        let wide = DateWindow(fiscalYear: 2024, monthsBefore: 11, monthsAfter: 2)
        #expect(wide.first.description == "2023-02-01" && wide.last.description == "2025-02-28")
    }

    @Test("a payment dated 9999-01-01 read for fiscal year 2024: rejected at its cell with the window; the others counted by year")
    func rejected() throws {
        let path = repositoryRoot + "/samples/csv/treasury-2024-q1.csv"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))   // GB18030: an ASCII edit in place
        let old = Array("2024-01-05,".utf8)
        let at = try #require((0...(bytes.count - old.count)).first { Array(bytes[$0..<$0 + old.count]) == old })
        bytes.replaceSubrange(at..<at + old.count, with: Array("9999-01-01,".utf8))
        let edited = try temporaryFile("treasury.csv", "")
        try Data(bytes).write(to: URL(fileURLWithPath: edited))
        let profile = try Profile.parse(BuiltInProfiles.text("treasury-payments")!, file: "test.yaml").forFiscalYear(2024)
        var records: [Record] = [], rejects: [RowReject] = []
        let result = try ProfileApplier(profile).apply(path: edited, onRecord: { records.append($0) }, onReject: { rejects.append($0) })
        #expect(records.count == 24 && rejects.count == 1)
        #expect(rejects.first?.location.cellReference == "B4")
        #expect(rejects.first?.code == "value.date-outside-year")
        #expect(rejects.first?.reason == "date (支付日期) 9999-01-01 is outside fiscal year 2024 (2024-01-01 to 2024-12-31): a treasury-payment of another year, or a mistyped date")
        #expect(result.dateYears == [2024: 24, 9999: 1] && result.datesInYear == 24)
        // The window is part of the profile's digest: a file read for another year is read again.
        #expect(profile.digest != (try Profile.parse(BuiltInProfiles.text("treasury-payments")!, file: "test.yaml").forFiscalYear(2023)).digest)
    }

    @Test("date_margin in a kind's YAML: read, and refused on a kind without dated_by")
    func marginYAML() throws {
        let k = try RecordKind.parse("kind: grant\ntitle: 补助\ndated_by: on\ndate_margin: { before: 2, after: 1 }\nfields:\n  on: { title: 日期, type: date }\n", file: "kinds/grant.yaml")
        #expect(k.dateMargin == DateMargin(before: 2, after: 1))
        let register = try RecordKind.parse("kind: contract\ntitle: 合同\ndated_by: on\ndate_margin: any\nfields:\n  on: { title: 日期, type: date }\n", file: "kinds/contract.yaml")
        #expect(register.dateMargin.anyDate && register.dateWindow(fiscalYear: 2024) == nil)
        #expect(throws: TieoutError.self) {
            try RecordKind.parse("kind: grant\ntitle: 补助\ndated_by: on\ndate_margin: all\nfields:\n  on: { title: 日期, type: date }\n", file: "kinds/grant.yaml")
        }
        #expect(throws: TieoutError.self) {
            try RecordKind.parse("kind: grant\ntitle: 补助\ndate_margin: { before: 2 }\nfields:\n  on: { title: 日期, type: date }\n", file: "kinds/grant.yaml")
        }
    }
}
