import Foundation
import Testing

/// What ingest says about the ledgers, in one language at a time: why a file is read again,
/// a renamed, changed or re-issued file, rows that share a key, a subtotal row that disagrees,
/// rows a profile's `where:` leaves out and rejected rows (the console, out/rejects.csv's reason
/// column, the reports and findings.json).
extension LanguageTests {
    /// The workspace's own words (headers, cells, the unit, the kind's field titles): data, in any language.
    static let ingestData = ["测试单位", "凭证号", "凭证状态", "支付日期", "支出类型", "经济分类", "金额", "已审核", "已作废", "基本支出", "办公费", "合计", "记-"]

    /// A workspace whose March export has two rows under one voucher, a voided row (`where:`),
    /// an amount that does not read, a blank date and a 合计 row that disagrees; April's is clean.
    static func ingestWorkspace() throws -> (String, String) {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-lang-ingest-\(UUID().uuidString)").path
        let dir = parent + "/ws"
        for sub in ["/ledgers", "/profiles"] { try FileManager.default.createDirectory(atPath: dir + sub, withIntermediateDirectories: true) }
        try "unit: 测试单位\nfiscal_year: 2024\nsources:\n  - files: ledgers/*.csv\n    profile: p\n".write(toFile: dir + "/tieout.yaml", atomically: true, encoding: .utf8)
        try """
            kind: treasury-payment
            where:
              凭证状态: { not: [已作废] }
            columns: { voucher: 凭证号, date: 支付日期, spend_type: 支出类型, economic_class: 经济分类, amount: 金额 }

            """.write(toFile: dir + "/profiles/p.yaml", atomically: true, encoding: .utf8)
        try """
            凭证号,凭证状态,支付日期,支出类型,经济分类,金额
            记-1,已审核,2024-03-01,基本支出,30201 办公费,100.00
            记-1,已审核,2024-03-01,基本支出,30201 办公费,50.00
            记-2,已作废,2024-03-02,基本支出,30201 办公费,200.00
            记-3,已审核,2024-03-03,基本支出,30201 办公费,12a
            记-4,已审核,,基本支出,30201 办公费,4.00
            合计,,,,,999.00

            """.write(toFile: dir + "/ledgers/2024-03.csv", atomically: true, encoding: .utf8)
        try """
            凭证号,凭证状态,支付日期,支出类型,经济分类,金额
            记-5,已审核,2024-04-01,基本支出,30201 办公费,10.00
            记-6,已审核,2024-04-02,基本支出,30201 办公费,20.00

            """.write(toFile: dir + "/ledgers/2024-04.csv", atomically: true, encoding: .utf8)
        return (parent, "ws")
    }

