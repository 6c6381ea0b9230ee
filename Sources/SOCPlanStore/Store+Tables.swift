import GRDB
import GRDBSQLite
import SOCPlanCore

/// Every inventory table, read and written through its one description (`Tables`): named
/// columns, one upsert per table, link tables for the reference lists.
extension Store {
    /// Upserts `rows`: an update keeps the row (an INSERT OR REPLACE would cascade-delete what
    /// refers to it), and its link rows are rewritten in the order given.
    ///
    /// Rows whose id the table does not hold yet are inserted many to a statement (`Batch`), with
    /// their link rows, and no DELETE of link rows they cannot have (the foreign keys cascade).
    /// Each execution of an INSERT builds the lookup tables of the CHECK constraints' `IN (…)`
    /// lists anew, and each statement costs its bindings and steps: one row per statement made a
    /// first import of 100,000 controls spend most of its SQLite time there. Same rows, same
    /// order (the same rowids), the same constraints checked.
    static func upsert<T: AnyTableSpec>(_ table: T, _ rows: [T.Row], in db: Database) throws {
        guard !rows.isEmpty else { return }
        var writer = try TableWriter(table, count: rows.count, in: db)
        try writer.write(writer.encoder.encode(rows), in: db)
        try writer.finish(in: db)
    }

    /// Rows as the statements take them, in a few buffers for them all (not a few for each):
    /// their ids, the values of their own table's columns, and their link rows.
    struct EncodedRows: Sendable {
        var ids: [String] = []
        /// The rows' values, as many a row as the table has columns.
        var values = BoundValues()
        /// Per link column: the link rows (owner, item, position) of all the rows, and where each
        /// row's end (counted in link rows).
        var links: [(rows: BoundValues, ends: [Int])]
    }

    /// Reads rows of a table into `EncodedRows`: pure, so another thread can do it while the
    /// connection's writes the rows before.
    struct RowEncoder<T: AnyTableSpec>: Sendable {
        /// The getters and SQL names of the columns of the row's own table, the id's first.
        let stored: [(get: @Sendable (T.Row) -> Cell, name: String)]
        /// The getters and storage of the link columns.
        let links: [(get: @Sendable (T.Row) -> Cell, table: String, owner: String, target: String)]

        init(_ table: T) {
            stored = table.spec.columns.compactMap { column in column.sqlColumn.map { (column.get, $0) } }
            links = table.spec.columns.compactMap { column in
                guard case .link(let table, let owner, let target) = column.info.storage else { return nil }
                return (column.get, table, owner, target)
            }
        }

        func encode(_ rows: some Collection<T.Row>) -> EncodedRows {
            var encoded = EncodedRows(links: links.map { _ in (BoundValues(), []) })
            encoded.ids.reserveCapacity(rows.count)
            for row in rows {
                let id = row.id.description
                encoded.ids.append(id)
                for column in stored { encoded.values.append(column.get(row)) }
                for (index, link) in links.enumerated() {
                    // A cell that is no list has no link rows.
                    if case .list(let items) = link.get(row) {
                        for (position, item) in items.enumerated() {
                            encoded.links[index].rows.append(text: id)
                            encoded.links[index].rows.append(text: item)
                            encoded.links[index].rows.append(.int(position))
                        }
                    }
                    encoded.links[index].ends.append(encoded.links[index].rows.count / 3)
                }
            }
            return encoded
        }
    }

    /// `upsert` in parts: made for the number of rows to come, given them in one or more parts,
    /// then finished. The same statements run, in the same order, whatever the parts.
    struct TableWriter<T: AnyTableSpec> {
        let encoder: RowEncoder<T>
        /// Ids the table holds, and those written: a row whose id is in it takes the upsert.
        private var existing: Set<String>
        /// The table was empty and every row will be new: `existing` is not kept.
        private let allNew: Bool
        /// The statements that make the indexes dropped for the write again.
        private let rebuilt: [String]
        /// The page cache to go back to once those indexes are made.
        private let cache: Int?
        private let upsert: Statement
        private var inserts: Batch
        /// Per link column: the statement that deletes an updated row's links, and its inserts.
        private var links: [(unlink: Statement, batch: Batch)]

