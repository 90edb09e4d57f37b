#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// `scripts/package-deb` makes a .deb that installs with dpkg, runs the sample, and removes cleanly.
@Suite("Debian package", .serialized)
struct PackageTests {
    /// Installs Debian packages a check needs (cron, lintian) when they are missing, as the
    /// scripts install what they build against (scripts/lib.sh); false when that fails.
    static func ensure(_ packages: [String]) throws -> Bool {
        let missing = try packages.filter { p in
            try !CLI.run(["-W", "-f=${Status}", p], in: "/", executable: "/usr/bin/dpkg-query").stdout.contains("install ok installed")
        }
        if missing.isEmpty { return true }
        _ = try CLI.run(["-c", "apt-get update -qq"], in: "/", executable: "/bin/bash")
        let r = try CLI.run(["-c", "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq " + missing.joined(separator: " ")], in: "/", executable: "/bin/bash")
        return r.status == 0
    }

    /// The sections of an ELF file (readelf -S), by name.
    static func sections(_ path: String) throws -> Set<String> {
        let out = try CLI.run(["-SW", path], in: "/", executable: "/usr/bin/readelf").stdout
        return Set(out.split(separator: "\n").compactMap { line in line.firstMatch(of: /\]\s+(\S+)/).map { String($0.1) } })
    }

    @Test("the .deb: Depends names the linked libraries' packages; dpkg -i, the sample to 98.79 from /usr/bin/tieout, dpkg -r leaves nothing",
          .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg") && !FileManager.default.fileExists(atPath: "/usr/bin/tieout"),
                   "needs root and dpkg, and no tieout installed already"))
    func deb() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-deb-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let made = try CLI.run(["-c", "OUT=\(out) bash scripts/package-deb"], in: CLI.root.path, executable: "/bin/bash")
        #expect(made.status == 0, "\(made.stderr.suffix(2000))")
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        let deb = try #require(files.first { $0.hasSuffix("_amd64.deb") && !$0.contains("dbgsym") })
        #expect(deb == "tieout_0.2.0_amd64.deb")
        #expect(files.contains("tieout-dbgsym_0.2.0_amd64.deb"))
        let info = try CLI.run(["-I", out + "/" + deb], executable: "/usr/bin/dpkg-deb").stdout
        #expect(info.contains(" Depends: libc6, libfreexl1, libgcc-s1, libpq5, libsqlite3-0, libstdc++6, libxlsxwriter4, libxml2, libzip4, zlib1g\n"))
        // /etc/cron.d/tieout is a conffile: dpkg keeps the lines a user uncommented.
        #expect(try CLI.run(["-I", out + "/" + deb, "conffiles"], executable: "/usr/bin/dpkg-deb").stdout == "/etc/cron.d/tieout\n")
        let install = try CLI.run(["-i", out + "/" + deb], executable: "/usr/bin/dpkg")
        #expect(install.status == 0, "\(install.stderr)")
        defer { _ = try? CLI.run(["-P", "tieout"], executable: "/usr/bin/dpkg") }
        #expect(FileManager.default.fileExists(atPath: "/usr/share/man/man1/tieout.1.gz") && FileManager.default.fileExists(atPath: "/usr/share/doc/tieout/README.md"))
        #expect(!FileManager.default.fileExists(atPath: "/usr/share/man/man1/tieout.1"))
        // Debian's copyright file: the licenses of what the binary links.
        let copyright = try String(contentsOfFile: "/usr/share/doc/tieout/copyright", encoding: .utf8)
        #expect(copyright.contains("==== swift-crypto (") && copyright.contains("==== GRDB.swift (") && copyright.contains("==== Swift runtime"))
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let r = try CLI.run(["run", ws], in: dir, executable: "/usr/bin/tieout")
        #expect(r.status == 1 && r.stdout.hasSuffix("评分：合计 98.79 / 100.00 分，与附件一致\n"), "\(r.stdout)\(r.stderr)")

        // Stripped, with a debuglink to its symbols, which tieout-dbgsym holds under its build id.
        let binary = try Self.sections("/usr/lib/tieout/tieout")
        #expect(!binary.contains(".symtab") && !binary.contains(".debug_info") && binary.contains(".gnu_debuglink") && binary.contains(".note.gnu.build-id"), "\(binary.sorted())")
        let buildID = try #require(try CLI.run(["-n", "/usr/lib/tieout/tieout"], in: "/", executable: "/usr/bin/readelf").stdout.firstMatch(of: /Build ID: ([0-9a-f]+)/).map { String($0.1) })
        let dbgsym = try CLI.run(["-c", out + "/tieout-dbgsym_0.2.0_amd64.deb"], executable: "/usr/bin/dpkg-deb").stdout
        #expect(dbgsym.contains("./usr/lib/debug/.build-id/\(buildID.prefix(2))/\(buildID.dropFirst(2)).debug\n"), "\(dbgsym)")
        #expect(try CLI.run(["-f", out + "/tieout-dbgsym_0.2.0_amd64.deb", "Depends", "Build-Ids"], executable: "/usr/bin/dpkg-deb").stdout
                == "Depends: tieout (= 0.2.0)\nBuild-Ids: \(buildID)\n")

        // The man page renders with no warning (mdoc's "Empty input line" before) and keeps its Chinese (lost before).
        let man = try CLI.run(["-c", "zcat /usr/share/man/man1/tieout.1.gz | groff -mandoc -Tutf8 -ww -P-c"], in: "/", executable: "/bin/bash")
        #expect(man.status == 0 && man.stderr == "", "\(man.stderr)")
        #expect(man.stdout.contains("tieout totals ledger.csv --sum 金额 --by 支付日期:quarter,支出类型"), "\(man.stdout.prefix(3000))")
        #expect(man.stdout.contains("预算执行率"))

        // lintian: neither an uncompressed man page nor an unstripped binary (both before).
        if try Self.ensure(["lintian"]) {
            let lint = try CLI.run(["--no-tag-display-limit", out + "/" + deb], in: "/", executable: "/usr/bin/lintian")
            #expect(!lint.stdout.contains("uncompressed-manual-page") && !lint.stdout.contains("unstripped-binary-or-object"), "\(lint.stdout)")
            for tag in ["bash-completion-with-hashbang", "extended-description-line-too-long", "no-changelog"] {
                #expect(!lint.stdout.contains(tag), "\(lint.stdout)")
            }
        } else {
            Issue.record("lintian is not installed and apt-get could not install it")
        }

        try cronJobs(dir: dir, ws: ws)

        let remove = try CLI.run(["-r", "tieout"], executable: "/usr/bin/dpkg")
        #expect(remove.status == 0)
        #expect(!FileManager.default.fileExists(atPath: "/usr/bin/tieout") && !FileManager.default.fileExists(atPath: "/usr/lib/tieout"))
    }

    /// The jobs of /etc/cron.d/tieout as shipped, uncommented with the sample's folder and a
    /// schedule of every minute, run by a real cron daemon; cron's mail caught by a sendmail
    /// that keeps each message in a file. The run's mail is its problems in the console's words.
    func cronJobs(dir: String, ws: String) throws {
        guard try Self.ensure(["cron"]) else { Issue.record("cron is not installed and apt-get could not install it"); return }
        let fm = FileManager.default
        let shipped = try String(contentsOfFile: "/etc/cron.d/tieout", encoding: .utf8)
        #expect(shipped.split(separator: "\n").allSatisfy { $0.hasPrefix("#") || $0.isEmpty }, "every job is commented out")
        #expect(shipped.contains("#0 6 2 * *         root  /usr/bin/tieout run /srv/ledgers/unit-2024 --quiet\n"))
        var isDir: ObjCBool = false
        #expect(fm.fileExists(atPath: "/var/log/tieout", isDirectory: &isDir) && isDir.boolValue)

        let mail = dir + "/mail"
        try fm.createDirectory(atPath: mail, withIntermediateDirectories: true)
        // cron pipes a job's output to /usr/sbin/sendmail: for cron alone (a mount namespace), a
        // script that keeps each message in a file. The machine's own MTA, if any, is untouched.
        let sendmail = dir + "/sendmail"
        try "#!/bin/sh\nt=$(mktemp \(mail)/.mail.XXXXXX)\n{ echo \"argv: $*\"; cat; } > \"$t\"\nmv \"$t\" \"$t.eml\"\n"
            .write(toFile: sendmail, atomically: true, encoding: .utf8)
        chmod(sendmail, 0o755)
        if !fm.fileExists(atPath: "/usr/sbin/sendmail") {
            // Nothing there to mount over: an empty file, removed afterwards.
            #expect(fm.createFile(atPath: "/usr/sbin/sendmail", contents: Data()))
        }
        defer { if (try? fm.attributesOfItem(atPath: "/usr/sbin/sendmail")[.size] as? Int) == 0 { try? fm.removeItem(atPath: "/usr/sbin/sendmail") } }
        let workspace = dir + "/" + ws
        // The unit's monthly run, its quarterly check and its JSON log: every minute, on the sample
        // (not the weekly verify, which wants an ingested dataset: cron may start it first).
        let enabled = shipped.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("#MAILTO=") { return "MAILTO=root" }
            guard line.hasPrefix("#"), line.contains("/srv/ledgers/unit-2024"), !line.contains(" verify "), let m = line.firstMatch(of: /^#(\S+ +\S+ +\S+ +\S+ +\S+)( +root .*)$/) else { return String(line) }
            return "* * * * *" + m.2.replacing("/srv/ledgers/unit-2024", with: workspace)
        }.joined(separator: "\n")
        #expect(enabled.components(separatedBy: "\n* * * * *").count - 1 == 3, "\(enabled)")
        try enabled.write(toFile: "/etc/cron.d/tieout", atomically: true, encoding: .utf8)
        chmod("/etc/cron.d/tieout", 0o644)
        try? fm.removeItem(atPath: "/var/log/tieout/unit-2024.jsonl")
        defer { try? fm.removeItem(atPath: "/var/log/tieout/unit-2024.jsonl") }

        let cron = Process()
        cron.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        cron.arguments = ["-m", "/bin/sh", "-c", "mount --bind \(sendmail) /usr/sbin/sendmail && exec /usr/sbin/cron -f"]
        try cron.run()
        defer { cron.terminate(); cron.waitUntilExit() }
        // cron runs the jobs at the next minute's start; each takes seconds. At most 150 s.
        let deadline = Date().addingTimeInterval(150)
        var mails: [String] = []
        let marker = workspace + "/.tieout/quarterly-check.closed"
        let log = "/var/log/tieout/unit-2024.jsonl"
        while Date() < deadline {
            mails = (try? fm.contentsOfDirectory(atPath: mail).filter { $0.hasSuffix(".eml") }) ?? []
            let logged = (try? String(contentsOfFile: log, encoding: .utf8))?.contains("\"event\":\"run.finished\"") ?? false
            if mails.count >= 2 && fm.fileExists(atPath: marker) && logged { break }
            #expect(cron.isRunning, "cron stopped")
            if !cron.isRunning { return }
            Thread.sleep(forTimeInterval: 2)
        }
        cron.terminate()
        #expect(!mails.isEmpty, "no mail from cron within 150 s")
        let runs = mails.compactMap { try? String(contentsOfFile: mail + "/" + $0, encoding: .utf8) }.filter { $0.contains("/usr/bin/tieout run \(workspace) --quiet") }
        let first = try #require(runs.first)
        // The run's mail: its problems as the console words them (before: event ids and raw 元).
        #expect(first.hasPrefix("argv: -FCronDaemon -i -B8BITMIME -oem root\n"), "\(first)")
        #expect(first.contains("Subject: Cron <root@") && first.contains("Content-Type: text/plain; charset=UTF-8"), "\(first)")
        #expect(first.hasSuffix("\n\n" + LoggingTests.quietRun), "\(first)")
        // The quarterly check past fiscal year 2024: Q4 once (behind, 99.46%: a mail), the year said closed.
        let quarterly = mails.compactMap { try? String(contentsOfFile: mail + "/" + $0, encoding: .utf8) }.filter { $0.contains("/usr/lib/tieout/quarterly-check \(workspace) --quiet") }
        #expect(quarterly.count == 1, "\(quarterly)")
        #expect(quarterly.first?.contains("\n\n季度预算执行检查：截至 2024-12-31（第四季度，序时进度 100%）\n") == true, "\(quarterly)")
        #expect(quarterly.first?.hasSuffix("this was its last check (Q4, as of 2024-12-31); later runs print only this note (nothing with --quiet)\n") == true)
        // The quarterly check past fiscal year 2024: Q4, once, remembered.
        #expect(try String(contentsOfFile: marker, encoding: .utf8).hasPrefix("as of 2024-12-31, run on "))
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.contains("\"event\":\"run.started\"") == true && lines.contains { $0.contains("\"event\":\"finding.class\"") })
    }
}
