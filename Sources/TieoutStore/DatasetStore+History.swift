import Foundation
import GRDB
import TieoutCore
import TieoutIngest

/// The dataset is a function of the workspace's files, never of the order they came in.
///
/// Every file (or part of one) has a place in one order that depends only on the files:
/// by folder and name without extension (`2024-06` before `2024-06-r2`), then path, then
/// part. A fresh ingest reads them in that order: a file's rows are counted once against
/// earlier files (duplicates), and a file re-issues the earlier file of its profile and
/// period whose records it shares keys with. A later ingest gives the same dataset by
/// keeping what a change cannot affect: a file read before is kept when its bytes and
/// profile are the same and nothing it shares records with (a duplicate, a re-issue, a
/// re-issue it sits between) changed; the rest is read again in that order. A file read
/// again that shares keys with a kept file after it takes that file (and everything after
/// it of its kind) back to be read in order too.
extension DatasetStore {
    /// One ledger unit of the workspace, at its place in the order.
    struct LedgerUnit {
        var file: Workspace.SourceFile
        var profile: Profile
        var unreadable: TieoutError?
        var kind: String { profile.kind.name }
    }

    /// A files row as the plan needs it.
    struct StoredVersion {
        var id: Int64
        var path: String
        var part: String?
        var sha: String
        var profile: String
        var profileDigest: String?
        var readerVersion: String?
        var kind: String
        var status: String
        var replacedBy: Int64?
        var period: String?
        var identity: String { part.map { path + "[" + $0 + "]" } ?? path }
    }

    /// What to do with each unit.
    struct Plan {
        /// Place → the stored version kept as it is.
        var kept: [Int: StoredVersion] = [:]
        /// Place → the stored version it is (a renamed file: its row takes the new path).
        var renamed: [Int: StoredVersion] = [:]
        /// Place → the stored version of the same identity with other bytes or profile (its
        /// records stay until the new version replaces them, for the report of what changed).
        var changed: [Int: StoredVersion] = [:]
        /// Places to read, and why a unit whose bytes are unchanged is read again (a catalog key, `reread.*`).
        var read: Set<Int> = []
        var why: [Int: String] = [:]
        /// Stored versions that leave the dataset now (gone, or to be read again in order).
        var retire: [StoredVersion] = []
    }

    /// Why a file is read again: catalog keys (`reread.*`), in both languages in the report.
    static let sharedReason = "reread.shared"
    static let orderReason = "reread.order"

    /// Whether `a` comes before `b` in the order (folder and name without extension, then path).
    static func precedes(_ a: String, _ b: String) -> Bool {
        let sa = stem(a), sb = stem(b)
        return sa != sb ? sa < sb : a < b
    }

    /// The current version of every identity the dataset holds (active, or replaced by a
    /// re-issue), and active rows an identity's later row shadows (none, unless an earlier
    /// version left them: they are taken out).
    func storedVersions(_ db: Database) throws -> (current: [String: StoredVersion], shadowed: [StoredVersion]) {
        var out: [String: StoredVersion] = [:]
        var shadowed: [StoredVersion] = []
        for r in try Row.fetchAll(db, sql: """
            SELECT id, path, part, sha256, profile, profile_digest, reader_version, kind, status, replaced_by, period
            FROM files WHERE status IN ('active', 'replaced') ORDER BY id
            """) {
            let v = StoredVersion(id: r["id"], path: r["path"], part: r["part"], sha: r["sha256"], profile: r["profile"], profileDigest: r["profile_digest"],
                                  readerVersion: r["reader_version"], kind: r["kind"], status: r["status"], replacedBy: r["replaced_by"],
                                  period: r["period"])
            // The latest row of an identity is its current version.
            if let before = out[v.identity], before.status == "active" { shadowed.append(before) }
            out[v.identity] = v
        }
        return (out, shadowed)
    }

