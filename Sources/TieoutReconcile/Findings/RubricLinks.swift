/// Which rubric items (部门整体支出绩效评价共性指标体系框架) a figure feeds, with their
/// maximum points: what a wrong figure puts at stake.
enum RubricLinks {
    static let items: [(prefix: String, item: String, points: String)] = [
        ("budget.initial", "预算编制合理性", "5"),
        ("budget.adjust", "财务合规性", "3"),
        ("adjustment.", "财务合规性", "3"),
        ("budget.adjusted", "预算执行率", "6"),
        ("spend.actual", "预算执行率", "6"),
        ("spend.cumulative", "预算执行率", "6"),
        ("execution.rate", "预算执行率", "6"),
        ("progress.", "预算执行率", "6"),
        ("execution.project-rate", "项目完成及时性", "6"),
        ("procurement.", "政府采购执行情况", "2"),
        ("sangong.", "公用经费控制率", "6"),
        ("public.", "公用经费控制率", "6"),
        ("assets.utilisation", "固定资产利用率", "1"),
        ("assets.", "资产管理安全性", "2"),
        ("spend.capital", "资产管理安全性", "2"),
        ("staff.control-rate", "财政供养人员控制率", "1"),
        ("staff.on_post", "财政供养人员控制率", "1"),
        ("staff.authorised", "财政供养人员控制率", "1"),
        ("staff.", "编外人员控制率", "1"),
        ("projects.target", "绩效目标完整性", "3"),
        ("projects.on-time", "项目完成及时性", "6"),
        ("projects.", "绩效目标完整性", "3"),
        ("petitions.", "群众信访办理情况", "3"),
        ("survey.", "公众或服务对象满意度", "6"),
        ("satisfaction", "公众或服务对象满意度", "6"),
    ]

    static func items(for figures: [String]) -> [Finding.RubricItem] {
        var out: [Finding.RubricItem] = []
        for f in figures {
            guard let hit = items.first(where: { f.hasPrefix($0.prefix) }) else { continue }
            if !out.contains(where: { $0.item == hit.item }) { out.append(Finding.RubricItem(item: hit.item, points: hit.points)) }
        }
        return out
    }
}
