import Foundation
import Testing
import TieoutTestSupport

/// The tools that show files, kinds and the dataset speak one language at a time (issue "one
/// language at a time"): Chinese by default, English with `--lang en`. What they show of the
/// data (file, sheet, table and field names, the ledger's own words, --json, the records `cat`
/// writes and the files `export` writes) stays as it is.
@Suite("tools in one language at a time")
struct ToolsLanguageTests {
    static func englishWords(_ s: String, allowing allowed: [String]) -> [String] { ErrorLanguageTests.englishWords(s, allowing: allowed) }
    static func chinese(_ s: String, allowing allowed: [String]) -> [String] { ErrorLanguageTests.chinese(s, allowing: allowed) }

    @Test("sheets: the columns, the header's record and a sheet's state and kind in Chinese by default; English with --lang en; --json as it was")
    func sheets() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let csv = ws + "/ledgers/treasury/2024-03.csv"
        let zh = try CLI.run(["sheets", csv], in: dir, errorLanguage: nil)
        #expect(zh.status == 0, "\(zh.stderr)")
        #expect(zh.stdout == """
            #  名称         行数  列数  表头         标题行  空行  字段数不符  编码     分隔符
            1  2024-03.csv    27     9  第 3 条记录       2     0           0  gb18030  ,

            """)
        #expect(Self.englishWords(zh.stdout, allowing: ["2024-03.csv", "gb18030"]) == [])
        let en = try CLI.run(["sheets", csv, "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(en.stdout == """
            #  name         rows  columns  header    title lines  blank lines  ragged  encoding  delimiter
            1  2024-03.csv    27        9  record 3            2            0       0  gb18030   ,

            """)
        #expect(Self.chinese(en.stdout, allowing: []) == [])

        let book = ws + "/ledgers/assets/资产卡片-2024.xlsx"
        let zhBook = try CLI.run(["sheets", book], in: dir, errorLanguage: nil)
        #expect(zhBook.stdout == """
            #  名称           状态  类型    行数  列数  使用范围  合并单元格
            1  资产卡片-2024  可见  工作表    23    10  A1:J23    -

            """)
        #expect(Self.englishWords(zhBook.stdout, allowing: []) == [])
        let enBook = try CLI.run(["sheets", book, "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(enBook.stdout == """
            #  name           state    kind       rows  columns  dimension  merged
            1  资产卡片-2024  visible  worksheet    23       10  A1:J23     -

            """)
        #expect(Self.chinese(enBook.stdout, allowing: ["资产卡片-2024"]) == [])
        // JSON is for programs: the same in either language.
        let json = try CLI.run(["sheets", book, "--json"], in: dir, errorLanguage: nil)
        #expect(json.stdout == (try CLI.run(["sheets", book, "--json", "--lang", "en"], in: dir, errorLanguage: nil)).stdout)
        #expect(json.stdout.contains("\"state\":\"visible\"") && json.stdout.contains("\"kind\":\"worksheet\""))
    }

    @Test("totals: the sum and count columns, the total row and the counts line in Chinese by default; English with --lang en")
    func totals() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let ledger = ws + "/ledgers/treasury/2024-03.csv"
        let zh = try CLI.run(["totals", ledger, "--sum", "金额", "--by", "支出类型"], in: dir, errorLanguage: nil)
        #expect(zh.status == 0, "\(zh.stderr)")
        #expect(zh.stdout == """
            支出类型       金额合计  行数
            基本支出     795,252.46     9
            项目支出  26,921,041.88    17
            合计      27,716,294.34    26
            共 26 行：接受 26 行，拒收 0 行；空行 0 行，标题行 2 行
            小计行 1 行（首格为合计、小计或总计：已核对，未计入合计）

            """)
        #expect(Self.englishWords(zh.stdout, allowing: []) == [])
        let en = try CLI.run(["totals", ledger, "--sum", "金额", "--by", "支出类型", "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(en.stdout == """
            支出类型            sum  count
            基本支出     795,252.46      9
            项目支出  26,921,041.88     17
            total     27,716,294.34     26
            rows 26: accepted 26, rejected 0; blank lines 0, title lines 2
            subtotal rows 1 (a first cell with 合计, 小计 or 总计: checked, left out)