        /// `distinct`: no two rows to come have the same id (an import's, sent through a
        /// `RowSink`), so that into an empty table every row is new.
        init(_ table: T, count: Int, distinct: Bool = false, in db: Database) throws {
            let spec = table.spec
            encoder = RowEncoder(table)
            let names = encoder.stored.map { quoted($0.name) }
            let key = names[0]
            // A Swift string equal to a stored id may differ from it in bytes (canonical equivalence):
            // such a row takes the upsert, as before. An id given twice is new only the first time.
            existing = Set(try String.fetchAll(db, sql: "SELECT \(key) FROM \(spec.table)"))
            allNew = distinct && existing.isEmpty
            // Writing as many rows as the table holds (a first import): the link tables' secondary
            // indexes are built once at the end, sorted, instead of taking every link row in the
            // middle of a b-tree. Same transaction, same index definitions; only their place in
            // sqlite_master (and so in `.dump`) moves after the tables'.
            rebuilt =
                count >= rebuildThreshold && count >= existing.count
                ? try dropSecondaryIndexes(of: table, in: db) : []
            // Without those indexes, rows in id order (the usual file) write each page once: a small
            // page cache does, where the indexes' pages, touched in no order, needed a large one; the
            // pages of a large first import then need not all stay in memory. SQLite's default, 2
            // MiB, also bounds the sorter that makes the indexes again: at 100,000 controls the
            // import's peak is 12 MiB lower than with 8 MiB, its time the same (1 % more
            // instructions; docs/benchmarks.md).
            cache = rebuilt.isEmpty ? nil : try Int.fetchOne(db, sql: "PRAGMA cache_size")
            if cache != nil { try db.execute(sql: "PRAGMA cache_size = -2048") }
            let head = "INSERT INTO \(spec.table) (\(names.joined(separator: ", "))) VALUES "
            let tuple = "(" + names.map { _ in "?" }.joined(separator: ", ") + ")"
            upsert = try db.makeStatement(
                sql: head + tuple
                    + " ON CONFLICT(\(key)) DO UPDATE SET \(names.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))"
            )
            inserts = Batch(head: head, width: names.count, limit: max(1, 800 / names.count))
            links = try encoder.links.map { link in
                (
                    try db.makeStatement(sql: "DELETE FROM \(link.table) WHERE \(link.owner) = ?"),
                    Batch(
                        head: "INSERT INTO \(link.table) (\(link.owner), \(link.target), position) VALUES ", width: 3,
                        limit: 250)
                )
            }
        }

        mutating func write(_ rows: EncodedRows, in db: Database) throws {
            let width = encoder.stored.count
            for (number, id) in rows.ids.enumerated() {
                let isNew = allNew || existing.insert(id).inserted
                let values = number * width..<(number + 1) * width
                if isNew {
                    if inserts.add(rows.values, values) { try inserts.flush(in: db) }
                } else {
                    // What waits goes in first, so that statements run in the order of the rows.
                    try inserts.flush(in: db)
                    for index in links.indices { try links[index].batch.flush(in: db) }
                    try rows.values.execute(upsert, values, in: db)
                }
                for index in links.indices {
                    if !isNew { try links[index].unlink.execute(arguments: [id]) }
                    let linked = rows.links[index]
                    for link in (number == 0 ? 0 : linked.ends[number - 1])..<linked.ends[number] {
                        if links[index].batch.add(linked.rows, link * 3..<link * 3 + 3) {
                            // Link rows refer to their row: rows still waiting go in first.
                            try inserts.flush(in: db)
                            try links[index].batch.flush(in: db)
                        }
                    }
                }
            }
        }

        /// Writes what waits and makes the dropped indexes again.
        mutating func finish(in db: Database) throws {
            try inserts.flush(in: db)
            for index in links.indices { try links[index].batch.flush(in: db) }
            for sql in rebuilt { try db.execute(sql: sql) }
            if let cache { try db.execute(sql: "PRAGMA cache_size = \(cache)") }
        }
    }

