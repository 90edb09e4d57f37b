/// An error a user can act on: what is wrong, where, and what to do.
///
/// The command line prints it in the command's language (`--lang`, else `TIEOUT_LANG`, else
/// Chinese, ``ErrorLanguage``):
/// ```text
/// 错误："1,23.4" 不是有效的金额：…，位置：ledger.csv:5:8（第 4 条记录，H 列 金额）
/// 帮助：金额请写作 1234.56、…
/// ```
/// ```text
/// Error: "1,23.4" is not a valid amount: … at ledger.csv:5:8 (record 4, column H 金额)
/// Help: Write amounts as 1234.56, …
/// ```
/// and exits 2. The words come from the catalog (`error.<key>.what` and `error.<key>.help` in
/// Catalog+ErrorsZh.swift and Catalog+ErrorsEn.swift) filled with the error's values;
/// `what`, `help`, `message` and `description` are the English text (JSON output and logs
/// keep it, so programs see the same words in every language; they act on `code`).
public struct TieoutError: Error, Sendable, CustomStringConvertible {
    /// A stable identifier for programs and JSON output, e.g. `csv.unterminated-quote`.
    public var code: ErrorCode
    /// What is wrong, in one sentence without the place (English).
    public var what: String
    /// Where it is, when known.
    public var location: SourceLocation?
    /// What the user can do about it (English).
    public var help: String
    /// The catalog key of the words (`error.<key>.what`, `error.<key>.help`); nil for an
    /// error built from English text only (``init(code:what:location:help:)``).
    public var key: String?
    /// The Chinese words, from the catalog; nil for an error built from English text only.
    public var whatZh: String?
    public var helpZh: String?

    /// An error from English text only. Prefer ``init(code:key:_:location:)``: this one prints
    /// English in a Chinese run too (ErrorCatalogTests lists the codes still built this way).
    public init(code: ErrorCode, what: String, location: SourceLocation? = nil, help: String) {
        self.code = code
        self.what = what
        self.location = location
        self.help = help
    }

    /// An error whose words are the catalog's `error.<key>.what` and `error.<key>.help`
    /// (key: the code unless given), filled with `args`. An argument that is
    /// ``Bilingual`` (a nested error, a ``Phrase``) is filled in each language's words.
    public init(code: ErrorCode, key: String? = nil, _ args: [String: any CustomStringConvertible] = [:], location: SourceLocation? = nil) {
        let k = key ?? code.rawValue
        func fill(_ part: String, english: Bool) -> String {
            Catalog.text("error.\(k).\(part)", english: english, Phrase.resolve(args, english: english))
        }
        self.code = code
        self.key = k
        self.location = location
        self.what = fill("what", english: true)
        self.help = fill("help", english: true)
        self.whatZh = fill("what", english: false)
        self.helpZh = fill("help", english: false)
    }

    /// An error whose what and help are catalog phrases (``Phrase``), for words shared by
    /// several errors (`error.help.check-path`).
    public init(code: ErrorCode, what: Phrase, location: SourceLocation? = nil, help: Phrase) {
        self.code = code
        self.key = what.key
        self.location = location
        self.what = what.en
        self.help = help.en
        self.whatZh = what.zh
        self.helpZh = help.zh
    }

    /// What is wrong, in a language (English when the error has no Chinese words).
    public func what(english: Bool) -> String { english ? what : (whatZh ?? what) }
    /// What to do, in a language.
    public func help(english: Bool) -> String { english ? help : (helpZh ?? help) }

    /// `what at file:line:column (record …, column …)`.
    public var message: String { message(english: true) }

    /// The message in a language: `… at a.csv:3:6 (record 2, column F 金额)` or
    /// `…，位置：a.csv:3:6（第 2 条记录，F 列 金额）`.
    public func message(english: Bool) -> String {
        let what = what(english: english)
        guard let location else { return what }
        let detail = location.detail(english: english)
        if english { return detail.isEmpty ? "\(what) at \(location)" : "\(what) at \(location) (\(detail))" }
        return detail.isEmpty ? "\(what)，位置：\(location)" : "\(what)，位置：\(location)（\(detail)）"
    }

    /// The two-line form the CLI prints, in English.
    public var description: String { rendered(english: true) }

    /// The two-line form the CLI prints: `Error: …` / `Help: …`, or `错误：…` / `帮助：…`.
    public func rendered(english: Bool) -> String {
        english ? "Error: \(message(english: true))\nHelp: \(help)"
                : "错误：\(message(english: false))\n帮助：\(help(english: false))"
    }

    /// The warning form: `Warning: …` / `Help: …`, or `警告：…` / `帮助：…`.
    public func renderedWarning(english: Bool) -> String {
        english ? "Warning: \(message(english: true))\nHelp: \(help)"
                : "警告：\(message(english: false))\n帮助：\(help(english: false))"
    }
}

extension TieoutError: Bilingual {
    public func text(english: Bool) -> String { message(english: english) }
}

extension TieoutError {
    /// An amount that failed to parse, at a place.
    public init(_ error: AmountSyntaxError, at location: SourceLocation?) {
        self.init(code: "value.amount", key: "value.amount", ["message": error, "help": error.helpPhrase], location: location)
    }

    /// A date that failed to parse, at a place.
    public init(_ error: DateSyntaxError, at location: SourceLocation?) {
        self.init(code: "value.date", key: "value.date", ["message": error, "help": Phrase("error.date.help")], location: location)
    }
}
