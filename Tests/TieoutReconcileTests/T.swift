import Foundation
import Testing
import TieoutCore
import TieoutIngest
import TieoutStore
@testable import TieoutReconcile

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

func sampleReconciliation(asOf: CalendarDate? = nil) throws -> Reconciliation {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-rec-\(UUID().uuidString)").path
    try FileManager.default.copyItem(atPath: repositoryRoot + "/samples/futian-2024", toPath: dir)
    try? FileManager.default.removeItem(atPath: dir + "/.tieout")
    try? FileManager.default.removeItem(atPath: dir + "/out")
    let ws = try Workspace.open(dir)
    let store = try DatasetStore(path: ws.databasePath)
    _ = try store.ingest(ws)
    return try Reconciliation(workspace: ws, store: store, asOf: asOf)
}

@Suite("debug", .disabled("prints findings while developing")) struct Debug {
    @Test func dump() throws {
        let r = try sampleReconciliation()
        for f in r.findings where f.status != .ok {
            print("FINDING", f.status.rawValue, f.id, f.expected ?? "-", f.actual ?? "-", f.difference ?? "-", f.explanation)
        }
        print("COUNTS", r.counts)
    }
}
