import Foundation   // String(format:) for the report only
import TieoutCore
import TieoutIngest
import TieoutOffice
import TieoutReconcile

/// The annotated copy of a .docx report (scripts/bench-annotate): its figures extracted as
/// `tieout run` does (outside the timing), a mark on each — the classes in turn, as many
/// mismatches as oks — then the copy made (read, located, split, commented, zipped), best
/// of `runs`; the copy is written to `out` to look at.
/// The process's CPU time: on a busy machine the wall time says more about the other processes.
func cpu() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func benchAnnotate(_ path: String, out: String, runs: Int) {
    let fills = ["A9E5B0", "A8CFF5", "FF8A8A", "FFC266"]
    let classes = ["一致", "取整差异", "不一致", "缺少数据"]
    do {
        let t0 = now()
        let extraction = ClaimExtraction(document: try ReportDocument.read(path),
                                         phrases: try ClaimPhrases.builtIn(figures: try FigureCatalog.builtIn(kinds: try KindCatalog.builtIn())))
        let extracted = now() - t0
        let marks = extraction.places.enumerated().map { i, p in
            DocxAnnotation(place: p, fill: fills[i % 4], comment: ["【\(classes[i % 4])】\(p.text) \(p.unit)", "报告：\(p.text)", "台账：…", "核对项：bench-\(i)"])
        }
        var best = Double.infinity, bestCPU = Double.infinity
        var copy: AnnotatedDocx?
        for _ in 0..<runs {
            let t = now(), c = cpu()
            copy = try DocxAnnotator(date: "2026-12-07T00:00:00Z").annotate(path, marks)
            best = min(best, now() - t)
            bestCPU = min(bestCPU, cpu() - c)
        }
        try Data(copy!.bytes).write(to: URL(fileURLWithPath: out))
        print("annotate: \(marks.count) marks (\(copy!.placed) on their figure, \(copy!.unplaced.count) not), best of \(runs): \(String(format: "%.3f", best)) s wall, \(String(format: "%.3f", bestCPU)) s CPU; extraction (not timed above) \(String(format: "%.3f", extracted)) s; \(copy!.bytes.count) bytes → \(out)")
    } catch {
        print("annotate: \(error)")
        exit(2)
    }
}
