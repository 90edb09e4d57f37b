import Foundation
import Testing

/// Rows of one ledger that share a key (all kept) are a warning of the dataset: the same files
/// say the same in every run. Before, only the run that read the file said it; a warm rerun
/// (the file unchanged, skipped) said nothing, and the reports never did.
@Suite("Key repeats in every run")
struct KeyRepeatsRunTests {
    /// What a run says of the repeats: its console lines that name them, report.md's dataset
    /// lines, and findings.json's `dataset.key_repeats`.
    static func said(_ ws: String) throws -> (console: [String], report: [String], json: String) {
        let r = try CLI.run(["run", ws, "--lang", "en"])
        #expect(r.status == 1 || r.status == 0, "\(r.stderr)")
        let console = r.stdout.split(separator: "\n").map(String.init).filter { $0.contains("share their") }
        let md = try String(contentsOfFile: ws + "/out/report.md", encoding: .utf8)
        let report = md.split(separator: "\n").map(String.init).filter { $0.contains("share their") }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ws + "/out/findings.json"))) as! [String: Any]
        let repeats = (json["dataset"] as! [String: Any])["key_repeats"]!
        return (console, report, String(decoding: try JSONSerialization.data(withJSONObject: repeats, options: [.sortedKeys]), as: UTF8.self))
    }

    @Test("a fresh run, a warm rerun (the file skipped) and a run on a fresh copy say the same of rows sharing a key: console, report.md, findings.json")
    func sameInEveryRun() throws {
        let ws = try GeneralLedgerCommandTests.workspace(key: "[voucher, entry]")
        defer { try? FileManager.default.removeItem(atPath: ws) }
        let message = "4 rows share their voucher, entry with another row of the file (2 keys; 记-0001|1: rows 2, 4; 记-0001|2: rows 3, 5): all kept as distinct records, none counted once; to tell them apart, give the profile `key: [month, voucher, entry]`"
        let fresh = try Self.said(ws)
        #expect(fresh.console == ["  key repeats ledgers/2024.csv: " + message])
        // report.md escapes Markdown's own characters (| ` [ ]).
        #expect(fresh.report == ["Rows sharing a key, all kept: ledgers/2024.csv: 4 rows share their voucher, entry with another row of the file (2 keys; 记-0001\\|1: rows 2, 4; 记-0001\\|2: rows 3, 5): all kept as distinct records, none counted once; to tell them apart, give the profile \\`key: \\[month, voucher, entry\\]\\`"])
        #expect(fresh.json == "[{\"message\":\"\(message)\",\"path\":\"ledgers\\/2024.csv\",\"rows\":4}]")
        // The file unchanged: skipped, and still named.
        let warm = try Self.said(ws)
        #expect(warm.console == fresh.console)
        #expect(warm.report == fresh.report)
        #expect(warm.json == fresh.json)
        // The same files in a new folder, with no dataset.
        let copy = ws + "-copy"
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try FileManager.default.copyItem(atPath: ws, toPath: copy)
        try FileManager.default.removeItem(atPath: copy + "/.tieout")
        try FileManager.default.removeItem(atPath: copy + "/out")
        let copied = try Self.said(copy)
        #expect(copied.console == fresh.console && copied.report == fresh.report && copied.json == fresh.json)
        // ingest says it on a warm rerun too.
        let ingest = try CLI.run(["ingest", ws, "--lang", "en"])
        #expect(ingest.stdout.contains("warning: ledgers/2024.csv: " + message + "\n"), "\(ingest.stdout)")
    }
}
