import Foundation

/// The repository's root folder (samples, fixtures), for the test suites.
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// A fresh copy of a workspace of the repository (`samples/futian-2024`), without its
/// dataset and outputs: tests never write the repository's copy.
public func copyOfWorkspace(_ relative: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-ws-\(UUID().uuidString)").path
    try FileManager.default.copyItem(atPath: repositoryRoot + "/" + relative, toPath: dir)
    try? FileManager.default.removeItem(atPath: dir + "/.tieout")
    try? FileManager.default.removeItem(atPath: dir + "/out")
    return dir
}
