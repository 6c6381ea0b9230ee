import Foundation
import GRDB
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore
import Testing

/// An import writes the new rows of a kind while it decodes the rest (`Store.update` and
/// `RowSink`, issue 16): the workspace must end as if every row had been written at the end.
@Suite("An import written while it is decoded")
struct StreamedImportTests {
    /// Files of 20 objectives, 20 evidence items and 3,000 controls (enough to rebuild the link
    /// tables' indexes); with `newEvidence`, every 700th control names an evidence item by a
    /// title no evidence row has.
    static func files(newEvidence: Bool, duplicate: Bool = false) -> [InputFile] {
        var objectives = "objective_id,title,domain,area\n"
        var evidence = "evidence_id,title,kind\n"
        for number in 1...20 {
            objectives += "OBJ-\(number),Objective \(number),itgc,logical-access\n"
            evidence += "EV-\(number),Item \(number),document\n"
        }
        var controls = "control_id,title,frequency,nature,soc1_objectives,soc2_criteria,evidence\n"
        for number in 1...3_000 {
            let named = newEvidence && number.isMultiple(of: 700) ? "; Sign-off \(number)" : ""
            controls +=
                "C-\(number),Control \(number),monthly,manual,OBJ-\(number % 20 + 1),CC6.1; CC7.2,EV-\(number % 20 + 1)\(named)\n"
        }
        if duplicate { controls += "C-1,Control 1 again,monthly,manual,OBJ-1,CC6.1,EV-1\n" }
        return [("objectives.csv", objectives), ("evidence.csv", evidence), ("controls.csv", controls)].map {
            InputFile(name: $0.0, bytes: Array($0.1.utf8))
        }
    }

    /// Every row of every table in rowid order, and the schema in sqlite_master's order.
    static func dump(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            let schema = try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master").map { "\($0)" }
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            return try schema
                + tables.flatMap { table in
                    try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { "\(table) \($0)" }
                }
        }
    }

    static func workspace(_ directory: URL, _ name: String, catalog: Catalog) throws -> (Store, String) {
        let path = directory.appendingPathComponent(name).path
        let store = try Store.create(
            at: path, info: StoreFixture.info(nil), criteria: catalog.criteria, seed: InventoryChanges(), force: false)
        return (store, path)
    }

    @Test("leaves the workspace as one written at the end", arguments: [false, true])
    func sameWorkspace(newEvidence: Bool) throws {
        try StoreFixture.withTemporaryDirectory { directory in
            // Given two new workspaces and the same files
            let catalog = try StoreFixture.catalog()
            let (streamed, streamedPath) = try Self.workspace(directory, "streamed.sqlite", catalog: catalog)
            let (whole, wholePath) = try Self.workspace(directory, "whole.sqlite", catalog: catalog)
            let files = Self.files(newEvidence: newEvidence)

            // When one imports them through `update`, which writes rows while the rest are
            // decoded, and the other writes the prepared changes at once
            let outcome = try streamed.update { before, sink in
                let outcome = InventoryImporter.prepare(
                    files: files, options: .init(), workspace: before, catalog: catalog, sink: sink)
                return (outcome.diagnostics.hasErrors ? nil : outcome.changes, outcome)
            }
            let prepared = InventoryImporter.prepare(
                files: files, options: .init(), workspace: try whole.snapshot(), catalog: catalog)
            try whole.apply(prepared.changes)

            // Then both say the same and hold the same rows, in the same order, and the same schema
            #expect(!outcome.diagnostics.hasErrors)
            #expect(outcome.diagnostics.map(\.rendered) == prepared.diagnostics.map(\.rendered))
            #expect(outcome.counts == prepared.counts)
            #expect(outcome.evidence.added == (newEvidence ? 24 : 20))
            #expect(try Self.dump(streamedPath) == Self.dump(wholePath))
        }
    }

    @Test("writes nothing when the files have an error, though rows were written on the way")
    func errorWritesNothing() throws {
        try StoreFixture.withTemporaryDirectory { directory in
            // Given a new workspace, and files whose controls end with a duplicate id
            let catalog = try StoreFixture.catalog()
            let (store, _) = try Self.workspace(directory, "w.sqlite", catalog: catalog)
            let files = Self.files(newEvidence: false, duplicate: true)

            // When they are imported
            let outcome = try store.update { before, sink in
                let outcome = InventoryImporter.prepare(
                    files: files, options: .init(), workspace: before, catalog: catalog, sink: sink)
                return (outcome.diagnostics.hasErrors ? nil : outcome.changes, outcome)
            }

            // Then the error is reported and the workspace holds none of the rows
            #expect(outcome.diagnostics.map(\.code).contains("duplicate-id"))
            let after = try store.snapshot()
            #expect(after.controls.isEmpty && after.objectives.isEmpty && after.evidence.isEmpty)
        }
    }
}