    /// Decides, from the files alone and what the dataset holds, what is kept, renamed and read.
    func plan(_ units: [LedgerUnit], force: Bool) throws(TieoutError) -> Plan {
        var plan = Plan()
        let stored: [String: StoredVersion]
        var dupEdges: [(Int64, Int64)] = []
        do {
            let versions = try queue.read { db in try storedVersions(db) }
            stored = versions.current
            plan.retire = versions.shadowed
            let ids = Set(stored.values.map(\.id))
            try queue.read { db in
                for r in try Row.fetchAll(db, sql: "SELECT DISTINCT file_id, kept_file_id FROM duplicates") {
                    let d: Int64 = r["file_id"], k: Int64 = r["kept_file_id"]
                    if ids.contains(d) && d != k { dupEdges.append((d, k)) }
                }
            }
        } catch { throw fault(error, Phrase("error.doing.reading-held-files")) }

        let identities = Set(units.map(\.file.identity))
        var gone = stored.values.filter { !identities.contains($0.identity) }.sorted { $0.id < $1.id }
        // Same identity: kept when the same bytes are read the same way. (A file that cannot be
        // hashed is read, and the read reports why it cannot be.)
        for (i, u) in units.enumerated() {
            guard let v = stored[u.file.identity], v.kind == u.kind else {
                if let v = stored[u.file.identity] { gone.append(v) }   // its kind changed: the old rows go
                plan.read.insert(i)
                continue
            }
            if force {
                // Everything is read again, in order: nothing of before stays.
                plan.retire.append(v)
                plan.read.insert(i)
                plan.why[i] = "reread.force"
                continue
            }
            let same = u.unreadable == nil && v.profile == u.profile.name && v.profileDigest == u.profile.digest
                && v.readerVersion == Profile.readerVersion && (try? fileSHA256(u.file.path)) == v.sha
            if same { plan.kept[i] = v } else { plan.changed[i] = v; plan.read.insert(i) }
        }
        // A new identity with the bytes and profile of a gone one is that file renamed or moved.
        for (i, u) in units.enumerated() where !force && stored[u.file.identity] == nil && u.unreadable == nil {
            guard gone.contains(where: { $0.profile == u.profile.name && $0.part == u.file.part }),
                  let h = try? fileSHA256(u.file.path),
                  let g = gone.firstIndex(where: { $0.sha == h && $0.profile == u.profile.name && $0.part == u.file.part
                                                   && $0.profileDigest == u.profile.digest && $0.readerVersion == Profile.readerVersion })
            else { continue }
            plan.renamed[i] = gone.remove(at: g)
            plan.read.remove(i)
        }
        // Closure: what a change can reach.
        var place: [Int64: Int] = [:]
        for (i, v) in plan.kept { place[v.id] = i }
        for (i, v) in plan.renamed { place[v.id] = i }
        for (i, v) in plan.changed { place[v.id] = i }
        let goneIds = Set(gone.map(\.id))
        var dirty = Set<Int64>(goneIds)
        for (_, v) in plan.changed { dirty.insert(v.id) }
        func isDirty(_ id: Int64) -> Bool { dirty.contains(id) || place[id] == nil }
        var supEdges: [(w: Int64, x: Int64?)] = []
        for v in stored.values where v.status == "replaced" { supEdges.append((v.id, v.replacedBy)) }
        // Record ids follow the order (a file's records are one block of ids, and figures show
        // their first places in id order): a kept file whose rows sort before an earlier file's
        // is read again, to take its place.
        var maxId: [String: Int64] = [:]
        var outOfOrder = Set<Int64>()
        for i in units.indices {
            guard let v = plan.kept[i] ?? plan.renamed[i] else { continue }
            if let m = maxId[v.kind], v.id < m { dirty.insert(v.id); outOfOrder.insert(v.id) } else { maxId[v.kind] = v.id }
        }
        var grew = true
        while grew {
            grew = false
            func mark(_ id: Int64) { if place[id] != nil && !dirty.contains(id) { dirty.insert(id); grew = true } }
            for (d, k) in dupEdges {
                // A row counted once against a file after it is not the order's (a dataset of an earlier version).
                if isDirty(k) || (place[d].map { pd in place[k].map { $0 > pd } ?? true } ?? false) { mark(d); mark(k) }
            }
            for (w, x) in supEdges {
                guard let x else { mark(w); continue }
                // A re-issue comes after what it re-issues; the other way round is history, not the files.
                if isDirty(w) || isDirty(x) || (place[w].map { pw in place[x].map { $0 < pw } ?? true } ?? false) { mark(w); mark(x) }
            }
            // A unit read (or a new one) between a re-issue and what it re-issues may change which re-issues which.
            let readPlaces = plan.read.union(place.filter { dirty.contains($0.key) }.map(\.value))
            for (w, x) in supEdges {
                guard let x, let pw = place[w], let px = place[x], !dirty.contains(w) || !dirty.contains(x) else { continue }
                let kind = units[pw].kind
                if readPlaces.contains(where: { $0 > pw && $0 < px && units[$0].kind == kind }) { mark(w); mark(x) }
            }
        }
        for (id, i) in place where dirty.contains(id) {
            if let v = plan.kept[i] {
                plan.kept[i] = nil
                plan.read.insert(i)
                plan.why[i] = outOfOrder.contains(id) ? Self.orderReason : Self.sharedReason
                plan.retire.append(v)
            } else if let v = plan.renamed[i] {
                plan.renamed[i] = nil
                plan.read.insert(i)
                gone.append(v)
            }
        }
        plan.retire += gone
        return plan
    }

