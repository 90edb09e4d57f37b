import Foundation
import TieoutCore
import TieoutXLSX

/// The parts of a .docx (or any zip) given as bytes, by name, each as UTF-8 text: written to a
/// temporary file and read with the project's own zip reader.
public func docxParts(_ bytes: [UInt8]) throws -> [String: String] {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-docx-\(UUID().uuidString).docx").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let zip = try ZipArchive(path: path)
    var out: [String: String] = [:]
    for e in zip.entries {
        var data: [UInt8] = []
        try zip.read(e) { (chunk: UnsafeBufferPointer<UInt8>) throws(TieoutError) in data.append(contentsOf: chunk) }
        out[e.name] = String(decoding: data, as: UTF8.self)
    }
    return out
}
