import Foundation
import TieoutCore
import TieoutIngest

/// Every figure a workspace can compute: the built-in definitions, then the workspace's
/// `figures.yaml`, whose figures are added, or replace a built-in one of the same id (in
/// its place). Each definition is checked against the kinds when loaded: an unknown kind,
/// field, value or figure is an error naming the line and the fix, never a figure of 0.
///
/// ```swift
/// let catalog = try FigureCatalog.load(workspace: ws)
/// catalog["execution.rate"]?.formula   // "实际支出 ÷ 调整后预算"
/// ```
public struct FigureCatalog: Sendable {
    public private(set) var definitions: [FigureDefinition] = []
    private var index: [String: Int] = [:]

    public subscript(id: String) -> FigureDefinition? { index[id].map { definitions[$0] } }
    public var ids: [String] { definitions.map(\.id) }

    public static let fileName = "figures.yaml"
    /// The built-in definition files, in the order reports list their figures.
    public static let builtInFiles = ["budget", "spending", "procurement", "public-expenses", "assets", "staff", "projects", "petitions-and-surveys"]

    private static let builtInText: Result<[(String, String)], TieoutError> = Result { () throws(TieoutError) -> [(String, String)] in
        try builtInFiles.map { (name: String) throws(TieoutError) -> (String, String) in
            ("built-in figures \(name).yaml",
             try InstalledResources.text("Tieout_TieoutReconcile", "FigureDefinitions/\(name).yaml", what: "the built-in figures \(name).yaml", code: "figure.built-in-missing"))
        }
    }

    /// The built-in figures, checked against `kinds`.
    public static func builtIn(kinds: KindCatalog) throws(TieoutError) -> FigureCatalog {
        var c = FigureCatalog()
        for (file, text) in try builtInText.get() {
            for d in try FigureDefinition.parseFile(text, file: file, kinds: kinds) { try c.add(d, replacing: false) }
        }
        try c.checkReferences()
        return c
    }

    /// The built-in figures and the workspace's figures.yaml, checked against its kinds.
    public static func load(workspace ws: Workspace) throws(TieoutError) -> FigureCatalog {
        var c = try builtIn(kinds: ws.kinds)
        let path = ws.root + "/" + fileName
        try ws.checkInside(path, shownAs: fileName)
        if let data = try YAMLValue.readFile(path, shownAs: fileName, limits: .document) {
            for d in try FigureDefinition.parseFile(String(decoding: data, as: UTF8.self), file: fileName, kinds: ws.kinds) { try c.add(d, replacing: true) }
            try c.checkReferences()
        }
        return c
    }

    mutating func add(_ d: FigureDefinition, replacing: Bool) throws(TieoutError) {
        if let i = index[d.id] {
            guard replacing, definitions[i].file != d.file else {
                throw TieoutError(code: "figure.duplicate", what: "the figure '\(d.id)' is defined twice, in \(definitions[i].file) and here",
                                  location: SourceLocation(file: d.file, line: d.line), help: "Give each figure its own id.")
            }
            definitions[i] = d
        } else {
            index[d.id] = definitions.count
            definitions.append(d)
        }
    }

    /// Every figure referred to exists, and none is computed from itself.
    func checkReferences() throws(TieoutError) {
        for d in definitions {
            for r in d.references where index[r] == nil {
                throw TieoutError(code: "figure.unknown", what: "'\(r)' is not a figure (used by \(d.id))", location: SourceLocation(file: d.file, line: d.line),
                                  help: "Name a figure defined before or in \(FigureCatalog.fileName), such as \(ids.prefix(4).joined(separator: ", ")).")
            }
        }
        var state: [String: Int] = [:]   // 1 visiting, 2 done
        func visit(_ id: String, _ path: [String]) throws(TieoutError) {
            if state[id] == 2 { return }
            let d = self[id]!
            if state[id] == 1 {
                throw TieoutError(code: "figure.cycle", what: "the figure '\(id)' is computed from itself: \((path + [id]).joined(separator: " → "))",
                                  location: SourceLocation(file: d.file, line: d.line), help: "Compute one of these figures from ledgers, not from the others.")
            }
            state[id] = 1
            for r in d.references { try visit(r, path + [id]) }
            state[id] = 2
        }
        for d in definitions { try visit(d.id, []) }
    }

    /// The figures `id` is computed from, at any depth, and itself.
    public func closure(of id: String) -> [String] {
        var out: [String] = [], seen = Set<String>()
        func walk(_ i: String) {
            guard seen.insert(i).inserted, let d = self[i] else { return }
            out.append(i)
            d.references.forEach(walk)
        }
        walk(id)
        return out
    }
}
