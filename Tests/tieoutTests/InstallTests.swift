#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// `scripts/install` makes a tieout that runs where it is installed, without the Swift
/// toolchain or the build folder: both are hidden from it (a mount namespace with empty
/// folders over them, as root), and it runs the sample to 98.79 as from the checkout.
@Suite("Installed", .serialized)
struct InstallTests {
    static let isRoot = getuid() == 0

    @Test("installed to a prefix: static Swift, system libraries only, resources found; with the toolchain and the checkout hidden it runs the sample",
          .enabled(if: isRoot, "needs root to hide the toolchain in a mount namespace"))
    func installed() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-prefix-\(UUID().uuidString)").path
        let install = try CLI.run(["scripts/install", prefix], in: CLI.root.path, executable: "/bin/bash")
        #expect(install.status == 0, "\(install.stdout)\(install.stderr.suffix(2000))")
        let binary = prefix + "/lib/tieout/tieout"
        // Only system libraries.
        let ldd = try CLI.run([binary], in: "/", executable: "/usr/bin/ldd")
        let libraries = ldd.stdout.split(separator: "\n").compactMap { $0.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) }
        #expect(!libraries.isEmpty && !libraries.contains { $0.contains("swift") || $0.contains("Foundation") || $0.contains("dispatch") }, "\(ldd.stdout)")
        for lib in libraries {
            #expect(["linux-vdso", "libxml2", "libsqlite3", "libfreexl", "libxlsxwriter", "libzip", "libbz2", "libz", "libc", "libm", "libstdc++", "libgcc_s", "libicu", "liblzma", "ld-linux", "libpthread", "libdl", "librt", "libutil",
              // libpq (PostgreSQL's client) and what it links: TLS, Kerberos, LDAP.
              "libpq", "libssl", "libcrypto", "libgssapi_krb5", "libkrb5", "libk5crypto", "libcom_err", "libkeyutils", "libresolv",
              "libldap", "liblber", "libsasl2", "libgnutls", "libp11-kit", "libidn2", "libunistring", "libtasn1", "libnettle", "libhogweed", "libgmp", "libffi"]
                .contains { lib.hasPrefix($0) || lib.hasPrefix("/lib64/" + $0) }, "unexpected library \(lib)")
        }
        #expect(FileManager.default.fileExists(atPath: prefix + "/share/bash-completion/completions/tieout"))
        let man = try String(contentsOfFile: prefix + "/share/man/man1/tieout.1", encoding: .utf8)
        #expect(man.contains(".Nm tieout") && man.contains("validate"))
        // Rendered with every warning on: none (16 "Empty input line" before), and the Chinese kept
        // (generate-manual dropped it: "tieout totals ledger.csv --sum  --by :quarter,").
        let rendered = try CLI.run(["-mandoc", "-Tutf8", "-ww", "-P-c", prefix + "/share/man/man1/tieout.1"], in: "/", executable: "/usr/bin/groff")
        #expect(rendered.status == 0 && rendered.stderr == "", "\(rendered.stderr)")
        #expect(rendered.stdout.contains("tieout totals ledger.csv --sum 金额 --by 支付日期:quarter,支出类型"))
        // The installed bash completion offers folders for a workspace.
        let completion = try CLI.run(["--norc", "-c", "shopt -s extglob; source \(prefix)/share/bash-completion/completions/tieout; complete -p tieout"], in: "/", executable: "/bin/bash")
        #expect(completion.stdout == "complete -o filenames -F _tieout tieout\n")
        #expect(try String(contentsOfFile: prefix + "/share/bash-completion/completions/tieout", encoding: .utf8).contains("__tieout_add_completions -d"))
        // The licenses of what is linked in, each package by name, and the Swift runtime's.
        let licenses = try String(contentsOfFile: prefix + "/share/doc/tieout/THIRD-PARTY-LICENSES", encoding: .utf8)
        for name in ["swift-argument-parser", "Yams", "GRDB.swift", "swift-crypto", "swift-log", "Swift runtime, standard library and Foundation"] {
            #expect(licenses.contains("==== \(name) ("), "\(name) has no license section")
        }
        #expect(licenses.contains("Apache License") && licenses.contains("MIT"))
        // --version names the commit it was built from (BUILD_INFO beside it).
        let head = try CLI.run(["-C", CLI.root.path, "rev-parse", "--short=7", "HEAD"], executable: "/usr/bin/git").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let version = try CLI.run(["--version"], in: "/", executable: prefix + "/bin/tieout")
        #expect(version.stdout.hasPrefix("0.2.0 (commit \(head)") && version.stdout.hasSuffix("), built-in rubric shenzhen-department-2024\n"), "\(version.stdout)")
        // The sample, away from the checkout; the toolchain and the checkout hidden.
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let swift = try CLI.run(["-c", "readlink -f \"$(command -v swift)\""], in: "/", executable: "/bin/bash").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let toolchain = URL(fileURLWithPath: swift).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        #expect(toolchain.count > 1 && toolchain != "/")
        let script = """
            set -e
            mount -t tmpfs none \(toolchain)
            mount -t tmpfs none \(CLI.root.path)
            if command -v swift >/dev/null 2>&1 && swift --version >/dev/null 2>&1; then echo "swift still runs" >&2; exit 9; fi
            cd \(dir)
            exec \(prefix)/bin/tieout run \(ws)
            """
        let r = try CLI.run(["-m", "/bin/bash", "-c", script], in: "/", executable: "/usr/bin/unshare")
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("核对：一致 119，取整差异 1，不一致 2，缺少数据 1，陈述无据 2\n"))
        #expect(r.stdout.hasSuffix("评分：合计 98.79 / 100.00 分，与附件一致\n"))
    }

    @Test("resources missing from an installation: an error that says where it looked, never a crash")
    func missingResources() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-bare-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: prefix, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.executable, toPath: prefix + "/tieout")
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let r = try CLI.run(["validate", ws, "--lang", "en"], in: dir, executable: prefix + "/tieout")
        #expect(r.status == 2)
        #expect(r.stderr.contains("is missing from this installation's resources (looked in "), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
    }
}
