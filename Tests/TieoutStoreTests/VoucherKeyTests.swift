import Foundation
import Testing
import TieoutCore
import TieoutIngest
@testable import TieoutStore

/// Vouchers with several entries (issue 21, item 5): a key combining fields and the month of
/// the date (`[month, voucher, entry]`); a voucher number repeated over entry lines (分录号) or
/// restarting every month (记-0001) is not a duplicate; rows of one file sharing a key are never
/// merged or dropped, but kept and named with a key that tells them apart.
@Suite("Voucher keys")
struct VoucherKeyTests {
    /// A general ledger (明细账): vouchers numbered from 记-0001 each month, two or three entries each.
    static let kind = """
        kind: ledger-entry
        title: 明细账
        key: [month, voucher, entry]
        dated_by: date
        fields:
          date: { title: 日期, type: date, required: true }
          voucher: { title: 凭证号, type: text, required: true }
          entry: { title: 分录号, type: integer, required: true }
          account: { title: 科目, type: text, required: true }
          summary: { title: 摘要, type: text }
          amount: { title: 金额, type: amount, required: true }
        """

    static let profile = """
        kind: ledger-entry
        columns:
          date: 日期
          voucher: 凭证号
          entry: 分录号
          account: 科目名称
          summary: 摘要
          amount: { from: 借方金额, minus: 贷方金额 }
        """

    static let january = """
        日期,凭证号,分录号,科目名称,摘要,借方金额,贷方金额
        2024-01-05,记-0001,1,5201 行政支出,付办公费,1200.00,
        2024-01-05,记-0001,2,1011 零余额账户用款额度,付办公费,,1200.00
        2024-01-20,记-0002,1,5201 行政支出,付差旅费,800.00,
        2024-01-20,记-0002,2,1011 零余额账户用款额度,付差旅费,,800.00

        """

    static let march = """
        日期,凭证号,分录号,科目名称,摘要,借方金额,贷方金额
        2024-03-02,记-0001,1,5201 行政支出,付会议费,300.00,
        2024-03-02,记-0001,2,5201 行政支出,付会议费,200.00,
        2024-03-02,记-0001,3,1011 零余额账户用款额度,付会议费,,500.00

        """

    static func workspace(ledgers: [String: String], profile: String = Self.profile) throws -> (Workspace, DatasetStore, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-vouchers-\(UUID().uuidString)").path
        for sub in ["/ledgers", "/profiles", "/kinds"] { try FileManager.default.createDirectory(atPath: dir + sub, withIntermediateDirectories: true) }
        try "unit: 测试单位\nfiscal_year: 2024\nsources:\n  - files: ledgers/*.csv\n    profile: gl\n".write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
        try profile.write(toFile: dir + "/profiles/gl.yaml", atomically: true, encoding: .utf8)
        try kind.write(toFile: dir + "/kinds/ledger-entry.yaml", atomically: true, encoding: .utf8)
        for (name, text) in ledgers { try text.write(toFile: dir + "/ledgers/" + name, atomically: true, encoding: .utf8) }
        let ws = try Workspace.open(dir)
        return (ws, try DatasetStore(path: ws.databasePath), dir)
    }

    static func entries(_ store: DatasetStore, _ ws: Workspace) throws -> [String] {
        try store.records(of: ws.kinds.named("ledger-entry")!).map {
            "\($0["date"]!) \($0["voucher"]!)/\($0["entry"]!) \($0["amount"]!) \($0.lineage.cells["amount"]!)"
        }
    }

    @Test("a year's ledger: 记-0001 of January and of March, each over several entries, all kept, none a duplicate; each amount with its cell")
    func monthVoucherEntry() throws {
        let (ws, store, _) = try Self.workspace(ledgers: ["2024.csv": Self.january + Self.march.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")])
        let report = try store.ingest(ws)
        let f = report.files[0]
        #expect(f.accounting.accepted == 7 && f.accounting.rejected == 0 && f.accounting.skipped == 0)
        #expect(f.duplicates == 0 && f.conflicts == 0 && f.keyRepeats == nil)
        #expect(try Self.entries(store, ws) == [
            "2024-01-05 记-0001/1 1200.00 F2", "2024-01-05 记-0001/2 -1200.00 G3",
            "2024-01-20 记-0002/1 800.00 F4", "2024-01-20 记-0002/2 -800.00 G5",
            "2024-03-02 记-0001/1 300.00 F6", "2024-03-02 记-0001/2 200.00 F7", "2024-03-02 记-0001/3 -500.00 G8",
        ])
        // The export names the same cells.
        var exported: [[String]] = []
        try store.exportRows(of: ws.kinds.named("ledger-entry")!) { exported.append($0) }
        let cell = exported[0].firstIndex(of: "amount_cell")!
        #expect(exported.dropFirst().map { $0[cell] } == ["F2", "G3", "F4", "G5", "F6", "F7", "G8"])
    }

