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
             try InstalledResources.text("Tieout_TieoutReconcile", "FigureDefinitions/\(name).yaml", what: Phrase("error.resources.figures", ["name": name]), code: "figure.built-in-missing"))
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
                throw TieoutError(code: "figure.duplicate", ["id": d.id, "file": definitions[i].file], location: SourceLocation(file: d.file, line: d.line))
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
                throw TieoutError(code: "figure.unknown", ["name": r, "id": d.id, "file": FigureCatalog.fileName, "ids": ids.prefix(4).joined(separator: ", ")],
                                  location: SourceLocation(file: d.file, line: d.line))
            }
        }
        // Depth first with an explicit stack, never recursion: a chain of thousands of
        // figures in figures.yaml is checked (and refused below), not a crash.
        var state: [String: Int] = [:]   // 1 visiting, 2 done
        var depth: [String: Int] = [:]   // levels of figures below, 0 for an aggregate
        for start in definitions where state[start.id] == nil {
            var stack: [(id: String, next: Int)] = [(start.id, 0)]
            state[start.id] = 1
            while let top = stack.last {
                let d = self[top.id]!
                let refs = d.references
                if top.next < refs.count {
                    stack[stack.count - 1].next += 1
                    let r = refs[top.next]
                    switch state[r] {
                    case 2?: continue
                    case 1?:
                        let from = stack.firstIndex { $0.id == r }!
                        let cycle = stack[from...].map(\.id) + [r]
                        let first = self[r]!
                        throw TieoutError(code: "figure.cycle", ["id": r, "cycle": cycle.joined(separator: " → ")], location: SourceLocation(file: first.file, line: first.line))
                    default:
                        state[r] = 1
                        stack.append((r, 0))
                    }
                    continue
                }
                let levels = refs.isEmpty ? 0 : 1 + refs.map { depth[$0]! }.max()!
                if levels > Self.maxDepth {
                    throw TieoutError(code: "figure.too-deep", ["id": d.id, "levels": levels, "max": Self.maxDepth], location: SourceLocation(file: d.file, line: d.line))
                }
                depth[top.id] = levels
                state[top.id] = 2
                stack.removeLast()
            }
        }
    }

    /// How many levels of figures one figure may be computed through (the built-in ones use
    /// 4): explaining and computing a figure walk its levels.
    public static let maxDepth = 64

    /// The figures `id` is computed from, at any depth, and itself.
    public func closure(of id: String) -> [String] {
        var out: [String] = [], seen = Set<String>()
        var stack = [id]
        while let i = stack.popLast() {
            guard seen.insert(i).inserted, let d = self[i] else { continue }
            out.append(i)
            stack += d.references.reversed()
        }
        return out
    }
}
