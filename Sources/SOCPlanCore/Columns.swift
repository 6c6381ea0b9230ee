/// One value of one column, as the workspace stores it and a CSV cell carries it, before it is a
/// domain type: the common currency of the store, import, export and the round-trip tests.
public enum Cell: Sendable, Hashable {
    case null
    case int(Int)
    case double(Double)
    case text(String)
    case list([String])
}

/// A table whose rows another column can refer to by id (or name).
public enum Entity: String, Sendable, Hashable, CaseIterable {
    case objective, criterion, evidence, subservice
}

/// The closed set of values an enumerated column takes: canonical raw values and a parser for loose spellings.
public struct Choice: Sendable {
    /// What the values are, for messages ("frequency").
    public let valueName: String
    /// The canonical values, in declaration order: the schema's CHECK and the hints list them.
    public let allowed: [String]
    /// The allowed values as a hint lists them.
    public let hint: String
    /// A loose spelling ("Annually") to its canonical value, or nil.
    public let parse: @Sendable (String) -> String?

    public init<E: SpelledEnum>(_ type: E.Type) {
        valueName = E.valueName
        allowed = E.allCases.map(\.rawValue)
        hint = E.allowedHint
        parse = { E(spelling: $0)?.rawValue }
    }
}

/// What a column holds. It decides how import parses a cell, how export writes one, how the store
/// keeps it, what the round-trip property test generates and what the README says about it.
public enum ColumnType: Sendable {
    /// The row's id: required, free of list separators.
    case identifier
    /// Free text; empty allowed unless the column is required.
    case text
    /// One of `Choice.allowed`; `empty` is what an empty cell means (nil: no value, or an error when required).
    case choice(Choice, empty: String?)
    /// A list of values of `Choice.allowed`.
    case choices(Choice)
    /// yes/no, stored 0/1; an empty cell means `empty`.
    case flag(empty: Bool)
    /// A whole number ≥ 0, or empty.
    case count
    /// A number ≥ 0; an empty cell means `empty`.
    case number(empty: Double)
    /// A month and day, `MM-DD`.
    case monthDay
    /// A date, `YYYY-MM-DD`, or empty.
    case date
    /// A list of free-text items.
    case list
    /// A list of ids of another table.
    case references(Entity)
    /// One id (or name) of another table, or empty.
    case reference(Entity)
    /// Which reports a row applies to: SOC 1, SOC 2 or both; empty means both.
    case reports

    /// Whether the value is a list (a list cell in CSV, "a; b" text or link rows in the workspace).
    public var isList: Bool {
        switch self {
        case .choices, .list, .references, .reports: return true
        default: return false
        }
    }
}

/// Where the workspace keeps a column's value.
public enum Storage: Sendable, Hashable {
    /// A column of the row's own table (lists as "a; b" text).
    case column(String)
    /// Rows `(owner, column, position)` of a link table, one per list item, with a foreign key.
    case link(table: String, owner: String, column: String)
}

/// One column of an inventory table, described once: CSV name and synonyms, type, whether it is
/// required, where the store keeps it, what it means, and how it reads and writes the domain value.
@dynamicMemberLookup
public struct ColumnSpec<Row>: Sendable {
    /// Everything about the column but how it reaches the row.
    public let info: ColumnInfo
    /// The value of `row` in this column.
    public let get: @Sendable (Row) -> Cell
    /// Sets the column's value; returns what is wrong instead when the domain has no such value.
    public let set: @Sendable (inout Row, Cell) -> String?

    public init(
        _ name: String, _ type: ColumnType, storage: Storage? = nil, required: Bool = false,
        synonyms: [String] = [], doc: String, get: @escaping @Sendable (Row) -> Cell,
        set: @escaping @Sendable (inout Row, Cell) -> String?
    ) {
        info = ColumnInfo(
            name: name, synonyms: synonyms, required: required, type: type, storage: storage ?? .column(name), doc: doc)
        self.get = get
        self.set = set
    }

    public subscript<Value>(dynamicMember path: KeyPath<ColumnInfo, Value>) -> Value { info[keyPath: path] }

