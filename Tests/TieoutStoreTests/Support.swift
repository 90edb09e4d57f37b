import Foundation
import TieoutTestSupport
import TieoutCore
import TieoutIngest
@testable import TieoutStore

extension Amount {
    /// Rounded half-up to 万元 at 2 decimals, as the report prints it: "1,036.79".
    var wan: String { displayText(in: .wanYuan, decimals: 2) }
}

func sum(_ records: [StoredRecord], _ field: String, where keep: (StoredRecord) -> Bool = { _ in true }) -> Amount {
    records.filter(keep).reduce(Amount.zero) { $0 + ($1[field]?.amount ?? .zero) }
}

extension StoredRecord {
    func text(_ field: String) -> String? { self[field].map(\.description) }
}
