extension RecordKind {
    static let spendType = FieldType.enumeration(["basic", "project"])

    /// 国库集中支付: one payment from the treasury single account.
    public static let treasuryPayment = RecordKind(
        name: "treasury-payment", table: "treasury_payments", title: "国库集中支付",
        fields: [
            FieldSpec("date", "支付日期", .date, required: true),
            FieldSpec("voucher", "凭证号", .text, required: true),
            FieldSpec("functional_class", "功能分类", .text),
            // 30201 办公费, 30211 差旅费, 30212 因公出国(境)费用, 30217 公务接待费,
            // 30231 公务用车运行维护费, 310xx capital spend, …: code and name as exported.
            FieldSpec("economic_class", "经济分类", .text, required: true),
            FieldSpec("project", "项目名称", .text),
            FieldSpec("spend_type", "支出类型", spendType, required: true),
            // The procurement contract a payment settles, when it settles one.
            FieldSpec("contract", "合同编号", .text),
            FieldSpec("summary", "摘要", .text),
            FieldSpec("amount", "金额", .amount, required: true),
        ],
        key: ["voucher"], dateField: "date")

    /// 预算指标: a budget line at the start of the year, or an adjustment to one.
    /// Adjusted budgets are never typed: they are initial lines plus adjustments.
    public static let budgetIndicator = RecordKind(
        name: "budget-indicator", table: "budget_indicators", title: "预算指标",
        fields: [
            FieldSpec("document", "指标文号", .text, required: true),
            FieldSpec("date", "下达日期", .date, required: true),
            FieldSpec("item", "指标名称", .text, required: true),
            FieldSpec("spend_type", "支出类型", spendType, required: true),
            FieldSpec("stage", "指标类型", .enumeration(["initial", "adjustment"]), required: true),
            FieldSpec("reason", "调整原因", .enumeration(["government-investment", "operations", "basic", "other"])),
            // The control lines the rubric compares spending with: 三公 and daily public expenses.
            FieldSpec("control_line", "控制口径", .enumeration(["abroad", "vehicles", "reception", "daily-public", "none"])),
            FieldSpec("amount", "金额", .amount, required: true),
        ],
        key: ["document", "item"], dateField: "date")

    /// 政府采购: a procurement plan line and what was bought against it.
    public static let procurement = RecordKind(
        name: "procurement", table: "procurement", title: "政府采购",
        fields: [
            FieldSpec("plan_id", "计划编号", .text, required: true),
            FieldSpec("item", "采购项目", .text, required: true),
            FieldSpec("category", "采购类别", .enumeration(["goods", "services", "works"]), required: true),
            FieldSpec("plan_amount", "计划金额", .amount, required: true),
            FieldSpec("contract", "合同编号", .text),
            FieldSpec("actual_amount", "实际采购金额", .amount),
        ],
        key: ["plan_id"])

    /// 资产卡片: one fixed or intangible asset.
    public static let assetCard = RecordKind(
        name: "asset-card", table: "asset_cards", title: "资产卡片",
        fields: [
            FieldSpec("card", "卡片编号", .text, required: true),
            FieldSpec("name", "资产名称", .text, required: true),
            FieldSpec("category", "资产分类", .enumeration(["device", "furniture", "intangible", "building", "vehicle", "other"]), required: true),
            FieldSpec("quantity", "数量", .integer),
            FieldSpec("original_value", "原值", .amount, required: true),
            FieldSpec("acquired_on", "取得日期", .date, required: true),
            FieldSpec("acquisition", "取得方式", .enumeration(["purchase", "transfer-in", "built", "other"]), required: true),
            FieldSpec("status", "使用状况", .enumeration(["in-use", "idle", "disposed"]), required: true),
            FieldSpec("disposed_on", "处置日期", .date),
            FieldSpec("disposal", "处置方式", .enumeration(["transfer-out", "sale", "scrap", "other"])),
        ],
        key: ["card"])

    /// 人员编制: authorised posts and people, by department.
    public static let staffing = RecordKind(
        name: "staffing", table: "staffing", title: "人员编制",
        fields: [
            FieldSpec("department", "科室", .text, required: true),
            FieldSpec("authorised", "核定编制数", .integer, required: true),
            FieldSpec("on_post", "实有在编人数", .integer, required: true),
            FieldSpec("off_establishment", "编外人员数", .integer, required: true),
        ],
        key: ["department"])

    /// 项目: a budget project that needs a performance target.
    public static let project = RecordKind(
        name: "project", table: "projects", title: "项目",
        fields: [
            FieldSpec("project_id", "项目编号", .text, required: true),
            FieldSpec("name", "项目名称", .text, required: true),
            FieldSpec("source", "立项批次", .enumeration(["start-of-year", "mid-year"]), required: true),
            FieldSpec("government_investment", "政府投资项目", .boolean, required: true),
            FieldSpec("target_filed", "已编报绩效目标", .boolean, required: true),
            FieldSpec("planned_completion", "计划完成日期", .date, required: true),
            FieldSpec("actual_completion", "实际完成日期", .date),
            FieldSpec("progress", "形象进度", .percentage),
        ],
        key: ["project_id"])

    /// 信访: one petition and its reply.
    public static let petition = RecordKind(
        name: "petition", table: "petitions", title: "信访",
        fields: [
            FieldSpec("petition_id", "信访编号", .text, required: true),
            FieldSpec("received_on", "受理日期", .date, required: true),
            FieldSpec("due_on", "办理期限", .date, required: true),
            FieldSpec("replied_on", "答复日期", .date),
        ],
        key: ["petition_id"], dateField: "received_on")

    /// 满意度调查: one survey's counts.
    public static let survey = RecordKind(
        name: "survey", table: "surveys", title: "满意度调查",
        fields: [
            FieldSpec("survey", "调查名称", .text, required: true),
            FieldSpec("date", "调查日期", .date, required: true),
            FieldSpec("respondents", "有效样本数", .integer, required: true),
            FieldSpec("satisfied", "满意人数", .integer, required: true),
        ],
        key: ["survey"], dateField: "date")

    /// Every kind the dataset has, in schema order.
    public static let builtIn: [RecordKind] = [
        treasuryPayment, budgetIndicator, procurement, assetCard, staffing, project, petition, survey,
    ]
}
