import Foundation
import TieoutCore
import TieoutIngest
import TieoutReconcile

/// Every settings file of a workspace checked without touching its dataset: tieout.yaml,
/// kinds/*.yaml, every profile (those the sources name and profiles/*.yaml), figures.yaml,
/// rules.yaml, claims.yaml, rubric.yaml and assessments.yaml. Every mistake is listed, not
/// only the first: each file is checked on its own.
///
/// ```swift
/// let problems = WorkspaceValidation.validate("samples/futian-2024")
/// problems.isEmpty   // true
/// ```
public enum WorkspaceValidation {
    public static func validate(_ root: String) -> [TieoutError] {
        var problems: [TieoutError] = []
        func check(_ body: () throws(TieoutError) -> Void) { do { try body() } catch { problems.append(error) } }
        let trimmed = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        // The kinds one by one (Workspace.open stops at the first).
        let kindFiles = ((try? FileManager.default.contentsOfDirectory(atPath: trimmed + "/kinds")) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        var kindErrors = false
        for name in kindFiles {
            check { () throws(TieoutError) in
                guard let data = try YAMLValue.readFile(trimmed + "/kinds/" + name, shownAs: "kinds/" + name, limits: .profile) else { return }
                do throws(TieoutError) { _ = try RecordKind.parse(String(decoding: data, as: UTF8.self), file: "kinds/" + name) } catch { kindErrors = true; throw error }
            }
        }
        let ws: Workspace
        do { ws = try Workspace.open(trimmed) } catch {
            // The same mistake in a kind, found again by Workspace.open, is listed once.
            if !(kindErrors && error.code.domain == .kind) && !problems.contains(where: { $0.description == error.description }) { problems.append(error) }
            return problems
        }
        // Every profile named by a source, and every one in profiles/.
        var own: [String] = []
        check { () throws(TieoutError) in own = (try YAMLValue.listFolder(ws.root + "/profiles", shownAs: "profiles/") ?? []).map { String($0.dropLast(5)) } }
        var names: [(name: String, line: Int?)] = []
        for n in ws.sources.flatMap(\.profiles) + own.sorted().map({ ($0, nil) }) where !names.contains(where: { $0.name == n.name }) { names.append(n) }
        for n in names { check { () throws(TieoutError) in _ = try ws.profile(named: n.name, line: n.line) } }
        // How each file is read (a sheet map's sheets, column groups' headers), from the files' headers.
        problems += ws.readingProblems().filter { p in !problems.contains(where: { $0.description == p.description }) }
        var catalog: FigureCatalog? = nil
        check { () throws(TieoutError) in catalog = try FigureCatalog.load(workspace: ws) }
        // figures.yaml has a mistake: rules and claims are still checked, against the built-in figures.
        if catalog == nil { catalog = try? FigureCatalog.builtIn(kinds: ws.kinds) }
        if let catalog {
            check { () throws(TieoutError) in _ = try RuleDefinitions.load(workspace: ws, figures: catalog) }
            check { () throws(TieoutError) in
                if let data = try YAMLValue.readFile(ws.root + "/" + ClaimSet.fileName, shownAs: ClaimSet.fileName, limits: .document) {
                    _ = try ClaimSet.parse(String(decoding: data, as: UTF8.self), file: ClaimSet.fileName, knownFigures: Set(catalog.ids))
                }
            }
        }
        var rubric: Rubric? = nil
        check { () throws(TieoutError) in rubric = try Rubric.forWorkspace(ws) }
        if let rubric { check { () throws(TieoutError) in _ = try AssessmentSet.forWorkspace(ws, rubric: rubric) } }
        return problems
    }
}
