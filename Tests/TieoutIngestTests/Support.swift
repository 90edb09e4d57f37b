import Foundation
import TieoutTestSupport
import TieoutCore
@testable import TieoutIngest

func ingestFixture(_ name: String) -> String {
    Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
}

/// Applies `profile` (YAML text) to `path`: records, rejects and the result.
func apply(_ yaml: String, to path: String) throws -> (records: [Record], rejects: [RowReject], result: ApplyResult) {
    let profile = try Profile.parse(yaml, file: "test.yaml")
    var records: [Record] = [], rejects: [RowReject] = []
    let result = try ProfileApplier(profile).apply(path: path, onRecord: { records.append($0) }, onReject: { rejects.append($0) })
    return (records, rejects, result)
}

/// Writes `text` to a fresh temporary file named `name`.
func temporaryFile(_ name: String, _ text: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-ingest-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}
