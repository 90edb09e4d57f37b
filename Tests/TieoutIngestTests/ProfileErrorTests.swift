import Foundation
import Testing
import TieoutCore
@testable import TieoutIngest

/// Every profile error names the key, the line in the YAML and the fix.
@Suite("Profile errors")
struct ProfileErrorTests {
    static func error(_ yaml: String) -> String {
        do {
            _ = try Profile.parse(yaml, file: "profiles/p.yaml")
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test("each mistake, its exact message", arguments: [
        ("""
         kind: treasury-payment
         colums: {}
         """,
         "Error: unknown key 'colums' at profiles/p.yaml:2\nHelp: Use one of: name, kind, description, sheet, range, encoding, delimiter, header, skip, subtotals, columns, constants, unit, period, extends, key, sheets, cumulative, layout, unpivot, groups, where, sections, header_block (docs/profiles.md lists every key)."),
        ("""
         kind: treasury-payments
         columns: {}
         """,
         "Error: key 'kind': 'treasury-payments' is not a record kind at profiles/p.yaml:1\nHelp: Use one of: treasury-payment, budget-indicator, procurement, asset-card, staffing, project, petition, survey, or define it in kinds/treasury-payments.yaml."),
        ("""
         columns: {}
         """,
         "Error: the profile has no 'kind' at profiles/p.yaml:1\nHelp: Add `kind: NAME`, one of: treasury-payment, budget-indicator, procurement, asset-card, staffing, project, petition, survey."),
        ("""
         kind: staffing
         columns:
           department: 科室
           authorised: 核定编制数
           on_post: 在编人数
         """,
         "Error: key 'columns': the required field 'off_establishment' (编外人员数) has no column at profiles/p.yaml:3\nHelp: Add `off_establishment: <header of the 编外人员数 column>` under columns, or give it under constants."),
        ("""
         kind: staffing
         columns:
           department: 科室
         """,
         "Error: key 'columns': the required fields 'authorised' (核定编制数), 'on_post' (实有在编人数) and 'off_establishment' (编外人员数) have no column at profiles/p.yaml:3\nHelp: Add `authorised: <header of the 核定编制数 column>`, `on_post: <header of the 实有在编人数 column>`, `off_establishment: <header of the 编外人员数 column>` under columns, or give them under constants."),
        ("""
         kind: staffing
         unit: 千元
         columns: { department: 科室, authorised: 编制, on_post: 在编, off_establishment: 编外 }
         """,
         "Error: key 'unit': '千元' is not a unit at profiles/p.yaml:2\nHelp: Write 元, 万元 or 亿元 (or yuan, wan-yuan, yi-yuan), or from-title to read it from a line such as 单位：万元."),
        ("""
         kind: treasury-payment
         columns:
           spend_type:
             from: 支出类型
             map: { 基本支出: basic, 项目支出: projects }
         """,
         "Error: key 'columns.spend_type.map.项目支出': 'projects' is not one of basic, project at profiles/p.yaml:5\nHelp: Map each word onto one of: basic, project."),
        ("""
         kind: treasury-payment
         columns:
           date: { from: 支付日期, formats: [dd/mm/yyyy] }
         """,
         "Error: key 'columns.date.formats': 'dd/mm/yyyy' is not a date format at profiles/p.yaml:3\nHelp: Use yyyy, MM or M, dd or d and literal characters, such as yyyy-MM-dd or yyyy年M月d日, or serial for Excel serial day numbers (45356)."),
        ("""
         kind: treasury-payment
         columns:
           voucher: 凭证号
         \tdate: 支付日期
         """,
         "Error: profiles/p.yaml is not valid YAML: found a tab character that violates indentation at profiles/p.yaml:4\nHelp: Check the indentation and the colons on that line (YAML uses spaces, not tabs)."),
        ("""
         kind: treasury-payment
         header: [3, 5]
         columns: {}
         """,
         "Error: key 'header': header rows [3, 5] are not consecutive at profiles/p.yaml:2\nHelp: List the header rows top to bottom, one after the other, such as [3, 4]."),
        ("""
         kind: staffing
         encoding: big5
         columns: {}
         """,
         "Error: key 'encoding': 'big5' is not an encoding Tieout reads at profiles/p.yaml:2\nHelp: Use one of utf-8, gb18030, gbk, utf-16, utf-16le, utf-16be, utf-32le, utf-32be, latin-1, windows-1252, or leave it out to detect it."),
        ("""
         kind: staffing
         columns: { department: 科室, authorised: 编制, on_post: 在编, off_establishment: 编外 }
         constants: { department: 办公室 }
         """,
         "Error: key 'constants.department': 'department' is both a column and a constant at profiles/p.yaml:3\nHelp: Keep one of them."),
    ])
    func message(_ yaml: String, _ expected: String) {
        #expect(Self.error(yaml) == expected)
    }
}

/// A profile's range is typed once, by the reader's grammar. Before: `range: ZZZ1:ZZZ9`
/// (past column XFD) loaded, and the applier then read the whole sheet.
@Suite("Profile ranges")
struct ProfileRangeTests {
    @Test("a range the reader would not take is refused at load", arguments: ["ZZZ1:ZZZ9", "A0:B2", "A1:B1048577", "B7", "A1:"])
    func refused(_ range: String) {
        #expect(ProfileErrorTests.error("kind: staffing\nrange: \"\(range)\"\ncolumns: {department: A, authorised: B, on_post: C, off_establishment: D}\n")
                == "Error: key 'range': '\(range)' is not a cell range at profiles/p.yaml:2\nHelp: Write a range as A1:H200 (columns A to XFD, rows 1 to 1048576).")
    }

    @Test("a good range is kept typed")
    func typed() throws {
        let p = try Profile.parse("kind: staffing\nrange: $b$2:d10\ncolumns: {department: A, authorised: B, on_post: C, off_establishment: D}\n", file: "p.yaml")
        #expect(p.range?.description == "B2:D10")
    }
}

/// Profiles are bounded. Before: a 47 MB profile of skip patterns ran past two minutes.
@Suite("Profile limits")
struct ProfileLimitTests {
    static let head = """
        kind: staffing
        columns:
          department: 科室
          authorised: 核定编制数
        skip:
          patterns:

        """

