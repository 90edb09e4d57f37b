#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import TieoutCore
import TieoutIngest
import TieoutReport

/// `tieout suggest FILE`: a starting profile, to check and save as profiles/NAME.yaml.
struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a starting profile for a ledger: its header, unit, columns matched to a kind's fields, enumeration words, subtotal and cumulative rows.",
        discussion: """
        Columns are matched by name (the field's title and the built-in profiles' aliases) or, \
        marked GUESS, by the values they hold. Columns no field reads are listed as UNMAPPED. \
        Check the guesses, then save it as WORKSPACE/profiles/NAME.yaml, or let -o write it there \
        and add a source that reads the file to the workspace's tieout.yaml.

        Examples:
          tieout suggest samples/futian-2024/ledgers/treasury/2024-03.csv
          tieout suggest ledgers/budget.xlsx --kind budget-indicator --sheet 2
          tieout suggest ws/ledgers/contracts.csv -o ws/profiles/contracts.yaml
        """
    )

    @Argument(help: "The ledger: CSV or a workbook.", completion: .file())
    var file: String

    @Option(help: "The record kind (default: the one whose fields the header names best).")
    var kind: String?

    @Option(help: "For a workbook: the sheet, by name or number from 1.")
    var sheet: String?

    @Option(help: "A workspace whose own kinds (kinds/*.yaml) may be suggested too.")
    var workspace: String?

    @Option(name: .customLong("header-row"), help: "The record (CSV) or row (sheet) that holds the column names. Detected when left out.")
    var headerRow: Int?

    @Option(name: [.customShort("o"), .customLong("output")],
            help: "Write the profile to WORKSPACE/profiles/NAME.yaml and add a source that reads the file to WORKSPACE/tieout.yaml.")
    var output: String?

    @Flag(help: "With -o: replace a profile that exists.")
    var force = false

    @Option(help: "Language of the lines: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    func validate() throws {
        if let headerRow, headerRow < 1 { throw ValidationError("--header-row takes the number of the row that holds the column names, from 1") }
        if force && output == nil { throw ValidationError("--force goes with -o PROFILE") }
    }

    func run() throws {
        if let output { return try write(output) }
        let kinds = try workspace.map { try Workspace.open($0).kinds } ?? KindCatalog.builtIn()
        let s = try ProfileSuggestion.suggest(file, kind: kind, sheet: sheet, headerRow: headerRow, kinds: kinds)
        Output.stdout.write(s.yaml)
    }

    /// `-o WORKSPACE/profiles/NAME.yaml`: the profile written, the source added to tieout.yaml.
    func write(_ output: String) throws {
        let parts = output.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let last = parts.last, last.hasSuffix(".yaml"), last.count > 5, parts.count >= 2, parts[parts.count - 2] == "profiles" else {
            throw TieoutError(code: "usage.output", ["output": output])
        }
        let root = parts.count == 2 ? "." : parts.dropLast(2).joined(separator: "/")
        let ws = try Workspace.open(root)
        let name = String(last.dropLast(5))
        if !force && access(output, F_OK) == 0 {
            throw TieoutError(code: "workspace.exists", key: "workspace.exists-output", ["file": output], location: SourceLocation(file: output))
        }
        guard let relative = WorkspaceSetup.relativePath(of: file, in: ws) else {
            throw TieoutError(code: "workspace.outside", key: "workspace.export-outside", ["file": file, "root": root], location: SourceLocation(file: file))
        }
        let s = try ProfileSuggestion.suggest(file, kind: kind, sheet: sheet, headerRow: headerRow, kinds: ws.kinds)
        let config = try WorkspaceSetup.addingSource(ws, configText: try WorkspaceSetup.configText(ws), file: relative, profile: name)
        try makeDirectories(root + "/profiles")
        try writeAtomically(output) { $0.write(s.yaml) }
        if let config { try writeAtomically(ws.configPath) { $0.write(config) } }
        let l = lang.language
        var out = l.s(config == nil ? "suggest.wrote.already" : "suggest.wrote.added",
                      ["output": output, "kind": s.kind.name, "config": ws.configPath, "file": relative]) + "\n"
        out += Init.guesses(WorkspaceSetup.guessLines("profiles/\(last)", s.yaml), language: l)
        Output.stdout.write(out)
    }
}
