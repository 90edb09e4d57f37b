import Testing

/// One reproducer per error message: its exact text and exit code (hledger style).
@Suite("Error messages")
struct ErrorMessageTests {
    @Test("a missing file")
    func missingFile() throws {
        let r = try CLI.run(["cat", "no-such-file.csv"])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == """
        Error: cannot open no-such-file.csv: No such file or directory
        Help: Check the path and that you may read the file.

        """)
    }

    @Test("a folder instead of a file")
    func folder() throws {
        let r = try CLI.run(["sheets", "--lang", "en", "."])
        #expect(r.status == 2)
        #expect(r.stderr == "Error: . is a folder, not a file\nHelp: Name a CSV or XLSX file.\n")
    }

    @Test("an unterminated quote")
    func unterminated() throws {
        let r = try CLI.run(["cat", "unterminated.csv"])
        #expect(r.status == 2)
        #expect(r.stdout == "name,amount\r\nok,1.00\r\n")
        #expect(r.stderr == """
        Error: the quoted field that opens here is never closed before the end of the file at unterminated.csv:3:1 (record 3, column A, byte 20)
        Help: Add the closing quote (") to this field in the export; a quote inside a quoted field is written twice ("").

        """)
    }

    @Test("text after a closing quote")
    func textAfterQuote() throws {
        let r = try CLI.run(["cat", "text-after-quote.csv"])
        #expect(r.status == 2)
        #expect(r.stderr == """
        Error: text "def" follows the closing quote of a quoted field, so the field's value is ambiguous at text-after-quote.csv:2:1 (record 2, column A, byte 12)
        Help: Quote the whole field and write each quote inside it twice (""), or remove the quotes.

        """)
    }

    @Test("bytes not valid in the encoding")
    func invalidBytes() throws {
        let r = try CLI.run(["cat", "invalid-gb18030.csv"])
        #expect(r.status == 2)
        #expect(r.stdout == "名称,金额\r\n办公费,1.00\r\n")
        #expect(r.stderr == """
        Error: bytes 0x81 0x20 0x2C 0x32 at byte offset 22 are not valid gb18030 at invalid-gb18030.csv:3:1 (column A, byte 22)
        Help: Check that the file really is GB18030/GBK (pass --encoding utf-8 if it is UTF-8), or re-export it; Tieout never replaces or drops bytes.

        """)
    }

    @Test("invalid UTF-8 suggests GB18030")
    func invalidUTF8() throws {
        let r = try CLI.run(["sheets", "--lang", "en", "invalid-utf8.csv", "--encoding", "utf-8"])
        #expect(r.status == 2)
        #expect(r.stderr == """
        Error: bytes 0xFF 0x2C 0x32 0x2E at byte offset 90015 are not valid utf-8 at invalid-utf8.csv:6002:4 (column D, byte 90015)
        Help: If the file was exported by a Chinese Windows system it is probably GB18030/GBK: pass --encoding gb18030. Otherwise re-export it as UTF-8; Tieout never replaces or drops bytes.

        """)
    }

    @Test("UTF-16 without a byte-order mark")
    func utf16NoBOM() throws {
        let r = try CLI.run(["cat", "utf16le-nobom.txt"])
        #expect(r.status == 2)
        #expect(r.stderr == """
        Error: utf16le-nobom.txt has NUL bytes: it looks like UTF-16 without a byte-order mark, or is not text at utf16le-nobom.txt:1 (byte 0)
        Help: Pass --encoding utf-16le (Windows' "Unicode text") or --encoding utf-16be.

        """)
    }

    @Test("a BOM that contradicts --encoding")
    func bomConflict() throws {
        let r = try CLI.run(["cat", "utf8-bom-crlf.csv", "--encoding", "gbk"])
        #expect(r.status == 2)
        #expect(r.stderr == """
        Error: utf8-bom-crlf.csv starts with a UTF-8 byte-order mark, but the encoding was given as gb18030 at utf8-bom-crlf.csv:1 (byte 0)
        Help: Leave out --encoding (the mark decides), or pass --encoding utf-8.

        """)
    }

    @Test("an unknown column")
    func unknownColumn() throws {
        let r = try CLI.run(["totals", "--lang", "en", "totals.csv", "--sum", "金 额"])
        #expect(r.status == 2)
        #expect(r.stderr == """
        Error: totals.csv has no column '金 额' at totals.csv (record 1)
        Help: Name a column by its header ('凭证号', '支付日期', '支出类型', '金额'), its letter (H) or its position (#8).

        """)
    }

    @Test("a header row that is blank")
    func headerRow() throws {
        let r = try CLI.run(["sheets", "--lang", "en", "gb18030.csv", "--header-row", "3"])
        #expect(r.status == 2)
        #expect(r.stderr == """
        Error: record 3 is blank or beyond the end of gb18030.csv at gb18030.csv (record 3)
        Help: Name a record that holds the column names, or 0 for a file without a header.

        """)
    }

    @Test("usage errors: unknown encoding, delimiter, missing option", arguments: [
        (["cat", "utf8.csv", "--encoding", "latin9"], "Error: The value 'latin9' is invalid for '--encoding <encoding>'. Please provide one of the following:"),
        (["cat", "utf8.csv", "--delimiter", ":"], "Error: The value ':' is invalid for '--delimiter <delimiter>'. Please provide one of ',', ';', '|' or 'tab'."),
        (["totals", "utf8.csv"], "Error: Missing expected argument '--sum <sum>'"),
        (["cat", "utf8.csv", "--eol", "cr"], "Error: The value 'cr' is invalid for '--eol <eol>'. Please provide one of 'crlf' and 'lf'."),
        (["frobnicate"], "Error: Unexpected argument 'frobnicate'"),
    ])
    func usage(_ arguments: [String], _ firstLine: String) throws {
        let r = try CLI.run(arguments)
        // Typed options (ExpressibleByArgument) list what they take.
        if arguments.contains("--encoding") {
            #expect(r.stderr.contains("\n  - utf-8\n  - gb18030\n  - gbk\n  - utf-16\n  - utf-16le\n  - utf-16be\n"))
        }
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").first.map(String.init) == firstLine)
        #expect(r.stderr.contains("Usage: tieout"))
        #expect(r.stdout == "")
    }

    @Test("a stray quote is a warning, not an error")
    func strayQuote() throws {
        let r = try CLI.run(["cat", "stray-quote.csv", "--eol", "lf"])
        #expect(r.status == 0)
        #expect(r.stdout == "name,amount\n\"5\"\" floppy\",1.00\nok,2.00\n")
        #expect(r.stderr == """
        Warning: a quote inside the unquoted field "5" floppy" was kept as a literal character at stray-quote.csv:2:1 (record 2, column A, byte 12)
        Help: Nothing to do if the quote belongs to the text; if the field was meant to be quoted, quote all of it in the export.

        """)
    }
}
