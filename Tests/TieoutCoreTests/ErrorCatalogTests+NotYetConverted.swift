/// The errors still built from English text only (see ErrorCatalogTests.notYetConverted):
/// an entry goes when its errors move to the catalog. Not yet converted: 148 constructions (241, and two store.postgres* errors merged beside the catalog work, plus a sixth store.damaged; less the 95 of the ingest target's settings, converted since).
enum NotYetConverted {
    static let counts: [String: Int] = [
        "TieoutCore/Resources/InstalledResources.swift: code": 2,
        "TieoutOffice/Docx/DocxReader.swift: code": 1,
        "TieoutStore/PostgresDataset+Workspace.swift: error.code": 1,
        "TieoutXLSX/BIFF/XLSWorkbook.swift: code": 1,
        "TieoutXLSX/Workbook/XLSXWorkbook.swift: code": 1,
        "TieoutXLSX/Zip/ZipArchive.swift: code": 1,
        "document.encoding": 2,
        "document.extension": 1,
        "document.legacy": 1,
        "document.limit": 3,
        "document.not-docx": 2,
        "document.xml": 1,
        "document.zip": 1,
        "store.damaged": 6,   // 6th: DatasetStore+CellValues (an unreadable stored amount), merged beside the catalog work
        "store.full": 1,
        "store.io": 1,
        "store.locked": 1,
        "store.newer": 1,
        "store.open": 1,
        "store.postgres-connect": 2,
        "store.postgres-connection": 1,
        "store.postgres": 1,   // PostgresDataset+Reads (the commands reading PostgreSQL), merged beside the catalog work
        "store.postgres-stale": 1,   // PostgresDataset+Freshness, likewise
        "store.postgres-statement": 6,
        "store.postgres-url": 2,
        "store.read-only": 1,
        "store.sql": 2,
        "xlsx.cell-type": 1,
        "xlsx.dtd": 1,
        "xlsx.duplicate-cell": 1,
        "xlsx.formula-no-value": 1,
        "xlsx.header-found": 1,
        "xlsx.limit": 4,
        "xlsx.no-worksheet": 1,
        "xlsx.read-ahead-stopped": 1,
        "xlsx.retry": 1,
        "xlsx.row-number": 1,
        "xlsx.row-order": 2,
        "xlsx.shared-string": 1,
        "xlsx.write": 2,
        "xlsx.xml": 3,
        "yaml.key": 1,
    ]
}
