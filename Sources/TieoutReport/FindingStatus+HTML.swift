import TieoutReconcile

/// The colours of a finding's class on a page (report.html's badges and rows, the fleet page's
/// chart): one table, so a class looks the same on every page. findings.xlsx
/// (``FindingsWorkbook/fill(_:)``) and the annotated report (``AnnotatedReport/fill(_:)``) have
/// their own, in paler fills that keep black text readable.
extension Finding.Status {
    /// A badge's background and a chart's bar: white text on it stays readable.
    var color: String {
        switch self {
        case .ok: "#2e7d32"
        case .rounding: "#1565c0"
        case .mismatch: "#c62828"
        case .missingData: "#ef6c00"
        case .unsupported: "#6a1b9a"
        }
    }

    /// The tint of a finding's row in report.html's tables (an ok row has none).
    var rowTint: String? {
        switch self {
        case .ok: nil
        case .rounding: "#f3f8ff"
        case .mismatch: "#fff5f5"
        case .missingData: "#fff8ef"
        case .unsupported: "#f8f0fb"
        }
    }
}
