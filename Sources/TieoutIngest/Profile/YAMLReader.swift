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

    /// Parses `text`; a syntax error names the line.
    public static func document(_ text: String, file: String) throws(TieoutError) -> YAMLValue {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw TieoutError(code: "yaml.empty", what: "\(file) is empty", location: SourceLocation(file: file),
                                  help: "Write the settings as YAML; docs/profiles.md has a worked example.")
            }
            return YAMLValue(node: node, file: file, path: "")
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

    public func error(_ what: String, help: String) -> TieoutError {
        let key = path.isEmpty ? "" : "key '\(path)': "
        return TieoutError(code: "profile.key", what: key + what, location: SourceLocation(file: file, line: line), help: help)
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
                throw TieoutError(code: "profile.key", what: "unknown key '\(key)'" + (path.isEmpty ? "" : " under '\(path)'"),
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