            """)
        #expect(Self.chinese(en.stdout, allowing: ["支出类型", "基本支出", "项目支出", "合计", "小计", "总计"]) == [])

        // Through a profile: its line too.
        let profiled = try CLI.run(["totals", ledger, "--profile", "treasury-payments", "--sum", "amount", "--by", "spend_type"], in: dir, errorLanguage: nil)
        #expect(profiled.stdout.hasSuffix("共 26 行：接受 26 行，拒收 0 行；空行 0 行，标题行 2 行\n配置 treasury-payments：小计行 1 行（已核对，未计入合计），跳过 0 行\n"), "\(profiled.stdout)")
        #expect(Self.englishWords(profiled.stdout, allowing: ["treasury-payments", "spend_type", "basic", "project"]) == [])
        let profiledEn = try CLI.run(["totals", ledger, "--profile", "treasury-payments", "--sum", "amount", "--by", "spend_type", "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(profiledEn.stdout.hasSuffix("rows 26: accepted 26, rejected 0; blank lines 0, title lines 2\nprofile treasury-payments: subtotal rows 1 (checked, left out), rows skipped 0\n"), "\(profiledEn.stdout)")
        #expect(Self.chinese(profiledEn.stdout, allowing: []) == [])
    }

    @Test("totals: rejected rows and a subtotal that disagrees, on stderr, in Chinese by default and English with --lang en; --json keeps the English reason")
    func totalsRejects() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-totals-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "凭证号,支付日期,金额\nA,2024-01-02,1.00\nB,2024-01-03,\nC,2024-13-01,2.00\nD,2024-01-04,x\n".write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        let zh = try CLI.run(["totals", "t.csv", "--sum", "金额", "--by", "支付日期:month"], in: dir, errorLanguage: nil)
        #expect(zh.status == 1)
        #expect(zh.stderr == """
            拒收：金额为空（空白表示没有数据，绝不当作零），位置：t.csv:3:3（第 3 条记录，C 列 金额，第 48 字节）
            拒收：“2024-13-01”不是有效的日期：月份 13 不在 1 到 12 之间，位置：t.csv:4:2（第 4 条记录，B 列 支付日期，第 62 字节）
            拒收：“x”不是有效金额：数字中不能有“x”，位置：t.csv:5:3（第 5 条记录，C 列 金额，第 80 字节）

            """, "\(zh.stderr)")
        #expect(Self.englishWords(zh.stderr + zh.stdout, allowing: ["t.csv", "month"]) == [])
        let en = try CLI.run(["totals", "t.csv", "--sum", "金额", "--by", "支付日期:month", "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(en.stderr == """
            Rejected: the amount is blank (blank is absent, never zero) at t.csv:3:3 (record 3, column C 金额, byte 48)
            Rejected: "2024-13-01" is not a valid date: month 13 is not between 1 and 12 at t.csv:4:2 (record 4, column B 支付日期, byte 62)
            Rejected: "x" is not a valid amount: 'x' cannot appear in a number at t.csv:5:3 (record 5, column C 金额, byte 80)

