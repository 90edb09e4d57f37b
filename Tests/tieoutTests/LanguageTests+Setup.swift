import Foundation
import Testing
import TieoutTestSupport

/// The setup commands in one language at a time: `init` (a new workspace, and one configured
/// from a folder of exports), `suggest -o`, `validate` and `claims extract` say what they did in
/// Chinese by default and in English with `--lang en`. Before, they had no `--lang` and spoke
/// English only (`ws: tieout.yaml, kinds, … read without a mistake.` in a Chinese run). The files
/// they write (tieout.yaml, profiles, claims.yaml) are the same in either language; the lines
/// quoted from them (`FILE:LINE: text`, the GUESS lines) are data, as the file has it.
extension LanguageTests {
    /// The text without the lines it quotes from the files it wrote (`  tieout.yaml:4: unit: …`).
    static func withoutQuotedLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { String($0).range(of: #"^  (tieout\.yaml|profiles/[^:\s]+\.yaml):[0-9]+: "#, options: .regularExpression) == nil }.joined(separator: "\n")
    }

    /// A folder of exports: a workbook whose ledger is on its second sheet (the first, 说明, not
    /// used), a link that leads nowhere, and a CSV no kind reads as it is (no 支出类型 column).
    static func exportsFolder() throws -> String {
        let dir = try InitFromExportsTests.folder()
        let ledgers = dir + "/ws/ledgers"
        try FileManager.default.createDirectory(atPath: ledgers + "/其他", withIntermediateDirectories: true)
        let book = try madeWorkbook(sheets: [("说明", InitSheetsAndLinksTests.sheet([["本工作簿为测试用"]])),
                                             ("国库支付", InitSheetsAndLinksTests.sheet(InitSheetsAndLinksTests.payments))])
        try FileManager.default.copyItem(atPath: book, toPath: ledgers + "/账.xlsx")
        try FileManager.default.createSymbolicLink(atPath: ledgers + "/2024-03.csv", withDestinationPath: dir + "/gone.csv")
        try "凭证号,支付日期,经济分类,金额\nV1,2024-03-01,30201 办公费,100.00\nV2,2024-03-02,30211 差旅费,50.00\n"
            .write(toFile: ledgers + "/其他/摘要.csv", atomically: true, encoding: .utf8)
        return dir
    }

    @Test("init speaks Chinese by default (已创建 …；文件（4 个）：…；未读取：…；需要核对的推测 …), English with --lang en; the files it writes are the same")
    func initLanguage() throws {
        // A new, empty workspace.
        let empty = try InitFromExportsTests.folder()
        let zh = try CLI.run(["init", "ws"], in: empty, errorLanguage: nil)
        #expect(zh.status == 0, "\(zh.stderr)")
        #expect(zh.stdout == "已创建 ws/tieout.yaml。\n下一步：把导出文件放到 ws/ledgers/ 下，按需修改 tieout.yaml 中的 `sources:`，然后运行\n  tieout ingest ws\n")
        #expect(ErrorLanguageTests.englishWords(zh.stdout, allowing: ["ws/tieout.yaml", "ws/ledgers/", "tieout.yaml", "`sources:`", "tieout ingest ws"]) == [])
        let en = try CLI.run(["init", "ws2", "--lang", "en"], in: empty, errorLanguage: nil)
        #expect(en.stdout == "Created ws2/tieout.yaml.\nNext: put the exports under ws2/ledgers/, adjust `sources:` in tieout.yaml, then run\n  tieout ingest ws2\n")
        #expect(ErrorLanguageTests.chinese(en.stdout, allowing: []) == [])
        #expect(try String(contentsOfFile: empty + "/ws/tieout.yaml", encoding: .utf8) == String(contentsOfFile: empty + "/ws2/tieout.yaml", encoding: .utf8))

        // A folder of exports: every kind of line init prints about a file.
        let dir = try Self.exportsFolder()
        let r = try CLI.run(["init", "ws"], in: dir, errorLanguage: nil)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout == """
            已创建 ws/tieout.yaml，并在 ws/profiles/ 中创建 1 个配置；ws/assessments.yaml 列出了需人工评分的 14 个评分项（均尚未评分）。
            文件（4 个）：
              ledgers/2024-03.csv：未读取：指向 \(dir)/gone.csv 的链接无法打开（No such file or directory）：不是导出文件；恢复其指向的文件或删除该链接，再运行 tieout init
              ledgers/其他/摘要.csv：未读取：没有记录类型能直接读取它：最接近的是 treasury-payment，键“columns”：必填字段“spend_type”（支出类型）没有对应的列。如果它是 treasury-payment 的导出文件，只是有些字段不在列中（整个文件一个值、列组、每部分一张工作表、表头上方的值），请先运行 `tieout suggest ledgers/其他/摘要.csv --kind treasury-payment` 生成配置，再用 constants:、groups:、sheets: 或 header_block: 补全（见 docs/profiles.md），并在 tieout.yaml 中加上它的来源；如果它属于其他记录类型，请在 kinds/NAME.yaml 中定义该类型，然后在工作区中运行 `tieout suggest ledgers/其他/摘要.csv --workspace . --kind NAME -o profiles/NAME.yaml`，写出它的配置和来源
              ledgers/账.xlsx[说明]：未使用该工作表（已使用同一工作簿的其他工作表）：ws/ledgers/账.xlsx 的工作表 说明 没有表头行（有两个以上文本单元格的行）；请用 --header-row N 指定表头行。
              ledgers/账.xlsx[国库支付]：treasury-payment，profiles/treasury-payments.yaml
            需要核对的推测（标有 GUESS 的行，4 处）：
              tieout.yaml:4: unit: 某某单位    # GUESS — CHECK: no 单位名称 line in the exports; write the budget unit's name
              tieout.yaml:9: unit: 万元    # GUESS: self-evaluation reports state money in 万元
              profiles/treasury-payments.yaml:3: kind: treasury-payment    # GUESS: the kind whose fields the header names best (9 of 9)
              profiles/treasury-payments.yaml:6: unit: 元    # GUESS — CHECK: no 单位 line and no amount column's header names a unit; amounts taken as 元 (write unit: 万元 if they are in 万元)
            下一步：逐条核对推测，然后运行
              tieout run ws

            """, "\(r.stdout)")
        let words = ErrorLanguageTests.englishWords(Self.withoutCode(Self.withoutQuotedLines(r.stdout)), allowing: [
            "ws/tieout.yaml", "ws/profiles/", "ws/assessments.yaml", "ledgers/2024-03.csv", "\(dir)/gone.csv", "No such file or directory", "tieout init",
            "ledgers/其他/摘要.csv", "treasury-payment", "columns", "spend_type", "constants:", "groups:", "sheets:", "header_block:", "docs/profiles.md",
            "tieout.yaml", "kinds/NAME.yaml", "ws/ledgers/账.xlsx", "--header-row", "ledgers/账.xlsx", "profiles/treasury-payments.yaml", "GUESS", "tieout run ws"])
        #expect(words == [], "\(r.stdout)")

        // --lang en: the same files, the same choices, in English.
        let dirEn = try Self.exportsFolder()
        let e = try CLI.run(["init", "ws", "--lang", "en"], in: dirEn, errorLanguage: nil)
        #expect(e.status == 1)
        #expect(e.stdout.hasPrefix("Created ws/tieout.yaml and 1 profile in ws/profiles/; ws/assessments.yaml lists the 14 rubric items people score (none assessed yet).\nFiles (4):\n"), "\(e.stdout)")
        #expect(e.stdout.contains("  ledgers/其他/摘要.csv: NOT READ: no kind fits as it is: the closest, treasury-payment, key 'columns': the required field 'spend_type' (支出类型) has no column. If it is a treasury-payment export"), "\(e.stdout)")
        #expect(e.stdout.contains("\nGuesses to check (4):\n") && e.stdout.hasSuffix("\nNext: check each guess, then run\n  tieout run ws\n"), "\(e.stdout)")
        // Chinese only in the file names, the sheets' names, the kind's field titles and the lines quoted from the files.
        #expect(ErrorLanguageTests.chinese(Self.withoutQuotedLines(e.stdout), allowing: ["ledgers/其他/摘要.csv", "账.xlsx", "说明", "国库支付", "支出类型"]) == [], "\(e.stdout)")
        for file in ["tieout.yaml", "profiles/treasury-payments.yaml", "assessments.yaml"] {
            #expect(try String(contentsOfFile: "\(dir)/ws/\(file)", encoding: .utf8) == String(contentsOfFile: "\(dirEn)/ws/\(file)", encoding: .utf8), "\(file)")
        }
    }

