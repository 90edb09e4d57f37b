import Foundation
import Testing

/// Errors on stderr speak the command's language: Chinese by default (`错误：… / 帮助：…`),
/// English with `--lang en` or `TIEOUT_LANG=en`, never a mix (file names, quoted data and the
/// system's own reason, such as strerror's, are shown as they are).
@Suite("errors in the command's language")
struct ErrorLanguageTests {
    /// The sample workspace in a temporary folder, with `edit` applied to its tieout.yaml.
    static func workspace(_ edit: (String) -> String = { $0 }) throws -> (dir: String, ws: String) {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let config = dir + "/" + ws + "/tieout.yaml"
        try edit(try String(contentsOfFile: config, encoding: .utf8)).write(toFile: config, atomically: true, encoding: .utf8)
        return (dir, ws)
    }

    /// Latin words left once the allowed pieces (file names, keys, commands, system reasons) are taken out.
    static func englishWords(_ s: String, allowing allowed: [String]) -> [String] {
        var rest = s
        for a in allowed.sorted(by: { $0.count > $1.count }) { rest = rest.replacingOccurrences(of: a, with: " ") }
        return rest.matches(of: /[A-Za-z]{2,}/).map { String($0.0) }
    }

    /// Chinese characters or full-width punctuation left once the allowed pieces are taken out.
    static func chinese(_ s: String, allowing allowed: [String]) -> [String] {
        var rest = s
        for a in allowed { rest = rest.replacingOccurrences(of: a, with: " ") }
        return rest.unicodeScalars.filter { (0x3000...0x303F).contains($0.value) || (0x3400...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }.map { String($0) }
    }

    @Test("a workspace folder that is not there")
    func missingWorkspace() throws {
        let dir = FileManager.default.temporaryDirectory.path
        let zh = try CLI.run(["ingest", "no-such-unit"], in: dir, errorLanguage: nil)
        #expect(zh.status == 2)
        #expect(zh.stderr == "错误：没有文件夹 no-such-unit，位置：no-such-unit/tieout.yaml\n帮助：请用 `tieout init no-such-unit` 创建一个，或指定存放 tieout.yaml 的文件夹。\n")
        #expect(Self.englishWords(zh.stderr, allowing: ["no-such-unit/tieout.yaml", "tieout.yaml", "tieout init no-such-unit", "no-such-unit"]) == [])
        for en in [try CLI.run(["ingest", "no-such-unit", "--lang", "en"], in: dir, errorLanguage: nil),
                   try CLI.run(["ingest", "no-such-unit"], in: dir, errorLanguage: "en")] {
            #expect(en.status == 2)
            #expect(en.stderr == "Error: there is no folder no-such-unit at no-such-unit/tieout.yaml\nHelp: Create one with `tieout init no-such-unit`, or name the folder that holds tieout.yaml.\n")
        }
        // --lang decides over TIEOUT_LANG.
        let both = try CLI.run(["ingest", "no-such-unit", "--lang", "zh"], in: dir, errorLanguage: "en")
        #expect(both.stderr.hasPrefix("错误：没有文件夹 no-such-unit"))
    }

    @Test("a ledger file that is not there (the system's reason as it is)")
    func missingFile() throws {
        let (dir, ws) = try Self.workspace()
        let zh = try CLI.run(["cat", ws + "/ledgers/treasury/2025-01.csv"], in: dir, errorLanguage: nil)
        #expect(zh.status == 2)
        #expect(zh.stderr == "错误：无法打开 \(ws)/ledgers/treasury/2025-01.csv：No such file or directory，位置：\(ws)/ledgers/treasury/2025-01.csv\n帮助：请检查路径，并确认有权读取该文件。\n"
                || zh.stderr == "错误：无法打开 \(ws)/ledgers/treasury/2025-01.csv：No such file or directory\n帮助：请检查路径，并确认有权读取该文件。\n")
        #expect(Self.englishWords(zh.stderr, allowing: ["\(ws)/ledgers/treasury/2025-01.csv", "No such file or directory"]) == [])
        let en = try CLI.run(["cat", ws + "/ledgers/treasury/2025-01.csv"], in: dir, errorLanguage: "en")
        #expect(en.stderr.hasPrefix("Error: cannot open \(ws)/ledgers/treasury/2025-01.csv: No such file or directory"))
        #expect(en.stderr.hasSuffix("\nHelp: Check the path and that you may read the file.\n"))
    }