    /// The SQL column name, for a column kept in the row's own table.
    public var sqlColumn: String? {
        if case .column(let name) = info.storage { return name }
        return nil
    }
}

// MARK: Typed columns over key paths

extension ColumnSpec {
    /// Free text (`.identifier` for the id column).
    public static func text(
        _ name: String, _ path: WritableKeyPath<Row, String> & Sendable, type: ColumnType = .text,
        storage: String? = nil, required: Bool = false, synonyms: [String] = [], doc: String
    ) -> ColumnSpec {
        ColumnSpec(
            name, type, storage: storage.map { .column($0) }, required: required, synonyms: synonyms, doc: doc,
            get: { .text($0[keyPath: path]) },
            set: { row, cell in
                guard case .text(let text) = cell else { return Self.mismatch(cell, "text") }
                row[keyPath: path] = text
                return nil
            })
    }

    /// A typed id.
    public static func identifier<Tag>(
        _ name: String, _ path: WritableKeyPath<Row, Identifier<Tag>> & Sendable, synonyms: [String] = [],
        doc: String
    ) -> ColumnSpec {
        ColumnSpec(
            name, .identifier, storage: .column("id"), required: true, synonyms: synonyms, doc: doc,
            get: { .text($0[keyPath: path].rawValue) },
            set: { row, cell in
                guard case .text(let text) = cell else { return Self.mismatch(cell, "an id") }
                row[keyPath: path] = Identifier(text)
                return nil
            })
    }

    /// One value of an enumeration; `empty` is what an empty cell means on import.
    public static func choice<E: SpelledEnum>(
        _ name: String, _ path: WritableKeyPath<Row, E> & Sendable, empty: E? = nil, required: Bool = false,
        synonyms: [String] = [], doc: String
    ) -> ColumnSpec {
        ColumnSpec(
            name, .choice(Choice(E.self), empty: empty?.rawValue), required: required, synonyms: synonyms, doc: doc,
            get: { .text($0[keyPath: path].rawValue) },
            set: { row, cell in
                guard case .text(let text) = cell, let value = E(rawValue: text) else {
                    return Self.unknown(cell, E.self)
                }
                row[keyPath: path] = value
                return nil
            })
    }

    /// One value of an enumeration, or none.
    public static func choice<E: SpelledEnum>(
        _ name: String, _ path: WritableKeyPath<Row, E?> & Sendable, synonyms: [String] = [], doc: String
    ) -> ColumnSpec {
        ColumnSpec(
            name, .choice(Choice(E.self), empty: nil), synonyms: synonyms, doc: doc,
            get: { $0[keyPath: path].map { .text($0.rawValue) } ?? .null },
            set: { row, cell in
                if cell == .null || cell == .text("") {
                    row[keyPath: path] = nil
                    return nil
                }
                guard case .text(let text) = cell, let value = E(rawValue: text) else {
                    return Self.unknown(cell, E.self)
                }
                row[keyPath: path] = value
                return nil
            })
    }

    /// A list of values of an enumeration.
    public static func choices<E: SpelledEnum>(
        _ name: String, _ path: WritableKeyPath<Row, [E]> & Sendable, synonyms: [String] = [], doc: String
    ) -> ColumnSpec {
        ColumnSpec(
            name, .choices(Choice(E.self)), synonyms: synonyms, doc: doc,
            get: { .list($0[keyPath: path].map(\.rawValue)) },
            set: { row, cell in
                guard case .list(let items) = cell else { return Self.mismatch(cell, "a list") }
                var values: [E] = []
                for item in items {
                    guard let value = E(rawValue: item) else { return Self.unknown(.text(item), E.self) }
                    values.append(value)
                }
                row[keyPath: path] = values
                return nil
            })
    }

    /// yes/no; an empty cell means `empty` on import.
    public static func flag(
        _ name: String, _ path: WritableKeyPath<Row, Bool> & Sendable, empty: Bool, synonyms: [String] = [],
        doc: String
    ) -> ColumnSpec {
        ColumnSpec(
            name, .flag(empty: empty), synonyms: synonyms, doc: doc,
            get: { .int($0[keyPath: path] ? 1 : 0) },
            set: { row, cell in
                guard case .int(let value) = cell, value == 0 || value == 1 else {
                    return "\(Self.shown(cell)) is neither 1 (yes) nor 0 (no)"
                }
                row[keyPath: path] = value == 1
                return nil
            })
    }