    @Test("suggest -o says what it wrote in Chinese by default (已写入 …；已在 … 中加入 …), English with --lang en; the profile printed without -o is the same")
    func suggestLanguage() throws {
        for lang in ["zh", "en"] {
            let dir = try InitFromExportsTests.folder()
            #expect(try CLI.run(["init", "ws"], in: dir).status == 0)
            try FileManager.default.createDirectory(atPath: dir + "/ws/ledgers/staff", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("samples/futian-2024/ledgers/staffing/人员编制-2024.csv").path,
                                             toPath: dir + "/ws/ledgers/staff/编制.csv")
            let flag = lang == "en" ? ["--lang", "en"] : []
            let r = try CLI.run(["suggest", "ws/ledgers/staff/编制.csv", "-o", "ws/profiles/staff.yaml"] + flag, in: dir, errorLanguage: nil)
            #expect(r.status == 0, "\(r.stderr)")
            let forced = try CLI.run(["suggest", "ws/ledgers/staff/编制.csv", "-o", "ws/profiles/staff.yaml", "--force"] + flag, in: dir, errorLanguage: nil)
            #expect(forced.status == 0, "\(forced.stderr)")
            let guess = "  profiles/staff.yaml:3: kind: staffing    # GUESS: the kind whose fields the header names best (4 of 4)\n"
            if lang == "zh" {
                #expect(r.stdout == "已写入 ws/profiles/staff.yaml（staffing）；已在 ws/tieout.yaml 的 `sources:` 中加入 ledgers/staff/编制.csv。\n需要核对的推测（标有 GUESS 的行，1 处）：\n" + guess)
                #expect(forced.stdout == "已写入 ws/profiles/staff.yaml（staffing）；ws/tieout.yaml 已用它读取 ledgers/staff/编制.csv，未作改动。\n需要核对的推测（标有 GUESS 的行，1 处）：\n" + guess)
                for out in [r.stdout, forced.stdout] {
                    #expect(ErrorLanguageTests.englishWords(Self.withoutQuotedLines(out), allowing: [
                        "ws/profiles/staff.yaml", "staffing", "ws/tieout.yaml", "`sources:`", "ledgers/staff/编制.csv", "GUESS"]) == [], "\(out)")
                }
            } else {
                #expect(r.stdout == "Wrote ws/profiles/staff.yaml (staffing); added ledgers/staff/编制.csv to the sources in ws/tieout.yaml.\nGuesses to check (1):\n" + guess)
                #expect(forced.stdout == "Wrote ws/profiles/staff.yaml (staffing); ws/tieout.yaml reads ledgers/staff/编制.csv with it already.\nGuesses to check (1):\n" + guess)
                for out in [r.stdout, forced.stdout] { #expect(ErrorLanguageTests.chinese(Self.withoutQuotedLines(out), allowing: ["编制"]) == [], "\(out)") }
            }
            // Without -o the profile itself is printed: a file for people to save, the same in either language.
            let zhYAML = try CLI.run(["suggest", "ws/ledgers/staff/编制.csv"], in: dir, errorLanguage: nil)
            let enYAML = try CLI.run(["suggest", "ws/ledgers/staff/编制.csv", "--lang", "en"], in: dir, errorLanguage: nil)
            #expect(zhYAML.status == 0 && zhYAML.stdout == enYAML.stdout)
            #expect(zhYAML.stdout == (try String(contentsOfFile: dir + "/ws/profiles/staff.yaml", encoding: .utf8)))
        }
    }

    @Test("validate: 'read without a mistake' and the count of mistakes in Chinese by default, English with --lang en")
    func validateLanguage() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let zh = try CLI.run(["validate", ws], in: dir, errorLanguage: nil)
        #expect(zh.status == 0, "\(zh.stderr)")
        #expect(zh.stdout == "futian-2024：tieout.yaml、记录类型、配置、数字定义、核对规则、报告所述数字、评分标准和人工评分均已读取，未发现错误。\n")
        #expect(ErrorLanguageTests.englishWords(zh.stdout, allowing: ["futian-2024", "tieout.yaml"]) == [])
        let en = try CLI.run(["validate", ws, "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(en.stdout == "futian-2024: tieout.yaml, kinds, profiles, figures, rules, claims, rubric and assessments read without a mistake.\n")
        #expect(ErrorLanguageTests.chinese(en.stdout, allowing: []) == [])

        // A mistake: the error and the count after it, in one language.
        let (badDir, bad) = try ErrorLanguageTests.workspace { $0.replacingOccurrences(of: "profile: staffing\n", with: "profile: staffing-2023\n") }
        let zhBad = try CLI.run(["validate", bad], in: badDir, errorLanguage: nil)
        #expect(zhBad.status == 2 && zhBad.stdout.isEmpty)
        #expect(zhBad.stderr.hasPrefix("错误：没有名为“staffing-2023”的配置，位置：\(bad)/tieout.yaml"), "\(zhBad.stderr)")
        #expect(zhBad.stderr.hasSuffix("。\nfutian-2024 的设置中有 1 处错误；未读取或写入任何内容。\n"), "\(zhBad.stderr)")
        let summary = String(zhBad.stderr.split(separator: "\n").last ?? "")
        #expect(ErrorLanguageTests.englishWords(summary, allowing: ["futian-2024"]) == [])
        let enBad = try CLI.run(["validate", bad, "--lang", "en"], in: badDir, errorLanguage: nil)
        #expect(enBad.stderr.hasPrefix("Error: there is no profile 'staffing-2023' at \(bad)/tieout.yaml"), "\(enBad.stderr)")
        #expect(enBad.stderr.hasSuffix("\n1 mistake in futian-2024's settings; nothing was read or written.\n"), "\(enBad.stderr)")
        #expect(ErrorLanguageTests.chinese(enBad.stderr, allowing: []) == [])
    }

    @Test("claims extract: the summary on stderr in Chinese by default, English with --lang en; the claims.yaml on stdout the same in both")
    func claimsLanguage() throws {
        let report = ClaimsExtractCommandTests.fixture("reference-python-docx.docx")
        let zh = try CLI.run(["claims", "extract", report], errorLanguage: nil)
        #expect(zh.status == 0)
        #expect(zh.stderr == "claims extract：\(report) 中有 97 个数字已对应到数字定义，38 个未对应（已列出，待核对）\n")
        #expect(ErrorLanguageTests.englishWords(zh.stderr, allowing: [report, "claims extract"]) == [])
        let en = try CLI.run(["claims", "extract", report, "--lang", "en"], errorLanguage: nil)
        #expect(en.status == 0)
        #expect(en.stderr == "claims extract: 97 figures mapped, 38 unmapped (listed for review) in \(report)\n")
        #expect(ErrorLanguageTests.chinese(en.stderr, allowing: []) == [])
        #expect(!zh.stdout.isEmpty && zh.stdout == en.stdout)
    }
}
