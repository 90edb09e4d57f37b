#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TieoutCore
import TieoutIngest
import TieoutTestSupport
@testable import TieoutStore

/// The dataset follows the files, not their history: whatever came before, an ingest leaves
/// the dataset a fresh ingest of a copy of the same files gives.
@Suite("The dataset follows the files")
struct HistoryTests {
    typealias W = IngestBehaviourTests

    /// Everything an ingest decides, as text: each kind's records as exported (values and
    /// lineage), the rejects, the active files with their accounting, and the re-issues that
    /// drop records.
    static func snapshot(_ ws: Workspace, _ store: DatasetStore) throws -> [String] {
        var out: [String] = []
        for kind in ws.kinds.kinds where try store.hasTable(for: kind) {
            try store.exportRows(of: kind) { out.append(kind.table + " " + $0.joined(separator: "|")) }
        }
        for r in try store.rejects() { out.append("reject \(r.file) \(r.row ?? 0) \(r.cell ?? "") \(r.reason)") }
        for f in try store.files() {
            out.append("file \(f.path) \(f.sheet ?? "") \(f.period ?? "") \(f.accounting.read) \(f.accounting.accepted) \(f.accounting.rejected) \(f.accounting.subtotal) \(f.accounting.skipped)")
        }
        for d in try store.reissueDrops() { out.append("drops \(d.file) \(d.replaced) \(d.dropped)") }
        return out
    }

