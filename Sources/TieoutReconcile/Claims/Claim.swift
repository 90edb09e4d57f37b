import TieoutCore
import TieoutIngest
import TieoutOffice

/// A figure a report states, exactly as printed, with where it is stated and the
/// computed figure it must agree with.
///
/// ```yaml
/// - figure: execution.rate
///   value: "99.46%"
///   section: 一（四）1（1）预算执行情况
/// ```
public struct Claim: Sendable, Equatable {
    /// The figure it states (``FigureBook`` ids); nil when no ledger can support it.
    public var figure: String?
    /// As printed: `13,816.95`, `99.46%`, `25`.
    public var text: String
    /// 万元, 元, 亿元, %, or a counting word (个, 人, 件, 台, 套, 项).
    public var unit: String
    public var section: String
    /// Why no figure supports it (for claims without one).
    public var basis: String?
    /// A rubric item's points as the annex claims them (`financial-compliance`), or `total`:
    /// checked by scoring, not by the figure rules.
    public var score: String?
    /// Where it is in claims.yaml.
    public var line: Int?

    /// The value as stated: in 元 for money, a fraction for %, a number for counts.
    public var value: Amount
    /// Decimals as printed (2 for `99.46%` and `13,816.95`).
    public var decimals: Int
    /// The sentence that states it, for a claim read from the report (`report:` in tieout.yaml).
    public var sentence: String? = nil
    /// Where the report states it (for the annotated copy of a .docx report): set for a claim
    /// read from the report, and for a hand-written one that corrects such a claim.
    public var place: StatedFigure? = nil

    public var kind: FigureKind {
        switch unit {
        case "%": .ratio
        case "万元", "元", "亿元": .amount
        default: .count
        }
    }

    public var moneyUnit: MoneyUnit? { MoneyUnit(symbol: unit) }

    /// `99.46%`, `13,816.95 万元`, `25 个`.
    public var display: String { unit == "%" ? text : "\(text) \(unit)" }
}

/// The claims of a workspace (claims.yaml).
public struct ClaimSet: Sendable {
    public var claims: [Claim]
    public var file: String

    public static let fileName = "claims.yaml"

    /// Reads claims.yaml; every mistake names the key, the line and the fix.
    public static func parse(_ text: String, file: String, knownFigures: Set<String>) throws(TieoutError) -> ClaimSet {
        let root = try YAMLValue.document(text, file: file, limits: .document)
        // `unmapped:` lists what `tieout claims extract` could not map, for review: not claims.
        let top = try root.mapping(allowed: ["claims", "unmapped"])
        guard let list = top.first(where: { $0.key == "claims" })?.value, case .sequence(let items) = list.node else {
            throw root.error(Phrase("error.claim.no-list"), help: Phrase("error.claim.no-list.help"))
        }
        var claims: [Claim] = []
        for (i, node) in items.enumerated() {
            let item = list.child("\(i + 1)", node)
            let fields = try item.mapping(allowed: ["figure", "value", "unit", "section", "basis", "score"])
            func get(_ k: String) -> YAMLValue? { fields.first { $0.key == k }?.value }
            guard let valueNode = get("value") else { throw item.error(Phrase("error.claim.no-value"), help: Phrase("error.claim.no-value.help")) }
            guard let sectionNode = get("section") else { throw item.error(Phrase("error.claim.no-section"), help: Phrase("error.claim.no-section.help")) }
            let text = try valueNode.string()
            var unit = try get("unit")?.string() ?? ""
            let figure = try get("figure")?.string()
            if let figure, !knownFigures.contains(figure) {
                throw get("figure")!.error(Phrase("error.definitions.not-computed", ["figure": figure]),
                                           help: Phrase("error.claim.not-computed.help", ["ids": knownFigures.sorted().prefix(6).joined(separator: ", ")]))
            }
            let score = try get("score")?.string()
            if figure == nil && get("basis") == nil && score == nil {
                throw item.error(Phrase("error.claim.no-basis"), help: Phrase("error.claim.no-basis.help"))
            }
            if score != nil && unit.isEmpty { unit = "分" }
            let parsed: Amount.Parsed?
            do { parsed = try Amount.parseDetailed(text) } catch {
                throw valueNode.error(Phrase("error.claim.not-printed", ["value": text]), help: Phrase("error.claim.not-printed.help"))
            }
            guard let parsed else { throw valueNode.error(Phrase("error.claim.blank"), help: Phrase("error.claim.blank.help")) }
            if parsed.isPercent { unit = "%" }
            if unit.isEmpty {
                throw valueNode.error(Phrase("error.claim.no-unit", ["value": text]), help: Phrase("error.claim.no-unit.help"))
            }
            var value = parsed.value
            if let money = MoneyUnit(symbol: unit) { value = value.inYuan(from: money) }
            let digits = text.split(separator: ".").dropFirst().first.map { $0.filter(\.isNumber).count } ?? 0
            claims.append(Claim(figure: figure, text: text, unit: unit, section: try sectionNode.string(), basis: try get("basis")?.string(),
                                score: score, line: item.line, value: value, decimals: digits))
        }
        return ClaimSet(claims: claims, file: file)
    }
}