/// A large first file written as it is read (`InventoryImporter.prepareStreaming`): the same
/// workspace and the same words as the import prepared whole, or no attempt at all when the file
/// has something to report.
@Suite("An import written as its file is read")
struct StreamedFileTests {
    /// A controls file of `count` rows, with a line break of `newline`, a byte order mark, a
    /// blank row every `blankEvery` rows, `edit` applied to the rows (cells joined by `separator`).
    static func controls(
        _ count: Int, newline: String = "\n", bom: Bool = false, blankEvery: Int? = nil, separator: String = ",",
        header: String = "control_id,title,frequency,nature,soc1_objectives,soc2_criteria,evidence",
        edit: (inout [String]) -> Void = { _ in }
    ) -> InputFile {
        var rows = (1...count).map { number in
            "C-\(number),Control \(number),monthly,manual,OBJ-\(number % 20 + 1),CC6.1; CC7.2,EV-\(number % 20 + 1)"
        }
        edit(&rows)
        if let blankEvery {
            for index in stride(from: rows.count - 1, to: 0, by: -blankEvery) { rows.insert(",,,,,,", at: index) }
        }
        let text =
            ([header] + rows).map { $0.replacingOccurrences(of: ",", with: separator) }
            .joined(separator: newline) + newline
        return InputFile(name: "controls.csv", bytes: (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8))
    }

    /// The objectives and evidence files of `StreamedImportTests`, and `controls`.
    static func files(_ controls: InputFile) -> [InputFile] {
        Array(StreamedImportTests.files(newEvidence: false).prefix(2)) + [controls]
    }

    /// `prepareStreaming` with the last of `files` streamed, read 4 KiB at a time.
    static func prepareStreaming(
        _ files: [InputFile], options: InventoryImporter.Options = options, workspace: Workspace, catalog: Catalog,
        sink: any RowSink
    ) -> ImportOutcome? {
        let streamed = files[files.count - 1]
        return InventoryImporter.prepareStreaming(
            files: Array(files.dropLast()),
            streamed: StreamedInput(
                name: streamed.name, position: files.count - 1,
                source: CSVRecordStream.parts(of: streamed.bytes, size: 4_096)),
            options: options, workspace: workspace, catalog: catalog, sink: sink)
    }

    /// The options of `import` with the summary alone.
    static var options: InventoryImporter.Options {
        var options = InventoryImporter.Options()
        options.sourcesOfNewRows = false
        return options
    }

    /// Imports `files` as `socplan import` does: streamed if it can be, else whole.
    static func importStreamed(_ files: [InputFile], into store: Store, catalog: Catalog) throws -> ImportOutcome? {
        try store.update { before, sink in
            guard let outcome = prepareStreaming(files, workspace: before, catalog: catalog, sink: sink) else {
                return (nil, nil)
            }
            return (outcome.diagnostics.hasErrors ? nil : outcome.changes, outcome)
        }
    }

    static let streaming: [(String, InputFile)] = [
        ("3,000 rows", controls(3_000)),
        // More than the first part: the count the store is told is a lower bound.
        ("7,000 rows, blank rows, CRLF and a BOM", controls(7_000, newline: "\r\n", bom: true, blankEvery: 997)),
        ("tabs", controls(2_500, separator: "\t")),
        (
            "a header in other words",
            controls(2_500, header: "Control #,Control Title,Frequency,Nature,SOC 1 Objectives,TSC,Evidence")
        ),
    ]

