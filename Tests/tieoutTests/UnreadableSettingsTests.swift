import Foundation
import Testing

/// Settings files that are there but cannot be read: never taken as absent, never replaced by
/// the built-in ones, never a hang (issue 20, item 4).
@Suite("unreadable settings")
struct UnreadableSettingsTests {
    enum Hazard: String, CaseIterable { case loop, fifo, devZero, folder }

    /// Puts `hazard` at `root/name` (what was there is moved aside, and put back by the returned closure).
    static func place(_ hazard: Hazard, at name: String, in root: String) throws -> () throws -> Void {
        let fm = FileManager.default
        let path = root + "/" + name
        let aside = root + "/.aside-" + name.replacingOccurrences(of: "/", with: "_")
        let had = (try? fm.attributesOfItem(atPath: path)) != nil
        if had { try fm.moveItem(atPath: path, toPath: aside) }
        try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        switch hazard {
        case .loop: try fm.createSymbolicLink(atPath: path, withDestinationPath: (name as NSString).lastPathComponent)
        case .fifo: #expect(mkfifo(path, 0o644) == 0)
        case .devZero: try fm.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
        case .folder: try fm.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        return {
            try fm.removeItem(atPath: path)
            if had { try fm.moveItem(atPath: aside, toPath: path) }
        }
    }

    /// What validate and run say about `shown` with `hazard` in its place.
    static func expected(_ hazard: Hazard, _ shown: String, folder: Bool = false, checkedInside: Bool = false) -> String {
        switch hazard {
        case .loop: return folder ? "cannot list the folder \(shown)" : "cannot open \(shown): Too many levels of symbolic links at \(shown)"
        case .fifo: return "\(shown) is a FIFO (named pipe), not a \(folder ? "folder" : "regular file") at \(shown)"
        case .devZero: return checkedInside ? "\(shown) leads outside the workspace, to /dev/zero" : "\(shown) is a character device, not a \(folder ? "folder" : "regular file") at \(shown)"
        case .folder: return "\(shown) is a folder, not a file at \(shown)"
        }
    }

    @Test("each settings file as a link loop, a FIFO, a link to /dev/zero and a folder: validate and run exit 2 naming it and the cause, no dataset, no hang")
    func everyFileEveryHazard() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let root = dir + "/" + ws
        let files: [(name: String, shown: String, inside: Bool)] = [
            ("tieout.yaml", ws + "/tieout.yaml", false), ("claims.yaml", "claims.yaml", false), ("assessments.yaml", "assessments.yaml", false),
            ("figures.yaml", "figures.yaml", true), ("rules.yaml", "rules.yaml", true), ("rubric.yaml", "rubric.yaml", false),
            ("profiles/treasury-payments.yaml", "profiles/treasury-payments.yaml", true), ("kinds/contract.yaml", "kinds/contract.yaml", false),
        ]
        for file in files {
            for hazard in Hazard.allCases {
                let restore = try Self.place(hazard, at: file.name, in: root)
                let want = "Error: " + Self.expected(hazard, file.shown, checkedInside: file.inside)
                let v = try CLI.run(["validate", ws, "--lang", "en"], in: dir, timeout: 30)
                #expect(v.status == 2, "validate, \(file.name) as \(hazard)")
                #expect(v.stderr.hasPrefix(want), "validate, \(file.name) as \(hazard): \(v.stderr)")
                #expect(v.stderr.hasSuffix("1 mistake in \(ws)'s settings; nothing was read or written.\n"), "validate, \(file.name) as \(hazard): \(v.stderr)")
                let r = try CLI.run(["run", ws], in: dir, timeout: 30)
                #expect(r.status == 2, "run, \(file.name) as \(hazard)")
                #expect(r.stderr.contains(want), "run, \(file.name) as \(hazard): \(r.stderr)")
                #expect(!FileManager.default.fileExists(atPath: root + "/.tieout/tieout.sqlite"), "run, \(file.name) as \(hazard)")
                try restore()
            }
        }
        // The folders kinds/ and profiles/ themselves.
        for folder in ["kinds", "profiles"] {
            for hazard in [Hazard.loop, .fifo, .devZero] {
                let restore = try Self.place(hazard, at: folder, in: root)
                let v = try CLI.run(["validate", ws, "--lang", "en"], in: dir, timeout: 30)
                #expect(v.status == 2, "validate, \(folder) as \(hazard)")
                #expect(v.stderr.hasPrefix("Error: " + Self.expected(hazard, folder + "/", folder: true)), "validate, \(folder) as \(hazard): \(v.stderr)")
                try restore()
            }
        }
        #expect(try CLI.run(["validate", ws], in: dir).status == 0)
    }

