import Foundation
import GRDB
import PropertyBased
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore
import Testing

/// Workspaces as `socplan init` makes them, and the export/import cycle the CLI runs.
enum StoreFixture {
    static let profiles = ["payroll", "claims", "fund-admin", "custody", "loan-servicing", "revenue-saas"]

    static func catalog() throws -> Catalog { try CatalogLoader.builtIn() }

    static func info(_ profile: String?) -> WorkspaceInfo {
        WorkspaceInfo(organization: "Acme", profile: profile)
    }

    /// The seed of `socplan init --profile PROFILE` (with starter controls unless told otherwise).
    static func seed(_ catalog: Catalog, profile: String?, controls: Bool = true) -> InventoryChanges {
        catalog.seed(profile: profile, includeControls: controls)
    }

    /// An in-memory workspace holding `seed`.
    static func store(_ catalog: Catalog, profile: String?, seed: InventoryChanges) throws -> Store {
        let store = try Store.inMemory()
        try store.initialise(info: info(profile), criteria: catalog.criteria, seed: seed)
        return store
    }

    /// How `export` can write the files.
    enum Encoding: String, CaseIterable, Sendable {
        case crlf, lf, bom

        func write(_ rows: [[String]]) -> String {
            switch self {
            case .crlf: Render.csv(rows)
            case .lf: Render.csv(rows, lineEnding: .lf)
            case .bom: Render.csv(rows, byteOrderMark: true)
            }
        }
    }

    /// `socplan export`: every table of the workspace as CSV text, by file name.
    static func export(_ workspace: Workspace, as encoding: Encoding = .crlf) -> [(name: String, text: String)] {
        InventoryExport.tables(workspace).map { ($0.file, encoding.write($0.rows)) }
    }

    /// `socplan import` of exported files into `store`; fails the test on any error.
    static func importing(
        _ files: [(name: String, text: String)], into store: Store, catalog: Catalog,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ImportOutcome {
        let outcome = InventoryImporter.prepare(
            files: files.map { InputFile(name: $0.name, bytes: Array($0.text.utf8)) }, options: .init(),
            workspace: try store.snapshot(), catalog: catalog)
        // (a control exported without a frequency or nature is imported with the warning that says so)
        #expect(
            outcome.diagnostics.filter { $0.code != "not-sized" }.map(\.rendered) == [], sourceLocation: sourceLocation)
        if !outcome.diagnostics.hasErrors { try store.apply(outcome.changes) }
        return outcome
    }

    /// Whether two exports are the same, byte for byte (`String ==` would equate canonically equivalent text).
    static func bytes(_ files: [(name: String, text: String)]) -> [[UInt8]] {
        files.map { Array($0.name.utf8) + [0] + Array($0.text.utf8) }
    }

    /// A fresh directory under the temporary directory, removed after `body`.
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("socplan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    static func contents(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }
}

/// Reading and writing the workspace, its file, and export → import round trips.
@Suite struct StoreTests {}

// MARK: - Initialise and apply

extension StoreTests {
    @Suite("A new workspace")
    struct NewWorkspace {
        @Test func snapshotHoldsTheSeedSortedByID() throws {
            // Given the payroll seed with starter controls
            let catalog = try StoreFixture.catalog()
            let seed = StoreFixture.seed(catalog, profile: "payroll")
            try #require(!seed.controls.isEmpty)

            // When a workspace is initialised with it
            let store = try StoreFixture.store(catalog, profile: "payroll", seed: seed)
            let snapshot = try store.snapshot()

            // Then reading it back gives the organization and every seeded row, sorted by id
            #expect(snapshot.info == StoreFixture.info("payroll"))
            #expect(snapshot.objectives == seed.objectives.sorted { $0.id < $1.id })
            #expect(snapshot.evidence == seed.evidence.sorted { $0.id < $1.id })
            #expect(snapshot.controls == seed.controls.sorted { $0.id < $1.id })
        }

        @Test func criteriaComeBackInCatalogOrder() throws {
            // Given a workspace initialised with the catalog's criteria
            let catalog = try StoreFixture.catalog()
            let store = try StoreFixture.store(catalog, profile: nil, seed: InventoryChanges())

            // When the criteria are read
            let criteria = try store.criteria()

            // Then all 61 are there, in the catalog's order (CC1.1 … P8.1), not sorted by text
            #expect(criteria.count == 61)
            #expect(criteria == catalog.criteria)
            #expect(criteria.first?.id == "CC1.1")
            #expect(criteria.last?.id == "P8.1")
        }

