import Foundation
import GRDB
import SOCPlanCore
import SOCPlanIO
import Testing

@testable import SOCPlanStore

/// A workspace file as the current release (schema v4) writes it: its migrations only, and its
/// hand-written INSERTs, lists as "a; b" text.
enum ReleaseWorkspace {
    static func create(at path: String, _ workspace: Workspace, criteria: [Criterion]) throws {
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v4-complementary")
        try queue.write { db in
            func joined(_ values: [String]) -> String { values.joined(separator: "; ") }
            try db.execute(
                sql: "INSERT INTO workspace (id, organization, profile) VALUES (1, ?, ?)",
                arguments: [workspace.info.organization, workspace.info.profile])
            for (position, criterion) in criteria.enumerated() {
                try db.execute(
                    sql: "INSERT INTO criterion VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [
                        criterion.id.rawValue, criterion.category.rawValue, criterion.group, criterion.cosoPrinciple,
                        criterion.title, position,
                    ])
            }
            for item in workspace.objectives {
                try db.execute(
                    sql: "INSERT INTO objective VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        item.id.rawValue, item.title, item.domain.rawValue, item.area,
                        joined(item.assertions.map(\.rawValue)),
                    ])
            }
            for item in workspace.evidence {
                try db.execute(
                    sql: "INSERT INTO evidence VALUES (?, ?, ?, ?, ?)",
                    arguments: [item.id.rawValue, item.title, item.kind.rawValue, item.source, item.owner])
            }
            for item in workspace.subservice {
                try db.execute(
                    sql: "INSERT INTO subservice VALUES (?, ?, ?, ?)",
                    arguments: [item.name, item.services, item.method.rawValue, joined(item.reports.map(\.rawValue))])
            }
            for item in workspace.controls {
                let id = item.id.rawValue
                try db.execute(
                    sql: """
                        INSERT INTO control (id, title, description, owner, frequency, nature, type, key, risk,
                            test_methods, test_procedure, population_size, systems, monitors, performed_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        id, item.title, item.description, item.owner, item.frequency.rawValue, item.nature.rawValue,
                        item.type?.rawValue, item.key, item.risk.rawValue, joined(item.testMethods.map(\.rawValue)),
                        item.testProcedure, item.populationSize, joined(item.systems), joined(item.monitors),
                        item.performedBy,
                    ])
                for (table, links) in [
                    ("control_objective", item.objectives.map(\.rawValue)),
                    ("control_criterion", item.criteria.map(\.rawValue)),
                    ("control_evidence", item.evidence.map(\.rawValue)),
                ] {
                    for (position, link) in links.enumerated() {
                        try db.execute(sql: "INSERT INTO \(table) VALUES (?, ?, ?)", arguments: [id, link, position])
                    }
                }
            }
            for item in workspace.csocs {
                try db.execute(
                    sql: "INSERT INTO csoc VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        item.id, item.subservice, item.text, joined(item.objectives.map(\.rawValue)),
                        joined(item.criteria.map(\.rawValue)),
                    ])
            }
            for item in workspace.cuecs {
                try db.execute(
                    sql: "INSERT INTO cuec VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: [
                        item.id, item.text, item.actor, item.action, item.timing, item.evidence,
                        joined(item.objectives.map(\.rawValue)), joined(item.criteria.map(\.rawValue)),
                        joined(item.reports.map(\.rawValue)), item.assumedInDesign,
                    ])
            }
            for item in workspace.engagements {
                func scope(_ scope: ReportScope) -> [String?] {
                    switch scope {
                    case .none: return ["none", nil, nil]
                    case .type1(let day): return ["type1", nil, day.description]
                    case .type2(let period): return ["type2", period.start.description, period.end.description]
                    }
                }
                try db.execute(
                    sql: "INSERT INTO engagement VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: StatementArguments(
                        [item.name] + scope(item.soc1) + scope(item.soc2) + [
                            joined(item.orderedCategories.map(\.rawValue)),
                            item.objectives.map { joined($0.map(\.rawValue)) },
                            item.soc1Calendar.fieldworkStart?.description,
                        ]))
            }
            for item in workspace.customers {
                try db.execute(
                    sql: "INSERT INTO customer VALUES (?, ?, ?)",
                    arguments: [item.name, item.fiscalYearEnd, item.weight])
            }
        }
        try queue.close()
    }

    /// The payroll seed with its starter controls, CUECs, the cloud vendor's CSOCs, two customers and an engagement.
    static func payroll(_ catalog: Catalog) throws -> Workspace {
        var seed = catalog.seed(profile: "payroll", includeControls: true)
        seed.engagements = [
            Engagement(
                name: "fy2026",
                soc1: .type2(Period(start: try #require(Day("2026-01-01")), end: try #require(Day("2026-12-31")))),
                soc2: .type1(asOf: try #require(Day("2026-06-30"))), categories: [.security, .availability],
                objectives: ["ITGC-01", "BP-PAY-1"],
                soc1Calendar: CalendarSettings(fieldworkStart: Day("2027-01-18")),
                soc2Calendar: CalendarSettings(fieldworkStart: Day("2027-01-18")))
        ]
        seed.customers = [
            Customer(name: "Alder Foods", fiscalYearEndMonth: 6, fiscalYearEndDay: 30, weight: 87_500.5),
            Customer(name: "Birch Health", fiscalYearEndMonth: 12, fiscalYearEndDay: 31),
        ]
        // A v4 release had no components (v9-issue15): the seeded cloud's stay empty after the upgrade.
        for index in seed.subservice.indices { seed.subservice[index].components = [] }
        for index in seed.csocs.indices { seed.csocs[index].components = [] }
        return Workspace(info: WorkspaceInfo(organization: "Acme Payroll", profile: "payroll")).applying(seed)
    }

    /// Row counts of the tables a v4 workspace and its successor share.
    static func counts(_ path: String) throws -> [String: Int] {
        try DatabaseQueue(path: path).read { db in
            var counts: [String: Int] = [:]
            for table in [
                "objective", "evidence", "control", "control_objective", "control_criterion", "control_evidence",
                "subservice", "csoc", "cuec", "customer", "criterion", "engagement",
            ] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")
            }
            return counts
        }
    }
}

@Suite("The workspace schema")
struct SchemaTests {
    @Suite("Upgrading a workspace of the current release")
    struct Upgrade {
        @Test func everyRowIsKept() throws {
            try StoreFixture.withTemporaryDirectory { directory in
                // Given a payroll workspace written by the current release (schema v4, lists as text)
                let catalog = try StoreFixture.catalog()
                let original = try ReleaseWorkspace.payroll(catalog)
                try #require(!original.cuecs.isEmpty && !original.csocs.isEmpty && !original.customers.isEmpty)
                let path = directory.appendingPathComponent("release.sqlite").path
                try ReleaseWorkspace.create(at: path, original, criteria: catalog.criteria)
                let before = try ReleaseWorkspace.counts(path)

                // When this version opens it
                let store = try Store.open(at: path)

                // Then every row is there, equal to what was written, the CUEC, CSOC and scope lists now in link tables
                #expect(try store.snapshot() == original)
                #expect(try ReleaseWorkspace.counts(path) == before)
                let links = try DatabaseQueue(path: path).read { db in
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM cuec_objective") ?? 0
                }
                #expect(links == original.cuecs.map(\.objectives.count).reduce(0, +))
                let scope = try DatabaseQueue(path: path).read { db in
                    try String.fetchAll(db, sql: "SELECT objective_id FROM engagement_objective ORDER BY position")
                }
                #expect(scope == ["ITGC-01", "BP-PAY-1"])
            }
        }

        @Test func rowsTheNewSchemaRefusesAreNamedAndNothingChanges() throws {
            try StoreFixture.withTemporaryDirectory { directory in
                // Given a release workspace edited by hand: an unknown frequency, a customer year end
                // that is no date, and a CUEC and an engagement naming objectives that do not exist
                let catalog = try StoreFixture.catalog()
                let path = directory.appendingPathComponent("edited.sqlite").path
                try ReleaseWorkspace.create(at: path, try ReleaseWorkspace.payroll(catalog), criteria: catalog.criteria)
                try DatabaseQueue(path: path).write { db in
                    try db.execute(sql: "UPDATE control SET frequency = 'fortnightly' WHERE id = 'AC-01'")
                    try db.execute(sql: "UPDATE customer SET fiscal_year_end = 'June' WHERE name = 'Alder Foods'")
                    try db.execute(sql: "UPDATE cuec SET soc1_objectives = 'ITGC-01; NOPE-9' WHERE id = 'CUEC-PAY-1'")
                    try db.execute(sql: "UPDATE engagement SET objectives = 'ITGC-01; GONE-1' WHERE name = 'fy2026'")
                }
                let before = try Data(contentsOf: URL(fileURLWithPath: path))

                // When this version opens it
                let error = #expect(throws: StoreError.self) { try Store.open(at: path) }

                // Then each offending row is named by table, row, column and value, with how to fix it
                let message = error?.message ?? ""
                #expect(message.contains("4 rows"), "\(message)")
                #expect(message.contains("table control, row AC-01, column frequency: \"fortnightly\""))
                #expect(message.contains("table customer, row Alder Foods, column fiscal_year_end: \"June\""))
                #expect(message.contains("table cuec, row CUEC-PAY-1, column soc1_objectives: objective \"NOPE-9\""))
                #expect(message.contains("table engagement, row fy2026, column objectives: objective \"GONE-1\""))
                #expect(error?.hint.contains("sqlite3") == true)

                // And the file is as it was: still schema v4, every row in place
                #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
                let migrations = try DatabaseQueue(path: path).read { db in
                    try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                }
                #expect(!migrations.contains("v6-constraints"))
            }
        }
    }

    @Suite("What the schema refuses")
    struct Constraints {
        /// Every enumerated column of every table, with the SQL that puts a value into it.
        static func enumerated() -> [(table: String, column: String, key: String)] {
            Tables.all.flatMap { table in
                table.columnInfo.compactMap { column -> (String, String, String)? in
                    guard case .choice = column.type, case .column(let name) = column.storage,
                        case .column(let key) = table.columnInfo[0].storage
                    else { return nil }
                    return (tableName(table), name, key)
                }
            }
        }

        static func tableName<T: AnyTableSpec>(_ table: T) -> String { table.spec.table }

        @Test func everyEnumeratedColumnRefusesAValueItDoesNotKnow() throws {
            // Given a payroll workspace, which has a row in every table
            let catalog = try StoreFixture.catalog()
            let store = try StoreFixture.store(
                catalog, profile: "payroll", seed: StoreFixture.seed(catalog, profile: "payroll"))
            let workspace = try store.snapshot()
            try #require(!workspace.controls.isEmpty && !workspace.subservice.isEmpty)

            for (table, column, _) in Self.enumerated() {
                // When any enumerated column is set to a value outside its list
                let refused = #expect(throws: StoreError.self, "\(table).\(column)") {
                    try store.write { db in try db.execute(sql: "UPDATE \(table) SET \(column) = 'not-a-value'") }
                }

                // Then SQLite refuses it with a CHECK constraint
                #expect(refused?.message.contains("CHECK constraint failed") == true, "\(table).\(column)")
            }
            #expect(Self.enumerated().count >= 7)
        }

        @Test func theSchemaHasEveryDescribedColumn() throws {
            // Given a new workspace
            let queue = try DatabaseQueue()
            try Schema.migrator.migrate(queue)

            // Then every column of every table description is a column of its table or a link table
            try queue.read { db in
                for table in Tables.all {
                    let name = Self.tableName(table)
                    let columns = Set(try db.columns(in: name).map(\.name))
                    for column in table.columnInfo {
                        switch column.storage {
                        case .column(let sql): #expect(columns.contains(sql), "\(name).\(sql)")
                        case .link(let link, let owner, let target):
                            let linkColumns = Set(try db.columns(in: link).map(\.name))
                            #expect(linkColumns == [owner, target, "position"], "\(link)")
                            #expect(try !db.foreignKeys(on: link).isEmpty, "\(link) has foreign keys")
                        }
                    }
                }
            }
        }
    }

    @Suite("Reading values the code does not know")
    struct UnknownValues {
        /// A payroll workspace file whose `sql` was run with the CHECK constraints switched off.
        static func edited(_ sql: String, in directory: URL) throws -> String {
            let catalog = try StoreFixture.catalog()
            let path = directory.appendingPathComponent("ws.sqlite").path
            let store = try Store.create(
                at: path, info: StoreFixture.info("payroll"), criteria: catalog.criteria,
                seed: StoreFixture.seed(catalog, profile: "payroll"), force: false)
            let year = Period(start: try #require(Day("2026-01-01")), end: try #require(Day("2026-12-31")))
            try store.save(
                Engagement(
                    name: "fy2026", soc1: .type2(year), soc2: .type1(asOf: year.end),
                    soc2Calendar: CalendarSettings(fieldworkStart: Day("2027-01-18"))))
            try DatabaseQueue(path: path).write { db in
                try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
                try db.execute(sql: sql)
            }
            return path
        }

        @Test(arguments: [
            (
                "UPDATE control SET frequency = 'fortnightly' WHERE id = 'AC-01'",
                "table control, row AC-01, column frequency: \"fortnightly\" is not a frequency"
            ),
            (
                "UPDATE control SET type = 'corrective' WHERE id = 'AC-01'",
                "table control, row AC-01, column type: \"corrective\" is not a type"
            ),
            (
                "UPDATE control SET test_methods = 'inspection; guesswork' WHERE id = 'AC-01'",
                "table control, row AC-01, column test_methods: \"guesswork\" is not a test method"
            ),
            (
                "UPDATE control SET key = 7 WHERE id = 'AC-01'",
                "table control, row AC-01, column key: 7 is neither 1 (yes) nor 0 (no)"
            ),
            (
                "UPDATE cuec SET reports = 'soc3' WHERE id = 'CUEC-PAY-1'",
                "table cuec, row CUEC-PAY-1, column reports: \"soc3\" is not soc1, soc2 or both"
            ),
            (
                "UPDATE engagement SET soc2_end = 'June' WHERE name = 'fy2026'",
                "table engagement, row fy2026, column soc2_end: \"June\" is not a date"
            ),
            (
                "UPDATE engagement SET categories = 'security; safety' WHERE name = 'fy2026'",
                "table engagement, row fy2026, column categories: \"safety\" is not a SOC 2 category"
            ),
            (
                "UPDATE engagement SET soc2_fieldwork = 'soon' WHERE name = 'fy2026'",
                "table engagement, row fy2026, column soc2_fieldwork: \"soon\" is neither a date nor a period"
            ),
            (
                "UPDATE engagement SET soc1_start = NULL WHERE name = 'fy2026'",
                "table engagement, row fy2026, column soc1_start: a Type 2 needs its period"
            ),
            (
                "UPDATE evidence SET kind = 'photo' WHERE id = 'EV-NEW-USERS'",
                "table evidence, row EV-NEW-USERS, column kind: \"photo\" is not an evidence kind"
            ),
        ])
        func isAnErrorNamingTableRowAndColumn(_ sql: String, _ expected: String) throws {
            try StoreFixture.withTemporaryDirectory { directory in
                // Given a workspace holding a value socplan does not know
                let path = try Self.edited(sql, in: directory)

                // When it is read
                let error = #expect(throws: StoreError.self) { try Store.open(at: path).snapshot() }

                // Then the error names the table, row, column and value, and says how to fix it
                #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
                #expect(error?.hint.contains("import") == true && error?.hint.contains("sqlite3") == true)
            }
        }
    }
}
