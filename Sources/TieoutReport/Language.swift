import TieoutReconcile

/// The language reports speak: Chinese by default, in the rubric's and the
/// ledgers' own terms; English on request. JSON keys are always English. Every word a
/// report or console summary shows comes from the catalog (Catalog/Catalog+zh.swift, +en.swift).
public enum ReportLanguage: String, Sendable, CaseIterable {
    case zh, en

    /// The old way, a string written in both languages at the call. Kept so that code written
    /// against it still builds; a new string goes into Catalog+zh.swift and Catalog+en.swift.
    @available(*, deprecated, message: "Add the string to TieoutCore's Catalog+zh.swift and Catalog+en.swift and use s(_:_:).")
    func t(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }

    /// A finding's class in words (the catalog's `status.*`).
    public func status(_ st: Finding.Status) -> String { s("status.\(st.rawValue)") }

    /// A finding's title; in English with its unit words too (`stated 2,935.01 10k yuan`).
    func title(_ f: Finding) -> String { self == .zh ? f.title : units(f.titleEn) }
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