    @Test("settings this user may not read (chmod 000, run as nobody): validate and run exit 2 with Permission denied, never the built-in profile or 'no tieout.yaml'",
          .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser"), "runuser as root"))
    func unreadableAsNobody() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let root = dir + "/" + ws
        try FileManager.default.createDirectory(atPath: root + "/profiles", withIntermediateDirectories: true)
        try "extends: treasury-payments\n".write(toFile: root + "/profiles/treasury-payments.yaml", atomically: true, encoding: .utf8)
        let bin = dir + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let built = URL(fileURLWithPath: CLI.executable).deletingLastPathComponent().path
        try FileManager.default.copyItem(atPath: CLI.executable, toPath: bin + "/tieout")
        for name in try FileManager.default.contentsOfDirectory(atPath: built) where name.hasPrefix("Tieout_") && name.hasSuffix(".resources") {
            try FileManager.default.copyItem(atPath: built + "/" + name, toPath: bin + "/" + name)
        }
        _ = try CLI.run(["-R", "a+rwX", dir], executable: "/bin/chmod")
        for (name, shown) in [("claims.yaml", "claims.yaml"), ("assessments.yaml", "assessments.yaml"),
                              ("profiles/treasury-payments.yaml", "profiles/treasury-payments.yaml"), ("tieout.yaml", root + "/tieout.yaml")] {
            try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: root + "/" + name)
            let want = "Error: cannot open \(shown): Permission denied at \(shown)\nHelp: Make the file readable for this user (chmod/chown), then run again.\n"
            let v = try CLI.run(["-u", "nobody", "--", bin + "/tieout", "validate", root, "--lang", "en"], executable: "/usr/sbin/runuser", timeout: 60)
            #expect(v.status == 2, "validate, \(name)")
            #expect(v.stderr == want + "1 mistake in \(root)'s settings; nothing was read or written.\n", "validate, \(name)")
            let r = try CLI.run(["-u", "nobody", "--", bin + "/tieout", "run", root], executable: "/usr/sbin/runuser", timeout: 60)
            #expect(r.status == 2, "run, \(name)")
            #expect(r.stderr.hasPrefix(want), "run, \(name): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: root + "/.tieout/tieout.sqlite"), "run, \(name)")
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: root + "/" + name)
        }
    }

    @Test("the one reader keeps the size limit: a 5 MiB claims.yaml is refused by its size (exit 2); an empty one is 'empty'")
    func sizeLimit() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let claims = dir + "/" + ws + "/claims.yaml"
        try Data(repeating: 0x20, count: 5 << 20).write(to: URL(fileURLWithPath: claims))
        let v = try CLI.run(["validate", ws, "--lang", "en"], in: dir)
        #expect(v.status == 2)
        #expect(v.stderr.hasPrefix("Error: claims.yaml is 5.0 MiB; a claims, assessments or rubric file is at most 4.0 MiB at claims.yaml\n"), "\(v.stderr)")
        try Data().write(to: URL(fileURLWithPath: claims))
        let e = try CLI.run(["validate", ws, "--lang", "en"], in: dir)
        #expect(e.status == 2)
        #expect(e.stderr.hasPrefix("Error: claims.yaml is empty at claims.yaml\n"), "\(e.stderr)")
    }
}
