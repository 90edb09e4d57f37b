#if canImport(Glibc)
import Glibc
#endif
import TieoutCore

/// A workspace configured from a folder that already holds exports (`tieout init DIR`): every
/// CSV or workbook under it (any depth, any names) suggested a profile; files of one layout
/// (one folder, one kind, one header: twelve monthly exports) share a source pattern and a
/// profile; the fiscal year from the dates, the unit's name from the title lines. Every guess
/// left to check is listed with its file and line.
public struct WorkspaceSetup {
    /// What became of one file: its kind and profile, or why it was not read.
    public struct FileChoice: Sendable {
        public var file: String
        /// The sheet, when a workbook's sheets were considered one by one (`sheet:` of its profile).
        public var sheet: String? = nil
        public var kind: String?
        public var profile: String?
        /// Why it was not read, in both languages (the catalog's words, the reader's error in each language).
        public var problem: Phrase?
        /// Why a sheet was not used while another sheet of its workbook was (a note, not a problem).
        public var unused: Phrase? = nil
    }

    /// What a reader's error says, or what it says to do, in each language (for the catalog's `init.problem`).
    struct ErrorWords: Bilingual, CustomStringConvertible {
        var error: TieoutError
        var help = false
        func text(english: Bool) -> String { help ? error.help(english: english) : error.what(english: english) }
        var description: String { text(english: true) }
    }

    /// Why a file could not be read: the error's words, then what to do (in brackets in English, after a semicolon in Chinese).
    static func problem(_ error: TieoutError) -> Phrase {
        Phrase("init.problem", ["what": ErrorWords(error: error),
                                "help": error.help.isEmpty ? Phrase.empty : Phrase("init.problem.help", ["help": ErrorWords(error: error, help: true)])])
    }

    public var files: [FileChoice] = []
    /// tieout.yaml's text.
    public var config: String = ""
    /// profiles/NAME.yaml: name and text.
    public var profiles: [(name: String, text: String)] = []
    /// `FILE:LINE: text` of every line marked GUESS (or a required field without a column).
    public var guesses: [String] = []

    static let exportExtensions = ["csv", "xlsx", "xlsm", "xltx", "xls"]

    /// The exports under `root`, relative (`.tieout`, `out` and hidden folders left out).
    public static func exports(_ root: String) -> [String] {
        Workspace.listFiles(root).filter { f in
            let ext = f.split(separator: ".").last.map { $0.lowercased() } ?? ""
            return f.contains(".") && exportExtensions.contains(ext) && !f.hasPrefix("profiles/") && !f.hasPrefix("kinds/")
        }
    }

    /// The setup for the exports under `root`; nil when there are none.
    public static func plan(_ root: String, kinds: KindCatalog) throws(TieoutError) -> WorkspaceSetup? {
        let listed = exports(root)
        guard !listed.isEmpty else { return nil }
        var setup = WorkspaceSetup()
        // A link that cannot be followed is no export: named with its reason, never read.
        var links: [String: Phrase] = [:]
        for rel in listed {
            if let l = RegularFile.brokenLink(root + "/" + rel) { links[rel] = Phrase("init.link", ["target": l.target, "reason": l.reason]) }
        }
        let all = listed.filter { links[$0] == nil }
        // What is read of each file: the file, or each sheet of a workbook of several.
        let readings = all.flatMap { rel in sheetsToConsider(root + "/" + rel).map { Reading(file: rel, sheet: $0) } }
        // Each reading's suggestion, grouped by layout: folder, sheet, kind, header.
        struct Layout { var files: [Reading]; var first: ProfileSuggestion }
        var layouts: [Layout] = []
        var problems: [Reading: Phrase] = [:]
        for r in readings {
            let rel = r.file
            do {
                let s = try ProfileSuggestion.suggest(root + "/" + rel, kind: nil, sheet: r.sheet, kinds: kinds)
                if let i = layouts.firstIndex(where: { folder($0.files[0].file) == folder(rel) && $0.files[0].sheet == r.sheet && $0.first.kind.name == s.kind.name
                    && $0.first.columns == s.columns && ext($0.files[0].file) == ext(rel) }) {
                    layouts[i].files.append(r)
                } else {
                    layouts.append(Layout(files: [r], first: s))
                }
            } catch {
                problems[r] = problem(error)
            }
        }
        // Each layout's profile, suggested from its first file with the rows of the others.
        var names: Set<String> = []
        var sources: [String] = []
        var dates: [CalendarDate] = []
        var titles: [[String]] = []
        var choice: [Reading: (kind: String, profile: String)] = [:]
        for layout in layouts {
            let s = try ProfileSuggestion.suggest(root + "/" + layout.files[0].file, kind: layout.first.kind.name, sheet: layout.files[0].sheet,
                                                  others: layout.files.dropFirst().map { root + "/" + $0.file }, kinds: kinds)
            // The kind was chosen by the first file's header: its line says so, as that suggestion's did.
            let kindLine = layout.first.yaml.split(separator: "\n").first { $0.hasPrefix("kind: ") }.map(String.init) ?? "kind: \(s.kind.name)"
            let text = s.yaml.replacingOccurrences(of: "kind: \(s.kind.name)\n", with: kindLine + "\n")
            // A suggestion that does not read as a profile (the closest kind's required fields have no
            // column: the export is of a kind no catalog has) configures nothing; the file is listed.
            do { _ = try Profile.parse(text, file: "profiles/\(profileName(for: s.kind.name)).yaml", kinds: kinds) } catch {
                for r in layout.files {
                    let f = r.file + (r.sheet.map { " --sheet \(ProfileSuggestion.yamlString($0))" } ?? "")
                    // Two fixes, for a person to choose: the fields are there in another shape (one value for the
                    // file, a column group, a sheet each, values above the header), or the export is of another kind.
                    problems[r] = Phrase("init.no-kind-fits", ["kind": s.kind.name, "what": ErrorWords(error: error), "file": f])
                }
                continue
            }
            var name = profileName(for: s.kind.name)
            var n = 2
            while names.contains(name) { name = profileName(for: s.kind.name) + "-\(n)"; n += 1 }
            names.insert(name)
            setup.profiles.append((name, text))
            // The patterns match no link that cannot be followed (ingest would fail on it).
            for pattern in sourcePatterns(layout.files.map(\.file), all: listed) {
                let count = all.filter { Glob.matches(pattern, $0) }.count
                sources.append("  - files: \(ProfileSuggestion.yamlString(pattern))    # \(count == 1 ? "1 file" : "\(count) files"), \(s.kind.name)\n    profile: \(name)")
            }
            dates += s.dates
            titles += s.titleLines
            for f in layout.files { choice[f] = (s.kind.name, name) }
        }
        for rel in listed {
            if let link = links[rel] { setup.files.append(FileChoice(file: rel, problem: link)); continue }
            let own = readings.filter { $0.file == rel }
            // A sheet not used while another of its workbook is: a note; none used: each sheet's problem.
            let anyUsed = own.contains { choice[$0] != nil }
            for r in own {
                let problem = problems[r]
                setup.files.append(FileChoice(file: rel, sheet: r.sheet, kind: choice[r]?.kind, profile: choice[r]?.profile,
                                              problem: anyUsed ? nil : problem, unused: anyUsed ? problem : nil))
            }
        }
        setup.config = config(unit: unitName(titles), year: fiscalYear(dates, titles: titles, files: all), sources: sources)
        setup.guesses = guessLines(Workspace.fileName, setup.config)
        for p in setup.profiles { setup.guesses += guessLines("profiles/\(p.name).yaml", p.text) }
        return setup
    }

