#if canImport(Glibc)
import Glibc
#endif
import TieoutCore

extension ProfileApplier {
    static let yes: Set<String> = ["是", "Y", "y", "yes", "Yes", "YES", "true", "True", "TRUE", "1", "✓", "√", "已", "有"]
    static let no: Set<String> = ["否", "N", "n", "no", "No", "NO", "false", "False", "FALSE", "0", "✗", "×", "未", "无"]

    /// A cell as a field's value: nil when blank; an error that says what is wrong otherwise.
    static func value(of cell: Cell, field: FieldSpec, mapping: Profile.ColumnMapping, unit: MoneyUnit,
                      date1904: Bool) -> Result<FieldValue?, CellValueError> {
        do throws(CellValueError) {
            switch field.type {
            case .text:
                let t = cell.kind == .text ? cell.rawText : cell.text(date1904: date1904)
                return .success(t.isEmpty ? nil : .text(t))
            case .amount:
                let u = mapping.unit.flatMap(fixedUnit) ?? unit
                if cell.kind == .text {
                    // One pass over the text: the number, its % sign and its unit.
                    let parsed: Amount.Parsed?
                    do throws(AmountSyntaxError) { parsed = try cell.withUTF8 { b throws(AmountSyntaxError) in try Amount.parseDetailed(utf8: b) } }
                    catch { throw CellValueError(error) }
                    guard let parsed else { return .success(nil) }
                    if parsed.isPercent {
                        throw CellValueError(catalog: "cell.percent-not-amount", ["text": cell.rawText])
                    }
                    if parsed.unitInText == nil && u == .yuan { return .success(.amount(try Self.withinLedger(parsed.value, cell))) }
                }
                return .success(try cell.amount(unit: u).map { a throws(CellValueError) in .amount(try Self.withinLedger(a, cell)) })
            case .percentage:
                switch cell.kind {
                case .number: return .success(try cell.amount().map(FieldValue.percentage))
                case .text:
                    let parsed: Amount.Parsed?
                    do throws(AmountSyntaxError) { parsed = try cell.withUTF8 { b throws(AmountSyntaxError) in try Amount.parseDetailed(utf8: b) } }
                    catch { throw CellValueError(error) }
                    guard let parsed else { return .success(nil) }
                    guard parsed.isPercent else {
                        throw CellValueError(catalog: "cell.no-percent-sign", ["text": cell.rawText])
                    }
                    return .success(.percentage(parsed.value))
                default: return .success(try cell.amount().map(FieldValue.percentage))
                }
            case .date:
                return .success(try Self.date(of: cell, mapping: mapping, date1904: date1904).map(FieldValue.date))
            case .integer:
                guard let a = try cell.amount() else { return .success(nil) }
                guard a.scale == 0 || a == a.rounded(scale: 0), let n = Int(exactly: a.rounded(scale: 0).significand) else {
                    throw CellValueError(catalog: "cell.not-whole", ["text": cell.text(date1904: date1904)])
                }
                return .success(.integer(n))
            case .boolean:
                let t = cell.text(date1904: date1904).trimmingSpaces()
                if t.isEmpty { return .success(nil) }
                if let m = mapping.map[t] { return .success(.boolean(m == "true")) }
                if yes.contains(t) { return .success(.boolean(true)) }
                if no.contains(t) { return .success(.boolean(false)) }
                throw CellValueError(catalog: "cell.not-boolean", ["text": t, "yes": "是, Y, true, 1", "no": "否, N, false, 0"])
            case .enumeration(let values):
                // The common case first: the cell is exactly one of the mapped words.
                if cell.kind == .text, let m = cell.withUTF8({ b in mapping.map.first { Self.equal(b, $0.key) }?.value }) {
                    return .success(.enumeration(m))
                }
                let t = cell.text(date1904: date1904).trimmingSpaces()
                if t.isEmpty { return .success(nil) }
                if let m = mapping.map[t] { return .success(.enumeration(m)) }
                if let p = mapping.prefixes.first(where: { t.hasPrefix($0.prefix) }) { return .success(.enumeration(p.value)) }
                if let p = mapping.patterns.first(where: { (try? $0.regex.firstMatch(in: t)) != nil }) { return .success(.enumeration(p.value)) }
                if values.contains(t) { return .success(.enumeration(t)) }
                let words = mapping.map.keys.sorted()
                throw CellValueError(catalog: words.isEmpty ? "cell.not-one-of" : "cell.not-one-of.mapped", ["text": t, "words": (words.isEmpty ? values : words).joined(separator: ", ")])
            }
        } catch {
            return .failure(error)
        }
    }

    /// Amounts are bounded far above any ledger (10^20 元, a hundred billion billion), so that
    /// sums over any number of rows a file can hold stay exact within Amount's 38 digits.
    static let ledgerLimit = Amount(significand: 100_000_000_000_000_000_000, scale: 0)

    static func withinLedger(_ a: Amount, _ cell: Cell) throws(CellValueError) -> Amount {
        guard a.magnitude < ledgerLimit else {
            throw CellValueError(catalog: "cell.beyond-ledger", ["text": cell.rawText])
        }
        return a
    }

    /// The bytes spell `word`.
    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ word: String) -> Bool {
        var w = word
        return w.withUTF8 { $0.count == bytes.count && memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }

    /// A constant from a profile, typed like a cell.
    static func constant(_ text: String, field: FieldSpec, file: String, line: Int?) throws(TieoutError) -> FieldValue {
        var t = text
        let result = t.withUTF8 { bytes in
            value(of: Cell(column: 1, kind: .text, bytes: bytes), field: field,
                  mapping: Profile.ColumnMapping(field: field, from: []), unit: .yuan, date1904: false)
        }
        switch result {
        case .success(let v?): return v
        case .success(nil):
            throw TieoutError(code: "profile.key", what: Phrase("error.yaml.at-key", ["key": "constants.\(field.name)", "what": Phrase("error.profile.constant-blank")]),
                              location: SourceLocation(file: file, line: line), help: Phrase("error.profile.constant-blank.help"))
        case .failure(let e):
            throw TieoutError(code: "profile.key", what: Phrase("error.yaml.at-key", ["key": "constants.\(field.name)", "what": e]),
                              location: SourceLocation(file: file, line: line), help: Phrase("error.profile.constant-type.help", ["type": field.type.name]))
        }
    }
}
