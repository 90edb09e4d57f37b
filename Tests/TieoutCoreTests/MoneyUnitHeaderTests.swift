import Testing
import TieoutCore

@Suite("The unit a column header names")
struct MoneyUnitHeaderTests {
    @Test("bracketed units, in every bracket exports use", arguments: [
        ("计划金额（万元）", MoneyUnit.wanYuan), ("金额(元)", .yuan), ("预算数[万元]", .wanYuan), ("支出【亿元】", .yiYuan),
        ("金额（单位：万元）", .wanYuan), ("金额 ( 万元 )", .wanYuan), ("金额/计划（万元）", .wanYuan), ("实际（含税）(元)", .yuan),
    ])
    func named(header: String, unit: MoneyUnit) {
        #expect(MoneyUnit.named(inHeader: header) == unit)
    }

    @Test("no unit: none in brackets, or words that only contain one", arguments: ["金额", "万元以上项目数", "金额（含税）", "金额（万元", "单位万元"])
    func none(header: String) {
        #expect(MoneyUnit.named(inHeader: header) == nil)
    }
}
