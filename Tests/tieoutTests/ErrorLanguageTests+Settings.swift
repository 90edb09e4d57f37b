import Foundation
import Testing

/// The settings' errors (a workspace profile's `sign:`, `where:`, `minus:`, cross-tab and
/// required columns, a workspace kind's YAML) speak the command's language too: Chinese by
/// default, English with `--lang en`, the English words as they always were. Before the
/// catalog held them, a Chinese run printed them in English inside `错误：… / 帮助：…`.
@Suite("settings' errors in the command's language")
struct SettingsErrorLanguageTests {
    /// The sample workspace with `files` (path in the workspace → text) written into it.
    static func workspace(_ files: [String: String]) throws -> (dir: String, ws: String) {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        for (path, text) in files {
            let full = dir + "/" + ws + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return (dir, ws)
    }

    /// `ingest` in the default language (Chinese) and with `--lang en`: exit 2 and the error on stderr.
    static func ingestFails(_ files: [String: String]) throws -> (zh: String, en: String) {
        let (dir, ws) = try workspace(files)
        let zh = try CLI.run(["ingest", ws], in: dir, errorLanguage: nil)
        #expect(zh.status == 2, "\(zh.stdout)\(zh.stderr)")
        let en = try CLI.run(["ingest", ws, "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(en.status == 2, "\(en.stdout)\(en.stderr)")
        return (zh.stderr, en.stderr)
    }

    static let treasury = "profiles/treasury-payments.yaml"

    @Test("a `sign:` naming no column, and a `negate:` on a text field")
    func sign() throws {
        let example = "sign: { column: 借贷方向, negative: [贷], positive: [借] }"
        let r = try Self.ingestFails([Self.treasury: "extends: treasury-payments\ncolumns:\n  amount: { from: 金额, sign: { negative: [贷] } }\n"])
        #expect(r.zh == "错误：键“columns.amount.sign”：`sign:` 没有指定列，位置：profiles/treasury-payments.yaml:3\n帮助：请写 `\(example)`：即存放借贷方向用语的列。\n")
        #expect(ErrorLanguageTests.englishWords(r.zh, allowing: ["columns.amount.sign", "sign:", Self.treasury, example]) == [])
        #expect(r.en == "Error: key 'columns.amount.sign': `sign:` names no column at profiles/treasury-payments.yaml:3\nHelp: Write `\(example)`: the column holding the direction word.\n")
        #expect(ErrorLanguageTests.chinese(r.en, allowing: [example]) == [])

        let negate = try Self.ingestFails([Self.treasury: "extends: treasury-payments\ncolumns:\n  summary: { from: 摘要, negate: true }\n"])
        #expect(negate.zh == "错误：键“columns.summary.negate”：“negate”只适用于金额字段；summary（摘要）是 text 字段，位置：profiles/treasury-payments.yaml:3\n"
                + "帮助：只有金额才分正负：请删除此处的 `negate:`，或对应一个金额字段。\n")
        #expect(ErrorLanguageTests.englishWords(negate.zh, allowing: ["columns.summary.negate", "negate", "summary", "text", Self.treasury]) == [])
        #expect(negate.en == "Error: key 'columns.summary.negate': 'negate' applies to amount fields; summary (摘要) is text at profiles/treasury-payments.yaml:3\n"
                + "Help: The sign of a value is an amount's: remove `negate:` here, or map an amount field.\n")
        #expect(ErrorLanguageTests.chinese(negate.en, allowing: ["摘要"]) == [])
    }

    @Test("a `where:` condition that is not `{ not: … }` or `{ is: … }`")
    func whereCondition() throws {
        let example = "where: { 凭证状态: { not: [已作废] }, 凭证号: { not: blank } }"
        let r = try Self.ingestFails([Self.treasury: "extends: treasury-payments\nwhere:\n  摘要: 结转\n"])
        #expect(r.zh == "错误：键“where.摘要”：“摘要”的条件不是 `{ not: … }` 或 `{ is: … }`，位置：profiles/treasury-payments.yaml:3\n帮助：请写 `\(example)`。\n")
        #expect(ErrorLanguageTests.englishWords(r.zh, allowing: ["where.摘要", "{ not: … }", "{ is: … }", Self.treasury, example]) == [])
        #expect(r.en == "Error: key 'where.摘要': the condition on '摘要' is not `{ not: … }` or `{ is: … }` at profiles/treasury-payments.yaml:3\nHelp: Write `\(example)`.\n")
        #expect(ErrorLanguageTests.chinese(r.en, allowing: ["摘要", example]) == [])
    }

    @Test("a cross-tab's `transpose:` that is not true or false")
    func crossTab() throws {
        let r = try Self.ingestFails(["profiles/staffing.yaml": "extends: staffing\nlayout:\n  cross-tab: { rows: department, columns: { 核定编制数: authorised }, transpose: maybe }\n"])
        #expect(r.zh == "错误：键“layout.cross-tab.transpose”：“maybe”不是 true 或 false，位置：profiles/staffing.yaml:3\n帮助：类别横排在表头时请写 `transpose: true`，否则不写。\n")
        #expect(ErrorLanguageTests.englishWords(r.zh, allowing: ["layout.cross-tab.transpose", "transpose: true", "maybe", "true", "false", "profiles/staffing.yaml"]) == [])
        #expect(r.en == "Error: key 'layout.cross-tab.transpose': 'maybe' is not true or false at profiles/staffing.yaml:3\n"
                + "Help: Write `transpose: true` when the categories run across the header, else leave it out.\n")
        #expect(ErrorLanguageTests.chinese(r.en, allowing: []) == [])
    }

