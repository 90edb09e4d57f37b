import TieoutCore
import TieoutIngest
import TieoutStore

/// Applies the rules: every claim recomputed and compared at its displayed
/// precision; parts = whole among stated figures; the budget flow; cumulative
/// spending; cross-ledger checks; what ingest found (subtotals, conflicts, rejects).
///
/// ```swift
/// let findings = Reconciler(book: book, claims: claims, display: Display()).findings()
/// findings.filter { $0.status == .mismatch }.map(\.title)
/// ```
public struct Reconciler {
    public let book: FigureBook
    public let claims: [Claim]
    public let display: Display
    /// Per rule: the largest difference (in display units) still classed as rounding,
    /// when tieout.yaml sets one; otherwise derived from the displayed precision.
    public var tolerances: [String: Amount] = [:]
    /// Extra findings from the dataset (ingest, months present), added by ``datasetFindings(store:ledgers:)``.
    public var extra: [Finding] = []
    /// The rubric items each figure feeds (empty: findings name none).
    public var links = RubricLinks()

    public init(book: FigureBook, claims: [Claim], display: Display) {
        self.book = book
        self.claims = claims
        self.display = display
    }

    func input(_ f: Figure) -> Finding.Input {
        let e = f.examples
        return Finding.Input(label: f.title, value: display.text(f.value, f.kind), exact: f.value.description, places: e.places, count: e.count, figure: f.id)
    }

    func inputs(_ f: Figure) -> [Finding.Input] {
        [input(f)] + f.inputs.map { i in
            Finding.Input(label: i.label, value: display.text(i.value, i.kind), exact: i.value.description, places: i.places, count: i.count,
                          figure: i.figure)
        }
    }

    public func findings() -> [Finding] {
        var out: [Finding] = []
        for claim in claims where claim.score == nil { out.append(check(claim)) }
        out += identities()
        out += budgetFlow()
        out += crossLedger()
        out += extra
        return out
    }

    // MARK: claims

