/// What kind of error it is, for programs: `csv.unterminated-quote`, `store.full`. A code is
/// a domain (what was being read or done) and a name; codes are stable within a release and
/// appear in every `--json` output, so a script can act on them without parsing messages.
///
/// ```swift
/// let code: ErrorCode = "store.full"
/// code.domain   // .store
/// ```
public struct ErrorCode: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// What was being read or done.
    public enum Domain: String, Sendable, CaseIterable {
        /// A command's arguments.
        case usage
        /// Opening, reading or writing a file.
        case io
        /// Reading a CSV file; its text encoding.
        case csv, encoding
        /// Reading a workbook (zip, XML, sheets).
        case xlsx
        /// Reading a report as written (.docx, .md, .txt).
        case document
        /// A cell's value (an amount, a date).
        case value
        /// Choosing a table in a file.
        case table
        /// YAML files; tieout.yaml and the workspace; profiles; kind, figure and rule definitions; claims; the rubric.
        case yaml, workspace, profile, kind, figure, rule, claims, rubric
        /// The dataset.
        case store, dataset
        /// Commands' own checks.
        case explain, check
    }

    public let rawValue: String

    public init(stringLiteral value: String) { rawValue = value }
    public init(_ value: String) { rawValue = value }

    /// nil for a code outside the known domains (a test keeps every code in Sources inside them).
    public var domain: Domain? {
        rawValue.split(separator: ".", maxSplits: 1).first.flatMap { Domain(rawValue: String($0)) }
    }

    public var description: String { rawValue }

    /// `domain.name`, lower-case words joined by dashes.
    public var isWellFormed: Bool {
        let parts = rawValue.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, domain != nil, let first = parts[1].first, first.isLetter else { return false }
        return parts[1].allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
    }
}
