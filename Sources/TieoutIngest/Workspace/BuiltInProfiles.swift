import Foundation
import TieoutCore

/// The profiles that ship with Tieout, as package resources (Sources/TieoutIngest/Profiles).
public enum BuiltInProfiles {
    public static let names = ["treasury-payments", "budget-indicators", "procurement", "asset-cards",
                               "staffing", "projects", "petitions", "surveys"]

    /// The text of built-in profile `name`; nil when Tieout has no such built-in. A built-in
    /// whose file is missing from this installation is an error, not "no such profile".
    public static func text(_ name: String) throws(TieoutError) -> String? {
        guard names.contains(name) else { return nil }
        return try InstalledResources.text("Tieout_TieoutIngest", "Profiles/\(name).yaml", what: Phrase("error.resources.profile", ["name": name]), code: "profile.built-in-missing",
                                           help: Phrase("error.resources.reinstall-or-profile", ["name": name]))
    }
}
