// swift-tools-version: 6.1
import PackageDescription

/// Release builds skip the run-time exclusivity checks on the hot paths
/// (measured: they cost ~5% of `tieout totals`); debug builds and tests keep them.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Tieout",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tieout", targets: ["tieout"]),
        .library(name: "TieoutCore", targets: ["TieoutCore"]),
        .library(name: "TieoutCSV", targets: ["TieoutCSV"]),
        .library(name: "TieoutXLSX", targets: ["TieoutXLSX"]),
        .library(name: "TieoutOffice", targets: ["TieoutOffice"]),
        .library(name: "TieoutIngest", targets: ["TieoutIngest"]),
        .library(name: "TieoutPostgres", targets: ["TieoutPostgres"]),
        .library(name: "TieoutStore", targets: ["TieoutStore"]),
        .library(name: "TieoutReconcile", targets: ["TieoutReconcile"]),
        .library(name: "TieoutScore", targets: ["TieoutScore"]),
        .library(name: "TieoutReport", targets: ["TieoutReport"]),
        .library(name: "TieoutFleet", targets: ["TieoutFleet"]),
        .executable(name: "fuzz-csv", targets: ["FuzzCSV"]),
        .executable(name: "fuzz-xlsx", targets: ["FuzzXLSX"]),
        .executable(name: "fuzz-xls", targets: ["FuzzXLS"]),
        .executable(name: "fuzz-sheet-xml", targets: ["FuzzSheetXML"]),
        .executable(name: "fuzz-yaml", targets: ["FuzzYAML"]),
        .executable(name: "tieout-bench", targets: ["TieoutBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        // Amount, Period, SourceLocation, tables and errors: no I/O, no dependencies.
        .target(name: "TieoutCore", swiftSettings: fast),
        // Streaming RFC 4180 reader: dialects, encodings, header detection.
        .target(name: "TieoutCSV", dependencies: ["TieoutCore"], swiftSettings: fast),
        // libxml2 (SAX2 push parser) and zlib (inflate, crc32) from the system.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CTieoutZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // FreeXL from the system: BIFF .xls workbooks (Excel 97–2003), texts from any code page.
        .systemLibrary(name: "CFreeXL", pkgConfig: "freexl", providers: [.apt(["libfreexl-dev"])]),
        // libxlsxwriter from the system: .xlsx workbooks out (constant-memory mode for long tables).
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // libzip from the system: writes the annotated copy of a .docx report.
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        // Streaming XLSX reader: zip + libxml2, shared strings, styles, sheets; .xls through FreeXL.
        .target(name: "TieoutXLSX", dependencies: ["TieoutCore", "CLibXML2", "CTieoutZlib", "CFreeXL"], swiftSettings: fast),
        // Reports as written: .docx (the zip reader and libxml2 of TieoutXLSX), .md and .txt, read
        // into headings, paragraphs and tables; sections from heading styles or numbering. The
        // annotated copy: the document's XML edited with libxml2's tree API, zipped with libzip.
        // Workbooks out through libxlsxwriter (WorkbookWriter, SheetTable).
        .target(name: "TieoutOffice", dependencies: ["TieoutCore", "TieoutXLSX", "CLibXML2", "CLibZip", "CXLSXWriter"], swiftSettings: fast),
        // libpq from the system: PostgreSQL's client library.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // A PostgreSQL connection: URLs that never show their password, statements with text
        // parameters ($1…), rows of texts, transactions, COPY FROM STDIN.
        .target(name: "TieoutPostgres", dependencies: ["TieoutCore", "CLibPQ"], swiftSettings: fast),
        // Workspaces, profiles (YAML), record kinds, applying a profile to a table;
        // files' SHA-256 with swift-crypto (BoringSSL underneath on Linux).
        .target(
            name: "TieoutIngest",
            dependencies: ["TieoutCore", "TieoutCSV", "TieoutXLSX", .product(name: "Yams", package: "Yams"),
                           .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Profiles"), .copy("KindDefinitions")],
            swiftSettings: fast
        ),
        // The normalized dataset in SQLite (GRDB): schema, migrations, runs, lineage, export;
        // published to PostgreSQL (a schema per unit, COPY), where figures run too (DatasetEngine).
        .target(
            name: "TieoutStore",
            dependencies: ["TieoutCore", "TieoutIngest", "TieoutPostgres", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")],
            swiftSettings: fast
        ),
        // Claims, rules and findings: every stated figure recomputed, with lineage and tolerance classes.
        .target(name: "TieoutReconcile", dependencies: ["TieoutCore", "TieoutIngest", "TieoutStore", "TieoutOffice"], resources: [.copy("FigureDefinitions"), .copy("RuleDefinitions"), .copy("ClaimPhrases")]),
        // The rubric as data, indicators, assessments, the scorer.
        .target(name: "TieoutScore", dependencies: ["TieoutCore", "TieoutIngest", "TieoutReconcile"], resources: [.copy("Rubrics")]),
        // Reports: Markdown, self-contained HTML with inline SVG charts, JSON, CSV.
        .target(name: "TieoutReport", dependencies: ["TieoutCore", "TieoutOffice", "TieoutStore", "TieoutReconcile", "TieoutScore"]),
        // Many units: finding the workspaces under a folder, running each in a process of its own,
        // the batch and its summary (`run --all`; the work queue builds on it).
        .target(name: "TieoutFleet", dependencies: ["TieoutCore", "TieoutIngest", "TieoutStore", "TieoutReport", "TieoutPostgres"]),
        // The command-line tool: the only code that prints or exits.
        .executableTarget(
            name: "tieout",
            dependencies: [
                "TieoutCore", "TieoutCSV", "TieoutXLSX", "TieoutOffice", "TieoutIngest", "TieoutStore", "TieoutReconcile", "TieoutScore", "TieoutReport", "TieoutFleet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: fast
        ),
        // libFuzzer driver: SwiftPM renames `main`, so the fuzz executables call
        // LLVMFuzzerRunDriver themselves (DEVELOPERS.md).
        .target(name: "CFuzzDriver"),
        .executableTarget(name: "FuzzCSV", dependencies: ["TieoutCSV", "CFuzzDriver"]),
        .executableTarget(name: "FuzzXLSX", dependencies: ["TieoutXLSX", "CFuzzDriver"]),
        .executableTarget(name: "FuzzXLS", dependencies: ["TieoutXLSX", "CFuzzDriver"]),
        .executableTarget(name: "FuzzSheetXML", dependencies: ["TieoutXLSX", "CFuzzDriver"]),
        .executableTarget(name: "FuzzYAML", dependencies: ["TieoutIngest", "TieoutReconcile", "TieoutScore", "CFuzzDriver"]),
        // Micro-benchmarks, run by scripts/bench-*; never part of the test suite.
        .executableTarget(
            name: "TieoutBench",
            dependencies: ["TieoutCore", "TieoutCSV", "TieoutIngest", "TieoutStore", "TieoutOffice", "TieoutReconcile", .product(name: "GRDBSQLite", package: "GRDB.swift")],
            path: "Benchmarks/tieout-bench"
        ),
        // Shared by the test suites: the repository's root, fresh copies of its workspaces.
        // Its throwaway PostgreSQL server (TIEOUT_TEST_PG_URL, or a cluster of its own).
        .target(name: "TieoutTestSupport", dependencies: ["TieoutPostgres", "TieoutXLSX"], path: "Tests/TieoutTestSupport"),
        .testTarget(name: "TieoutCoreTests", dependencies: ["TieoutCore"]),
        .testTarget(name: "TieoutPostgresTests", dependencies: ["TieoutPostgres", "TieoutCore", "TieoutTestSupport"]),
        .testTarget(name: "TieoutOfficeTests", dependencies: ["TieoutOffice", "TieoutXLSX", "TieoutTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "TieoutCSVTests", dependencies: ["TieoutCSV", "TieoutTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TieoutXLSXTests", dependencies: ["TieoutXLSX", "TieoutTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TieoutIngestTests", dependencies: ["TieoutIngest", "TieoutTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "TieoutStoreTests", dependencies: ["TieoutStore", "TieoutIngest", "TieoutCSV", "TieoutTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["Fixtures"]),   // the schema dumps, read from the source tree
        .testTarget(name: "TieoutReconcileTests", dependencies: ["TieoutReconcile", "TieoutReport", "TieoutScore", "TieoutStore", "TieoutIngest", "TieoutPostgres", "TieoutTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["Fixtures"]),   // what the sample gave before, read from the source tree
        .testTarget(name: "TieoutScoreTests", dependencies: ["TieoutScore", "TieoutReconcile", "TieoutStore", "TieoutIngest", "TieoutTestSupport"]),
        .testTarget(name: "tieoutTests", dependencies: ["tieout", "TieoutCore", "TieoutCSV", "TieoutXLSX", "TieoutPostgres", "TieoutTestSupport"],
                    exclude: ["Fixtures"]),   // .xls files LibreOffice wrote (scripts/make-xls-fixtures), read from the source tree
    ],
    swiftLanguageModes: [.v6]
)
