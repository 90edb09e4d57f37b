import Foundation
import TieoutCore
import TieoutIngest

/// The rules that are data: parts = whole among stated figures, and checks of one ledger
/// against another. Built-in ones are resources (Sources/TieoutReconcile/RuleDefinitions);
/// a workspace adds its own in `rules.yaml` (`identities:` and `cross-ledger:`).
public struct RuleDefinitions: Sendable {
    public struct Identity: Sendable {
        public var whole: String
        public var parts: [String]
        public var title: String
        public var en: String
    }

    public struct CrossLedgerCheck: Sendable {
        public enum Test: String, Sendable { case within, equal }
        public var id: String
        public var test: Test
        /// Two figures: the one checked, and what it is checked against.
        public var figures: [String]
        public var title: String
        public var en: String
    }

    /// Parts a report itemises of a total it states (itemised.yaml): the text need not list
    /// every part, but those it lists must account for the total.
    public struct Itemised: Sendable {
        public var whole: String
        /// The whole as the report states it when it does not state `whole` itself: the
        /// first figure less the second (调整后 − 年初).
        public var wholeFrom: [String]
        public var parts: [String]
        public var title: String
        public var en: String
    }

    public var identities: [Identity] = []
    public var itemised: [Itemised] = []
    public var crossLedger: [CrossLedgerCheck] = []

    public static let fileName = "rules.yaml"

    private static let builtInText: Result<[(String, String)], TieoutError> = Result { () throws(TieoutError) -> [(String, String)] in
        try ["identities", "cross-ledger", "itemised"].map { (name: String) throws(TieoutError) -> (String, String) in
            ("built-in rules \(name).yaml",
             try InstalledResources.text("Tieout_TieoutReconcile", "RuleDefinitions/\(name).yaml", what: Phrase("error.resources.rules", ["name": name]), code: "rule.built-in-missing"))
        }
    }

    /// The built-in rules and the workspace's rules.yaml, every figure they name checked against `figures`.
    public static func load(workspace ws: Workspace, figures: FigureCatalog) throws(TieoutError) -> RuleDefinitions {
        var r = RuleDefinitions()
        for (file, text) in try builtInText.get() { try r.read(text, file: file, figures: figures) }
        let path = ws.root + "/" + fileName
        try ws.checkInside(path, shownAs: fileName)
        if let data = try YAMLValue.readFile(path, shownAs: fileName, limits: .document) {
            try r.read(String(decoding: data, as: UTF8.self), file: fileName, figures: figures)
        }
        return r
    }

    mutating func read(_ text: String, file: String, figures: FigureCatalog) throws(TieoutError) {
        let root = try YAMLValue.document(text, file: file, limits: .document)
        for (key, list) in try root.mapping(allowed: ["identities", "cross-ledger", "itemised"]) {
            guard case .sequence(let items) = list.node else {
                throw list.error(Phrase("error.rule.no-list", ["key": key]), help: Phrase("error.rule.no-list.help", ["example": "- { … }"]))
            }
            for (i, node) in items.enumerated() {
                let item = list.child("\(i + 1)", node)
                let f = try item.mapping(allowed: key == "identities" ? ["whole", "parts", "title", "en"]
                                         : key == "itemised" ? ["whole", "whole-from", "parts", "title", "en"] : ["id", "within", "equal", "title", "en"])
                func get(_ k: String) throws(TieoutError) -> YAMLValue {
                    guard let v = f.first(where: { $0.key == k })?.value else { throw item.error(Phrase("error.rule.missing", ["key": k]), help: Phrase("error.definitions.add-key", ["key": k])) }
                    return v
                }
                func figure(_ v: YAMLValue, _ id: String) throws(TieoutError) -> String {
                    guard figures[id] != nil else {
                        throw v.error(Phrase("error.rule.not-a-figure", ["id": id]), help: Phrase("error.rule.not-a-figure.help"))
                    }
                    return id
                }
                let title = try get("title").string(), en = try get("en").string()
                if key == "itemised" {
                    let w = try get("whole"), p = try get("parts")
                    var parts: [String] = []
                    for id in try p.strings() { parts.append(try figure(p, id)) }
                    guard !parts.isEmpty else { throw p.error(Phrase("error.rule.no-parts-itemised"), help: Phrase("error.rule.no-parts-itemised.help")) }
                    var from: [String] = []
                    if let fromNode = f.first(where: { $0.key == "whole-from" })?.value {
                        for id in try fromNode.strings() { from.append(try figure(fromNode, id)) }
                        guard from.count == 2 else { throw fromNode.error(Phrase("error.definitions.two-figures", ["key": "whole-from"]), help: Phrase("error.rule.whole-from.help")) }
                    }
                    itemised.append(Itemised(whole: try figure(w, try w.string()), wholeFrom: from, parts: parts, title: title, en: en))
                } else if key == "identities" {
                    let w = try get("whole"), p = try get("parts")
                    let parts = try p.strings()
                    guard !parts.isEmpty else { throw p.error(Phrase("error.rule.no-parts-identity"), help: Phrase("error.rule.no-parts-identity.help")) }
                    var checked: [String] = []
                    for id in parts { checked.append(try figure(p, id)) }
                    identities.append(Identity(whole: try figure(w, try w.string()), parts: checked, title: title, en: en))
                } else {
                    let tests = f.filter { $0.key == "within" || $0.key == "equal" }
                    guard tests.count == 1, let (testKey, v) = tests.first else {
                        throw item.error(Phrase("error.rule.no-test"), help: Phrase("error.rule.no-test.help"))
                    }
                    let ids = try v.strings()
                    guard ids.count == 2 else { throw v.error(Phrase("error.definitions.two-figures", ["key": testKey]), help: Phrase("error.definitions.two-figures.help", ["key": testKey])) }
                    let id = try get("id").string()
                    guard !crossLedger.contains(where: { $0.id == id }) else { throw item.error(Phrase("error.rule.duplicate", ["id": id]), help: Phrase("error.rule.duplicate.help")) }
                    crossLedger.append(CrossLedgerCheck(id: id, test: CrossLedgerCheck.Test(rawValue: testKey)!,
                                                        figures: [try figure(v, ids[0]), try figure(v, ids[1])], title: title, en: en))
                }
            }
        }
    }
}