            """, "\(en.stderr)")
        #expect(Self.chinese(en.stderr + en.stdout, allowing: ["金额", "支付日期"]) == [])
        let more = try CLI.run(["totals", "t.csv", "--sum", "金额", "--show-rejects", "1"], in: dir, errorLanguage: nil)
        #expect(more.stderr.hasSuffix("\n拒收：另有 1 行未在此列出；--json 列出全部拒收行。\n"), "\(more.stderr)")
        let json = try CLI.run(["totals", "t.csv", "--sum", "金额", "--json"], in: dir, errorLanguage: nil)
        #expect(json.stdout.contains("\"reason\":\"the amount is blank (blank is absent, never zero)\""), "\(json.stdout)")

        // A column the file does not have: the error and the columns it has.
        let noColumn = try CLI.run(["totals", "t.csv", "--sum", "金額"], in: dir, errorLanguage: nil)
        #expect(noColumn.status == 2)
        #expect(noColumn.stderr == "错误：t.csv 没有列“金額”，位置：t.csv（第 1 条记录）\n帮助：请用表头（“凭证号”、“支付日期”、“金额”）、列字母（H）或位置（#8）指定列。\n", "\(noColumn.stderr)")
        let noColumnEn = try CLI.run(["totals", "t.csv", "--sum", "金額", "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(noColumnEn.stderr == "Error: t.csv has no column '金額' at t.csv (record 1)\nHelp: Name a column by its header ('凭证号', '支付日期', '金额'), its letter (H) or its position (#8).\n", "\(noColumnEn.stderr)")

        try "凭证号,金额\n明细,1.00\n合计,2.00\n".write(toFile: dir + "/s.csv", atomically: true, encoding: .utf8)
        let subtotal = try CLI.run(["totals", "s.csv", "--sum", "金额"], in: dir, errorLanguage: nil)
        #expect(subtotal.status == 1)
        #expect(subtotal.stderr == "小计：s.csv:3:2：合计 金额 为 2.00，所含 1 行之和为 1.00（不一致）\n", "\(subtotal.stderr)")
        let subtotalEn = try CLI.run(["totals", "s.csv", "--sum", "金额", "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(subtotalEn.stderr == "Subtotal: 合计 states 2.00 for 金额, its 1 rows sum to 1.00 (mismatch) at s.csv:3:2\n", "\(subtotalEn.stderr)")
    }

    @Test("kinds: the list's columns, built-in, and a kind's key, types, yes/no and words in Chinese by default; English with --lang en")
    func kinds() throws {
        let zh = try CLI.run(["kinds"], errorLanguage: nil)
        #expect(zh.status == 0)
        let lines = zh.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "种类              名称          表                 键              字段数  定义于")
        #expect(lines.contains("treasury-payment  国库集中支付  treasury_payments  voucher         9       内置"))
        let names = ["treasury-payment", "budget-indicator", "procurement", "asset-card", "staffing", "project", "petition", "survey",
                     "treasury_payments", "budget_indicators", "asset_cards", "projects", "petitions", "surveys",
                     "voucher", "document", "item", "plan_id", "card", "department", "project_id", "petition_id"]
        #expect(Self.englishWords(zh.stdout, allowing: names) == [])
        let en = try CLI.run(["kinds", "--lang", "en"], errorLanguage: nil)
        #expect(en.stdout.hasPrefix("kind              title         table              key             fields  defined in\ntreasury-payment  国库集中支付  treasury_payments  voucher         9       built-in\n"))
        #expect(Self.chinese(en.stdout, allowing: ["国库集中支付", "预算指标", "政府采购", "资产卡片", "人员编制", "项目", "信访", "满意度调查"]) == [])

        let one = try CLI.run(["kinds", "treasury-payment"], errorLanguage: nil)
        #expect(one.stdout.hasPrefix("""
            treasury-payment — 国库集中支付（表 treasury_payments；内置）
            键：[voucher]
            日期字段：date

            字段              名称      类型  必填  可读取的表头
            date              支付日期  日期  是    支付日期、日期
            voucher           凭证号    文本  是    凭证号、凭证编号、支付凭证号、支付凭证编号

            """), "\(one.stdout)")
        #expect(one.stdout.hasSuffix("""
            spend_type（支出类型）：读作各取值的词语
              basic：基本支出
              project：项目支出

            """), "\(one.stdout)")
        let fields = ["treasury-payment", "treasury_payments", "voucher", "date", "functional_class", "economic_class", "project",
                      "spend_type", "contract", "summary", "amount", "basic"]
        #expect(Self.englishWords(one.stdout, allowing: fields) == [])
        let oneEn = try CLI.run(["kinds", "treasury-payment", "--lang", "en"], errorLanguage: nil)
        #expect(oneEn.stdout.hasPrefix("treasury-payment — 国库集中支付 (table treasury_payments; built-in)\nkey: [voucher]\ndated by: date\n\nfield             title     type         required  headers read\ndate              支付日期  date         yes       支付日期, 日期\n"), "\(oneEn.stdout)")
        #expect(oneEn.stdout.contains("\nspend_type (支出类型): the words read as each value\n  basic: 基本支出\n  project: 项目支出\n"))
    }

    @Test("export: the table of what it wrote in Chinese by default, English with --lang en; the files are the same")
    func export() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["ingest", ws], in: dir).status == 0)
        let zh = try CLI.run(["export", ws], in: dir, errorLanguage: nil)
        #expect(zh.status == 0, "\(zh.stderr)")
        #expect(zh.stdout == """
            表                 行数  文件
            treasury_payments   305  out/dataset/treasury_payments.csv
            budget_indicators    35  out/dataset/budget_indicators.csv
            procurement          11  out/dataset/procurement.csv
            asset_cards          20  out/dataset/asset_cards.csv
            staffing              4  out/dataset/staffing.csv
            projects             25  out/dataset/projects.csv
            petitions             2  out/dataset/petitions.csv
            surveys               1  out/dataset/surveys.csv

