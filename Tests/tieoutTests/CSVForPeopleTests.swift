import Foundation
import Testing

/// The CSVs people open (rejects, score, export, explain) open in Excel and WPS: a UTF-8 BOM and
/// Chinese headers by default; `--headers en` gives scripts the English names without a BOM
/// (issue 24, item 3). Before: every one was BOM-less UTF-8 with English headers, which a
/// Chinese-locale Excel reads as GBK (garbled).
@Suite("CSV for people")
struct CSVForPeopleTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try #require(FileManager.default.contents(atPath: path)))
    }

    /// The file's text after its BOM, split at CRLF; nil when it has no BOM.
    static func afterBOM(_ b: [UInt8]) -> [String]? {
        guard b.starts(with: bom) else { return nil }
        return String(decoding: b.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
    }

    @Test("run, export and explain write a BOM and Chinese headers; --headers en the English ones and no BOM, the rows the same")
    func defaultsAndMachines() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let root = dir + "/" + ws
        #expect(try CLI.run(["run", ws], in: dir).status == 1)   // the sample's two mismatches
        let rejects = try #require(Self.afterBOM(try Self.bytes(root + "/out/rejects.csv")))
        #expect(rejects == ["文件,工作表,行号,文本行号,列,单元格,列名,拒收原因,原行内容", ""])
        let score = try #require(Self.afterBOM(try Self.bytes(root + "/out/score.csv")))
        #expect(score[0] == "一级指标,二级指标,指标编号,三级指标,分值,计算得分,未取整得分,附件得分,计分规则,依据")
        #expect(score.suffix(2) == ["合计,,total,合计,100.00,98.79,98.7895221590750,98.79,sum,", ""])
        #expect(try CLI.run(["export", "--lang", "en", ws], in: dir).status == 0)
        let payments = try #require(Self.afterBOM(try Self.bytes(root + "/out/dataset/treasury_payments.csv")))
        #expect(payments[0] == "文件,文件SHA256,工作表,行号,文本行号,支付日期,支付日期单元格,凭证号,凭证号单元格,功能分类,功能分类单元格,经济分类,经济分类单元格,项目名称,项目名称单元格,支出类型,支出类型单元格,合同编号,合同编号单元格,摘要,摘要单元格,金额,金额单元格")
        let explain = try CLI.run(["explain", ws, "sangong.rate"], in: dir)
        #expect(explain.status == 0)
        let listed = try #require(Self.afterBOM(Array(explain.stdout.utf8)))
        #expect(listed[0] == "部分,文件,工作表,行号,单元格,凭证号,摘要,金额,单位,金额（元）")
        #expect(listed.count == 10)   // the header, 8 records, the last CRLF

        // For scripts: what earlier versions wrote, byte for byte after the header line.
        #expect(try CLI.run(["run", ws, "--headers", "en"], in: dir).status == 1)
        #expect(try Self.bytes(root + "/out/rejects.csv") == Array("file,sheet,row,line,column,cell,column_name,reason,cells\r\n".utf8))
        let scoreEn = String(decoding: try Self.bytes(root + "/out/score.csv"), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(scoreEn[0] == "level1,level2,item_id,item,max,points,exact,claimed,rule,why")
        #expect(Array(scoreEn.dropFirst()) == Array(score.dropFirst()))
        #expect(try CLI.run(["export", "--lang", "en", ws, "--headers", "en"], in: dir).status == 0)
        let paymentsEn = String(decoding: try Self.bytes(root + "/out/dataset/treasury_payments.csv"), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(paymentsEn[0] == "file,file_sha256,sheet,row,line,date,date_cell,voucher,voucher_cell,functional_class,functional_class_cell,economic_class,economic_class_cell,project,project_cell,spend_type,spend_type_cell,contract,contract_cell,summary,summary_cell,amount,amount_cell")
        #expect(Array(paymentsEn.dropFirst()) == Array(payments.dropFirst()))
        let explainEn = try CLI.run(["explain", ws, "sangong.rate", "--headers", "en"], in: dir)
        let listedEn = explainEn.stdout.components(separatedBy: "\r\n")
        #expect(listedEn[0] == "part,file,sheet,row,cell,voucher,summary,amount,unit,yuan")
        #expect(Array(listedEn.dropFirst()) == Array(listed.dropFirst()))
        // JSON keeps its English keys and no BOM whatever the headers.
        let jsonl = try CLI.run(["explain", ws, "sangong.rate", "--format", "jsonl"], in: dir)
        #expect(jsonl.stdout.hasPrefix("{\"part\":"))
    }

    @Test("Tieout reads its own BOM CSV back: tieout cat keys the rows by the Chinese headers, without the BOM")
    func readBack() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["ingest", ws], in: dir).status == 0)
        #expect(try CLI.run(["export", "--lang", "en", ws], in: dir).status == 0)
        let r = try CLI.run(["cat", ws + "/out/dataset/staffing.csv", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let first = try #require(r.stdout.split(separator: "\n").first)
        #expect(first.hasPrefix("{\"文件\":\"ledgers/staffing/人员编制-2024.csv\""), "\(first)")
        #expect(first.hasSuffix("\"科室\":\"办公室\",\"科室单元格\":\"A3\",\"核定编制数\":\"5\",\"核定编制数单元格\":\"B3\",\"实有在编人数\":\"4\",\"实有在编人数单元格\":\"C3\",\"编外人员数\":\"5\",\"编外人员数单元格\":\"D3\"}"), "\(first)")
    }

    @Test("LibreOffice opens score.csv with the Chinese headers intact and the BOM consumed", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice")))
    func libreOffice() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        #expect(try CLI.run(["run", ws], in: dir).status == 1)   // the sample's two mismatches
        let out = dir + "/converted"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/soffice")
        // A private profile (a shared one locks); the file as UTF-8, as Excel reads it for its BOM.
        p.arguments = ["-env:UserInstallation=file://" + dir + "/lo-profile", "--headless", "--infilter=CSV:44,34,76,1",
                       "--convert-to", "xlsx", "--outdir", out, dir + "/" + ws + "/out/score.csv"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        // Read back with Tieout's own workbook reader.
        let r = try CLI.run(["cat", out + "/score.xlsx"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.components(separatedBy: "\r\n")
        #expect(rows[0] == "一级指标,二级指标,指标编号,三级指标,分值,计算得分,未取整得分,附件得分,计分规则,依据")
        #expect(rows.contains { $0.hasPrefix("合计,,total,合计,100,98.79,") }, "\(rows.suffix(3))")
    }

    @Test("run --all --headers en: each unit writes the English headers without a BOM, as a run of its own would")
    func batchForScripts() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let r = try CLI.run(["run", "--all", dir, "--jobs", "1", "--headers", "en"])
        #expect(r.status == 1, "\(r.stderr)")   // the sample's two mismatches
        #expect(try Self.bytes(dir + "/" + ws + "/out/rejects.csv") == Array("file,sheet,row,line,column,cell,column_name,reason,cells\r\n".utf8))
        #expect(String(decoding: try Self.bytes(dir + "/" + ws + "/out/score.csv"), as: UTF8.self).hasPrefix("level1,level2,item_id,item,max,points,exact,claimed,rule,why\r\n"))
    }
}
