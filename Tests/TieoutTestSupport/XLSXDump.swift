import Foundation

/// A workbook as openpyxl reads it (scripts/xlsx-dump.py), or as LibreOffice does (the file
/// converted by `soffice --headless --convert-to xlsx` with a private profile, then read by openpyxl).
public struct DumpedWorkbook: Decodable, Sendable {
    public struct Sheet: Decodable, Sendable {
        public var name: String
        /// Cells as text: numbers as plain decimals (15 significant digits), dates ISO; trailing blanks dropped.
        public var rows: [[String]]
        /// Solid fill colours (`FFFFC7CE`), by row and column.
        public var fills: [[String]]
        public var merged: [String]
        public var filter: String
        /// The Python types of the cell values (`str`, `int`, `float`, `datetime`, `NoneType`).
        public var types: [String]
    }
    public var sheets: [Sheet]

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs scripts/xlsx-dump.py with the peers' venv (VENV, default /tmp/corpusvenv, made by scripts/compare-corpus).
    public static func read(_ path: String, libreOffice: Bool = false) throws -> DumpedWorkbook {
        let p = Process()
        let venv = ProcessInfo.processInfo.environment["VENV"] ?? "/tmp/corpusvenv"
        p.executableURL = URL(fileURLWithPath: venv + "/bin/python")
        p.arguments = [repositoryRoot + "/scripts/xlsx-dump.py", path] + (libreOffice ? ["--libreoffice"] : [])
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw Failure(description: "scripts/xlsx-dump.py \(path)\(libreOffice ? " --libreoffice" : "") failed (openpyxl in \(venv), made by scripts/compare-corpus; soffice for LibreOffice): "
                          + String(decoding: e, as: UTF8.self))
        }
        return try JSONDecoder().decode(DumpedWorkbook.self, from: data)
    }

    /// Grids equal cell by cell, numbers as exact decimals (`1234.50` is `1234.5`).
    public static func same(_ a: [[String]], _ b: [[String]]) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            guard x.count == y.count else { return false }
            for (u, v) in zip(x, y) where u != v {
                guard let p = Decimal(string: u, locale: Locale(identifier: "en_US_POSIX")), let q = Decimal(string: v, locale: Locale(identifier: "en_US_POSIX")),
                      u.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }), v.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }), p == q else { return false }
            }
        }
        return true
    }
}
