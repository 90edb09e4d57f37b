#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TieoutTestSupport

/// SIGKILL at 100 random moments across every command that touches a workspace (run on a fresh
/// dataset, run, run --force, run --all, export, explain, verify): each next `tieout run`
/// equals a fresh run on a copy of the same files: dataset (as exported, with lineage),
/// findings, score and reports. Every command names the workspace as `futian-2024` from the
/// folder holding it, as the fresh run names its copy: the reports quote that name in their
/// `tieout explain` lines.
@Suite("Killed commands, every phase", .serialized)
struct PhaseKillTests {
    /// The commands killed, each as run on the workspace `ws` inside the batch folder `units`.
    static func phases(_ ws: String) -> [(name: String, arguments: [String], fresh: Bool)] {
        [("run on a fresh dataset", ["run", ws], true),
         ("run", ["run", ws], false),
         ("run --force", ["run", ws, "--force"], false),
         ("run --all", ["run", "--all", ".", "--jobs", "1"], false),
         ("export", ["export", ws, "--format", "jsonl"], false),
         ("explain", ["explain", ws, "spend.actual.total"], false),
         ("verify", ["verify", ws], false)]
    }

    /// The reports and the dataset (as exported, with lineage) of the workspace `ws` in `dir`.
    static func outcome(_ ws: String, in dir: String) throws -> [String: Data] {
        #expect(try CLI.run(["export", "--lang", "en", ws, "--format", "jsonl"], in: dir).status == 0)
        var out: [String: Data] = [:]
        let path = dir + "/" + ws
        for name in ["report.md", "report.html", "findings.json", "score.md", "score.csv", "score.json", "rejects.csv"] {
            out[name] = FileManager.default.contents(atPath: path + "/out/" + name)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: path + "/out/dataset") {
            out["dataset/" + name] = FileManager.default.contents(atPath: path + "/out/dataset/" + name)
        }
        return out
    }

    @Test("100 kills across run, run --force, run --all, export, explain and verify: every next run equals a fresh run")
    func kills() throws {
        let (parent, name) = try WorkspaceCommandTests.sample()
        let units = parent + "/units"
        try FileManager.default.createDirectory(atPath: units, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: parent + "/" + name, toPath: units + "/" + name)
        let ws = units + "/" + name

        // The reference: a fresh run on a copy of the same files.
        let fresh = parent + "/fresh"
        try FileManager.default.createDirectory(atPath: fresh, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: ws, toPath: fresh + "/" + name)
        #expect(try CLI.run(["run", name], in: fresh).status == 1)
        let reference = try Self.outcome(name, in: fresh)
        #expect(reference.count == 15 && reference.values.allSatisfy { !$0.isEmpty })

        // How long each phase takes here, run whole once: kills fall within that span.
        let phases = Self.phases(name)
        var length: [Double] = []
        for p in phases {
            if p.fresh { try? FileManager.default.removeItem(atPath: ws + "/.tieout") }
            let started = Date()
            _ = try CLI.run(p.arguments, in: units)
            length.append(max(0.05, Date().timeIntervalSince(started)))
        }

        var window = length
        var rng = SplitMix(state: 20261206)
        var killedWhileRunning = [Int](repeating: 0, count: phases.count)
        for k in 0..<100 {
            let i = k % phases.count
            let phase = phases[i]
            if phase.fresh { try? FileManager.default.removeItem(atPath: ws + "/.tieout") }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLI.executable)
            p.arguments = phase.arguments
            p.currentDirectoryURL = URL(fileURLWithPath: units)
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(UInt32(Double.random(in: 0...window[i], using: &rng) * 1_000_000))
            // The window follows where kills land (the lengths were measured once, perhaps while
            // other suites loaded the machine): one that finds the command done narrows it, one
            // that meets it running widens it again, up to the measured length.
            if p.isRunning {
                killedWhileRunning[i] += 1
                window[i] = min(length[i], window[i] * 1.1)
            } else {
                window[i] *= 0.7
            }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()

            let next = try CLI.run(["run", name], in: units)
            #expect(next.status == 1, "run after kill \(k) (\(phase.name)): \(next.stderr)")
            #expect(next.stdout.contains("核对：一致 119，取整差异 1，不一致 2，缺少数据 1，陈述无据 2\n"), "kill \(k) (\(phase.name))")
            let now = try Self.outcome(name, in: units)
            for (file, data) in reference where now[file] != data {
                Issue.record("kill \(k) (\(phase.name)): \(file) differs from a fresh run's on a copy")
            }
            let out = try FileManager.default.contentsOfDirectory(atPath: ws + "/out")
            #expect(!out.contains { $0.contains(".tmp-") } && !out.contains("previous"), "kill \(k) (\(phase.name)): \(out)")
        }
        print("phase kills: " + zip(phases, killedWhileRunning).map { "\($0.name) \($1)" }.joined(separator: ", "))
        // The kills met every phase while it ran: at least a third of each phase's kills.
        for (p, n) in zip(phases, killedWhileRunning) {
            let tries = (0..<100).filter { $0 % phases.count == phases.firstIndex { $0.name == p.name }! }.count
            #expect(n * 3 >= tries, "\(p.name): \(n) of \(tries) kills met it running")
        }
    }
}
