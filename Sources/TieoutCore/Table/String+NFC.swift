import Foundation

extension String {
    /// The text in Unicode NFC (`é` as one character, not `e` + U+0301), the form patterns,
    /// words and cells are compared in: a word written in one normalization matches a cell
    /// or a file name written in the other. ASCII text is returned as it is.
    ///
    /// ```swift
    /// "Cafe\u{301}".nfc.unicodeScalars.count   // 4
    /// ```
    public var nfc: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return self }
        return precomposedStringWithCanonicalMapping
    }

    /// Whether the text has a character outside ASCII (a pattern that needs NFC to compare).
    public var hasNonASCII: Bool { !utf8.allSatisfy { $0 < 0x80 } }
}