    func check(_ claim: Claim) -> Finding {
        let id = "claim:\(claim.figure ?? "none")@\(claim.section)"
        guard let figureId = claim.figure else {
            return Finding(id: id, rule: "claim", status: .missingData, title: "所述数字 \(claim.display) 无台账依据",
                           titleEn: "stated figure \(claim.display) has no ledger behind it", expected: claim.display, actual: nil, difference: nil,
                           explanation: "报告陈述了该数字，但工作区的台账中没有可复算它的数据：\(claim.basis ?? "")",
                           explanationEn: "The report states it, but no ledger in the workspace can recompute it: \(claim.basis ?? "")",
                           section: claim.section, inputs: [], rubric: [])
        }
        guard let f = book[figureId] else {
            let m = book.missing[figureId]
            return Finding(id: id, rule: "claim", status: .missingData, title: "无法计算\(m?.title ?? figureId)：报告 \(claim.display)",
                           titleEn: "cannot compute \(m?.titleEn ?? figureId): stated \(claim.display)",
                           expected: claim.display, actual: nil, difference: nil,
                           explanation: "无法从台账复算该数字：\(m?.absence.zh ?? "所需数据为空")。",
                           explanationEn: "It cannot be recomputed from the ledgers: \(m?.absence.en ?? "the data it needs is empty").",
                           section: claim.section, inputs: [], rubric: links.items(for: [figureId]))
        }
        let d = claim.decimals
        let stated = display.shown(claim.value, claim.kind, decimals: d)
        let computed = display.shown(f.value, f.kind, decimals: d)
        let actualText = claim.kind == .amount ? f.value.displayText(in: claim.moneyUnit ?? display.unit, decimals: d) + " " + claim.unit
                                                : display.text(f.value, f.kind, decimals: d)
        let unitWord = claim.kind == .amount ? claim.unit : display.unitText(f.kind)
        var finding = Finding(id: id, rule: "claim", status: .ok, title: "\(f.title)：报告 \(claim.display)", titleEn: "\(f.titleEn): stated \(claim.display)",
                              expected: claim.display, actual: actualText, difference: nil, explanation: "", explanationEn: "",
                              section: claim.section, inputs: inputs(f), rubric: links.items(for: [figureId]))
        // Money claims in another unit than the workspace's: compare in the claim's own unit.
        let claimDisplay = Display(unit: claim.moneyUnit ?? display.unit, decimals: d)
        let s = claim.kind == .amount ? claimDisplay.shown(claim.value, .amount, decimals: d) : stated
        let c = claim.kind == .amount ? claimDisplay.shown(f.value, .amount, decimals: d) : computed
        if s == c {
            finding.explanation = "从台账复算为 \(actualText)，与报告一致。"
            finding.explanationEn = "Recomputed from the ledgers as \(actualText): as stated."
            // A ratio right from the exact amounts but not from the rounded ones is worth saying.
            if let parts = f.ratioOf, let alt = ratioFromDisplayed(parts, decimals: d), alt != c {
                let altText = claim.kind == .ratio ? "\(alt)%" : alt.description
                finding.explanation += "（若以报告所列取整后的数字相除则为 \(altText)：请以未取整金额计算。）"
                finding.explanationEn += " (From the rounded figures the report lists it would be \(altText): compute it from the unrounded amounts.)"
            }
            return finding
        }
        let diff = s - c
        finding.difference = (diff.isNegative ? "" : "+") + diff.description + (unitWord.isEmpty ? "" : " " + unitWord)
        if let parts = f.ratioOf, let alt = ratioFromDisplayed(parts, decimals: d), alt == s {
            finding.status = .rounding
            let names = parts.compactMap { book[$0] }.map { display.text($0.value, $0.kind) }.joined(separator: " ÷ ")
            finding.explanation = "报告以取整后的 \(names) 相除得 \(claim.display)；以台账未取整金额计算为 \(actualText)。差异来自取整。"
            finding.explanationEn = "The report divided the rounded \(names), giving \(claim.display); from the unrounded amounts it is \(actualText). Rounding explains it."
            return finding
        }
        if let tolerance = tolerances["claim"], diff.magnitude <= tolerance {
            finding.status = .rounding
            finding.explanation = "差异 \(finding.difference!) 在 tieout.yaml 设定的容差 \(tolerance) 之内。"
            finding.explanationEn = "The difference \(finding.difference!) is within the tolerance \(tolerance) set in tieout.yaml."
            return finding
        }
        finding.status = .mismatch
        finding.explanation = "报告为 \(claim.display)，台账复算为 \(actualText)（\(f.formula)），差 \(finding.difference!)，不能以取整解释。"
        finding.explanationEn = "The report states \(claim.display); the ledgers give \(actualText) (\(f.titleEn)), a difference of \(finding.difference!) that rounding cannot explain."
        return finding
    }

    /// A ratio recomputed from its parts as the report would show them (money in the
    /// reporting unit at its decimals, counts as they are), in display units at `decimals`.
    func ratioFromDisplayed(_ parts: [String], decimals: Int) -> Amount? {
        guard parts.count == 2, let a = book[parts[0]], let b = book[parts[1]] else { return nil }
        func shownExact(_ f: Figure) -> Amount {
            f.kind == .amount ? f.value.inUnit(display.unit).rounded(scale: display.decimals) : f.value
        }
        guard let r = shownExact(a).ratio(to: shownExact(b)) else { return nil }
        return (r * Amount(100)).rounded(scale: decimals)
    }

    // MARK: parts = whole among stated figures

