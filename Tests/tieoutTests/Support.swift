import Foundation

/// Runs the built `tieout` executable as a user would, in a working folder.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package's root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/TieoutCSVTests/Fixtures").path

    /// The executable next to the test bundle (the same build), else .build/debug.
    static let executable: String = {
        let fm = FileManager.default
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["TIEOUT_BIN"] { candidates.append(env) }
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates.append(here.appendingPathComponent("tieout").path)
        candidates.append(here.deletingLastPathComponent().appendingPathComponent("tieout").path)
        candidates.append(root.appendingPathComponent(".build/debug/tieout").path)
        return candidates.first { fm.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    /// Starts the executable with its output and errors on pipes; the caller reads and waits.
    /// `errorLanguage` is the `TIEOUT_LANG` it runs with: English by default, so the tests that
    /// pin an error's words pin the English ones (`Error: … / Help: …`); nil leaves the
    /// variable out (the default language, Chinese: ErrorLanguageTests).
    static func start(_ arguments: [String], in directory: String = fixtures, executable: String = CLI.executable,
                      errorLanguage: String? = "en") throws -> (process: Process, out: Pipe, err: Pipe) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TIEOUT_LANG"] = errorLanguage
        p.environment = environment
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        return (p, out, err)
    }

    static func run(_ arguments: [String], in directory: String = fixtures, executable: String = CLI.executable,
                    errorLanguage: String? = "en") throws -> Result {
        let (p, out, err) = try start(arguments, in: directory, executable: executable, errorLanguage: errorLanguage)
        // Read both pipes fully before waiting, so a large output cannot block the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let e = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { e.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e.data, as: UTF8.self))
    }
}
