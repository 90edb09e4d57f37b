import Foundation
import Testing

/// The mistakes of a workspace's definitions (figures.yaml, rules.yaml, claims.yaml,
/// rubric.yaml, assessments.yaml) and of the commands on figures (explain, totals) in the
/// command's language: Chinese by default, English with `TIEOUT_LANG=en` or `--lang en`. Before
/// they moved to the catalog (Catalog+ErrorsDefinitions{Zh,En}.swift) they printed English in
/// a Chinese run.
@Suite("errors of the definitions in the command's language")
struct DefinitionErrorLanguageTests {
    /// The sample workspace with `files` (name → text) written into it.
    static func workspace(_ files: [String: String]) throws -> (dir: String, ws: String) {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        for (name, text) in files { try text.write(toFile: dir + "/" + ws + "/" + name, atomically: true, encoding: .utf8) }
        return (dir, ws)
    }

    /// `tieout validate` in Chinese (no TIEOUT_LANG) and in English (TIEOUT_LANG=en): its errors,
    /// without the closing count of mistakes (in the same language since validate took --lang).
    static func validate(_ files: [String: String]) throws -> (zh: String, en: String) {
        let (dir, ws) = try workspace(files)
        let zh = try CLI.run(["validate", ws], in: dir, errorLanguage: nil)
        let en = try CLI.run(["validate", ws], in: dir, errorLanguage: "en")
        #expect(zh.status == 2 && en.status == 2)
        func errors(_ s: String) -> String { s.split(separator: "\n").dropLast().joined(separator: "\n") }
        #expect(zh.stderr.hasSuffix("\(ws) 的设置中有 1 处错误；未读取或写入任何内容。\n") || zh.stderr.hasSuffix("\(ws) 的设置中有 2 处错误；未读取或写入任何内容。\n"), "\(zh.stderr)")
        #expect(en.stderr.hasSuffix("in \(ws)'s settings; nothing was read or written.\n"), "\(en.stderr)")
        return (errors(zh.stderr), errors(en.stderr))
    }

