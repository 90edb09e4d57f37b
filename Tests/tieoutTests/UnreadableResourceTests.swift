import Foundation
import Testing

/// A built-in resource that is there but cannot be read (a link loop here; chmod 000 for a
/// user other than root) was taken as absent from that folder, and the next candidate's copy
/// was read instead, without a word: TIEOUT_RESOURCES pointing at a broken installation
/// silently ran on another one's definitions.
@Suite("Unreadable built-in resources")
struct UnreadableResourceTests {
    @Test("a built-in kind that is a link loop under TIEOUT_RESOURCES: exit 2 naming the file, not the next copy read instead")
    func linkLoop() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-res-\(UUID().uuidString)").path
        let kinds = root + "/Tieout_TieoutIngest.resources/KindDefinitions"
        try FileManager.default.createDirectory(atPath: kinds, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: kinds + "/staffing.yaml", withDestinationPath: "staffing.yaml")
        let r = try CLI.run(["TIEOUT_RESOURCES=" + root, CLI.executable, "kinds", "staffing"], executable: "/usr/bin/env")
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stderr.contains("the built-in kind staffing cannot be read from \(kinds)/staffing.yaml"), "\(r.stderr)")
    }
}
