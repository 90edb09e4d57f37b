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

    public init(_ name: String, _ title: String, _ type: FieldType, required: Bool = false) {
        self.name = name
        self.title = title
        self.type = type
        self.required = required
    }
}
