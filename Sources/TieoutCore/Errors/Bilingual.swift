import Foundation

/// A value that reads differently in each language: a nested error, a ``Phrase``. An error's
/// arguments may be bilingual; each language's words get that language's text.
public protocol Bilingual: Sendable {
    func text(english: Bool) -> String
}

/// A piece of an error's words from the catalog (a reason, an optional clause), filled in
/// each language when the error is built.
///
/// ```swift
/// TieoutError(code: "xlsx.limit", key: "xlsx.text-bomb",
///             ["from": bytes > 0 ? Phrase("error.piece.from-bytes", ["n": bytes]) : Phrase.empty], …)
/// ```
public struct Phrase: Bilingual, CustomStringConvertible {
    public let en: String
    public let zh: String
    /// The catalog key, nil for ``empty``.
    public let key: String?

    /// The catalog's `key` in both languages, filled with `args` (which may be bilingual too).
    public init(_ key: String, _ args: [String: any CustomStringConvertible] = [:]) {
        self.key = key
        en = Catalog.text(key, english: true, Self.resolve(args, english: true))
        zh = Catalog.text(key, english: false, Self.resolve(args, english: false))
    }

    /// Nothing, in either language (an optional clause left out).
    public static let empty = Phrase(en: "", zh: "")

    private init(en: String, zh: String) { self.en = en; self.zh = zh; key = nil }

    public func text(english: Bool) -> String { english ? en : zh }
    public var description: String { en }

    /// The arguments as text in one language.
    static func resolve(_ args: [String: any CustomStringConvertible], english: Bool) -> [String: any CustomStringConvertible] {
        args.mapValues { ($0 as? any Bilingual)?.text(english: english) ?? $0.description }
    }
}

/// Bilingual pieces joined: `a, b` in English, `a、b` in Chinese (the catalog's `list.enum`).
public struct Joined: Bilingual, CustomStringConvertible {
    public let parts: [any Bilingual]
    /// Joined with "or" (`'a' or 'b'`, `“a”或“b”`) rather than a list's commas.
    public let or: Bool
    public init(_ parts: [any Bilingual], or: Bool = false) { self.parts = parts; self.or = or }
    public func text(english: Bool) -> String {
        let separator = or ? Catalog.text("error.list.or", english: english) : english ? ", " : Catalog.text("list.enum", english: false)
        return parts.map { $0.text(english: english) }.joined(separator: separator)
    }
    public var description: String { text(english: true) }
}

/// The language of the messages the command line prints on stderr (errors, warnings):
/// the command's `--lang zh|en` when given, else the environment's `TIEOUT_LANG=zh|en`,
/// else Chinese.
public enum ErrorLanguage {
    /// True for English. `arguments` without the program name; an argument after `--` is
    /// an operand, never an option.
    public static func english(arguments: [String], environment: [String: String]) -> Bool {
        var chosen: String?
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { break }
            if a == "--lang", i + 1 < arguments.count { chosen = arguments[i + 1]; i += 2; continue }
            if a.hasPrefix("--lang=") { chosen = String(a.dropFirst("--lang=".count)) }
            i += 1
        }
        if let chosen, chosen == "en" || chosen == "zh" { return chosen == "en" }
        return environment["TIEOUT_LANG"]?.lowercased() == "en"
    }

    /// ``english(arguments:environment:)`` for this process's command line and environment.
    public static var ofThisProcess: Bool {
        english(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
    }
}
