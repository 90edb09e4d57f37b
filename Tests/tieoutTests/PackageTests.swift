#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// `scripts/package-deb` makes a .deb that installs with dpkg, runs the sample, and removes cleanly.
@Suite("Debian package", .serialized)
struct PackageTests {
    @Test("the .deb: Depends names the linked libraries' packages; dpkg -i, the sample to 98.79 from /usr/bin/tieout, dpkg -r leaves nothing",
          .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg") && !FileManager.default.fileExists(atPath: "/usr/bin/tieout"),
                   "needs root and dpkg, and no tieout installed already"))
    func deb() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-deb-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let made = try CLI.run(["-c", "OUT=\(out) bash scripts/package-deb"], in: CLI.root.path, executable: "/bin/bash")
        #expect(made.status == 0, "\(made.stderr.suffix(2000))")
        let deb = try #require(try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasSuffix("_amd64.deb") })
        #expect(deb == "tieout_0.2.0_amd64.deb")
        let info = try CLI.run(["-I", out + "/" + deb], executable: "/usr/bin/dpkg-deb").stdout
        #expect(info.contains(" Depends: libc6, libgcc-s1, libsqlite3-0, libstdc++6, libxml2, zlib1g\n"))
        let install = try CLI.run(["-i", out + "/" + deb], executable: "/usr/bin/dpkg")
        #expect(install.status == 0, "\(install.stderr)")
        defer { _ = try? CLI.run(["-r", "tieout"], executable: "/usr/bin/dpkg") }
        #expect(FileManager.default.fileExists(atPath: "/usr/share/man/man1/tieout.1") && FileManager.default.fileExists(atPath: "/usr/share/doc/tieout/README.md"))
        // Debian's copyright file: the licenses of what the binary links.
        let copyright = try String(contentsOfFile: "/usr/share/doc/tieout/copyright", encoding: .utf8)
        #expect(copyright.contains("==== swift-crypto (") && copyright.contains("==== GRDB.swift (") && copyright.contains("==== Swift runtime"))
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let r = try CLI.run(["run", ws], in: dir, executable: "/usr/bin/tieout")
        #expect(r.status == 1 && r.stdout.hasSuffix("评分：合计 98.79 / 100.00 分，与附件一致（out/score.md）\n"), "\(r.stdout)\(r.stderr)")
        let remove = try CLI.run(["-r", "tieout"], executable: "/usr/bin/dpkg")
        #expect(remove.status == 0)
        #expect(!FileManager.default.fileExists(atPath: "/usr/bin/tieout") && !FileManager.default.fileExists(atPath: "/usr/lib/tieout"))
    }
}
