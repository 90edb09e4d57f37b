import TieoutCore
import Yams
import TieoutXLSX

/// One file, several readings.
///
/// Two sources of tieout.yaml may match the same file when they read it differently (each
/// with its own profile, and so its own sheet, range or column groups); a source may give a
/// profile per sheet:
///
/// ```yaml
/// sources:
///   - files: ledgers/budget/*.xlsx
///     sheets: { 年初预算: budget-initial, 预算调整: budget-adjustments }   # sheet name (or glob) → profile
/// ```
///
/// Each (file, reading) is its own part of the dataset, with its own profile and digest:
/// `budget.xlsx[年初预算]` for a sheet of the map, `t.xlsx[budget-initial]` for the reading of
/// one of several sources (its profile's name; `[budget-initial/3月]` when that reading is in
/// parts itself). A sheet the map does not name is listed, not read.
extension Workspace {
    /// One entry of a source's sheet map: the sheet's name (or a pattern such as `*月`) and its profile.
    public struct SheetProfile: Sendable, Equatable {
        public var sheet: String
        public var profile: String
        /// Where it is written in tieout.yaml.
        public var line: Int?

        var isPattern: Bool { sheet.contains(where: { "*?[".contains($0) }) }
    }

    /// A file's readings, each a unit of the dataset with the profile reading it, and the
    /// sheets of the file no entry of its source's sheet map names (not read).
    public struct Readings: Sendable {
        public var units: [(file: SourceFile, profile: Profile)] = []
        public var unreadSheets: [String] = []
    }

    /// The units `file` is read as: its parts (sheets of a sheet map, a profile's `sheets:`,
    /// column groups, month columns), or the file whole. `profile` loads a profile by name.
    public func readings(of file: SourceFile, profile named: (String) throws(TieoutError) -> Profile) throws(TieoutError) -> Readings {
        var out = Readings()
        func unit(_ profileName: String, _ parts: [String], _ p: Profile) {
            var f = file
            f.profile = profileName
            let names = (file.shared ? [profileName] : []) + parts
            f.part = names.isEmpty ? nil : names.joined(separator: "/")
            out.units.append((f, p))
        }
        guard !file.sheetMap.isEmpty else {
            let p = try named(file.profile)
            if let parts = try p.parts(file.path) { for (name, pp) in parts { unit(file.profile, [name], pp) } } else { unit(file.profile, [], p) }
            return out
        }
        let line = file.sheetMap.first?.line
        guard TableFileKind.of(file.path) == .xlsx else {
            throw TieoutError(code: "profile.sheets", what: Phrase("error.profile.sheets.not-workbook", ["file": file.relativePath]),
                              location: SourceLocation(file: configPath, line: line),
                              help: Phrase("error.profile.sheets.not-workbook.help"))
        }
        let book = try XLSXWorkbook(path: file.path)
        let sheets = book.sheets.filter { $0.kind == .worksheet }.map(\.name)
        for e in file.sheetMap where !sheets.contains(where: { Glob.matches(e.sheet, $0) }) {
            throw TieoutError(code: "profile.sheets",
                              what: e.isPattern ? Phrase("error.profile.sheets.no-match", ["file": file.relativePath, "sheet": e.sheet])
                                                : Phrase("error.profile.sheets.no-name", ["file": file.relativePath, "sheet": e.sheet]),
                              location: SourceLocation(file: configPath, line: e.line),
                              help: Phrase("error.profile.sheets.map.help", ["sheets": sheets.map { "'\($0)'" }.joined(separator: ", "), "config": Self.fileName]))
        }
        for sheet in sheets {
            // The first entry naming the sheet reads it.
            guard let e = file.sheetMap.first(where: { Glob.matches($0.sheet, sheet) }) else {
                out.unreadSheets.append(sheet)
                continue
            }
            var p = try named(e.profile)
            p.sheet = sheet
            p.sheets = nil
            if let parts = try p.parts(file.path) { for (name, pp) in parts { unit(e.profile, [sheet, name], pp) } } else { unit(e.profile, [sheet], p) }
        }
        return out
    }

    /// The readings of `file`, or the error that makes it a file that cannot be read now (a
    /// sheet or group header its parts need is gone, or the file itself cannot be opened): a
    /// failed file for ingest, a difference for verify. A broken profile is a mistake in the
    /// settings and is thrown.
    public func readingsOrFailure(of file: SourceFile, profile named: (String) throws(TieoutError) -> Profile) throws(TieoutError) -> Result<Readings, TieoutError> {
        do { return .success(try readings(of: file, profile: named)) }
        catch where error.code.domain != .profile || ["profile.sheets", "profile.unpivot", "profile.groups"].contains(error.code.rawValue) {
            return .failure(error)
        }
    }

