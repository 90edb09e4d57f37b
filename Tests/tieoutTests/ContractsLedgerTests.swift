import Foundation
import Testing

/// A unit's own ledger, with YAML alone: a record kind (合同台账), a profile that reads its
/// export, figures over it and claims on them. No Swift changes; the claims are reconciled.
@Suite("A new kind of ledger from YAML alone")
struct ContractsLedgerTests {
    static let kind = """
        # 合同台账: one signed contract.
        kind: contract
        title: 合同台账
        key: [contract_id]
        dated_by: signed_on
        # A register: contracts of any year are listed (the figures keep the fiscal year's).
        date_margin: any
        fields:
          contract_id: { title: 合同编号, type: text, required: true }
          supplier: { title: 供应商, type: text, required: true }
          signed_on: { title: 签订日期, type: date, required: true }
          amount: { title: 合同金额, type: amount, required: true }
        """
    static let profile = """
        kind: contract
        unit: 元
        columns:
          contract_id: 合同编号
          supplier: [供应商, 供应商名称]
          signed_on: 签订日期
          amount: 合同金额
        """
    static let ledger = """
        合同编号,供应商名称,签订日期,合同金额
        HT-2024-001,深圳市某科技有限公司,2024-02-15,"1,200,000.00"
        HT-2024-002,深圳市某物业服务有限公司,2024-05-08,350000.00
        HT-2023-019,深圳市某设备有限公司,2023-12-20,80000.00

        """
    static let figures = """
        figures:
          - id: contracts.signed.total
            title: 本年签订合同金额
            en: contracts signed this year, amount
            formula: 签订日期在本财年内的合同金额之和
            sum: contract.amount
            where: { signed_on: { in: fiscal-year } }
            label: 本年签订的合同
          - id: contracts.signed.count
            title: 本年签订合同份数
            en: contracts signed this year
            formula: 签订日期在本财年内的合同
            count: contract
            where: { signed_on: { in: fiscal-year } }
          - id: contracts.share-of-spending
            title: 合同金额占实际支出比例
            en: contracts to actual spending
            formula: 本年签订合同金额 ÷ 实际支出
            ratio: [contracts.signed.total, spend.actual.total]
        """
    static let claims = """
          - figure: contracts.signed.total
            value: "155.00"
            unit: 万元
            section: 三（一）合同管理
          - figure: contracts.signed.count
            value: "3"
            unit: 份
            section: 三（一）合同管理

        """