    /// A fresh ingest of a copy of the workspace's files (no dataset), elsewhere.
    static func fresh(_ ws: Workspace) throws -> [String] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-fresh-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: ws.root, toPath: dir)
        try FileManager.default.removeItem(atPath: dir + "/.tieout")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let copy = try Workspace.open(dir)
        let store = try DatasetStore(path: copy.databasePath)
        _ = try store.ingest(copy)
        return try snapshot(copy, store)
    }

    static func sample() throws -> (Workspace, DatasetStore) {
        let ws = try Workspace.open(try copyOfWorkspace("samples/futian-2024"))
        return (ws, try DatasetStore(path: ws.databasePath))
    }

    static func replacing(_ data: Data, _ old: String, with new: String) -> Data {
        guard let r = data.range(of: Data(old.utf8)) else { return data }
        var out = data
        out.replaceSubrange(r, with: Data(new.utf8))
        return out
    }

    static func append(_ path: String, _ bytes: [UInt8]) throws {
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.seekToEnd()
        try h.write(contentsOf: Data(bytes))
        try h.close()
    }

    @Test("a workspace named through a symbolic link is the same workspace: nothing removed, nothing read again")
    func symbolicLink() throws {
        let (ws, store) = try Self.sample()
        _ = try store.ingest(ws)
        let before = try Self.snapshot(ws, store)
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-link-\(UUID().uuidString)").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: ws.root)
        defer { try? FileManager.default.removeItem(atPath: link) }
        let linked = try Workspace.open(link)
        let report = try store.ingest(linked)
        #expect(report.files.count == 20 && report.files.allSatisfy { $0.status == .unchanged }, "\(report.files.map { "\($0.path) \($0.status)" })")
        #expect(report.unmatchedSources.isEmpty)
        #expect(try Self.snapshot(linked, store) == before)
        #expect(try store.state(linked).isCurrent)
    }

    @Test("a re-save of the superseded original does not take precedence over its re-issue")
    func resavedOriginal() throws {
        let (ws, store) = try Self.sample()
        _ = try store.ingest(ws)
        try Self.append(ws.root + "/ledgers/treasury/2024-06.csv", [0x0A])
        let report = try store.ingest(ws)
        let r2 = try #require(report.files.first { $0.path.hasSuffix("2024-06-r2.csv") })
        #expect(r2.status == .reissue && r2.replaces == "ledgers/treasury/2024-06.csv")
        let active = try store.files().map(\.path)
        #expect(active.contains("ledgers/treasury/2024-06-r2.csv") && !active.contains("ledgers/treasury/2024-06.csv"))
        let payment = try #require(try store.records(of: .treasuryPayment).first { $0["voucher"] == .text("记-202406-0009") })
        #expect(payment["amount"]?.amount?.description == "221359.64" && payment.lineage.file == "ledgers/treasury/2024-06-r2.csv")
        #expect(try Self.snapshot(ws, store) == Self.fresh(ws))
        // And again: nothing left to read.
        let again = try store.ingest(ws)
        #expect(again.files.allSatisfy { $0.status == .unchanged })
        #expect(try Self.snapshot(ws, store) == Self.fresh(ws))
    }

    @Test("an original added after its re-issue was read is still re-issued by it")
    func originalAfterReissue() throws {
        let (ws, store) = try W.workspace([
            "2024-06-r2.csv": "记-1,2024-06-03,30201 办公费,基本支出,110.00\n记-2,2024-06-20,30201 办公费,基本支出,7.00\n",
        ])
        _ = try store.ingest(ws)
        try W.write(ws.root, "2024-06.csv", "记-1,2024-06-03,30201 办公费,基本支出,100.00\n")
        let report = try store.ingest(ws)
        #expect(report.files.map { "\($0.path) \($0.status)" } == ["ledgers/2024-06.csv new", "ledgers/2024-06-r2.csv reissue"])
        #expect(try W.total(store) == "117.00")
        #expect(try Self.snapshot(ws, store) == Self.fresh(ws))
    }

    @Test("a changed ledger whose new version fails whole (dated in another year): its old version leaves, the counts are a fresh run's, the file is failed with its reason")
    func changedThenFailed() throws {
        let (ws, store) = try Self.sample()
        let first = try store.ingest(ws)
        let marchRows = try #require(first.files.first { $0.path == "ledgers/treasury/2024-03.csv" }).accounting.read
        let rowsBefore = try store.rowsRead()
        let path = ws.root + "/ledgers/treasury/2024-03.csv"
        // Every date of March in 2023 (the dates are ASCII in the GB18030 file).
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        while let r = data.range(of: Data("2024-03-".utf8)) { data.replaceSubrange(r, with: Data("2023-03-".utf8)) }
        try data.write(to: URL(fileURLWithPath: path))
        let report = try store.ingest(ws)
        let march = try #require(report.files.first { $0.path == "ledgers/treasury/2024-03.csv" })
        #expect(march.status == .failed && march.errorCode == "value.other-year")
        #expect(march.error?.hasPrefix("Error: ledgers/treasury/2024-03.csv is dated in 2023") == true, "\(march.error ?? "")")
        // Nothing of it is in the dataset: not the new version (refused), not the old one (replaced by what failed).
        // Before: the old version stayed active, its rows counted (rowsRead \(rowsBefore)) and its payments in every figure.
        #expect(march.accounting == RowAccounting())
        #expect(try store.rowsRead() == rowsBefore - marchRows)
        #expect(try !store.files().map(\.path).contains("ledgers/treasury/2024-03.csv"))
        #expect(try store.records(of: .treasuryPayment).allSatisfy { $0.lineage.file != "ledgers/treasury/2024-03.csv" })
        #expect(try store.state(ws).failed.map(\.path) == ["ledgers/treasury/2024-03.csv"])
        // The totals shown add up: every row of the files read this run is accepted, rejected, a subtotal or skipped.
        let t = report.totals
        #expect(t.read == t.accepted + t.rejected + t.subtotal + t.skipped + t.filtered)
        #expect(try Self.snapshot(ws, store) == Self.fresh(ws))
        // And again: the same.
        _ = try store.ingest(ws)
        #expect(try store.rowsRead() == rowsBefore - marchRows)
        #expect(try Self.snapshot(ws, store) == Self.fresh(ws))
    }

    @Test("a ledger put back to its original bytes is read again, not kept with the edited version's records")
    func revertedEdit() throws {
        let (ws, store) = try Self.sample()
        _ = try store.ingest(ws)
        let path = ws.root + "/ledgers/treasury/2024-03.csv"
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        // The amount is ASCII in the GB18030 file: edited byte for byte.
        let edited = Self.replacing(original, "\"356,996.02\"", with: "\"356,996.03\"")
        #expect(edited != original)
        try edited.write(to: URL(fileURLWithPath: path))
        _ = try store.ingest(ws)
        try original.write(to: URL(fileURLWithPath: path))
        let report = try store.ingest(ws)
        let march = try #require(report.files.first { $0.path == "ledgers/treasury/2024-03.csv" })
        #expect(march.status == .changed && march.change?.detail == ["~ 记-202403-0001 amount: 356996.03 → 356996.02"])
        let payment = try #require(try store.records(of: .treasuryPayment).first { $0["voucher"] == .text("记-202403-0001") })
        #expect(payment["amount"]?.amount?.description == "356996.02")
        #expect(try store.state(ws).changedSinceIngest.isEmpty)
        #expect(try Self.snapshot(ws, store) == Self.fresh(ws))
    }

    @Test("a month exported in two parts that share no voucher: both count, neither re-issues the other")
    func twoParts() throws {
        let (ws, store) = try W.workspace([
            "2024-03-a.csv": "记-1,2024-03-01,30201 办公费,基本支出,100.00\n记-2,2024-03-02,30201 办公费,基本支出,200.00\n",
            "2024-03-b.csv": "记-3,2024-03-20,30201 办公费,基本支出,30.00\n记-4,2024-03-21,30201 办公费,基本支出,4.00\n",
        ])
        let report = try store.ingest(ws)
        #expect(report.files.map { "\($0.path) \($0.status) \($0.period ?? "-")" } == ["ledgers/2024-03-a.csv new 2024-03", "ledgers/2024-03-b.csv new 2024-03"])
        #expect(try W.total(store) == "334.00")
        #expect(try store.records(of: .treasuryPayment).count == 4)
        #expect(try store.reissueDrops().isEmpty)
    }

    @Test("the sample's March in two parts: all its payments stay")
    func sampleMonthInParts() throws {
        let (ws, store) = try Self.sample()
        _ = try store.ingest(ws)
        let before = try store.records(of: .treasuryPayment).count
        let folder = ws.root + "/ledgers/treasury/"
        // Lines as bytes (the file is GB18030): the title, unit and header lines, then the payments (dated), then the 本月合计 row.
        let lines = try Data(contentsOf: URL(fileURLWithPath: folder + "2024-03.csv")).split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) }
        let head = Array(lines.prefix(3)), rows = lines.dropFirst(3).filter { $0.range(of: Data(",2024-03-".utf8)) != nil }
        #expect(rows.count == 26)
        func write(_ name: String, _ part: [Data]) throws {
            try Data(part.joined(separator: [0x0A]) + [0x0A]).write(to: URL(fileURLWithPath: folder + name))
        }
        try write("2024-03-a.csv", head + rows.prefix(13))
        try write("2024-03-b.csv", head + rows.dropFirst(13))
        try FileManager.default.removeItem(atPath: folder + "2024-03.csv")
        let report = try store.ingest(ws)
        #expect(report.files.filter { $0.path.contains("2024-03") }.map { "\($0.path) \($0.status) \($0.accounting.accepted)" }
                == ["ledgers/treasury/2024-03-a.csv new 13", "ledgers/treasury/2024-03-b.csv new 13", "ledgers/treasury/2024-03.csv removed 0"])
        #expect(try store.records(of: .treasuryPayment).count == before)
        #expect(try Self.snapshot(ws, store) == Self.fresh(ws))
    }

    @Test("a re-issue that drops records names the keys it dropped")
    func reissueDrops() throws {
        let (ws, store) = try W.workspace([
            "2024-06.csv": "记-1,2024-06-03,30201 办公费,基本支出,100.00\n记-2,2024-06-04,30201 办公费,基本支出,20.00\n记-3,2024-06-05,30201 办公费,基本支出,3.00\n",
            "2024-06-r2.csv": "记-1,2024-06-03,30201 办公费,基本支出,110.00\n记-2,2024-06-04,30201 办公费,基本支出,20.00\n",
        ])
        let report = try store.ingest(ws)
        #expect(report.files.map { "\($0.path) \($0.status)" } == ["ledgers/2024-06.csv new", "ledgers/2024-06-r2.csv reissue"])
        let drops = try store.reissueDrops()
        #expect(drops.map { "\($0.file) ← \($0.replaced): \($0.dropped)" } == ["ledgers/2024-06-r2.csv ← ledgers/2024-06.csv: [\"记-3 3.00\"]"])
        // A changed file (same path) is no re-issue: a fresh run would know no other version.
        try W.write(ws.root, "2024-06-r2.csv", "记-1,2024-06-03,30201 办公费,基本支出,110.00\n记-2,2024-06-04,30201 办公费,基本支出,20.00\n记-3,2024-06-05,30201 办公费,基本支出,3.00\n")
        _ = try store.ingest(ws)
        #expect(try store.reissueDrops().isEmpty)
        #expect(try Self.snapshot(ws, store) == Self.fresh(ws))
    }

    @Test("a ledger whose name is not UTF-8 is a failed file naming its bytes, never left out")
    func undecodableName() throws {
        let (ws, store) = try W.workspace(["2024-03.csv": "记-1,2024-03-01,30201 办公费,基本支出,100.00\n"])
        let name: [UInt8] = Array((ws.root + "/ledgers/2024-04-").utf8) + [0xD4, 0xC2] + Array(".csv".utf8) + [0]
        let fd = name.withUnsafeBufferPointer { p in p.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        #expect(fd >= 0)
        let text = Array((W.header + "记-2,2024-04-01,30201 办公费,基本支出,5.00\n").utf8)
        _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let report = try store.ingest(ws)
        #expect(report.failed)
        let bad = try #require(report.files.first { $0.status == .failed })
        #expect(bad.path == "ledgers/2024-04-\\xD4\\xC2.csv" && bad.errorCode == "workspace.file-name")
        #expect(bad.error?.contains("is not UTF-8") == true)
        #expect(report.files.filter { $0.status != .failed }.map(\.path) == ["ledgers/2024-03.csv"])
    }
}
