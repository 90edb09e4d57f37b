import Foundation
import Testing
import TieoutCore
import TieoutTestSupport
import TieoutXLSX

/// Workbooks out (issue 24): out/score.xlsx and out/findings.xlsx from `tieout run`,
/// `export --format xlsx`, `explain … --format xlsx`; each read back the same by Tieout's
/// reader, by openpyxl and by LibreOffice (scripts/xlsx-dump.py).
@Suite("Workbook outputs", .serialized)
struct WorkbookOutputTests {
    /// The sample, with formula-looking contract numbers in four treasury rows, run once.
    static let sample: (dir: String, ws: String, runStatus: Int32) = {
        let (dir, ws) = try! WorkspaceCommandTests.sample()
        let path = dir + "/" + ws + "/ledgers/treasury/2024-03.csv"
        var lines = try! Data(contentsOf: URL(fileURLWithPath: path)).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Array($0) }
        // The empty 合同编号 cell (G) of the first four data rows that have one (GB18030: an ASCII
        // comma is never inside a character; only the last field, the amount, is quoted).
        var k = 0
        for i in 3..<lines.count where k < Self.formulaTexts.count {
            var fields = lines[i].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { Array($0) }
            guard fields.count > 8, fields[6].isEmpty else { continue }
            fields[6] = Array(Self.formulaTexts[k].utf8)
            lines[i] = Array(fields.joined(separator: [UInt8(ascii: ",")]))
            k += 1
        }
        try! Data(lines.joined(separator: [UInt8(ascii: "\n")])).write(to: URL(fileURLWithPath: path))
        let r = try! CLI.run(["run", ws], in: dir)
        return (dir, ws, r.status)
    }()

    static let formulaTexts = ["=SUM(I1:I9)", "+1", "-2", "@x"]

    /// Every sheet as Tieout reads it, with its merged ranges.
    static func tieoutRead(_ path: String) throws -> [(name: String, rows: [[String]], merged: [String])] {
        let book = try XLSXWorkbook(path: path)
        var out: [(name: String, rows: [[String]], merged: [String])] = []
        for (i, s) in book.sheets.enumerated() {
            var rows: [[String]] = []
            let report = try book.readRows(of: i) { row in
                while rows.count < row.number - 1 { rows.append([]) }
                var r: [String] = []
                for c in row.cells {
                    while r.count < c.column - 1 { r.append("") }
                    r.append(c.text(date1904: book.date1904))
                }
                while r.last == "" { r.removeLast() }
                rows.append(r)
            }
            while rows.last?.isEmpty == true { rows.removeLast() }
            out.append((s.name, rows, report.mergedRanges.sorted()))
        }
        return out
    }

    /// The three readings agree: sheet names, cells, merged ranges.
    static func agree(_ path: String) throws -> (tieout: [(name: String, rows: [[String]], merged: [String])], openpyxl: DumpedWorkbook) {
        let mine = try tieoutRead(path)
        let py = try DumpedWorkbook.read(path)
        let lo = try DumpedWorkbook.read(path, libreOffice: true)
        #expect(py.sheets.map(\.name) == mine.map(\.name))
        #expect(lo.sheets.map(\.name) == mine.map(\.name))
        for (k, s) in mine.enumerated() where k < py.sheets.count && k < lo.sheets.count {
            #expect(DumpedWorkbook.same(py.sheets[k].rows, s.rows), "openpyxl reads \(path) [\(s.name)] otherwise: \(py.sheets[k].rows.prefix(8)) vs \(s.rows.prefix(8))")
            #expect(DumpedWorkbook.same(lo.sheets[k].rows, s.rows), "LibreOffice reads \(path) [\(s.name)] otherwise: \(lo.sheets[k].rows.prefix(8)) vs \(s.rows.prefix(8))")
            #expect(py.sheets[k].merged == s.merged && lo.sheets[k].merged == s.merged, "merged: openpyxl \(py.sheets[k].merged), LibreOffice \(lo.sheets[k].merged), Tieout \(s.merged)")
        }
        return (mine, py)
    }

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    @Test("out/score.xlsx: the annex's layout — 评价指标 over 一级/二级/三级指标, those merged down their items, scores as numbers, 依据, total 98.79")
    func scoreWorkbook() throws {
        let s = Self.sample
        let out = s.dir + "/" + s.ws + "/out"
        let (mine, py) = try Self.agree(out + "/score.xlsx")
        #expect(mine.map(\.name) == ["评分"])
        let rows = mine[0].rows
        #expect(rows[0] == ["部门整体支出绩效评价表（计算）"])
        #expect(rows[2] == ["评价指标", "", "", "分值", "计算得分", "附件得分", "依据"])
        #expect(rows[3] == ["一级指标", "二级指标", "三级指标"])
        let score = try Self.json(out + "/score.json")
        let items = score["items"] as! [[String: Any]]
        #expect(rows.count == 4 + items.count + 1)
        for (k, item) in items.enumerated() {
            let r = rows[4 + k]
            #expect(r[2] == item["name"] as! String)
            #expect(Amount(r[3]) == Amount(item["max"] as! String) && Amount(r[4]) == Amount(item["points"] as! String), "\(r)")
            #expect(r[6] == (item["why"] as! [String]).joined(separator: "；"))
        }
        let total = rows[4 + items.count]
        #expect(total[0] == "合计" && total[3] == "100" && total[4] == "98.79" && total[5] == "98.79", "\(total)")
        // 一级指标 merged over each run of its items, 二级指标 over each run within it.
        func runs(_ keys: [String], column: String) -> [String] {
            var out: [String] = [], start = 0
            for i in keys.indices where i == keys.count - 1 || keys[i + 1] != keys[i] {
                if i > start { out.append("\(column)\(5 + start):\(column)\(5 + i)") }
                start = i + 1
            }
            return out
        }
        let l1 = items.map { $0["level1"] as! String }, l2 = items.map { ($0["level1"] as! String) + "/" + ($0["level2"] as! String) }
        let expected = (["A1:G1", "A2:G2", "A3:C3", "D3:D4", "E3:E4", "F3:F4", "G3:G4", "A\(5 + items.count):C\(5 + items.count)"] + runs(l1, column: "A") + runs(l2, column: "B")).sorted()
        #expect(mine[0].merged == expected)
        #expect(runs(l1, column: "A").count >= 3)
        // The scores are numbers to openpyxl, not text.
        #expect(py.sheets[0].types.contains("float") || py.sheets[0].types.contains("int"))
    }

    @Test("out/findings.xlsx: every finding, coloured by class, with a filter; every source cell with its file, sheet, row and cell")
    func findingsWorkbook() throws {
        let s = Self.sample
        let out = s.dir + "/" + s.ws + "/out"
        let (mine, py) = try Self.agree(out + "/findings.xlsx")
        #expect(mine.map(\.name) == ["发现", "来源单元格"])
        let findings = try Self.json(out + "/findings.json")["findings"] as! [[String: Any]]
        let main = mine[0].rows
        #expect(main[0] == ["类别", "规则", "标题", "报告所述", "台账复算", "差异", "说明", "章节", "编号"])
        #expect(main.count == findings.count + 1)
        // Not-ok findings first, worst first as the reports list them: mismatch, unsupported, missing-data, rounding, then ok.
        let statuses = main.dropFirst().map { $0[0] }
        let rank = ["mismatch": 0, "unsupported": 1, "missing-data": 2, "rounding": 3, "ok": 4]
        #expect(statuses == statuses.sorted { rank[$0]! < rank[$1]! }, "\(statuses.prefix(6))")
        #expect(statuses.sorted() == findings.map { $0["status"] as! String }.sorted())
        #expect(statuses.first == "mismatch" && statuses.contains("missing-data") && statuses.contains("rounding") && statuses.last == "ok")
        #expect(Set(main.dropFirst().map { $0[8] }) == Set(findings.map { $0["id"] as! String }))
        let fills = ["mismatch": "FFFFC7CE", "unsupported": "FFE4DFEC", "missing-data": "FFD9D9D9", "rounding": "FFFFEB9C", "ok": "FFC6EFCE"]
        for (k, status) in statuses.enumerated() {
            #expect(py.sheets[0].fills[k + 1].first == fills[status], "row \(k + 2): \(status) filled \(py.sheets[0].fills[k + 1].first ?? "none")")
        }
        #expect(py.sheets[0].filter == "A1:I\(findings.count + 1)")
        // Places: one row per source cell, split into file, sheet, row and cell.
        let places = mine[1].rows
        #expect(places[0] == ["类别", "编号", "标题", "输入", "输入值", "精确值", "文件", "工作表", "行", "单元格"])
        let count = findings.reduce(0) { n, f in n + (f["inputs"] as! [[String: Any]]).reduce(0) { $0 + max(1, ($1["places"] as! [String]).count) } }
        #expect(places.count == count + 1)
        #expect(places.contains { $0.count >= 10 && $0[6] == "ledgers/budget/预算指标台账-2024.xlsx" && $0[7] == "预算指标台账-2024" && $0[9].hasPrefix("H") && $0[8] == String($0[9].dropFirst()) })
        #expect(places.contains { $0.count >= 10 && $0[6] == "ledgers/treasury/2024-09.csv" && $0[7] == "" && $0[9] == "I19" && $0[8] == "19" })
        #expect(py.sheets[1].filter == "A1:J\(count + 1)")
    }

    @Test("export --format xlsx: a sheet per kind, the jsonl export's values, formula-looking text as text; a kind past the row limit continues on 'KIND (2)'")
    func exportWorkbook() throws {
        let s = Self.sample
        let root = s.dir + "/" + s.ws
        let j = try CLI.run(["export", "--lang", "en", s.ws, "--format", "jsonl"], in: s.dir)
        #expect(j.status == 0, "\(j.stderr)")
        // For people (the default), the CSV export's Chinese headers; for scripts (--headers en), the jsonl keys.
        let zh = try CLI.run(["export", "--lang", "en", s.ws, "--format", "xlsx"], in: s.dir)
        #expect(zh.status == 0, "\(zh.stderr)")
        let people = try DumpedWorkbook.read(root + "/out/dataset/dataset.xlsx")
        #expect(people.sheets.first?.rows.first?.prefix(7) == ["文件", "文件SHA256", "工作表", "行号", "文本行号", "支付日期", "支付日期单元格"])
        let r = try CLI.run(["export", "--lang", "en", s.ws, "--format", "xlsx", "--xlsx-rows-per-sheet", "100", "--headers", "en"], in: s.dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("treasury_payments   305  out/dataset/dataset.xlsx [treasury_payments] [treasury_payments (2)] [treasury_payments (3)] [treasury_payments (4)]"), "\(r.stdout)")
        let (mine, py) = try Self.agree(root + "/out/dataset/dataset.xlsx")
        #expect(mine.map(\.name) == ["treasury_payments", "treasury_payments (2)", "treasury_payments (3)", "treasury_payments (4)", "budget_indicators",
                                     "procurement", "asset_cards", "staffing", "projects", "petitions", "surveys"])
        // Each kind's sheets, joined, are its jsonl export: the same header, rows and values.
        for table in ["treasury_payments", "budget_indicators", "procurement", "asset_cards", "staffing", "projects", "petitions", "surveys"] {
            let sheets = mine.filter { $0.name == table || $0.name.hasPrefix(table + " (") }
            let header = sheets[0].rows[0]
            #expect(sheets.allSatisfy { $0.rows[0] == header })
            let data = sheets.flatMap { $0.rows.dropFirst() }
            let text = try String(contentsOfFile: root + "/out/dataset/\(table).jsonl", encoding: .utf8)
            let objects = text.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: String] }
            let expected = objects.map { o in
                var row = header.map { o[$0] ?? "<missing \($0)>" }
                while row.last == "" { row.removeLast() }
                return row
            }
            #expect(DumpedWorkbook.same(data, expected), "\(table): \(data.prefix(2)) vs \(expected.prefix(2))")
        }
        // The formula-looking contract numbers are text cells, as written (Tieout, openpyxl and LibreOffice agreed above).
        let contracts = mine.filter { $0.name.hasPrefix("treasury_payments") }.flatMap { sheet in
            sheet.rows.dropFirst().compactMap { row -> String? in
                let i = sheet.rows[0].firstIndex(of: "contract")!
                return i < row.count && !row[i].isEmpty ? row[i] : nil
            }
        }
        for text in Self.formulaTexts { #expect(contracts.contains(text), "\(text) not in \(contracts.prefix(10))") }
        #expect(py.sheets[0].types.contains("datetime"))   // dates are dates
    }

    @Test("explain --format xlsx: out/explain/FIGURE.xlsx, the records jsonl lists, the values adding up to the figure")
    func explainWorkbook() throws {
        let s = Self.sample
        let j = try CLI.run(["explain", s.ws, "spend.actual.total", "--format", "jsonl"], in: s.dir)
        #expect(j.status == 0, "\(j.stderr)")
        let zh = try CLI.run(["explain", s.ws, "spend.actual.total", "--format", "xlsx"], in: s.dir)
        #expect(zh.status == 0, "\(zh.stderr)")
        #expect(try DumpedWorkbook.read(s.dir + "/" + s.ws + "/out/explain/spend.actual.total.xlsx").sheets.first?.rows.first
                == ["部分", "文件", "工作表", "行号", "单元格", "凭证号", "摘要", "金额", "单位", "金额（元）"])
        let r = try CLI.run(["explain", s.ws, "spend.actual.total", "--format", "xlsx", "--headers", "en"], in: s.dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == j.stderr)
        let path = s.dir + "/" + s.ws + "/out/explain/spend.actual.total.xlsx"
        #expect(r.stdout.hasSuffix("out/explain/spend.actual.total.xlsx\n"), "\(r.stdout)")
        let (mine, _) = try Self.agree(path)
        #expect(mine.map(\.name) == ["spend.actual.total"])
        let objects = j.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let columns = ["part", "file", "sheet", "row", "cell", "voucher", "summary", "amount", "unit", "yuan"]
        #expect(mine[0].rows[0] == columns)
        let expected = objects.map { o in columns.map { k in (o[k] as? String) ?? (o[k] as? NSNumber).map { "\($0)" } ?? "" } }
        #expect(DumpedWorkbook.same(Array(mine[0].rows.dropFirst()).map { $0 + Array(repeating: "", count: columns.count - $0.count) }, expected))
        let sum = Amount.sum(mine[0].rows.dropFirst().map { Amount($0[9])! })
        #expect(j.stderr.contains("其值之和 \(sum.rescaled(to: 2)) ="), "\(j.stderr) vs \(sum)")
    }

    @Test("a workbook that cannot be put in place is exit 2 naming the file, never success; no temporary file is left")
    func writeFailure() throws {
        let s = Self.sample
        let dir = s.dir + "/" + s.ws + "/out/explain"
        try? FileManager.default.removeItem(atPath: dir + "/spend.actual.total.xlsx")
        // A folder where the workbook goes: the finished workbook cannot be renamed over it.
        try FileManager.default.createDirectory(atPath: dir + "/spend.actual.total.xlsx", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/spend.actual.total.xlsx/keep"))
        defer { try? FileManager.default.removeItem(atPath: dir + "/spend.actual.total.xlsx") }
        let r = try CLI.run(["explain", s.ws, "spend.actual.total", "--format", "xlsx"], in: s.dir)
        #expect(r.status == 2, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("out/explain/spend.actual.total.xlsx"), "\(r.stderr)")
        #expect(r.stderr.contains("help:") || r.stderr.contains("writable"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") } == [])
    }
}
