import TieoutIngest

/// The built-in kinds the tests read, by name (kinds are data: there are no Swift constants for them).
extension RecordKind {
    /// A built-in kind; a test stops at once when the resources cannot give it.
    static func named(_ name: String) -> RecordKind {
        do {
            guard let kind = try KindCatalog.builtIn().named(name) else { fatalError("no built-in kind \(name)") }
            return kind
        } catch { fatalError("the built-in kinds do not load: \(error)") }
    }

    static var treasuryPayment: RecordKind { named("treasury-payment") }
    static var budgetIndicator: RecordKind { named("budget-indicator") }
    static var procurement: RecordKind { named("procurement") }
    static var assetCard: RecordKind { named("asset-card") }
    static var staffing: RecordKind { named("staffing") }
    static var project: RecordKind { named("project") }
    static var petition: RecordKind { named("petition") }
}
