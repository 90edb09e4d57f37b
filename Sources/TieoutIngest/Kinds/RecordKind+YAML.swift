import TieoutCore

extension RecordKind {
    static let topKeys = ["kind", "table", "title", "description", "key", "dated_by", "date_margin", "fields"]
    static let fieldKeys = ["title", "type", "required", "values", "codes"]

    /// Reads a kind definition (`kinds/contract.yaml`, or a built-in one); every mistake
    /// names the key, the line and the fix.
    ///
    /// ```yaml
    /// kind: contract
    /// title: 合同台账
    /// key: [contract_id]
    /// dated_by: signed_on
    /// fields:
    ///   contract_id: { title: 合同编号, type: text, required: true }
    ///   amount: { title: 合同金额, type: amount, required: true }
    /// ```
    public static func parse(_ text: String, file: String) throws(TieoutError) -> RecordKind {
        let root = try YAMLValue.document(text, file: file)
        let entries = try root.mapping(allowed: topKeys)
        func value(_ key: String) -> YAMLValue? { entries.first { $0.key == key }?.value }
        guard let nameValue = value("kind") else {
            throw root.error(Phrase("error.kind.no-kind"), help: Phrase("error.kind.no-kind.help"))
        }
        let name = try nameValue.string()
        guard isIdentifier(name, allowing: "-") else {
            throw nameValue.error(Phrase("error.kind.not-a-name", ["name": name]), help: Phrase("error.kind.not-a-name.help"))
        }
        let table = try value("table")?.string() ?? name.replacingOccurrences(of: "-", with: "_")
        if isIdentifier(table, allowing: "_"), let why = internalTableName(table) {
            throw (value("table") ?? nameValue).error(Phrase("error.kind.internal-table", ["table": table, "why": why]),
                                                     help: Phrase("error.kind.internal-table.help", ["example": table.hasPrefix("sqlite_") ? String(table.dropFirst(7)) : "contracts"]))
        }
        guard isIdentifier(table, allowing: "_"), !reservedTables.contains(table) else {
            throw (value("table") ?? nameValue).error(Phrase("error.kind.reserved-table", ["table": table]),
                                                     help: Phrase("error.kind.reserved-table.help", ["tables": reservedTables.sorted().joined(separator: ", ")]))
        }
        guard let titleValue = value("title") else {
            throw root.error(Phrase("error.kind.no-title"), help: Phrase("error.kind.no-title.help"))
        }
        guard let fieldsValue = value("fields") else {
            throw root.error(Phrase("error.kind.no-fields"), help: Phrase("error.kind.no-fields.help", ["example": "NAME: { title: …, type: … }"]))
        }
        var fields: [FieldSpec] = []
        for (fieldName, spec) in try fieldsValue.mapping() {
            guard isIdentifier(fieldName, allowing: "_"), !reservedColumns.contains(fieldName) else {
                throw spec.error(Phrase("error.kind.field-name", ["field": fieldName]),
                                 help: Phrase("error.kind.field-name.help", ["reserved": reservedColumns.sorted().joined(separator: ", ")]))
            }
            fields.append(try parseField(fieldName, spec))
        }
        guard !fields.isEmpty else { throw fieldsValue.error(Phrase("error.kind.empty-fields"), help: Phrase("error.kind.empty-fields.help")) }
        func fieldNamed(_ v: YAMLValue, _ n: String) throws(TieoutError) -> FieldSpec {
            guard let f = fields.first(where: { $0.name == n }) else {
                throw v.error(Phrase("error.profile.not-a-field", ["field": n, "kind": name]), help: Phrase("error.kind.not-a-field.help", ["fields": fields.map(\.name).joined(separator: ", ")]))
            }
            return f
        }
        var key: [String]? = nil
        if let k = value("key") {
            key = try k.strings()
            // A key part is a field, or the month or quarter of the `dated_by` date.
            for n in key! where !(derivedKeyParts.contains(n) && value("dated_by") != nil && !fields.contains(where: { $0.name == n })) { _ = try fieldNamed(k, n) }
        }
        var dated: String? = nil
        if let d = value("dated_by") {
            let n = try d.string()
            guard try fieldNamed(d, n).type == .date else {
                throw d.error(Phrase("error.kind.not-date-field", ["field": n]), help: Phrase("error.kind.not-date-field.help"))
            }
            dated = n
        }
        var margin = DateMargin()
        if let m = value("date_margin") {
            guard dated != nil else {
                throw m.error(Phrase("error.kind.margin-undated"), help: Phrase("error.kind.margin-undated.help"))
            }
            if case .scalar = m.node {
                guard try m.string() == "any" else {
                    throw m.error(Phrase("error.kind.not-a-margin", ["value": try m.string()]),
                                  help: Phrase("error.kind.not-a-margin.help", ["example": "date_margin: { before: 1, after: 0 }"]))
                }
                margin.anyDate = true
            } else {
                for (k, v) in try m.mapping(allowed: ["before", "after"]) {
                    let months = try v.int(in: 0...11)
                    if k == "before" { margin.before = months } else { margin.after = months }
                }
            }
        }
        return RecordKind(name: name, table: table, title: try titleValue.string(), fields: fields, key: key, dateField: dated,
                          dateMargin: margin, description: try value("description")?.string())
    }

