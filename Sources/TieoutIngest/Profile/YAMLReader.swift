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
            throw TieoutError(code: "yaml.too-large", key: "yaml.too-large",
                              ["file": file, "size": YAMLLimits.size(bytes), "what": limits.what, "limit": YAMLLimits.size(limits.bytes), "why": limits.why],
                              location: SourceLocation(file: file))
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw TieoutError(code: "yaml.empty", ["file": file], location: SourceLocation(file: file))
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
            throw TieoutError(code: "yaml.syntax", ["file": file, "problem": problem],
                              location: SourceLocation(file: file, line: line))
        } catch {
            throw TieoutError(code: "yaml.syntax", key: "yaml.syntax-file", ["file": file, "problem": "\(error)"], location: SourceLocation(file: file))
        }
    }

    /// Every list and mapping within `limits.entries`, and the whole tree (aliases counted
    /// each time they are used) within `budget` nodes; the walk stops at the first excess.
    func checkSize(_ limits: YAMLLimits, budget: inout Int) throws(TieoutError) {
        budget -= 1
        if budget < 0 {
            throw TieoutError(code: "yaml.too-large", key: "yaml.too-many-values", ["file": file, "limit": limits.nodes, "why": limits.why],
                              location: SourceLocation(file: file, line: line))
        }
        switch node {
        case .sequence(let items):
            guard items.count <= limits.entries else {
                throw error(Phrase("error.yaml.long-list", ["n": items.count, "limit": limits.entries]), help: Phrase("error.yaml.keep-entries", ["why": limits.why]))
            }
            for (i, n) in items.enumerated() { try child("\(i + 1)", n).checkSize(limits, budget: &budget) }
        case .mapping(let pairs):
            guard pairs.count <= limits.entries else {
                throw error(Phrase("error.yaml.long-mapping", ["n": pairs.count, "limit": limits.entries]), help: Phrase("error.yaml.keep-entries", ["why": limits.why]))
            }
            for (k, v) in pairs { try child(k.string ?? "?", v).checkSize(limits, budget: &budget) }
        default:
            break
        }
    }

    /// The error for this value, in the catalog's words: `key 'columns.amount': …`.
    public func error(_ what: Phrase, help: Phrase) -> TieoutError {
        TieoutError(code: "yaml.key", what: path.isEmpty ? what : Phrase("error.yaml.at-key", ["key": path, "what": what]),
                    location: SourceLocation(file: file, line: line), help: help)
    }

    public func child(_ key: String, _ node: Node) -> YAMLValue {
        YAMLValue(node: node, file: file, path: path.isEmpty ? key : path + "." + key)
    }

    /// The entries of a mapping, in order; a key not in `allowed` is an error naming the allowed ones.
    public func mapping(allowed: [String]? = nil) throws(TieoutError) -> [(key: String, value: YAMLValue)] {
        guard case .mapping(let m) = node else {
            throw error(Phrase("error.yaml.expected-mapping", ["found": describe]), help: Phrase("error.yaml.expected-mapping.help"))
        }
        var out: [(String, YAMLValue)] = []
        for (k, v) in m {
            guard let key = k.string else { throw error(Phrase("error.yaml.key-text"), help: Phrase("error.yaml.key-text.help")) }
            if let allowed, !allowed.contains(key) {
                throw TieoutError(code: "yaml.key",
                                  what: path.isEmpty ? Phrase("error.yaml.unknown-key", ["key": key]) : Phrase("error.yaml.unknown-key-under", ["key": key, "parent": path]),
                                  location: SourceLocation(file: file, line: k.mark?.line),
                                  help: Phrase("error.yaml.unknown-key.help", ["keys": allowed.joined(separator: ", ")]))
            }
            out.append((key, child(key, v)))
        }
        return out
    }

    public func string() throws(TieoutError) -> String {
        guard case .scalar(let s) = node else {
            throw error(Phrase("error.yaml.expected-value", ["found": describe]), help: Phrase("error.yaml.expected-value.help"))
        }
        return s.string
    }

    public func int(in range: ClosedRange<Int>) throws(TieoutError) -> Int {
        let s = try string()
        guard let n = Int(s), range.contains(n) else {
            throw error(Phrase("error.yaml.not-whole-number", ["value": s, "low": range.lowerBound, "high": range.upperBound]),
                        help: Phrase("error.yaml.not-whole-number.help", ["low": range.lowerBound]))
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
            throw error(Phrase("error.yaml.expected-values", ["found": describe]), help: Phrase("error.yaml.expected-values.help"))
        }
    }

    var describe: Phrase {
        switch node {
        case .scalar(let s): Phrase("error.yaml.found-value", ["value": s.string])
        case .mapping: Phrase("error.yaml.found-mapping")
        case .sequence: Phrase("error.yaml.found-list")
        case .alias: Phrase("error.yaml.found-alias")
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
    public var what: Phrase
    /// Why the bound is what it is, for the help text.
    public var why: Phrase

    public init(bytes: Int, nodes: Int, entries: Int, what: Phrase, why: Phrase) {
        self.bytes = bytes
        self.nodes = nodes
        self.entries = entries
        self.what = what
        self.why = why
    }

    /// Profiles and tieout.yaml: a page of settings.
    public static let profile = YAMLLimits(bytes: 256 << 10, nodes: 20_000, entries: 1_000, what: Phrase("error.yaml.limits.profile"),
                                           why: Phrase("error.yaml.limits.profile.why"))
    /// claims.yaml, assessments.yaml, rubric.yaml: a report's worth of figures.
    public static let document = YAMLLimits(bytes: 4 << 20, nodes: 400_000, entries: 20_000, what: Phrase("error.yaml.limits.document"),
                                            why: Phrase("error.yaml.limits.document.why"))

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
        let fd = try RegularFile.openForReading(path, shownAs: file, help: Phrase("error.help.must-be-yaml", ["file": file]))
        defer { close(fd) }
        func tooLarge(_ size: Int) -> TieoutError {
            TieoutError(code: "yaml.too-large", key: "yaml.too-large",
                        ["file": file, "size": YAMLLimits.size(size), "what": limits.what, "limit": YAMLLimits.size(limits.bytes), "why": limits.why],
                        location: SourceLocation(file: file))
        }
        let size = fstat(fd, &st) == 0 ? Int(st.st_size) : 0
        if size > limits.bytes { throw tooLarge(size) }
        // The size on disk and one byte more, growing up to one byte past the limit: a file
        // that grows while it is read is read whole, or refused the same way.
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while count < limits.bytes + 1 {
            if count == bytes.count { bytes += [UInt8](repeating: 0, count: min(max(bytes.count, 4096), limits.bytes + 1 - count)) }
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                throw TieoutError(code: "io.read", what: Phrase("error.io.read", ["file": file, "reason": String(cString: strerror(e))]), location: SourceLocation(file: file),
                                  help: Phrase("error.help.check-disk-file-again"))
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
            throw TieoutError(code: "io.not-folder", ["folder": shown, "kind": RegularFile.kind(st.st_mode)], location: SourceLocation(file: shown))
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
        TieoutError(code: "io.read", what: Phrase("error.io.list", ["folder": shown, "path": dir, "reason": String(cString: strerror(e))]),
                    location: SourceLocation(file: shown),
                    help: e == EACCES || e == EPERM ? Phrase("error.help.make-folder-readable")
                                                    : e == ELOOP ? Phrase("error.help.folder-link-loop")
                                                    : Phrase("error.help.check-disk-folder", ["folder": shown]))
    }
}