    /// Rows written at once from which rebuilding the link tables' indexes pays (at most
    /// `RowSinkCount.enough`: a streamed import may tell no more).
    static let rebuildThreshold = min(2_000, RowSinkCount.enough)

    /// Drops the secondary indexes of a table's link tables; returns the statements that make
    /// them again.
    static func dropSecondaryIndexes<T: AnyTableSpec>(of table: T, in db: Database) throws -> [String] {
        var statements: [String] = []
        for column in table.spec.columns {
            guard case .link(let link, _, _) = column.info.storage else { continue }
            let indexes = try Row.fetchAll(
                db,
                sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                arguments: [link])
            for index in indexes {
                try db.execute(sql: "DROP INDEX \(quoted(index["name"]))")
                statements.append(index["sql"])
            }
        }
        return statements
    }

    /// Values to bind, made from cells as GRDB makes them (a list as its "a; b" text), their text
    /// as C strings in one buffer: made on any thread, and bound with no Swift string touched (the
    /// thread that decodes rows and the connection's share no reference counts).
    struct BoundValues: Sendable {
        enum Slot: Sendable {
            case null
            case int(Int64)
            case double(Double)
            /// The offset of the text's C string in `text`.
            case text(Int)
        }

        private var slots: [Slot] = []
        private var text: [UInt8] = []

        var count: Int { slots.count }
        var isEmpty: Bool { slots.isEmpty }

        mutating func append(_ cell: Cell) {
            switch cell {
            case .null: slots.append(.null)
            case .int(let value): slots.append(.int(Int64(value)))
            case .double(let value): slots.append(.double(value))
            case .text(let value): append(text: value)
            case .list(let items): append(text: Store.joined(items))
            }
        }

        mutating func append(text value: String) {
            slots.append(.text(text.count))
            var value = value
            value.withUTF8 { text.append(contentsOf: $0) }
            text.append(0)
        }

        /// The values `range` of `other`.
        mutating func append(_ other: BoundValues, _ range: Range<Int>) {
            for slot in other.slots[range] {
                guard case .text(let offset) = slot else {
                    slots.append(slot)
                    continue
                }
                slots.append(.text(text.count))
                // A text bound as a C string ends at its first NUL.
                let end = other.text[offset...].firstIndex(of: 0)!
                text.append(contentsOf: other.text[offset...end])
            }
        }

        mutating func removeAll() {
            slots.removeAll(keepingCapacity: true)
            text.removeAll(keepingCapacity: true)
        }

