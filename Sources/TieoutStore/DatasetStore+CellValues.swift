import GRDB
import TieoutCore
import TieoutIngest

/// What a source cell holds: an amount (exact, in 元) or a whole number (people, items).
public struct CellValue: Sendable, Equatable {
    public var value: Amount
    /// An amount of money (元); false: a whole number, shown without a unit.
    public var money: Bool
    public init(_ value: Amount, money: Bool) {
        self.value = value
        self.money = money
    }
}

extension DatasetStore {
    /// The value each place holds, as the dataset keeps it: the amount (exact, in 元) or whole
    /// number of the field whose cell the place names, in an active file.
    /// `ledgers/treasury/2024-02.csv!I15` → 1200.00 元. Reports show it beside the reference.
    ///
    /// A place that names no amount or number cell of an active record (a whole row, `row 7`,
    /// a file, a rejected row, a text cell) is left out: there is no value to show. A blank cell
    /// (stored as NULL) is left out too. A stored value that does not read back as a number (the
    /// dataset changed outside Tieout) is an error naming the cell, the text and the fix, as
    /// reading records is: never a cell shown without its value, without a word.
    public func cellValues(_ places: some Sequence<String>, kinds: KindCatalog) throws(TieoutError) -> [String: CellValue] {
        // Per file (with its sheet, as places name it): the places and the rows they can be on.
        var byFile: [String: [(place: String, cell: String, rows: [Int])]] = [:]
        for p in Set(places) {
            guard let bang = p.lastIndex(of: "!") else { continue }
            let cell = String(p[p.index(after: bang)...])
            let letters = cell.prefix { $0 >= "A" && $0 <= "Z" }
            let digits = cell.dropFirst(letters.count)
            guard !letters.isEmpty, !digits.isEmpty, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }), let row = Int(digits) else { continue }
            // The record's row: the cell's own; for a transposed cross-tab, the cell's column.
            let rows = [row] + (SourceLocation.column(forLetters: letters).map { [$0] } ?? [])
            byFile[String(p[..<bang]), default: []].append((p, cell, rows))
        }
        guard !byFile.isEmpty else { return [:] }
        do {
            return try queue.read { db in
                var out: [String: CellValue] = [:]
                for f in try Row.fetchAll(db, sql: "SELECT id, path, sheet, kind FROM files WHERE status = 'active' ORDER BY id") {
                    let path: String = f["path"], sheet: String? = f["sheet"]
                    let name = path + (sheet.map { "[\($0)]" } ?? "")
                    let kindName: String = f["kind"]
                    guard let wanted = byFile[name], let kind = kinds.named(kindName) ?? kinds.kinds.first(where: { $0.table == kindName }),
                          try db.tableExists(kind.table) else { continue }
                    let id: Int64 = f["id"]
                    let cells = try Self.fieldColumns(db, file: id)[id] ?? [:]
                    let amounts = kind.fields.filter { ($0.type == .amount || $0.type == .integer) && cells[$0.name] != nil }
                    guard !amounts.isEmpty else { continue }
                    // A key-value table's field is one cell whatever the record's row: read its records whole.
                    let anyRow = amounts.contains { cells[$0.name]?.row != nil }
                    let rows = Set(wanted.flatMap(\.rows)).sorted()
                    let sql = "SELECT row, " + amounts.map { Self.quoted($0.name) }.joined(separator: ", ") + " FROM " + Self.quoted(kind.table)
                        + " WHERE file_id = ?" + (anyRow ? "" : " AND row IN (" + rows.map { _ in "?" }.joined(separator: ", ") + ")")
                    let arguments = StatementArguments([id.databaseValue] + (anyRow ? [] : rows.map(\.databaseValue)))
                    for r in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                        let recordRow: Int = r["row"]
                        for (k, field) in amounts.enumerated() {
                            let cell = cells[field.name]!.at(recordRow)
                            guard let w = wanted.first(where: { $0.cell == cell }), out[w.place] == nil else { continue }
                            let stored = r[k + 1] as DatabaseValue
                            if stored.isNull { continue }
                            guard let amount = Self.amount(stored) else {
                                throw Self.damagedCell(stored, place: w.place, field: field, table: kind.table,
                                                       at: SourceLocation(file: path, sheet: sheet, line: recordRow, column: SourceLocation.column(forLetters: cell.prefix { $0 >= "A" && $0 <= "Z" })))
                            }
                            out[w.place] = CellValue(amount, money: field.type == .amount)
                        }
                    }
                }
                return out
            }
        } catch let e as TieoutError { throw e } catch { throw fault(error, Phrase("error.doing.reading-source-cells")) }
    }

    /// A stored amount (decimal text) or whole number as an exact value; nil for anything else
    /// (text that is not a decimal number, a float or bytes, which ingest never writes).
    static func amount(_ v: DatabaseValue) -> Amount? {
        switch v.storage {
        case .string(let s): try? Amount.parse(s)
        case .int64(let i): Amount(Int(i))
        case .double, .blob, .null: nil
        }
    }

    /// A source cell whose stored value does not read back as its field's type: the dataset is damaged.
    static func damagedCell(_ stored: DatabaseValue, place: String, field: FieldSpec, table: String, at location: SourceLocation) -> TieoutError {
        let text: any CustomStringConvertible = switch stored.storage {
        case .string(let s): Phrase("error.stored.text", ["text": s.escapingControlCharacters])
        case .double(let d): Phrase("error.stored.double", ["value": d])
        case .blob(let b): Phrase("error.stored.bytes", ["n": b.count])
        case .int64(let i): "\(i)"
        case .null: Phrase("error.stored.nothing")
        }
        return TieoutError(code: "store.damaged", key: "store.damaged-cell",
                           ["value": text, "field": field.name, "place": place, "table": table, "type": field.type.name], location: location)
    }
}
