import Foundation
import TieoutCore
import TieoutIngest
import TieoutStore
@testable import TieoutReconcile

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// A fresh copy of the sample, ingested; `edit` may change it first.
func sampleWorkspace(edit: (String) throws -> Void = { _ in }) throws -> (Workspace, DatasetStore) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-rec-\(UUID().uuidString)").path
    try FileManager.default.copyItem(atPath: repositoryRoot + "/samples/futian-2024", toPath: dir)
    try? FileManager.default.removeItem(atPath: dir + "/.tieout")
    try? FileManager.default.removeItem(atPath: dir + "/out")
    try edit(dir)
    let ws = try Workspace.open(dir)
    let store = try DatasetStore(path: ws.databasePath)
    _ = try store.ingest(ws)
    return (ws, store)
}

func sampleReconciliation(edit: (String) throws -> Void = { _ in }) throws -> Reconciliation {
    let (ws, store) = try sampleWorkspace(edit: edit)
    return try Reconciliation(workspace: ws, store: store)
}
