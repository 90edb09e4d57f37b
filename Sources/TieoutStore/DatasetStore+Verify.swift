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

    /// `ledgers/treasury/2024-03.csv!I4 (row 4, amount): the dataset holds 356996.03, the file 356996.02`.
    public var description: String {
        var place = file + (sheet.map { "[\($0)]" } ?? "")
        if let cell { place += "!" + cell } else if let row { place += "!row \(row)" }
        var detail: [String] = []
        if let row, cell != nil { detail.append("row \(row)") }
        if let field { detail.append(field) }
        return place + (detail.isEmpty ? "" : " (" + detail.joined(separator: ", ") + ")") + ": " + what
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
        for f in files {
            let path: String = f["path"], part: String? = f["part"], sheet: String? = f["sheet"]
            report.files += 1
            func whole(_ what: String) {
                report.differences.append(VerifyDifference(file: path, sheet: part ?? sheet, what: what))
            }
            let full = workspace.root + "/" + path
            // A ledger changed since it was read explains its differences below: `tieout run` reads it again.
            if let sha = try? fileSHA256(full), sha != (f["sha256"] as String) {
                whole("the file's bytes changed since it was ingested (SHA-256 \(sha.prefix(12))…, was \((f["sha256"] as String).prefix(12))…): `tieout run` reads it again")
            }
            var profile: Profile
            do {
                profile = try workspace.profile(named: f["profile"])
                if let part {
                    guard let p = try profile.parts(full)?.first(where: { $0.name == part })?.profile else {
                        whole("the file has no part \(part) now, which the dataset holds records of")
                        continue
                    }
                    profile = p
                }
            } catch where error.code.domain == .profile || error.code.domain == .workspace || error.code.domain == .yaml {
                throw error
            } catch {
                whole("the file cannot be read now: \(error.what)")
                continue
            }
            guard let kind = workspace.kinds.named(f["kind"]) else {
                whole("its kind \(f["kind"] as String) is no longer defined")
                continue
            }
            var read: [Int: TieoutIngest.Record] = [:]
            do throws(TieoutError) {
                _ = try ProfileApplier(profile).apply(path: full, onRecord: { read[$0.row] = $0 }, onReject: { _ in })
            } catch {
                whole("the file cannot be read now: \(error.what)")
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
                                                                       what: "the dataset holds a record the file does not have"))
                            continue
                        }
                        for (i, field) in kind.fields.enumerated() {
                            let had = Self.storedText(row[field.name] as DatabaseValue, field)
                            let now = record.values[i].map(Self.storageText)
                            guard had != now else { continue }
                            let cell = letters[field.name]?.at(r) ?? record.columnLetters[i].map { $0 + String(r) }
                            report.differences.append(VerifyDifference(
                                file: path, sheet: part ?? sheet, row: r, cell: cell, field: field.name, dataset: had, fileValue: now,
                                what: "the dataset holds \(had.map { "\"\($0)\"" } ?? "nothing"), the file \(now.map { "\"\($0)\"" } ?? "nothing")"))
                        }
                    }
                    for r in read.keys.sorted() where !stored.contains(r) && !counted.contains(r) {
                        report.differences.append(VerifyDifference(file: path, sheet: part ?? sheet, row: r,
                                                                   what: "the file has a record the dataset does not hold"))
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
