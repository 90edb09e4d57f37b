/// An error a user can act on: what is wrong, where, and what to do.
///
/// The command line prints it as
/// ```text
/// Error: "1,23.4" is not a valid amount: … at ledger.csv:5:8 (record 4, column H 金额)
/// Help: Write amounts as 1234.56, …
/// ```
/// and exits 2.
public struct TieoutError: Error, Sendable, CustomStringConvertible {
    /// A stable identifier for programs and JSON output, e.g. `csv.unterminated-quote`.
    public var code: ErrorCode
    /// What is wrong, in one sentence without the place.
    public var what: String
    /// Where it is, when known.
    public var location: SourceLocation?
    /// What the user can do about it.
    public var help: String

    public init(code: ErrorCode, what: String, location: SourceLocation? = nil, help: String) {
        self.code = code
        self.what = what
        self.location = location
        self.help = help
    }

    /// `what at file:line:column (record …, column …)`.
    public var message: String {
        guard let location else { return what }
        let detail = location.detail
        return detail.isEmpty ? "\(what) at \(location)" : "\(what) at \(location) (\(detail))"
    }

    /// The two-line form the CLI prints.
    public var description: String {
        "Error: \(message)\nHelp: \(help)"
    }
}

extension TieoutError {
    /// An amount that failed to parse, at a place.
    public init(_ error: AmountSyntaxError, at location: SourceLocation?) {
        self.init(code: "value.amount", what: error.message, location: location, help: error.help)
    }

    /// A date that failed to parse, at a place.
    public init(_ error: DateSyntaxError, at location: SourceLocation?) {
        self.init(code: "value.date", what: error.message, location: location, help: error.help)
    }
}