    @Test("figures.yaml: a record kind that does not exist")
    func figure() throws {
        let r = try Self.validate(["figures.yaml": "figures:\n  - { id: x.y, title: 甲, en: a, formula: f, sum: contract.amount }\n"])
        let kinds = "treasury-payment, budget-indicator, procurement, asset-card, staffing, project, petition, survey"
        #expect(r.zh == """
            错误：键“figures.1.sum”：“contract”不是记录类型，位置：figures.yaml:2
            帮助：请使用以下之一：\(kinds)（工作区可在 kinds/NAME.yaml 中新增记录类型）。
            """)
        #expect(ErrorLanguageTests.englishWords(r.zh, allowing: ["figures.1.sum", "contract", "figures.yaml", kinds, "kinds/NAME.yaml"]) == [])
        #expect(r.en == """
            Error: key 'figures.1.sum': 'contract' is not a record kind at figures.yaml:2
            Help: Use one of: \(kinds) (a workspace adds kinds in kinds/NAME.yaml).
            """)
        #expect(ErrorLanguageTests.chinese(r.en, allowing: []) == [])
    }

    @Test("figures.yaml: a filter on a period that does not exist, and a figure with two rules")
    func figureFilter() throws {
        let r = try Self.validate(["figures.yaml": "figures:\n  - { id: a, title: 甲, en: a, formula: f, sum: treasury-payment.amount, where: { date: { in: q5 } } }\n"])
        #expect(r.zh == """
            错误：键“figures.1.where.date.in”：“q5”不是期间，位置：figures.yaml:2
            帮助：请写 fiscal-year、q1 至 q4、month-1 至 month-12，或某一天，如 2024-06-30。
            """)
        #expect(r.en == """
            Error: key 'figures.1.where.date.in': 'q5' is not a period at figures.yaml:2
            Help: Write fiscal-year, q1 to q4, month-1 to month-12, or a day such as 2024-06-30.
            """)
        let two = try Self.validate(["figures.yaml": "figures:\n  - { id: a, title: 甲, en: a, formula: f, add: [b], ratio: [b, c] }\n"])
        #expect(two.zh == """
            错误：键“figures.1”：数字 a 同时给出了 add, ratio，位置：figures.yaml:2
            帮助：请只给出以下一项：sum/min/max: KIND.FIELD、count: KIND（用 `where:` 筛选）、add: [figures]、subtract: [a, b]、ratio: [a, b]。
            """)
        #expect(two.en == """
            Error: key 'figures.1': the figure a has more than one of add, ratio at figures.yaml:2
            Help: Give exactly one of: sum/min/max: KIND.FIELD, count: KIND (with `where:` for a filter), add: [figures], subtract: [a, b], ratio: [a, b].
            """)
    }

    @Test("claims.yaml: a value without its unit (the English help quotes the Chinese units)")
    func claim() throws {
        let r = try Self.validate(["claims.yaml": "claims:\n  - { figure: spend.actual.total, value: \"13,816.95\", section: 一 }\n"])
        #expect(r.zh == """
            错误：键“claims.1.value”：“13,816.95”没有单位，位置：claims.yaml:2
            帮助：请加上 `unit:`：万元、元、亿元，或量词，如 个、人、件。
            """)
        #expect(ErrorLanguageTests.englishWords(r.zh, allowing: ["claims.1.value", "claims.yaml", "unit:"]) == [])
        #expect(r.en == """
            Error: key 'claims.1.value': '13,816.95' has no unit at claims.yaml:2
            Help: Add `unit:` — 万元, 元, 亿元, or a counting word such as 个, 人, 件.
            """)
    }

    @Test("claim-phrases.yaml that is not a list: the example (with its braces) in either language")
    func claimPhrases() throws {
        let (dir, ws) = try Self.workspace(["claim-phrases.yaml": "figures: x\n"])
        let report = CLI.root.appendingPathComponent("Tests/TieoutOfficeTests/Fixtures/reference-report.md").path
        let zh = try CLI.run(["claims", "extract", report, "--workspace", ws], in: dir, errorLanguage: nil)
        #expect(zh.status == 2)
        #expect(zh.stderr == """
            错误：键“figures”：此处应为条目列表，位置：claim-phrases.yaml:1
            帮助：请把每个条目写作 `- { figure: ID, kind: amount, lead: [PHRASE] }`。

            """)
        let en = try CLI.run(["claims", "extract", report, "--workspace", ws], in: dir, errorLanguage: "en")
        #expect(en.stderr == """
            Error: key 'figures': expected a list of entries at claim-phrases.yaml:1
            Help: Write each as `- { figure: ID, kind: amount, lead: [PHRASE] }`.

            """)
    }

    @Test("rules.yaml: a check between one figure")
    func rule() throws {
        let r = try Self.validate(["rules.yaml": "cross-ledger:\n  - { id: z, equal: [spend.actual.total], title: 乙, en: b }\n"])
        #expect(r.zh == """
            错误：键“cross-ledger.1.equal”：equal 需要恰好两个数字，位置：rules.yaml:2
            帮助：请写作 `equal: [a, b]`。
            """)
        #expect(ErrorLanguageTests.englishWords(r.zh, allowing: ["cross-ledger.1.equal", "rules.yaml", "equal: [a, b]", "equal"]) == [])
        #expect(r.en == """
            Error: key 'cross-ledger.1.equal': equal takes two figures at rules.yaml:2
            Help: Write `equal: [a, b]`.
            """)
        #expect(ErrorLanguageTests.chinese(r.en, allowing: []) == [])
    }

    @Test("rubric.yaml: an item without its full points; bands that are not a list")
    func rubric() throws {
        let r = try Self.validate(["rubric.yaml": "items:\n  - { id: a, level1: 甲, level2: 乙, name: 丙, rule: { kind: assessed } }\n"])
        #expect(r.zh == """
            错误：键“items.1”：评分项需要有“max”，即其满分，位置：rubric.yaml:2
            帮助：请加上 `max: 5`（该项的分值）。
            """)
        #expect(ErrorLanguageTests.englishWords(r.zh, allowing: ["items.1", "rubric.yaml", "max"]) == [])
        #expect(r.en == """
            Error: key 'items.1': an item needs 'max', its full points at rubric.yaml:2
            Help: Add `max: 5` (the points the item is worth).
            """)
        #expect(ErrorLanguageTests.chinese(r.en, allowing: []) == [])
        let bands = try Self.validate(["rubric.yaml": "items:\n  - { id: a, level1: 甲, level2: 乙, name: 丙, max: 5, standard: s, rule: { kind: bands, indicator: x, bands: 3 } }\n"])
        #expect(bands.zh == """
            错误：键“items.1.rule.bands”：此处应为分档列表，位置：rubric.yaml:2
            帮助：请写作 [ { below: "90%", points: 3 }, { points: 0 } ]。
            """)
        #expect(bands.en == """
            Error: key 'items.1.rule.bands': expected a list of bands at rubric.yaml:2
            Help: Write [ { below: "90%", points: 3 }, { points: 0 } ].
            """)
    }

    @Test("assessments.yaml: points deducted without evidence")
    func assessment() throws {
        let r = try Self.validate(["assessments.yaml": "assessments:\n  - { item: disclosure, score: 2, assessor: 甲, evidence: [] }\n"])
        #expect(r.zh == """
            错误：键“assessments.1”：disclosure 扣了分，却没有列出依据，位置：assessments.yaml:2
            帮助：请在 `evidence:` 下列出支持该得分的文件、链接或说明。
            """)
        #expect(ErrorLanguageTests.englishWords(r.zh, allowing: ["assessments.1", "assessments.yaml", "disclosure", "evidence:"]) == [])
        #expect(r.en == """
            Error: key 'assessments.1': disclosure has no evidence, and points are deducted at assessments.yaml:2
            Help: List the documents, links or notes that support the score under `evidence:`.
            """)
        #expect(ErrorLanguageTests.chinese(r.en, allowing: []) == [])
    }

    @Test("explain of a figure Tieout does not compute, on a dataset never ingested (the warning too)")
    func explain() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let near = "spend.actual.basic, spend.actual.project, spend.actual.total, spend.capital, spend.cumulative.q1, spend.cumulative.q2, spend.cumulative.q3, spend.cumulative.q4"
        let zh = try CLI.run(["explain", ws, "spend.nothing"], in: dir, errorLanguage: nil)
        #expect(zh.status == 2 && zh.stdout.isEmpty)
        #expect(zh.stderr == """
            警告：数据集不完整或已过时：尚未完成任何一次导入；20 个台账尚未导入
            帮助：请运行 `tieout run \(ws)`（或先运行 `tieout ingest`）；报告开头也有同样的说明。
            错误：“spend.nothing”不是 Tieout 计算的数字
            帮助：请用编号或标题指定 `tieout figures \(ws)` 列出的某个数字，如 \(near)。

            """)
        #expect(ErrorLanguageTests.englishWords(zh.stderr, allowing: ["tieout run \(ws)", "tieout ingest", "spend.nothing", "Tieout", "tieout figures \(ws)", near]) == [])
        let en = try CLI.run(["explain", ws, "spend.nothing", "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(en.status == 2)
        #expect(en.stderr == """
            Warning: the dataset is partial or stale: no ingest has finished; 20 ledgers are not ingested yet
            Help: Run `tieout run \(ws)` (or `tieout ingest` first); the reports say the same at the top.
            Error: 'spend.nothing' is not a figure Tieout computes
            Help: Name one of the figures `tieout figures \(ws)` lists, by id or title, such as \(near).

            """)
        #expect(ErrorLanguageTests.chinese(en.stderr, allowing: []) == [])
        // No figure near the name: the help names none.
        let none = try CLI.run(["explain", ws, "nothing.at.all"], in: dir, errorLanguage: nil)
        #expect(none.stderr.hasSuffix("错误：“nothing.at.all”不是 Tieout 计算的数字\n帮助：请用编号或标题指定 `tieout figures \(ws)` 列出的某个数字。\n"))
        let noneEn = try CLI.run(["explain", ws, "nothing.at.all", "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(noneEn.stderr.hasSuffix("Error: 'nothing.at.all' is not a figure Tieout computes\nHelp: Name one of the figures `tieout figures \(ws)` lists, by id or title.\n"))
    }

    @Test("totals of a column that is not there: the header's columns quoted in each language")
    func totalsColumn() throws {
        let zh = try CLI.run(["totals", "totals.csv", "--sum", "金額"], errorLanguage: nil)
        #expect(zh.status == 2)
        #expect(zh.stderr == """
            错误：totals.csv 没有列“金額”，位置：totals.csv（第 1 条记录）
            帮助：请用表头（“凭证号”、“支付日期”、“支出类型”、“金额”）、列字母（H）或位置（#8）指定列。

            """)
        let en = try CLI.run(["totals", "totals.csv", "--sum", "金額"], errorLanguage: "en")
        #expect(en.stderr == """
            Error: totals.csv has no column '金額' at totals.csv (record 1)
            Help: Name a column by its header ('凭证号', '支付日期', '支出类型', '金额'), its letter (H) or its position (#8).

            """)
    }
}
