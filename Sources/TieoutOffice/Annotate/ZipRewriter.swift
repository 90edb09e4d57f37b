#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibZip
import TieoutCore

/// A zip archive rewritten in memory with libzip: some parts replaced or added (deflated),
/// every other part copied as it is — its compressed bytes, its name and its order.
enum ZipRewriter {
    static func rewrite(_ path: String, replacing parts: [(name: String, bytes: [UInt8])]) throws(TieoutError) -> [UInt8] {
        // `why`: libzip's own words as it wrote them, or a Phrase.
        func fault(_ why: any CustomStringConvertible) -> TieoutError {
            TieoutError(code: "document.zip", ["file": path, "why": why], location: SourceLocation(file: path))
        }
        let original = try readAll(path)
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let copy = malloc(max(original.count, 1)) else { throw fault(Phrase("error.document.out-of-memory")) }
        original.withUnsafeBytes { _ = memcpy(copy, $0.baseAddress!, original.count) }
        guard let source = zip_source_buffer_create(copy, zip_uint64_t(original.count), 1, &error) else {
            free(copy)
            throw fault(String(cString: zip_error_strerror(&error)))
        }
        zip_source_keep(source)
        defer { zip_source_free(source) }
        guard let archive = zip_open_from_source(source, 0, &error) else {
            throw fault(String(cString: zip_error_strerror(&error)))
        }
        // A written part keeps the time of the part it replaces; a new one takes the newest time
        // of the original's parts: the copy's bytes are a function of the report's, never the clock's.
        func mtime(_ index: Int64) -> time_t? {
            var st = zip_stat_t()
            zip_stat_init(&st)
            guard zip_stat_index(archive, zip_uint64_t(index), 0, &st) == 0, st.valid & zip_uint64_t(ZIP_STAT_MTIME) != 0 else { return nil }
            return st.mtime
        }
        let newest = (0..<max(zip_get_num_entries(archive, 0), 0)).compactMap { mtime($0) }.max() ?? 315_532_800   // none: 1980-01-01, zip's first day
        for part in parts {
            let original = zip_name_locate(archive, part.name, 0)
            let stamp = (original >= 0 ? mtime(original) : nil) ?? newest
            guard let buffer = malloc(max(part.bytes.count, 1)) else { zip_discard(archive); throw fault(Phrase("error.document.out-of-memory")) }
            part.bytes.withUnsafeBytes { if let b = $0.baseAddress { _ = memcpy(buffer, b, part.bytes.count) } }
            guard let s = zip_source_buffer(archive, buffer, zip_uint64_t(part.bytes.count), 1) else {
                free(buffer)
                let why = String(cString: zip_strerror(archive))
                zip_discard(archive)
                throw fault(why)
            }
            var index = zip_name_locate(archive, part.name, 0)
            if index >= 0 {
                if zip_file_replace(archive, zip_uint64_t(index), s, 0) < 0 { index = -1 }
            } else {
                index = zip_file_add(archive, part.name, s, zip_flags_t(ZIP_FL_ENC_UTF_8))
            }
            guard index >= 0 else {
                zip_source_free(s)
                let why = String(cString: zip_strerror(archive))
                zip_discard(archive)
                throw fault("\(part.name): \(why)")
            }
            zip_set_file_compression(archive, zip_uint64_t(index), ZIP_CM_DEFLATE, 0)
            zip_file_set_mtime(archive, zip_uint64_t(index), stamp, 0)
        }
        if zip_close(archive) < 0 {
            let why = String(cString: zip_strerror(archive))
            zip_discard(archive)
            throw fault(why)
        }
        guard zip_source_open(source) == 0 else { throw fault(String(cString: zip_error_strerror(zip_source_error(source)))) }
        defer { zip_source_close(source) }
        zip_source_seek(source, 0, SEEK_END)
        let size = zip_source_tell(source)
        zip_source_seek(source, 0, SEEK_SET)
        guard size >= 0 else { throw fault(Phrase("error.document.size-unknown")) }
        var out = [UInt8](repeating: 0, count: Int(size))
        var done = 0
        while done < out.count {
            let total = out.count
            let n = out.withUnsafeMutableBytes { zip_source_read(source, $0.baseAddress! + done, zip_uint64_t(total - done)) }
            guard n > 0 else { throw fault(Phrase("error.document.read-back")) }
            done += Int(n)
        }
        return out
    }

    /// The file's bytes.
    static func readAll(_ path: String) throws(TieoutError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw TieoutError(code: "io.open", what: Phrase("error.io.open", ["file": path, "reason": String(cString: strerror(errno))]), location: SourceLocation(file: path),
                              help: Phrase("error.help.check-path"))
        }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw TieoutError(code: "io.read", what: Phrase("error.io.read", ["file": path, "reason": String(cString: strerror(errno))]), location: SourceLocation(file: path),
                                  help: Phrase("error.help.check-file-disk-again"))
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[..<n])
        }
        return out
    }
}

