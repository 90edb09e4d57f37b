import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TieoutCore

/// A workspace: a folder with `tieout.yaml` (the unit, the fiscal year, the
/// reporting unit and precision, where the ledgers are and which profile reads
/// each), the ledgers, and optionally `profiles/` with the workspace's own profiles.
///
/// ```swift
/// let ws = try Workspace.open("samples/futian-2024")
/// ws.fiscalYear                 // 2024
/// try ws.sourceFiles().map(\.relativePath)   // ["ledgers/treasury/2024-01.csv", …]
/// ```
public struct Workspace: Sendable {
    /// The folder, as the user named it.
    public let root: String
    public var unitName: String
    public var fiscalYear: Int
    /// The unit reports state money in (万元) and how many decimals they show.
    public var reportingUnit: MoneyUnit = .wanYuan
    public var decimals: Int = 2
    /// The dataset, relative to the root unless absolute.
    public var database: String = ".tieout/tieout.sqlite"
    public var sources: [Source]
    /// Per reconciliation rule (`claim`, `identity`): the largest difference, in display
    /// units, still classed as rounding. Unset: derived from the displayed precision.
    public var tolerances: [String: Amount] = [:]
    /// The report as written (`report: 自评报告.docx`): `run` and `reconcile` take its claims from it.
    public var report: String? = nil
    /// The record kinds: built-in ones and the workspace's `kinds/*.yaml` (read by ``open(_:)``).
    public var kinds: KindCatalog

    /// Files matching a pattern, read with a profile.
    public struct Source: Sendable {
        /// A glob relative to the root: `ledgers/treasury/*.csv` (`*`, `?`, `[…]`; `**/` for any folders).
        public var files: String
        public var profile: String
        public var line: Int?
        /// `sheets: { 年初预算: budget-initial, 预算调整: budget-adjustments }`: a profile per sheet
        /// (Workspace+Readings.swift); `profile` is then the first one named.
        public var sheetMap: [SheetProfile] = []
    }

    /// One file a source matched.
    public struct SourceFile: Sendable, Equatable {
        public var relativePath: String
        public var path: String
        public var profile: String
        /// One sheet of a workbook read sheet by sheet (a profile's `sheets:`); nil: the whole file.
        public var part: String? = nil
        /// The source's sheet map, when it has one; and whether other sources read the file too
        /// (each reading is then its own part, named by its profile): Workspace+Readings.swift.
        public var sheetMap: [SheetProfile] = []
        public var shared = false

        public init(relativePath: String, path: String, profile: String, part: String? = nil) {
            self.relativePath = relativePath
            self.path = path
            self.profile = profile
            self.part = part
        }

        /// What identifies it in the dataset: the path, and the sheet when it is one of several (`ledgers/t.xlsx[3月]`).
        public var identity: String { part.map { relativePath + "[" + $0 + "]" } ?? relativePath }
    }

    public static let fileName = "tieout.yaml"

    public var configPath: String { root + "/" + Self.fileName }
    /// The SQLite dataset. With a PostgreSQL URL in `database:` it is the default file, the
    /// dataset of record that a run publishes to the server (docs/postgresql.md).
    public var databasePath: String {
        if databaseIsURL { return root + "/.tieout/tieout.sqlite" }
        return database.hasPrefix("/") ? database : root + "/" + database
    }
    /// `database:` names a PostgreSQL server (`postgresql://` or `postgres://`), never a file.
    public var databaseIsURL: Bool {
        let lower = database.prefix(13).lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }
    public var outputDirectory: String { root + "/out" }

