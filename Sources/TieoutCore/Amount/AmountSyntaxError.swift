/// Why a text is not an amount. It quotes the text; the caller adds where it was.
///
/// ```swift
/// do { _ = try Amount.parse("1,23.4") }
/// catch { print(error.message) }
/// // "1,23.4" is not a valid amount: a thousands separator must have 1 to 3 digits before it and exactly 3 after it
/// ```
public struct AmountSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the text.
    public enum Reason: Sendable, Equatable {
        case unexpectedCharacter(Character)
        case misplacedGroupSeparator
        case separatorInFraction
        case multipleDecimalPoints
        case multipleSigns
        case noDigits
        case unbalancedParenthesis
        case tooManyDigits
        case conflictingUnit(inText: MoneyUnit, declared: MoneyUnit)
    }

    /// The text exactly as it was read.
    public let text: String
    public let reason: Reason

    public init(text: String, reason: Reason) {
        self.text = text
        self.reason = reason
    }

    /// One sentence naming the text and the fault.
    public var message: String {
        "\"\(text)\" is not a valid amount: \(explanation)"
    }

    public var explanation: String {
        switch reason {
        case .unexpectedCharacter(let c): "'\(c)' cannot appear in a number"
        case .misplacedGroupSeparator: "a thousands separator must have 1 to 3 digits before it and exactly 3 after it"
        case .separatorInFraction: "a thousands separator cannot follow the decimal point"
        case .multipleDecimalPoints: "it has more than one decimal point"
        case .multipleSigns: "it has more than one sign"
        case .noDigits: "it has no digits"
        case .unbalancedParenthesis: "its parentheses do not match"
        case .tooManyDigits: "it has more than 38 significant digits"
        case .conflictingUnit(let inText, let declared):
            "it is written in \(inText.symbol) but the column is declared in \(declared.symbol)"
        }
    }

    /// The sentence in the language asked for (the catalog's `amount.syntax*`).
    public func message(english: Bool) -> String {
        let why: String
        switch reason {
        case .unexpectedCharacter(let c): why = Catalog.text("amount.syntax.character", english: english, ["char": c])
        case .misplacedGroupSeparator: why = Catalog.text("amount.syntax.group", english: english)
        case .separatorInFraction: why = Catalog.text("amount.syntax.group-in-fraction", english: english)
        case .multipleDecimalPoints: why = Catalog.text("amount.syntax.points", english: english)
        case .multipleSigns: why = Catalog.text("amount.syntax.signs", english: english)
        case .noDigits: why = Catalog.text("amount.syntax.no-digits", english: english)
        case .unbalancedParenthesis: why = Catalog.text("amount.syntax.parentheses", english: english)
        case .tooManyDigits: why = Catalog.text("amount.syntax.digits", english: english)
        case .conflictingUnit(let inText, let declared):
            why = Catalog.text("amount.syntax.unit", english: english, ["text": inText.symbol, "declared": declared.symbol])
        }
        return Catalog.text("amount.syntax", english: english, ["text": text, "why": why])
    }

    /// What the user can do about it.
    public var help: String {
        switch reason {
        case .conflictingUnit:
            "Remove the unit from the value or correct the column's declared unit."
        default:
            "Write amounts as 1234.56, 1,234.56, -1,234.56, (1,234.56) or 99.46%; correct the value in the export, or treat the column as text if it holds no amounts."
        }
    }

    public var description: String { message }
}

extension AmountSyntaxError: Bilingual {
    /// ``message`` in a language, from the catalog (`error.amount.*`).
    public func text(english: Bool) -> String {
        Catalog.text("error.amount.message", english: english, ["text": text, "reason": reasonPhrase.text(english: english)])
    }

    /// ``explanation`` in both languages.
    public var reasonPhrase: Phrase {
        switch reason {
        case .unexpectedCharacter(let c): Phrase("error.amount.unexpected-character", ["character": String(c)])
        case .misplacedGroupSeparator: Phrase("error.amount.misplaced-group-separator")
        case .separatorInFraction: Phrase("error.amount.separator-in-fraction")
        case .multipleDecimalPoints: Phrase("error.amount.multiple-decimal-points")
        case .multipleSigns: Phrase("error.amount.multiple-signs")
        case .noDigits: Phrase("error.amount.no-digits")
        case .unbalancedParenthesis: Phrase("error.amount.unbalanced-parenthesis")
        case .tooManyDigits: Phrase("error.amount.too-many-digits")
        case .conflictingUnit(let inText, let declared):
            Phrase("error.amount.conflicting-unit", ["in": inText.symbol, "declared": declared.symbol])
        }
    }

    /// ``help`` in both languages.
    public var helpPhrase: Phrase {
        switch reason {
        case .conflictingUnit: Phrase("error.amount.help-unit")
        default: Phrase("error.amount.help")
        }
    }
}
