import Foundation
import Testing

@Suite("Workspace commands")
struct WorkspaceCommandTests {
    /// A copy of samples/futian-2024 in a temporary folder; returns (parent folder, workspace name).
    static func sample() throws -> (String, String) {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/futian-2024").path, toPath: parent + "/futian-2024")
        try? FileManager.default.removeItem(atPath: parent + "/futian-2024/.tieout")
        try? FileManager.default.removeItem(atPath: parent + "/futian-2024/out")
        return (parent, "futian-2024")
    }

    @Test("ingest the sample: the accounting table, the June re-issue, every subtotal row equal; exit 0; then nothing new")
    func ingestSample() throws {
        let (dir, ws) = try Self.sample()
        let r = try CLI.run(["ingest", ws, "--lang", "en"], in: dir)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "file                                        profile            status   period   read  accepted  rejected  subtotal  skipped")
        #expect(lines.contains("ledgers/treasury/2024-06-r2.csv             treasury-payments  reissue  2024-06    21        20         0         1        0"))
        #expect(lines.contains("read this run                                                                     438       422         0        16        0"))
        #expect(lines.contains("re-issued: ledgers/treasury/2024-06-r2.csv re-issues ledgers/treasury/2024-06.csv: 1 added, 0 removed, 1 changed"))
        #expect(lines.contains("  ~ 记-202406-0009 amount: 224059.64 → 221359.64"))
        #expect(lines.suffix(2) == ["subtotal rows: 19 checks, all equal to the rows they sum",
                                    "dataset: .tieout/tieout.sqlite; rejected rows: 0 in out/rejects.csv"])
        // Not a terminal: plain progress lines on stderr.
        #expect(r.stderr.hasPrefix("ingest: 1/20 ledgers/assets/资产卡片-2024.xlsx\n"))
        // For people: a UTF-8 BOM and Chinese headers (issue 24, item 3).
        #expect(String(decoding: FileManager.default.contents(atPath: "\(dir)/\(ws)/out/rejects.csv")!, as: UTF8.self) == "\u{FEFF}文件,工作表,行号,文本行号,列,单元格,列名,拒收原因,原行内容\r\n")
        let again = try CLI.run(["ingest", ws, "--json"], in: dir)
        #expect(again.status == 0)
        #expect(again.stdout.contains("\"status\":\"unchanged\""))
        #expect(!again.stdout.contains("\"status\":\"new\""))
        #expect(again.stdout.contains("\"accounting\":{\"accepted\":20,\"filtered\":0,\"read\":21,\"rejected\":0,\"skipped\":0,\"subtotal\":1}"))
    }

    @Test("export: one CSV per record kind with lineage; JSON Lines too")
    func export() throws {
        let (dir, ws) = try Self.sample()
        _ = try CLI.run(["ingest", ws, "--lang", "en"], in: dir)
        let r = try CLI.run(["export", "--lang", "en", ws], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("treasury_payments   305  out/dataset/treasury_payments.csv"))
        #expect(r.stdout.contains("budget_indicators    35  out/dataset/budget_indicators.csv"))
        let csv = String(decoding: FileManager.default.contents(atPath: "\(dir)/\(ws)/out/dataset/staffing.csv")!, as: UTF8.self)
        let rows = csv.split(separator: "\r\n").map(String.init)
        #expect(rows[0] == "\u{FEFF}文件,文件SHA256,工作表,行号,文本行号,科室,科室单元格,核定编制数,核定编制数单元格,实有在编人数,实有在编人数单元格,编外人员数,编外人员数单元格")
        #expect(rows.count == 5)
        #expect(rows[1].hasPrefix("ledgers/staffing/人员编制-2024.csv,") && rows[1].hasSuffix(",,3,3,办公室,A3,5,B3,4,C3,5,D3"))
        // For scripts: the dataset's column names, no BOM; the rows the same.
        #expect(try CLI.run(["export", "--lang", "en", ws, "--headers", "en"], in: dir).status == 0)
        let machine = String(decoding: FileManager.default.contents(atPath: "\(dir)/\(ws)/out/dataset/staffing.csv")!, as: UTF8.self)
        #expect(machine == (["file,file_sha256,sheet,row,line,department,department_cell,authorised,authorised_cell,on_post,on_post_cell,off_establishment,off_establishment_cell"] + rows.dropFirst()).joined(separator: "\r\n") + "\r\n")
        let j = try CLI.run(["export", "--lang", "en", ws, "--format", "jsonl"], in: dir)
        #expect(j.status == 0)
        let surveys = try String(contentsOfFile: "\(dir)/\(ws)/out/dataset/surveys.jsonl", encoding: .utf8)
        #expect(surveys.hasSuffix("\"survey\":\"2024年度服务对象满意度调查\",\"survey_cell\":\"A2\",\"date\":\"2024-12-10\",\"date_cell\":\"B2\",\"respondents\":\"400\",\"respondents_cell\":\"C2\",\"satisfied\":\"388\",\"satisfied_cell\":\"D2\"}\n"))
    }

    @Test("totals --profile sums a ledger by its fields")
    func totalsProfile() throws {
        let r = try CLI.run(["totals", "--lang", "en", "samples/futian-2024/ledgers/treasury/2024-03.csv", "--profile", "treasury-payments",
                             "--sum", "amount", "--by", "date:month,spend_type"], in: CLI.root.path)
        #expect(r.status == 0)
        #expect(r.stdout == """
        date:month  spend_type            sum  count
        2024-03     basic          795,252.46      9
        2024-03     project     26,921,041.88     17
        total                   27,716,294.34     26
        rows 26: accepted 26, rejected 0; blank lines 0, title lines 2
        profile treasury-payments: subtotal rows 1 (checked, left out), rows skipped 0

        """)
    }

    @Test("init writes a commented starter that ingests; a second init refuses")
    func initWorkspace() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-init-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let r = try CLI.run(["init", "ws", "--lang", "en"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout == "Created ws/tieout.yaml.\nNext: put the exports under ws/ledgers/, adjust `sources:` in tieout.yaml, then run\n  tieout ingest ws\n")
        let yaml = try String(contentsOfFile: dir + "/ws/tieout.yaml", encoding: .utf8)
        #expect(yaml.contains("# Which files are which ledger"))
        let empty = try CLI.run(["ingest", "ws", "--lang", "en"], in: dir)
        #expect(empty.status == 0)
        #expect(empty.stdout.hasSuffix("dataset: .tieout/tieout.sqlite; rejected rows: 0 in out/rejects.csv\n"))
        let again = try CLI.run(["init", "ws", "--lang", "en"], in: dir)
        #expect(again.status == 2)
        #expect(again.stderr == "Error: ws/tieout.yaml already exists at ws/tieout.yaml\nHelp: Edit it (`tieout suggest FILE -o ws/profiles/NAME.yaml` adds a ledger to it), or choose another folder for a new workspace.\n")
    }

    @Test("errors: exact text and exit codes")
    func errors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-err-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/ws/ledgers", withIntermediateDirectories: true)
        let none = try CLI.run(["ingest", "nowhere", "--lang", "en"], in: dir)
        #expect(none.status == 2)
        #expect(none.stderr == "Error: there is no folder nowhere at nowhere/tieout.yaml\nHelp: Create one with `tieout init nowhere`, or name the folder that holds tieout.yaml.\n")
        // A workspace profile with a mistake: the key, the line, the fix; exit 2.
        try "unit: 测试\nfiscal_year: 2024\nsources:\n  - files: ledgers/*.csv\n    profile: mine\n".write(toFile: dir + "/ws/tieout.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/ws/profiles", withIntermediateDirectories: true)
        try "kind: staffing\ncolumns:\n  department: 科室\n  authorised: 编制\n  on_post: 在编\n  off_establishment: { from: 编外, unit: 万元 }\n"
            .write(toFile: dir + "/ws/profiles/mine.yaml", atomically: true, encoding: .utf8)
        try "科室,编制,在编,编外\n办公室,5,4,5\n".write(toFile: dir + "/ws/ledgers/a.csv", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["ingest", "ws", "--lang", "en"], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.hasSuffix("Error: key 'columns.off_establishment.unit': 'unit' applies to amount fields; off_establishment is integer at profiles/mine.yaml:6\nHelp: Remove the unit here.\n"))
        // A rejected row: exit 1, the row in out/rejects.csv.
        try "kind: staffing\ncolumns: { department: 科室, authorised: 编制, on_post: 在编, off_establishment: 编外 }\n"
            .write(toFile: dir + "/ws/profiles/mine.yaml", atomically: true, encoding: .utf8)
        try "科室,编制,在编,编外\n办公室,5,4,5\n数据科,4,四,4\n".write(toFile: dir + "/ws/ledgers/a.csv", atomically: true, encoding: .utf8)
        let rejected = try CLI.run(["ingest", "ws", "--headers", "en", "--lang", "en"], in: dir)
        #expect(rejected.status == 1)
        #expect(rejected.stdout.contains("dataset: .tieout/tieout.sqlite; rejected rows: 1 in out/rejects.csv"))
        let rejects = try String(contentsOfFile: dir + "/ws/out/rejects.csv", encoding: .utf8)
        #expect(rejects == "file,sheet,row,line,column,cell,column_name,reason,cells\r\nledgers/a.csv,,3,3,C,C3,在编,\"on_post (实有在编人数): \"\"四\"\" is not a valid amount: '四' cannot appear in a number\",\"[\"\"数据科\"\",\"\"4\"\",\"\"四\"\",\"\"4\"\"]\"\r\n")
    }
}

extension WorkspaceCommandTests {
    @Test("totals --profile: --sheet is the command line's, not the profile's; a subtotal row that disagrees is reported and exits 1")
    func totalsProfileChecks() throws {
        let sheet = try CLI.run(["totals", "--lang", "en", "samples/futian-2024/ledgers/budget/预算指标台账-2024.xlsx", "--profile", "budget-indicators",
                                 "--sum", "amount", "--sheet", "9"], in: CLI.root.path)
        #expect(sheet.status == 2 && sheet.stderr.hasPrefix("Error: samples/futian-2024/ledgers/budget/预算指标台账-2024.xlsx has no sheet '9'"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-sub-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // The month's 本月合计 one yuan off (the file is GB18030; the amount's bytes are ASCII).
        let bytes = try Data(contentsOf: URL(fileURLWithPath: CLI.root.path + "/samples/futian-2024/ledgers/treasury/2024-03.csv"))
        let edited = bytes.replacing(Data("\"27,716,294.34\"".utf8), with: Data("\"27,716,295.34\"".utf8))
        #expect(edited != bytes)
        try edited.write(to: URL(fileURLWithPath: dir + "/2024-03.csv"))
        let r = try CLI.run(["totals", "--lang", "en", "2024-03.csv", "--profile", "treasury-payments", "--sum", "amount"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.hasSuffix("profile treasury-payments: subtotal rows 1 (checked, left out; 1 not equal to their rows), rows skipped 0\n"))
        #expect(r.stderr.hasPrefix("Subtotal: 本月合计 states 27716295.34 for amount, its 26 rows sum to 27716294.34 (mismatch) at 2024-03.csv"))
    }
}