    public static func open(_ root: String) throws(TieoutError) -> Workspace {
        let trimmed = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        let config = trimmed + "/" + fileName
        guard let data = try YAMLValue.readFile(config, shownAs: config, limits: .profile) else {
            // The folder there but not a folder, or a link that leads nowhere, is not "no folder".
            if let broken = RegularFile.brokenLink(trimmed) { throw RegularFile.cannotOpen(trimmed, broken.errno) }
            var st = stat()
            let exists = lstat(trimmed, &st) == 0 && stat(trimmed, &st) == 0
            if exists && (st.st_mode & S_IFMT) != S_IFDIR {
                throw TieoutError(code: "workspace.missing", what: Phrase("error.workspace.not-a-folder", ["folder": trimmed]),
                                  location: SourceLocation(file: trimmed),
                                  help: Phrase("error.workspace.missing.help", ["folder": trimmed, "config": fileName]))
            }
            throw TieoutError(code: "workspace.missing",
                              what: exists ? Phrase("error.workspace.not-a-workspace", ["folder": trimmed, "config": fileName])
                                           : Phrase("error.workspace.no-folder", ["folder": trimmed]),
                              location: SourceLocation(file: config),
                              help: Phrase("error.workspace.missing.help", ["folder": trimmed, "config": fileName]))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TieoutError(code: "workspace.encoding", ["file": config], location: SourceLocation(file: config))
        }
        var ws = try parse(text, root: trimmed)
        ws.kinds = try KindCatalog.load(workspace: trimmed)
        return ws
    }

    /// `tieout.yaml`'s text as a workspace rooted at `root` (no file is read).
    public static func parse(_ text: String, root: String) throws(TieoutError) -> Workspace {
        let file = root + "/" + fileName
        let doc = try YAMLValue.document(text, file: file)
        let entries = try doc.mapping(allowed: ["unit", "fiscal_year", "reporting", "database", "sources", "tolerances", "report"])
        func value(_ key: String) -> YAMLValue? { entries.first { $0.key == key }?.value }
        guard let unit = value("unit") else {
            throw doc.error(Phrase("error.workspace.no-unit", ["config": fileName]), help: Phrase("error.workspace.no-unit.help"))
        }
        guard let year = value("fiscal_year") else {
            throw doc.error(Phrase("error.workspace.no-fiscal-year", ["config": fileName]), help: Phrase("error.workspace.no-fiscal-year.help"))
        }
        var ws = Workspace(root: root, unitName: try unit.string(), fiscalYear: try year.int(in: 1990...2100), sources: [], kinds: try KindCatalog.builtIn())
        if let r = value("reporting") {
            for (key, v) in try r.mapping(allowed: ["unit", "decimals"]) {
                if key == "unit" {
                    let t = try v.string()
                    guard let u = MoneyUnit(symbol: t) else { throw v.error(Phrase("error.workspace.not-a-unit", ["value": t]), help: Phrase("error.workspace.not-a-unit.help")) }
                    ws.reportingUnit = u
                } else {
                    ws.decimals = try v.int(in: 0...6)
                }
            }
        }
        if let d = value("database") { ws.database = try d.string() }
        if let r = value("report") { ws.report = try r.string() }
        if let t = value("tolerances") {
            for (rule, v) in try t.mapping(allowed: ["claim", "identity"]) {
                let text = try v.string()
                guard let amount = try? Amount.parse(text), !amount.isNegative else {
                    throw v.error(Phrase("error.workspace.not-a-tolerance", ["value": text]), help: Phrase("error.workspace.not-a-tolerance.help"))
                }
                ws.tolerances[rule] = amount
            }
        }
        guard let sources = value("sources") else {
            throw doc.error(Phrase("error.workspace.no-sources", ["config": fileName]), help: Phrase("error.workspace.no-sources.help"))
        }
        guard case .sequence(let list) = sources.node else {
            throw sources.error(Phrase("error.workspace.sources-list"), help: Phrase("error.workspace.sources-list.help"))
        }
        for (i, node) in list.enumerated() {
            let item = sources.child("\(i + 1)", node)
            let fields = try item.mapping(allowed: ["files", "profile", "sheets"])
            if let source = try sheetMapSource(fields, item: item, file: file) { ws.sources.append(source); continue }
            guard let files = fields.first(where: { $0.key == "files" })?.value, let profile = fields.first(where: { $0.key == "profile" })?.value else {
                throw item.error(Phrase("error.workspace.source-keys"), help: Phrase("error.workspace.source-keys.help"))
            }
            let profileName = try profile.string()
            try checkProfileName(profileName, file: file, line: profile.line)
            ws.sources.append(Source(files: try files.string(), profile: profileName, line: item.line))
        }
        return ws
    }

