// libFuzzer target for the YAML Tieout reads: profiles, tieout.yaml, claims.yaml,
// assessments.yaml and rubric.yaml (scripts/fuzz-yaml builds and runs it).
//
// Oracle: every input ends in a value or a TieoutError, never a crash, a hang (libFuzzer's
// -timeout) or unbounded memory (-rss_limit_mb): the YAML limits must hold for any bytes.
// The first input byte picks the reader.
#if canImport(Glibc)
import Glibc
#endif
import CFuzzDriver
import TieoutCore
import TieoutIngest
import TieoutReconcile
import TieoutScore

let figures: Set<String> = ["spend.actual.total", "execution.rate", "procurement.rate", "sangong.rate", "staff.authorised"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    switch data[0] % 5 {
    case 0: _ = try? Profile.parse(text, file: "profiles/fuzz.yaml", name: "fuzz")
    case 1: _ = try? Workspace.parse(text, root: "/nonexistent-fuzz-workspace")
    case 2: _ = try? ClaimSet.parse(text, file: "claims.yaml", knownFigures: figures)
    // Built per input, not held in a global: LeakSanitizer cannot follow Swift's enum
    // payload pointers (tag bits) from a global, and reported the one built rubric at exit.
    case 3: _ = try? AssessmentSet.parse(text, file: "assessments.yaml", rubric: try! Rubric.builtIn())
    default: _ = try? Rubric.parse(text, file: "rubric.yaml")
    }
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    fuzzOne(data ?? UnsafePointer(bitPattern: 1)!, size)
})