    /// A whole number ≥ 0, or none.
    public static func count(
        _ name: String, _ path: WritableKeyPath<Row, Int?> & Sendable, synonyms: [String] = [], doc: String
    ) -> ColumnSpec {
        ColumnSpec(
            name, .count, synonyms: synonyms, doc: doc,
            get: { $0[keyPath: path].map { .int($0) } ?? .null },
            set: { row, cell in
                switch cell {
                case .null: row[keyPath: path] = nil
                case .int(let value) where value >= 0: row[keyPath: path] = value
                default: return "\(Self.shown(cell)) is not a whole number of 0 or more"
                }
                return nil
            })
    }

    /// A date, or none.
    public static func date(
        _ name: String, _ path: WritableKeyPath<Row, Day?> & Sendable, synonyms: [String] = [], doc: String
    ) -> ColumnSpec {
        ColumnSpec(
            name, .date, synonyms: synonyms, doc: doc,
            get: { $0[keyPath: path].map { .text($0.description) } ?? .null },
            set: { row, cell in
                switch cell {
                case .null: row[keyPath: path] = nil
                case .text(let text):
                    guard let day = Day(text) else { return "\(Self.shown(cell)) is not a date (YYYY-MM-DD)" }
                    row[keyPath: path] = day
                default: return "\(Self.shown(cell)) is not a date (YYYY-MM-DD)"
                }
                return nil
            })
    }

    /// A list of free-text items.
    public static func list(
        _ name: String, _ path: WritableKeyPath<Row, [String]> & Sendable, type: ColumnType = .list,
        synonyms: [String] = [], doc: String
    ) -> ColumnSpec {
        ColumnSpec(
            name, type, synonyms: synonyms, doc: doc, get: { .list($0[keyPath: path]) },
            set: { row, cell in
                guard case .list(let items) = cell else { return Self.mismatch(cell, "a list") }
                row[keyPath: path] = items
                return nil
            })
    }

    /// A list of ids of another table, kept in a link table with a foreign key.
    public static func references<Tag>(
        _ name: String, _ path: WritableKeyPath<Row, [Identifier<Tag>]> & Sendable, to entity: Entity,
        link: Storage, synonyms: [String] = [], doc: String
    ) -> ColumnSpec {
        ColumnSpec(
            name, .references(entity), storage: link, synonyms: synonyms, doc: doc,
            get: { .list($0[keyPath: path].map(\.rawValue)) },
            set: { row, cell in
                guard case .list(let items) = cell else { return Self.mismatch(cell, "a list") }
                row[keyPath: path] = items.map { Identifier($0) }
                return nil
            })
    }

    /// Which reports a row applies to.
    public static func reports(
        _ name: String, _ path: WritableKeyPath<Row, [ReportKind]> & Sendable, synonyms: [String] = [],
        doc: String
    ) -> ColumnSpec {
        ColumnSpec(
            name, .reports, synonyms: synonyms, doc: doc, get: { .list($0[keyPath: path].map(\.rawValue)) },
            set: { row, cell in
                guard case .list(let items) = cell else { return Self.mismatch(cell, "a list") }
                let reports = items.compactMap { ReportKind(rawValue: $0) }
                guard reports.count == items.count, !reports.isEmpty else {
                    return "\(Self.shown(cell)) is not soc1, soc2 or both"
                }
                row[keyPath: path] = reports.sorted()
                return nil
            })
    }

    static func shown(_ cell: Cell) -> String {
        switch cell {
        case .null: return "NULL"
        case .int(let value): return "\(value)"
        case .double(let value): return "\(value)"
        case .text(let text): return "\"\(text)\""
        case .list(let items): return "\"\(items.joined(separator: "; "))\""
        }
    }

    static func mismatch(_ cell: Cell, _ expected: String) -> String { "\(shown(cell)) is not \(expected)" }

