import Foundation
import TieoutScore
#if canImport(Glibc)
import Glibc
#endif

/// What `tieout --version` prints: the version, the commit it was built from and the
/// built-in rubric's version. The commit is in `BUILD_INFO` beside an installed binary
/// (scripts/install writes it), or read from the checkout a development build sits in.
enum BuildInfo {
    static let version = "0.2.0"

    static var line: String { "\(version) (commit \(commit ?? "unknown")), built-in rubric \(Rubric.builtInName)" }

    static var commit: String? {
        guard let exe = realpath("/proc/self/exe", nil) else { return nil }
        defer { free(exe) }
        var dir = (String(cString: exe) as NSString).deletingLastPathComponent
        if let info = try? String(contentsOfFile: dir + "/BUILD_INFO", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("commit=") }) {
            return String(line.dropFirst(7))
        }
        // A development build: .build/<triple>/<configuration>/tieout in a checkout, or in a git
        // worktree, whose .git is a file naming its git folder (refs live in the common one).
        func read(_ path: String) -> String? {
            (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        for _ in 0..<6 {
            dir = (dir as NSString).deletingLastPathComponent
            var gitDir = dir + "/.git"
            if let pointer = read(gitDir), pointer.hasPrefix("gitdir: ") {
                let named = String(pointer.dropFirst(8))
                gitDir = named.hasPrefix("/") ? named : dir + "/" + named
            }
            guard let head = read(gitDir + "/HEAD") else { continue }
            guard head.hasPrefix("ref: ") else { return String(head.prefix(7)) }
            let ref = String(head.dropFirst(5))
            let common = read(gitDir + "/commondir").map { $0.hasPrefix("/") ? $0 : gitDir + "/" + $0 } ?? gitDir
            for base in [gitDir, common] {
                if let sha = read(base + "/" + ref) { return String(sha.prefix(7)) }
            }
            let packed = read(common + "/packed-refs") ?? ""
            return packed.split(separator: "\n").first { $0.hasSuffix(" " + ref) }.map { String($0.prefix(7)) }
        }
        return nil
    }
}
