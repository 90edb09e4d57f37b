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
        // A development build: .build/<triple>/<configuration>/tieout in a checkout.
        for _ in 0..<6 {
            dir = (dir as NSString).deletingLastPathComponent
            guard let head = try? String(contentsOfFile: dir + "/.git/HEAD", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) else { continue }
            guard head.hasPrefix("ref: ") else { return String(head.prefix(7)) }
            let ref = String(head.dropFirst(5))
            if let sha = try? String(contentsOfFile: dir + "/.git/" + ref, encoding: .utf8) { return String(sha.prefix(7)) }
            let packed = (try? String(contentsOfFile: dir + "/.git/packed-refs", encoding: .utf8)) ?? ""
            return packed.split(separator: "\n").first { $0.hasSuffix(" " + ref) }.map { String($0.prefix(7)) }
        }
        return nil
    }
}
