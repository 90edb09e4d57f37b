import Foundation
import Testing
@testable import TieoutCore

/// Errors in both languages: the error tables (Catalog+ErrorsZh.swift, Catalog+ErrorsEn.swift)
/// have the same keys and placeholders, the English one no Chinese; every catalog key Sources
/// builds an error from is in both; and the errors still built from English text only are an
/// explicit list that may only shrink.
@Suite("the errors' catalog")
struct ErrorCatalogTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// English templates that quote a Chinese form the user writes (a date form, a 单位 line).
    static let chineseQuoted: Set<String> = ["error.date.help", "error.profile.no-unit-line.what", "error.profile.no-unit-line.help",
                                                  "error.workspace.not-a-unit.help", "error.workspace.not-a-tolerance.help", "error.workspace.sheets-map.help",
                                                  "error.profile.not-a-unit.help", "error.profile.not-a-date-format.help",
                                                  // The settings' examples of the user's Chinese headers, words and patterns (Catalog+ErrorsSettingsEn.swift).
                                                  "error.kind.no-title.help", "error.kind.field-no-title.help", "error.profile.group-name.help", "error.profile.unpivot.no-column.help",
                                                  "error.profile.unpivot.no-month.help", "error.profile.header-block.no-label.help", "error.profile.sections.pattern.help", "error.profile.sign.no-minus.help",
                                                  "error.profile.sign.negate.help", "error.profile.sign.no-direction.help", "error.profile.sign.no-negative.help", "error.profile.sign.empty-negative.help",
                                                  "error.profile.sign.own-column.help", "error.profile.split-date.not-date.help", "error.profile.split-date.outside.help", "error.profile.split-date.no-year.help",
                                                  "error.profile.where.no-word.help", "error.profile.skip-pattern.help", "error.profile.sheets.none.help",
                                                  // The definitions' examples: a report's own terms, units and measure words.
                                                  "error.figure.needs.title", "error.figure.needs.formula", "error.claim.no-unit.help",
                                                  "error.phrases.not-a-kind.help", "error.phrases.no-phrase.help", "error.rubric.statements.help",
                                                  "error.document.utf16.help", "error.document.not-utf8.help", "error.document.legacy.help",
                                                  "error.document.binary-doc.help"]

    /// The errors still built from English text only (`TieoutError(code:what:location:help:)`,
    /// or `YAMLValue.error("…", help: "…")`), as `code` (a literal code) or `file: code` (a
    /// code in a variable), each as often as it is built. They print English in a Chinese run
    /// too. Not yet converted: remove an entry when its error moves to the catalog; never add one.
    static let notYetConverted: [String: Int] = NotYetConverted.counts

    @Test("both error tables have every key, with the same placeholders; the English one has no Chinese")
    func sameKeys() {
        let zh = Catalog.errors(english: false), en = Catalog.errors(english: true)
        #expect(Set(zh.keys).subtracting(en.keys).sorted() == [])
        #expect(Set(en.keys).subtracting(zh.keys).sorted() == [])
        for (key, z) in zh {
            #expect(Catalog.placeholders(z) == Catalog.placeholders(en[key] ?? ""), "\(key)")
            // A brace that is not a placeholder (`{ from: … }`) would swallow one: quote such text through an argument.
            #expect(Catalog.placeholders(z).allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isLetter) }, "\(key): \(z)")
        }
        for (key, e) in en where !Self.chineseQuoted.contains(key) {
            #expect(!Self.hasCJK(e), "\(key): \(e)")
        }
        // Each key is defined in one area's table only (a second would be silently ignored).
        for parts in [Catalog.errorParts.zh, Catalog.errorParts.en] {
            var seen: [String: Int] = [:]
            for part in parts { for key in part.keys { seen[key, default: 0] += 1 } }
            #expect(seen.filter { $0.value > 1 }.keys.sorted() == [])
        }
        // No key of the main tables is redefined here (Catalog.text would never see it).
        #expect(Set(zh.keys).intersection(Catalog.zh.keys).sorted() == [])
    }

    @Test("an error from the catalog reads in either language, with its place")
    func rendering() {
        let e = TieoutError(AmountSyntaxError(text: "12.3.4", reason: .multipleDecimalPoints),
                            at: SourceLocation(file: "a.csv", record: 2, line: 3, column: 6, columnName: "金额"))
        #expect(e.rendered(english: true) == """
        Error: "12.3.4" is not a valid amount: it has more than one decimal point at a.csv:3:6 (record 2, column F 金额)
        Help: Write amounts as 1234.56, 1,234.56, -1,234.56, (1,234.56) or 99.46%; correct the value in the export, or treat the column as text if it holds no amounts.
        """)
        #expect(e.rendered(english: false) == """
        错误：“12.3.4”不是有效的金额：有不止一个小数点，位置：a.csv:3:6（第 2 条记录，F 列 金额）
        帮助：金额请写作 1234.56、1,234.56、-1,234.56、(1,234.56) 或 99.46%；请在导出文件中改正该值，若该列不是金额，请把它当作文本列。
        """)
        #expect(e.description == e.rendered(english: true) && e.code == "value.amount")
        let open = TieoutError(code: "io.open", what: Phrase("error.io.open", ["file": "账.csv", "reason": "No such file or directory"]),
                               help: Phrase("error.help.check-path"))
        #expect(open.rendered(english: false) == "错误：无法打开 账.csv：No such file or directory\n帮助：请检查路径，并确认有权读取该文件。")
        #expect(open.rendered(english: true) == "Error: cannot open 账.csv: No such file or directory\nHelp: Check the path and that you may read the file.")
        // A legacy error prints its English words in either frame.
        let legacy = TieoutError(code: "store.full", what: "the disk is full", help: "Free space.")
        #expect(legacy.rendered(english: false) == "错误：the disk is full\n帮助：Free space.")
    }

    @Test("the language: --lang, else TIEOUT_LANG, else Chinese")
    func language() {
        #expect(!ErrorLanguage.english(arguments: ["cat", "a.csv"], environment: [:]))
        #expect(ErrorLanguage.english(arguments: ["run", "ws", "--lang", "en"], environment: [:]))
        #expect(ErrorLanguage.english(arguments: ["run", "ws", "--lang=en"], environment: ["TIEOUT_LANG": "zh"]))
        #expect(!ErrorLanguage.english(arguments: ["run", "ws", "--lang", "zh"], environment: ["TIEOUT_LANG": "en"]))
        #expect(ErrorLanguage.english(arguments: ["cat", "a.csv"], environment: ["TIEOUT_LANG": "en"]))
        #expect(!ErrorLanguage.english(arguments: ["cat", "--", "--lang", "en"], environment: [:]))
        #expect(!ErrorLanguage.english(arguments: ["cat", "a.csv"], environment: ["TIEOUT_LANG": "fr"]))
    }

    @Test("every error key Sources uses is in both tables")
    func usedKeysExist() throws {
        let zh = Catalog.errors(english: false), en = Catalog.errors(english: true)
        var missing: [String] = []
        var used = 0
        for (rel, text) in try Self.sources() {
            for m in text.matches(of: /(?:Phrase|Catalog\.text)\(\s*"(error\.[a-z0-9.-]+)"/) {
                used += 1
                let k = String(m.1)
                if zh[k] == nil || en[k] == nil { missing.append("\(rel): \(k)") }
            }
            // A key passed to a helper (`fault("xlsx.not-zip", key: "xlsx.empty")`).
            for m in text.matches(of: /key: "([a-z0-9.-]+)"/) {
                used += 1
                for part in ["what", "help"] where zh["error.\(m.1).\(part)"] == nil || en["error.\(m.1).\(part)"] == nil {
                    missing.append("\(rel): error.\(m.1).\(part)")
                }
            }
            for call in Self.constructions(in: text) where !call.legacy && call.phraseForm == false && call.literalKey {
                used += 1
                for part in ["what", "help"] where zh["error.\(call.key).\(part)"] == nil || en["error.\(call.key).\(part)"] == nil {
                    missing.append("\(rel): error.\(call.key).\(part)")
                }
            }
        }
        #expect(used > 100)
        #expect(missing == [])
    }

    @Test("the errors still built from English text only are the listed ones")
    func notYetConvertedList() throws {
        var found: [String: Int] = [:]
        for (rel, text) in try Self.sources() {
            for call in Self.constructions(in: text) where call.legacy {
                found[call.code.hasPrefix("\"") ? String(call.code.dropFirst().dropLast()) : "\(rel): \(call.code)", default: 0] += 1
            }
            for _ in text.matches(of: /[^A-Za-z0-9_]error\(\s*"/) { found["\(rel): yaml.key", default: 0] += 1 }
        }
        let converted = Self.notYetConverted.filter { found[$0.key, default: 0] < $0.value }
        let added = found.filter { $0.value > Self.notYetConverted[$0.key, default: 0] }
        #expect(added.isEmpty, "built from English text only, not in the list (put the words in the catalog): \(added.sorted { $0.key < $1.key })")
        #expect(converted.isEmpty, "converted: lower or remove these entries of NotYetConverted: \(converted.keys.sorted()) → \(converted.keys.sorted().map { found[$0, default: 0] })")
    }

    // MARK: - Reading Sources

    static func hasCJK(_ s: String) -> Bool {
        s.unicodeScalars.contains { (0x3000...0x303F).contains($0.value) || (0x3400...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
    }

    static func sources() throws -> [(String, String)] {
        var out: [(String, String)] = []
        let files = FileManager.default.enumerator(atPath: root.appendingPathComponent("Sources").path)!
        while let rel = files.nextObject() as? String {
            guard rel.hasSuffix(".swift"), !rel.contains("/Catalog/") else { continue }
            let text = try String(contentsOfFile: root.appendingPathComponent("Sources/" + rel).path, encoding: .utf8)
            // Comments are not code (a doc comment's example builds nothing).
            out.append((rel, text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.drop(while: { $0 == " " }).hasPrefix("//") }.joined(separator: "\n")))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    struct Construction {
        /// The code as written: `"io.open"` or a variable.
        var code: String
        /// The catalog key (`key:`, else the code).
        var key: String
        /// Built from English text (`what:` not a Phrase).
        var legacy: Bool
        /// The key is written out (not a helper's variable, whose callers' keys the `key:` scan checks).
        var literalKey: Bool
        /// Built from Phrases (`what: Phrase(…)`), whose keys the Phrase scan checks.
        var phraseForm: Bool
    }

    /// Every `TieoutError(…)` call: its arguments split at the top level.
    static func constructions(in text: String) -> [Construction] {
        var out: [Construction] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        let head = Array("TieoutError(".unicodeScalars)
        while i + head.count <= chars.count {
            guard Array(chars[i..<(i + head.count)]) == head, i == 0 || !(chars[i - 1].properties.isAlphabetic || chars[i - 1] == ".") else { i += 1; continue }
            i += head.count
            let args = topLevelArguments(chars, from: &i)
            var named: [String: String] = [:]
            for a in args.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) {
                if let colon = a.firstIndex(of: ":"), a[..<colon].allSatisfy({ $0.isLetter }) {
                    named[String(a[..<colon])] = a[a.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
            guard let code = named["code"] else { continue }   // TieoutError(error, at:) and the like
            let what = named["what"]
            let legacy = what.map { !$0.contains("Phrase(") } ?? false
            let keyText = named["key"] ?? code
            let key = String(keyText.dropFirst().dropLast())
            out.append(Construction(code: code, key: key, legacy: legacy, literalKey: keyText.hasPrefix("\""), phraseForm: what != nil))
        }
        return out
    }

    /// The arguments of a call whose `(` is just before `i`, split at top-level commas;
    /// string literals (with interpolations) are skipped over. `i` ends after the `)`.
    static func topLevelArguments(_ c: [Unicode.Scalar], from i: inout Int) -> [String] {
        var args: [String] = [], current = String.UnicodeScalarView()
        // The stack: "(" for an open parenthesis or bracket, "\"" for a string, "i" for an interpolation.
        var stack: [Character] = ["("]
        while i < c.count, !stack.isEmpty {
            let ch = c[i]
            let inString = stack.last == "\""
            if inString {
                if ch == "\\" && i + 1 < c.count && c[i + 1] == "(" { stack.append("i"); current.append(ch); current.append(c[i + 1]); i += 2; continue }
                if ch == "\\" { current.append(ch); if i + 1 < c.count { current.append(c[i + 1]) }; i += 2; continue }
                if ch == "\"" { stack.removeLast() }
                current.append(ch); i += 1; continue
            }
            switch ch {
            case "\"": stack.append("\"")
            case "(", "[": stack.append("(")
            case ")", "]":
                stack.removeLast()
                if stack.isEmpty { i += 1; args.append(String(current)); return args }
            case "," where stack.count == 1:
                args.append(String(current)); current = String.UnicodeScalarView(); i += 1; continue
            default: break
            }
            current.append(ch); i += 1
        }
        args.append(String(current))
        return args
    }
}
