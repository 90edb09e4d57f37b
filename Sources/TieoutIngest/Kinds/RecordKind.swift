/// A kind of record in the normalized dataset — one table per kind — with its
/// fields and, where the ledger has one, the key that identifies a record
/// across exports (a voucher number, an asset card).
///
/// ```swift
/// let kind = RecordKind.named("treasury-payment")!
/// kind.table                  // "treasury_payments"
/// kind.field("amount")?.type  // .amount
/// ```
public struct RecordKind: Sendable, Equatable {
    /// The name profiles use (`treasury-payment`).
    public let name: String
    /// The dataset table (`treasury_payments`).
    public let table: String
    /// The ledger's own name (`国库集中支付`).
    public let title: String
    public let fields: [FieldSpec]
    /// Fields whose values identify a record across files (nil: rows have no identity).
    public let key: [String]?
    /// The date field that places a record in a period (nil: the kind is not dated).
    public let dateField: String?

    public init(name: String, table: String, title: String, fields: [FieldSpec], key: [String]? = nil, dateField: String? = nil) {
        precondition(Set(fields.map(\.name)).count == fields.count, "field names are unique")
        precondition(key?.allSatisfy { k in fields.contains { $0.name == k } } ?? true, "key fields exist")
        self.name = name
        self.table = table
        self.title = title
        self.fields = fields
        self.key = key
        self.dateField = dateField
    }

    public func field(_ name: String) -> FieldSpec? {
        fields.first { $0.name == name }
    }

    public static func named(_ name: String) -> RecordKind? {
        builtIn.first { $0.name == name }
    }
}