    /// Every file the sources match, in path order; a file matched by two sources is an error.
    public func sourceFiles() throws(TieoutError) -> [SourceFile] {
        try scan().files
    }

    /// One walk of the workspace: the files the sources match (in path order; a file matched
    /// by two sources is an error) and the sources that match no file (a typo in tieout.yaml
    /// is otherwise silent).
    public func scan() throws(TieoutError) -> (files: [SourceFile], unmatched: [Source]) {
        let s = try scanAll()
        return (s.files, s.unmatched)
    }

    /// A file a source matches whose name is not UTF-8 text: it cannot be named in the
    /// dataset, so it is a failed file, never left out without a word.
    public struct UndecodableName: Sendable, Equatable {
        /// The path relative to the workspace, each byte that is not UTF-8 written `\xB0`.
        public var shown: String
        public var profile: String
    }

    /// ``scan()``, with the files a source matches whose names are not UTF-8.
    ///
    /// The walk is from the workspace's real path (every link resolved), so a workspace named
    /// through a symbolic link is the same workspace: the same files, the same relative paths.
    public func scanAll() throws(TieoutError) -> (files: [SourceFile], unmatched: [Source], undecodable: [UndecodableName]) {
        let base = realRoot ?? root
        let listing = Self.walk(base)
        let all = listing.files
        var out: [SourceFile] = []
        var unmatched: [Source] = []
        var undecodable: [UndecodableName] = []
        // A file may be read by several sources, each with its own profile (or sheet map): each
        // reading is its own part. The same reading twice is one.
        var seen: [String: [Source]] = [:]
        for source in sources {
            var matched = false
            for rel in all where Glob.matches(source.files, rel) {
                matched = true
                if seen[rel]?.contains(where: { $0.sameReading(source) }) == true { continue }
                // Read by the path the user named (a message names the file as they know it).
                var file = SourceFile(relativePath: rel, path: root + "/" + rel, profile: source.profile)
                file.sheetMap = source.sheetMap
                out.append(file)
                seen[rel, default: []].append(source)
            }
            // A name that is not UTF-8 is matched as it reads with U+FFFD for its bad bytes.
            for bad in listing.undecodable where Glob.matches(source.files, bad.lossy) && !undecodable.contains(where: { $0.shown == bad.shown }) {
                matched = true
                undecodable.append(UndecodableName(shown: bad.shown, profile: source.profile))
            }
            if !matched { unmatched.append(source) }
        }
        // A folder that cannot be listed (or an entry that cannot be examined) where a source may
        // have files: which ledgers the workspace holds is unknown, so nothing is read.
        for u in listing.unlisted where sources.contains(where: { Self.mayHoldMatches($0.files, u.shown) }) {
            let reason = String(cString: strerror(u.errno))
            let full = u.shown == "." ? base : base + "/" + u.shown
            throw TieoutError(code: "io.read", what: Phrase(u.folder ? "error.io.list" : "error.io.examine", ["folder": u.shown, "path": full, "reason": reason]),
                              location: SourceLocation(file: u.shown),
                              help: Phrase(u.errno == EACCES || u.errno == EPERM ? "error.help.unlisted-access" : u.errno == ENAMETOOLONG ? "error.help.unlisted-too-long" : "error.help.unlisted-other",
                                           ["folder": u.shown]))
        }
        for i in out.indices where seen[out[i].relativePath]!.count > 1 { out[i].shared = true }
        return (out.sorted { ($0.relativePath, $0.readingOrder) < ($1.relativePath, $1.readingOrder) }, unmatched, undecodable.sorted { $0.shown < $1.shown })
    }