            """)
        let tables = ["treasury_payments", "budget_indicators", "procurement", "asset_cards", "staffing", "projects", "petitions", "surveys"]
        #expect(Self.englishWords(zh.stdout, allowing: ["out/dataset/", ".csv"] + tables) == [])
        let written = try String(contentsOfFile: "\(dir)/\(ws)/out/dataset/treasury_payments.csv", encoding: .utf8)
        let en = try CLI.run(["export", ws, "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(en.stdout.hasPrefix("table              rows  file\ntreasury_payments   305  out/dataset/treasury_payments.csv\n"))
        #expect(Self.chinese(en.stdout, allowing: []) == [])
        #expect(try String(contentsOfFile: "\(dir)/\(ws)/out/dataset/treasury_payments.csv", encoding: .utf8) == written)
        let book = try CLI.run(["export", ws, "--format", "xlsx"], in: dir, errorLanguage: nil)
        #expect(book.stdout.hasPrefix("表                 行数  文件\ntreasury_payments   305  out/dataset/dataset.xlsx [treasury_payments]\n"), "\(book.stdout)")
    }

    @Test("cat: the records as read in either language; its warnings in the language asked for")
    func cat() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-cat-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "a,b\n1,2\n3,4,5\n".write(toFile: dir + "/rag.csv", atomically: true, encoding: .utf8)
        let zh = try CLI.run(["cat", "rag.csv"], in: dir, errorLanguage: nil)
        #expect(zh.status == 0)
        #expect(zh.stdout == "a,b\r\n1,2\r\n3,4,5\r\n")
        #expect(zh.stderr == "警告：第 3 条记录有 3 个字段，但表头有 2 列，位置：rag.csv:3（第 3 条记录，第 8 字节）\n帮助：请检查导出文件这一行是否少了或多了分隔符；值中含有分隔符时必须加引号。\n")
        let en = try CLI.run(["cat", "rag.csv", "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(en.stdout == zh.stdout)
        #expect(en.stderr == "Warning: record 3 has 3 fields but the header has 2 at rag.csv:3 (record 3, byte 8)\nHelp: Check the export for a missing or extra delimiter on this line; a delimiter inside a value must be quoted.\n")

        // A workbook's formula without a cached value: cat's and sheets' warning.
        let books = WorkbookCommandTests.fixtures
        let help = "帮助：请用 Excel 或 LibreOffice 打开该工作簿，待其重新计算后保存。\n"
        let book = try CLI.run(["cat", "formula-no-value.xlsx", "--eol", "lf"], in: books, errorLanguage: nil)
        #expect(book.stdout == "金额,基本支出\n5,\n")
        #expect(book.stderr == "警告：单元格 B2 有公式但没有缓存的值，因此输出为空，位置：formula-no-value.xlsx[Sheet1]\n" + help)
        let sheets = try CLI.run(["sheets", "formula-no-value.xlsx"], in: books, errorLanguage: nil)
        #expect(sheets.stderr == "警告：单元格 B2 有公式但没有缓存的值，位置：formula-no-value.xlsx[Sheet1]\n" + help)
        let bookEn = try CLI.run(["cat", "formula-no-value.xlsx", "--eol", "lf", "--lang", "en"], in: books, errorLanguage: nil)
        #expect(bookEn.stderr == "Warning: cell B2 has a formula but no cached value, so it was written empty at formula-no-value.xlsx[Sheet1]\nHelp: Open the workbook in Excel or LibreOffice, let it recalculate, and save it again.\n")
    }
}

/// enqueue, status and report --all --queue against a real PostgreSQL (TestPostgres).
@Suite("queue tools in one language at a time", .serialized)
struct QueueToolsLanguageTests {
    @Test("enqueue, status and report --all: Chinese by default (report's pages too), English with --lang en")
    func queue() throws {
        let url = try TestPostgres.freshDatabase("queuelang")
        let dir = try QueueTests.fleet(2)
        let empty = try CLI.run(["status", "--queue", url.text], in: dir, errorLanguage: nil)
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout.hasPrefix("队列 ") && empty.stdout.hasSuffix("：尚无排队的单位\n"), "\(empty.stdout)")
        let shownURL = String(empty.stdout.dropFirst(3).dropLast("：尚无排队的单位\n".count))
        let emptyEn = try CLI.run(["status", "--queue", url.text, "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(emptyEn.stdout == "queue at \(shownURL): nothing enqueued\n")

        // report with nothing enqueued: the error in the command's language.
        let nothing = try CLI.run(["report", "--all", "--queue", url.text], in: dir, errorLanguage: nil)
        #expect(nothing.status == 2)
        #expect(nothing.stderr == "错误：队列 \(shownURL) 中没有任何入队记录\n帮助：请先把各单位入队：tieout enqueue DIR --queue URL。\n", "\(nothing.stderr)")
        let nothingEn = try CLI.run(["report", "--all", "--queue", url.text, "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(nothingEn.stderr == "Error: the queue at \(shownURL) has nothing enqueued\nHelp: Queue units first: tieout enqueue DIR --queue URL.\n", "\(nothingEn.stderr)")

        let enqueued = try CLI.run(["enqueue", dir, "--queue", url.text], in: dir, errorLanguage: nil)
        #expect(enqueued.status == 0 && enqueued.stderr.isEmpty, "\(enqueued.stderr)")
        #expect(enqueued.stdout == "排队批次 1：已将 \(dir) 下的 2 个单位排入队列 \(shownURL)\n")
        #expect(ToolsLanguageTests.englishWords(enqueued.stdout, allowing: [dir, shownURL]) == [])
        // A second enqueue of the folder: its note on stderr, in English with --lang en.
        let again = try CLI.run(["enqueue", dir, "--queue", url.text, "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(again.stdout == "enqueue 2: 2 units queued from \(dir) at \(shownURL)\n")
        #expect(again.stderr == "Note: enqueue 1 of this folder still has 2 units queued; they run as well (each enqueue runs every unit once).\n")
        let third = try CLI.run(["enqueue", dir, "--queue", url.text], in: dir, errorLanguage: nil)
        #expect(third.stderr == """
            注意：此文件夹的排队批次 1 仍有 2 个单位在等待；它们也会运行（每个排队批次的单位各运行一次）。
            注意：此文件夹的排队批次 2 仍有 2 个单位在等待；它们也会运行（每个排队批次的单位各运行一次）。

