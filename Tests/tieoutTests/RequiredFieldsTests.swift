import Foundation
import Testing

/// validate lists every required field a profile leaves without a column, not one per run
/// (issue 20, item 15).
@Suite("Required fields")
struct RequiredFieldsTests {
    @Test("a staffing profile with only department: validate names authorised, on_post and off_establishment at once, exit 2")
    func allMissingAtOnce() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        try FileManager.default.createDirectory(atPath: dir + "/" + ws + "/profiles", withIntermediateDirectories: true)
        try "kind: staffing\ncolumns:\n  department: 科室\n".write(toFile: dir + "/" + ws + "/profiles/staffing.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", ws, "--lang", "en"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr == """
            Error: key 'columns': the required fields 'authorised' (核定编制数), 'on_post' (实有在编人数) and 'off_establishment' (编外人员数) have no column at profiles/staffing.yaml:3
            Help: Add `authorised: <header of the 核定编制数 column>`, `on_post: <header of the 实有在编人数 column>`, `off_establishment: <header of the 编外人员数 column>` under columns, or give them under constants.
            1 mistake in \(ws)'s settings; nothing was read or written.

            """)
    }
}
