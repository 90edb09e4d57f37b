/// A kind of record in the normalized dataset — one table per kind — with its
/// fields and, where the ledger has one, the key that identifies a record
/// across exports (a voucher number, an asset card). Kinds are data: the built-in
/// ones are resources (Sources/TieoutIngest/KindDefinitions), and a workspace adds
/// its own in `kinds/NAME.yaml` (``KindCatalog``).
///
/// ```swift
/// let kind = try KindCatalog.builtIn().named("treasury-payment")!
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
    /// Months before and after the fiscal year its records may be dated (`date_margin:`; see ``DateWindow``).
    public var dateMargin = DateMargin()
    public var description: String?

    public init(name: String, table: String, title: String, fields: [FieldSpec], key: [String]? = nil, dateField: String? = nil,
                dateMargin: DateMargin = DateMargin(), description: String? = nil) {
        precondition(Set(fields.map(\.name)).count == fields.count, "field names are unique")
        precondition(key?.allSatisfy { k in fields.contains { $0.name == k } || (dateField != nil && Self.derivedKeyParts.contains(k)) } ?? true,
                     "key fields exist (or month, quarter of the date)")
        self.name = name
        self.table = table
        self.title = title
        self.fields = fields
        self.key = key
        self.dateField = dateField
        self.dateMargin = dateMargin
        self.description = description
    }

    public func field(_ name: String) -> FieldSpec? {
        fields.first { $0.name == name }
    }


    /// What the store's table depends on, as one line of text the store records: the table,
    /// and each field's name and stored type. Titles, words and required-ness change how
    /// ledgers are read, not what is stored, so they are not part of it.
    public var storedShape: String {
        table + "(" + fields.map { "\($0.name) \($0.storage)" }.joined(separator: ", ") + ")"
    }

    /// The whole definition, as one line of text (recorded beside the table, so a change shows).
    public var definitionText: String {
        var parts = ["kind \(name)", "table \(table)", "title \(title)"]
        if let key { parts.append("key " + key.joined(separator: ",")) }
        if let dateField { parts.append("dated_by \(dateField)") }
        if dateMargin != DateMargin() { parts.append(dateMargin.anyDate ? "date_margin any" : "date_margin \(dateMargin.before),\(dateMargin.after)") }
        for f in fields {
            var t = "field \(f.name) \(f.type.name)" + (f.required ? " required" : "")
            if !f.words.isEmpty { t += " words " + f.words.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }
            if !f.codes.isEmpty { t += " codes " + f.codes.map { "\($0.prefix)=\($0.value)" }.joined(separator: ",") }
            parts.append(t)
        }
        return parts.joined(separator: "; ")
    }
}
