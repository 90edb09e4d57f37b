import Foundation
import Testing

/// Text compared in Unicode NFC: a pattern, word or file name written with é as one
/// character matches one written as e + U+0301, and back (issue 20, item 13).
@Suite("Unicode normalization")
struct NormalizationTests {
    /// A workspace whose one ledger is in folder `folder` on disk, named `pattern` in tieout.yaml.
    static func workspace(folder: String, pattern: String) throws -> (String, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-nfc-\(UUID().uuidString)").path
        let ws = "nfc"
        let root = dir + "/" + ws
        let nfd = folder, nfc = pattern
        try FileManager.default.createDirectory(atPath: root + "/ledgers/" + nfd, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/profiles", withIntermediateDirectories: true)
        // The folder on disk is NFD (as macOS writes it); the pattern is NFC.
        try """
            unit: 测试单位
            fiscal_year: 2024
            sources:
              - files: ledgers/\(nfc)/*.csv
                profile: paiements

            """.write(toFile: root + "/tieout.yaml", atomically: true, encoding: .utf8)
        // The word in the map is NFD; the cell is NFC.
        try """
            extends: treasury-payments
            unit: 元
            columns:
              spend_type:
                from: 支出类型
                map: { "De\\u0301pense": basic, 项目支出: project }

            """.write(toFile: root + "/profiles/paiements.yaml", atomically: true, encoding: .utf8)
        try """
            凭证号,支付日期,功能分类,经济分类,项目名称,支出类型,合同编号,摘要,金额
            V1,2024-03-01,2013101,30201,Caf\u{e9} Lumi\u{e8}re,D\u{e9}pense,,a,100.00
            V2,2024-03-02,2013101,30201,Cafe\u{301} Noir,项目支出,,b,250.00
            V3,2024-03-03,2013101,30201,The\u{301},项目支出,,c,7.00
            V4,2024-03-04,2013101,30201,Th\u{e9},De\u{301}pense,,d,1.00

            """.write(toFile: root + "/ledgers/\(nfd)/2024-03.csv", atomically: true, encoding: .utf8)
        // prefix written NFD, glob written NFC: each must find both café rows.
        try """
            figures:
              - { id: x.prefix, title: 前缀, en: prefix, formula: f, sum: treasury-payment.amount, where: { project: { prefix: "Cafe\\u0301" } } }
              - { id: x.glob, title: 模式, en: glob, formula: f, sum: treasury-payment.amount, where: { project: { glob: "*Caf\\u00e9*" } } }
              - { id: x.basic, title: 基本, en: basic, formula: f, sum: treasury-payment.amount, where: { spend_type: basic } }

            """.write(toFile: root + "/figures.yaml", atomically: true, encoding: .utf8)
        return (dir, ws)
    }

    static func check(_ dir: String, _ ws: String, folder nfd: String) throws {
        let i = try CLI.run(["ingest", ws], in: dir)
        #expect(i.status == 0, "\(i.stdout)\(i.stderr)")
        #expect(i.stdout.contains("ledgers/\(nfd)/2024-03.csv"), "\(i.stdout)")
        for (figure, records, total, wan) in [("x.prefix", 2, "350.00", "0.04"), ("x.glob", 2, "350.00", "0.04"), ("x.basic", 2, "101.00", "0.01")] {
            let e = try CLI.run(["explain", ws, figure], in: dir)
            #expect(e.stderr == "明细：\(records) 条记录；其值之和 \(total) = \(figure) \(total) 元（\(wan) 万元）\n", "\(figure): \(e.stderr)")
        }
    }

    @Test("prefix: (written NFD) and glob: (NFC) in figures.yaml, and a profile's word map (NFD), against cells in either form: all match")
    func cells() throws {
        let (dir, ws) = try Self.workspace(folder: "cafe", pattern: "cafe")
        try Self.check(dir, ws, folder: "cafe")
    }

    @Test("a sources pattern written NFC, the folder on disk NFD (as macOS names it): the ledger is found and read")
    func fileNames() throws {
        let (dir, ws) = try Self.workspace(folder: "cafe\u{301}", pattern: "caf\u{e9}")
        try Self.check(dir, ws, folder: "cafe\u{301}")
    }
}