    static func folder(_ rel: String) -> String { rel.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") }
    static func ext(_ rel: String) -> String { rel.split(separator: ".").last.map { $0.lowercased() } ?? "" }

    /// The built-in profile's name for a kind (treasury-payment → treasury-payments), else the kind's.
    static func profileName(for kind: String) -> String {
        let known = ["treasury-payment": "treasury-payments", "budget-indicator": "budget-indicators", "asset-card": "asset-cards",
                     "project": "projects", "petition": "petitions", "survey": "surveys"]
        return known[kind] ?? kind
    }

    /// Patterns that match the layout's files and no other export: the folder's every file
    /// of the extension, else the names' common beginning and end, else each file by name
    /// (`{a,b}` is no pattern here: a source per file).
    static func sourcePatterns(_ files: [String], all: [String]) -> [String] {
        let dir = folder(files[0])
        let prefix = dir.isEmpty ? "" : dir + "/"
        func exact(_ p: String) -> Bool { Set(all.filter { Glob.matches(p, $0) }) == Set(files) }
        let byExt = prefix + "*." + (files[0].split(separator: ".").last.map(String.init) ?? "")
        if exact(byExt) { return [byExt] }
        let names = files.map { String($0.dropFirst(prefix.count)) }
        var start = names[0], end = names[0]
        for n in names.dropFirst() {
            start = String(zip(start, n).prefix { $0 == $1 }.map(\.0))
            end = String(zip(end.reversed(), n.reversed()).prefix { $0 == $1 }.map(\.0).reversed())
        }
        let common = prefix + start + "*" + end
        if files.count > 1, start.count + end.count < names.map(\.count).min() ?? 0, !start.contains(where: { "*?[".contains($0) }),
           !end.contains(where: { "*?[".contains($0) }), exact(common) { return [common] }
        return files
    }

    /// The unit's name from a `单位名称：…` (or 预算单位, 编制单位, 单位) cell of the title lines.
    static func unitName(_ titles: [[String]]) -> String? {
        for line in titles {
            for cell in line {
                guard let m = cell.wholeMatch(of: /\s*(?:单位名称|预算单位|编制单位|单位)\s*[：:]\s*(.+?)\s*/) else { continue }
                let value = String(m.1)
                if MoneyUnit(symbol: value) == nil && !value.hasPrefix("元") && !value.hasPrefix("万元") && !value.hasPrefix("亿元") { return value }
            }
        }
        return nil
    }

    /// The fiscal year and how it was found: the year most dates fall in; else a year in the
    /// titles or file names (a guess).
    static func fiscalYear(_ dates: [CalendarDate], titles: [[String]], files: [String]) -> (Int, String) {
        let counts = Dictionary(grouping: dates, by: \.year).mapValues(\.count)
        if let (year, n) = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
            return (year, "\(n) of the \(dates.count) dates read are of \(year)")
        }
        let texts = titles.flatMap { $0 } + files
        for t in texts {
            if let m = t.firstMatch(of: /(20\d\d)/), let y = Int(m.1) { return (y, "GUESS — CHECK: no dates read; \(y) is named in '\(t)'") }
        }
        return (2024, "GUESS — CHECK: no dates read and no year named")
    }

