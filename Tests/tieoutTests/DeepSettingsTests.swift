import Foundation
import Testing

/// Settings nested or chained deeper than any report needs: an error naming the place, never a
/// crash from recursion on the user's data (issue 20, item 9).
@Suite("deep settings")
struct DeepSettingsTests {
    /// figures.yaml with `count` figures, each the previous one (`add:`), in the given order.
    static func chain(_ count: Int, reversed: Bool = false) -> String {
        var lines = ["  - { id: c.0, title: 链0, en: c0, formula: f, sum: treasury-payment.amount }"]
        for i in 1..<count { lines.append("  - { id: c.\(i), title: 链\(i), en: c\(i), formula: f, add: [c.\(i - 1)] }") }
        return "figures:\n" + (reversed ? lines.reversed() : lines).joined(separator: "\n") + "\n"
    }

    @Test("a chain of 6,000 figures (400 KB of figures.yaml): validate and run exit 2 naming the figure 65 levels deep, never exit 139")
    func figureChain() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let root = dir + "/" + ws
        let text = Self.chain(6_000)
        #expect(text.utf8.count > 400_000 && text.utf8.count < 4 << 20)
        try text.write(toFile: root + "/figures.yaml", atomically: true, encoding: .utf8)
        let want = """
            Error: the figure 'c.65' is computed through 65 levels of other figures; at most 64 are allowed at figures.yaml:67
            Help: Compute it from fewer steps: `add:` takes a list of figures, and an aggregate with `where:` selects records directly.

            """
        let v = try CLI.run(["validate", ws, "--lang", "en"], in: dir)
        #expect(v.status == 2)
        #expect(v.stderr == want + "1 mistake in \(ws)'s settings; nothing was read or written.\n")
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix(want))
        // Defined last to first: the walk goes 6,000 deep before it can measure, with its own stack.
        try Self.chain(6_000, reversed: true).write(toFile: root + "/figures.yaml", atomically: true, encoding: .utf8)
        let back = try CLI.run(["validate", ws, "--lang", "en"], in: dir)
        #expect(back.status == 2)
        #expect(back.stderr.hasPrefix("Error: the figure 'c.65' is computed through 65 levels of other figures; at most 64 are allowed at figures.yaml:5936\n"))
    }

    @Test("a chain of 64 levels is allowed: run computes it and explain lists the payments under its last figure")
    func chainAtTheBound() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let root = dir + "/" + ws
        try Self.chain(65).write(toFile: root + "/figures.yaml", atomically: true, encoding: .utf8)
        #expect(try CLI.run(["validate", ws], in: dir).status == 0)
        _ = try CLI.run(["run", ws], in: dir)
        let e = try CLI.run(["explain", ws, "c.64", "--format", "jsonl"], in: dir)
        let first = try CLI.run(["explain", ws, "c.0", "--format", "jsonl"], in: dir)
        #expect(e.status == 0 && first.status == 0)
        #expect(e.stdout.split(separator: "\n").count == first.stdout.split(separator: "\n").count)
    }

    @Test("a sources pattern of 200,000 stars (within tieout.yaml's 256 KiB): run reports the source as matching nothing, exit 1, never a crash")
    func longSourcePattern() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let config = dir + "/" + ws + "/tieout.yaml"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        let stars = String(repeating: "*", count: 200_000)
        try text.replacingOccurrences(of: "files: ledgers/surveys/*.csv", with: "files: \"ledgers/surveys/\(stars)x\"")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("  来源匹配不到文件 ledgers/surveys/\(stars)x (surveys, tieout.yaml line "))
    }
}

extension DeepSettingsTests {
    @Test("a figure defined before the figure it adds up (and a chain of 64 written last to first): computed, not 'cannot be computed'")
    func definedBeforeItsInput() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let root = dir + "/" + ws
        try """
            figures:
              - { id: x.b, title: 乙, en: b, formula: f, add: [x.a] }
              - { id: x.a, title: 甲, en: a, formula: f, sum: treasury-payment.amount }

            """.write(toFile: root + "/figures.yaml", atomically: true, encoding: .utf8)
        _ = try CLI.run(["run", ws], in: dir)
        let e = try CLI.run(["explain", ws, "x.b"], in: dir)
        #expect(e.status == 0)
        #expect(e.stderr == "明细：305 条记录；其值之和 138169467.85 = x.b 138169467.85 元（13,816.95 万元）\n")
        try Self.chain(65, reversed: true).write(toFile: root + "/figures.yaml", atomically: true, encoding: .utf8)
        _ = try CLI.run(["run", ws], in: dir)
        let last = try CLI.run(["explain", ws, "c.64"], in: dir)
        #expect(last.stderr == "明细：305 条记录；其值之和 138169467.85 = c.64 138169467.85 元（13,816.95 万元）\n")
    }
}
