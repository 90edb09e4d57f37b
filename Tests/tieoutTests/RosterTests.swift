import Foundation
import Testing

/// A roster (花名册, a row per person) counted into the staff figures (issue 21, item 8): the
/// counts are figures over a roster kind, so every person stays a record with its row, and
/// `explain` lists the people behind a count. The YAML is docs/profiles.md's, verbatim.
@Suite("A roster counted into the staff figures")
struct RosterTests {
    static let kind = """
        kind: roster
        title: 人员花名册
        key: [name, department]
        fields:
          name: { title: 姓名, type: text, required: true }
          department: { title: 科室, type: text, required: true }
          status:
            title: 人员身份
            type: enumeration
            required: true
            values: { on-post: [在编, 行政编制, 事业编制, 工勤编制], off-establishment: [编外, 聘用, 劳务派遣] }
        """
    static let profile = """
        kind: roster
        period: year
        subtotals: none
        columns: { name: 姓名, department: 科室, status: 人员身份 }
        """
    static let figures = """
        figures:
          - id: staff.on_post
            title: 实有在编人数
            en: staff on post
            formula: 花名册中人员身份为在编的人数
            count: roster
            where: { status: on-post }
          - id: staff.off_establishment
            title: 编制外人员
            en: off-establishment staff
            formula: 花名册中人员身份为编外的人数
            count: roster
            where: { status: off-establishment }
        """
    static let ledger = """
        人员花名册
        序号,姓名,科室,人员身份
        1,张三,办公室,行政编制
        2,李四,办公室,在编
        3,王五,财务科,聘用
        4,赵六,财务科,事业编制
        5,钱七,财务科,劳务派遣
        6,孙八,财务科,借调

        """

    @Test("people on post and off establishment counted from the roster; explain names each person's row; an unknown 人员身份 is rejected, not counted")
    func roster() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let root = dir + "/" + ws
        let fm = FileManager.default
        for folder in ["kinds", "profiles", "ledgers/roster"] { try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true) }
        try Self.kind.write(toFile: root + "/kinds/roster.yaml", atomically: true, encoding: .utf8)
        try Self.profile.write(toFile: root + "/profiles/roster.yaml", atomically: true, encoding: .utf8)
        try Self.ledger.write(toFile: root + "/ledgers/roster/花名册-2024.csv", atomically: true, encoding: .utf8)
        try Self.figures.write(toFile: root + "/figures.yaml", atomically: true, encoding: .utf8)
        var config = try String(contentsOfFile: root + "/tieout.yaml", encoding: .utf8)
        config += "  - files: ledgers/roster/*.csv\n    profile: roster\n"
        try config.write(toFile: root + "/tieout.yaml", atomically: true, encoding: .utf8)

        // 孙八's 人员身份 (借调) is no word of the kind: the row is rejected, and the counts are
        // missing (incomplete), never a count of the people left.
        let ingest = try CLI.run(["ingest", ws, "--lang", "en"], in: dir)
        #expect(ingest.stdout.contains("ledgers/roster/花名册-2024.csv              roster             new      -           6         5         1         0        0\n"), "\(ingest.stdout)\(ingest.stderr)")
        _ = try CLI.run(["reconcile", ws], in: dir)
        let rejects = try String(contentsOfFile: root + "/out/rejects.csv", encoding: .utf8)
        #expect(rejects.contains("ledgers/roster/花名册-2024.csv,,8,8,D,D8,人员身份,\"status（人员身份）：“借调”不是 事业编制, 劳务派遣, 在编, 工勤编制, 编外, 聘用, 行政编制 之一（配置所映射的词）\""))
        #expect(try Self.figure(root, "staff.on_post") == nil)
        let incomplete = try CLI.run(["explain", ws, "staff.on_post"], in: dir)
        #expect(incomplete.stderr.hasPrefix("Error: staff.on_post (实有在编人数) cannot be computed: incomplete records: 1 row was rejected in ledgers/roster/花名册-2024.csv (see out/rejects.csv)\n"))

        // The word mapped in the profile: every person counted, each count listing its people's rows.
        try (Self.profile.replacingOccurrences(of: "status: 人员身份 }", with: "status: { from: 人员身份, map: { 借调: off-establishment } } }"))
            .write(toFile: root + "/profiles/roster.yaml", atomically: true, encoding: .utf8)
        #expect(try CLI.run(["ingest", ws], in: dir).status == 0)
        _ = try CLI.run(["reconcile", ws], in: dir)
        #expect(try Self.figure(root, "staff.on_post") == "3")
        #expect(try Self.figure(root, "staff.off_establishment") == "3")
        #expect(try Self.figure(root, "staff.authorised") == "19")   // still the staffing table's
        let onPost = try CLI.run(["explain", ws, "staff.on_post", "--headers", "en"], in: dir)
        #expect(onPost.stdout == """
            part,file,sheet,row,cell,value\r
            实有在编人数 › 实有在编人数,ledgers/roster/花名册-2024.csv,,3,row 3,1\r
            实有在编人数 › 实有在编人数,ledgers/roster/花名册-2024.csv,,4,row 4,1\r
            实有在编人数 › 实有在编人数,ledgers/roster/花名册-2024.csv,,6,row 6,1\r

            """)
        #expect(onPost.stderr == "明细：3 条记录；其值之和 3 = staff.on_post 3\n")
        let off = try CLI.run(["explain", ws, "staff.off_establishment"], in: dir)
        #expect(off.stdout.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[4] } == ["row 5", "row 7", "row 8"])
    }

    static func figure(_ root: String, _ id: String) throws -> String? {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/out/findings.json"))) as! [String: Any]
        return (json["figures"] as! [[String: Any]]).first { $0["id"] as? String == id }?["value"] as? String
    }
}
