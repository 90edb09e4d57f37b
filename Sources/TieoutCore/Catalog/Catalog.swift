/// Every user-facing string of the reports, the score and the console summaries, one table
/// per language (Catalog+zh.swift, Catalog+en.swift): a key and a template whose `{name}`
/// placeholders are filled in. Swift tables rather than resource files: they ship inside the
/// binary (no bundle to find at run time) and every target can use them (the scorer writes
/// its reasons in both languages). `CatalogTests` checks that both tables have the same keys
/// and placeholders and that the English one holds no Chinese.
///
/// ```swift
/// Catalog.text("console.difference", english: false, ["value": "+0.50 万元"])   // "（差 +0.50 万元）"
/// ```
public enum Catalog {
    public static func table(english: Bool) -> [String: String] { english ? en : zh }

    /// The main tables, per language: the reports', the score's and the console's words
    /// (Catalog+zh.swift, Catalog+en.swift), then those of the setup commands (init, suggest,
    /// validate, claims: Catalog+SetupZh/En.swift) and of the tools that show files, kinds and
    /// the dataset (cat, sheets, totals, kinds, export, status, enqueue, report:
    /// Catalog+ToolsZh/En.swift). A key is defined in one of them only (CatalogTests).
    static let mainParts: (zh: [[String: String]], en: [[String: String]]) = ([mainZh, setupZh, toolsZh], [mainEn, setupEn, toolsEn])
    static let zh = mainParts.zh.reduce(into: [:]) { $0.merge($1) { first, _ in first } }
    static let en = mainParts.en.reduce(into: [:]) { $0.merge($1) { first, _ in first } }

    /// The errors' words (`error.*`), one table per language (Catalog+ErrorsZh.swift,
    /// Catalog+ErrorsEn.swift; ErrorCatalogTests checks them like the main tables), with the
    /// words of each area's errors in a file pair of its own (``errorParts``).
    public static func errors(english: Bool) -> [String: String] { english ? allErrorsEn : allErrorsZh }

    /// The error tables, per language: the general one, then one per area (the settings'
    /// YAML keys of the ingest target, those of figures, claims, rules and the rubric, the
    /// store and the readers). A key is defined in one of them only (ErrorCatalogTests).
    static let errorParts: (zh: [[String: String]], en: [[String: String]]) = (
        [errorsZh, errorsSettingsZh, errorsDefinitionsZh, errorsStoreReadersZh],
        [errorsEn, errorsSettingsEn, errorsDefinitionsEn, errorsStoreReadersEn])
    static let allErrorsZh = errorParts.zh.reduce(into: [:]) { $0.merge($1) { first, _ in first } }
    static let allErrorsEn = errorParts.en.reduce(into: [:]) { $0.merge($1) { first, _ in first } }

    /// The template for `key` with its placeholders filled; `{key}` (never the other
    /// language's text) when a table lacks it, which the catalog test rules out.
    public static func text(_ key: String, english: Bool, _ args: [String: any CustomStringConvertible] = [:]) -> String {
        guard let template = table(english: english)[key] ?? errors(english: english)[key] else { return "{\(key)}" }
        // One pass, so a value that holds braces is never filled in again; a placeholder
        // without a value stays as it is (a caller may fill it later).
        var out = "", rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            out += args[name]?.description ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The text in both languages, for models that carry both (a finding's explanation, a score's reasons).
    public static func both(_ key: String, _ args: [String: any CustomStringConvertible] = [:]) -> (zh: String, en: String) {
        (text(key, english: false, args), text(key, english: true, args))
    }

    /// The name of a money unit: 万元, or "10k yuan" in English.
    public static func unit(_ u: MoneyUnit, english: Bool) -> String { text("unit.\(u.rawValue)", english: english) }

    /// The placeholders a template uses, for the test that both languages fill the same ones.
    public static func placeholders(_ template: String) -> Set<String> {
        var out = Set<String>(), rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }
}
