/// The namespaces of SpreadsheetML, in their Transitional and Strict spellings.
enum NS {
    /// Transitional, Strict, and the namespaces of Excel 2007's betas (Office 12 Beta 1, its
    /// technical refresh, Beta 2 and its refresh), which wrote the same elements.
    static func isMain(_ uri: XMLName) -> Bool {
        uri == "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
            || uri == "http://purl.oclc.org/ooxml/spreadsheetml/main"
            || uri == "http://schemas.openxmlformats.org/spreadsheetml/2006/7/main"
            || uri == "http://schemas.openxmlformats.org/spreadsheetml/2006/5/main"
            || uri == "http://schemas.microsoft.com/office/excel/2006/main"
            || uri == "http://schemas.microsoft.com/office/excel/2006/2"
    }

    static func isRelationships(_ uri: XMLName) -> Bool {
        uri == "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
            || uri == "http://purl.oclc.org/ooxml/officeDocument/relationships"
            || uri == "http://schemas.microsoft.com/office/2006/relationships"
    }

    static func isPackageRelationships(_ uri: XMLName) -> Bool {
        uri == "http://schemas.openxmlformats.org/package/2006/relationships"
    }

    /// Relationship types compared by their last segment, whatever the namespace prefix.
    static func type(_ type: String, is kind: String) -> Bool {
        type.hasSuffix("/" + kind)
    }
}

/// Within one parse libxml2 interns names in its dictionary, so the main
/// namespace arrives as the same pointer each time: compare its text once.
/// Keep one per handler (per parse): pointers mean nothing across parses.
struct MainNamespace {
    private var known: UnsafePointer<UInt8>? = nil

    mutating func matches(_ uri: XMLName) -> Bool {
        guard let p = uri.pointer else { return false }
        if p == known { return true }
        if NS.isMain(uri) { known = p; return true }
        return false
    }
}
