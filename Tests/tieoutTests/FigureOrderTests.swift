import Foundation
import Testing

/// Figures a workspace defines may build on each other in any order of figures.yaml, and an
/// override of a built-in figure may use figures the workspace adds after it.
@Suite("Figures computed after what they use")
struct FigureOrderTests {
    @Test("an override of spend.actual.total from workspace figures defined after it: the sample's findings, unchanged")
    func overrideUsesLaterFigures() throws {
        let (dir, ws) = try WorkspaceCommandTests.sample()
        try """
        figures:
          - id: spend.actual.total
            title: 实际支出（合计）
            en: actual spending, total
            formula: 基本支出 + 项目支出
            add: [ws.basic, ws.project]
          - id: ws.basic
            title: 基本支出（工作区）
            en: basic spending (workspace)
            formula: 基本支出支付之和
            add: [ws.basic.payments]
          - id: ws.basic.payments
            title: 基本支出支付
            en: basic payments
            formula: 支出类型为基本支出的支付之和
            sum: treasury-payment.amount
            where: { spend_type: basic }
          - id: ws.project
            title: 项目支出（工作区）
            en: project spending (workspace)
            formula: 支出类型为项目支出的支付之和
            sum: treasury-payment.amount
            where: { spend_type: project }
        """.write(toFile: "\(dir)/\(ws)/figures.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", ws], in: dir)
        #expect(r.status == 1)
        // Before, the override was computed first and came out missing: 缺少数据 5 (无法计算实际支出（合计）).
        #expect(r.stdout.contains("核对：一致 119，取整差异 1，不一致 2，缺少数据 1，陈述无据 2\n"), "\(r.stdout)")
        #expect(!r.stdout.contains("无法计算"))
        let findings = try String(contentsOfFile: "\(dir)/\(ws)/out/findings.json", encoding: .utf8)
        #expect(findings.contains("\"spend.actual.total\""))
    }
}
