import Foundation
import TieoutTestSupport
import Testing
import TieoutCore
@testable import TieoutIngest

@Suite("Applying a profile")
struct ProfileApplyTests {
    @Test("the built-in treasury profile reads the bundled sample: 25 payments, exact, each value traced to its cell")
    func treasurySample() throws {
        let path = repositoryRoot + "/samples/csv/treasury-2024-q1.csv"
        let (records, rejects, result) = try apply(BuiltInProfiles.text("treasury-payments")!, to: path)
        #expect(rejects.isEmpty)
        #expect(records.count == 25)
        #expect(result.accounting == { var a = RowAccounting(); a.read = 25; a.accepted = 25; return a }())
        #expect(result.unit == .yuan)
        let total = records.reduce(Amount.zero) { $0 + ($1["amount"]!.amount!) }
        #expect(total == Amount(significand: 127_347_937, scale: 2))
        let first = records[0]
        #expect(first["voucher"] == .text("记-202401-0001"))
        #expect(first["date"] == .date(CalendarDate(year: 2024, month: 1, day: 5)!))
        #expect(first["spend_type"] == .enumeration("project"))
        #expect(first["amount"] == .amount(Amount(significand: 14_194_085, scale: 2)))
        // Lineage: record 4 of the file, 金额 in column G.
        #expect(first.row == 4 && first.cell(of: "amount") == "G4" && first.cell(of: "date") == "B4")
        #expect(result.firstDate == CalendarDate(year: 2024, month: 1, day: 5) && result.lastDate == CalendarDate(year: 2024, month: 3, day: 28))
    }
}
