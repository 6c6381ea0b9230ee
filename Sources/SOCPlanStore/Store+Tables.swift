import GRDB
import SOCPlanCore

/// Every inventory table, read and written through its one description (`Tables`): named
/// columns, one upsert per table, link tables for the reference lists.
extension Store {
    /// Upserts `rows`: an update keeps the row (an INSERT OR REPLACE would cascade-delete what
    /// refers to it), and its link rows are rewritten in the order given.
    static func upsert<T: AnyTableSpec>(_ table: T, _ rows: [T.Row], in db: Database) throws {
        guard !rows.isEmpty else { return }
        let spec = table.spec
        let stored = spec.columns.compactMap { column in column.sqlColumn.map { (column, $0) } }
        let names = stored.map { quoted($0.1) }
        let key = names[0]
        let upsert = try db.makeStatement(
            sql: """
                INSERT INTO \(spec.table) (\(names.joined(separator: ", ")))
                VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))
                ON CONFLICT(\(key)) DO UPDATE SET \(names.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
                """)
        let links = try spec.columns.compactMap { column -> (ColumnSpec<T.Row>, Statement, Statement)? in
            guard case .link(let table, let owner, let target) = column.storage else { return nil }
            return (
                column, try db.makeStatement(sql: "DELETE FROM \(table) WHERE \(owner) = ?"),
                try db.makeStatement(sql: "INSERT INTO \(table) (\(owner), \(target), position) VALUES (?, ?, ?)")
            )
        }
        for row in rows {
            try upsert.execute(arguments: StatementArguments(stored.map { databaseValue($0.0.get(row)) }))
            let id = row.id.description
            for (column, unlink, link) in links {
                try unlink.execute(arguments: [id])
                guard case .list(let items) = column.get(row) else { continue }
                for (position, item) in items.enumerated() { try link.execute(arguments: [id, item, position]) }
            }
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
    static func load<T: AnyTableSpec>(
        _ table: T, into workspace: inout Workspace, in db: Database, problems: inout [String]
    ) throws {
        let spec = table.spec
        var links: [String: [String: [String]]] = [:]
        for column in spec.columns {
            guard case .link(let table, let owner, let target) = column.storage else { continue }
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(owner), \(target) FROM \(table) ORDER BY \(owner), position")
            while let row = try rows.next() { links[column.name, default: [:]][row[0], default: []].append(row[1]) }
        }
        let key = spec.idColumn.sqlColumn ?? "id"
        // The columns' names and storage read once, and each SQL column's position found in the
        // first row (a lookup by name per cell costs more than the rest of the read).
        let columns = spec.columns.map { (name: $0.info.name, storage: $0.info.storage, isList: $0.info.type.isList) }
        var positions: (key: Int?, columns: [Int?])?
        var values: [T.Row] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(spec.table)")
        while let row = try rows.next() {
            if positions == nil {
                var found: [String: Int] = [:]
                for (index, name) in row.columnNames.enumerated() where found[name.lowercased()] == nil {
                    found[name.lowercased()] = index
                }
                positions = (
                    found[key.lowercased()],
                    columns.map { column in
                        guard case .column(let name) = column.storage else { return nil }
                        return found[name.lowercased()]
                    }
                )
            }
            var id: String = ""
            if let index = positions?.key, let text = String.fromDatabaseValue(row[index] as DatabaseValue) {
                id = text
            } else {
                id = row[key]
            }
            var cells: [String: Cell] = [:]
            cells.reserveCapacity(columns.count)
            for (number, column) in columns.enumerated() {
                switch column.storage {
                case .link: cells[column.name] = .list(links[column.name]?[id] ?? [])
                case .column(let name):
                    let stored: DatabaseValue
                    if let index = positions?.columns[number] {
                        stored = row[index]
                    } else {
                        stored = row[name]
                    }
                    let cell = Self.cell(stored)
                    if column.isList, case .text(let text) = cell {
                        cells[column.name] = .list(list(text))
                    } else {
                        cells[column.name] = cell
                    }
                }
            }
            let (value, found) = spec.make(id: id, cells: cells)
            for (name, problem) in found {
                let column = spec.columns.first { $0.name == name }?.sqlColumn ?? name
                problems.append("table \(spec.table), row \(id), column \(column): \(problem)")
            }
            values.append(value)
        }
        workspace[keyPath: spec.rows] = values.sorted(by: spec.order)
    }

    static func databaseValue(_ cell: Cell) -> DatabaseValue {
        switch cell {
        case .null: return .null
        case .int(let value): return value.databaseValue
        case .double(let value): return value.databaseValue
        case .text(let text): return text.databaseValue
        case .list(let items): return joined(items).databaseValue
        }
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
