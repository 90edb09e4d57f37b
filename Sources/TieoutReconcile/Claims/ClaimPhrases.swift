import TieoutCore
import TieoutIngest

/// The phrase dictionary `tieout claims extract` maps stated figures with: data, not code
/// (`ClaimPhrases/phrases.yaml`, extended by a workspace's `claim-phrases.yaml`; docs/claims.md).
public struct ClaimPhrases: Sendable {
    /// What a number states, by its unit.
    public enum Kind: String, Sendable, CaseIterable {
        /// 元, 万元, 亿元.
        case amount
        /// %.
        case ratio
        /// A measure word: 个, 人, 件 …
        case count
        /// 分.
        case score
    }

    public struct Entry: Sendable, Equatable {
        public var figure: String?
        public var score: String?
        public var kind: Kind
        public var lead: [String]
        public var after: String?
        public var trail: [String]
        /// A table row's cell naming a rubric item.
        public var row: String?
        public var fromWorkspace: Bool
        public var file: String
        public var line: Int?

        /// `figure budget.initial.total` or `score total`.
        public var target: String { figure.map { "figure " + $0 } ?? "score " + (score ?? "") }
    }

    public var measureWords: [String] = []
    public var zeroWords: [String] = []
    public var entries: [Entry] = []

    public static let fileName = "claim-phrases.yaml"

    private static let builtInText: Result<String, TieoutError> = Result { () throws(TieoutError) -> String in
        try InstalledResources.text("Tieout_TieoutReconcile", "ClaimPhrases/phrases.yaml", what: Phrase("error.resources.claim-phrases"), code: "claims.built-in-missing")
    }

    /// The built-in phrases, their figures checked against `figures`.
    public static func builtIn(figures: FigureCatalog) throws(TieoutError) -> ClaimPhrases {
        var p = ClaimPhrases()
        try p.add(try builtInText.get(), file: "built-in claim phrases phrases.yaml", fromWorkspace: false, figures: figures)
        return p
    }

    /// The built-in phrases and the workspace's claim-phrases.yaml, against its figures (figures.yaml included).
    public static func load(workspace ws: Workspace) throws(TieoutError) -> ClaimPhrases {
        let figures = try FigureCatalog.load(workspace: ws)
        var p = try builtIn(figures: figures)
        let path = ws.root + "/" + fileName
        try ws.checkInside(path, shownAs: fileName)
        if let data = try YAMLValue.readFile(path, shownAs: fileName, limits: .document) {
            try p.add(String(decoding: data, as: UTF8.self), file: fileName, fromWorkspace: true, figures: figures)
        }
        return p
    }

    /// Adds a file's entries; a workspace's entries go first, so that at equal length they win.
    mutating func add(_ text: String, file: String, fromWorkspace: Bool, figures: FigureCatalog) throws(TieoutError) {
        let root = try YAMLValue.document(text, file: file, limits: .document)
        var added: [Entry] = []
        for (key, value) in try root.mapping(allowed: ["measure-words", "zero-words", "figures", "scores"]) {
            switch key {
            case "measure-words": measureWords += try value.strings().filter { !measureWords.contains($0) }
            case "zero-words": zeroWords += try value.strings().filter { !zeroWords.contains($0) }
            default:
                guard case .sequence(let items) = value.node else {
                    throw value.error(Phrase("error.phrases.no-list"),
                                      help: Phrase("error.phrases.no-list.help", ["example": "- { \(key == "figures" ? "figure: ID, kind: amount" : "score: ID"), lead: [PHRASE] }"]))
                }
                for (i, node) in items.enumerated() {
                    added.append(try Self.entry(value.child("\(i + 1)", node), scores: key == "scores", file: file, fromWorkspace: fromWorkspace, figures: figures))
                }
            }
        }
        entries = fromWorkspace ? added + entries : entries + added
    }

    private static func entry(_ item: YAMLValue, scores: Bool, file: String, fromWorkspace: Bool, figures: FigureCatalog) throws(TieoutError) -> Entry {
        let fields = try item.mapping(allowed: scores ? ["score", "lead", "after", "trail", "row"] : ["figure", "kind", "lead", "after", "trail"])
        func get(_ k: String) -> YAMLValue? { fields.first { $0.key == k }?.value }
        var e = Entry(figure: nil, score: nil, kind: .score, lead: [], after: nil, trail: [], row: nil, fromWorkspace: fromWorkspace, file: file, line: item.line)
        if scores {
            guard let s = get("score") else { throw item.error(Phrase("error.phrases.no-score"), help: Phrase("error.phrases.no-score.help")) }
            e.score = try s.string()
        } else {
            guard let f = get("figure") else { throw item.error(Phrase("error.phrases.no-figure"), help: Phrase("error.phrases.no-figure.help")) }
            let id = try f.string()
            guard figures[id] != nil else {
                throw f.error(Phrase("error.definitions.not-computed", ["figure": id]), help: Phrase("error.phrases.not-computed.help"))
            }
            e.figure = id
            guard let k = get("kind") else { throw item.error(Phrase("error.phrases.no-kind"), help: Phrase("error.phrases.no-kind.help")) }
            let ks = try k.string()
            guard let kind = Kind(rawValue: ks), kind != .score else {
                throw k.error(Phrase("error.phrases.not-a-kind", ["kind": ks]), help: Phrase("error.phrases.not-a-kind.help"))
            }
            e.kind = kind
        }
        e.lead = (try get("lead")?.strings() ?? []).map { ClaimPhrases.normalized($0) }
        e.trail = (try get("trail")?.strings() ?? []).map { ClaimPhrases.normalized($0) }
        if let a = get("after") { e.after = ClaimPhrases.normalized(try a.string()) }
        if let r = get("row") { e.row = ClaimPhrases.normalized(try r.string()) }
        if e.lead.isEmpty && e.trail.isEmpty && e.row == nil {
            throw item.error(scores ? Phrase("error.phrases.no-phrase-row") : Phrase("error.phrases.no-phrase"), help: Phrase("error.phrases.no-phrase.help"))
        }
        if (e.lead + e.trail + [e.after ?? "x", e.row ?? "x"]).contains(where: \.isEmpty) {
            throw item.error(Phrase("error.phrases.empty"), help: Phrase("error.phrases.empty.help"))
        }
        return e
    }

    /// Text as phrases are compared: without spaces and quotation marks.
    public static func normalized<S: StringProtocol>(_ s: S) -> String {
        String(s.filter { !ignored.contains($0) && !$0.isWhitespace })
    }

    static let ignored: Set<Character> = ["“", "”", "\"", "‘", "’", "'", "「", "」", "『", "』"]
}
