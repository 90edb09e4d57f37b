#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TieoutCore
import TieoutIngest

/// Many units' workspaces under one folder, run as a batch (`tieout run --all`, the work queue).
public enum Fleet {}

/// What ``Fleet/search(_:maxDepth:)`` found under a batch folder.
public struct FleetSearch: Sendable, Equatable {
    /// The units' workspace folders, relative to the batch folder, in path order, each once.
    public var units: [String]
    /// Workspaces left out on purpose, one line each saying why (a second link to a unit, a link leading outside).
    public var skipped: [String]
    /// Folders that may hold units but could not be searched, each with its error: a failed entry of the batch.
    public var unreadable: [Unreadable]

    public struct Unreadable: Sendable, Equatable {
        /// The folder, relative to the batch folder ("." for the batch folder itself).
        public var folder: String
        /// What went wrong and the fix, without the "Error: " prefix.
        public var error: String

        public init(folder: String, error: String) {
            self.folder = folder
            self.error = error
        }
    }

    public init(units: [String], skipped: [String], unreadable: [Unreadable]) {
        self.units = units
        self.skipped = skipped
        self.unreadable = unreadable
    }
}

extension Fleet {
    /// Folders under `folder` holding a tieout.yaml (not looked into further), in path order,
    /// each once: a workspace reached again through a link (`loop -> .`) is skipped, and one
    /// whose real path is outside `folder` is skipped too; `skipped` says why, one line each.
    /// A folder that cannot be listed, one nested deeper than `maxDepth`, or a link that cannot be
    /// followed (dangling, or a loop) may hold units:
    /// each is `unreadable`, with its error, and the batch counts it as a failed unit, never
    /// as a folder without units. A `tieout.yaml` that is there in any form (a dangling link,
    /// a link loop, a file this user may not read) makes its folder a unit, whose run then
    /// says what is wrong with it.
    public static func search(_ folder: String, maxDepth: Int = 8) -> FleetSearch {
        var out: [String] = [], skipped: [String] = [], unreadable: [FleetSearch.Unreadable] = []
        guard let top = realPath(folder) else { return FleetSearch(units: [], skipped: [], unreadable: []) }
        var seen: [String: String] = [:]   // real path → the name it was found under
        var visited: Set<String> = [top]
        func inside(_ real: String) -> Bool { real == top || real.hasPrefix(top == "/" ? "/" : top + "/") }
        func present(_ path: String) -> Bool {
            var st = stat()
            return lstat(path, &st) == 0
        }
        func visit(_ rel: String, depth: Int) {
            let path = rel.isEmpty ? folder : folder + "/" + rel
            guard let dir = opendir(path) else {
                unreadable.append(.init(folder: rel.isEmpty ? "." : rel, error: "cannot list the folder \(rel.isEmpty ? folder : rel): \(String(cString: strerror(errno))); make it readable for this user (chmod/chown), or move it out of \(folder)"))
                return
            }
            var names: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(dir)
            for name in names.sorted() where !name.hasPrefix(".") && !(rel.isEmpty && name == "out") {
                let child = rel.isEmpty ? name : rel + "/" + name
                // A link that leads nowhere (dangling, or a loop) may have been a unit: a failed entry, never "not a folder".
                if let broken = RegularFile.brokenLink(folder + "/" + child) {
                    unreadable.append(.init(folder: child, error: "cannot follow the link \(child) (to \(broken.target)): \(broken.reason); point it at the unit's folder, or remove it from \(folder)"))
                    continue
                }
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder + "/" + child, isDirectory: &isDir), isDir.boolValue,
                      let real = realPath(folder + "/" + child) else { continue }
                let isWorkspace = present(folder + "/" + child + "/" + Workspace.fileName)
                guard inside(real) else {
                    if isWorkspace { skipped.append("\(child): it leads outside \(folder), to \(real); run it by its own path") }
                    continue
                }
                if isWorkspace {
                    if let first = seen[real] { skipped.append("\(child): the same workspace as \(first) (through a link)"); continue }
                    seen[real] = child
                    out.append(child)
                } else if visited.insert(real).inserted {
                    if depth + 1 > maxDepth {
                        unreadable.append(.init(folder: child, error: "the folder \(child) is nested deeper than \(maxDepth) folders below \(folder), so it was not searched for units; run it by its own path, or move its units up"))
                    } else {
                        visit(child, depth: depth + 1)
                    }
                }
            }
        }
        visit("", depth: 0)
        return FleetSearch(units: out, skipped: skipped, unreadable: unreadable)
    }

    /// The path with every link resolved, or nil when it does not lead anywhere.
    public static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// This executable's path, for the units' processes.
    public static func selfExecutable() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        return n > 0 ? String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
    }
}
