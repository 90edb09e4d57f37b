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
            throw root.error("the kind definition has no 'kind'", help: "Add `kind: NAME`: lower-case letters, digits and dashes, such as contract.")
        }
        let name = try nameValue.string()
        guard isIdentifier(name, allowing: "-") else {
            throw nameValue.error("'\(name)' is not a kind name", help: "Use lower-case letters, digits and dashes, starting with a letter: contract, grant-payment.")
        }
        let table = try value("table")?.string() ?? name.replacingOccurrences(of: "-", with: "_")
        if isIdentifier(table, allowing: "_"), let why = internalTableName(table) {
            throw (value("table") ?? nameValue).error("'\(table)' cannot be a table name: \(why)",
                                                     help: "Name the table after the kind, such as `table: \(table.hasPrefix("sqlite_") ? String(table.dropFirst(7)) : "contracts")`.")
        }
        guard isIdentifier(table, allowing: "_"), !reservedTables.contains(table) else {
            throw (value("table") ?? nameValue).error("'\(table)' cannot be a table name",
                                                     help: "Use lower-case letters, digits and underscores, other than the dataset's own tables (\(reservedTables.sorted().joined(separator: ", "))).")
        }
        guard let titleValue = value("title") else {
            throw root.error("the kind definition has no 'title'", help: "Add `title:` with the ledger's own name, such as 合同台账.")
        }
        guard let fieldsValue = value("fields") else {
            throw root.error("the kind definition has no 'fields'", help: "List the fields under `fields:`, each as `NAME: { title: …, type: … }`.")
        }
        var fields: [FieldSpec] = []
        for (fieldName, spec) in try fieldsValue.mapping() {
            guard isIdentifier(fieldName, allowing: "_"), !reservedColumns.contains(fieldName) else {
                throw spec.error("'\(fieldName)' cannot be a field name",
                                 help: "Use lower-case letters, digits and underscores, starting with a letter, other than \(reservedColumns.sorted().joined(separator: ", ")).")
            }
            fields.append(try parseField(fieldName, spec))
        }
        guard !fields.isEmpty else { throw fieldsValue.error("the kind has no fields", help: "List at least one field under `fields:`.") }
        func fieldNamed(_ v: YAMLValue, _ n: String) throws(TieoutError) -> FieldSpec {
            guard let f = fields.first(where: { $0.name == n }) else {
                throw v.error("'\(n)' is not a field of \(name)", help: "Name one of its fields: \(fields.map(\.name).joined(separator: ", ")).")
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
                throw d.error("'\(n)' is not a date field", help: "Name the date field that places a record in the year, or leave `dated_by` out.")
            }
            dated = n
        }
        var margin = DateMargin()
        if let m = value("date_margin") {
            guard dated != nil else {
                throw m.error("'date_margin' needs 'dated_by'", help: "Name the date field with `dated_by:`, or remove `date_margin:`.")
            }
            if case .scalar = m.node {
                guard try m.string() == "any" else {
                    throw m.error("'\(try m.string())' is not a date margin", help: "Write `date_margin: { before: 1, after: 0 }` (months around the fiscal year), or `date_margin: any` for a register whose records may be of any year.")
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
        guard let title = value("title") else { throw spec.error("the field \(name) has no 'title'", help: "Add `title:` with the ledger's own term, such as 合同金额.") }
        guard let typeValue = value("type") else {
            throw spec.error("the field \(name) has no 'type'", help: "Add `type:`, one of \(FieldType.names.joined(separator: ", ")).")
        }
        let typeName = try typeValue.string()
        var required = false
        if let r = value("required") {
            let t = try r.string()
            guard let b = ["true": true, "false": false][t] else { throw r.error("'\(t)' is not true or false", help: "Write `required: true` or leave it out.") }
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
                throw spec.error("the enumeration \(name) has no 'values'", help: "List its identifiers with the ledgers' words for each: `values: { basic: [基本支出], project: [项目支出] }`.")
            }
            var ids: [String] = []
            switch v.node {
            case .sequence: ids = try v.strings()
            default:
                for (id, w) in try v.mapping() {
                    ids.append(id)
                    for word in try w.strings() {
                        if let other = words[word], other != id {
                            throw w.error("the word '\(word)' stands for both \(other) and \(id)", help: "Give each word to one identifier.")
                        }
                        words[word] = id
                    }
                }
            }
            for id in ids where !isIdentifier(id, allowing: "-") {
                throw v.error("'\(id)' is not an identifier", help: "Use lower-case letters, digits and dashes for the values (the ledgers' words go in the list after each).")
            }
            guard !ids.isEmpty else { throw v.error("the enumeration \(name) has no values", help: "List at least one.") }
            type = .enumeration(ids)
        default:
            throw typeValue.error("'\(typeName)' is not a field type", help: "Use one of \(FieldType.names.joined(separator: ", ")).")
        }
        if case .enumeration = type {} else if let v = value("values") ?? value("codes") {
            throw v.error("'values' and 'codes' apply to enumeration fields; \(name) is \(typeName)", help: "Remove them here, or make it `type: enumeration`.")
        }
        var codes: [(prefix: String, value: String)] = []
        if let c = value("codes"), case .enumeration(let ids) = type {
            for (prefix, target) in try c.mapping() {
                let to = try target.string()
                guard ids.contains(to) else { throw target.error("'\(to)' is not one of \(ids.joined(separator: ", "))", help: "Map each code onto one of the values.") }
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
    static func internalTableName(_ table: String) -> String? {
        if table.hasPrefix("sqlite_") { return "SQLite keeps names starting with sqlite_ for its own tables" }
        if table == "files_by_path" || table.hasSuffix("_by_file") || table.hasSuffix("_by_key") {
            return "the dataset names its indexes so (NAME_by_file, NAME_by_key, files_by_path)"
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
