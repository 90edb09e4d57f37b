import Foundation
import TieoutCore
import Yams

/// A node of a YAML file being read (profiles, tieout.yaml, claims.yaml), with the key path that led to it, so that
/// every error names the file, the line, the key and the fix.
public struct YAMLValue {
    public let node: Node
    public let file: String
    /// `columns.amount.unit`
    public let path: String

    public var line: Int? { node.mark?.line }

    /// A mapping made of other values' entries (a profile merged with the one it extends),
    /// read as if written where `like` is.
    init(merged fields: [(key: String, value: YAMLValue)], like v: YAMLValue) {
        node = .mapping(Node.Mapping(fields.map { (Node.scalar(Node.Scalar($0.key)), $0.value.node) }, .implicit, .block, v.node.mark))
        file = v.file
        path = v.path
    }

    init(node: Node, file: String, path: String) {
        self.node = node
        self.file = file
        self.path = path
    }

    /// Parses `text`; a syntax error names the line. A document over `limits` is refused
    /// before it can cost time or memory (a 47 MB profile once ran past two minutes; YAML
    /// aliases can make a small file a huge tree).
    public static func document(_ text: String, file: String, limits: YAMLLimits = .profile) throws(TieoutError) -> YAMLValue {
        let bytes = text.utf8.count
        guard bytes <= limits.bytes else {
            throw TieoutError(code: "yaml.too-large", what: "\(file) is \(YAMLLimits.size(bytes)); \(limits.what) is at most \(YAMLLimits.size(limits.bytes))",
                              location: SourceLocation(file: file),
                              help: "\(limits.why) Check that this is the right file; split a list that long into what the ledgers need.")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw TieoutError(code: "yaml.empty", what: "\(file) is empty", location: SourceLocation(file: file),
                                  help: "Write the settings as YAML; docs/profiles.md has a worked example.")
            }
            let value = YAMLValue(node: node, file: file, path: "")
            var budget = limits.nodes
            try value.checkSize(limits, budget: &budget)
            return value
        } catch let error as TieoutError {
            throw error
        } catch let error as YamlError {
            var line: Int? = nil
            var problem = "\(error)"
            switch error {
            case .scanner(_, let p, let mark, _), .parser(_, let p, let mark, _):
                line = mark.line
                problem = p
            default: break
            }
            throw TieoutError(code: "yaml.syntax", what: "\(file) is not valid YAML: \(problem)",
                              location: SourceLocation(file: file, line: line),
                              help: "Check the indentation and the colons on that line (YAML uses spaces, not tabs).")
        } catch {
            throw TieoutError(code: "yaml.syntax", what: "\(file) is not valid YAML: \(error)", location: SourceLocation(file: file),
                              help: "Check the file's indentation and colons.")
        }
    }

    /// Every list and mapping within `limits.entries`, and the whole tree (aliases counted
    /// each time they are used) within `budget` nodes; the walk stops at the first excess.
    func checkSize(_ limits: YAMLLimits, budget: inout Int) throws(TieoutError) {
        budget -= 1
        if budget < 0 {
            throw TieoutError(code: "yaml.too-large", what: "\(file) expands to more than \(limits.nodes) values (through anchors and aliases, or sheer length)",
                              location: SourceLocation(file: file, line: line),
                              help: "\(limits.why) Write the values out without YAML aliases (*name).")
        }
        switch node {
        case .sequence(let items):
            guard items.count <= limits.entries else {
                throw error("\(items.count) entries; a list here is at most \(limits.entries)", help: "\(limits.why) Keep the entries the ledgers need.")
            }
            for (i, n) in items.enumerated() { try child("\(i + 1)", n).checkSize(limits, budget: &budget) }
        case .mapping(let pairs):
            guard pairs.count <= limits.entries else {
                throw error("\(pairs.count) entries; a mapping here is at most \(limits.entries)", help: "\(limits.why) Keep the entries the ledgers need.")
            }
            for (k, v) in pairs { try child(k.string ?? "?", v).checkSize(limits, budget: &budget) }
        default:
            break
        }
    }

    public func error(_ what: String, help: String) -> TieoutError {
        let key = path.isEmpty ? "" : "key '\(path)': "
        // Any settings file (tieout.yaml, a profile, claims, figures, the rubric): the file and line say which.
        return TieoutError(code: "yaml.key", what: key + what, location: SourceLocation(file: file, line: line), help: help)
    }

    public func child(_ key: String, _ node: Node) -> YAMLValue {
        YAMLValue(node: node, file: file, path: path.isEmpty ? key : path + "." + key)
    }

    /// The entries of a mapping, in order; a key not in `allowed` is an error naming the allowed ones.
    public func mapping(allowed: [String]? = nil) throws(TieoutError) -> [(key: String, value: YAMLValue)] {
        guard case .mapping(let m) = node else {
            throw error("expected keys and values (a mapping), found \(describe)", help: "Indent the entries under this key as `name: value` lines.")
        }
        var out: [(String, YAMLValue)] = []
        for (k, v) in m {
            guard let key = k.string else { throw error("a key must be text", help: "Write keys as plain words.") }
            if let allowed, !allowed.contains(key) {
                throw TieoutError(code: "yaml.key", what: "unknown key '\(key)'" + (path.isEmpty ? "" : " under '\(path)'"),
                                  location: SourceLocation(file: file, line: k.mark?.line),
                                  help: "Use one of: \(allowed.joined(separator: ", ")) (docs/profiles.md lists every key).")
            }
            out.append((key, child(key, v)))
        }
        return out
    }

    public func string() throws(TieoutError) -> String {
        guard case .scalar(let s) = node else {
            throw error("expected one value, found \(describe)", help: "Write a single value after the colon.")
        }
        return s.string
    }

    public func int(in range: ClosedRange<Int>) throws(TieoutError) -> Int {
        let s = try string()
        guard let n = Int(s), range.contains(n) else {
            throw error("'\(s)' is not a whole number from \(range.lowerBound) to \(range.upperBound)", help: "Write a number such as \(range.lowerBound).")
        }
        return n
    }

    /// One value or a list of values.
    public func strings() throws(TieoutError) -> [String] {
        switch node {
        case .scalar(let s): return [s.string]
        case .sequence(let seq):
            var out: [String] = []
            for (i, n) in seq.enumerated() {
                out.append(try child("\(i + 1)", n).string())
            }
            return out
        default:
            throw error("expected a value or a list of values, found \(describe)", help: "Write `key: value` or `key: [a, b]`.")
        }
    }

    var describe: String {
        switch node {
        case .scalar(let s): "'\(s.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

/// How large a YAML document may be: its bytes, its values in all (aliases counted where
/// used), and the entries of any one list or mapping.
public struct YAMLLimits: Sendable {
    public var bytes: Int
    public var nodes: Int
    public var entries: Int
    /// "a profile", "claims.yaml": what the message names.
    public var what: String
    /// Why the bound is what it is, for the help text.
    public var why: String

    public init(bytes: Int, nodes: Int, entries: Int, what: String, why: String) {
        self.bytes = bytes
        self.nodes = nodes
        self.entries = entries
        self.what = what
        self.why = why
    }

    /// Profiles and tieout.yaml: a page of settings.
    public static let profile = YAMLLimits(bytes: 256 << 10, nodes: 20_000, entries: 1_000, what: "a profile or tieout.yaml",
                                           why: "A profile or workspace file describes exports' layout: a page of settings, not data.")
    /// claims.yaml, assessments.yaml, rubric.yaml: a report's worth of figures.
    public static let document = YAMLLimits(bytes: 4 << 20, nodes: 400_000, entries: 20_000, what: "a claims, assessments or rubric file",
                                            why: "These files list a report's figures and scores: thousands of entries at most.")

    public static func size(_ n: Int) -> String {
        if n >= 1 << 20 { let tenths = (n * 10 + (1 << 19)) >> 20; return "\(tenths / 10).\(tenths % 10) MiB" }
        return n >= 1 << 10 ? "\(n >> 10) KiB" : "\(n) bytes"
    }
}

extension YAMLValue {
    /// A settings file's bytes (tieout.yaml, a profile, a kind, figures, rules, claims, the
    /// rubric, assessments): every one is read here. nil only when there is nothing at `path`;
    /// a file that is there but cannot be read (a link in a loop or to nothing, a FIFO, a
    /// device, a folder, no permission) is an error naming it and the cause, never a missing
    /// file and never a reason to fall back to the built-in settings. It is refused by its size
    /// on disk before it is read, and never blocks.
    public static func readFile(_ path: String, shownAs file: String, limits: YAMLLimits) throws(TieoutError) -> Data? {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            let e = errno
            if e == ENOENT || e == ENOTDIR { return nil }
            throw RegularFile.cannotOpen(file, e)
        }
        let fd = try RegularFile.openForReading(path, shownAs: file,
                                                help: "\(file) must be a YAML file: put the file there, or remove what is there to go without it.")
        defer { close(fd) }
        func tooLarge(_ size: Int) -> TieoutError {
            TieoutError(code: "yaml.too-large", what: "\(file) is \(YAMLLimits.size(size)); \(limits.what) is at most \(YAMLLimits.size(limits.bytes))",
                        location: SourceLocation(file: file),
                        help: "\(limits.why) Check that this is the right file; split a list that long into what the ledgers need.")
        }
        if fstat(fd, &st) == 0, Int(st.st_size) > limits.bytes { throw tooLarge(Int(st.st_size)) }
        // At most one byte past the limit: a file that grows while it is read is refused the same way.
        var bytes = [UInt8](repeating: 0, count: limits.bytes + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                throw TieoutError(code: "io.read", what: "cannot read \(file): \(String(cString: strerror(e)))", location: SourceLocation(file: file),
                                  help: "Check the disk and the file, then run again.")
            }
            if n == 0 { break }
            count += n
        }
        if count > limits.bytes { throw tooLarge(count) }
        return Data(bytes[..<count])
    }
}

