#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import TieoutCore
import TieoutIngest
import TieoutReport
import TieoutScore

/// `tieout init DIR`: a new workspace with a commented tieout.yaml.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a workspace: a folder with a commented tieout.yaml and folders for ledgers and profiles.",
        discussion: """
        On a folder that already holds exports (CSV, workbooks, at any depth, under any names), \
        it configures the workspace from them: a profile per layout (files of one folder, kind and \
        header share a source pattern and a profile), the fiscal year from their dates, the unit's \
        name from their title lines, and an assessments.yaml template of the rubric items people \
        score. It prints, per file, the kind and profile it chose, and every guess left to check \
        (GUESS lines) with its file and line. It never overwrites an existing tieout.yaml.

        Examples:
          tieout init 2024-self-evaluation
          tieout init folder-of-exports
        """
    )

    @Argument(help: "The folder to create (or an empty one to fill).", completion: .directory)
    var directory: String

    @Option(help: "Language of the lines: zh (default) or en.")
    var lang: ReportLanguageOption = .zh

    static let starter = """
    # Tieout workspace: one budget unit, one fiscal year.
    # `tieout ingest .` reads the ledgers below into the dataset (.tieout/tieout.sqlite);
    # docs/profiles.md explains profiles, docs/dataset.md the dataset.

    # The budget unit, as the report names it.
    unit: 某某单位
    fiscal_year: 2024

    # How reports state money: unit (元, 万元, 亿元) and decimals.
    reporting:
      unit: 万元
      decimals: 2

    # Where the dataset lives (relative to this folder).
    database: .tieout/tieout.sqlite

    # Which files are which ledger: a pattern (relative to this folder; * and ?
    # within a folder, **/ across folders) and the profile that reads them — a
    # built-in one (treasury-payments, budget-indicators, procurement, asset-cards,
    # staffing, projects, petitions, surveys) or profiles/NAME.yaml here.
    sources:
      - files: ledgers/treasury/*.csv
        profile: treasury-payments
      - files: ledgers/budget/*.xlsx
        profile: budget-indicators
      # - files: ledgers/procurement/*.xlsx
      #   profile: procurement
      # - files: ledgers/assets/*.xlsx
      #   profile: asset-cards

    """

    func run() throws {
        let config = directory + "/" + Workspace.fileName
        if access(config, F_OK) == 0 {
            throw TieoutError(code: "workspace.exists", key: "workspace.exists-config", ["file": config, "folder": directory], location: SourceLocation(file: config))
        }
        if let setup = try WorkspaceSetup.plan(directory, kinds: try KindCatalog.builtIn()) {
            try configure(setup, config: config)
            return
        }
        try makeDirectories(directory + "/ledgers/treasury")
        try makeDirectories(directory + "/ledgers/budget")
        try makeDirectories(directory + "/profiles")
        try writeAtomically(config) { $0.write(Self.starter) }
        _ = try Workspace.open(directory)   // the starter must read back
        let l = lang.language
        Output.stdout.write(l.s("init.created", ["config": config]) + "\n" + l.s("init.next.starter", ["folder": directory]) + "\n"
                            + "  tieout ingest \(directory)\n")
    }

    /// Writes the workspace `setup` plans for the exports already in the folder, and says what
    /// it chose and what is left to check.
    func configure(_ setup: WorkspaceSetup, config: String) throws {
        for p in setup.profiles {
            let path = directory + "/profiles/" + p.name + ".yaml"
            if access(path, F_OK) == 0 {
                throw TieoutError(code: "workspace.exists", key: "workspace.exists-profile", ["file": path], location: SourceLocation(file: path))
            }
        }
        try makeDirectories(directory + "/profiles")
        for p in setup.profiles { try writeAtomically(directory + "/profiles/" + p.name + ".yaml") { $0.write(p.text) } }
        let assessments = directory + "/" + AssessmentSet.fileName
        let rubric = try Rubric.builtIn()
        let keptAssessments = access(assessments, F_OK) == 0
        if !keptAssessments { try writeAtomically(assessments) { $0.write(AssessmentSet.template(rubric)) } }
        try writeAtomically(config) { $0.write(setup.config) }
        _ = try Workspace.open(directory)   // it must read back
        let items = AssessmentSet.targets(rubric).count
        let l = lang.language, english = lang == .en
        let kept = keptAssessments ? l.s("init.assessments.kept", ["file": assessments]) : l.s("init.assessments.written", ["file": assessments, "items": items])
        var out = l.s(setup.profiles.count == 1 ? "init.configured.one" : "init.configured.many",
                      ["config": config, "n": setup.profiles.count, "folder": directory, "assessments": kept]) + "\n"
        out += l.s("init.files", ["n": setup.files.count]) + "\n"
        for f in setup.files {
            let name = f.file + (f.sheet.map { "[\($0)]" } ?? "")
            if let kind = f.kind, let profile = f.profile { out += "  " + l.s("init.file.chosen", ["file": name, "kind": kind, "profile": "profiles/\(profile).yaml"]) + "\n" }
            else if let unused = f.unused { out += "  " + l.s("init.sheet-unused", ["sheet": name, "reason": unused.text(english: english)]) + "\n" }
            else { out += "  " + l.s("init.file.not-read", ["file": name, "problem": f.problem?.text(english: english) ?? ""]) + "\n" }
        }
        out += Self.guesses(setup.guesses, language: l)
        out += l.s("init.next.guesses") + "\n  tieout run \(directory)\n"
        Output.stdout.write(out)
        if setup.files.contains(where: { $0.problem != nil }) { throw ExitCode(1) }
    }

    /// The lines marked GUESS (and required fields without a column), each with its file and line
    /// as written there (file contents, quoted as they are), under a heading in the command's language.
    static func guesses(_ lines: [String], language l: ReportLanguage) -> String {
        lines.isEmpty ? l.s("setup.guesses.none") + "\n" : l.s("setup.guesses", ["n": lines.count]) + "\n" + lines.map { "  \($0)\n" }.joined()
    }
}
