import GRDB
import TieoutCore
import TieoutIngest

/// One place where the dataset and a ledger disagree (`tieout verify`).
public struct VerifyDifference: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var sheet: String?
    /// The record (CSV) or row (sheet) number; nil when the difference is the whole file.
    public var row: Int?
    /// The cell (`I4`), when the difference is one value.
    public var cell: String?
    public var field: String?
    /// As stored and as read from the file now (nil: no such record or value).
    public var dataset: String?
    public var fileValue: String?
    public var what: String
    /// What differs, in Chinese.
    public var whatZh: String

    public init(file: String, sheet: String? = nil, row: Int? = nil, cell: String? = nil, field: String? = nil,
                dataset: String? = nil, fileValue: String? = nil, what: Phrase) {
        self.file = file; self.sheet = sheet; self.row = row; self.cell = cell; self.field = field
        self.dataset = dataset; self.fileValue = fileValue
        self.what = what.en; self.whatZh = what.zh
    }

    /// `ledgers/treasury/2024-03.csv!I4 (row 4, amount): the dataset holds "356996.03", the file "356996.02"`.
    public var description: String { description(english: true) }

    /// The line in a language: `…!I4 (row 4, amount): …` or `…!I4（第 4 行，amount）：…`.
    public func description(english: Bool) -> String {
        var place = file + (sheet.map { "[\($0)]" } ?? "")
        if let cell { place += "!" + cell } else if let row { place += Catalog.text("verify.place.row", english: english, ["row": row]) }
        var detail: [String] = []
        if let row, cell != nil { detail.append(Catalog.text("verify.detail.row", english: english, ["row": row])) }
        if let field { detail.append(field) }
        let words = english ? what : whatZh
        if detail.isEmpty { return Catalog.text("verify.line", english: english, ["place": place, "what": words]) }
        return Catalog.text("verify.line.detail", english: english,
                            ["place": place, "detail": detail.joined(separator: Catalog.text("verify.detail.separator", english: english)), "what": words])
    }
}

/// What `tieout verify` found: every active ledger read again and compared, value by value, with its stored records.
public struct VerifyReport: Sendable {
    public var files = 0
    public var records = 0
    public var differences: [VerifyDifference] = []
}

