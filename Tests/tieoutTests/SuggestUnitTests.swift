import Foundation
import Testing

/// The unit of an amount column comes from the evidence the export gives (a 单位 line, the
/// column's own header), never a quiet 元: a plan total in 万元 read as 元 is 10,000 times too
/// small. A profile that would read a column against its header's unit fails the file.
@Suite("suggest: units")
struct SuggestUnitTests {
    /// A workspace holding one procurement CSV and, once suggested, its profile.
    static func workspace(_ csv: String) throws -> (dir: String, ws: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-unit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/u/ledgers", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/u/profiles", withIntermediateDirectories: true)
        try csv.write(toFile: dir + "/u/ledgers/采购-2024.csv", atomically: true, encoding: .utf8)
        try """
        unit: 测试单位
        fiscal_year: 2024
        sources:
          - files: ledgers/*.csv
            profile: procurement
        """.write(toFile: dir + "/u/tieout.yaml", atomically: true, encoding: .utf8)
        return (dir, "u")
    }

    static let header = "采购计划表\n计划编号,采购项目,采购类别"

    @Test("a header that names 万元: the profile reads 万元, and the ingested plan total is in 元 ×10,000")
    func headerNamesWan() throws {
        let (dir, ws) = try Self.workspace(Self.header + ",计划金额（万元）\nCG-1,电脑,货物,12.5\nCG-2,打印机,货物,3.25\n")
        let r = try CLI.run(["suggest", "\(ws)/ledgers/采购-2024.csv", "--kind", "procurement", "--lang", "en"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("unit: 万元    # every amount column's header names 万元\n"))
        #expect(!r.stdout.contains("unit: 元"))
        try r.stdout.write(toFile: "\(dir)/\(ws)/profiles/procurement.yaml", atomically: true, encoding: .utf8)
        let totals = try CLI.run(["ingest", ws, "--json"], in: dir)
        #expect(totals.status == 0, "\(totals.stdout)\(totals.stderr)")
        #expect(try CLI.run(["export", "--lang", "en", ws, "--format", "csv"], in: dir).status == 0)
        let exported = try String(contentsOfFile: "\(dir)/\(ws)/out/dataset/procurement.csv", encoding: .utf8)
        #expect(exported.contains(",CG-1,A3,电脑,B3,goods,C3,125000,D3,") && exported.contains(",CG-2,A4,打印机,B4,goods,C4,32500,D4,"), "\(exported)")
    }

    @Test("columns that disagree: each keeps the unit its header names")
    func mixed() throws {
        let (dir, ws) = try Self.workspace(Self.header + ",计划金额（万元）,实际采购金额(元)\nCG-1,电脑,货物,12.5,120000.00\n")
        let r = try CLI.run(["suggest", "\(ws)/ledgers/采购-2024.csv", "--kind", "procurement", "--lang", "en"], in: dir)
        #expect(r.status == 0)
        // No 单位 line and the headers disagree: 元 is a loud guess, and the 万元 column keeps its own.
        #expect(r.stdout.contains("unit: 元    # GUESS — CHECK: no 单位 line, and "))
        #expect(r.stdout.contains("  plan_amount: { from: 计划金额（万元）, unit: 万元 }    # by name; the unit its header names\n"))
        #expect(r.stdout.contains("  actual_amount: 实际采购金额(元)    # by name\n"))
    }

    @Test("no evidence at all: 元, said loudly")
    func noEvidence() throws {
        let (dir, ws) = try Self.workspace(Self.header + ",计划金额\nCG-1,电脑,货物,12.5\n")
        let r = try CLI.run(["suggest", "\(ws)/ledgers/采购-2024.csv", "--kind", "procurement", "--lang", "en"], in: dir)
        #expect(r.stdout.contains("unit: 元    # GUESS — CHECK: no 单位 line and no amount column's header names a unit; amounts taken as 元 (write unit: 万元 if they are in 万元)\n"))
    }

    @Test("a profile reading a （万元） column as 元 fails the file, naming the column and the fix")
    func guardAtIngest() throws {
        let (dir, ws) = try Self.workspace(Self.header + ",计划金额（万元）\nCG-1,电脑,货物,12.5\n")
        try """
        kind: procurement
        unit: 元
        columns:
          plan_id: 计划编号
          item: 采购项目
          category: 采购类别
          plan_amount: 计划金额（万元）
        """.write(toFile: "\(dir)/\(ws)/profiles/procurement.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["ingest", ws, "--lang", "en"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("failed: ledgers/采购-2024.csv: Error: column D '计划金额（万元）' of u/ledgers/采购-2024.csv is in 万元, but profiles/procurement.yaml reads plan_amount in 元"), "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Help: Give the column its unit in a workspace profile (profiles/procurement.yaml): `plan_amount: { from: 计划金额（万元）, unit: 万元 }`, or `unit: 万元` when every amount column is in 万元."))
    }
}

/// Ordinary synonyms of a required field's header are known, and a suggested key never
/// merges lines on their amount.
@Suite("suggest: names and keys")
struct SuggestNamesTests {
    @Test("采购编号 and 品目名称 are the procurement plan's id and item; 凭证编号 and 经济科目 a payment's voucher and class")
    func synonyms() throws {
        let (dir, ws) = try SuggestUnitTests.workspace("采购编号,品目名称,采购类别,计划金额（万元）\nCG-1,电脑,货物,12.5\n")
        let r = try CLI.run(["suggest", "\(ws)/ledgers/采购-2024.csv", "--lang", "en"], in: dir)
        #expect(r.stdout.contains("kind: procurement"))
        #expect(r.stdout.contains("  plan_id: 采购编号    # by name\n") && r.stdout.contains("  item: 品目名称    # by name\n"), "\(r.stdout)")
        #expect(!r.stdout.contains("REQUIRED"))
        try "单位：元\n凭证编号,支付日期,经济科目,支出类型,摘要,金额\n记-1,2024-03-01,30201 办公费,基本支出,纸,10.00\n"
            .write(toFile: "\(dir)/pay.csv", atomically: true, encoding: .utf8)
        let t = try CLI.run(["suggest", "pay.csv", "--kind", "treasury-payment", "--lang", "en"], in: dir)
        #expect(t.stdout.contains("  voucher: 凭证编号    # by name\n") && t.stdout.contains("  economic_class: 经济科目    # by name\n"), "\(t.stdout)")
    }

    @Test("a key that repeats and only amounts tell apart: no key on the amount, a GUESS needed instead")
    func noAmountKey() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-key-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try """
        单位：元
        指标文号,下达日期,指标名称,支出类型,指标类型,金额
        深财预〔2024〕1号,2024-01-05,运转经费,基本支出,年初预算,100.00
        深财预〔2024〕1号,2024-01-05,运转经费,基本支出,年初预算,200.00
        """.write(toFile: dir + "/b.csv", atomically: true, encoding: .utf8)
        let r = try CLI.run(["suggest", "b.csv", "--kind", "budget-indicator", "--lang", "en"], in: dir)
        #expect(r.status == 0)
        #expect(!r.stdout.contains("key: ["), "\(r.stdout)")
        #expect(r.stdout.contains("# GUESS needed: the kind's key (document, item) repeats in this file and no mapped text field tells the rows apart: map the column that does (an entry number, a control line) and add it under key:\n"))
    }
}
