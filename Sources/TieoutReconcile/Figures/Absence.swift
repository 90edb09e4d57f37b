/// Why a figure cannot be computed, in the report's two languages.
public struct Absence: Sendable, Codable, Equatable {
    public var zh: String
    public var en: String
}