    /// Whether a path under `folder` (relative, `.` the root) could match `pattern`: the folder is
    /// on the way to the pattern's literal folders, or under them.
    static func mayHoldMatches(_ pattern: String, _ folder: String) -> Bool {
        guard folder != "." else { return true }
        let literal = pattern.prefix { !"*?[".contains($0) }
        let dir = literal.lastIndex(of: "/").map { String(literal[...$0]) } ?? ""
        let f = folder + "/"
        return f.hasPrefix(dir) || dir.hasPrefix(f)
    }

    /// The workspace folder with every link resolved.
    var realRoot: String? {
        guard let p = realpath(root, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// Refuses a path that resolves (through links) to a place outside the workspace:
    /// a ledger or profile must be the workspace's own, never `/etc/passwd` behind a link.
    public func checkInside(_ path: String, shownAs name: String) throws(TieoutError) {
        guard let rootReal = realRoot else { return }
        guard let p = realpath(path, nil) else { return }   // a missing file is reported where it is read
        let real = String(cString: p)
        free(p)
        guard real == rootReal || real.hasPrefix(rootReal.hasSuffix("/") ? rootReal : rootReal + "/") else {
            throw TieoutError(code: "workspace.outside", key: "workspace.link-outside", ["name": name, "real": real],
                              location: SourceLocation(file: root + "/" + name))
        }
    }

    /// Files under `root`, relative, skipping `.tieout`, `out` and hidden folders.
    static func listFiles(_ root: String) -> [String] {
        walk(root).files
    }

    /// A folder the walk could not list, or an entry it could not examine: relative (`.` for the
    /// root), with the reason.
    struct Unlisted {
        var shown: String
        var errno: Int32
        var folder: Bool
    }

    /// A name read from the disk that is not UTF-8: as shown (`\xB0` per bad byte) and as
    /// matched (U+FFFD per bad byte).
    struct RawName {
        var shown: String
        var lossy: String
    }

    /// Files under `root` (regular files, and what links lead to that is not a folder),
    /// relative, in path order, skipping `.tieout`, `out` and hidden folders at the top; and
    /// the names that are not UTF-8. An explicit stack, no recursion on the disk's shape;
    /// links to folders are not followed (a link loop cannot hold the walk).
    /// A folder that cannot be listed or an entry that cannot be examined is in `unlisted`, never
    /// left out without a word; a link that cannot be followed (dangling, a loop) is a file, whose
    /// reading says why it cannot be read.
    static func walk(_ root: String) -> (files: [String], undecodable: [RawName], unlisted: [Unlisted]) {
        var files: [String] = []
        var undecodable: [RawName] = []
        var unlisted: [Unlisted] = []
        func shown(_ bytes: [UInt8]) -> String { bytes.isEmpty ? "." : String(validating: bytes, as: UTF8.self) ?? escapedName(bytes) }
        let rootBytes = Array(root.utf8)
        // Each folder by its bytes relative to the root (empty: the root).
        var stack: [[UInt8]] = [[]]
        while let dirBytes = stack.popLast() {
            let full = dirBytes.isEmpty ? rootBytes : rootBytes + [0x2F] + dirBytes
            guard let d = opendir(full.map { CChar(bitPattern: $0) } + [0]) else {
                // A folder gone since it was listed is gone, not unreadable (the workspace gone is unreadable).
                if errno != ENOENT || dirBytes.isEmpty { unlisted.append(Unlisted(shown: shown(dirBytes), errno: errno, folder: true)) }
                continue
            }
            defer { closedir(d) }
            while let entry = readdir(d) {
                let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
                if name == [0x2E] || name == [0x2E, 0x2E] { continue }
                if dirBytes.isEmpty && (name.first == 0x2E || name == Array("out".utf8)) { continue }
                let relBytes = dirBytes.isEmpty ? name : dirBytes + [0x2F] + name
                let path = (full + [0x2F] + name).map { CChar(bitPattern: $0) } + [0]
                var st = stat()
                guard lstat(path, &st) == 0 else {
                    if errno != ENOENT { unlisted.append(Unlisted(shown: shown(relBytes), errno: errno, folder: false)) }
                    continue
                }
                if (st.st_mode & S_IFMT) == S_IFDIR {
                    stack.append(relBytes)
                    continue
                }
                // Regular files, and symbolic links to what is not a folder.
                var target = stat()
                let followed = stat(path, &target) == 0
                if followed && (target.st_mode & S_IFMT) == S_IFDIR { continue }
                if !followed && (st.st_mode & S_IFMT) != S_IFLNK {
                    unlisted.append(Unlisted(shown: shown(relBytes), errno: errno, folder: false))
                    continue
                }
                if let rel = String(validating: relBytes, as: UTF8.self) {
                    files.append(rel)
                } else {
                    undecodable.append(RawName(shown: escapedName(relBytes), lossy: String(decoding: relBytes, as: UTF8.self)))
                }
            }
        }
        return (files.sorted(), undecodable.sorted { $0.shown < $1.shown }, unlisted.sorted { $0.shown < $1.shown })
    }

    /// A name's bytes as text: UTF-8 where they are, `\xB0` for each byte that is not.
    static func escapedName(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            var end = i + 1
            // The longest valid UTF-8 sequence starting here (1 to 4 bytes).
            var matched: String? = nil
            for len in (1...4).reversed() where i + len <= bytes.count {
                if let s = String(validating: bytes[i..<i + len], as: UTF8.self) { matched = s; end = i + len; break }
            }
            if let matched, !matched.isEmpty { out += matched } else { out += "\\x" + String(bytes[i], radix: 16, uppercase: true).leftPad2; end = i + 1 }
            i = end
        }
        return out
    }

    /// A profile is named, not a path: `../../outside/evil` must not load a file from outside.
    static func checkProfileName(_ name: String, file: String, line: Int?) throws(TieoutError) {
        guard !name.isEmpty, !name.contains("/"), !name.contains("\\"), !name.hasPrefix("."), !name.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw TieoutError(code: "workspace.profile-name", ["name": name.escapingControlCharacters],
                              location: SourceLocation(file: file, line: line))
        }
    }

