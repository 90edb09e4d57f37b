/// The OLE2 Compound File container (`D0 CF 11 E0 A1 B1 1A E1`): what a BIFF .xls workbook
/// and a password-protected (encrypted) OOXML package are both stored in. The .xlsx reader
/// and the .xls reader tell them apart with these two tests.
enum CompoundFile {
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// How much of a file is searched for a directory entry's name.
    static let searchedBytes = 4 << 20

    /// Whether `head` (a file's first bytes) is a Compound File's signature.
    static func isSignature<C: Collection>(_ head: C) -> Bool where C.Element == UInt8 {
        head.count == signature.count && head.elementsEqual(signature)
    }

    /// Whether `bytes` hold the directory entry name `name` in UTF-16LE, as CFB stores it:
    /// `EncryptedPackage` marks an encrypted OOXML package.
    static func containsEntryName(_ name: String, in bytes: ArraySlice<UInt8>) -> Bool {
        let needle = Array(name.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        guard bytes.count >= needle.count else { return false }
        var i = bytes.startIndex
        while i + needle.count <= bytes.endIndex {
            if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