        @Test func seedingWithoutControlsLeavesAnEmptyInventory() throws {
            // Given a workspace initialised with --no-starter-controls
            let catalog = try StoreFixture.catalog()
            let store = try StoreFixture.store(
                catalog, profile: "payroll", seed: StoreFixture.seed(catalog, profile: "payroll", controls: false))

            // Then it has the objectives and evidence but no controls
            let snapshot = try store.snapshot()
            #expect(snapshot.controls.isEmpty)
            #expect(!snapshot.objectives.isEmpty && !snapshot.evidence.isEmpty)
        }
    }

    @Suite("Writing changes")
    struct Apply {
        static func control(_ id: ControlID, criteria: [CriterionID], objectives: [ObjectiveID], evidence: [EvidenceID])
            -> Control
        {
            Control(
                id: id, title: "Access review", frequency: .quarterly, nature: .manual, objectives: objectives,
                criteria: criteria, evidence: evidence, testMethods: [.inspection, .inquiry], systems: ["Okta", "AWS"])
        }

        static func payrollStore() throws -> Store {
            let catalog = try StoreFixture.catalog()
            return try StoreFixture.store(
                catalog, profile: "payroll", seed: StoreFixture.seed(catalog, profile: "payroll", controls: false))
        }

        @Test func mappingsKeepTheOrderTheyWereGivenIn() throws {
            // Given a control whose criteria, objectives, evidence and methods are not in sorted order
            let store = try Self.payrollStore()
            let control = Self.control(
                "AC-1", criteria: ["CC6.3", "CC6.1", "A1.2"], objectives: ["ITGC-02", "ITGC-01"],
                evidence: ["EV-PRIV-USERS", "EV-ACCESS-REVIEWS"])

            // When it is written
            try store.apply(InventoryChanges(controls: [control]))

            // Then it reads back exactly as given
            #expect(try store.snapshot().controls == [control])
        }

        @Test func rewritingAControlReplacesItsMappings() throws {
            // Given a written control with three criteria and two objectives
            let store = try Self.payrollStore()
            let first = Self.control(
                "AC-1", criteria: ["CC6.3", "CC6.1", "A1.2"], objectives: ["ITGC-02", "ITGC-01"],
                evidence: ["EV-PRIV-USERS"])
            try store.apply(InventoryChanges(controls: [first]))

            // When it is written again with other mappings and another title
            var second = Self.control(
                "AC-1", criteria: ["CC8.1"], objectives: [], evidence: ["EV-ACCESS-REVIEWS", "EV-PRIV-USERS"])
            second.title = "Quarterly access review"
            second.type = .detective
            second.populationSize = 4
            try store.apply(InventoryChanges(controls: [second]))

            // Then it holds only the new values: lists are replaced, not merged
            #expect(try store.snapshot().controls == [second])
        }

        @Test func removedControlsGoWithTheirMappings() throws {
            // Given a control mapped to a new objective, written together
            let store = try Self.payrollStore()
            let objective = Objective(
                id: "BP-PAY-9", title: "Controls provide reasonable assurance that bonuses are approved.",
                domain: .business, area: "business-processing", assertions: [.occurrence, .accuracy])
            let control = Self.control(
                "PAY-9", criteria: ["PI1.2"], objectives: ["BP-PAY-9"], evidence: ["EV-PAY-MASTERFILE-CHANGES"])
            try store.apply(InventoryChanges(objectives: [objective], controls: [control]))
            #expect(try store.snapshot().objectives.contains(objective))

            // When the control is removed, and then the objective
            try store.apply(InventoryChanges(removedControls: ["PAY-9"]))
            try store.apply(InventoryChanges(removedObjectives: ["BP-PAY-9"]))

            // Then both are gone: the control's links went with it, so nothing held the objective back
            let snapshot = try store.snapshot()
            #expect(!snapshot.controls.contains { $0.id == "PAY-9" })
            #expect(!snapshot.objectives.contains { $0.id == "BP-PAY-9" })
        }