    @Test("a workspace kind with a field type that is none, and one without a title")
    func kind() throws {
        let types = "text, amount, percentage, date, integer, boolean, enumeration"
        let r = try Self.ingestFails(["kinds/contract.yaml": "kind: contract\ntitle: 合同台账\nfields:\n  contract_id: { title: 合同编号, type: text, required: true }\n  amount: { title: 合同金额, type: money }\n"])
        #expect(r.zh == "错误：键“fields.amount.type”：“money”不是字段类型，位置：kinds/contract.yaml:5\n帮助：请使用以下之一：\(types)。\n")
        #expect(ErrorLanguageTests.englishWords(r.zh, allowing: ["fields.amount.type", "money", "kinds/contract.yaml", types]) == [])
        #expect(r.en == "Error: key 'fields.amount.type': 'money' is not a field type at kinds/contract.yaml:5\nHelp: Use one of \(types).\n")
        #expect(ErrorLanguageTests.chinese(r.en, allowing: []) == [])

        let untitled = try Self.ingestFails(["kinds/contract.yaml": "kind: contract\nfields:\n  amount: { title: 合同金额, type: amount }\n"])
        #expect(untitled.zh == "错误：记录类型定义中没有“title”，位置：kinds/contract.yaml:1\n帮助：请加上 `title:`，写台账本身的名称，如 合同台账。\n")
        #expect(ErrorLanguageTests.englishWords(untitled.zh, allowing: ["title", "kinds/contract.yaml"]) == [])
        #expect(untitled.en == "Error: the kind definition has no 'title' at kinds/contract.yaml:1\nHelp: Add `title:` with the ledger's own name, such as 合同台账.\n")
    }