    /// `files:` with `sheets: { SHEET: PROFILE, … }` (and no `profile:`): a source with a sheet map; nil for a source without one.
    static func sheetMapSource(_ fields: [(key: String, value: YAMLValue)], item: YAMLValue, file: String) throws(TieoutError) -> Source? {
        guard let map = fields.first(where: { $0.key == "sheets" })?.value else { return nil }
        guard let files = fields.first(where: { $0.key == "files" })?.value else {
            throw item.error(Phrase("error.workspace.source-files"), help: Phrase("error.workspace.source-files.help", ["example": "sheets: { 年初预算: budget-initial }"]))
        }
        if let p = fields.first(where: { $0.key == "profile" })?.value {
            throw p.error(Phrase("error.workspace.profile-or-sheets"), help: Phrase("error.workspace.profile-or-sheets.help", ["example": "sheets: { SHEET: PROFILE }"]))
        }
        var entries: [SheetProfile] = []
        guard case .mapping = map.node else {
            throw map.error(Phrase("error.workspace.sheets-map"), help: Phrase("error.workspace.sheets-map.help", ["example": "sheets: { 年初预算: budget-initial, 预算调整: budget-adjustments }"]))
        }
        for (sheet, v) in try map.mapping() {
            let name = try v.string()
            try checkProfileName(name, file: file, line: v.line)
            entries.append(SheetProfile(sheet: sheet, profile: name, line: v.line))
        }
        guard let first = entries.first else {
            throw map.error(Phrase("error.workspace.sheets-empty"), help: Phrase("error.workspace.sheets-empty.help", ["example": "sheets: { 年初预算: budget-initial }"]))
        }
        return Source(files: try files.string(), profile: first.profile, line: item.line, sheetMap: entries)
    }

    /// What `tieout validate` finds in how files are read, from their headers alone (no row is
    /// read): a sheet a source's `sheets:` map names that a file lacks, a column group a file
    /// has no group header for. Other problems (a missing profile, an unreadable file) are
    /// found where they are checked or read. A scan that fails (a folder that cannot be listed)
    /// is the problem listed: nothing can be said of files that cannot be found.
    public func readingProblems() -> [TieoutError] {
        let files: [SourceFile]
        do { files = try scan().files } catch { return [error] }
        var problems: [TieoutError] = []
        var profiles: [String: Profile?] = [:]
        func load(_ name: String) throws(TieoutError) -> Profile {
            if profiles[name] == nil { profiles[name] = .some(try? profile(named: name)) }
            guard let p = profiles[name].flatMap({ $0 }) else {
                // Never shown: readingProblems lists only sheets and groups problems (the profile's own error is reported where it is read).
                throw TieoutError(code: "workspace.profile", ["name": name, "builtIn": BuiltInProfiles.names.joined(separator: ", ")])
            }
            return p
        }
        for file in files {
            let grouped = file.sheetMap.isEmpty ? ((try? load(file.profile))?.groups.isEmpty == false) : true
            guard grouped else { continue }
            do { _ = try readings(of: file, profile: load) } catch where ["profile.sheets", "profile.groups"].contains(error.code.rawValue) {
                if !problems.contains(where: { $0.description == error.description }) { problems.append(error) }
            } catch {}
        }
        return problems
    }

    /// The file as one unit, when its readings cannot be found (it then fails with the error).
    public static func whole(_ file: SourceFile) -> SourceFile {
        var f = file
        f.part = file.shared ? file.profile : nil
        return f
    }
}

extension Workspace.Source {
    /// Both read a file the same way: the same profile, or the same sheet map.
    func sameReading(_ other: Workspace.Source) -> Bool {
        sheetMap.isEmpty && other.sheetMap.isEmpty ? profile == other.profile : sheetMap == other.sheetMap
    }

    /// Every profile the source names, with the line of a sheet map's entry.
    public var profiles: [(name: String, line: Int?)] {
        sheetMap.isEmpty ? [(profile, nil)] : sheetMap.map { ($0.profile, $0.line) }
    }
}

extension Workspace.SourceFile {
    /// Orders the readings of one file: by profile, then sheet map.
    public var readingOrder: String {
        ([profile] + sheetMap.flatMap { [$0.sheet, $0.profile] }).joined(separator: "\u{0}")
    }
}