        @Test func removingAControlAndItsObjectiveInOneWriteWorks() throws {
            // Given a control mapped to ITGC-05, which nothing else uses
            let store = try Self.payrollStore()
            try store.apply(
                InventoryChanges(
                    controls: [Self.control("AC-1", criteria: ["CC6.1"], objectives: ["ITGC-05"], evidence: [])]))

            // When one write removes both, as `import --replace` does
            try store.apply(InventoryChanges(removedObjectives: ["ITGC-05"], removedControls: ["AC-1"]))

            // Then both are gone
            let snapshot = try store.snapshot()
            #expect(snapshot.controls.isEmpty)
            #expect(!snapshot.objectives.contains { $0.id == "ITGC-05" })
        }

        @Test func anObjectiveACUECStillUsesCannotBeRemoved() throws {
            // Given the payroll seed, whose CUEC-PAY-1 supports ITGC-01
            let store = try Self.payrollStore()
            try #require(try store.snapshot().cuecs.contains { $0.objectives.contains("ITGC-01") })

            // When a write removes ITGC-01
            let error = #expect(throws: StoreError.self) {
                try store.apply(InventoryChanges(removedObjectives: ["ITGC-01"]))
            }

            // Then the foreign key refuses it and nothing changes
            #expect(error?.message.contains("nothing was changed") == true)
            #expect(try store.snapshot().objectives.contains { $0.id == "ITGC-01" })
        }

        @Test func aWriteThatFailsChangesNothing() throws {
            // Given a workspace with one control
            let store = try Self.payrollStore()
            let existing = Self.control("AC-1", criteria: ["CC6.1"], objectives: ["ITGC-01"], evidence: [])
            try store.apply(InventoryChanges(controls: [existing]))
            let before = try store.snapshot()

            // When a write updates it, adds another, and also removes an objective a control still uses
            var updated = existing
            updated.title = "Changed"
            let added = Self.control("AC-2", criteria: ["CC6.2"], objectives: [], evidence: [])
            let changes = InventoryChanges(controls: [updated, added], removedObjectives: ["ITGC-01"])

            // Then the write fails as a whole, with an error for the user, and nothing of it is kept
            #expect(throws: StoreError.self) { try store.apply(changes) }
            #expect(try store.snapshot() == before)
        }

        @Test func aFailedImportLeavesTheWorkspaceAsItWas() throws {
            // Given a payroll workspace with its starter controls
            let catalog = try StoreFixture.catalog()
            let store = try StoreFixture.store(
                catalog, profile: "payroll", seed: StoreFixture.seed(catalog, profile: "payroll"))
            let before = try store.snapshot()
            let kept = try #require(before.controls.first)

            // When a file that changes one control correctly but has a bad row in another is prepared
            let text =
                "control_id,title,frequency,nature,soc2_criteria\n\(kept.id),Renamed,monthly,manual,CC6.1\nNEW-1,New,weekly,manual,CC6.9\n"
            let outcome = InventoryImporter.prepare(
                files: [InputFile(name: "controls.csv", bytes: Array(text.utf8))], options: .init(),
                workspace: before, catalog: catalog)

            // Then the outcome is refused for the bad row, and the workspace still holds what it held
            #expect(outcome.diagnostics.errors.map(\.code) == ["unknown-criterion"])
            #expect(outcome.diagnostics.errors.first?.line == 3)
            #expect(try store.snapshot() == before)
        }
    }
}

// MARK: - The workspace file

extension StoreTests {
    @Suite("The workspace file")
    struct WorkspaceFile {
        static func create(at url: URL, force: Bool = false) throws -> Store {
            let catalog = try StoreFixture.catalog()
            return try Store.create(
                at: url.path, info: StoreFixture.info("payroll"), criteria: catalog.criteria,
                seed: StoreFixture.seed(catalog, profile: "payroll"), force: force)
        }

        @Test func createRefusesAnExistingFileWithoutForce() throws {
            try StoreFixture.withTemporaryDirectory { directory in
                // Given a file already at the path
                let url = directory.appendingPathComponent("workspace.sqlite")
                let original = Array("my notes, not a workspace\n".utf8)
                try Data(original).write(to: url)

                // When a workspace is created there without --force
                let error = #expect(throws: StoreError.self) { try Self.create(at: url) }

                // Then it is refused with a hint about --force, and the file is untouched
                #expect(error?.kind == .exists)
                #expect(try StoreFixture.contents(url) == original)
            }
        }

