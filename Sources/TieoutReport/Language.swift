import TieoutReconcile

/// The language reports speak: Chinese by default, in the rubric's and the
/// ledgers' own terms; English on request. JSON keys are always English. Every word a
/// report or console summary shows comes from the catalog (Catalog/Catalog+zh.swift, +en.swift).
public enum ReportLanguage: String, Sendable, CaseIterable {
    case zh, en

    /// A finding's class in words (the catalog's `status.*`).
    public func status(_ st: Finding.Status) -> String { s("status.\(st.rawValue)") }

    /// A finding's title; in English with its unit words too (`stated 2,935.01 10k yuan`).
    func title(_ f: Finding) -> String { self == .zh ? f.title : units(f.titleEn) }
    func explanation(_ f: Finding) -> String { self == .zh ? f.explanation : f.explanationEn }
    func title(_ f: Figure) -> String { self == .zh ? f.title : f.titleEn }
}