    /// Everything a person reads after ingest and three runs: the first read; a renamed, a changed
    /// and a re-issued file; the profile edited (every file read again, and why); `--force`.
    static func ingestOutputs(_ flag: [String]) throws -> [(String, String)] {
        let (dir, ws) = try Self.ingestWorkspace()
        let root = "\(dir)/\(ws)/"
        var out: [(String, String)] = []
        let ingest = try CLI.run(["ingest", ws] + flag, in: dir)
        #expect(ingest.status == 1, "\(ingest.stderr)")   // the rejected rows and the 合计 row
        out.append(("ingest", ingest.stdout))
        out.append(("ingest rejects.csv", try String(contentsOfFile: root + "out/rejects.csv", encoding: .utf8)))
        let fm = FileManager.default
        try fm.moveItem(atPath: root + "ledgers/2024-04.csv", toPath: root + "ledgers/2024-04-b.csv")
        let renamed = try CLI.run(["run", ws] + flag, in: dir)
        out.append(("run after the rename", renamed.stdout))
        try String(contentsOfFile: root + "ledgers/2024-03.csv", encoding: .utf8).replacing("100.00", with: "101.00")
            .write(toFile: root + "ledgers/2024-03.csv", atomically: true, encoding: .utf8)
        try """
            凭证号,凭证状态,支付日期,支出类型,经济分类,金额
            记-5,已审核,2024-04-01,基本支出,30201 办公费,11.00
            记-6,已审核,2024-04-02,基本支出,30201 办公费,20.00
            记-7,已审核,2024-04-03,基本支出,30201 办公费,30.00

            """.write(toFile: root + "ledgers/2024-04-r2.csv", atomically: true, encoding: .utf8)
        let changes = try CLI.run(["run", ws] + flag, in: dir)
        #expect(changes.status == 1, "\(changes.stderr)")
        out.append(("run after changes", changes.stdout))
        try (String(contentsOfFile: root + "profiles/p.yaml", encoding: .utf8) + "# 备注\n").write(toFile: root + "profiles/p.yaml", atomically: true, encoding: .utf8)
        let edited = try CLI.run(["run", ws] + flag, in: dir)
        out.append(("run after the profile's edit", edited.stdout))
        let forced = try CLI.run(["ingest", ws, "--force"] + flag, in: dir)
        out.append(("ingest --force", forced.stdout))
        let run = try CLI.run(["run", ws] + flag, in: dir)
        out.append(("run", run.stdout))
        out.append(("rejects.csv", try String(contentsOfFile: root + "out/rejects.csv", encoding: .utf8)))
        out.append(("report.md", Self.withoutCode(try String(contentsOfFile: root + "out/report.md", encoding: .utf8))))
        out.append(("report.html", try Self.visibleText(try String(contentsOfFile: root + "out/report.html", encoding: .utf8))))
        // findings.json: the text fields shown in the default language (the *_en ones are English by design).
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "out/findings.json"))) as? [String: Any]
        let findings = json?["findings"] as? [[String: Any]] ?? []
        #expect(!findings.isEmpty)
        var shown: [String] = []
        for f in findings {
            let en = flag.isEmpty ? "" : "_en"
            shown += ["title", "explanation"].compactMap { f[$0 + en] as? String }
            shown += (f["inputs"] as? [[String: Any]] ?? []).compactMap { ($0["label" + en] as? String) ?? $0["label"] as? String }
        }
        out.append(("findings.json", shown.joined(separator: "\n")))
        return out
    }

    /// English words of the ingest's messages that the Chinese outputs must not use.
    static let ingestEnglishWords = ["rows", "row", "share", "kept", "distinct", "blank", "needs", "states", "sum", "valid", "digits", "shifted",
                                     "again", "order", "changed", "here", "there", "decide", "cannot", "outside", "mistyped", "header", "ledger",
                                     "apart", "tell", "appear", "number", "read", "since", "force"]

    @Test("by default, what ingest says about the ledgers (read again, renamed, changed, re-issued, key repeats, subtotal rows, where:, rejected rows) uses no English word")
    func ingestChinese() throws {
        let outputs = try Self.ingestOutputs([])
        for (name, text) in outputs {
            let t = Self.ingestData.reduce(text) { $0.replacing($1, with: " ") }
            #expect(Self.english(t, words: Self.englishWords + Self.ingestEnglishWords) == [], "\(name)")
        }
        let all = Dictionary(outputs, uniquingKeysWith: { a, b in a + b })
        // The lines themselves, in Chinese.
        #expect(all["ingest"]?.contains("警告：ledgers/2024-03.csv：2 行的 voucher 与文件中另一行相同（1 个键；记-1：第 2、3 行）：均作为不同记录保留，没有一行按重复只计一次") == true, "\(all["ingest"] ?? "")")
        #expect(all["ingest"]?.contains("小计：ledgers/2024-03.csv:7:6：合计 amount 为 999.00，所含各行之和为 150.00（数据不全）\n") == true, "\(all["ingest"] ?? "")")
        #expect(all["ingest"]?.contains("筛除：ledgers/2024-03.csv：1 × 凭证状态 为 已作废（where: not 已作废）\n") == true, "\(all["ingest"] ?? "")")
        #expect(all["rejects.csv"]?.contains("date（支付日期）为空，而 treasury-payment 的每条记录都须有") == true, "\(all["rejects.csv"] ?? "")")
        #expect(all["rejects.csv"]?.contains("amount（金额）：“12a”不是有效金额：数字中不能有“a”") == true, "\(all["rejects.csv"] ?? "")")
        #expect(all["run after the rename"]?.contains("\n  改名 ledgers/2024-04-b.csv ← ledgers/2024-04.csv（记录保留）\n") == true, "\(all["run after the rename"] ?? "")")
        #expect(all["run after changes"]?.contains("\n  有改动 ledgers/2024-03.csv：+0 −0 ~1（新增 0 行，删除 0 行，改动 1 行）\n") == true, "\(all["run after changes"] ?? "")")
        #expect(all["run after changes"]?.contains("\n  重新读取 ledgers/2024-04-b.csv: 文件顺序在其之前的台账已读取，在其后重新读取\n") == true, "\(all["run after changes"] ?? "")")
        #expect(all["run after changes"]?.contains("\n  更正导出 ledgers/2024-04-r2.csv ← ledgers/2024-04-b.csv：+1 −0 ~1（新增 1 行，删除 0 行，改动 1 行）\n") == true, "\(all["run after changes"] ?? "")")
        #expect(all["run after the profile's edit"]?.contains("  重新读取 ledgers/2024-03.csv: 配置 p（或其类型）自上次读取后有改动\n") == true, "\(all["run after the profile's edit"] ?? "")")
        #expect(all["ingest --force"]?.contains("重新读取：ledgers/2024-03.csv：指定了 --force\n") == true, "\(all["ingest --force"] ?? "")")
        // --headers en: the file for scripts, its reasons in English too.
        let (dir, ws) = try Self.ingestWorkspace()
        _ = try CLI.run(["ingest", ws, "--headers", "en"], in: dir)
        let machine = try String(contentsOfFile: "\(dir)/\(ws)/out/rejects.csv", encoding: .utf8)
        #expect(machine.contains(",\"date (支付日期) is blank, and every treasury-payment needs one\","), "\(machine)")
    }

    @Test("--lang en: what ingest says about the ledgers shows no Chinese outside the workspace's own data and file names")
    func ingestEnglish() throws {
        let outputs = try Self.ingestOutputs(["--lang", "en"])
        for (name, text) in outputs {
            // rejects.csv keeps its Chinese column headers by default (--headers en for English ones): data after them.
            let body = name.hasSuffix("rejects.csv") ? text.split(separator: "\n").dropFirst().joined(separator: "\n") : text
            let t = Self.ingestData.reduce(body) { $0.replacing($1, with: " ") }
                .replacingOccurrences(of: #"[A-Za-z0-9_.\-]*/[^\s,:;()|"]*"#, with: " ", options: .regularExpression)
            #expect(Self.chinese(t) == [], "\(name)")
        }
        let all = Dictionary(outputs, uniquingKeysWith: { a, b in a + b })
        #expect(all["ingest"]?.contains("warning: ledgers/2024-03.csv: 2 rows share their voucher with another row of the file (1 keys; 记-1: rows 2, 3): all kept as distinct records, none counted once") == true, "\(all["ingest"] ?? "")")
        #expect(all["rejects.csv"]?.contains("amount (金额): \"\"12a\"\" is not a valid amount: 'a' cannot appear in a number") == true, "\(all["rejects.csv"] ?? "")")
        #expect(all["run after the profile's edit"]?.contains("  read again ledgers/2024-03.csv: the profile p (or its kind) changed since it was read\n") == true, "\(all["run after the profile's edit"] ?? "")")
    }
}