    /// A profile's text and where it is from: `profiles/NAME.yaml` in the workspace, else a built-in one.
    public func profileText(_ name: String) throws(TieoutError) -> (text: String, file: String)? {
        try Self.checkProfileName(name, file: configPath, line: nil)
        let own = root + "/profiles/" + name + ".yaml"
        try checkInside(own, shownAs: "profiles/\(name).yaml")
        if let data = try YAMLValue.readFile(own, shownAs: "profiles/\(name).yaml", limits: .profile) {
            return (String(decoding: data, as: UTF8.self), "profiles/\(name).yaml")
        }
        if let text = try BuiltInProfiles.text(name) { return (text, "built-in profile \(name)") }
        return nil
    }

    /// The profile named `name`: `profiles/NAME.yaml` in the workspace, else a built-in one.
    public func profile(named name: String, line: Int? = nil) throws(TieoutError) -> Profile {
        try Self.checkProfileName(name, file: configPath, line: line)
        let own = root + "/profiles/" + name + ".yaml"
        try checkInside(own, shownAs: "profiles/\(name).yaml")
        if let (text, file) = try profileText(name) {
            return try Profile.parse(text, file: file, name: name, kinds: kinds, resolve: { (n: String, from: String) throws(TieoutError) in
                // profiles/NAME.yaml extending NAME extends the built-in NAME.
                if from == "profiles/\(n).yaml" { return try BuiltInProfiles.text(n).map { ($0, "built-in profile \(n)") } }
                return try self.profileText(n)
            }).forFiscalYear(fiscalYear)
        }
        throw TieoutError(code: "workspace.profile", ["name": name, "builtIn": BuiltInProfiles.names.joined(separator: ", ")],
                          location: SourceLocation(file: configPath, line: line))
    }
}

private extension String {
    var leftPad2: String { count < 2 ? "0" + self : self }
}

