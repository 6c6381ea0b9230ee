import Foundation
import GRDB
import SOCPlanCore

/// The workspace: one SQLite file holding the inventory, behind a small synchronous facade.
///
/// Foreign keys are on, the journal is WAL and writers wait for a lock up to `busyTimeout` seconds.
/// Every write is one transaction: it lands whole or not at all.
public final class Store: Sendable {
    private let queue: DatabaseQueue
    /// The file (as given, as SQLite opened it: a path or an immutable URI, and which file it was)
    /// for a second connection that reads beside the first; nil in memory.
    private let file: SecondReader.File?

    private init(queue: DatabaseQueue, file: SecondReader.File?) {
        self.queue = queue
        self.file = file
    }

    /// Opens an existing workspace, upgrading an older schema; refuses one from a newer socplan.
    public static func open(at path: String) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(
                "no workspace at \(path)", hint: "create a workspace there, or use an existing one", kind: .missing)
        }
        let queue: DatabaseQueue
        var configuration = configuration(wal: false)
        var location = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let files = FileManager.default
        if !files.isWritableFile(atPath: path) || !files.isWritableFile(atPath: folder) {
            // A read-only file, folder or file system: read it without writing anything. In a
            // folder SQLite cannot write, WAL's shared-memory file cannot be made: read the file
            // as immutable (nobody can be writing it there either).
            configuration.readonly = true
            if !files.isWritableFile(atPath: folder) { location = immutableURI(path) }
        }
        do {
            queue = try DatabaseQueue(path: location, configuration: configuration)
        } catch {
            throw StoreError("\(path) cannot be opened as a workspace: \(describe(error))")
        }
        let file = SecondReader.File(path: path, location: location, identity: SecondReader.identity(of: path))
        return try prepared(queue, path: path, creating: false, file: file)
    }

    /// `file:/abs/path?immutable=1`, percent-encoded (SQLite reads URIs as the system's build allows).
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
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
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw StoreError(
                "\(path) is a folder, not a workspace file",
                hint: "give the workspace a file name, e.g. --workspace \(path)/socplan.sqlite")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !files.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
            throw StoreError(
                "cannot create the workspace at \(path): the folder \(folder) does not exist",
                hint: "create the folder first (mkdir -p \(folder)), or choose another path")
        }
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
    /// Cost: one query per table, O(rows); about 0.15 s of CPU for 10,000 controls (release build).
    /// In a file of 2 MiB or more, a second connection reads the link tables meanwhile
    /// (`SecondReader`).
    public func snapshot() throws -> Workspace {
        try snapshot(second: file.flatMap { SecondReader.pays(path: $0.path) ? $0.location : nil })
    }

    /// Whether the workspace holds rows of an inventory kind ("controls"); false for a kind it
    /// does not know. One query, however large the table.
    public func holdsRows(of kind: String) throws -> Bool {
        guard let table = Tables.all.first(where: { $0.kind == kind }) else { return false }
        let name = Self.tableName(table)
        return try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(Self.quoted(name)))") ?? false
        }
    }

    private static func tableName<T: AnyTableSpec>(_ table: T) -> String { table.spec.table }

    /// `second`: where a second connection opens the file, or nil for none; `between`, see `SecondReader`.
    func snapshot(second location: String?, between: (@Sendable () -> Void)? = nil) throws -> Workspace {
        let second = location.flatMap { location in
            file.map { SecondReader(location: location, file: $0, between: between) }
        }
        defer { second?.begin() }
        return try read { db in try Self.snapshot(in: db, second: second) }
    }

    /// `second`: the connection reading the link tables beside this one, told when this one's
    /// transaction has read.
    static func snapshot(in db: Database, second: SecondReader? = nil) throws -> Workspace {
        let row = try Row.fetchOne(db, sql: "SELECT organization, profile FROM workspace WHERE id = 1")
        second?.begin()
        guard let row else {
            throw StoreError(
                "the workspace has no organization record", hint: "create the workspace again",
                kind: .notAWorkspace)
        }
        var problems: [String] = []
        var workspace = Workspace(
            info: WorkspaceInfo(organization: row["organization"], profile: row["profile"]),
            engagements: try Self.engagements(db, problems: &problems))
        let links = LinkLists(second: second)
        for table in Tables.all { try Self.load(table, into: &workspace, in: db, links: links, problems: &problems) }
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

    /// Reads the workspace, decides the changes from it, and writes them in one write transaction
    /// taken before the read (BEGIN IMMEDIATE): a concurrent writer waits, so it can never revert
    /// what `decide` read, nor be reverted by it. `decide` returns nil changes to write nothing.
    ///
    /// `decide` runs on another thread and may hand rows it has decided to its `RowSink` while it
    /// goes on: they are written meanwhile, on this connection's thread, so that writing a large
    /// import overlaps deciding it. The rest is written once it returns; when it returns nil
    /// changes, what was written goes with the transaction. A write that fails on the way is
    /// reported only when the changes are to be written (as when it all was written at the end).
    public func update<T: Sendable>(
        _ decide: @escaping @Sendable (Workspace, any RowSink) -> (changes: InventoryChanges?, result: T)
    ) throws -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                var result: T?
                // A large import touches the pages of the link tables' indexes in no order: with
                // SQLite's default cache (2 MiB) it writes them to the WAL again and again.
                let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                try db.execute(sql: "PRAGMA cache_size = -65536")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(cache)") }
                try db.inTransaction(.immediate) {
                    let before = try Self.snapshot(in: db)
                    var streamed = StreamedWrite()
                    let decided = Concurrently.pipeline({
                        (send: @escaping @Sendable (@escaping StreamedWrite.Step) -> Void) in
                        decide(before, RowStream(send: send))
                    }) { step in streamed.take(step, in: db) }
                    result = decided.result
                    guard let changes = decided.changes else { return .rollback }
                    try streamed.finish(changes, in: db)
                    return .commit
                }
                return result!
            }
        } catch { throw Self.writeError(error) }
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
        try applyEngagementsAndRemovals(changes, in: db)
    }

    private static func applyEngagementsAndRemovals(_ changes: InventoryChanges, in db: Database) throws {
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

    /// Hands what an import sends to `update`'s write, as steps run in order on the connection's thread.
    private struct RowStream: RowSink {
        let send: @Sendable (@escaping StreamedWrite.Step) -> Void

        func begin<T: AnyTableSpec>(_ table: T, count: Int, after earlier: InventoryChanges) {
            send { write, db in try write.begin(table, count: count, after: earlier, in: db) }
        }

        /// The rows are encoded here, on the sender's thread: the connection's only writes them.
        func write<T: AnyTableSpec>(_ table: T, _ rows: [T.Row]) {
            let encoded = RowEncoder(table).encode(rows)
            send { write, db in try write.append(table, encoded, in: db) }
        }
    }

    /// An update's write while its changes are still being decided: the rows written so far, each
    /// kind's the first of its final changed rows (see `RowSink`).
    private struct StreamedWrite {
        typealias Step = @Sendable (inout StreamedWrite, Database) throws -> Void

        /// Rows written, by kind.
        private var written: [String: Int] = [:]
        /// The `TableWriter` of the table whose rows are coming: it takes them all, and is finished
        /// once the changes are final (until then, it may not have had them all).
        private var open: Any?
        /// The first step that failed: nothing is written after it.
        private var failure: (any Error)?

        mutating func take(_ step: Step, in db: Database) {
            guard failure == nil else { return }
            do { try step(&self, db) } catch { failure = error }
        }

        mutating func begin<T: AnyTableSpec>(
            _ table: T, count: Int, after earlier: InventoryChanges, in db: Database
        ) throws {
            try writeRest(earlier, upTo: table.kind, in: db)
            open = try TableWriter(table, count: count, distinct: true, in: db)
        }

        mutating func append<T: AnyTableSpec>(_ table: T, _ rows: EncodedRows, in db: Database) throws {
            guard var writer = open as? TableWriter<T> else { preconditionFailure("rows of a table not begun") }
            open = nil
            try writer.write(rows, in: db)
            open = writer
            written[table.kind, default: 0] += rows.ids.count
        }

        /// Writes what was not written of the final changes, as `Store.apply` writes them all.
        mutating func finish(_ changes: InventoryChanges, in db: Database) throws {
            if let failure { throw failure }
            try writeRest(changes, upTo: nil, in: db)
            try Store.applyEngagementsAndRemovals(changes, in: db)
        }

        /// The rows of each table before `last` (of all without one) not written yet.
        ///
        /// A table written before can have rows still to come only as evidence: items that the
        /// controls name and no evidence row defines. Evidence has no link tables: a second upsert
        /// of its new rows does what one of them all would.
        private mutating func writeRest(_ changes: InventoryChanges, upTo last: String?, in db: Database) throws {
            for table in Tables.all {
                if table.kind == last { return }
                try writeRest(table, changes, in: db)
            }
        }

        private mutating func writeRest<T: AnyTableSpec>(
            _ table: T, _ changes: InventoryChanges, in db: Database
        ) throws {
            // Empty when the import let the rows it sent go: then they were all sent.
            let rows = changes[keyPath: table.spec.changed]
            let rest = rows.dropFirst(written[table.kind] ?? 0)
            if var writer = open as? TableWriter<T> {
                open = nil
                try writer.write(writer.encoder.encode(rest), in: db)
                try writer.finish(in: db)
            } else {
                try Store.upsert(table, Array(rest), in: db)
            }
            written[table.kind] = rows.count
        }
    }

    // MARK: Plumbing

    /// WAL is set once, when the file is created (SQLite keeps it in the file), so that opening
    /// a workspace, or a file that is not one, never writes to it.
    private static func configuration(wal: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        if wal { configuration.journalMode = .wal }
        // Another socplan command writing the workspace: wait (saying so once) up to the timeout.
        let timeout = busyTimeout
        configuration.busyMode = .callback { tries in
            if tries == 0 {
                FileHandle.standardError.write(
                    Data(
                        "waiting for another socplan command to finish writing the workspace (up to \(Int(timeout)) s)…\n"
                            .utf8))
            }
            guard Double(tries) * 0.02 < timeout else { return false }
            usleep(20_000)
            return true
        }
        return configuration
    }

    /// Seconds a command waits while another writes the workspace: `SOCPLAN_BUSY_TIMEOUT`, default 30.
    public static var busyTimeout: Double {
        Double(ProcessInfo.processInfo.environment["SOCPLAN_BUSY_TIMEOUT"] ?? "").map { max($0, 0) } ?? 30
    }

    private static let migrator = Schema.migrator

    /// Checks what the file is before anything is written, then brings an older schema up to date.
    private static func prepared(
        _ queue: DatabaseQueue, path: String, creating: Bool, file: SecondReader.File? = nil
    ) throws -> Store {
        do {
            let upToDate = try queue.read { db -> Bool in
                // One query for the migrations table and one for the applied migrations: GRDB's
                // `tableExists` reads the whole schema into its cache, and each of the migrator's
                // checks reads the applied migrations again (every command opens the workspace).
                let hasMigrations =
                    try Bool.fetchOne(
                        db,
                        sql: """
                            SELECT EXISTS (SELECT 1 FROM sqlite_master
                            WHERE type = 'table' AND name = 'grdb_migrations' COLLATE NOCASE)
                            """) ?? false
                guard hasMigrations else {
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
                let applied = try migrator.appliedIdentifiers(db)
                let known = migrator.migrations
                // As `migrator.hasBeenSuperseded(db)`: a migration this version does not know.
                if applied.contains(where: { !known.contains($0) }) {
                    throw StoreError(
                        "the workspace \(path) was written by a newer version of socplan",
                        hint: "upgrade socplan to open it; this version does not know its schema and will not change it"
                    )
                }
                if !applied.contains("v6-constraints") {
                    // Checked before any migration runs: each runs in its own transaction, and a
                    // refusal must leave the file as it was.
                    let problems = try Constraints.problems(db)
                    if !problems.isEmpty { throw Constraints.refusal(problems) }
                }
                // As `migrator.hasCompletedMigrations(db)`: every known migration applied.
                return known.allSatisfy(applied.contains)
            }
            if !upToDate && queue.configuration.readonly {
                throw StoreError(
                    "the workspace \(path) was made by an older socplan and needs an upgrade, but it is read-only",
                    hint: "make it writable once (any command then upgrades it), or work on a writable copy")
            }
            if !upToDate { try migrator.migrate(queue) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path) is not a usable workspace: \(describe(error))")
        }
        return Store(queue: queue, file: file)
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch let error as StoreError { throw error } catch {
            throw StoreError("cannot read the workspace: \(Self.describe(error))")
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.write(body) } catch { throw Self.writeError(error) }
    }

    static func joined(_ values: [String]) -> String { values.joined(separator: "; ") }

    static func list(_ text: String) -> [String] {
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        // ASCII text (nearly every cell) is split on its bytes: the same cuts as on Characters, where
        // a ";" is always one, without finding each Character's end.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var items: [String] = []
            for part in text.utf8.split(separator: UInt8(ascii: ";")) {
                guard let start = part.firstIndex(where: { !isBlank($0) }),
                    let end = part.lastIndex(where: { !isBlank($0) })
                else { continue }
                items.append(String(Substring(part[start...end])))
            }
            return items
        }
        return text.split(separator: ";").map { item in
            // Most items have nothing to trim (ASCII, no space or tab at either end): no Foundation call.
            if let first = item.utf8.first, let last = item.utf8.last, first < 0x80, last < 0x80,
                first != UInt8(ascii: " "), first != UInt8(ascii: "\t"), last != UInt8(ascii: " "),
                last != UInt8(ascii: "\t")
            {
                return String(item)
            }
            // ASCII items ("a; b" gives " b"): `.whitespaces` is only the space and the tab there.
            if item.utf8.allSatisfy({ $0 < 0x80 }) {
                guard let start = item.utf8.firstIndex(where: { !isBlank($0) }),
                    let end = item.utf8.lastIndex(where: { !isBlank($0) })
                else { return "" }
                return String(item[start...end])
            }
            return item.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error)" }
        return "\(error)"
    }

    /// A failed write in words: a workspace another command kept busy, a read-only file, a
    /// constraint; nothing was changed in each case.
    static func writeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else {
            return StoreError("cannot write the workspace (nothing was changed): \(describe(error))")
        }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(
                "the workspace is busy: another socplan command kept it locked for \(Int(busyTimeout)) s; nothing was changed",
                hint:
                    "run the command again once the other has finished, or wait longer with SOCPLAN_BUSY_TIMEOUT=SECONDS"
            )
        case .SQLITE_READONLY:
            return StoreError(
                "the workspace is read-only: nothing was changed",
                hint: "make the file and its folder writable, or work on a copy")
        case .SQLITE_CONSTRAINT:
            return StoreError(
                "the change breaks a rule of the workspace (\(describe(error))); nothing was changed",
                hint: "run `socplan check`; if the workspace was edited by hand in sqlite3, fix the rows it names")
        case .SQLITE_FULL:
            return StoreError("the disk is full: nothing was changed", hint: "free some space and run it again")
        default:
            return StoreError("cannot write the workspace (nothing was changed): \(describe(error))")
        }
    }
}
