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
            var problems: [String] = []
            var workspace = Workspace(
                info: WorkspaceInfo(organization: row["organization"], profile: row["profile"]),
                engagements: try Self.engagements(db, problems: &problems))
            for table in Tables.all { try Self.load(table, into: &workspace, in: db, problems: &problems) }
            guard problems.isEmpty else {
                throw StoreError(
                    listing: problems,
                    "the workspace holds " + (problems.count == 1 ? "a value" : "\(problems.count) values")
                        + " socplan does not know:",
                    hint:
                        "fix it by importing a corrected file, or in sqlite3 "
                        + "(e.g. UPDATE control SET frequency = 'monthly' WHERE id = 'AC-1')")
            }
            return workspace
        }
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

    /// Parents are upserted before the rows that refer to them, and removed after them, so that
    /// the foreign keys hold at every step.
    private static func apply(_ changes: InventoryChanges, in db: Database) throws {
        for table in Tables.all { try upsert(table, changes: changes, in: db) }
        for engagement in changes.engagements { try save(engagement, in: db) }
        for name in changes.removedEngagements {
            try db.execute(sql: "DELETE FROM engagement WHERE name = ?", arguments: [name])
        }
        for table in Tables.all.reversed() { try delete(table, changes: changes, in: db) }
    }

    private static func upsert<T: AnyTableSpec>(_ table: T, changes: InventoryChanges, in db: Database) throws {
        try upsert(table, changes[keyPath: table.spec.changed], in: db)
    }

    private static func delete<T: AnyTableSpec>(_ table: T, changes: InventoryChanges, in db: Database) throws {
        try delete(table, changes[keyPath: table.spec.removed], in: db)
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
                if try !migrator.appliedIdentifiers(db).contains("v6-constraints") {
                    // Checked before any migration runs: each runs in its own transaction, and a
                    // refusal must leave the file as it was.
                    let problems = try Constraints.problems(db)
                    if !problems.isEmpty { throw Constraints.refusal(problems) }
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

    static func joined(_ values: [String]) -> String { values.joined(separator: "; ") }

    static func list(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error)" }
        return "\(error)"
    }
}