    static func unknown<E: SpelledEnum>(_ cell: Cell, _ type: E.Type) -> String {
        let article = E.valueName.first.map { "aeiou".contains($0) } == true ? "an" : "a"
        return "\(shown(cell)) is not \(article) \(E.valueName) (allowed: \(E.allowedList))"
    }
}

/// A row type the inventory keeps: identified, comparable for upserts, sendable.
public protocol InventoryRow: Identifiable, Hashable, Sendable where ID: CustomStringConvertible & Sendable {}

/// One inventory table described once: its CSV kind, SQL table, columns (id first), how a new row
/// starts, and where its rows sit in a `Workspace` and in `InventoryChanges`.
public struct TableSpec<Row: InventoryRow>: Sendable {
    /// The kind of CSV file ("controls" for controls.csv).
    public let kind: String
    /// The SQL table ("control").
    public let table: String
    /// What one row is called in messages ("control").
    public let noun: String
    public let columns: [ColumnSpec<Row>]
    /// A row with this id and every other value empty or its default, before the columns are set.
    public let blank: @Sendable (String) -> Row
    public let rows: WritableKeyPath<Workspace, [Row]> & Sendable
    public let changed: WritableKeyPath<InventoryChanges, [Row]> & Sendable
    public let removed: WritableKeyPath<InventoryChanges, [Row.ID]> & Sendable
    /// The id of a row as text (for SQL and messages) and back.
    public let id: @Sendable (String) -> Row.ID
    /// The order a workspace lists rows in.
    public let order: @Sendable (Row, Row) -> Bool
    /// Each column's `set`, in `columns` order.
    private let setters: [@Sendable (inout Row, Cell) -> String?]

    public init(
        kind: String, table: String, noun: String, columns: [ColumnSpec<Row>],
        blank: @escaping @Sendable (String) -> Row,
        rows: WritableKeyPath<Workspace, [Row]> & Sendable,
        changed: WritableKeyPath<InventoryChanges, [Row]> & Sendable,
        removed: WritableKeyPath<InventoryChanges, [Row.ID]> & Sendable, id: @escaping @Sendable (String) -> Row.ID,
        order: @escaping @Sendable (Row, Row) -> Bool = { NaturalOrder.less($0.id.description, $1.id.description) }
    ) {
        self.kind = kind
        self.table = table
        self.noun = noun
        self.columns = columns
        setters = columns.map(\.set)
        self.blank = blank
        self.rows = rows
        self.changed = changed
        self.removed = removed
        self.id = id
        self.order = order
    }

    /// The id column: always the first.
    public var idColumn: ColumnSpec<Row> { columns[0] }

    /// A row read back from its cells, one per column in `columns` order (the id's is not read);
    /// every value the domain does not know is named.
    public func make(id: String, cells: [Cell]) -> (Row, [(column: String, problem: String)]) {
        var row = blank(id)
        var problems: [(String, String)] = []
        // By index over the setters: this runs for every stored row, unspecialized.
        for index in 1..<min(setters.count, cells.count) {
            if let problem = setters[index](&row, cells[index]) { problems.append((columns[index].info.name, problem)) }
        }
        return (row, problems)
    }
}

/// What code generic over every inventory table needs, without knowing its row type.
public protocol AnyTableSpec: Sendable {
    associatedtype Row: InventoryRow
    var spec: TableSpec<Row> { get }
}

extension TableSpec: AnyTableSpec {
    public var spec: TableSpec<Row> { self }
}

/// A column as documentation, the schema checks and import's header matching see it.
public struct ColumnInfo: Sendable {
    /// The canonical CSV header.
    public let name: String
    /// Other headers import accepts.
    public let synonyms: [String]
    /// The column must be present in a file and its cell non-empty.
    public let required: Bool
    public let type: ColumnType
    public let storage: Storage
    /// One sentence for the README's table of columns.
    public let doc: String
}

extension AnyTableSpec {
    public var kind: String { spec.kind }
    public var columnInfo: [ColumnInfo] { spec.columns.map(\.info) }
}