        @Test func createWithForceReplacesTheFile() throws {
            try StoreFixture.withTemporaryDirectory { directory in
                // Given a file already at the path
                let url = directory.appendingPathComponent("workspace.sqlite")
                try Data("my notes, not a workspace\n".utf8).write(to: url)

                // When a workspace is created there with --force
                _ = try Self.create(at: url, force: true)

                // Then the path holds a workspace with the seed, and no temporary file is left beside it
                let catalog = try StoreFixture.catalog()
                let snapshot = try Store.open(at: url.path).snapshot()
                #expect(snapshot.info == StoreFixture.info("payroll"))
                #expect(
                    snapshot.controls.count == catalog.seed(profile: "payroll", includeControls: true).controls.count)
                let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                #expect(!names.contains { $0.contains(".new-") }, "\(names)")
            }
        }

        @Test func aCreatedWorkspaceKeepsItsContentsAcrossOpens() throws {
            try StoreFixture.withTemporaryDirectory { directory in
                // Given a workspace file with a control written to it
                let url = directory.appendingPathComponent("workspace.sqlite")
                let control = Control(
                    id: "X-1", title: "Extra", frequency: .weekly, nature: .manual, criteria: ["CC7.2"])
                do {
                    let store = try Self.create(at: url)
                    try store.apply(InventoryChanges(controls: [control]))
                }

                // When it is opened again
                let snapshot = try Store.open(at: url.path).snapshot()

                // Then the control is there
                #expect(snapshot.controls.contains(control))
            }
        }

        @Test func openingAMissingFileSaysHowToCreateOne() throws {
            try StoreFixture.withTemporaryDirectory { directory in
                // Given a path with no file
                let path = directory.appendingPathComponent("missing.sqlite").path

                // When it is opened
                let error = #expect(throws: StoreError.self) { try Store.open(at: path) }

                // Then the error names the path and the hint says to run `socplan init`, and no file appears
                #expect(error?.message.contains(path) == true)
                #expect(error?.kind == .missing)
                #expect(!FileManager.default.fileExists(atPath: path))
            }
        }

        @Test func openingATextFileIsRefusedAndLeavesIt() throws {
            try StoreFixture.withTemporaryDirectory { directory in
                // Given a CSV file passed by mistake as the workspace
                let url = directory.appendingPathComponent("controls.csv")
                let original = Array("control_id,title\r\nAC-1,Access review\r\n".utf8)
                try Data(original).write(to: url)

                // When it is opened
                let error = #expect(throws: StoreError.self) { try Store.open(at: url.path) }

                // Then it is refused, naming the file, and the file is unchanged
                #expect(error?.message.contains(url.path) == true)
                #expect(try StoreFixture.contents(url) == original)
            }
        }