    @Test("a ledger with a quote never closed: the failed file's line")
    func brokenCSV() throws {
        let (dir, ws) = try Self.workspace()
        let ledger = dir + "/" + ws + "/ledgers/petitions/信访件登记-2024.csv"
        var text = try String(contentsOfFile: ledger, encoding: .utf8)
        text += "\"never closed,1\n"
        try text.write(toFile: ledger, atomically: true, encoding: .utf8)
        let zh = try CLI.run(["ingest", ws], in: dir, errorLanguage: nil)
        let line = try #require(zh.stdout.split(separator: "\n").first { $0.contains("信访件登记-2024.csv：") && $0.hasPrefix("读取失败") })
        #expect(line.contains("错误：此处开始的带引号字段直到文件末尾都没有闭合，位置：\(ws)/ledgers/petitions/信访件登记-2024.csv:4:1（第 4 条记录，A 列，第 143 字节）"))
        #expect(line.contains(" / 帮助：请在导出文件中为该字段补上结尾的引号（\"）；带引号字段中的引号要写两次（\"\"）。"))
        #expect(Self.englishWords(String(line), allowing: ["\(ws)/ledgers/petitions/信访件登记-2024.csv", "ledgers/petitions/信访件登记-2024.csv"]) == [])
        let en = try CLI.run(["ingest", ws, "--lang", "en", "--force"], in: dir, errorLanguage: nil)
        let enLine = try #require(en.stdout.split(separator: "\n").first { $0.contains("信访件登记-2024.csv") && $0.contains("Error:") })
        #expect(enLine.contains("Error: the quoted field that opens here is never closed before the end of the file at \(ws)/ledgers/petitions/信访件登记-2024.csv:4:1 (record 4, column A, byte 143)"))
        #expect(Self.chinese(String(enLine), allowing: ["信访件登记"]) == [])
    }

    @Test("tieout.yaml with an unknown key, and tieout.yaml that is not YAML")
    func badYAML() throws {
        let (dir, ws) = try Self.workspace { $0.replacingOccurrences(of: "fiscal_year: 2024\n", with: "fiscal_year: 2024\ncolour: blue\n") }
        let zh = try CLI.run(["ingest", ws], in: dir, errorLanguage: nil)
        #expect(zh.status == 2)
        #expect(zh.stderr == "错误：未知的键“colour”，位置：\(ws)/tieout.yaml:5\n帮助：请使用以下键之一：unit, fiscal_year, reporting, database, sources, tolerances, report（docs/profiles.md 列出了所有键）。\n")
        #expect(Self.englishWords(zh.stderr, allowing: ["\(ws)/tieout.yaml", "colour", "unit, fiscal_year, reporting, database, sources, tolerances, report", "docs/profiles.md"]) == [])
        let en = try CLI.run(["ingest", ws, "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(en.stderr == "Error: unknown key 'colour' at \(ws)/tieout.yaml:5\nHelp: Use one of: unit, fiscal_year, reporting, database, sources, tolerances, report (docs/profiles.md lists every key).\n")
        #expect(Self.chinese(en.stderr, allowing: []) == [])

        let (dir2, ws2) = try Self.workspace { _ in "unit: x\nfiscal_year: [2024\n" }
        let syntax = try CLI.run(["ingest", ws2], in: dir2, errorLanguage: nil)
        // The YAML library's own reason stays as it says it.
        #expect(syntax.stderr.hasPrefix("错误：\(ws2)/tieout.yaml 不是有效的 YAML："))
        #expect(syntax.stderr.hasSuffix("，位置：\(ws2)/tieout.yaml:3\n帮助：请检查该行的缩进和冒号（YAML 用空格缩进，不用制表符）。\n"))
    }

    @Test("a source naming a profile that does not exist")
    func unknownProfile() throws {
        let (dir, ws) = try Self.workspace { $0.replacingOccurrences(of: "profile: staffing\n", with: "profile: staffing-2023\n") }
        let zh = try CLI.run(["ingest", ws], in: dir, errorLanguage: nil)
        #expect(zh.status == 2)
        #expect(zh.stderr.hasPrefix("错误：没有名为“staffing-2023”的配置，位置：\(ws)/tieout.yaml"))
        #expect(zh.stderr.hasSuffix("\n帮助：请在工作区中编写 profiles/staffing-2023.yaml，或使用内置配置之一：treasury-payments, budget-indicators, procurement, asset-cards, staffing, projects, petitions, surveys。\n"))
        #expect(Self.englishWords(zh.stderr, allowing: ["\(ws)/tieout.yaml", "staffing-2023", "profiles/staffing-2023.yaml",
                                                         "treasury-payments, budget-indicators, procurement, asset-cards, staffing, projects, petitions, surveys"]) == [])
        let en = try CLI.run(["ingest", ws, "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(en.stderr.hasPrefix("Error: there is no profile 'staffing-2023' at \(ws)/tieout.yaml"))
        #expect(en.stderr.hasSuffix("\nHelp: Write profiles/staffing-2023.yaml in the workspace, or use a built-in one: treasury-payments, budget-indicators, procurement, asset-cards, staffing, projects, petitions, surveys.\n"))
        #expect(Self.chinese(en.stderr, allowing: []) == [])
    }
}
