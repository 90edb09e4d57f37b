#if canImport(Glibc)
import Glibc
#endif
import TieoutCore

/// Writes a file atomically: into a temporary file beside it, then renamed over it,
/// so a reader never sees half a file and a failed run leaves the old one.
func writeAtomically(_ path: String, _ body: (Output) throws -> Void) throws {
    let dir = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    if !dir.isEmpty { try makeDirectories(dir) }
    let temp = path + ".tmp-\(getpid())"
    let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else {
        throw TieoutError(code: "io.write", what: "cannot write \(path): \(String(cString: strerror(errno)))",
                          location: SourceLocation(file: path), help: "Check that the folder exists and can be written.")
    }
    let out = Output(fd: fd)
    do {
        try body(out)
        out.flush()
        close(fd)
    } catch {
        close(fd)
        unlink(temp)
        throw error
    }
    guard rename(temp, path) == 0 else {
        unlink(temp)
        throw TieoutError(code: "io.write", what: "cannot put \(path) in place: \(String(cString: strerror(errno)))",
                          location: SourceLocation(file: path), help: "Check that the folder can be written.")
    }
}

/// `mkdir -p`.
func makeDirectories(_ path: String) throws {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
        current += "/" + part
        if mkdir(current, 0o755) != 0 && errno != EEXIST {
            throw TieoutError(code: "io.mkdir", what: "cannot create the folder \(current): \(String(cString: strerror(errno)))",
                              location: SourceLocation(file: current), help: "Check the permissions of the folder above it.")
        }
    }
}
