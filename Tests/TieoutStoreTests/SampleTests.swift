import Foundation
import TieoutTestSupport
import Testing
import TieoutCore
import TieoutCSV
import TieoutIngest
@testable import TieoutStore

/// samples/futian-2024 (scripts/make-futian-sample) against the reference table
/// (../shared/reference/README.md): every raw figure, rounded half-up to 万元 at 2 decimals.
@Suite("The futian-2024 sample")
struct SampleTests {
    struct Figures {
        var treasury: [StoredRecord], budget: [StoredRecord], procurement: [StoredRecord], assets: [StoredRecord]
        var staffing: [StoredRecord], projects: [StoredRecord], petitions: [StoredRecord], report: IngestReport
    }

    static func ingest() throws -> Figures {
        let dir = try copyOfWorkspace("samples/futian-2024")
        let ws = try Workspace.open(dir)
        let store = try DatasetStore(path: ws.databasePath)
        let report = try store.ingest(ws)
        return Figures(treasury: try store.records(of: .treasuryPayment), budget: try store.records(of: .budgetIndicator),
                       procurement: try store.records(of: .procurement), assets: try store.records(of: .assetCard),
                       staffing: try store.records(of: .staffing), projects: try store.records(of: .project),
                       petitions: try store.records(of: .petition), report: report)
    }

