/// How a user names a column on the command line or in a profile: by its
/// header text, by its spreadsheet letter (`H`) or by position (`#8`).
///
/// ```swift
/// ColumnReference.index(of: "金额", in: ["日期", "金额"])   // 1
/// ColumnReference.index(of: "B", in: ["日期", "金额"])      // 1
/// ColumnReference.index(of: "#1", in: ["日期", "金额"])     // 0
/// ```
public enum ColumnReference {
    /// The 0-based index of the column `name` names, or nil. A header name wins
    /// over a letter; letters are upper case (A–XFD); positions start at #1.
    public static func index(of name: String, in columns: [String]) -> Int? {
        if let i = columns.firstIndex(of: name) { return i }
        if name.hasPrefix("#"), let n = Int(name.dropFirst()), n >= 1 { return n - 1 }
        if name.allSatisfy(\.isUppercase), let n = SourceLocation.column(forLetters: name), n <= 16384 { return n - 1 }
        return nil
    }

    /// The named columns of `columns`, quoted in each language (`'日期', '金额'`, `“日期”、“金额”`),
    /// for the help of a column not found (`error.usage.column.help`).
    public static func known(_ columns: [String]) -> Joined {
        Joined(columns.filter { !$0.isEmpty }.map { Phrase("error.profile.column.name", ["name": $0]) })
    }
}