        @Test func openingAnotherSQLiteDatabaseIsRefused() throws {
            try StoreFixture.withTemporaryDirectory { directory in
                // Given an SQLite database that some other program made
                let url = directory.appendingPathComponent("other.sqlite")
                do {
                    let queue = try DatabaseQueue(path: url.path)
                    try queue.write { db in
                        try db.execute(sql: "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
                        try db.execute(sql: "INSERT INTO note (text) VALUES ('keep me')")
                    }
                    try queue.close()
                }

                // When it is opened as a workspace
                let error = #expect(throws: StoreError.self) { try Store.open(at: url.path) }

                // Then it is refused as not a workspace, and its table is not touched
                #expect(error?.message.contains("not a socplan workspace") == true)
                let notes = try DatabaseQueue(path: url.path).read { db in
                    try String.fetchAll(db, sql: "SELECT text FROM note")
                }
                #expect(notes == ["keep me"])
                let tables = try DatabaseQueue(path: url.path).read { db in
                    try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                }
                #expect(tables == ["note"])
            }
        }

        @Test
        func refusingAnotherSQLiteDatabaseLeavesItsBytesAlone() throws {
            try StoreFixture.withTemporaryDirectory { directory in
                // Given an SQLite database that some other program made, in rollback-journal mode
                let url = directory.appendingPathComponent("other.sqlite")
                do {
                    let queue = try DatabaseQueue(path: url.path)
                    try queue.write { db in try db.execute(sql: "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
                    }
                    try queue.close()
                }
                let original = try StoreFixture.contents(url)

                // When it is opened as a workspace, and refused
                #expect(throws: StoreError.self) { try Store.open(at: url.path) }

                // Then the file is byte for byte what it was: socplan does not write to files it refuses
                #expect(try StoreFixture.contents(url) == original)
            }
        }

        @Test func openingAWorkspaceFromANewerVersionIsRefused() throws {
            try StoreFixture.withTemporaryDirectory { directory in
                // Given a workspace whose schema has a migration this version does not know
                let url = directory.appendingPathComponent("workspace.sqlite")
                _ = try Self.create(at: url)
                do {
                    let queue = try DatabaseQueue(path: url.path)
                    try queue.write { db in
                        try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
                    }
                    try queue.close()
                }

                // When it is opened
                let error = #expect(throws: StoreError.self) { try Store.open(at: url.path) }

                // Then the user is told it was written by a newer socplan, and the unknown migration stays
                #expect(error?.message.contains("newer version") == true)
                #expect(error?.hint.contains("upgrade") == true)
                let migrations = try DatabaseQueue(path: url.path).read { db in
                    try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                }
                #expect(migrations.contains("v99-from-the-future"))
            }
        }
    }
}

// MARK: - Round trips

extension StoreTests {
    @Suite("Export then import")
    struct RoundTrip {
        @Test(arguments: StoreFixture.profiles, StoreFixture.Encoding.allCases)
        func profileSeedSurvivesExportAndImport(_ profile: String, _ encoding: StoreFixture.Encoding) throws {
            // Given a workspace initialised with the profile's seed and starter controls, exported
            let catalog = try StoreFixture.catalog()
            let original = try StoreFixture.store(
                catalog, profile: profile, seed: StoreFixture.seed(catalog, profile: profile))
            let snapshot = try original.snapshot()
            let exported = StoreFixture.export(snapshot, as: encoding)

            // When the files are imported into an empty workspace and exported again
            let copy = try StoreFixture.store(catalog, profile: profile, seed: InventoryChanges())
            let outcome = try StoreFixture.importing(exported, into: copy, catalog: catalog)
            let reexported = StoreFixture.export(try copy.snapshot(), as: encoding)

            // Then every row was added, the workspaces are equal and the files are identical, byte for byte
            #expect(outcome.controls.added == snapshot.controls.count)
            #expect(outcome.objectives.added == snapshot.objectives.count)
            #expect(outcome.evidence.added == snapshot.evidence.count)
            #expect(try copy.snapshot() == snapshot)
            #expect(StoreFixture.bytes(reexported) == StoreFixture.bytes(exported))
        }

        @Test(arguments: StoreFixture.Encoding.allCases)
        func importedSampleSurvivesExportAndImport(_ encoding: StoreFixture.Encoding) throws {
            // Given the messy bundled sample imported into a payroll workspace, then exported
            let catalog = try StoreFixture.catalog()
            let store = try StoreFixture.store(
                catalog, profile: "payroll", seed: StoreFixture.seed(catalog, profile: "payroll", controls: false))
            let first = InventoryImporter.prepare(
                files: [BundledSample.controls], options: .init(), workspace: try store.snapshot(), catalog: catalog)
            try #require(!first.diagnostics.hasErrors)
            try store.apply(first.changes)
            let snapshot = try store.snapshot()
            let exported = StoreFixture.export(snapshot, as: encoding)

            // When the export is imported into an empty workspace and exported again
            let copy = try StoreFixture.store(catalog, profile: "payroll", seed: InventoryChanges())
            _ = try StoreFixture.importing(exported, into: copy, catalog: catalog)
            let reexported = StoreFixture.export(try copy.snapshot(), as: encoding)

            // Then nothing was lost or changed: same workspace, identical files
            #expect(try copy.snapshot() == snapshot)
            #expect(StoreFixture.bytes(reexported) == StoreFixture.bytes(exported))
        }

        @Test func reimportingAnExportChangesNothing() throws {
            // Given a payroll workspace and its export
            let catalog = try StoreFixture.catalog()
            let store = try StoreFixture.store(
                catalog, profile: "payroll", seed: StoreFixture.seed(catalog, profile: "payroll"))
            let snapshot = try store.snapshot()
            let exported = StoreFixture.export(snapshot)

            // When the export is imported back into the same workspace
            let outcome = try StoreFixture.importing(exported, into: store, catalog: catalog)

            // Then every row is reported unchanged and nothing is written
            #expect(outcome.controls.unchanged == snapshot.controls.count)
            #expect(outcome.objectives.unchanged == snapshot.objectives.count)
            #expect(outcome.evidence.unchanged == snapshot.evidence.count)
            #expect(outcome.changes.isEmpty)
        }
    }
}
