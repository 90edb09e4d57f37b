import Foundation
import TieoutCore
import TieoutIngest

extension Totals {
    /// The profile named on the command line: a .yaml file, the workspace's own, or a built-in one.
    func loadProfile(_ name: String) throws -> Profile {
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            guard let data = try YAMLValue.readFile(name, shownAs: name, limits: .profile) else {
                throw TieoutError(code: "usage.profile", key: "usage.profile-unreadable", ["name": name, "builtIn": BuiltInProfiles.names.joined(separator: ", ")], location: SourceLocation(file: name))
            }
            return try Profile.parse(String(decoding: data, as: UTF8.self), file: name)
        }
        if let workspace { return try Workspace.open(workspace).profile(named: name) }
        guard let text = try BuiltInProfiles.text(name) else {
            throw TieoutError(code: "usage.profile", ["name": name, "builtIn": BuiltInProfiles.names.joined(separator: ", ")])
        }
        return try Profile.parse(text, file: "built-in profile \(name)", name: name)
    }

    /// `totals --profile`: the file read through a profile; --sum and --by name its fields.
    func runProfile(_ name: String) throws {
        var profile = try loadProfile(name)
        // The command line wins over the profile: --sheet and --range read what they name.
        if let sheet { profile.sheet = sheet }
        if let range { profile.range = try parseRange(range) }
        let kind = profile.kind
        func field(_ text: String) throws -> FieldSpec {
            guard let f = kind.field(text) else {
                throw TieoutError(code: "usage.field", key: "usage.no-field", ["kind": kind.name, "field": text, "fields": kind.fields.map(\.name).joined(separator: ", ")])
            }
            return f
        }
        let sumField = try field(sum)
        guard sumField.type == .amount || sumField.type == .integer else {
            throw TieoutError(code: "usage.field", key: "usage.not-summable", ["field": sum, "type": sumField.type.name,
                                                                  "fields": kind.fields.filter { $0.type == .amount || $0.type == .integer }.map(\.name).joined(separator: ", ")])
        }
        let groups = try parseGroups { name in
            let f = try field(name)
            return kind.fields.firstIndex(of: f)!
        }
        for g in groups where g.granularity != nil && kind.fields[g.index].type != .date {
            throw TieoutError(code: "usage.field", key: "usage.not-a-date", ["field": kind.fields[g.index].name, "granularity": g.granularity!.rawValue,
                                                               "fields": kind.fields.filter { $0.type == .date }.map(\.name).joined(separator: ", ")])
        }
        let keyers = groups.map { GroupColumnKeyer(granularity: $0.granularity) }
        var totals = GroupedTotals(columns: groups.count)
        var ids = [UInt32](repeating: 0, count: groups.count)
        var rejects: [Reject] = []
        var rows = 0
        let result = try ProfileApplier(profile).apply(path: file, onRecord: { record in
            rows += 1
            let place = SourceLocation(file: file, line: record.line ?? record.row)
            guard let amount = record[sumField.name]?.amount else {
                rejects.append(Reject(location: place, code: "value.blank-amount", catalog: "tools.totals.reject.blank-field", ["field": sumField.name]))
                return
            }
            for (j, g) in groups.enumerated() {
                var text = record.values[g.index]?.description ?? ""
                let keyed = text.withUTF8 { b in Result { () throws(DateSyntaxError) in try keyers[j].key(for: b) } }
                switch keyed {
                case .success(let id): ids[j] = UInt32(id)
                case .failure(let e):
                    rejects.append(Reject(location: place, code: "value.date", catalog: "tools.totals.reject.field", ["field": kind.fields[g.index].name, "reason": e.message])
                    .with(reasonZh: Catalog.text("tools.totals.reject.field", english: false, ["field": kind.fields[g.index].name, "reason": e.text(english: false)])))
                    return
                }
            }
            if !totals.add(amount, keys: ids) {
                rejects.append(Reject(location: place, code: "value.sum-overflow", catalog: "tools.totals.reject.overflow"))
            }
        }, onReject: { reject in
            rows += 1
            rejects.append(Reject(location: reject.location, code: reject.code, reason: reject.reason, reasonZh: reject.reasonZh))
        })
        try finish(groups: groups, keyers: keyers, totals: totals, rows: rows, rejects: rejects,
                   blankLines: result.blankRows, titleLines: result.header.titleLines.count, sumName: sumField.name,
                   profiled: Profiled(name: profile.name, subtotal: result.accounting.subtotal, skipped: result.accounting.skipped - result.blankRows,
                                      filtered: result.accounting.filtered, checks: result.subtotals))
    }
}

/// What a profile found besides records: its subtotal rows and their checks.
struct Profiled {
    /// nil: no profile (the default subtotal labels).
    var name: String?
    var subtotal: Int
    var skipped: Int
    /// Rows a `where:` condition left out.
    var filtered: Int = 0
    var checks: [SubtotalCheck]

    var problems: [SubtotalCheck] { checks.filter { $0.status != .ok } }
}