    @Test(
        "a large first file streams, and the workspace and summary are those of the whole import",
        arguments: streaming.indices)
    func sameWorkspace(_ index: Int) throws {
        try StoreFixture.withTemporaryDirectory { directory in
            // Given two new workspaces and the same files
            let catalog = try StoreFixture.catalog()
            let (streamed, streamedPath) = try StreamedImportTests.workspace(directory, "s.sqlite", catalog: catalog)
            let (whole, wholePath) = try StreamedImportTests.workspace(directory, "w.sqlite", catalog: catalog)
            let files = Self.files(Self.streaming[index].1)

            // When one imports them streamed and the other prepares them whole
            let outcome = try #require(try Self.importStreamed(files, into: streamed, catalog: catalog))
            let prepared = InventoryImporter.prepare(
                files: files, options: Self.options, workspace: try whole.snapshot(), catalog: catalog)
            try whole.apply(prepared.changes)

            // Then the file's rows were let go, not kept, and both say and hold the same
            #expect(outcome.changes.controls.isEmpty)
            #expect(outcome.controls.added == prepared.changes.controls.count && outcome.controls.added >= 2_500)
            #expect(outcome.counts == prepared.counts)
            #expect(outcome.diagnostics.map(\.rendered) == prepared.diagnostics.map(\.rendered))
            #expect(outcome.kinds.map(\.kind) == prepared.kinds.map(\.kind))
            #expect(try StreamedImportTests.dump(streamedPath) == StreamedImportTests.dump(wholePath))
        }
    }

    static let reported: [(String, InputFile, String)] = [
        ("duplicate id at the end", controls(3_000) { $0.append($0[0]) }, "duplicate-id"),
        (
            "unknown criterion in the last row",
            controls(3_000) { $0[2_999] = $0[2_999].replacingOccurrences(of: "CC7.2", with: "CC99.1") },
            "unknown-criterion"
        ),
        ("new evidence item", controls(3_000) { $0[2_000] += "; Sign-off sheet" }, "new-evidence"),
        ("unsized control", controls(3_000) { $0[1_500] = "C-1501,Control,,,OBJ-1,CC6.1,EV-1" }, "not-sized"),
        (
            "stray quote",
            controls(3_000) { $0[2_500] = $0[2_500].replacingOccurrences(of: "Control", with: "Con\"trol") },
            "csv-strayQuote"
        ),
        ("ragged row", controls(3_000) { $0[2_800] += ",extra" }, "ragged-row"),
        ("empty id", controls(3_000) { $0[10] = ",Control,monthly,manual,OBJ-1,CC6.1,EV-1" }, "empty-cell"),
        (
            "unknown column",
            controls(3_000, header: "control_id,title,frequency,nature,soc1_objectives,soc2_criteria,Notes"),
            "unknown-column"
        ),
        (
            "title row above the header",
            controls(
                3_000,
                header: "Matrix FY2026,,,,,,\ncontrol_id,title,frequency,nature,soc1_objectives,soc2_criteria,evidence"),
            "rows-above-header"
        ),
    ]

    @Test(
        "a file with something to report does not stream: nothing is kept, and the whole import says it",
        arguments: reported.indices)
    func reportedPreparesWhole(_ index: Int) throws {
        try StoreFixture.withTemporaryDirectory { directory in
            // Given a new workspace and a controls file with something to report
            let catalog = try StoreFixture.catalog()
            let (store, _) = try StreamedImportTests.workspace(directory, "w.sqlite", catalog: catalog)
            let (name, controls, code) = Self.reported[index]
            let files = Self.files(controls)

            // When it is imported streamed
            let outcome = try Self.importStreamed(files, into: store, catalog: catalog)

            // Then the attempt gives up, the rows it wrote are gone, and the whole import reports it
            #expect(outcome == nil, "\(name)")
            let after = try store.snapshot()
            #expect(after.controls.isEmpty && after.objectives.isEmpty, "\(name)")
            let prepared = InventoryImporter.prepare(
                files: files, options: Self.options, workspace: after, catalog: catalog)
            #expect(prepared.diagnostics.contains { $0.code == code }, "\(name): \(prepared.diagnostics.map(\.code))")
        }
    }

