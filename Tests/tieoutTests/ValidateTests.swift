import Foundation
import Testing

/// `tieout validate` lists every mistake of a workspace's settings, not only the first, and
/// touches no dataset; `run` validates first.
@Suite("validate")
struct ValidateTests {
    @Test("three files with a mistake each: all three listed with file, line and fix; exit 2; no dataset; run refuses the same way")
    func mistakes() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let root = dir + "/" + ws
        try FileManager.default.createDirectory(atPath: root + "/profiles", withIntermediateDirectories: true)
        try "extends: staffing\nkey: [nothing]\n".write(toFile: root + "/profiles/staffing.yaml", atomically: true, encoding: .utf8)
        try "figures:\n  - { id: x.y, title: 甲, en: a, formula: f, sum: treasury-payment.voucher }\n".write(toFile: root + "/figures.yaml", atomically: true, encoding: .utf8)
        try "cross-ledger:\n  - { id: z, equal: [spend.actual.total], title: 乙, en: b }\n".write(toFile: root + "/rules.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", ws, "--lang", "en"], in: dir)
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr == """
            Error: key 'key': 'nothing' is not a field of staffing at profiles/staffing.yaml:2
            Help: Name the fields that identify a record: department, authorised, on_post, off_establishment.
            Error: key 'figures.1.sum': voucher is text: it cannot be summed at figures.yaml:2
            Help: Use an amount, percentage or integer field, or `count: treasury-payment`.
            Error: key 'cross-ledger.1.equal': equal takes two figures at rules.yaml:2
            Help: Write `equal: [a, b]`.
            3 mistakes in futian-2024's settings; nothing was read or written.

            """)
        #expect(!FileManager.default.fileExists(atPath: root + "/.tieout/tieout.sqlite"))
        let run = try CLI.run(["run", ws], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("Error: key 'key': 'nothing' is not a field of staffing at profiles/staffing.yaml:2\n"))
        #expect(!FileManager.default.fileExists(atPath: root + "/.tieout/tieout.sqlite"))
        #expect(try CLI.run(["validate", "samples/futian-2024"], in: CLI.root.path).status == 0)
    }

    @Test("a kinds/ folder this user cannot list is a mistake, never a workspace without its kinds (run as nobody)",
          .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser"), "runuser as root"))
    func unreadableKinds() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let root = dir + "/" + ws
        try FileManager.default.createDirectory(atPath: root + "/kinds", withIntermediateDirectories: true)
        // The binary and its resources where nobody may run them (a clone may sit in a 0700 folder).
        let bin = dir + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let built = URL(fileURLWithPath: CLI.executable).deletingLastPathComponent().path
        try FileManager.default.copyItem(atPath: CLI.executable, toPath: bin + "/tieout")
        for name in try FileManager.default.contentsOfDirectory(atPath: built) where name.hasPrefix("Tieout_") && name.hasSuffix(".resources") {
            try FileManager.default.copyItem(atPath: built + "/" + name, toPath: bin + "/" + name)
        }
        _ = try CLI.run(["-R", "a+rX", dir], executable: "/bin/chmod")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: root + "/kinds")
        let r = try CLI.run(["-u", "nobody", "--", bin + "/tieout", "validate", root, "--lang", "en"], executable: "/usr/sbin/runuser")
        #expect(r.status == 2)
        #expect(r.stderr == """
            Error: cannot list the folder kinds/ (\(root)/kinds): Permission denied at kinds/
            Help: Make the folder readable for this user (chmod/chown), then run again.
            1 mistake in \(root)'s settings; nothing was read or written.

            """)
    }
}
