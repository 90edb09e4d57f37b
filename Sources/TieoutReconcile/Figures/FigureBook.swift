import TieoutCore
import TieoutIngest
import TieoutStore

/// Every figure a self-evaluation states, computed from the dataset: budgets,
/// spending, progress, procurement, 三公 and public expenses, assets, staff,
/// projects, petitions, satisfaction. Figures are exact; display rounds them.
///
/// ```swift
/// let book = FigureBook(ledgers)
/// book["spend.actual.total"]?.value   // 138169467.85 (元)
/// book["progress.q3"]?.value          // 0.659733… (of the adjusted budget)
/// ```
public struct FigureBook: Sendable {
    public private(set) var figures: [String: Figure] = [:]
    /// In the order they were computed (reports list them this way).
    public private(set) var order: [String] = []

    /// Figures that cannot be computed, with why: an absent ledger, a zero denominator.
    /// Every documented figure is either in `figures` or here.
    public private(set) var missing: [String: (title: String, titleEn: String, absence: Absence)] = [:]

    public subscript(id: String) -> Figure? { figures[id] }

    /// Every figure id the book defines, computed or not (what claims may name).
    public var known: Set<String> { Set(order).union(missing.keys) }

    mutating func add(_ f: Figure) {
        if let absence = f.inputs.lazy.compactMap(\.absence).first {
            missing[f.id] = (f.title, f.titleEn, absence)
            return
        }
        if figures[f.id] == nil { order.append(f.id) }
        figures[f.id] = f
    }

    mutating func sum(_ id: String, _ title: String, _ en: String, formula: String, _ inputs: [FigureInput], kind: FigureKind = .amount) {
        add(Figure(id: id, title: title, titleEn: en, kind: kind, value: inputs.reduce(Amount.zero) { $0 + $1.value },
                   formula: formula, inputs: inputs))
    }

    /// A computed figure as the input of another; a missing one carries its absence.
    func input(_ id: String) -> FigureInput {
        if let f = figures[id] { let e = f.examples; return FigureInput(label: f.title, value: f.value, kind: f.kind, places: e.places, count: e.count, figure: id) }
        let m = missing[id]
        return FigureInput(label: m?.title ?? id, value: .zero, absence: m?.absence ?? Absence(zh: "无法计算 \(id)", en: "\(id) cannot be computed"))
    }

    /// `a ÷ b` as a ratio; missing when `b` is zero (a rate of nothing is not 0%) or either cannot be computed.
    mutating func ratio(_ id: String, _ title: String, _ en: String, _ a: String, _ b: String, formula: String) {
        for part in [a, b] where figures[part] == nil {
            missing[id] = (title, en, input(part).absence!)
            return
        }
        guard let x = figures[a], let y = figures[b], let v = x.value.ratio(to: y.value) else {
            let y = figures[b]!
            missing[id] = (title, en, Absence(zh: "分母\(y.title)为零，比率无从计算", en: "the denominator, \(y.titleEn), is zero"))
            return
        }
        add(Figure(id: id, title: title, titleEn: en, kind: .ratio, value: v, formula: formula,
                   inputs: [input(a), input(b)],
                   ratioOf: [a, b]))
    }

    /// `a − b`; missing when either is.
    mutating func difference(_ id: String, _ title: String, _ en: String, _ a: String, _ b: String, formula: String, kind: FigureKind = .amount) {
        let x = input(a), y = input(b)
        add(Figure(id: id, title: title, titleEn: en, kind: kind, value: x.value - y.value, formula: formula,
                   inputs: [FigureInput(label: x.label, value: x.value, kind: kind, places: x.places, count: x.count, figure: x.figure, absence: x.absence),
                            { var i = FigureInput(label: y.label, value: y.value, kind: kind, places: y.places, count: y.count, figure: y.figure, absence: y.absence)
                              i.subtracted = true; return i }()]))
    }