extension YAMLValue {
    /// The `.yaml` files of a settings folder (kinds/, profiles/), sorted; nil when there is no
    /// such folder. One that is there but cannot be listed (no permission, a link in a loop, a
    /// file or a FIFO in its place) is an error naming it and the cause.
    public static func listFolder(_ dir: String, shownAs shown: String) throws(TieoutError) -> [String]? {
        var st = stat()
        guard lstat(dir, &st) == 0 else {
            let e = errno
            if e == ENOENT || e == ENOTDIR { return nil }
            throw listError(dir, shown, e)
        }
        guard stat(dir, &st) == 0 else { throw listError(dir, shown, errno) }
        guard st.st_mode & S_IFMT == S_IFDIR else {
            throw TieoutError(code: "io.not-folder", what: "\(shown) is \(RegularFile.describe(st.st_mode)), not a folder", location: SourceLocation(file: shown),
                              help: "Put the settings folder \(shown) there, or remove what is there to go without it.")
        }
        guard let d = opendir(dir) else { throw listError(dir, shown, errno) }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
            if name.hasSuffix(".yaml") && !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }

    static func listError(_ dir: String, _ shown: String, _ e: Int32) -> TieoutError {
        TieoutError(code: "io.read", what: "cannot list the folder \(shown) (\(dir)): \(String(cString: strerror(e)))",
                    location: SourceLocation(file: shown),
                    help: e == EACCES || e == EPERM ? "Make the folder readable for this user (chmod/chown), then run again."
                                                    : e == ELOOP ? "A symbolic link on the way leads back to itself: point it at the real folder, or remove it."
                                                    : "Check the disk and the folder \(shown), then run again.")
    }
}
