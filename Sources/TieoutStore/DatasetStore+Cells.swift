import Foundation
import GRDB
import TieoutCore
import TieoutIngest

/// The cells of amounts read from two columns (`amount: { from: 借方, minus: 贷方 }`).
///
/// `file_fields` names one column per field and file; such an amount's cell is the `from`
/// column's, except on rows where only the `minus` column holds a value: there it is the
/// `minus` column's. `value_cells` keeps, per file and field, that column and those rows as a
/// bitmap by row number (one bit a row: 125 KB for a million rows, one insert per file).
extension DatasetStore {
    /// A second column and the rows whose value it alone holds.
    struct SecondCell {
        var letter: String
        var rows: [UInt8]
        func has(_ row: Int) -> Bool {
            row >= 0 && row / 8 < rows.count && rows[row / 8] & (1 << UInt8(row % 8)) != 0
        }
    }

    /// The rows of a file whose values came from a second column, by field index, as bitmaps.
    struct SecondCellRows {
        var bitmaps: [[UInt8]] = []

        mutating func add(_ batch: RecordBatch) {
            for (row, field) in batch.seconds where row >= 0 {
                if bitmaps.count <= field { bitmaps += Array(repeating: [], count: field + 1 - bitmaps.count) }
                let need = row / 8 + 1
                if bitmaps[field].count < need { bitmaps[field].append(contentsOf: repeatElement(0, count: need - bitmaps[field].count)) }
                bitmaps[field][row / 8] |= 1 << UInt8(row % 8)
            }
        }
    }

    static func recordSecondCells(_ db: Database, fileId: Int64, kind: RecordKind, result: ApplyResult, rows: SecondCellRows) throws {
        for c in result.secondColumns {
            guard let i = kind.fields.firstIndex(where: { $0.name == c.field }) else { continue }
            let bitmap = i < rows.bitmaps.count ? rows.bitmaps[i] : []
            try db.execute(sql: "INSERT INTO value_cells (file_id, field, column_letter, header, rows) VALUES (?, ?, ?, ?, ?)",
                           arguments: [fileId, c.field, c.letter, c.header, Data(bitmap)])
        }
    }

    /// Adds each file's second columns to its field cells.
    static func secondCells(_ db: Database, file: Int64?, into out: inout [Int64: [String: FieldCell]]) throws {
        let rows = try file.map { try Row.fetchAll(db, sql: "SELECT file_id, field, column_letter, rows FROM value_cells WHERE file_id = ?", arguments: [$0]) }
            ?? Row.fetchAll(db, sql: "SELECT file_id, field, column_letter, rows FROM value_cells")
        for r in rows {
            let id: Int64 = r["file_id"], field: String = r["field"]
            let bits: Data = r["rows"]
            out[id, default: [:]][field]?.second = SecondCell(letter: r["column_letter"], rows: [UInt8](bits))
        }
    }
}