    @Test("a profile over 256 KiB is refused before it is parsed, with its size")
    func tooLarge() throws {
        var yaml = Self.head
        while yaml.utf8.count <= 300 << 10 { yaml += "    - \"^注释第\(yaml.utf8.count)行\"\n" }
        #expect(ProfileErrorTests.error(yaml) == "Error: profiles/p.yaml is 300 KiB; a profile or tieout.yaml is at most 256 KiB at profiles/p.yaml\nHelp: A profile or workspace file describes exports' layout: a page of settings, not data. Check that this is the right file; split a list that long into what the ledgers need.")
    }

    @Test("a profile file on disk over the bound is refused by its size, unread")
    func tooLargeOnDisk() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-big-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/profiles", withIntermediateDirectories: true)
        try "unit: u\nfiscal_year: 2024\nsources:\n  - files: a.csv\n    profile: big\n".write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: dir + "/profiles/big.yaml", contents: Data(repeating: 0x20, count: 47 << 20))
        let ws = try Workspace.open(dir)
        do {
            _ = try ws.profile(named: "big")
            Issue.record("a 47 MiB profile was read")
        } catch {
            #expect(error.message == "profiles/big.yaml is 47.0 MiB; a profile or tieout.yaml is at most 256 KiB at profiles/big.yaml")
        }
    }

    @Test("a list of 1,001 skip patterns: the key, the count and the bound")
    func longList() throws {
        var yaml = Self.head
        for i in 0...1000 { yaml += "    - \"^注\(i)\"\n" }
        #expect(ProfileErrorTests.error(yaml) == "Error: key 'skip.patterns': 1001 entries; a list here is at most 1000 at profiles/p.yaml:7\nHelp: A profile or workspace file describes exports' layout: a page of settings, not data. Keep the entries the ledgers need.")
    }

    @Test("the same error in Chinese, as a default run prints it (docs/profiles.md quotes it)")
    func longListChinese() throws {
        var yaml = Self.head
        for i in 0...1000 { yaml += "    - \"^注\(i)\"\n" }
        let error = try #require(throws: TieoutError.self) { _ = try Profile.parse(yaml, file: "profiles/p.yaml") }
        #expect(error.rendered(english: false) == "错误：键“skip.patterns”：有 1001 项；此处的列表最多 1000 项，位置：profiles/p.yaml:7\n帮助：配置文件或工作区文件描述导出文件的格式：一页设置，而不是数据。请只保留台账需要的项。")
        #expect(error.code == "yaml.key")
    }

    @Test("aliases that expand a small file into a huge tree are refused")
    func billionLaughs() throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        yaml += "kind: staffing\n"
        #expect(yaml.utf8.count < 1000)
        #expect(ProfileErrorTests.error(yaml) == "Error: profiles/p.yaml expands to more than 20000 values (through anchors and aliases, or sheer length) at profiles/p.yaml:1\nHelp: A profile or workspace file describes exports' layout: a page of settings, not data. Write the values out without YAML aliases (*name).")
    }
}