    static func parseField(_ name: String, _ spec: YAMLValue) throws(TieoutError) -> FieldSpec {
        let entries = try spec.mapping(allowed: fieldKeys)
        func value(_ key: String) -> YAMLValue? { entries.first { $0.key == key }?.value }
        guard let title = value("title") else { throw spec.error(Phrase("error.kind.field-no-title", ["field": name]), help: Phrase("error.kind.field-no-title.help")) }
        guard let typeValue = value("type") else {
            throw spec.error(Phrase("error.kind.field-no-type", ["field": name]), help: Phrase("error.kind.field-no-type.help", ["types": FieldType.names.joined(separator: ", ")]))
        }
        let typeName = try typeValue.string()
        var required = false
        if let r = value("required") {
            let t = try r.string()
            guard let b = ["true": true, "false": false][t] else { throw r.error(Phrase("error.settings.not-true-or-false", ["value": t]), help: Phrase("error.kind.required.help")) }
            required = b
        }
        var words: [String: String] = [:]
        let type: FieldType
        switch typeName {
        case "text": type = .text
        case "amount": type = .amount
        case "percentage": type = .percentage
        case "date": type = .date
        case "integer": type = .integer
        case "boolean": type = .boolean
        case "enumeration":
            guard let v = value("values") else {
                throw spec.error(Phrase("error.kind.no-values", ["field": name]),
                                 help: Phrase("error.kind.no-values.help", ["example": "values: { basic: [基本支出], project: [项目支出] }"]))
            }
            var ids: [String] = []
            switch v.node {
            case .sequence: ids = try v.strings()
            default:
                for (id, w) in try v.mapping() {
                    ids.append(id)
                    for word in try w.strings() {
                        if let other = words[word], other != id {
                            throw w.error(Phrase("error.kind.word-twice", ["word": word, "other": other, "id": id]), help: Phrase("error.kind.word-twice.help"))
                        }
                        words[word] = id
                    }
                }
            }
            for id in ids where !isIdentifier(id, allowing: "-") {
                throw v.error(Phrase("error.kind.not-an-identifier", ["id": id]), help: Phrase("error.kind.not-an-identifier.help"))
            }
            guard !ids.isEmpty else { throw v.error(Phrase("error.kind.empty-values", ["field": name]), help: Phrase("error.kind.empty-values.help")) }
            type = .enumeration(ids)
        default:
            throw typeValue.error(Phrase("error.kind.not-a-type", ["type": typeName]), help: Phrase("error.kind.not-a-type.help", ["types": FieldType.names.joined(separator: ", ")]))
        }
        if case .enumeration = type {} else if let v = value("values") ?? value("codes") {
            throw v.error(Phrase("error.kind.values-not-enumeration", ["field": name, "type": typeName]), help: Phrase("error.kind.values-not-enumeration.help"))
        }
        var codes: [(prefix: String, value: String)] = []
        if let c = value("codes"), case .enumeration(let ids) = type {
            for (prefix, target) in try c.mapping() {
                let to = try target.string()
                guard ids.contains(to) else { throw target.error(Phrase("error.profile.not-one-of", ["value": to, "allowed": ids.joined(separator: ", ")]), help: Phrase("error.kind.code-target.help")) }
                codes.append((prefix, to))
            }
        }
        return FieldSpec(name, try title.string(), type, required: required, words: words, codes: codes)
    }

    /// The dataset's own tables, which no kind may take.
    static let reservedTables: Set<String> = ["ingest_runs", "files", "file_fields", "rejects", "skipped_rows", "subtotal_checks",
                                              "duplicates", "reissues", "file_renames", "kind_definitions", "kind_changes", "grdb_migrations",
                                              "filtered_in_totals", "value_cells"]
    /// Why `table` is a name SQLite or the dataset keeps for itself (not one of its tables), if it is.
    static func internalTableName(_ table: String) -> Phrase? {
        if table.hasPrefix("sqlite_") { return Phrase("error.kind.internal-table.sqlite") }
        if table == "files_by_path" || table.hasSuffix("_by_file") || table.hasSuffix("_by_key") {
            return Phrase("error.kind.internal-table.index")
        }
        return nil
    }

    /// The lineage columns every kind's table has.
    static let reservedColumns: Set<String> = ["id", "file_id", "row", "line"]

    static func isIdentifier(_ s: String, allowing extra: Character) -> Bool {
        guard let first = s.first, first.isASCII, first.isLowercase, s.count <= 63 else { return false }
        return s.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == extra }
    }
}
