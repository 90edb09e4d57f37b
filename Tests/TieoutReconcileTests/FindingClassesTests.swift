import Foundation
import Testing
import TieoutCore
import TieoutOffice
import TieoutTestSupport
@testable import TieoutReconcile
@testable import TieoutReport

/// Every class a finding can have (`Finding.Status.allCases`) in every medium that shows one: the
/// console summary, report.md, report.html, findings.xlsx, the annotated copy of the report and the
/// fleet page (run --all). A class added to `Finding.Status` is shown everywhere, each in a colour
/// of its own and in one order (the fleet page once hid `unsupported`: its own list of the classes
/// lacked it).
@Suite("Every finding class in every medium")
struct FindingClassesTests {
    static let classes = Finding.Status.allCases

    /// How many findings of class `s` the test reconciliation has: 1, 2, 3, … in declaration order,
    /// so that each class's count is its own.
    static func n(_ s: Finding.Status) -> Int { classes.firstIndex(of: s)! + 1 }

    /// The sample, its findings replaced by `n(s)` findings of each class.
    static func reconciliation() throws -> Reconciliation {
        var r = try sampleReconciliation()
        let template = try #require(r.findings.first { $0.rule == "claim" && $0.status == .mismatch })
        r.findings = classes.flatMap { s in
            (0..<n(s)).map { i in
                var f = template
                f.id = "test:\(s.rawValue)#\(i)"
                f.status = s
                return f
            }
        }
        return r
    }

    /// The classes worst first (Finding.Status.severity): the order reports list findings in.
    static var worstFirst: [Finding.Status] { classes.sorted { $0.severity < $1.severity } }