    public static let identityRules: [(whole: String, parts: [String], title: String, en: String)] = [
        ("budget.initial.total", ["budget.initial.basic", "budget.initial.project"], "年初预算：基本支出 + 项目支出 = 合计", "initial budget: basic + project = total"),
        ("budget.adjusted.total", ["budget.adjusted.basic", "budget.adjusted.project"], "调整后预算：基本支出 + 项目支出 = 合计", "adjusted budget: basic + project = total"),
        ("spend.actual.total", ["spend.actual.basic", "spend.actual.project"], "实际支出：基本支出 + 项目支出 = 合计", "actual spending: basic + project = total"),
        ("procurement.plan.total", ["procurement.plan.services", "procurement.plan.goods"], "政府采购计划：服务类 + 货物类 = 合计", "procurement plan: services + goods = total"),
        ("assets.new.total", ["assets.new.device", "assets.new.furniture", "assets.new.intangible"], "新增资产：设备 + 家具 + 无形资产 = 合计", "new assets: devices + furniture + intangible = total"),
        ("projects.total", ["projects.start-of-year", "projects.mid-year"], "项目：年初 + 年中 = 合计", "projects: start of year + mid-year = total"),
        ("spend.actual.total", ["spend.cumulative.q4"], "第四季度末累计支出 = 全年实际支出", "cumulative spending at Q4 = actual spending"),
        ("execution.rate", ["progress.q4"], "四季度支出进度 = 预算执行率", "Q4 progress = execution rate"),
    ]

    func identities() -> [Finding] {
        var out: [Finding] = []
        func stated(_ id: String) -> Claim? { claims.first { $0.figure == id } }
        for rule in Self.identityRules {
            guard let whole = stated(rule.whole) else { continue }
            let parts = rule.parts.compactMap(stated)
            guard parts.count == rule.parts.count else { continue }
            let kind = whole.kind
            let d = ([whole] + parts).map(\.decimals).max()!
            let claimDisplay = Display(unit: whole.moneyUnit ?? display.unit, decimals: d)
            func shownValue(_ c: Claim) -> Amount { claimDisplay.shown(c.value, kind, decimals: d) }
            let sumParts = parts.reduce(Amount.zero) { $0 + shownValue($1) }
            let diff = shownValue(whole) - sumParts
            let unitText = kind == .amount ? " " + (whole.moneyUnit ?? display.unit).symbol : (kind == .ratio ? "%" : "")
            let partsText = parts.map(\.text).joined(separator: " + ")
            var f = Finding(id: "identity:\(rule.whole)=\(rule.parts.joined(separator: "+"))", rule: "identity", status: .ok, title: rule.title, titleEn: rule.en,
                            expected: whole.text + unitText, actual: (kind == .count ? sumParts.description : sumParts.groupedText) + unitText + "（\(partsText)）", difference: nil,
                            explanation: "", explanationEn: "", section: whole.section,
                            inputs: ([rule.whole] + rule.parts).compactMap { book[$0] }.map(input),
                            rubric: links.items(for: [rule.whole]))
            if diff.isZero {
                f.explanation = "报告所列各项之和等于合计。"
                f.explanationEn = "The stated parts add up to the stated whole."
                out.append(f)
                continue
            }
            f.difference = (diff.isNegative ? "" : "+") + diff.description + unitText
            // n rounded addends may differ from a rounded total by up to n × half a unit of the last digit.
            let halfUnit = Amount(significand: 5, scale: d + 1)
            let bound = tolerances["identity"] ?? (halfUnit * Amount(parts.count))
            let exact = ([rule.whole] + rule.parts).compactMap { book[$0] }.map { "\($0.title) \(display.inDisplayUnits($0.value, $0.kind).rounded(scale: d + 4))" }
            if diff.magnitude <= bound {
                f.status = .rounding
                f.explanation = "各项分别取整到 \(d) 位小数后相加，与取整后的合计相差 \(f.difference!)，在 \(parts.count) × 0.5 个末位单位（\(bound)）之内：未取整时 \(exact.joined(separator: "，"))。"
                f.explanationEn = "Each part was rounded to \(d) decimals before adding; the sum misses the rounded total by \(f.difference!), within \(parts.count) × half a unit of the last digit (\(bound)). Unrounded: \(exact.joined(separator: ", "))."
            } else {
                f.status = .mismatch
                f.explanation = "报告所列各项之和为 \(sumParts)，与合计 \(whole.text) 相差 \(f.difference!)，超出取整可解释的 \(bound)。"
                f.explanationEn = "The stated parts add up to \(sumParts), \(f.difference!) away from the stated total \(whole.text): more than rounding (\(bound)) explains."
            }
            out.append(f)
        }
        return out
    }

    // MARK: budget flow

