import Foundation
import Testing

/// `tieout init DIR` on a folder that already holds exports, and `tieout suggest FILE -o PROFILE`.
@Suite("init from exports")
struct InitFromExportsTests {
    static func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-initx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The figures of a run's findings.json: id → value.
    static func figures(_ path: String) throws -> [String: String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        var out: [String: String] = [:]
        for f in json?["figures"] as? [[String: Any]] ?? [] {
            if let id = f["id"] as? String { out[id] = (f["value"] as? String) ?? "\(f["value"] ?? "nil")" }
        }
        return out
    }

    /// A copy of a sample's `ledgers/` alone in a new folder, then `init` on it.
    static func initOnLedgers(_ sample: String) throws -> (dir: String, result: CLI.Result) {
        let dir = try folder()
        try FileManager.default.createDirectory(atPath: dir + "/ws", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/\(sample)/ledgers").path, toPath: dir + "/ws/ledgers")
        return (dir, try CLI.run(["init", "ws", "--lang", "en"], in: dir))
    }

    /// The sample's own run: its figures.
    static func sampleFigures(_ sample: String) throws -> [String: String] { try sampleRun(sample).figures }

    /// The sample's own run: its figures and what it printed.
    static func sampleRun(_ sample: String) throws -> (figures: [String: String], stdout: String) {
        let dir = try folder()
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/\(sample)").path, toPath: dir + "/s")
        try? FileManager.default.removeItem(atPath: dir + "/s/.tieout")
        try? FileManager.default.removeItem(atPath: dir + "/s/out")
        let r = try CLI.run(["run", "s"], in: dir)
        return (try figures(dir + "/s/out/findings.json"), r.stdout)
    }
}

extension InitFromExportsTests {
    @Test("init on exports at any depth under any names: a profile per layout, a pattern per layout, every guess listed; validate passes; a second init refuses")
    func anyDepthAnyNames() throws {
        let dir = try Self.folder()
        let sample = CLI.root.appendingPathComponent("samples/futian-2024/ledgers").path
        try FileManager.default.createDirectory(atPath: dir + "/odd/导出/2024/国库", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: sample + "/treasury/2024-01.csv", toPath: dir + "/odd/导出/2024/国库/一月份.csv")
        try FileManager.default.copyItem(atPath: sample + "/treasury/2024-02.csv", toPath: dir + "/odd/导出/2024/国库/二月份.csv")
        try FileManager.default.copyItem(atPath: sample + "/staffing/人员编制-2024.csv", toPath: dir + "/odd/人事 编制.csv")
        let r = try CLI.run(["init", "odd", "--lang", "en"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
        Created odd/tieout.yaml and 2 profiles in odd/profiles/; odd/assessments.yaml lists the 14 rubric items people score (none assessed yet).
        Files (3):
          人事 编制.csv: staffing, profiles/staffing.yaml
          导出/2024/国库/一月份.csv: treasury-payment, profiles/treasury-payments.yaml
          导出/2024/国库/二月份.csv: treasury-payment, profiles/treasury-payments.yaml
        Guesses to check (4):
          tieout.yaml:4: unit: 某某单位    # GUESS — CHECK: no 单位名称 line in the exports; write the budget unit's name
          tieout.yaml:9: unit: 万元    # GUESS: self-evaluation reports state money in 万元
          profiles/staffing.yaml:3: kind: staffing    # GUESS: the kind whose fields the header names best (4 of 4)
          profiles/treasury-payments.yaml:3: kind: treasury-payment    # GUESS: the kind whose fields the header names best (9 of 9)
        Next: check each guess, then run
          tieout run odd

        """)
        let yaml = try String(contentsOfFile: dir + "/odd/tieout.yaml", encoding: .utf8)
        #expect(yaml.contains("fiscal_year: 2024    # 48 of the 48 dates read are of 2024\n"), "\(yaml)")
        #expect(yaml.hasSuffix("""
        sources:
          - files: "*.csv"    # 1 file, staffing
            profile: staffing
          - files: "导出/2024/国库/*.csv"    # 2 files, treasury-payment
            profile: treasury-payments

        """))
        let treasury = try String(contentsOfFile: dir + "/odd/profiles/treasury-payments.yaml", encoding: .utf8)
        #expect(treasury.contains("\nperiod: month    # its dates (2024-01-02 to 2024-01-31) are of one month\n"), "\(treasury)")
        let v = try CLI.run(["validate", "odd", "--lang", "en"], in: dir)
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        let ingest = try CLI.run(["ingest", "odd"], in: dir)
        #expect(ingest.status == 0, "\(ingest.stdout)\(ingest.stderr)")
        let again = try CLI.run(["init", "odd", "--lang", "en"], in: dir)
        #expect(again.status == 2)
        #expect(again.stderr == "Error: odd/tieout.yaml already exists at odd/tieout.yaml\nHelp: Edit it (`tieout suggest FILE -o odd/profiles/NAME.yaml` adds a ledger to it), or choose another folder for a new workspace.\n")
    }

    @Test("init on a copy of samples/futian-2024/ledgers alone: the sample's 86 figures, every one equal to its own run's")
    func futianFromLedgers() throws {
        let (dir, r) = try Self.initOnLedgers("futian-2024")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Created ws/tieout.yaml and 8 profiles in ws/profiles/; ws/assessments.yaml lists the 14 rubric items people score (none assessed yet).\nFiles (20):\n"))
        #expect(r.stdout.contains("""
        Guesses to check (12):
          tieout.yaml:4: unit: 某某单位    # GUESS — CHECK: no 单位名称 line in the exports; write the budget unit's name
          tieout.yaml:9: unit: 万元    # GUESS: self-evaluation reports state money in 万元
          profiles/asset-cards.yaml:3: kind: asset-card    # GUESS: the kind whose fields the header names best (10 of 10)
          profiles/budget-indicators.yaml:3: kind: budget-indicator    # GUESS: the kind whose fields the header names best (8 of 8)
          profiles/petitions.yaml:3: kind: petition    # GUESS: the kind whose fields the header names best (4 of 4)
          profiles/procurement.yaml:3: kind: procurement    # GUESS: the kind whose fields the header names best (6 of 6)
          profiles/procurement.yaml:5: header: [2, 3]    # GUESS: a header of two rows, flattened as 金额/计划
          profiles/projects.yaml:3: kind: project    # GUESS: the kind whose fields the header names best (8 of 8)
          profiles/staffing.yaml:3: kind: staffing    # GUESS: the kind whose fields the header names best (4 of 4)
          profiles/surveys.yaml:3: kind: survey    # GUESS: the kind whose fields the header names best (4 of 4)
          profiles/surveys.yaml:5: period: year    # GUESS: its rows hold one date (2024-12-10); a file per year (month or quarter otherwise)
          profiles/treasury-payments.yaml:3: kind: treasury-payment    # GUESS: the kind whose fields the header names best (9 of 9)
        Next: check each guess, then run
          tieout run ws

        """), "\(r.stdout)")
        #expect(r.stdout.contains("  ledgers/treasury/2024-06-r2.csv: treasury-payment, profiles/treasury-payments.yaml\n"))
        let run = try CLI.run(["run", "ws"], in: dir)
        let sample = try Self.sampleRun("futian-2024")
        // The same files and rows read, the same re-issue, as the sample's own run (导入：20 个文件 … 读取 438 行 …).
        let ingested = { (s: String) in s.split(separator: "\n").prefix(2).joined(separator: "\n") }
        #expect(ingested(run.stdout) == ingested(sample.stdout) && run.stdout.hasPrefix("导入：20 个文件（新增 19，更正 1）；读取 438 行"), "\(run.stdout)\(run.stderr)")
        let mine = try Self.figures(dir + "/ws/out/findings.json")
        let theirs = sample.figures
        #expect(theirs.count == 86 && mine == theirs, "differ: \(theirs.keys.filter { mine[$0] != theirs[$0] }.sorted())")
    }

    @Test("init on a copy of samples/luohu-2025/ledgers alone: every export of another shape listed as not read, with its missing fields and both fixes")
    func luohuFromLedgers() throws {
        let (_, r) = try Self.initOnLedgers("luohu-2025")
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        let notRead = r.stdout.split(separator: "\n").filter { $0.contains(": NOT READ: no kind fits as it is: ") }
        // Each sheet of a workbook of several is considered on its own (基本支出预算指标: 年初预算, 预算调整,
        // 填表说明; 人员情况: 编制情况, 人员名册): 7 sheets or files of no kind, and 填表说明 with no header.
        #expect(notRead.count == 7, "\(r.stdout)")
        #expect(r.stdout.contains("  ledgers/budget/基本支出预算指标-2025.xlsx[年初预算]: NOT READ: no kind fits as it is: ")
                && r.stdout.contains("`tieout suggest ledgers/budget/基本支出预算指标-2025.xlsx --sheet 年初预算 --kind budget-indicator`"), "\(r.stdout)")
        #expect(r.stdout.contains("  ledgers/budget/基本支出预算指标-2025.xlsx[填表说明]: NOT READ: sheet 填表说明 of ws/ledgers/budget/基本支出预算指标-2025.xlsx has no header row"), "\(r.stdout)")
        #expect(notRead.allSatisfy { $0.contains("have no column") || $0.contains("has no column") })
        #expect(notRead.allSatisfy { $0.contains("with constants:, groups:, sheets: or header_block:") && $0.contains("define that in kinds/NAME.yaml") })
        #expect(r.stdout.contains("ledgers/budget/项目支出预算表-2025.xlsx: NOT READ: no kind fits as it is: the closest, budget-indicator, key 'columns': the required field 'stage' (指标类型) has no column."))
    }

    @Test("init on a copy of samples/nanshan-2025/ledgers alone: every figure of the built-in kinds equal; the progress table (a kind the sample defines) listed as not read, with the fix")
    func nanshanFromLedgers() throws {
        let (dir, r) = try Self.initOnLedgers("nanshan-2025")
        #expect(r.status == 1)
        #expect(r.stdout.contains("""
        Files (4):
          ledgers/budget/预算指标-2025.csv: budget-indicator, profiles/budget-indicators.yaml
          ledgers/progress/项目支出进度表-2025.csv: NOT READ: no kind fits as it is: the closest, treasury-payment, key 'columns': the required fields 'voucher' (凭证号), 'economic_class' (经济分类) and 'spend_type' (支出类型) have no column. If it is a treasury-payment export whose fields are not columns (one value for the file, a column group, a sheet each, a value above the header), write its profile from `tieout suggest ledgers/progress/项目支出进度表-2025.csv --kind treasury-payment` with constants:, groups:, sheets: or header_block: (docs/profiles.md) and add its source to tieout.yaml; if it is of another kind, define that in kinds/NAME.yaml, then `tieout suggest ledgers/progress/项目支出进度表-2025.csv --workspace . --kind NAME -o profiles/NAME.yaml` (in the workspace) writes its profile and source
          ledgers/staffing/人员编制-2025.csv: staffing, profiles/staffing.yaml
          ledgers/treasury/国库集中支付-2025.xlsx: treasury-payment, profiles/treasury-payments.yaml
        Guesses to check (12):
          tieout.yaml:4: unit: 某某单位    # GUESS — CHECK: no 单位名称 line in the exports; write the budget unit's name
          tieout.yaml:9: unit: 万元    # GUESS: self-evaluation reports state money in 万元
          profiles/budget-indicators.yaml:3: kind: budget-indicator    # GUESS: the kind whose fields the header names best (6 of 8)
          profiles/budget-indicators.yaml:5: unit: 元    # GUESS — CHECK: no 单位 line and no amount column's header names a unit; amounts taken as 元 (write unit: 万元 if they are in 万元)
          profiles/budget-indicators.yaml:19: control_line:    # GUESS by its codes
          profiles/budget-indicators.yaml:21: amount: 预算数    # GUESS by its values
          profiles/budget-indicators.yaml:22: key: [document, item, control_line]    # GUESS: the kind's key (document, item) repeats in this file; control_line tells the rows apart
          profiles/staffing.yaml:3: kind: staffing    # GUESS: the kind whose fields its labels name best (3 of 4)
          profiles/staffing.yaml:4: layout: key-value    # GUESS: labels in the first column, values in the second: one record
          profiles/staffing.yaml:9: constants: { department: 全单位 }    # GUESS: the table is the whole unit
          profiles/treasury-payments.yaml:3: kind: treasury-payment    # GUESS: the kind whose fields the header names best (9 of 9)
          profiles/treasury-payments.yaml:4: sheets: "*月"    # GUESS: a sheet per period, each read as its own table (suggested from '1月')

        """), "\(r.stdout)")
        _ = try CLI.run(["run", "ws"], in: dir)
        let mine = try Self.figures(dir + "/ws/out/findings.json")
        let theirs = try Self.sampleFigures("nanshan-2025")
        #expect(mine.count == 50 && mine.allSatisfy { theirs[$0.key] == $0.value }, "differ: \(mine.keys.filter { mine[$0] != theirs[$0] }.sorted())")
        #expect(Set(theirs.keys).subtracting(mine.keys) == ["projects.monthly-spending.total"])
    }

    @Test("suggest -o writes the profile and adds its source at the end of sources:; refuses to replace a profile without --force, and a file another profile reads")
    func suggestOutput() throws {
        let dir = try Self.folder()
        #expect(try CLI.run(["init", "ws"], in: dir).status == 0)
        try FileManager.default.createDirectory(atPath: dir + "/ws/ledgers/staff", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/futian-2024/ledgers/staffing/人员编制-2024.csv").path,
                                         toPath: dir + "/ws/ledgers/staff/编制.csv")
        let r = try CLI.run(["suggest", "ws/ledgers/staff/编制.csv", "-o", "ws/profiles/staff.yaml", "--lang", "en"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
        Wrote ws/profiles/staff.yaml (staffing); added ledgers/staff/编制.csv to the sources in ws/tieout.yaml.
        Guesses to check (1):
          profiles/staff.yaml:3: kind: staffing    # GUESS: the kind whose fields the header names best (4 of 4)

        """)
        let yaml = try String(contentsOfFile: dir + "/ws/tieout.yaml", encoding: .utf8)
        #expect(yaml.contains("""
          - files: ledgers/budget/*.xlsx
            profile: budget-indicators
          - files: ledgers/staff/编制.csv
            profile: staff
          # - files: ledgers/procurement/*.xlsx

        """), "\(yaml)")
        let profile = try String(contentsOfFile: dir + "/ws/profiles/staff.yaml", encoding: .utf8)
        #expect(profile == (try CLI.run(["suggest", "ws/ledgers/staff/编制.csv", "--lang", "en"], in: dir)).stdout)
        let ingest = try CLI.run(["ingest", "ws"], in: dir)
        #expect(ingest.status == 0 && ingest.stdout.contains("ledgers/staff/编制.csv"), "\(ingest.stdout)\(ingest.stderr)")
        let again = try CLI.run(["suggest", "ws/ledgers/staff/编制.csv", "-o", "ws/profiles/staff.yaml", "--lang", "en"], in: dir)
        #expect(again.status == 2)
        #expect(again.stderr == "Error: ws/profiles/staff.yaml already exists at ws/profiles/staff.yaml\nHelp: Add --force to replace it, or name another profile with -o.\n")
        let forced = try CLI.run(["suggest", "ws/ledgers/staff/编制.csv", "-o", "ws/profiles/staff.yaml", "--force", "--lang", "en"], in: dir)
        #expect(forced.status == 0)
        #expect(forced.stdout.hasPrefix("Wrote ws/profiles/staff.yaml (staffing); ws/tieout.yaml reads ledgers/staff/编制.csv with it already.\n"))
        #expect(try String(contentsOfFile: dir + "/ws/tieout.yaml", encoding: .utf8) == yaml)
        let other = try CLI.run(["suggest", "ws/ledgers/staff/编制.csv", "-o", "ws/profiles/other.yaml", "--lang", "en"], in: dir)
        #expect(other.status == 2)
        #expect(other.stderr.hasPrefix("Error: ledgers/staff/编制.csv is read already by the source ledgers/staff/编制.csv (profile staff) at ws/tieout.yaml:"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/ws/profiles/other.yaml"))
        let outside = try CLI.run(["suggest", CLI.root.appendingPathComponent("samples/futian-2024/ledgers/staffing/人员编制-2024.csv").path, "-o", "ws/profiles/x.yaml", "--lang", "en"], in: dir)
        #expect(outside.status == 2 && outside.stderr.contains("is not inside the workspace ws"))
        let notProfiles = try CLI.run(["suggest", "ws/ledgers/staff/编制.csv", "-o", "ws/staff.yaml", "--lang", "en"], in: dir)
        #expect(notProfiles.stderr == "Error: -o ws/staff.yaml is not a workspace's profiles/NAME.yaml\nHelp: Name the profile file in the workspace's profiles folder: -o WORKSPACE/profiles/NAME.yaml.\n")
    }
}

extension InitFromExportsTests {
    @Test("the unit's name from a 单位名称 cell of the header block; a quarter's export is read by quarter")
    func unitNameFromHeaderBlock() throws {
        let dir = try Self.folder()
        try FileManager.default.createDirectory(atPath: dir + "/q/exports", withIntermediateDirectories: true)
        try """
        单位名称：深圳市测试局,期间：2024年第一季度,,,,,,,
        凭证号,支付日期,功能分类,经济分类,项目名称,支出类型,合同编号,摘要,金额
        V1,2024-01-05,2013101 行政运行,30201 办公费,,基本支出,,办公,100.00
        V2,2024-03-25,2013101 行政运行,30201 办公费,,基本支出,,办公,300.00

        """.write(toFile: dir + "/q/exports/一季度.csv", atomically: true, encoding: .utf8)
        let r = try CLI.run(["init", "q", "--lang", "en"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let yaml = try String(contentsOfFile: dir + "/q/tieout.yaml", encoding: .utf8)
        #expect(yaml.contains("\nunit: 深圳市测试局    # its 单位名称 line\nfiscal_year: 2024    # 2 of the 2 dates read are of 2024\n"), "\(yaml)")
        #expect(!r.stdout.contains("tieout.yaml:4:"))
        let profile = try String(contentsOfFile: dir + "/q/profiles/treasury-payments.yaml", encoding: .utf8)
        #expect(profile.contains("\nperiod: quarter    # its dates (2024-01-05 to 2024-03-25) are of one quarter\n"), "\(profile)")
        let run = try CLI.run(["ingest", "q", "--lang", "en"], in: dir)
        #expect(run.status == 0 && run.stdout.contains("exports/一季度.csv  treasury-payments  new     2024Q1"), "\(run.stdout)\(run.stderr)")
    }
}
