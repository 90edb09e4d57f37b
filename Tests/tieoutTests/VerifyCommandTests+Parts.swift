import Foundation
import Testing

/// verify read a stored part with `profile.parts(file)` of the part's profile alone, which
/// knows a profile's own `sheets:` and column groups but not a source's sheet map
/// (`sheets: { 编制情况: …, 人员名册: … }`) or a file two sources read (明细账 read as payments
/// and as refunds): on the luohu sample just run, it said 6 times "the file has no part 年初预算
/// now, which the dataset holds records of" and exited 1, comparing 13 records of 192. It now
/// finds each part's profile as ingest does (Workspace.readings). And verify speaks the
/// command's language (`--lang`, Chinese by default), like the other commands.
extension VerifyCommandTests {
    @Test("verify on a workspace of sheet maps and shared files: every part compared (192 records, 0 differences); a changed roster name is named with its part and cell")
    func partsOfFiles() throws {
        let (dir, ws) = try ThirdSampleTests.sample()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.run(["run", ws], in: dir).status == 1)
        let clean = try CLI.run(["verify", ws, "--lang", "en"], in: dir)
        #expect(clean.stdout == "verify: 9 files, 192 records; the dataset equals the ledgers\n")
        #expect(clean.status == 0)
        let sql = Process()
        sql.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sql.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE staff_member SET name='赵志刚' WHERE name='赵志强'\"); c.commit()",
                         "\(dir)/\(ws)/.tieout/tieout.sqlite"]
        try sql.run()
        sql.waitUntilExit()
        #expect(sql.terminationStatus == 0)
        let v = try CLI.run(["verify", ws, "--lang", "en"], in: dir)
        #expect(v.status == 1)
        #expect(v.stdout == """
            ledgers/staffing/人员情况-2025.xlsx[人员名册]!B4 (row 4, name): the dataset holds "赵志刚", the file "赵志强"
            verify: 9 files, 192 records; 1 difference: run `tieout run --force \(ws)` to rebuild the dataset from the ledgers

            """)
        // By default, in Chinese (verify had no --lang, and printed English only).
        let zh = try CLI.run(["verify", ws], in: dir, errorLanguage: nil)
        #expect(zh.status == 1)
        #expect(zh.stdout == """
            ledgers/staffing/人员情况-2025.xlsx[人员名册]!B4（第 4 行，name）：数据集中为 “赵志刚”，文件中为 “赵志强”
            核验：9 个文件，192 条记录；1 处不一致：请运行 `tieout run --force \(ws)`，按台账重建数据集

            """)
    }
}
