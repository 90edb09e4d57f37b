import Foundation
import TieoutTestSupport
import TieoutCore
import TieoutIngest
import TieoutScore
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
    try sampleReconciliationAndStore(edit: edit).0
}

/// The sample reconciled, and its dataset (what `explain` reads).
func sampleReconciliationAndStore(edit: (String) throws -> Void = { _ in }) throws -> (Reconciliation, DatasetStore) {
    let (ws, store) = try sampleWorkspace(edit: edit)
    return (try Reconciliation(workspace: ws, store: store, rubric: try Rubric.forWorkspace(ws)), store)
}
