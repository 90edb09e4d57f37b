import TieoutReconcile

/// The language reports speak: Chinese by default, in the rubric's and the
/// ledgers' own terms; English on request. JSON keys are always English.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case zh, en

    func t(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }

    func status(_ s: Finding.Status) -> String {
        switch s {
        case .ok: t("一致", "ok")
        case .rounding: t("取整差异", "rounding")
        case .mismatch: t("不一致", "mismatch")
        case .missingData: t("缺少数据", "missing data")
        case .unsupported: t("陈述无据", "unsupported")
        }
    }

    func title(_ f: Finding) -> String { self == .zh ? f.title : f.titleEn }
    func explanation(_ f: Finding) -> String { self == .zh ? f.explanation : f.explanationEn }
    func title(_ f: Figure) -> String { self == .zh ? f.title : f.titleEn }
}

extension Finding.Status {
    var color: String {
        switch self {
        case .ok: "#2e7d32"
        case .rounding: "#1565c0"
        case .mismatch: "#c62828"
        case .missingData: "#ef6c00"
        case .unsupported: "#6a1b9a"
        }
    }
}