    @Test("what cannot stream is not tried: a second import, a scope flag column, a diff, a workbook")
    func notTried() throws {
        try StoreFixture.withTemporaryDirectory { directory in
            let catalog = try StoreFixture.catalog()
            let (store, _) = try StreamedImportTests.workspace(directory, "w.sqlite", catalog: catalog)
            let plain = Self.files(Self.controls(3_000))
            func attempt(_ files: [InputFile], _ options: InventoryImporter.Options, _ workspace: Workspace) -> Bool {
                Self.prepareStreaming(files, options: options, workspace: workspace, catalog: catalog, sink: NoSink())
                    != nil
            }
            let empty = try store.snapshot()
            #expect(attempt(plain, Self.options, empty))
            // The workspace has controls already: rows may change, not only be added
            let filled = empty.applying(
                InventoryImporter.prepare(files: plain, options: Self.options, workspace: empty, catalog: catalog)
                    .changes)
            #expect(!attempt(plain, Self.options, filled))
            // "In scope": whether it is a flag column depends on every value in it
            let scoped = Self.files(
                Self.controls(3_000, header: "control_id,title,frequency,nature,soc1_objectives,soc2_criteria,In scope")
                { rows in rows = rows.map { $0.split(separator: ",").dropLast().joined(separator: ",") + ",Y" } })
            #expect(!attempt(scoped, Self.options, empty))
            // A diff lists every added row
            var listing = Self.options
            listing.sourcesOfNewRows = true
            #expect(!attempt(plain, listing, empty))
            // A workbook
            let workbook = InputFile(name: "controls.xlsx", bytes: [0x50, 0x4B, 0x03, 0x04] + plain[2].bytes)
            #expect(!attempt(Array(plain.prefix(2)) + [workbook], Self.options, empty))
        }
    }
}

extension StreamedFileTests {
    @Test("`import` looks before it tries: the kind a file would stream as, and whether the workspace holds any")
    func lookedAtFirst() throws {
        try StoreFixture.withTemporaryDirectory { directory in
            // Given a new workspace, a plain controls file and one with an "In scope" column
            let catalog = try StoreFixture.catalog()
            let (store, _) = try StreamedImportTests.workspace(directory, "w.sqlite", catalog: catalog)
            func kind(_ file: InputFile) -> String? {
                InventoryImporter.streamedKind(
                    of: StreamedInput(
                        name: file.name, position: 0, source: CSVRecordStream.parts(of: file.bytes, size: 4_096)),
                    options: Self.options)
            }
            let plain = Self.controls(3_000)
            let scoped = Self.controls(
                3_000, header: "control_id,title,frequency,nature,soc1_objectives,soc2_criteria,In scope")

            // Then the plain file would stream as controls, the other not at all
            #expect(kind(plain) == "controls")
            #expect(kind(scoped) == nil)
            // And the workspace holds no controls until they are imported (and no rows of an unknown kind)
            #expect(try !store.holdsRows(of: "controls"))
            let imported = Self.files(plain)
            try store.apply(
                InventoryImporter.prepare(
                    files: imported, options: Self.options, workspace: try store.snapshot(), catalog: catalog
                ).changes)
            #expect(try store.holdsRows(of: "controls"))
            #expect(try !store.holdsRows(of: "cuecs"))
            #expect(try !store.holdsRows(of: "nonsense"))
        }
    }
}

/// A sink that drops what it is given.
private struct NoSink: RowSink {
    func begin<T: AnyTableSpec>(_ table: T, count: Int, after earlier: InventoryChanges) {}
    func write<T: AnyTableSpec>(_ table: T, _ rows: [T.Row]) {}
}
