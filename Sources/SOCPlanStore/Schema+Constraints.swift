import Foundation
import GRDB

/// Migration v6: the schema states what the code assumes.
///
/// CHECK constraints on the enumerated and yes/no columns, and link tables with foreign keys for
/// the objectives and criteria of CUECs and CSOCs and an engagement's SOC 1 scope (until now
/// "a; b" text that nothing checked).
/// SQLite adds a CHECK only by rebuilding the table, so `control`, `cuec`, `subservice`, `csoc`
/// and `customer` are rebuilt, copying every row.
///
/// A row the new schema would refuse (a value edited in with sqlite3, a reference to a removed
/// objective) stops the migration before anything changes, with every such row named. The
/// allowed values are written out here, not taken from the enums: a shipped migration must
/// not change when the code does.
enum Constraints {
    /// A condition every row must meet, as SQL, with the column it is about.
    struct Rule {
        var table: String
        var key: String
        var column: String
        var valid: String
    }

    static func choice(
        _ table: String, key: String = "id", _ column: String, _ values: [String], nullable: Bool = false
    )
        -> Rule
    {
        let list = values.map { "'\($0)'" }.joined(separator: ", ")
        let condition = "\(column) IN (\(list))"
        return Rule(
            table: table, key: key, column: column, valid: nullable ? "(\(column) IS NULL OR \(condition))" : condition)
    }

    static let reports = ["soc1", "soc2", "soc1; soc2"]
    static let rules: [Rule] = [
        // NULL (not known yet, since v9) passes; v6's columns are NOT NULL besides.
        choice(
            "control", "frequency",
            ["annual", "semiannual", "quarterly", "monthly", "weekly", "daily", "recurring", "event-driven"],
            nullable: true),
        choice("control", "nature", ["manual", "it-dependent-manual", "automated"], nullable: true),
        choice("control", "type", ["preventive", "detective"], nullable: true),
        Rule(table: "control", key: "id", column: "key", valid: "key IN (0, 1)"),
        choice("control", "risk", ["low", "high"]),
        Rule(
            table: "control", key: "id", column: "population_size",
            valid: "(population_size IS NULL OR (typeof(population_size) = 'integer' AND population_size >= 0))"),
        choice("cuec", "reports", reports),
        Rule(table: "cuec", key: "id", column: "assumed_in_design", valid: "assumed_in_design IN (0, 1)"),
        choice("subservice", key: "name", "reports", reports),
        Rule(
            table: "customer", key: "name", column: "fiscal_year_end",
            valid: "fiscal_year_end GLOB '[01][0-9]-[0-3][0-9]'"),
        Rule(
            table: "customer", key: "name", column: "weight",
            valid: "(typeof(weight) IN ('integer', 'real') AND weight >= 0)"),
    ]

    static let lists = [("soc1_objectives", "objective"), ("soc2_criteria", "criterion")]

    /// Every row of an older workspace that the new schema would refuse, named by table, row and
    /// column. Tables an older workspace does not have yet are skipped.
    static func problems(_ db: Database) throws -> [String] {
        var problems: [String] = []
        for rule in rules where try db.tableExists(rule.table) {
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(rule.key), \(rule.column) FROM \(rule.table) WHERE (\(rule.valid)) IS NOT 1")
            for row in rows {
                problems.append(
                    "table \(rule.table), row \((row[0] as String?) ?? shown(row[0])), column \(rule.column): "
                        + "\(shown(row[1])) is not allowed")
            }
        }
        for owner in ["cuec", "csoc"]
        where try db.tableExists(owner) && db.columns(in: owner).contains { $0.name == "soc1_objectives" } {
            for (column, table) in lists {
                let known = Set(try String.fetchAll(db, sql: "SELECT id FROM \(table)"))
                for row in try Row.fetchAll(db, sql: "SELECT id, \(column) FROM \(owner) ORDER BY id") {
                    for item in items(row[1]) where !known.contains(item) {
                        problems.append(
                            "table \(owner), row \(row[0] as String), column \(column): \(table) \"\(item)\" does not exist"
                        )
                    }
                }
            }
        }
        if try db.tableExists("engagement") && db.columns(in: "engagement").contains(where: { $0.name == "objectives" })
        {
            let known = Set(try String.fetchAll(db, sql: "SELECT id FROM objective"))
            for row in try Row.fetchAll(db, sql: "SELECT name, objectives FROM engagement ORDER BY name") {
                for item in items(row[1]) where !known.contains(item) {
                    problems.append(
                        "table engagement, row \(row[0] as String), column objectives: objective \"\(item)\" does not exist"
                    )
                }
            }
        }
        return problems
    }

