import Foundation
import GRDB
import GRDBSQLite
import TieoutCore

/// `tieout_nfc(x)`: text `x` in Unicode NFC (ASCII and non-text values as they are), so that
/// a figure's `prefix:` or `glob:` written in one normalization matches cells written in the
/// other (`é` as one character or as `e` + U+0301).
enum NFCFunction {
    static func register(_ db: Database) throws {
        let rc = sqlite3_create_function_v2(db.sqliteConnection, "tieout_nfc", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, nfc, nil, nil, nil)
        guard rc == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: "cannot register tieout_nfc") }
    }

    static let nfc: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, _, argv in
        guard let value = argv?[0] else { return sqlite3_result_null(ctx) }
        guard sqlite3_value_type(value) == SQLITE_TEXT, let text = sqlite3_value_text(value) else { return sqlite3_result_value(ctx, value) }
        let count = Int(sqlite3_value_bytes(value))
        let bytes = UnsafeBufferPointer(start: text, count: count)
        if bytes.allSatisfy({ $0 < 0x80 }) { return sqlite3_result_value(ctx, value) }
        var out = String(decoding: bytes, as: UTF8.self).nfc
        out.withUTF8 { b in
            sqlite3_result_text(ctx, UnsafeRawPointer(b.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(b.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
    }
}