    static func config(unit: String?, year: (Int, String), sources: [String]) -> String {
        let unitLine = unit.map { "unit: \(ProfileSuggestion.yamlString($0))    # its 单位名称 line" }
            ?? "unit: 某某单位    # GUESS — CHECK: no 单位名称 line in the exports; write the budget unit's name"
        return """
        # Tieout workspace: one budget unit, one fiscal year, written by `tieout init` from the
        # exports below this folder. Lines marked GUESS are guesses to check; docs/profiles.md
        # explains profiles.
        \(unitLine)
        fiscal_year: \(year.0)    # \(year.1)

        # How reports state money: unit (元, 万元, 亿元) and decimals.
        reporting:
          unit: 万元    # GUESS: self-evaluation reports state money in 万元
          decimals: 2

        database: .tieout/tieout.sqlite

        # Which files are which ledger: a pattern and the profile that reads them (profiles/NAME.yaml).
        sources:\(sources.isEmpty ? " []    # no export could be read: see what init printed" : "\n" + sources.joined(separator: "\n"))

        """
    }

    /// `FILE:LINE: text` for each line that is a guess to check or a required field left without a column.
    public static func guessLines(_ file: String, _ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { i, line in
            line.contains("# GUESS") || line.contains("REQUIRED:") ? "\(file):\(i + 1): \(line.trimmingSpaces())" : nil
        }
    }
}

extension WorkspaceSetup {
    /// tieout.yaml's text with a source that reads `file` (relative to the workspace) with
    /// `profile` added at the end of `sources:`, the rest of the text as it was; nil when a
    /// source with that profile reads the file already. A source with another profile that
    /// reads it is an error: a second reading of one file is deliberate (its own sheet, range
    /// or rows), never a side effect of suggesting a profile for it.
    public static func addingSource(_ ws: Workspace, configText: String, file: String, profile: String) throws(TieoutError) -> String? {
        if let other = ws.sources.first(where: { Glob.matches($0.files, file) }) {
            if other.profile == profile { return nil }
            throw TieoutError(code: "workspace.overlap", ["file": file, "files": other.files, "profile": other.profile, "config": Workspace.fileName],
                              location: SourceLocation(file: ws.configPath, line: other.line))
        }
        var lines = configText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("sources:") }) else {
            throw TieoutError(code: "workspace.sources", key: "workspace.no-sources-line", ["config": ws.configPath, "file": file], location: SourceLocation(file: ws.configPath))
        }
        if lines[start].replacingOccurrences(of: " ", with: "") == "sources:[]" { lines[start] = "sources:" }
        // The block ends before the next line that starts a top-level key.
        var end = start + 1
        var last = start
        var indent = "  "
        while end < lines.count, lines[end].isEmpty || lines[end].first == " " || lines[end].first == "-" || lines[end].first == "#" {
            let t = lines[end].trimmingSpaces()
            if t.hasPrefix("- ") {
                last = end
                indent = String(lines[end].prefix { $0 == " " })
            } else if !t.isEmpty && !t.hasPrefix("#") { last = end }
            end += 1
        }
        let entry = ["\(indent)- files: \(ProfileSuggestion.yamlString(file))", "\(indent)  profile: \(profile)"]
        lines.insert(contentsOf: entry, at: last + 1)
        let text = lines.joined(separator: "\n")
        // It must read back, with the new source reading the file.
        let again = try Workspace.parse(text, root: ws.root)
        guard again.sources.contains(where: { $0.profile == profile && Glob.matches($0.files, file) }) else {
            throw TieoutError(code: "workspace.sources", key: "workspace.source-misses", ["config": ws.configPath, "file": file, "profile": profile], location: SourceLocation(file: ws.configPath))
        }
        return text
    }
}

extension WorkspaceSetup {
    /// tieout.yaml's text as it is on disk.
    public static func configText(_ ws: Workspace) throws(TieoutError) -> String {
        guard let data = try YAMLValue.readFile(ws.configPath, shownAs: ws.configPath, limits: .profile) else {
            throw TieoutError(code: "workspace.missing", key: "workspace.no-config", ["config": ws.configPath, "folder": ws.root], location: SourceLocation(file: ws.configPath))
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `file`'s path relative to the workspace (both with every link resolved); nil when it is outside.
    public static func relativePath(of file: String, in ws: Workspace) -> String? {
        guard let root = ws.realRoot, let p = realpath(file, nil) else { return nil }
        defer { free(p) }
        let real = String(cString: p)
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return real.hasPrefix(prefix) ? String(real.dropFirst(prefix.count)) : nil
    }
}