    /// The error that names every row the new schema refuses.
    static func refusal(_ problems: [String]) -> StoreError {
        StoreError(
            listing: problems,
            "the workspace cannot be brought up to this version of socplan: "
                + (problems.count == 1 ? "one row holds" : "\(problems.count) rows hold")
                + " a value the new schema refuses; nothing was changed",
            hint:
                "correct those rows in sqlite3 (e.g. UPDATE control SET frequency = 'monthly' WHERE id = 'AC-1', "
                + "or remove the missing id from the list cell), then run the command again")
    }

    static func migrate(_ db: Database) throws {
        let problems = try problems(db)
        guard problems.isEmpty else { throw refusal(problems) }
        try db.execute(
            sql: """
                CREATE TABLE new_control (
                    id TEXT PRIMARY KEY,
                    title TEXT NOT NULL,
                    description TEXT NOT NULL DEFAULT '',
                    owner TEXT NOT NULL DEFAULT '',
                    frequency TEXT NOT NULL CHECK (\(valid("control", "frequency"))),
                    nature TEXT NOT NULL CHECK (\(valid("control", "nature"))),
                    type TEXT CHECK (\(valid("control", "type"))),
                    key INTEGER NOT NULL DEFAULT 1 CHECK (\(valid("control", "key"))),
                    risk TEXT NOT NULL DEFAULT 'low' CHECK (\(valid("control", "risk"))),
                    test_methods TEXT NOT NULL DEFAULT '',
                    test_procedure TEXT NOT NULL DEFAULT '',
                    population_size INTEGER CHECK (\(valid("control", "population_size"))),
                    systems TEXT NOT NULL DEFAULT '',
                    monitors TEXT NOT NULL DEFAULT '',
                    performed_by TEXT NOT NULL DEFAULT ''
                );
                INSERT INTO new_control SELECT id, title, description, owner, frequency, nature, type, key, risk,
                    test_methods, test_procedure, population_size, systems, monitors, performed_by FROM control;
                DROP TABLE control;
                ALTER TABLE new_control RENAME TO control;

                CREATE TABLE new_subservice (
                    name TEXT PRIMARY KEY,
                    services TEXT NOT NULL DEFAULT '',
                    method TEXT NOT NULL CHECK (method IN ('carve-out', 'inclusive')),
                    reports TEXT NOT NULL DEFAULT 'soc1; soc2' CHECK (\(valid("subservice", "reports")))
                );
                INSERT INTO new_subservice SELECT name, services, method, reports FROM subservice;
                DROP TABLE subservice;
                ALTER TABLE new_subservice RENAME TO subservice;

                CREATE TABLE new_cuec (
                    id TEXT PRIMARY KEY,
                    text TEXT NOT NULL,
                    actor TEXT NOT NULL DEFAULT '',
                    action TEXT NOT NULL DEFAULT '',
                    timing TEXT NOT NULL DEFAULT '',
                    evidence TEXT NOT NULL DEFAULT '',
                    reports TEXT NOT NULL DEFAULT 'soc1; soc2' CHECK (\(valid("cuec", "reports"))),
                    assumed_in_design INTEGER NOT NULL DEFAULT 1 CHECK (\(valid("cuec", "assumed_in_design")))
                );
                INSERT INTO new_cuec SELECT id, text, actor, action, timing, evidence, reports, assumed_in_design
                    FROM cuec;

                CREATE TABLE new_csoc (
                    id TEXT PRIMARY KEY,
                    subservice TEXT NOT NULL REFERENCES subservice(name) ON DELETE CASCADE,
                    text TEXT NOT NULL
                );
                INSERT INTO new_csoc SELECT id, subservice, text FROM csoc;
                CREATE INDEX csoc_by_subservice ON new_csoc(subservice);

                CREATE TABLE new_customer (
                    name TEXT PRIMARY KEY,
                    fiscal_year_end TEXT NOT NULL CHECK (\(valid("customer", "fiscal_year_end"))),
                    weight REAL NOT NULL DEFAULT 1 CHECK (\(valid("customer", "weight")))
                );
                INSERT INTO new_customer SELECT name, fiscal_year_end, weight FROM customer;
                DROP TABLE customer;
                ALTER TABLE new_customer RENAME TO customer;
                """)
        for owner in ["cuec", "csoc"] {
            for (_, table) in lists {
                try db.execute(
                    sql: """
                        CREATE TABLE \(owner)_\(table) (
                            \(owner)_id TEXT NOT NULL REFERENCES \(owner)(id) ON DELETE CASCADE,
                            \(table)_id TEXT NOT NULL REFERENCES \(table)(id) ON DELETE RESTRICT,
                            position INTEGER NOT NULL,
                            PRIMARY KEY (\(owner)_id, \(table)_id)
                        ) WITHOUT ROWID;
                        CREATE INDEX \(owner)_\(table)_by_\(table) ON \(owner)_\(table)(\(table)_id);
                        """)
            }
            for (column, table) in lists {
                let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO \(owner)_\(table) VALUES (?, ?, ?)")
                for row in try Row.fetchAll(db, sql: "SELECT id, \(column) FROM \(owner)") {
                    for (position, item) in items(row[1]).enumerated() {
                        try insert.execute(arguments: [row[0] as DatabaseValue, item, position])
                    }
                }
            }
            // The link tables name cuec(id): once the old table is gone, that is the rebuilt one.
            try db.execute(sql: "DROP TABLE \(owner); ALTER TABLE new_\(owner) RENAME TO \(owner)")
        }
        // An engagement's SOC 1 scope: no rows means every objective (the old NULL).
        try db.execute(
            sql: """
                CREATE TABLE engagement_objective (
                    engagement_name TEXT NOT NULL REFERENCES engagement(name) ON DELETE CASCADE ON UPDATE CASCADE,
                    objective_id TEXT NOT NULL REFERENCES objective(id) ON DELETE RESTRICT,
                    position INTEGER NOT NULL,
                    PRIMARY KEY (engagement_name, objective_id)
                ) WITHOUT ROWID;
                CREATE INDEX engagement_objective_by_objective ON engagement_objective(objective_id);
                """)
        let link = try db.makeStatement(sql: "INSERT OR IGNORE INTO engagement_objective VALUES (?, ?, ?)")
        for row in try Row.fetchAll(db, sql: "SELECT name, objectives FROM engagement") {
            for (position, item) in items(row[1]).enumerated() {
                try link.execute(arguments: [row[0] as DatabaseValue, item, position])
            }
        }
        try db.execute(sql: "ALTER TABLE engagement DROP COLUMN objectives")
    }

    /// The items of a list cell as the release wrote them ("a; b").
    static func items(_ value: DatabaseValue) -> [String] {
        (String.fromDatabaseValue(value) ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    static func shown(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "NULL"
        case .int64(let number): return "\(number)"
        case .double(let number): return "\(number)"
        case .string(let text): return "\"\(text)\""
        case .blob(let data): return "a blob of \(data.count) bytes"
        }
    }

    private static func valid(_ table: String, _ column: String) -> String {
        rules.first { $0.table == table && $0.column == column }?.valid ?? "1"
    }
}
