import TieoutCore

/// One part of a record key: a field, or the month or quarter of the kind's `dated_by` date
/// (`key: [month, voucher, entry]` for vouchers numbered again every month, 记-0001).
public enum KeyPart: Sendable, Equatable {
    /// A field, by its index in the kind's fields.
    case field(Int)
    /// `month`: the date field's year and month (`2024-03`), by the date field's index.
    case month(Int)
    /// `quarter`: the date field's year and quarter (`2024Q1`).
    case quarter(Int)

    /// The field the part is read from.
    public var fieldIndex: Int {
        switch self { case .field(let i), .month(let i), .quarter(let i): i }
    }
}

extension RecordKind {
    /// Key parts that are not fields but derived from the `dated_by` date.
    public static let derivedKeyParts = ["month", "quarter"]

    /// The parts of `key`: each name a field, or `month`/`quarter` of the kind's date (a field
    /// of that name wins). nil when a name is neither (or `month` in a kind without `dated_by`).
    public func keyParts(_ key: [String]) -> [KeyPart]? {
        var out: [KeyPart] = []
        for name in key {
            if let i = fields.firstIndex(where: { $0.name == name }) { out.append(.field(i)); continue }
            guard let d = dateField, let i = fields.firstIndex(where: { $0.name == d }) else { return nil }
            switch name {
            case "month": out.append(.month(i))
            case "quarter": out.append(.quarter(i))
            default: return nil
            }
        }
        return out
    }

    /// Whether `name` can be a part of this kind's key.
    public func isKeyPart(_ name: String) -> Bool { keyParts([name]) != nil }

    /// What a key may be made of, for the help of an error: the fields, and month/quarter when dated.
    public var keyPartsHelp: String {
        fields.map(\.name).joined(separator: ", ")
            + (dateField.map { "; or month, quarter (of \($0), for vouchers numbered again each month or quarter)" } ?? "")
    }

    /// A key part's value from a stored value's text: the text itself, or its date's month or quarter.
    public static func keyText(_ part: KeyPart, _ stored: String) -> String {
        switch part {
        case .field: return stored
        case .month: return String(stored.prefix(7))
        case .quarter:
            let month = Int(stored.dropFirst(5).prefix(2)) ?? 0
            return String(stored.prefix(4)) + "Q" + String((month + 2) / 3)
        }
    }
}