    static func workspace() throws -> (dir: String, ws: String) {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        let root = dir + "/" + ws
        let fm = FileManager.default
        for folder in ["kinds", "profiles", "ledgers/contracts"] { try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true) }
        try kind.write(toFile: root + "/kinds/contract.yaml", atomically: true, encoding: .utf8)
        try profile.write(toFile: root + "/profiles/contracts.yaml", atomically: true, encoding: .utf8)
        try ledger.write(toFile: root + "/ledgers/contracts/合同台账-2024.csv", atomically: true, encoding: .utf8)
        try figures.write(toFile: root + "/figures.yaml", atomically: true, encoding: .utf8)
        var config = try String(contentsOfFile: root + "/tieout.yaml", encoding: .utf8)
        config += "  - files: ledgers/contracts/*.csv\n    profile: contracts\n"
        try config.write(toFile: root + "/tieout.yaml", atomically: true, encoding: .utf8)
        var c = try String(contentsOfFile: root + "/claims.yaml", encoding: .utf8)
        if !c.hasSuffix("\n") { c += "\n" }
        try (c + claims).write(toFile: root + "/claims.yaml", atomically: true, encoding: .utf8)
        return (dir, ws)
    }

    @Test("合同台账: the kind gets its table, the figures are computed in the dataset, the claims are reconciled")
    func contracts() throws {
        let (dir, ws) = try Self.workspace()
        let ingest = try CLI.run(["ingest", ws, "--lang", "en"], in: dir)
        #expect(ingest.status == 0, "\(ingest.stdout)\(ingest.stderr)")
        #expect(ingest.stdout.contains("ledgers/contracts/合同台账-2024.csv         contracts          new      2023-12..2024-05     3         3         0         0        0\n"))
        #expect(ingest.stdout.contains("kind: contract: new table contract(contract_id TEXT, supplier TEXT, signed_on TEXT, amount TEXT)\n"))
        let reconcile = try CLI.run(["reconcile", ws], in: dir)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/" + ws + "/out/findings.json"))) as! [String: Any]
        let findings = json["findings"] as! [[String: Any]]
        func finding(_ prefix: String) -> [String: Any]? { findings.first { ($0["id"] as! String).hasPrefix(prefix) } }
        let total = try #require(finding("claim:contracts.signed.total@"))
        #expect(total["status"] as? String == "ok")
        #expect(total["actual"] as? String == "155.00 万元")
        let inputs = total["inputs"] as! [[String: Any]]
        #expect(inputs[1]["label"] as? String == "本年签订的合同" && inputs[1]["count"] as? Int == 2)
        #expect(inputs[1]["places"] as? [String] == ["ledgers/contracts/合同台账-2024.csv!D2", "ledgers/contracts/合同台账-2024.csv!D3"])
        let count = try #require(finding("claim:contracts.signed.count@"))
        #expect(count["status"] as? String == "mismatch")
        #expect(count["explanation"] as? String == "报告为 3 份，台账复算为 2（签订日期在本财年内的合同），差 -1，不能以取整解释。")
        // The figures are listed with the built-in ones; the ratio over a built-in figure too.
        let figures = json["figures"] as! [[String: Any]]
        #expect(figures.first { $0["id"] as? String == "contracts.share-of-spending" }?["value"] as? String == "0.011218107908")
        #expect(reconcile.status == 1)   // the sample's own mismatches, and the count above
        // explain lists the two contracts of the year, summing to the figure.
        let explain = try CLI.run(["explain", ws, "contracts.signed.total", "--headers", "en"], in: dir)
        #expect(explain.stdout == """
            part,file,sheet,row,cell,amount,unit,yuan\r
            本年签订合同金额 › 本年签订的合同,ledgers/contracts/合同台账-2024.csv,,2,D2,120.00,万元,1200000.00\r
            本年签订合同金额 › 本年签订的合同,ledgers/contracts/合同台账-2024.csv,,3,D3,35.00,万元,350000.00\r

            """)
        #expect(explain.stderr == "明细：2 条记录；其值之和 1550000.00 = contracts.signed.total 1550000.00 元（155.00 万元）\n")
    }

    @Test("a changed kind definition: the table is made anew and the ledger read again, with the new field filled")
    func changedDefinition() throws {
        let (dir, ws) = try Self.workspace()
        #expect(try CLI.run(["ingest", ws, "--lang", "en"], in: dir).status == 0)
        let root = dir + "/" + ws
        try (Self.kind + "\n  paid: { title: 已付金额, type: amount }\n").write(toFile: root + "/kinds/contract.yaml", atomically: true, encoding: .utf8)
        try (Self.profile + "\n  paid: 已付金额\n").write(toFile: root + "/profiles/contracts.yaml", atomically: true, encoding: .utf8)
        try """
            合同编号,供应商名称,签订日期,合同金额,已付金额
            HT-2024-001,深圳市某科技有限公司,2024-02-15,"1,200,000.00",
            HT-2024-002,深圳市某物业服务有限公司,2024-05-08,350000.00,100000.00
            HT-2023-019,深圳市某设备有限公司,2023-12-20,80000.00,80000.00

            """.write(toFile: root + "/ledgers/contracts/合同台账-2024.csv", atomically: true, encoding: .utf8)
        let again = try CLI.run(["ingest", ws, "--lang", "en"], in: dir)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("kind: contract: definition changed (+ field paid amount): its table made anew, 1 files read again\n"))
        let export = try CLI.run(["export", "--lang", "en", ws, "--headers", "en"], in: dir)
        #expect(export.status == 0)
        let rows = try String(contentsOfFile: root + "/out/dataset/contract.csv", encoding: .utf8).split(separator: "\r\n")
        #expect(rows.count == 4 && rows[0].hasSuffix(",amount,amount_cell,paid,paid_cell"))
        #expect(rows[2].hasSuffix(",350000.00,D3,100000.00,E3"))
    }
}
