import Foundation
import TieoutTestSupport
import TieoutCore
import TieoutIngest
import TieoutStore
@testable import TieoutReconcile

/// A fresh copy of the sample, ingested; `edit` may change it first.
func sampleWorkspace(edit: (String) throws -> Void = { _ in }) throws -> (Workspace, DatasetStore) {
    let dir = try copyOfWorkspace("samples/futian-2024")
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