    /// Takes stored versions out of the dataset (their records deleted), in one transaction.
    func retire(_ versions: [StoredVersion]) throws(TieoutError) {
        guard !versions.isEmpty else { return }
        do {
            try queue.write { db in
                for v in versions {
                    if let table = try Self.recordedTable(db, kind: v.kind) { try Self.deleteRecords(db, table: table, file: v.id) }
                    try db.execute(sql: "UPDATE files SET status = 'removed' WHERE id = ?", arguments: [v.id])
                }
            }
        } catch { throw fault(error, Phrase("error.doing.removing-files")) }
    }

    /// A unit read again shares keys with a kept file after it: from where that file's order
    /// is first touched, every file of the kind leaves the dataset to be read again in order.
    /// Returns the place to go on from. `also`: files rows that leave too (those the unit
    /// shared keys with: whatever they are, they are not left in its way).
    func rewind(_ units: [LedgerUnit], from start: Int, kind: String, current: [Int: Int64], also: [Int64] = []) throws(TieoutError) -> Int {
        var q = start
        do {
            let rows = try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT id, replaced_by FROM files WHERE status = 'replaced' AND kind = ?", arguments: [kind])
            }
            var placeOf: [Int64: Int] = [:]
            for (i, id) in current { placeOf[id] = i }
            var moved = true
            while moved {
                moved = false
                for r in rows {
                    let w: Int64 = r["id"]
                    guard let pw = placeOf[w], pw < q else { continue }
                    if let x = r["replaced_by"] as Int64?, let px = placeOf[x], px < q { continue }
                    q = pw
                    moved = true
                }
            }
            try queue.write { db in
                let table = try Self.recordedTable(db, kind: kind)
                let ids = current.filter { $0.key >= q && units[$0.key].kind == kind }.map(\.value) + also
                for id in Set(ids) {
                    if let table { try Self.deleteRecords(db, table: table, file: id) }
                    try db.execute(sql: "UPDATE files SET status = 'removed' WHERE id = ? AND status IN ('active', 'replaced')", arguments: [id])
                }
            }
        } catch { throw fault(error, Phrase("error.doing.removing-files-to-reread")) }
        return q
    }

    /// Re-issues whose original had records the re-issue lacks: the pairs of files both in
    /// the workspace, each with the keys it dropped (`- 记-202406-0007 1000.00`).
    public func reissueDrops() throws(TieoutError) -> [(file: String, replaced: String, dropped: [String])] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT n.path AS n_path, n.part AS n_part, o.path AS o_path, o.part AS o_part, r.detail AS detail FROM reissues r
                    JOIN files n ON n.id = r.file_id AND n.status = 'active'
                    JOIN files o ON o.id = r.replaced_file_id AND o.status = 'replaced' AND o.replaced_by = r.file_id
                    WHERE r.removed > 0 AND (o.path != n.path OR o.part IS NOT n.part)
                    ORDER BY n.path, n.part, o.path, o.part
                    """).map { r in
                    let detail = try JSONDecoder().decode([String].self, from: Data((r["detail"] as String? ?? "[]").utf8))
                    func shown(_ p: String, _ part: String?) -> String { part.map { p + "[" + $0 + "]" } ?? p }
                    return (shown(r["n_path"], r["n_part"]), shown(r["o_path"], r["o_part"]),
                            detail.filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) })
                }
            }
        } catch { throw fault(error, Phrase("error.doing.reading-reissues")) }
    }
}
