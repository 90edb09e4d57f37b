#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TieoutCore

/// The record kinds a workspace has: the built-in ones (resources), then its own
/// `kinds/NAME.yaml`. A workspace kind may not reuse a built-in kind's name or table.
///
/// ```swift
/// let kinds = try KindCatalog.load(workspace: "samples/futian-2024")
/// kinds.named("treasury-payment")?.title   // "国库集中支付"
/// ```
public struct KindCatalog: Sendable {
    public private(set) var kinds: [RecordKind]
    /// Where each kind was defined (`built-in`, `kinds/contract.yaml`).
    public private(set) var sources: [String: String]

    public init(_ kinds: [RecordKind] = [], sources: [String: String] = [:]) {
        self.kinds = kinds
        self.sources = sources
    }

    public func named(_ name: String) -> RecordKind? { kinds.first { $0.name == name } }
    public var names: [String] { kinds.map(\.name) }

    /// The built-in kinds' names, in schema order.
    public static let builtInNames = ["treasury-payment", "budget-indicator", "procurement", "asset-card", "staffing", "project", "petition", "survey"]

    private static let cached: Result<KindCatalog, TieoutError> = Result { () throws(TieoutError) -> KindCatalog in
        var c = KindCatalog()
        for name in builtInNames {
            let text = try InstalledResources.text("Tieout_TieoutIngest", "KindDefinitions/\(name).yaml", what: Phrase("error.resources.kind", ["name": name]), code: "kind.built-in-missing")
            try c.add(try RecordKind.parse(text, file: "built-in kind \(name)"), from: "built-in", line: nil)
        }
        return c
    }

    /// The kinds that ship with Tieout.
    public static func builtIn() throws(TieoutError) -> KindCatalog { try cached.get() }

    /// The built-in kinds and the workspace's `kinds/*.yaml`, in name order.
    public static func load(workspace root: String) throws(TieoutError) -> KindCatalog {
        var c = try builtIn()
        let dir = root + "/kinds"
        // A kinds/ folder that cannot be listed is an error with its cause, never a workspace without its kinds.
        let names = try YAMLValue.listFolder(dir, shownAs: "kinds/") ?? []
        for fileName in names {
            let shown = "kinds/" + fileName
            guard let data = try YAMLValue.readFile(dir + "/" + fileName, shownAs: shown, limits: .profile) else { continue }
            let kind = try RecordKind.parse(String(decoding: data, as: UTF8.self), file: shown)
            guard kind.name + ".yaml" == fileName else {
                throw TieoutError(code: "kind.file-name", ["file": shown, "kind": kind.name], location: SourceLocation(file: shown, line: 1))
            }
            try c.add(kind, from: shown, line: 1)
        }
        return c
    }

    mutating func add(_ kind: RecordKind, from source: String, line: Int?) throws(TieoutError) {
        if let other = kinds.first(where: { $0.name == kind.name || $0.table == kind.table }) {
            let what = other.name == kind.name ? Phrase("error.kind.duplicate.kind", ["kind": kind.name]) : Phrase("error.kind.duplicate.table", ["table": kind.table])
            throw TieoutError(code: "kind.duplicate", ["file": source, "what": what, "other": sources[other.name].map { Phrase("error.kind.duplicate.source", ["source": $0]) } ?? Phrase("error.kind.duplicate.another")],
                              location: SourceLocation(file: source, line: line))
        }
        kinds.append(kind)
        sources[kind.name] = source
    }
}