    @Test("monthly exports each from 记-0001 are distinct records; a quarter's export overlapping them counts each entry once")
    func acrossFiles() throws {
        let (ws, store, _) = try Self.workspace(ledgers: ["2024-01.csv": Self.january, "2024-03.csv": Self.march,
                                                          "2024-q1.csv": Self.january + Self.march.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"])
        let report = try store.ingest(ws)
        #expect(report.files.map { "\($0.path) \($0.accounting.accepted) \($0.duplicates) \($0.conflicts)" } == [
            "ledgers/2024-01.csv 4 0 0", "ledgers/2024-03.csv 3 0 0", "ledgers/2024-q1.csv 0 7 0",
        ])
        #expect(try Self.entries(store, ws).count == 7)
        // Ingesting again keeps it as it is.
        #expect(try store.ingest(ws).files.allSatisfy { $0.status == .unchanged })
    }

    @Test("under a key of [voucher, entry], 记-0001/1 of January and of March share a key in one file: both kept, named, and a key suggested")
    func repeatsKept() throws {
        let profile = Self.profile.replacingOccurrences(of: "kind: ledger-entry\n", with: "kind: ledger-entry\nkey: [voucher, entry]\n")
        let (ws, store, _) = try Self.workspace(ledgers: ["2024.csv": Self.january + Self.march.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"],
                                                profile: profile)
        let report = try store.ingest(ws)
        let f = report.files[0]
        // Before: two of them rejected as conflicts ("which one is right is for a person to decide").
        #expect(f.accounting.accepted == 7 && f.accounting.rejected == 0 && f.conflicts == 0 && f.duplicates == 0)
        let r = try #require(f.keyRepeats)
        #expect(r.rows == 4 && r.keys == 2 && r.identical == 0)
        #expect(r.examples == ["记-0001|1: rows 2, 6", "记-0001|2: rows 3, 7"])
        #expect(r.suggestedKey == ["month", "voucher", "entry"])
        #expect(r.message == "4 rows share their voucher, entry with another row of the file (2 keys; 记-0001|1: rows 2, 6; 记-0001|2: rows 3, 7): all kept as distinct records, none counted once; to tell them apart, give the profile `key: [month, voucher, entry]`")
        #expect(try Self.entries(store, ws).count == 7)
        // Kept in the dataset: the next ingest skips the file and says the same; the dataset's state names it.
        // (Before, the rerun's report had keyRepeats nil.)
        let again = try store.ingest(ws).files[0]
        #expect(again.status == .unchanged && again.keyRepeats == r)
        #expect(try store.state(ws).keyRepeats == [DatasetState.RepeatedKeys(path: "ledgers/2024.csv", rows: 4, message: r.message)])
        // Once the file no longer has them (an entry number that tells them apart), nothing is said.
        try (Self.january + Self.march.split(separator: "\n").dropFirst().joined(separator: "\n").replacingOccurrences(of: ",记-0001,", with: ",记-0003,") + "\n")
            .write(toFile: ws.root + "/ledgers/2024.csv", atomically: true, encoding: .utf8)
        let changed = try store.ingest(ws).files[0]
        #expect(changed.status == .changed && changed.keyRepeats == nil)
        #expect(try store.state(ws).keyRepeats.isEmpty && store.keyRepeats().isEmpty)
    }

    @Test("a voucher's entries under the key [voucher]: kept, with [voucher, entry] suggested; lines the same in every field are kept and said")
    func entriesOfOneVoucher() throws {
        let profile = Self.profile.replacingOccurrences(of: "kind: ledger-entry\n", with: "kind: ledger-entry\nkey: [voucher]\n")
        let twice = Self.march + "2024-03-02,记-0001,3,1011 零余额账户用款额度,付会议费,,500.00\n"
        let (ws, store, _) = try Self.workspace(ledgers: ["2024-03.csv": twice], profile: profile)
        let f = try store.ingest(ws).files[0]
        #expect(f.accounting.accepted == 4 && f.duplicates == 0)
        let r = try #require(f.keyRepeats)
        #expect(r.rows == 4 && r.keys == 1 && r.identical == 1)
        #expect(r.examples == ["记-0001: rows 2, 3, 4, 5"])
        // No one more part tells the two identical lines apart.
        #expect(r.suggestedKey == nil)
        #expect(r.message.hasSuffix("(1 the same in every field as another: if the export lists a line twice, correct it); map a column that tells them apart (an entry number) and add it to the profile's `key:`"))
        let (ws2, store2, _) = try Self.workspace(ledgers: ["2024-03.csv": Self.march], profile: profile)
        #expect(try store2.ingest(ws2).files[0].keyRepeats?.suggestedKey == ["voucher", "entry"])
    }

    @Test("key parts: month and quarter need the kind's date; an unknown part is an error with its line and what a key may hold")
    func keyMistakes() throws {
        let kinds = try KindCatalog.builtIn()
        #expect(throws: Never.self) { try Profile.parse("kind: treasury-payment\nkey: [month, voucher]\ncolumns: { date: 日期, voucher: 凭证号, economic_class: 经济分类, spend_type: 类型, amount: 金额 }\n", file: "profiles/p.yaml", kinds: kinds) }
        do {
            _ = try Profile.parse("kind: treasury-payment\nkey: [month, voucher, entry]\ncolumns: { date: 日期, voucher: 凭证号, economic_class: 经济分类, spend_type: 类型, amount: 金额 }\n", file: "profiles/p.yaml", kinds: kinds)
            Issue.record("no error")
        } catch {
            #expect(error.description == "Error: key 'key': 'entry' is not a field of treasury-payment at profiles/p.yaml:2\nHelp: Name the fields that identify a record: date, voucher, functional_class, economic_class, project, spend_type, contract, summary, amount; or month, quarter (of date, for vouchers numbered again each month or quarter).")
        }
        do {
            _ = try Profile.parse("kind: staffing\nkey: [month, department]\ncolumns: { department: 科室, authorised: 编制, on_post: 在编, off_establishment: 编外 }\n", file: "profiles/p.yaml", kinds: kinds)
            Issue.record("no error")
        } catch {
            #expect(error.description == "Error: key 'key': 'month' is not a field of staffing at profiles/p.yaml:2\nHelp: Name the fields that identify a record: department, authorised, on_post, off_establishment.")
        }
        let kind = try RecordKind.parse(Self.kind, file: "kinds/ledger-entry.yaml")
        #expect(kind.key == ["month", "voucher", "entry"])
        #expect(kind.keyParts(["quarter", "voucher"]) == [.quarter(0), .field(1)])
        #expect(RecordKind.keyText(.quarter(0), "2024-11-30") == "2024Q4" && RecordKind.keyText(.month(0), "2024-11-30") == "2024-11")
        #expect(throws: TieoutError.self) { try RecordKind.parse(Self.kind.replacingOccurrences(of: "dated_by: date\n", with: ""), file: "kinds/ledger-entry.yaml") }
    }

    @Test("quarter in a key: the same voucher in two quarters of one file is two records")
    func quarterKey() throws {
        let profile = Self.profile.replacingOccurrences(of: "kind: ledger-entry\n", with: "kind: ledger-entry\nkey: [quarter, voucher, entry]\n")
        let q = Self.january + "2024-04-01,记-0001,1,5201 行政支出,付办公费,1200.00,\n"
        let (ws, store, _) = try Self.workspace(ledgers: ["2024.csv": q], profile: profile)
        let f = try store.ingest(ws).files[0]
        #expect(f.accounting.accepted == 5 && f.keyRepeats == nil)
        let (ws2, store2, _) = try Self.workspace(ledgers: ["2024.csv": q + "2024-02-01,记-0001,1,5201 行政支出,付办公费,1.00,\n"], profile: profile)
        let r = try #require(try store2.ingest(ws2).files[0].keyRepeats)
        #expect(r.examples == ["2024Q1|记-0001|1: rows 2, 7"])
        // The month tells them apart: it takes the quarter's place.
        #expect(r.suggestedKey == ["month", "voucher", "entry"])
    }
}