            """, "\(third.stderr)")

        let status = try CLI.run(["status", "--queue", url.text], in: dir, errorLanguage: nil)
        #expect(status.status == 0, "\(status.stderr)")
        let pad = String(repeating: " ", count: 24)
        #expect(status.stdout == """
            排队批次 3（\(dir)）：共 2 个单位：等待 2，运行中 0，完成 0，失败 0
            单位  状态  评分  发现  执行进程  错误
            u01   等待\(pad)
            u02   等待\(pad)

            """, "\(status.stdout)")
        #expect(ToolsLanguageTests.englishWords(status.stdout, allowing: [dir, "u01", "u02"]) == [])
        let statusEn = try CLI.run(["status", "--queue", url.text, "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(statusEn.stdout.hasPrefix("enqueue 3 (\(dir)): 2 units: queued 2, running 0, done 0, failed 0\nunit  state   score  findings  worker  error\nu01   queued"), "\(statusEn.stdout)")
        #expect(ToolsLanguageTests.chinese(statusEn.stdout, allowing: []) == [])

        // No worker ran: both units are failed in the summary, "not run yet", in its language.
        let report = try CLI.run(["report", "--all", "--queue", url.text], in: dir, errorLanguage: nil)
        #expect(report.status == 2, "\(report.stderr)")
        let unitLine = "|  | u01 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | — | 0.0 | 失败：尚未运行：在队列中为“等待” |\n"
        #expect(report.stdout.hasPrefix("2 个单位（正常 0，有问题 0，失败 2）；读取 0 行；用时 0.0 秒（0 个并行）\n"), "\(report.stdout)")
        #expect(report.stdout.contains(unitLine) && report.stdout.hasSuffix("汇总：\(dir)/out/summary.md, summary.html, summary.json, summary.xlsx\n"), "\(report.stdout)")
        #expect(ToolsLanguageTests.englishWords(report.stdout, allowing: [dir + "/out/summary.md", "summary.html", "summary.json", "summary.xlsx", "u01", "u02"]) == [])
        let md = try String(contentsOfFile: dir + "/out/summary.md", encoding: .utf8)
        #expect(md.hasPrefix("# 批量运行汇总\n") && md.contains(unitLine), "\(md)")
        let reportEn = try CLI.run(["report", "--all", "--queue", url.text, "--lang", "en"], in: dir, errorLanguage: nil)
        #expect(reportEn.status == 2)
        #expect(reportEn.stdout.contains("|  | u01 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | — | 0.0 | failed: not run yet: queued in the queue |\n"), "\(reportEn.stdout)")
        #expect(reportEn.stdout.hasSuffix("summary: \(dir)/out/summary.md, summary.html, summary.json, summary.xlsx\n"))
        #expect(ToolsLanguageTests.chinese(reportEn.stdout, allowing: []) == [])
        let mdEn = try String(contentsOfFile: dir + "/out/summary.md", encoding: .utf8)
        #expect(mdEn.hasPrefix("# Batch run summary\n") && ToolsLanguageTests.chinese(mdEn, allowing: []) == [], "\(mdEn)")
        let html = try String(contentsOfFile: dir + "/out/summary.html", encoding: .utf8)
        #expect(html.contains("not run yet: queued in the queue") && !html.contains("尚未运行"))
    }
}
