import Foundation
import Testing

/// The dataset's state judges a ledger by its latest version only.
@Suite("A ledger's latest version")
struct StaleVersionTests {
    @Test("a re-issued export read again, then unreadable: failed, never also 'changed since ingest' (as a fresh run says)")
    func replacedThenFailed() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let june = dir + "/" + ws + "/ledgers/treasury/2024-06.csv"
        _ = try CLI.run(["run", ws], in: dir)
        // Re-saved (read again; 2024-06-r2 still re-issues it), then a byte that is not GB18030.
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: june))
        try h.seekToEnd(); try h.write(contentsOf: Data([0x0A])); try h.close()
        _ = try CLI.run(["run", ws], in: dir)
        let g = try FileHandle(forWritingTo: URL(fileURLWithPath: june))
        try g.seekToEnd(); try g.write(contentsOf: Data([0xB0, 0x2D, 0x32, 0x30, 0x0A])); try g.close()
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.status == 1 || r.status == 2)
        let text = try String(contentsOfFile: dir + "/" + ws + "/out/findings.json", encoding: .utf8)
        #expect(!text.contains("\"ingest:changed\""), "a failed ledger reported as changed since ingest too")
        // A fresh run on a copy of the same files.
        let copy = dir + "/fresh"
        try FileManager.default.copyItem(atPath: dir + "/" + ws, toPath: copy)
        try FileManager.default.removeItem(atPath: copy + "/.tieout")
        _ = try CLI.run(["run", "fresh"], in: dir)
        let fresh = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: copy + "/out/findings.json"))) as! [String: Any]
        let mine = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let ids = { (j: [String: Any]) in ((j["findings"] as! [[String: Any]]).map { $0["id"] as! String }).sorted() }
        #expect(ids(mine) == ids(fresh))
    }
}