    func budgetFlow() -> [Finding] {
        var out: [Finding] = []
        for (type, zh, en) in [("basic", "基本支出", "basic"), ("project", "项目支出", "project")] {
            guard let initial = book["budget.initial.\(type)"], let adj = book["budget.adjustment.\(type)"], let adjusted = book["budget.adjusted.\(type)"] else { continue }
            let ok = initial.value + adj.value == adjusted.value
            out.append(Finding(id: "budget-flow:\(type)", rule: "budget-flow", status: ok ? .ok : .mismatch,
                               title: "\(zh)：年初预算 + 调整 = 调整后预算", titleEn: "\(en): initial + adjustments = adjusted",
                               expected: display.text(adjusted.value, .amount), actual: display.text(initial.value + adj.value, .amount), difference: nil,
                               explanation: "年初 \(display.text(initial.value, .amount)) + 调整 \(display.text(adj.value, .amount)) = \(display.text(adjusted.value, .amount))。",
                               explanationEn: "Initial \(display.text(initial.value, .amount)) + adjustments \(display.text(adj.value, .amount)) = \(display.text(adjusted.value, .amount)).",
                               section: nil, inputs: [input(initial), input(adj), input(adjusted)], rubric: links.items(for: ["budget.adjusted.total"])))
        }
        if let total = book["budget.adjustment.total"] {
            let reasons = ["government-investment", "operations", "basic"].compactMap { book["budget.adjustment.reason.\($0)"] }
            let itemised = reasons.reduce(Amount.zero) { $0 + $1.value }
            let rest = total.value - itemised
            out.append(Finding(id: "budget-flow:reasons", rule: "budget-flow", status: rest.isZero ? .ok : .missingData,
                               title: "调整按原因逐项列明", titleEn: "adjustments itemised by reason",
                               expected: display.text(total.value, .amount), actual: display.text(itemised, .amount),
                               difference: rest.isZero ? nil : display.text(rest, .amount),
                               explanation: rest.isZero ? "每一笔调整都有调整原因：" + reasons.map { "\($0.title) \(display.text($0.value, .amount))" }.joined(separator: "，") + "。"
                                                        : "有 \(display.text(rest, .amount)) 的调整没有注明调整原因，无法区分是否为政府投资项目。",
                               explanationEn: rest.isZero ? "Every adjustment has a reason: " + reasons.map { "\($0.titleEn) \(display.text($0.value, .amount))" }.joined(separator: ", ") + "."
                                                          : "\(display.text(rest, .amount)) of adjustments name no reason, so government investment cannot be told apart.",
                               section: nil, inputs: [input(total)] + reasons.map(input), rubric: links.items(for: ["adjustment.ratio"])))
        }
        return out
    }

    // MARK: cross-ledger

