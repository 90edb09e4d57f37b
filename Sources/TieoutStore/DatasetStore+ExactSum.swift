import GRDB
import GRDBSQLite
import TieoutCore

/// SQL aggregates over the dataset's exact decimals. Amounts are stored as decimal text
/// (`138169467.85`), which SQLite's own `sum()` would read as floating point; these add
/// them as Int128 significands, exactly, inside SQLite's scan, so no record is loaded:
///
/// - `tieout_sum(x)`: the exact sum of decimal text or integers (NULLs skipped), as
///   decimal text; NULL when there is none. Malformed text or a sum beyond 38 digits is an error.
/// - `tieout_min(x)`, `tieout_max(x)`: the least and greatest, compared exactly.
/// - `tieout_first(id)`: the first five non-NULL values in scan order (row-id order), as
///   `id,id,…`: the examples a figure shows.
enum ExactAggregates {
    static func register(_ db: Database) throws {
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC
        for (name, step, final) in [("tieout_sum", sumStep, sumFinal), ("tieout_min", minStep, extremeFinal), ("tieout_max", maxStep, extremeFinal),
                                    ("tieout_first", firstStep, firstFinal)] as [(String, XStep, XFinal)] {
            let rc = sqlite3_create_function_v2(db.sqliteConnection, name, 1, flags, nil, nil, step, final, nil)
            guard rc == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: "cannot register \(name)") }
        }
    }

    typealias XStep = @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void
    typealias XFinal = @convention(c) (OpaquePointer?) -> Void

    /// The running state, in SQLite's aggregate context (8-byte aligned, zeroed at first use):
    /// significand (16 bytes), scale, count of values, error (0 none, 1 malformed, 2 overflow).
    static let stateSize: Int32 = 40

    /// A stored decimal as significand and scale: `-123.45` → (-12345, 2). Stored amounts are
    /// canonical (ingest wrote them), so this accepts only `-?digits(.digits)?`.
    static func parse(_ p: UnsafePointer<UInt8>, _ n: Int) -> (Int128, Int)? {
        var i = 0, negative = false
        if n > 0 && p[0] == UInt8(ascii: "-") { negative = true; i = 1 }
        var s: Int128 = 0, scale = 0, digits = 0, point = false
        while i < n {
            let c = p[i]
            if c == UInt8(ascii: ".") && !point { point = true; i += 1; continue }
            guard c >= 48 && c <= 57 else { return nil }
            let (m, o1) = s.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int128(c - 48))
            if o1 || o2 { return nil }
            s = a
            digits += 1
            if point { scale += 1 }
            i += 1
        }
        guard digits > 0, scale <= Amount.maxScale else { return nil }
        return (negative ? -s : s, scale)
    }

    /// A value as (significand, scale): an integer, or decimal text; nil for NULL; error flags otherwise.
    static func read(_ v: OpaquePointer?) -> (Int128, Int)?? {
        switch sqlite3_value_type(v) {
        case SQLITE_NULL: return .some(nil)
        case SQLITE_INTEGER: return .some((Int128(sqlite3_value_int64(v)), 0))
        default:
            guard let text = sqlite3_value_text(v) else { return .some(nil) }
            return parse(text, Int(sqlite3_value_bytes(v))).map { .some($0) } ?? nil
        }
    }

    struct State {
        var significand: Int128, scale: Int, count: Int, error: Int
        init(_ p: UnsafeMutableRawPointer) {
            significand = Int128(_low: p.loadUnaligned(as: UInt64.self), _high: p.loadUnaligned(fromByteOffset: 8, as: Int64.self))
            scale = p.loadUnaligned(fromByteOffset: 16, as: Int.self)
            count = p.loadUnaligned(fromByteOffset: 24, as: Int.self)
            error = p.loadUnaligned(fromByteOffset: 32, as: Int.self)
        }
        func store(_ p: UnsafeMutableRawPointer) {
            p.storeBytes(of: significand._low, as: UInt64.self)
            p.storeBytes(of: significand._high, toByteOffset: 8, as: Int64.self)
            p.storeBytes(of: scale, toByteOffset: 16, as: Int.self)
            p.storeBytes(of: count, toByteOffset: 24, as: Int.self)
            p.storeBytes(of: error, toByteOffset: 32, as: Int.self)
        }
    }

    /// `(a, sa)` and `(b, sb)` at a common scale, or nil on overflow.
    static func aligned(_ a: Int128, _ sa: Int, _ b: Int128, _ sb: Int) -> (Int128, Int128, Int)? {
        if sa == sb { return (a, b, sa) }
        func up(_ x: Int128, _ k: Int) -> Int128? {
            var x = x
            for _ in 0..<k { let (m, o) = x.multipliedReportingOverflow(by: 10); if o { return nil }; x = m }
            return x
        }
        if sa < sb { guard let x = up(a, sb - sa) else { return nil }; return (x, b, sb) }
        guard let y = up(b, sa - sb) else { return nil }
        return (a, y, sa)
    }

    static let sumStep: XStep = { ctx, _, argv in
        guard let raw = sqlite3_aggregate_context(ctx, stateSize) else { sqlite3_result_error_nomem(ctx); return }
        var st = State(raw)
        guard st.error == 0 else { return }
        guard let value = read(argv?[0]) else { st.error = 1; st.store(raw); return }
        guard let (s, scale) = value else { return }
        if st.count == 0 { st.significand = s; st.scale = scale } else {
            guard let (a, b, k) = aligned(st.significand, st.scale, s, scale) else { st.error = 2; st.store(raw); return }
            let (sum, o) = a.addingReportingOverflow(b)
            if o { st.error = 2; st.store(raw); return }
            st.significand = sum
            st.scale = k
        }
        st.count += 1
        st.store(raw)
    }

    static func extremeStep(_ ctx: OpaquePointer?, _ argv: UnsafeMutablePointer<OpaquePointer?>?, keepIf better: (Int128, Int128) -> Bool) {
        guard let raw = sqlite3_aggregate_context(ctx, stateSize) else { sqlite3_result_error_nomem(ctx); return }
        var st = State(raw)
        guard st.error == 0 else { return }
        guard let value = read(argv?[0]) else { st.error = 1; st.store(raw); return }
        guard let (s, scale) = value else { return }
        if st.count == 0 { st.significand = s; st.scale = scale } else {
            guard let (a, b, _) = aligned(st.significand, st.scale, s, scale) else { st.error = 2; st.store(raw); return }
            if better(b, a) { st.significand = s; st.scale = scale }
        }
        st.count += 1
        st.store(raw)
    }

    static let minStep: XStep = { ctx, _, argv in extremeStep(ctx, argv, keepIf: <) }
    static let maxStep: XStep = { ctx, _, argv in extremeStep(ctx, argv, keepIf: >) }

    static func finish(_ ctx: OpaquePointer?, _ name: String) {
        guard let raw = sqlite3_aggregate_context(ctx, 0) else { sqlite3_result_null(ctx); return }
        let st = State(raw)
        switch st.error {
        case 1: sqlite3_result_error(ctx, "\(name): a stored value is not a decimal number (the dataset is damaged)", -1)
        case 2: sqlite3_result_error(ctx, "\(name): the result needs more than 38 digits", -1)
        default:
            guard st.count > 0 else { sqlite3_result_null(ctx); return }
            let text = Amount(significand: st.significand, scale: st.scale).description
            sqlite3_result_text(ctx, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
    }

    static let sumFinal: XFinal = { ctx in finish(ctx, "tieout_sum") }
    static let extremeFinal: XFinal = { ctx in finish(ctx, "tieout_min/max") }

    /// First-values state: how many kept (≤ 5), then the values.
    static let firstStep: XStep = { ctx, _, argv in
        guard sqlite3_value_type(argv?[0]) != SQLITE_NULL else { return }
        guard let raw = sqlite3_aggregate_context(ctx, 48) else { sqlite3_result_error_nomem(ctx); return }
        let n = raw.loadUnaligned(as: Int.self)
        guard n < 5 else { return }
        raw.storeBytes(of: sqlite3_value_int64(argv?[0]), toByteOffset: 8 + 8 * n, as: Int64.self)
        raw.storeBytes(of: n + 1, as: Int.self)
    }

    static let firstFinal: XFinal = { ctx in
        guard let raw = sqlite3_aggregate_context(ctx, 0) else { sqlite3_result_null(ctx); return }
        let n = raw.loadUnaligned(as: Int.self)
        let text = (0..<n).map { String(raw.loadUnaligned(fromByteOffset: 8 + 8 * $0, as: Int64.self)) }.joined(separator: ",")
        sqlite3_result_text(ctx, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
    }
}