    /// Three-公 lines: budget control line → economic class code of the payments.
    public static let sanGong: [(line: String, code: String, title: String, en: String)] = [
        ("abroad", "30212", "因公出国（境）费", "official travel abroad"),
        ("vehicles", "30231", "公务用车运行维护费", "official vehicles"),
        ("reception", "30217", "公务接待费", "official reception"),
    ]

    /// Daily public expenses: basic spending on goods and services (302xx) other than the 三公 codes.
    static func isDailyPublic(_ r: StoredRecord) -> Bool {
        guard r.text("spend_type") == "basic", let code = r.text("economic_class") else { return false }
        return code.hasPrefix("302") && !sanGong.contains { code.hasPrefix($0.code) }
    }

    public init(_ l: Ledgers) {
        let year = l.fiscalYear
        // Budget.
        for (type, zh, en) in [("basic", "基本支出", "basic"), ("project", "项目支出", "project")] {
            sum("budget.initial.\(type)", "年初预算（\(zh)）", "initial budget, \(en)", formula: "指标类型为年初预算的\(zh)指标之和",
                [total(l.budget, "amount", label: "年初预算\(zh)指标") { $0.text("spend_type") == type && $0.text("stage") == "initial" }])
            sum("budget.adjustment.\(type)", "预算调整（\(zh)）", "budget adjustments, \(en)", formula: "\(zh)调整指标之和",
                [total(l.budget, "amount", label: "\(zh)调整指标") { $0.text("spend_type") == type && $0.text("stage") == "adjustment" }])
            sum("budget.adjusted.\(type)", "调整后预算（\(zh)）", "adjusted budget, \(en)", formula: "年初预算 + 调整",
                [input("budget.initial.\(type)"), input("budget.adjustment.\(type)")])
        }
        for stage in ["initial", "adjustment", "adjusted"] {
            let zh = ["initial": "年初预算", "adjustment": "预算调整", "adjusted": "调整后预算"][stage]!
            sum("budget.\(stage).total", "\(zh)（合计）", "\(stage == "adjustment" ? "budget adjustments" : stage + " budget"), total",
                formula: "基本支出 + 项目支出", [input("budget.\(stage).basic"), input("budget.\(stage).project")])
        }
        for (reason, zh, en) in [("government-investment", "政府投资项目追加", "government-investment additions"),
                                 ("operations", "履职类项目追加", "operations additions"), ("basic", "基本支出调整", "basic-spending adjustments")] {
            sum("budget.adjustment.reason.\(reason)", zh, en, formula: "调整原因为\(zh)的调整指标之和",
                [total(l.budget, "amount", label: zh) { $0.text("stage") == "adjustment" && $0.text("reason") == reason }])
        }
        difference("budget.adjustment.excluding-investment", "预算调整（剔除政府投资项目）", "adjustments excluding government investment",
                   "budget.adjustment.total", "budget.adjustment.reason.government-investment", formula: "调整合计 − 政府投资项目追加")
        ratio("adjustment.ratio", "预算调整、调剂占年初预算比例", "adjustments to initial budget", "budget.adjustment.total", "budget.initial.total",
              formula: "调整合计 ÷ 年初预算")
        ratio("adjustment.ratio-excluding-investment", "预算调整、调剂占年初预算比例（剔除政府投资项目）", "adjustments excluding government investment to initial budget",
              "budget.adjustment.excluding-investment", "budget.initial.total", formula: "（调整合计 − 政府投资项目追加）÷ 年初预算")

        // Spending.
        for (type, zh, en) in [("basic", "基本支出", "basic"), ("project", "项目支出", "project")] {
            sum("spend.actual.\(type)", "实际支出（\(zh)）", "actual spending, \(en)", formula: "支出类型为\(zh)的国库集中支付之和",
                [total(l.treasury, "amount", label: "\(zh)支付") { $0.text("spend_type") == type }])
        }
        sum("spend.actual.total", "实际支出（合计）", "actual spending, total", formula: "全部国库集中支付之和",
            [total(l.treasury, "amount", label: "国库集中支付")])
        ratio("execution.rate", "预算执行率", "budget execution rate", "spend.actual.total", "budget.adjusted.total", formula: "实际支出 ÷ 调整后预算")
        ratio("execution.project-rate", "项目总预算执行率", "project budget execution rate", "spend.actual.project", "budget.adjusted.project",
              formula: "项目支出 ÷ 项目调整后预算")
        for q in 1...4 {
            let end = CalendarDate(year: year, month: q * 3, day: q == 1 || q == 4 ? 31 : 30)!
            sum("spend.cumulative.q\(q)", "第\(q)季度末累计支出", "cumulative spending at the end of Q\(q)", formula: "支付日期不晚于\(end)的支付之和",
                [total(l.treasury, "amount", label: "截至\(end)的支付") { $0.date("date").map { $0 <= end } ?? false }])
            ratio("progress.q\(q)", "\(["一", "二", "三", "四"][q - 1])季度部门预算支出进度", "Q\(q) spending progress", "spend.cumulative.q\(q)", "budget.adjusted.total",
                  formula: "季度末累计支出 ÷ 调整后预算")
        }
        sum("spend.personnel-projects", "人员类项目支出", "personnel spending in projects", formula: "项目支出中工资福利（301）和劳务费（30226）的支付之和",
            [total(l.treasury, "amount", label: "人员类项目支付") { r in
                guard r.text("spend_type") == "project", let c = r.text("economic_class") else { return false }
                return c.hasPrefix("301") || c.hasPrefix("30226")
            }])
        sum("spend.capital", "资本性支出（310）", "capital spending (310)", formula: "经济分类为310的支付之和",
            [total(l.treasury, "amount", label: "310 支付") { $0.text("economic_class")?.hasPrefix("310") == true }])

        // Procurement.
        for (cat, zh, en) in [("services", "服务类", "services"), ("goods", "货物类", "goods"), ("works", "工程类", "works")] {
            sum("procurement.plan.\(cat)", "政府采购计划（\(zh)）", "procurement plan, \(en)", formula: "\(zh)采购计划金额之和",
                [total(l.procurement, "plan_amount", label: "\(zh)计划") { $0.text("category") == cat }])
        }
        sum("procurement.plan.total", "政府采购年度总指标", "procurement plan, total", formula: "采购计划金额之和",
            [total(l.procurement, "plan_amount", label: "采购计划")])
        sum("procurement.actual", "政府采购实际支出", "procurement actual", formula: "实际采购金额之和",
            [total(l.procurement, "actual_amount", label: "实际采购")])
        ratio("procurement.rate", "政府采购执行率", "procurement execution rate", "procurement.actual", "procurement.plan.total", formula: "实际采购金额 ÷ 采购计划金额")
        sum("procurement.contract-payments", "采购合同支付", "payments on procurement contracts", formula: "有合同编号的国库集中支付之和",
            [total(l.treasury, "amount", label: "合同支付") { $0["contract"] != nil }])

        // 三公 and daily public expenses.
        for s in Self.sanGong {
            sum("sangong.budget.\(s.line)", "\(s.title)预算", "\(s.en) budget", formula: "控制口径为\(s.title)的指标之和",
                [total(l.budget, "amount", label: "\(s.title)指标") { $0.text("control_line") == s.line }])
            sum("sangong.actual.\(s.line)", "\(s.title)支出", "\(s.en) spending", formula: "经济分类\(s.code)的支付之和",
                [total(l.treasury, "amount", label: "\(s.code) 支付") { $0.text("economic_class")?.hasPrefix(s.code) == true }])
        }
        sum("sangong.budget.total", "“三公”经费预算", "三公 budget", formula: "三项之和",
            Self.sanGong.map { input("sangong.budget.\($0.line)") })
        sum("sangong.actual.total", "“三公”经费支出", "三公 spending", formula: "三项之和",
            Self.sanGong.map { input("sangong.actual.\($0.line)") })
        ratio("sangong.rate", "“三公”经费控制率", "三公 control rate", "sangong.actual.total", "sangong.budget.total", formula: "“三公”经费实际支出 ÷ 预算")
        sum("public.budget", "日常公用经费预算", "daily public expenses budget", formula: "控制口径为日常公用经费的指标之和",
            [total(l.budget, "amount", label: "日常公用经费指标") { $0.text("control_line") == "daily-public" }])
        sum("public.actual", "日常公用经费支出", "daily public expenses", formula: "基本支出中302类（除“三公”科目）的支付之和",
            [total(l.treasury, "amount", label: "日常公用经费支付", where: Self.isDailyPublic)])
        ratio("public.rate", "公用经费控制率", "public expenses control rate", "public.actual", "public.budget", formula: "日常公用经费决算数 ÷ 调整预算数")

        // Assets.
        @Sendable func acquiredThisYear(_ r: StoredRecord) -> Bool { r.date("acquired_on")?.year == year }
        for (cat, zh, en) in [("device", "设备", "devices"), ("furniture", "家具和用具", "furniture"), ("intangible", "无形资产", "intangible assets")] {
            let keep: @Sendable (StoredRecord) -> Bool = { acquiredThisYear($0) && $0.text("category") == cat && ["purchase", "built"].contains($0.text("acquisition")!) }
            sum("assets.new.\(cat)", "新增\(zh)原值", "new \(en), original value", formula: "本年购置或建设的\(zh)原值之和",
                [total(l.assets, "original_value", label: "新增\(zh)", where: keep)])
            sum("assets.new.\(cat).count", "新增\(zh)数量", "new \(en), count", formula: "数量之和",
                [count(l.assets, label: "新增\(zh)", field: "quantity", where: keep)], kind: .count)
        }
        sum("assets.new.total", "新增资产原值", "new assets, original value", formula: "本年购置或建设的资产原值之和",
            [total(l.assets, "original_value", label: "新增资产") { acquiredThisYear($0) && ["purchase", "built"].contains($0.text("acquisition")!) }])
        sum("assets.transfer-in", "无偿划拨调入资产原值", "assets transferred in, original value", formula: "本年无偿调入资产原值之和",
            [total(l.assets, "original_value", label: "无偿调入") { acquiredThisYear($0) && $0.text("acquisition") == "transfer-in" }])
        sum("assets.transfer-in.count", "无偿划拨调入资产数量", "assets transferred in, count", formula: "数量之和",
            [count(l.assets, label: "无偿调入", field: "quantity") { acquiredThisYear($0) && $0.text("acquisition") == "transfer-in" }], kind: .count)
        sum("assets.disposed", "处置资产原值", "assets disposed, original value", formula: "本年处置资产原值之和",
            [total(l.assets, "original_value", label: "处置资产") { $0.date("disposed_on")?.year == year }])
        sum("assets.in-use", "在用资产原值", "assets in use", formula: "使用状况为在用的资产原值之和",
            [total(l.assets, "original_value", label: "在用资产") { $0.text("status") == "in-use" }])
        sum("assets.held", "资产原值（未处置）", "assets held", formula: "未处置资产原值之和",
            [total(l.assets, "original_value", label: "未处置资产") { $0.text("status") != "disposed" }])
        ratio("assets.utilisation", "固定资产利用率", "fixed-asset utilisation", "assets.in-use", "assets.held", formula: "在用资产原值 ÷ 全部资产原值")

        // Staff.
        for (field, zh, en) in [("authorised", "核定编制人数", "authorised posts"), ("on_post", "实有在编人数", "staff on post"),
                                ("off_establishment", "编制外人员", "off-establishment staff")] {
            sum("staff.\(field)", zh, en, formula: "各科室之和", [count(l.staffing, label: zh, field: field)], kind: .count)
        }
        ratio("staff.control-rate", "财政供养人员控制率", "staff control rate", "staff.on_post", "staff.authorised", formula: "在编人数 ÷ 核定编制数")
        sum("staff.all", "在职人员总数", "all staff", formula: "在编 + 编外", [input("staff.on_post"), input("staff.off_establishment")], kind: .count)
        ratio("staff.off-ratio", "编外人员控制率", "off-establishment ratio", "staff.off_establishment", "staff.all", formula: "编外人员 ÷（在编 + 编外）")

        // Projects.
        sum("projects.total", "应编报绩效目标的项目数", "projects needing targets", formula: "项目台账行数", [count(l.projects, label: "项目")], kind: .count)
        sum("projects.start-of-year", "年初项目数", "start-of-year projects", formula: "立项批次为年初的项目",
            [count(l.projects, label: "年初项目") { $0.text("source") == "start-of-year" }], kind: .count)
        sum("projects.mid-year", "年中下达项目数", "mid-year projects", formula: "立项批次为年中的项目",
            [count(l.projects, label: "年中项目") { $0.text("source") == "mid-year" }], kind: .count)
        sum("projects.government-investment", "政府投资项目数", "government-investment projects", formula: "政府投资项目",
            [count(l.projects, label: "政府投资项目") { $0.text("government_investment") == "true" }], kind: .count)
        sum("projects.target-filed", "已编报绩效目标的项目数", "projects with a filed target", formula: "已编报绩效目标的项目",
            [count(l.projects, label: "已编报") { $0.text("target_filed") == "true" }], kind: .count)
        sum("projects.on-time", "按计划完成的项目数", "projects completed on time", formula: "实际完成日期不晚于计划完成日期的项目",
            [count(l.projects, label: "按时完成") { r in
                guard let done = r.date("actual_completion"), let plan = r.date("planned_completion") else { return false }
                return done <= plan
            }], kind: .count)
        difference("projects.without-target", "未编报绩效目标的项目数", "projects without a filed target", "projects.total", "projects.target-filed",
                   formula: "应编报 − 已编报", kind: .count)
        ratio("projects.target-coverage", "绩效目标覆盖率", "target coverage", "projects.target-filed", "projects.total", formula: "已编报 ÷ 应编报")
        ratio("projects.on-time-rate", "项目按时完成率", "projects on time", "projects.on-time", "projects.total", formula: "按时完成 ÷ 全部项目")

        // Petitions and satisfaction.
        sum("petitions.total", "信访件数", "petitions", formula: "信访登记行数", [count(l.petitions, label: "信访件")], kind: .count)
        sum("petitions.replied", "已答复信访件数", "petitions replied", formula: "有答复日期的信访件",
            [count(l.petitions, label: "已答复") { $0.date("replied_on") != nil }], kind: .count)
        sum("petitions.on-time", "及时答复信访件数", "petitions replied on time", formula: "答复日期不晚于办理期限的信访件",
            [count(l.petitions, label: "及时答复") { r in
                guard let replied = r.date("replied_on"), let due = r.date("due_on") else { return false }
                return replied <= due
            }], kind: .count)
        ratio("petitions.reply-rate", "群众信访办理回复率", "petition reply rate", "petitions.replied", "petitions.total", formula: "已答复 ÷ 信访件数")
        ratio("petitions.on-time-rate", "群众信访及时办理回复率", "petitions replied on time", "petitions.on-time", "petitions.total", formula: "及时答复 ÷ 信访件数")
        sum("survey.respondents", "满意度调查有效样本", "survey respondents", formula: "有效样本数之和",
            [count(l.surveys, label: "有效样本", field: "respondents")], kind: .count)
        sum("survey.satisfied", "满意人数", "satisfied respondents", formula: "满意人数之和", [count(l.surveys, label: "满意", field: "satisfied")], kind: .count)
        ratio("survey.rate", "公众或服务对象满意度", "satisfaction", "survey.satisfied", "survey.respondents", formula: "满意人数 ÷ 有效样本数")
    }
}
