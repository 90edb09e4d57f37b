import Foundation
import GRDB
import Testing
import TieoutCore
import TieoutIngest
@testable import TieoutStore
@testable import TieoutReconcile
@testable import TieoutReport

/// Reports say what they stand on. Before: a ledger that failed to read, or an ingest
/// that was killed, left reports computed from the old data with the counts of a clean run.
@Suite("What the reports stand on")
struct DatasetStateTests {
    @Test("a clean ingest: the dataset is current and the reports say so")
    func current() throws {
        let r = try sampleReconciliation()
        #expect(r.dataset.isCurrent && r.dataset.files == 19)
        #expect(!r.findings.contains { $0.id.hasPrefix("ingest:") && $0.status == .missingData })
        #expect(MarkdownReport.render(r).contains("\n\n数据集：19 个台账文件，最近一次导入已完成，与工作区一致。\n\n"))
    }

    @Test("a ledger truncated mid-record fails this run: reports name it, the dataset is partial, the count is missing-data")
    func failedLedger() throws {
        let (ws, store) = try sampleWorkspace()
        let path = ws.root + "/ledgers/treasury/2024-08.csv"
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("记-2024-08-9999,2024-08-31,\"30201 办公".utf8))   // an export cut off inside a quoted field
        try handle.close()
        let report = try store.ingest(ws)
        #expect(report.files.first { $0.path == "ledgers/treasury/2024-08.csv" }?.status == .failed)
        let r = try Reconciliation(workspace: ws, store: store)
        #expect(!r.dataset.isCurrent)
        #expect(r.dataset.failed.map(\.path) == ["ledgers/treasury/2024-08.csv"])
        let f = try #require(r.findings.first { $0.id == "ingest:failed@ledgers/treasury/2024-08.csv" })
        #expect(f.status == .missingData && f.title == "台账未能读取：ledgers/treasury/2024-08.csv")
        #expect(f.explanation.hasPrefix("最近一次导入未能读取此文件，其行不在任何数字中：Error: the quoted field that opens here is never closed before the end of the file at "))
        #expect(f.explanation.contains("/ledgers/treasury/2024-08.csv:23:3 (record 23, column C, byte 3341)"))
        let md = MarkdownReport.render(r)
        #expect(md.contains("⚠ 数据集不完整或已过时：以下数字不能视为完整的台账结果。"))
        #expect(md.contains("读取失败：ledgers/treasury/2024-08.csv"))
        let html = HTMLReport.render(r)
        #expect(html.contains("<div class=\"dataset stale\">") && html.contains("读取失败：ledgers/treasury/2024-08.csv"))
        let json = try JSONSerialization.jsonObject(with: Data(try FindingsJSON.render(r).utf8)) as! [String: Any]
        let d = try #require(json["dataset"] as? [String: Any])
        #expect(d["current"] as? Bool == false)
        #expect((d["failed"] as? [[String: Any]])?.first?["path"] as? String == "ledgers/treasury/2024-08.csv")
    }

    @Test("an ingest killed before it finished: the dataset is partial until an ingest finishes")
    func unfinished() throws {
        let (ws, store) = try sampleWorkspace()
        // What a kill leaves: a run started, never closed.
        try store.queue.write { db in
            try db.execute(sql: "INSERT INTO ingest_runs (started_at) VALUES ('2024-10-01T08:00:00Z')")
        }
        let r = try Reconciliation(workspace: ws, store: store)
        #expect(r.dataset.unfinishedIngest == "2024-10-01T08:00:00Z" && !r.dataset.isCurrent)
        #expect(r.findings.contains { $0.id == "ingest:unfinished" && $0.status == .missingData })
        #expect(MarkdownReport.render(r).contains("上次导入（开始于 2024-10-01T08:00:00Z）未完成。"))
        _ = try store.ingest(ws)
        #expect(try Reconciliation(workspace: ws, store: store).dataset.isCurrent)
    }

    @Test("ledgers new, changed or gone since the last ingest make the dataset stale, each named")
    func stale() throws {
        let (ws, store) = try sampleWorkspace()
        let treasury = ws.root + "/ledgers/treasury/"
        try FileManager.default.copyItem(atPath: treasury + "2024-12.csv", toPath: treasury + "2024-12-r2.csv")
        let handle = try #require(FileHandle(forWritingAtPath: treasury + "2024-11.csv"))
        handle.seekToEndOfFile()
        handle.write(Data("\n".utf8))
        try handle.close()
        try FileManager.default.removeItem(atPath: treasury + "2024-01.csv")
        let s = try store.state(ws)
        #expect(s.notIngested == ["ledgers/treasury/2024-12-r2.csv"])
        #expect(s.changedSinceIngest == ["ledgers/treasury/2024-11.csv"])
        #expect(s.goneSinceIngest == ["ledgers/treasury/2024-01.csv"])
        let r = try Reconciliation(workspace: ws, store: store)
        #expect(Set(r.findings.filter { $0.rule == "ingest" && $0.status == .missingData }.map(\.id)).isSuperset(of: ["ingest:not-ingested", "ingest:changed", "ingest:gone"]))
        // After an ingest, the removal is said once, as what the last ingest did.
        _ = try store.ingest(ws)
        let after = try store.state(ws)
        #expect(after.isCurrent && after.removed == ["ledgers/treasury/2024-01.csv"])
        #expect(MarkdownReport.render(try Reconciliation(workspace: ws, store: store)).contains("最近一次导入时已不在工作区，其记录已移出：ledgers/treasury/2024-01.csv"))
    }
}
