import Foundation
import TieoutCore
import TieoutIngest
@testable import TieoutStore

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// A fresh copy of a workspace (the repository's copy is never written by tests).
func copyOfWorkspace(_ relative: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-ws-\(UUID().uuidString)").path
    try FileManager.default.copyItem(atPath: repositoryRoot + "/" + relative, toPath: dir)
    try? FileManager.default.removeItem(atPath: dir + "/.tieout")
    try? FileManager.default.removeItem(atPath: dir + "/out")
    return dir
}

extension Amount {
    /// Rounded half-up to 万元 at 2 decimals, as the report prints it: "1,036.79".
    var wan: String { displayText(in: .wanYuan, decimals: 2) }
}

func sum(_ records: [StoredRecord], _ field: String, where keep: (StoredRecord) -> Bool = { _ in true }) -> Amount {
    records.filter(keep).reduce(Amount.zero) { $0 + ($1[field]?.amount ?? .zero) }
}

extension StoredRecord {
    func text(_ field: String) -> String? { self[field].map(\.description) }
}
