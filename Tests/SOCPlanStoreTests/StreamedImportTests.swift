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
