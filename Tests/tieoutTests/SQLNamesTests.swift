import Foundation
import Testing

/// Kind tables and fields named like SQL keywords, or like SQLite's and the dataset's own
/// objects (issue 20, item 10).
@Suite("SQL names")
struct SQLNamesTests {
    /// nanshan-2025 with its project-spending kind in table `order`, its field `project` named `select`, and a field `group`.
    static func keywordSample() throws -> (String, String) {
        let (dir, ws) = try SecondSampleTests.sample()
        let root = dir + "/" + ws
        try """
            kind: project-spending
            table: order
            title: 项目支出进度
            key: [select, month]
            dated_by: month
            fields:
              select: { title: 项目, type: text, required: true }
              month: { title: 月份, type: date, required: true }
              amount: { title: 支出金额, type: amount, required: true }
              group: { title: 分组, type: text }

            """.write(toFile: root + "/kinds/project-spending.yaml", atomically: true, encoding: .utf8)
        let profile = try String(contentsOfFile: root + "/profiles/project-progress.yaml", encoding: .utf8)
        try profile.replacingOccurrences(of: "  project: 项目", with: "  select: 项目").write(toFile: root + "/profiles/project-progress.yaml", atomically: true, encoding: .utf8)
        return (dir, ws)
    }

    @Test("a table named order, fields named select and group: validate, run (twice), explain and export work as with the sample's names, never 'This is a bug'")
    func keywords() throws {
        let (plainDir, plainWs) = try SecondSampleTests.sample()
        let plain = try CLI.run(["run", plainWs], in: plainDir)
        let (dir, ws) = try Self.keywordSample()
        #expect(try CLI.run(["validate", ws], in: dir).status == 0)
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.status == plain.status, "\(r.stdout)\(r.stderr)")
        #expect(!r.stderr.contains("bug"))
        #expect(r.stdout.replacing(/\ +/, with: " ") == plain.stdout.replacing(/\ +/, with: " "))
        // The same 24 records as the sample's own table.
        #expect(try SecondSampleTests.sql(plainDir + "/" + plainWs, "SELECT count(*), count(project) FROM project_spending") == "24|24\n")
        #expect(try SecondSampleTests.sql(dir + "/" + ws, "SELECT count(*), count(\"select\") FROM \"order\"") == "24|24\n")
        let again = try CLI.run(["run", ws, "--force"], in: dir)
        #expect(again.status == plain.status && !again.stderr.contains("bug"), "\(again.stdout)\(again.stderr)")
        let e = try CLI.run(["explain", ws, "projects.monthly-spending.total"], in: dir)
        let pe = try CLI.run(["explain", plainWs, "projects.monthly-spending.total"], in: plainDir)
        #expect(e.status == 0 && e.stdout == pe.stdout, "\(e.stderr)")
        let x = try CLI.run(["export", "--lang", "en", ws], in: dir)
        #expect(x.status == 0, "\(x.stderr)")
        // Keyed by `select` alone, a project's months are one key many times: the duplicate search (its own SQL) runs over "order".
        let kind = dir + "/" + ws + "/kinds/project-spending.yaml"
        try String(contentsOfFile: kind, encoding: .utf8).replacingOccurrences(of: "key: [select, month]", with: "key: [select]")
            .write(toFile: kind, atomically: true, encoding: .utf8)
        let dup = try CLI.run(["run", ws], in: dir)
        #expect(dup.status == 1 && !dup.stderr.contains("bug"), "\(dup.stderr)")
        #expect(try SecondSampleTests.sql(dir + "/" + ws, "SELECT count(*) FROM \"order\"") == "2\n")
        #expect(try SecondSampleTests.sql(dir + "/" + ws, "SELECT count(*) FROM rejects WHERE reason LIKE 'select % is already in %'") == "22\n")
    }

    @Test("tables named sqlite_stat1 or like the dataset's indexes: validate refuses them with the reason (exit 2), run reads nothing")
    func internalNames() throws {
        let (dir, ws) = try Self.keywordSample()
        let root = dir + "/" + ws
        let kind = try String(contentsOfFile: root + "/kinds/project-spending.yaml", encoding: .utf8)
        for (table, why) in [("sqlite_stat1", "SQLite keeps names starting with sqlite_ for its own tables"),
                             ("treasury_payments_by_file", "the dataset names its indexes so (NAME_by_file, NAME_by_key, files_by_path)")] {
            try kind.replacingOccurrences(of: "table: order", with: "table: \(table)").write(toFile: root + "/kinds/project-spending.yaml", atomically: true, encoding: .utf8)
            let v = try CLI.run(["validate", ws, "--lang", "en"], in: dir)
            #expect(v.status == 2)
            #expect(v.stderr.hasPrefix("Error: key 'table': '\(table)' cannot be a table name: \(why) at kinds/project-spending.yaml:2\n"), "\(v.stderr)")
            let r = try CLI.run(["run", ws], in: dir)
            #expect(r.status == 2 && !r.stderr.contains("bug"))
            #expect(!FileManager.default.fileExists(atPath: root + "/.tieout/tieout.sqlite"))
        }
    }
}