    @Test("required fields without a column, listed in each language")
    func requiredFields() throws {
        let r = try Self.ingestFails([Self.treasury: "kind: treasury-payment\ncolumns:\n  voucher: 凭证号\n"])
        #expect(r.zh == "错误：键“columns”：必填字段“date”（支付日期）、“economic_class”（经济分类）、“spend_type”（支出类型）和“amount”（金额）没有对应的列，位置：profiles/treasury-payments.yaml:3\n"
                + "帮助：请在 columns 下加上 `date: <支付日期列的表头>`、`economic_class: <经济分类列的表头>`、`spend_type: <支出类型列的表头>`、`amount: <金额列的表头>`，或在 constants 下给出它们。\n")
        #expect(ErrorLanguageTests.englishWords(r.zh, allowing: ["columns", "constants", "economic_class", "spend_type", "date", "amount", Self.treasury]) == [])
        #expect(r.en == "Error: key 'columns': the required fields 'date' (支付日期), 'economic_class' (经济分类), 'spend_type' (支出类型) and 'amount' (金额) have no column at profiles/treasury-payments.yaml:3\n"
                + "Help: Add `date: <header of the 支付日期 column>`, `economic_class: <header of the 经济分类 column>`, `spend_type: <header of the 支出类型 column>`, `amount: <header of the 金额 column>` under columns, or give them under constants.\n")
        #expect(ErrorLanguageTests.chinese(r.en, allowing: ["支付日期", "经济分类", "支出类型", "金额"]) == [])
    }

    @Test("a column that a ledger lacks, for `where:` and for `minus:`: the failed file's line")
    func missingColumn() throws {
        let columns = "'凭证号', '支付日期', '功能分类', '经济分类科目', '项目名称', '支出类型', '合同编号', '摘要', '金额'"
        func failed(_ profile: String) throws -> (zh: String, en: String) {
            let (dir, ws) = try Self.workspace([Self.treasury: profile])
            let zh = try CLI.run(["ingest", ws], in: dir, errorLanguage: nil)
            let en = try CLI.run(["ingest", ws, "--lang", "en", "--force"], in: dir, errorLanguage: nil)
            let zhLine = try #require(zh.stdout.split(separator: "\n").first { $0.hasPrefix("读取失败：ledgers/treasury/2024-01.csv：") })
            let enLine = try #require(en.stdout.split(separator: "\n").first { $0.hasPrefix("failed: ledgers/treasury/2024-01.csv: ") })
            return (String(zhLine), String(enLine))
        }
        let file = "futian-2024/ledgers/treasury/2024-01.csv"
        let w = try failed("extends: treasury-payments\nwhere:\n  凭证状态: { not: [已作废] }\n")
        #expect(w.zh == "读取失败：ledgers/treasury/2024-01.csv：错误：\(file) 没有列“凭证状态”，无法判断 `where:` 的条件（profiles/treasury-payments.yaml 第 3 行），位置：\(file)（第 3 条记录）"
                + " / 帮助：它的列是：\(columns)；请照表头的写法写列名，或用列字母。")
        #expect(ErrorLanguageTests.englishWords(w.zh, allowing: [file, "ledgers/treasury/2024-01.csv", "where:", Self.treasury]) == [])
        #expect(w.en == "failed: ledgers/treasury/2024-01.csv: Error: \(file) has no column '凭证状态' for the condition of `where:` (profiles/treasury-payments.yaml line 3) at \(file) (record 3)"
                + " / Help: Its columns are \(columns); name the column as the header writes it, or by letter.")

        let m = try failed("extends: treasury-payments\ncolumns:\n  amount: { from: 金额, minus: [贷方, 贷方金额] }\n")
        #expect(m.zh == "读取失败：ledgers/treasury/2024-01.csv：错误：\(file) 没有列“贷方”或“贷方金额”，无法读取 amount（金额）的 `minus:` 所减的列（profiles/treasury-payments.yaml 第 3 行），位置：\(file)（第 3 条记录）"
                + " / 帮助：它的列是：\(columns)；请改正 profiles/treasury-payments.yaml 中 `amount:` 下的列（表头、别名列表或列字母）。")
        #expect(ErrorLanguageTests.englishWords(m.zh, allowing: [file, "ledgers/treasury/2024-01.csv", "minus:", "amount", Self.treasury]) == [])
        #expect(m.en == "failed: ledgers/treasury/2024-01.csv: Error: \(file) has no column '贷方' or '贷方金额' for the column subtracted (`minus:`) of amount (金额) (profiles/treasury-payments.yaml line 3) at \(file) (record 3)"
                + " / Help: Its columns are \(columns); correct the column under `amount:` in profiles/treasury-payments.yaml (a header, an alias list, or a letter).")

        // A date in a month and a day column: what the missing day column was for, in each language.
        let d = try failed("extends: treasury-payments\ncolumns:\n  date: { year: fiscal-year, month: 支付日期, day: 日 }\n")
        #expect(d.zh == "读取失败：ledgers/treasury/2024-01.csv：错误：\(file) 没有列 “日”，无法读取 “支付日期”对应的日（profiles/treasury-payments.yaml 第 3 行），位置：\(file)（第 3 条记录）"
                + " / 帮助：它的列是：\(columns)；请把表头文字作为别名加到 `from:` 中，或用列字母指定该列。")
        #expect(ErrorLanguageTests.englishWords(d.zh, allowing: [file, "ledgers/treasury/2024-01.csv", "from:", Self.treasury]) == [])
        #expect(d.en == "failed: ledgers/treasury/2024-01.csv: Error: \(file) has no column '日' for the day of 支付日期 (profiles/treasury-payments.yaml line 3) at \(file) (record 3)"
                + " / Help: Its columns are \(columns); add the header text as an alias in `from:`, or name the column by letter.")
    }
}
