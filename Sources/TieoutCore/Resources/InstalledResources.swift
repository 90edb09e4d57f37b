import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where Tieout's built-in resources (profiles, kinds, figures, rules, the rubric) are, found
/// at run time whatever the working directory, and never a crash when they are not there:
///
/// 1. `$TIEOUT_RESOURCES/<bundle>.resources`;
/// 2. `<bundle>.resources` beside the executable (the build folder; `PREFIX/lib/tieout`
///    where `scripts/install` puts the binary);
/// 3. `PREFIX/share/tieout/<bundle>.resources`, for an executable in `PREFIX/bin`.
///
/// (SwiftPM's own `Bundle.module` ends the process when its bundle is missing.)
public enum InstalledResources {
    /// The executable's real path (symbolic links resolved).
    static let executableDirectory: String? = {
        #if os(Linux)
        guard let p = realpath("/proc/self/exe", nil) else { return nil }
        defer { free(p) }
        return (String(cString: p) as NSString).deletingLastPathComponent
        #else
        return Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent().path
        #endif
    }()

    /// The folders searched for `bundle` (`Tieout_TieoutIngest`), in order.
    public static func candidates(_ bundle: String) -> [String] {
        var out: [String] = []
        if let env = ProcessInfo.processInfo.environment["TIEOUT_RESOURCES"], !env.isEmpty { out.append(env + "/" + bundle + ".resources") }
        if let dir = executableDirectory {
            out.append(dir + "/" + bundle + ".resources")
            out.append(dir + "/../share/tieout/" + bundle + ".resources")
        }
        out.append(Bundle.main.bundleURL.appendingPathComponent(bundle + ".resources").path)
        return out
    }

    /// The file `path` (`Profiles/staffing.yaml`) of `bundle`, or nil when no candidate has it.
    /// A candidate where the name is there in any form (a file it cannot read, a dangling link, a
    /// link loop) is the one: reading it then fails with why, rather than the next copy being read.
    public static func url(_ bundle: String, _ path: String) -> URL? {
        for dir in candidates(bundle) {
            let file = dir + "/" + path
            var st = stat()
            if lstat(file, &st) == 0 { return URL(fileURLWithPath: file) }
        }
        return nil
    }

    /// The text of the file `path` of `bundle`. Missing, it is an error naming where it was
    /// looked for; there but unreadable, an error saying why: never a value in its place.
    /// `what` names it in the message (`the built-in kind staffing`, `error.resources.*`).
    public static func text(_ bundle: String, _ path: String, what: Phrase, code: ErrorCode, help: Phrase? = nil) throws(TieoutError) -> String {
        let fix = help ?? Phrase("error.resources.reinstall")
        guard let url = url(bundle, path) else {
            throw TieoutError(code: code, what: Phrase("error.resources.missing", ["what": what, "searched": searched(bundle)]), help: fix)
        }
        do {
            return String(decoding: try Data(contentsOf: url), as: UTF8.self)
        } catch {
            throw TieoutError(code: code, what: Phrase("error.resources.unreadable", ["what": what, "path": url.path, "reason": error.localizedDescription]), help: fix)
        }
    }

    /// Where it was looked for, for an error message.
    public static func searched(_ bundle: String) -> String {
        candidates(bundle).joined(separator: ", ")
    }
}