        /// Binds the values `range` and runs `statement` through the SQLite C interface: GRDB's
        /// arguments (an existential per value, validated and bound one by one) cost as much as
        /// SQLite's work here. Text is bound as GRDB binds it (C strings, so the same text), from
        /// the one buffer, which lives until the step is done, rather than each copied by SQLite.
        func execute(_ statement: Statement, _ range: Range<Int>, in db: Database) throws {
            let handle = statement.sqliteStatement
            defer {
                sqlite3_reset(handle)
                // The statement keeps no pointer into the buffer once it is gone.
                sqlite3_clear_bindings(handle)
            }
            try text.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
                for (index, slot) in slots[range].enumerated() {
                    let position = CInt(index + 1)
                    let code: CInt
                    switch slot {
                    case .null: code = sqlite3_bind_null(handle, position)
                    case .int(let number): code = sqlite3_bind_int64(handle, position, number)
                    case .double(let number): code = sqlite3_bind_double(handle, position, number)
                    case .text(let offset): code = sqlite3_bind_text(handle, position, base! + offset, -1, nil)
                    }
                    guard code == SQLITE_OK else { throw Batch.failure(code, statement, db) }
                }
                let code = sqlite3_step(handle)
                guard code == SQLITE_DONE else { throw Batch.failure(code, statement, db) }
            }
        }
    }

    /// Rows gathered for one `INSERT … VALUES (…), (…), …` of up to `limit` rows; a statement
    /// for each number of rows is prepared once.
    struct Batch {
        let head: String
        let width: Int
        let limit: Int
        private var values = BoundValues()
        private var statements: [Int: Statement] = [:]

        init(head: String, width: Int, limit: Int) {
            self.head = head
            self.width = width
            self.limit = limit
        }

        /// Adds the row that is `range` of `source`; true when the batch is full and must be flushed.
        mutating func add(_ source: BoundValues, _ range: Range<Int>) -> Bool {
            values.append(source, range)
            return values.count >= width * limit
        }

        mutating func flush(in db: Database) throws {
            guard !values.isEmpty else { return }
            let count = values.count / width
            let statement: Statement
            if let prepared = statements[count] {
                statement = prepared
            } else {
                let tuple = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
                statement = try db.makeStatement(
                    sql: head + Array(repeating: tuple, count: count).joined(separator: ", "))
                statements[count] = statement
            }
            try values.execute(statement, 0..<values.count, in: db)
            values.removeAll()
        }

        /// SQLite's error, as GRDB reports it (the code, the message, the statement).
        static func failure(_ code: CInt, _ statement: Statement, _ db: Database) -> DatabaseError {
            let connection = db.sqliteConnection
            let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
            return DatabaseError(
                resultCode: ResultCode(rawValue: extended),
                message: connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }, sql: statement.sql)
        }
    }

    /// Deletes rows by id; link rows cascade.
    static func delete<T: AnyTableSpec>(_ table: T, _ ids: [T.Row.ID], in db: Database) throws {
        guard !ids.isEmpty else { return }
        let spec = table.spec
        let delete = try db.makeStatement(
            sql: "DELETE FROM \(spec.table) WHERE \(quoted(spec.idColumn.sqlColumn ?? "id")) = ?")
        for id in ids { try delete.execute(arguments: [id.description]) }
    }

    /// Reads a table into `workspace`, sorted; a value the domain does not know is added to `problems`.
    ///
    /// Rows are stepped through the SQLite C interface, each value read as GRDB reads it (text as a
    /// C string, a blob as no value): at 10,000 controls GRDB's rows, a dictionary of cells per row
    /// and one lookup per link row cost more than SQLite's own work.
    static func load<T: AnyTableSpec>(
        _ table: T, into workspace: inout Workspace, in db: Database, links: LinkLists, problems: inout [String]
    ) throws {
        let spec = table.spec
        // What each column reads, worked out once (the loop over rows runs unspecialized: it
        // touches no column descriptions): a link column's lists by owner, else a column of the
        // row's own table, by name.
        let count = spec.columns.count
        var linked: [(number: Int, table: String, owner: String, target: String)] = []
        var names: [String?] = Array(repeating: nil, count: count)
        var isList: [Bool] = Array(repeating: false, count: count)
        for (number, column) in spec.columns.enumerated() {
            isList[number] = column.info.type.isList
            switch column.info.storage {
            case .column(let name): names[number] = name.lowercased()
            case .link(let table, let owner, let target): linked.append((number, table, owner, target))
            }
        }
        let key = (spec.idColumn.sqlColumn ?? "id").lowercased()
        // Each column's position in the result, found by name in the first row.
        var positions: (key: CInt?, columns: [CInt?])?
        // The rows are made from their own table's cells, and a link column's lists are put in
        // afterwards: a second connection may be reading them meanwhile.
        var ids: [String] = []
        var values: [T.Row] = []
        var cells = [Cell](repeating: .list([]), count: count)
        try eachRow(db, sql: "SELECT * FROM \(spec.table)") { row in
            if positions == nil {
                var found: [String: CInt] = [:]
                for (index, name) in row.columnNames.enumerated() where found[name.lowercased()] == nil {
                    found[name.lowercased()] = CInt(index)
                }
                positions = (found[key], names.map { $0.flatMap { found[$0] } })
            }
            let id = positions?.key.map { row.string($0) } ?? ""
            let columns = positions?.columns ?? []
            for number in 1..<count where names[number] != nil {
                if let index = columns[number] {
                    let cell = row.cell(index)
                    if isList[number], case .text(let text) = cell {
                        cells[number] = .list(list(text))
                    } else {
                        cells[number] = cell
                    }
                } else {
                    cells[number] = .null
                }
            }
            let (value, found) = spec.make(id: id, cells: cells)
            report(found, id: id)
            ids.append(id)
            values.append(value)
        }
        for link in linked {
            let lists = try links.lists(link.table, owner: link.owner, target: link.target, in: db)
            let set = spec.columns[link.number].set
            for index in values.indices {
                if let problem = set(&values[index], .list(lists[ids[index]] ?? [])) {
                    report([(spec.columns[link.number].info.name, problem)], id: ids[index])
                }
            }
        }
        func report(_ found: [(column: String, problem: String)], id: String) {
            for (name, problem) in found {
                let column = spec.columns.first { $0.info.name == name }?.sqlColumn ?? name
                problems.append("table \(spec.table), row \(id), column \(column): \(problem)")
            }
        }
        // Rows come in the order they were written, which an import of a sorted file keeps.
        let sorted = values.indices.dropFirst().allSatisfy { !spec.order(values[$0], values[$0 - 1]) }
        workspace[keyPath: spec.rows] = sorted ? values : values.sorted(by: spec.order)
    }

    /// A link table's lists by owner, each in list order.
    ///
    /// The rows come in key order, owner by owner: each owner's items are put in list order here
    /// (SQLite would sort each owner's rows in a temporary b-tree of its own). An owner's id is
    /// made into a string once, not once per row (its bytes are compared with the last row's).
    static func lists(_ table: String, owner: String, target: String, in db: Database) throws -> [String: [String]] {
        var byOwner: [String: [String]] = [:]
        // The current owner's bytes, its id, and its items so far with their positions.
        var ownerBytes: [UInt8] = []
        var current: String?
        var positions: [Int] = []
        var items: [String] = []
        let cursor = try StepCursor(db, sql: "SELECT \(owner), \(target), position FROM \(table) ORDER BY \(owner)")
        while true {
            let more = try cursor.next()
            let bytes = more ? cursor.row.bytes(0) : UnsafeRawBufferPointer(start: nil, count: 0)
            if let owner = current, !more || !ownerBytes.elementsEqual(bytes) {
                // The owner's items in list order (by position, then id): a few, mostly in order.
                for end in items.indices.dropFirst() {
                    var place = end
                    while place > 0 && (positions[place], items[place]) < (positions[place - 1], items[place - 1]) {
                        positions.swapAt(place, place - 1)
                        items.swapAt(place, place - 1)
                        place -= 1
                    }
                }
                byOwner[owner] = items
                positions.removeAll(keepingCapacity: true)
                items.removeAll(keepingCapacity: true)
                current = nil
            }
            guard more else { break }
            if current == nil {
                ownerBytes.removeAll(keepingCapacity: true)
                ownerBytes.append(contentsOf: bytes)
                current = String(decoding: bytes, as: UTF8.self)
            }
            positions.append(cursor.row.int(2))
            items.append(cursor.row.string(1))
        }
        return byOwner
    }

    /// Every link table of the inventory's tables, by name (what a second connection reads).
    static func allLists(in db: Database) throws -> [String: [String: [String]]] {
        var all: [String: [String: [String]]] = [:]
        func read<T: AnyTableSpec>(_ table: T) throws {
            for column in table.spec.columns {
                guard case .link(let name, let owner, let target) = column.info.storage else { continue }
                all[name] = try lists(name, owner: owner, target: target, in: db)
            }
        }
        for table in Tables.all { try read(table) }
        return all
    }

    static func cell(_ value: DatabaseValue) -> Cell {
        switch value.storage {
        case .null: return .null
        case .int64(let number): return .int(Int(number))
        case .double(let number): return .double(number)
        case .string(let text): return .text(text)
        case .blob: return .null
        }
    }

    static func quoted(_ name: String) -> String { "\"\(name)\"" }
}
