import Foundation
import GRDB
import SOCPlanCore

/// The workspace: one SQLite file holding the inventory, behind a small synchronous facade.
///
/// Foreign keys are on, the journal is WAL and writers wait up to five seconds for a lock.
/// Every write is one transaction: it lands whole or not at all.
public final class Store: Sendable {
    private let queue: DatabaseQueue

    private init(queue: DatabaseQueue) { self.queue = queue }

    /// Opens an existing workspace, upgrading an older schema; refuses one from a newer socplan.
    public static func open(at path: String) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(
                "no workspace at \(path)", hint: "create a workspace there, or use an existing one", kind: .missing)
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration(wal: false))
        } catch {
            throw StoreError("\(path) cannot be opened as a workspace: \(describe(error))")
        }
        return try prepared(queue, path: path, creating: false)
    }

    /// Creates a workspace in memory (for tests and one-off runs like `socplan demo`).
    public static func inMemory() throws -> Store {
        try prepared(DatabaseQueue(configuration: configuration(wal: false)), path: ":memory:", creating: true)
    }

    /// Creates a new workspace file holding the criteria and a seed inventory.
    ///
    /// The file is built beside the target and renamed into place, so an existing workspace is
    /// either replaced whole (`force`) or left alone.
    public static func create(
        at path: String, info: WorkspaceInfo, criteria: [Criterion], seed: InventoryChanges, force: Bool
    ) throws -> Store {
        let files = FileManager.default
        if files.fileExists(atPath: path) && !force {
            throw StoreError(
                "a workspace already exists at \(path)", hint: "replace it, or choose another path", kind: .exists)
        }
        let temporary = path + ".new-\(ProcessInfo.processInfo.processIdentifier)"
        try? files.removeItem(atPath: temporary)
        do {
            let queue = try DatabaseQueue(path: temporary, configuration: configuration(wal: true))
            let store = try prepared(queue, path: temporary, creating: true)
            try store.initialise(info: info, criteria: criteria, seed: seed)
            try queue.close()
            for suffix in ["-wal", "-shm"] { try? files.removeItem(atPath: path + suffix) }
            guard rename(temporary, path) == 0 else {
                throw StoreError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? files.removeItem(atPath: temporary + suffix) }
            if let error = error as? StoreError { throw error }
            throw StoreError("cannot create the workspace at \(path): \(describe(error))")
        }
        return try open(at: path)
    }

    /// Fills a new, empty workspace.
    public func initialise(info: WorkspaceInfo, criteria: [Criterion], seed: InventoryChanges) throws {
        try write { db in
            try db.execute(
                sql: "INSERT INTO workspace (id, organization, profile) VALUES (1, ?, ?)",
                arguments: [info.organization, info.profile])
            let insert = try db.makeStatement(
                sql:
                    "INSERT INTO criterion (id, category, \"group\", coso_principle, title, position) VALUES (?, ?, ?, ?, ?, ?)"
            )
            for (position, criterion) in criteria.enumerated() {
                try insert.execute(arguments: [
                    criterion.id.rawValue, criterion.category.rawValue, criterion.group, criterion.cosoPrinciple,
                    criterion.title, position,
                ])
            }
            try Self.apply(seed, in: db)
        }
    }

    // MARK: Reading

    /// Reads the whole workspace as values, every list sorted by id.
    ///
    /// Cost: one query per table, O(rows); about 30 ms for 10,000 controls.
    public func snapshot() throws -> Workspace {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT organization, profile FROM workspace WHERE id = 1")
            else {
                throw StoreError(
                    "the workspace has no organization record", hint: "create the workspace again",
                    kind: .notAWorkspace)
            }
            let info = WorkspaceInfo(organization: row["organization"], profile: row["profile"])
            return Workspace(
                info: info, objectives: try Self.objectives(db), evidence: try Self.evidence(db),
                controls: try Self.controls(db), engagements: try Self.engagements(db), cuecs: try Self.cuecs(db),
                subservice: try Self.subservice(db), csocs: try Self.csocs(db), customers: try Self.customers(db))
        }
    }

    private static func objectives(_ db: Database) throws -> [Objective] {
        try Row.fetchAll(db, sql: "SELECT * FROM objective").map { (row: Row) -> Objective in
            let assertions: [Assertion] = list(row["assertions"]).compactMap { Assertion(rawValue: $0) }
            return Objective(
                id: ObjectiveID(row["id"] as String), title: row["title"],
                domain: ObjectiveDomain(rawValue: row["domain"] as String) ?? .business, area: row["area"],
                assertions: assertions)
        }.sorted { $0.id < $1.id }
    }

    private static func evidence(_ db: Database) throws -> [EvidenceItem] {
        try Row.fetchAll(db, sql: "SELECT * FROM evidence").map { (row: Row) -> EvidenceItem in
            EvidenceItem(
                id: EvidenceID(row["id"] as String), title: row["title"],
                kind: EvidenceKind(rawValue: row["kind"] as String) ?? .document, source: row["source"],
                owner: row["owner"])
        }.sorted { $0.id < $1.id }
    }

    private static func controls(_ db: Database) throws -> [Control] {
        let objectiveLinks = try links(db, table: "control_objective", column: "objective_id")
        let criterionLinks = try links(db, table: "control_criterion", column: "criterion_id")
        let evidenceLinks = try links(db, table: "control_evidence", column: "evidence_id")
        return try Row.fetchAll(db, sql: "SELECT * FROM control").map { (row: Row) -> Control in
            let id: String = row["id"]
            let type: String? = row["type"]
            let methods: [TestMethod] = list(row["test_methods"]).compactMap { TestMethod(rawValue: $0) }
            var control = Control(
                id: ControlID(id), title: row["title"],
                frequency: Frequency(rawValue: row["frequency"] as String) ?? .annual,
                nature: Nature(rawValue: row["nature"] as String) ?? .manual)
            control.description = row["description"]
            control.owner = row["owner"]
            control.type = type.flatMap { ControlType(rawValue: $0) }
            control.key = row["key"]
            control.risk = Risk(rawValue: row["risk"] as String) ?? .low
            control.objectives = (objectiveLinks[id] ?? []).map { ObjectiveID($0) }
            control.criteria = (criterionLinks[id] ?? []).map { CriterionID($0) }
            control.evidence = (evidenceLinks[id] ?? []).map { EvidenceID($0) }
            control.testMethods = methods
            control.testProcedure = row["test_procedure"]
            control.populationSize = row["population_size"]
            control.systems = list(row["systems"])
            control.monitors = list(row["monitors"])
            control.performedBy = row["performed_by"]
            return control
        }.sorted { $0.id < $1.id }
    }

    /// The criteria stored in the workspace, in catalog order.
    public func criteria() throws -> [Criterion] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM criterion ORDER BY position").map { row in
                Criterion(
                    id: CriterionID(row["id"]), category: TSCCategory(rawValue: row["category"]) ?? .security,
                    group: row["group"], cosoPrinciple: row["coso_principle"], title: row["title"])
            }
        }
    }

    // MARK: Writing

    /// Writes validated inventory rows in one transaction.
    public func apply(_ changes: InventoryChanges) throws {
        try write { db in try Self.apply(changes, in: db) }
    }

    private static func apply(_ changes: InventoryChanges, in db: Database) throws {
        let removeControl = try db.makeStatement(sql: "DELETE FROM control WHERE id = ?")
        for id in changes.removedControls { try removeControl.execute(arguments: [id.rawValue]) }
        let objective = try db.makeStatement(
            sql: """
                INSERT INTO objective (id, title, domain, area, assertions) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET title = excluded.title, domain = excluded.domain,
                    area = excluded.area, assertions = excluded.assertions
                """)
        for item in changes.objectives {
            try objective.execute(arguments: [
                item.id.rawValue, item.title, item.domain.rawValue, item.area, joined(item.assertions.map(\.rawValue)),
            ])
        }
        let evidence = try db.makeStatement(
            sql: """
                INSERT INTO evidence (id, title, kind, source, owner) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET title = excluded.title, kind = excluded.kind,
                    source = excluded.source, owner = excluded.owner
                """)
        for item in changes.evidence {
            try evidence.execute(arguments: [item.id.rawValue, item.title, item.kind.rawValue, item.source, item.owner])
        }
        let control = try db.makeStatement(
            sql: """
                INSERT INTO control (id, title, description, owner, frequency, nature, type, key, risk,
                    test_methods, test_procedure, population_size, systems, monitors, performed_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET title = excluded.title, description = excluded.description,
                    owner = excluded.owner, frequency = excluded.frequency, nature = excluded.nature,
                    type = excluded.type, key = excluded.key, risk = excluded.risk,
                    test_methods = excluded.test_methods, test_procedure = excluded.test_procedure,
                    population_size = excluded.population_size, systems = excluded.systems,
                    monitors = excluded.monitors, performed_by = excluded.performed_by
                """)
        let unlinks = try ["control_objective", "control_criterion", "control_evidence"].map { table in
            try db.makeStatement(sql: "DELETE FROM \(table) WHERE control_id = ?")
        }
        let linkObjective = try db.makeStatement(sql: "INSERT INTO control_objective VALUES (?, ?, ?)")
        let linkCriterion = try db.makeStatement(sql: "INSERT INTO control_criterion VALUES (?, ?, ?)")
        let linkEvidence = try db.makeStatement(sql: "INSERT INTO control_evidence VALUES (?, ?, ?)")
        // Only controls that already exist can have links to clear.
        let existing = Set(try String.fetchAll(db, sql: "SELECT id FROM control"))
        for item in changes.controls {
            let id = item.id.rawValue
            try control.execute(arguments: [
                id, item.title, item.description, item.owner, item.frequency.rawValue, item.nature.rawValue,
                item.type?.rawValue, item.key, item.risk.rawValue, joined(item.testMethods.map(\.rawValue)),
                item.testProcedure, item.populationSize, joined(item.systems), joined(item.monitors), item.performedBy,
            ])
            if existing.contains(id) { for unlink in unlinks { try unlink.execute(arguments: [id]) } }
            for (position, link) in item.objectives.enumerated() {
                try linkObjective.execute(arguments: [id, link.rawValue, position])
            }
            for (position, link) in item.criteria.enumerated() {
                try linkCriterion.execute(arguments: [id, link.rawValue, position])
            }
            for (position, link) in item.evidence.enumerated() {
                try linkEvidence.execute(arguments: [id, link.rawValue, position])
            }
        }
        // Removed only now, once no control refers to them any more.
        let removeEvidence = try db.makeStatement(sql: "DELETE FROM evidence WHERE id = ?")
        for id in changes.removedEvidence { try removeEvidence.execute(arguments: [id.rawValue]) }
        let removeObjective = try db.makeStatement(sql: "DELETE FROM objective WHERE id = ?")
        for id in changes.removedObjectives { try removeObjective.execute(arguments: [id.rawValue]) }
        for engagement in changes.engagements { try save(engagement, in: db) }
        try applyComplementary(changes, in: db)
        for name in changes.removedEngagements {
            try db.execute(sql: "DELETE FROM engagement WHERE name = ?", arguments: [name])
        }
    }

    // MARK: Plumbing

    /// WAL is set once, when the file is created (SQLite keeps it in the file), so that opening
    /// a workspace, or a file that is not one, never writes to it.
    private static func configuration(wal: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        if wal { configuration.journalMode = .wal }
        configuration.busyMode = .timeout(5)
        return configuration
    }

    private static let migrator = Schema.migrator

    /// Checks what the file is before anything is written, then brings an older schema up to date.
    private static func prepared(_ queue: DatabaseQueue, path: String, creating: Bool) throws -> Store {
        do {
            let upToDate = try queue.read { db -> Bool in
                guard try db.tableExists("grdb_migrations") else {
                    let tables =
                        try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
                    if tables > 0 || !creating {
                        throw StoreError(
                            "\(path) is not a socplan workspace"
                                + (tables > 0 ? " (it is another program's SQLite database)" : " (it is empty)"),
                            hint: "use a workspace file, or create one there", kind: .notAWorkspace)
                    }
                    return false
                }
                if try migrator.hasBeenSuperseded(db) {
                    throw StoreError(
                        "the workspace \(path) was written by a newer version of socplan",
                        hint: "upgrade socplan to open it; this version does not know its schema and will not change it"
                    )
                }
                return try migrator.hasCompletedMigrations(db)
            }
            if !upToDate { try migrator.migrate(queue) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path) is not a usable workspace: \(describe(error))")
        }
        return Store(queue: queue)
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch let error as StoreError { throw error } catch {
            throw StoreError("cannot read the workspace: \(Self.describe(error))")
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.write(body) } catch let error as StoreError { throw error } catch {
            throw StoreError("cannot write the workspace (nothing was changed): \(Self.describe(error))")
        }
    }

    private static func links(_ db: Database, table: String, column: String) throws -> [String: [String]] {
        var links: [String: [String]] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT control_id, \(column) FROM \(table) ORDER BY control_id, position")
        while let row = try rows.next() {
            links[row[0], default: []].append(row[1])
        }
        return links
    }

    static func joined(_ values: [String]) -> String { values.joined(separator: "; ") }

    static func list(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error)" }
        return "\(error)"
    }
}