extension DatasetStore {
    /// Reads every active ledger again with the profile it is read with now and compares its
    /// records, value by value, with what the dataset holds for it: a value that differs, a
    /// record only one of them has, a file that is gone or cannot be read. Rows the dataset
    /// counted once as duplicates of another file's are not differences. Nothing is written.
    public func verify(_ workspace: Workspace) throws(TieoutError) -> VerifyReport {
        var report = VerifyReport()
        let files: [Row]
        do {
            files = try queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT f.id, f.path, f.part, f.profile, f.kind, f.sheet, f.sha256, k.table_name FROM files f JOIN kind_definitions k ON k.kind = f.kind
                    WHERE f.status = 'active' ORDER BY f.path, f.part
                    """)
            }
        } catch { throw fault(error, Phrase("error.doing.reading-files-to-verify")) }
        // The parts as ingest makes them now (a source's sheet map, a shared file's readings, a
        // profile's `sheets:`, column groups): a stored part is read with the profile ingest
        // would read it with, by its identity (`budget.xlsx[年初预算]`).
        var partProfiles: [String: Profile] = [:], partErrors: [String: TieoutError] = [:]
        for file in try workspace.sourceFiles() {
            switch try workspace.readingsOrFailure(of: file, profile: { name throws(TieoutError) in try workspace.profile(named: name) }) {
            case .success(let readings): for (unit, p) in readings.units { partProfiles[unit.identity] = p }
            case .failure(let error): partErrors[file.relativePath] = error
            }
        }
        for f in files {
            let path: String = f["path"], part: String? = f["part"], sheet: String? = f["sheet"]
            report.files += 1
            func whole(_ what: Phrase) {
                report.differences.append(VerifyDifference(file: path, sheet: part ?? sheet, what: what))
            }
            let full = workspace.root + "/" + path
            // A ledger changed since it was read explains its differences below: `tieout run` reads it again.
            if let sha = try? fileSHA256(full), sha != (f["sha256"] as String) {
                whole(Phrase("verify.changed", ["now": sha.prefix(12), "was": (f["sha256"] as String).prefix(12)]))
            }
            // A file whose parts cannot be found now (a sheet gone, a group header changed) is one
            // that cannot be read as it was: a difference, as ingest makes it a failed file.
            if let error = partErrors[path] {
                whole(Phrase("verify.unreadable", ["error": Unplaced(error)]))
                continue
            }
            var profile: Profile
            do throws(TieoutError) {
                if let p = partProfiles[path + (part.map { "[" + $0 + "]" } ?? "")] {
                    profile = p
                } else if let part {
                    whole(Phrase("verify.no-part", ["part": part]))
                    continue
                } else {
                    profile = try workspace.profile(named: f["profile"])
                }
            } catch where error.code.domain == .profile || error.code.domain == .workspace || error.code.domain == .yaml {
                throw error
            } catch {
                whole(Phrase("verify.unreadable", ["error": Unplaced(error)]))
                continue
            }
            guard let kind = workspace.kinds.named(f["kind"]) else {
                whole(Phrase("verify.no-kind", ["kind": f["kind"] as String]))
                continue
            }
            var read: [Int: TieoutIngest.Record] = [:]
            do throws(TieoutError) {
                _ = try ProfileApplier(profile).apply(path: full, onRecord: { read[$0.row] = $0 }, onReject: { _ in })
            } catch {
                whole(Phrase("verify.unreadable", ["error": Unplaced(error)]))
                continue
            }
            do {
                try queue.read { db in
                    let ids = Self.ids(of: f["id"])
                    let counted = Set(try Int.fetchAll(db, sql: "SELECT row FROM duplicates WHERE file_id = ?", arguments: [f["id"] as Int64]))
                    let letters = try Self.fieldColumns(db, file: f["id"])[f["id"]] ?? [:]
                    let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(Self.quoted(f["table_name"])) WHERE id >= ? AND id < ? ORDER BY id",
                                                   arguments: [ids.lowerBound, ids.upperBound])
                    var stored = Set<Int>()
                    while let row = try rows.next() {
                        let r: Int = row["row"]
                        report.records += 1
                        stored.insert(r)
                        guard let record = read[r] else {
                            report.differences.append(VerifyDifference(file: path, sheet: part ?? sheet, row: r,
                                                                       what: Phrase("verify.only-dataset")))
                            continue
                        }
                        for (i, field) in kind.fields.enumerated() {
                            let had = Self.storedText(row[field.name] as DatabaseValue, field)
                            let now = record.values[i].map(Self.storageText)
                            guard had != now else { continue }
                            let cell = letters[field.name]?.at(r) ?? record.columnLetters[i].map { $0 + String(r) }
                            report.differences.append(VerifyDifference(
                                file: path, sheet: part ?? sheet, row: r, cell: cell, field: field.name, dataset: had, fileValue: now,
                                what: Phrase("verify.value", ["had": Quoted(had), "now": Quoted(now)])))
                        }
                    }
                    for r in read.keys.sorted() where !stored.contains(r) && !counted.contains(r) {
                        report.differences.append(VerifyDifference(file: path, sheet: part ?? sheet, row: r,
                                                                   what: Phrase("verify.only-file")))
                    }
                }
            } catch let e as TieoutError {
                throw e
            } catch { throw fault(error, Phrase("error.doing.verifying", ["file": path])) }
        }
        return report
    }

    /// A value as the dataset stores it, as text (nil: NULL).
    static func storedText(_ v: DatabaseValue, _ field: FieldSpec) -> String? {
        switch v.storage {
        case .null: nil
        case .int64(let i): field.type == .boolean ? (i != 0 ? "true" : "false") : String(i)
        case .double(let d): String(d)
        case .string(let s): s
        case .blob(let b): "blob of \(b.count) bytes"
        }
    }

    /// A value read from a file, as the dataset would store it.
    static func storageText(_ v: FieldValue) -> String {
        switch v {
        case .amount(let a), .percentage(let a):
            var bytes: [UInt8] = []
            a.appendPlainText(to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        default: return v.description
        }
    }
}

/// A value quoted in a verify line: `"x"` or `“x”`, or nothing / 空.
private struct Quoted: Bilingual, CustomStringConvertible {
    var value: String?
    init(_ value: String?) { self.value = value }
    func text(english: Bool) -> String {
        value.map { Catalog.text("verify.quoted", english: english, ["value": $0]) } ?? Catalog.text("verify.nothing", english: english)
    }
    var description: String { text(english: true) }
}

/// An error's words without its place (the line names the file already).
private struct Unplaced: Bilingual, CustomStringConvertible {
    var error: TieoutError
    init(_ error: TieoutError) { self.error = error }
    func text(english: Bool) -> String { error.what(english: english) }
    var description: String { error.what }
}