    @Test("console summary, report.md and report.html: every class counted, named in the catalog's words, badged in a colour of its own")
    func reports() throws {
        let r = try Self.reconciliation()
        for l in ReportLanguage.allCases {
            let console = ConsoleSummary.lines(r, language: l)
            let md = MarkdownReport.render(r, language: l)
            let html = HTMLReport.render(r, language: l)
            for text in [console.joined(separator: "\n"), md, html] { #expect(!text.contains("{status.") && !text.contains("{console.status.")) }
            for s in Self.classes {
                let word = l.s("console.status.\(s.rawValue)")
                #expect(console[0].contains(l.s("console.count", ["class": word, "n": Self.n(s)])), "\(l) console counts: \(console[0])")
                // Each finding that is not ok has its line.
                #expect(console.dropFirst().filter { $0.hasPrefix("  \(word)  ") }.count == (s == .ok ? 0 : Self.n(s)), "\(l) \(s)")
                // report.md: the counts line and a table row per finding.
                let counts = try #require(md.split(separator: "\n").dropFirst().first)
                #expect(counts.contains(l.s("console.count", ["class": l.status(s), "n": Self.n(s)])), "\(l) report.md: \(counts)")
                #expect(md.ranges(of: "\n| \(l.status(s)) | ").count == Self.n(s), "\(l) report.md rows of \(s)")
                // report.html: a badge in the class's colour leading to its first row; its rows tinted unless ok.
                #expect(html.contains("<a class=\"badge\" style=\"background:\(s.color)\" href=\"#class-\(s.rawValue)\">\(Escape.html(l.status(s))) \(Self.n(s))</a>"), "\(l) badge of \(s)")
                #expect(html.contains("<span id=\"class-\(s.rawValue)\"></span>"))
                #expect(html.ranges(of: "<tr class=\"\(s.rawValue)\" id=\"test:\(s.rawValue)#").count == Self.n(s))
                #expect(html.contains("tr.\(s.rawValue) td { background:") == (s != .ok), "row tint of \(s)")
            }
            // The verdict names every class to act on, worst first.
            let verdict = try #require(html.firstMatch(of: /<p class="verdict">([^<]*)<\/p>/)).output.1
            let named = Self.worstFirst.filter { $0 != .ok }.map { s in verdict.firstRange(of: l.status(s))?.lowerBound }
            #expect(named.allSatisfy { $0 != nil } && named.map { $0! } == named.map { $0! }.sorted(), "\(l) verdict: \(verdict)")
        }
        #expect(Set(Self.classes.map(\.color)).count == Self.classes.count)
    }

    @Test("findings.xlsx: every class's rows filled in one colour, a colour of its own")
    func workbook() throws {
        let r = try Self.reconciliation()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tieout-classes-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try WorkbookWriter.write(to: path) { book in try FindingsWorkbook.write(r.findings, into: book) }
        let sheet = try #require(try DumpedWorkbook.read(path).sheets.first)
        var fills: [String: Set<String>] = [:]
        for (k, row) in sheet.rows.enumerated().dropFirst() { fills[row[0], default: []].formUnion(sheet.fills[k]) }
        #expect(Set(fills.keys) == Set(Self.classes.map(\.rawValue)))
        #expect(fills.values.allSatisfy { $0.count == 1 }, "\(fills)")
        #expect(Set(fills.values.compactMap(\.first)).count == Self.classes.count, "\(fills)")
        // Worst first, as the reports list them.
        #expect(sheet.rows.dropFirst().map(\.[0]) == Self.worstFirst.flatMap { s in Array(repeating: s.rawValue, count: Self.n(s)) })
    }

    @Test("the annotated report: a figure of every class shaded in a colour of its own, its comment naming the class")
    func annotated() throws {
        let (path, findings, _) = try AnnotatedReportTests.run("reference-libreoffice.docx")
        // One finding for each class, each on a figure of its own.
        var seen = Set<StatedFigure>(), picked: [Finding] = []
        for f in findings where f.stated != nil && picked.count < Self.classes.count && seen.insert(f.stated!).inserted {
            var g = f
            g.status = Self.classes[picked.count]
            picked.append(g)
        }
        try #require(picked.count == Self.classes.count)
        let copy = try AnnotatedReport.annotate(path, findings: picked, language: .zh)
        let parts = try docxParts(copy.bytes)
        let marked = AnnotatedReportTests.marked(try #require(parts["word/document.xml"]), try #require(parts["word/comments.xml"]))
        for f in picked {
            #expect(marked.contains("【\(ReportLanguage.zh.status(f.status))】\(f.title) | \(f.stated!.text) | \(AnnotatedReport.fill(f.status))"), "\(f.status): \(marked)")
        }
        #expect(Set(Self.classes.map(AnnotatedReport.fill)).count == Self.classes.count)
    }

    @Test("the fleet page: a column of every class in the order the counts lines give them, every class to act on in the chart in the report's colour, worst first")
    func fleet() throws {
        var counts: [String: Int] = [:]
        for s in Self.classes { counts[s.rawValue] = 10 + Self.n(s) }
        let unit = UnitSummary(workspace: "a", unit: "单位甲", files: 2, rows: 30, findings: counts, score: "90.00", seconds: 1.5,
                               status: "problems", exitCode: 1, error: nil, log: "out/logs/a.log")
        let fleet = FleetSummary(folder: "/tmp/x", jobs: 1, seconds: 2, units: [unit])
        for l in ReportLanguage.allCases {
            // Every word from the catalog (a class without its `fleet.col.*` or `fleet.problem.*` would show the key).
            let md = fleet.markdown(language: l), html = fleet.html(language: l), quiet = fleet.problemLines(language: l)
            for text in [md, html, quiet.joined(separator: "\n"), FleetSummary.workbookHeader(l).joined(separator: " ")] {
                #expect(!text.contains("{fleet.") && !text.contains("{status.") && !text.contains("{console."), "\(l): \(text)")
            }
            // summary.md: the header's class columns, as the counts lines order them, each holding its count.
            let lines = md.split(separator: "\n").map(String.init)
            let head = try #require(lines.first { $0.hasPrefix("| ") }).split(separator: " | ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "| ")) }
            let row = try #require(lines.last).split(separator: " | ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "| ")) }
            let columns = Self.classes.map { s in head.firstIndex { $0.lowercased() == l.status(s).lowercased() } }
            #expect(columns.allSatisfy { $0 != nil }, "\(l) summary.md header: \(head)")
            #expect(columns.compactMap { $0 } == columns.compactMap { $0 }.sorted(), "\(l) summary.md columns out of order: \(head)")
            for (s, c) in zip(Self.classes, columns) where c != nil { #expect(row[c!] == String(10 + Self.n(s)), "\(l) \(s)") }
            // summary.xlsx's header: the same columns.
            #expect(Self.classes.map { s in FleetSummary.workbookHeader(l).firstIndex { $0.lowercased() == l.status(s).lowercased() } } == columns)
            // summary.html: the table's counts, and the chart: every class to act on stacked worst first, in the report's colour.
            for s in Self.classes { #expect(html.contains("<td class=\"num\">\(10 + Self.n(s))</td>")) }
            let bars = html.matches(of: /<rect [^>]*fill="(#[0-9a-f]{6})"><title>单位甲: ([^<]*)<\/title><\/rect>/).map { "\($0.output.2) \($0.output.1)" }
            let acted = Self.worstFirst.filter { $0 != .ok }
            #expect(bars == acted.map { "\(l.status($0)) \(10 + Self.n($0)) \($0.color)" }, "\(l) chart bars: \(bars)")
            let label = (acted + [.ok]).map { "\(l.status($0)) \(10 + Self.n($0))" }.joined(separator: " · ")
            #expect(html.contains(">\(label)</text>"), "\(l) chart label")
            // The verdict names every class to act on.
            for s in Self.classes where s.isProblem { #expect(html.contains(l.s("fleet.problem.\(s.rawValue)")), "\(l) verdict lacks \(s)") }
            // run --all --quiet: every class to act on, with its count.
            for s in Self.classes where s.isProblem { #expect(quiet[1].contains("\(l.status(s)) \(10 + Self.n(s))"), "\(l) quiet: \(quiet[1])") }
        }
    }
}
