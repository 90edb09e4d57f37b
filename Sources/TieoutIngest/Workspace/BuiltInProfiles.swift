import Foundation

/// The profiles that ship with Tieout, as package resources (Sources/TieoutIngest/Profiles).
public enum BuiltInProfiles {
    public static let names = ["treasury-payments", "budget-indicators", "procurement", "asset-cards",
                               "staffing", "projects", "petitions", "surveys"]

    public static func text(_ name: String) -> String? {
        guard names.contains(name), let url = Bundle.module.url(forResource: "Profiles/\(name)", withExtension: "yaml"),
              let data = try? Data(contentsOf: url) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
