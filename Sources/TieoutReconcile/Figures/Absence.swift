import TieoutCore

/// Why a figure cannot be computed, in the report's two languages.
public struct Absence: Sendable, Codable, Equatable {
    public var zh: String
    public var en: String
}

extension Absence: Bilingual, CustomStringConvertible {
    /// The reason in a language, for an error's words.
    public func text(english: Bool) -> String { english ? en : zh }
    public var description: String { en }
}
