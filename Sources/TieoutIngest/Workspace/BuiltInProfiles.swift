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
        guard let url = InstalledResources.url("Tieout_TieoutIngest", "Profiles/\(name).yaml") else {
            throw missing(name, "it is not in this installation's resources")
        }
        do {
            return String(decoding: try Data(contentsOf: url), as: UTF8.self)
        } catch {
            throw missing(name, "\(url.path) cannot be read: \(error.localizedDescription)")
        }
    }

    static func missing(_ name: String, _ why: String) -> TieoutError {
        TieoutError(code: "profile.built-in-missing", what: "the built-in profile \(name) is missing: \(why)", location: nil,
                    help: "The installation is incomplete: reinstall Tieout, or write profiles/\(name).yaml in the workspace.")
    }
}