    func crossLedger() -> [Finding] {
        var out: [Finding] = []
        /// A check whose figures cannot be computed is missing-data, naming what is missing.
        func missing(_ id: String, _ ids: [String], _ title: String, _ en: String) -> Bool {
            let absent = ids.filter { book[$0] == nil }
            guard !absent.isEmpty else { return false }
            let why = absent.compactMap { book.missing[$0] }
            out.append(Finding(id: "cross-ledger:\(id)", rule: "cross-ledger", status: .missingData, title: title, titleEn: en,
                               expected: nil, actual: nil, difference: nil,
                               explanation: "无法核对：" + why.map { "\($0.title)：\($0.absence.zh)" }.joined(separator: "；") + "。",
                               explanationEn: "Cannot be checked: " + why.map { "\($0.titleEn): \($0.absence.en)" }.joined(separator: "; ") + ".",
                               section: nil, inputs: [], rubric: links.items(for: [ids[0]])))
            return true
        }
        func notAbove(_ id: String, _ actualId: String, _ budgetId: String, _ title: String, _ en: String) {
            if missing(id, [actualId, budgetId], title, en) { return }
            guard let a = book[actualId], let b = book[budgetId] else { return }
            let over = a.value - b.value
            let status: Finding.Status = over.isNegative || over.isZero ? .ok : .mismatch
            out.append(Finding(id: "cross-ledger:\(id)", rule: "cross-ledger", status: status, title: title, titleEn: en,
                               expected: "≤ " + display.text(b.value, b.kind), actual: display.text(a.value, a.kind),
                               difference: status == .ok ? nil : "+" + display.text(over, a.kind),
                               explanation: status == .ok ? "支出 \(display.text(a.value, a.kind)) 未超过预算 \(display.text(b.value, b.kind))。"
                                                          : "支出 \(display.text(a.value, a.kind)) 超过预算 \(display.text(b.value, b.kind))\(b.value.isZero ? "（预算为零）" : "")，超出 \(display.text(over, a.kind))。",
                               explanationEn: status == .ok ? "Spending \(display.text(a.value, a.kind)) is within the budget \(display.text(b.value, b.kind))."
                                                            : "Spending \(display.text(a.value, a.kind)) exceeds the budget \(display.text(b.value, b.kind))\(b.value.isZero ? " (a zero budget)" : "") by \(display.text(over, a.kind)).",
                               section: nil, inputs: [input(a), input(b)], rubric: links.items(for: [actualId])))
        }
        func equal(_ id: String, _ x: String, _ y: String, _ title: String, _ en: String) {
            if missing(id, [x, y], title, en) { return }
            guard let a = book[x], let b = book[y] else { return }
            let diff = a.value - b.value
            out.append(Finding(id: "cross-ledger:\(id)", rule: "cross-ledger", status: diff.isZero ? .ok : .mismatch, title: title, titleEn: en,
                               expected: display.text(b.value, b.kind), actual: display.text(a.value, a.kind),
                               difference: diff.isZero ? nil : display.text(diff, a.kind),
                               explanation: diff.isZero ? "两本台账一致：\(a.title) = \(b.title) = \(display.text(a.value, a.kind))。"
                                                        : "\(a.title) \(display.text(a.value, a.kind)) 与 \(b.title) \(display.text(b.value, b.kind)) 不一致，差 \(display.text(diff, a.kind))。",
                               explanationEn: diff.isZero ? "The two ledgers agree: \(display.text(a.value, a.kind))."
                                                          : "\(a.titleEn) \(display.text(a.value, a.kind)) differs from \(b.titleEn) \(display.text(b.value, b.kind)) by \(display.text(diff, a.kind)).",
                               section: nil, inputs: [input(a), input(b)], rubric: links.items(for: [x])))
        }
        for (line, title, en) in [("abroad", "因公出国（境）费", "official travel abroad"), ("vehicles", "公务用车运行维护费", "official vehicles"),
                                  ("reception", "公务接待费", "official reception")] {
            notAbove("sangong.\(line)", "sangong.actual.\(line)", "sangong.budget.\(line)", "\(title)：支出不超预算", "\(en): spending within budget")
        }
        notAbove("sangong.total", "sangong.actual.total", "sangong.budget.total", "“三公”经费：支出不超预算", "三公: spending within budget")
        notAbove("public", "public.actual", "public.budget", "日常公用经费：支出不超预算", "daily public expenses within budget")
        notAbove("spend.basic", "spend.actual.basic", "budget.adjusted.basic", "基本支出：实际不超调整后预算", "basic spending within the adjusted budget")
        notAbove("spend.project", "spend.actual.project", "budget.adjusted.project", "项目支出：实际不超调整后预算", "project spending within the adjusted budget")
        notAbove("procurement", "procurement.actual", "procurement.plan.total", "政府采购：实际不超计划", "procurement within plan")
        equal("procurement.payments", "procurement.contract-payments", "procurement.actual", "采购合同支付 = 政府采购实际支出", "contract payments = procurement actual")
        equal("assets.capital", "assets.new.total", "spend.capital", "新增资产原值 = 资本性支出（310）", "new assets = capital spending (310)")
        notAbove("staff", "staff.on_post", "staff.authorised", "在编人数不超核定编制", "staff on post within authorised posts")
        equal("projects.targets", "projects.target-filed", "projects.total", "全部项目已编报绩效目标", "every project has a filed target")
        equal("petitions.on-time", "petitions.on-time", "petitions.total", "信访件均及时答复", "every petition replied on time")
        return out
    }
}
