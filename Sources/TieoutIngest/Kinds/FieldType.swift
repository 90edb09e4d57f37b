/// The type of a record field: how a cell's text becomes a value.
public enum FieldType: Sendable, Equatable {
    /// Kept verbatim (voucher numbers, codes with leading zeros).
    case text
    /// Money, exact, stored in 元.
    case amount
    /// A ratio written as `99.46%` (or a fraction in a percentage-styled cell), stored exactly as a fraction.
    case percentage
    case date
    /// A whole number (counts of people, respondents).
    case integer
    /// Yes or no (是/否, Y/N, true/false, 1/0, ✓/✗).
    case boolean
    /// One of a fixed set of English identifiers; a profile maps the ledger's words onto them.
    case enumeration([String])

    /// The names a kind definition writes (`type: amount`).
    public static let names = ["text", "amount", "percentage", "date", "integer", "boolean", "enumeration"]

    /// The name used in profiles and in the schema documentation.
    public var name: String {
        switch self {
        case .text: "text"
        case .amount: "amount"
        case .percentage: "percentage"
        case .date: "date"
        case .integer: "integer"
        case .boolean: "boolean"
        case .enumeration(let values): "one of " + values.joined(separator: ", ")
        }
    }
}

/// One field of a record kind.
public struct FieldSpec: Sendable, Equatable {
    /// English identifier, also the column name in the dataset (`economic_class`).
    public let name: String
    /// The ledger's own term (`经济分类`).
    public let title: String
    public let type: FieldType
    /// A row without it is rejected.
    public let required: Bool
    /// For an enumeration: the ledgers' usual words for each identifier (`基本支出` → `basic`),
    /// read unless a profile maps the word otherwise.
    public let words: [String: String]
    /// For an enumeration: codes a cell may start with (`30212 因公出国(境)费用` → abroad), the
    /// longest first; the empty code is any other cell. Read after the words.
    public let codes: [(prefix: String, value: String)]

    public init(_ name: String, _ title: String, _ type: FieldType, required: Bool = false, words: [String: String] = [:],
                codes: [(prefix: String, value: String)] = []) {
        self.name = name
        self.title = title
        self.type = type
        self.required = required
        self.words = words
        self.codes = codes.sorted { $0.prefix.count > $1.prefix.count }
    }

    public static func == (a: FieldSpec, b: FieldSpec) -> Bool {
        a.name == b.name && a.title == b.title && a.type == b.type && a.required == b.required && a.words == b.words
            && a.codes.map(\.prefix) == b.codes.map(\.prefix) && a.codes.map(\.value) == b.codes.map(\.value)
    }

    /// The column type it is stored as: whole numbers and yes/no as INTEGER, everything
    /// else (exact decimals, ISO dates, text, identifiers) as TEXT.
    public var storage: String {
        switch type {
        case .integer, .boolean: "INTEGER"
        default: "TEXT"
        }
    }
}