    @Test("ingests with zero rejects, every file's rows accounted for, every subtotal row equal to its rows")
    func clean() throws {
        let f = try Self.ingest()
        #expect(f.report.files.count == 20)
        #expect(!f.report.failed)
        for file in f.report.files {
            #expect(file.accounting.addsUp, "\(file.path)")
            #expect(file.accounting.rejected == 0, "\(file.path)")
            #expect(file.subtotalMismatches.isEmpty, "\(file.path)")
        }
        let t = f.report.totals
        #expect(t.read == 438 && t.accepted == 422 && t.subtotal == 16 && t.rejected == 0 && t.skipped == 0)
        // The June re-issue replaced the first export: one amount corrected, one payment added.
        let june = f.report.files.first { $0.path == "ledgers/treasury/2024-06-r2.csv" }!
        #expect(june.status == .reissue && june.replaces == "ledgers/treasury/2024-06.csv")
        #expect(june.change == IngestReport.Change(added: 1, removed: 0, changed: 1,
                                                   detail: ["~ 记-202406-0009 amount: 224059.64 → 221359.64", "+ 记-202406-0011 519435.73"]))
        #expect(f.treasury.count == 305)
        #expect(!f.treasury.contains { $0.lineage.file == "ledgers/treasury/2024-06.csv" })
    }

    @Test("the raw figures of the reference table, to the cent in 万元")
    func referenceTable() throws {
        let f = try Self.ingest()
        func budget(_ type: String, stages: Set<String>) -> Amount {
            sum(f.budget, "amount") { $0.text("spend_type") == type && stages.contains($0.text("stage")!) }
        }
        // initial budget: basic / project / total
        #expect(budget("basic", stages: ["initial"]).wan == "1,036.79")
        #expect(budget("project", stages: ["initial"]).wan == "1,898.22")
        #expect(sum(f.budget, "amount") { $0.text("stage") == "initial" }.wan == "2,935.01")
        // adjusted budget = initial + adjustments (never typed)
        #expect(budget("basic", stages: ["initial", "adjustment"]).wan == "1,043.99")
        #expect(budget("project", stages: ["initial", "adjustment"]).wan == "12,848.36")
        #expect(sum(f.budget, "amount").wan == "13,892.35")
        // mid-year additions by reason
        #expect(sum(f.budget, "amount") { $0.text("reason") == "government-investment" }.wan == "10,639.27")
        #expect(sum(f.budget, "amount") { $0.text("reason") == "operations" }.wan == "310.87")
        // actual spend: basic / project / total — each rounded on its own, as the report does
        let basic = sum(f.treasury, "amount") { $0.text("spend_type") == "basic" }
        let project = sum(f.treasury, "amount") { $0.text("spend_type") == "project" }
        #expect(basic.wan == "983.40" && project.wan == "12,833.54" && (basic + project).wan == "13,816.95")
        // (983.40 + 12,833.54 = 13,816.94: the rounded parts miss the rounded whole by one cent.)
        // cumulative spend at the end of each quarter
        let cumulative = (1...4).map { q in
            sum(f.treasury, "amount") { r in
                guard case .date(let d)? = r["date"] else { return false }
                return d.month <= q * 3
            }.wan
        }
        #expect(cumulative == ["6,343.97", "8,051.51", "9,165.21", "13,816.95"])
        // procurement plan: services / goods / total; actual
        #expect(sum(f.procurement, "plan_amount") { $0.text("category") == "services" }.wan == "1,325.75")
        #expect(sum(f.procurement, "plan_amount") { $0.text("category") == "goods" }.wan == "1,008.15")
        #expect(sum(f.procurement, "plan_amount").wan == "2,333.90")
        #expect(sum(f.procurement, "actual_amount").wan == "2,331.61")
        // 三公 budget and actual: abroad / official cars / reception
        for (line, code, budgetText, actualText) in [("abroad", "30212", "0.00", "0.50"), ("vehicles", "30231", "3.67", "0.85"),
                                                     ("reception", "30217", "0.00", "0.00")] {
            #expect(sum(f.budget, "amount") { $0.text("control_line") == line }.wan == budgetText, "\(line)")
            #expect(sum(f.treasury, "amount") { $0.text("economic_class")!.hasPrefix(code) }.wan == actualText, "\(line)")
        }
        // daily public expenses: basic 302xx payments other than the 三公 codes
        #expect(sum(f.budget, "amount") { $0.text("control_line") == "daily-public" }.wan == "91.42")
        let daily = sum(f.treasury, "amount") { r in
            let code = r.text("economic_class")!
            return r.text("spend_type") == "basic" && code.hasPrefix("302") && !["30212", "30217", "30231"].contains { code.hasPrefix($0) }
        }
        #expect(daily.wan == "81.95")
        // new assets: purchased or built in 2024, by kind; free transfers in; disposals
        func assets(_ keep: (StoredRecord) -> Bool) -> (Int, String) {
            let rows = f.assets.filter(keep)
            return (rows.reduce(0) { $0 + (($1["quantity"]?.amount).map { Int($0.significand) } ?? 0) }, sum(rows, "original_value").wan)
        }
        func new(_ category: String, _ how: Set<String>) -> (Int, String) {
            assets { r in
                guard case .date(let d)? = r["acquired_on"] else { return false }
                return d.year == 2024 && r.text("category") == category && how.contains(r.text("acquisition")!)
            }
        }
        #expect(new("device", ["purchase", "built"]) == (4, "2.00"))
        #expect(new("furniture", ["purchase", "built"]) == (15, "2.64"))
        #expect(new("intangible", ["purchase", "built"]) == (1, "882.00"))
        #expect(assets { r in
            if case .date(let d)? = r["acquired_on"], d.year == 2024, r.text("acquisition") != "transfer-in" { return true }
            return false
        }.1 == "886.64")
        #expect(new("device", ["transfer-in"]) == (2, "0.22"))
        #expect(sum(f.assets, "original_value") { $0.text("disposal") == "transfer-out" }.wan == "2,306.58")
        #expect(!f.assets.contains { $0.text("status") == "idle" })
        // Cross-ledger facts the sample README states: contract payments add up to the
        // procurement actual; capital spending (310xx) equals the assets bought or built.
        #expect(sum(f.treasury, "amount") { $0["contract"] != nil } == sum(f.procurement, "actual_amount"))
        #expect(sum(f.treasury, "amount") { $0.text("economic_class")!.hasPrefix("310") }.description == "8866400.00")
        // staff: authorised posts / on-post / off-establishment
        func people(_ field: String) -> Int { f.staffing.reduce(0) { $0 + (($1[field]?.amount).map { Int($0.significand) } ?? 0) } }
        #expect(people("authorised") == 19 && people("on_post") == 17 && people("off_establishment") == 17)
        // projects needing performance targets: start of year / mid-year / total
        #expect(f.projects.filter { $0.text("source") == "start-of-year" }.count == 12)
        #expect(f.projects.filter { $0.text("source") == "mid-year" }.count == 13)
        #expect(f.projects.count == 25)
        // petitions handled / replied on time
        #expect(f.petitions.count == 2)
        #expect(f.petitions.filter { r in
            if case .date(let replied)? = r["replied_on"], case .date(let due)? = r["due_on"] { return replied <= due }
            return false
        }.count == 2)
    }

    @Test("lineage: a stored value points at its file, row and cell")
    func lineage() throws {
        let f = try Self.ingest()
        let first = f.treasury.first { $0.lineage.file == "ledgers/treasury/2024-01.csv" }!
        #expect(first.lineage.row == 4 && first.lineage.cells["amount"] == "I4" && first.lineage.cells["voucher"] == "A4")
        #expect(first.lineage.place(of: "amount") == "ledgers/treasury/2024-01.csv!I4")
        // Record 4 of that (GB18030) file holds the voucher in A and the amount, grouped, in I.
        let reader = try CSVReader(path: repositoryRoot + "/samples/futian-2024/ledgers/treasury/2024-01.csv")
        var fields: [String] = []
        while let r = try reader.next() { if r.number == 4 { fields = r.strings; break } }
        #expect(reader.encoding == .gb18030)
        #expect(fields.first == first.text("voucher"))
        #expect(fields.last == first["amount"]!.amount!.groupedText)
        let budgetLine = f.budget.first { $0.text("item") == "日常公用经费" && $0.text("stage") == "initial" }!
        #expect(budgetLine.lineage.sheet != nil)
        #expect(budgetLine.lineage.place(of: "amount") == "ledgers/budget/预算指标台账-2024.xlsx[\(budgetLine.lineage.sheet!)]!H5")
    }
}
