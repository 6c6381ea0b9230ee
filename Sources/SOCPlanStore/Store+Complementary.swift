import GRDB
import SOCPlanCore

/// CUECs, subservice organizations, CSOCs and customers: lists kept as "a; b" text.
extension Store {
    static func applyComplementary(_ changes: InventoryChanges, in db: Database) throws {
        for name in changes.removedSubservice {
            try db.execute(sql: "DELETE FROM subservice WHERE name = ?", arguments: [name])
        }
        for organization in changes.subservice {
            // An upsert, not INSERT OR REPLACE: replacing the row would cascade-delete its CSOCs.
            try db.execute(
                sql: """
                    INSERT INTO subservice (name, services, method, reports) VALUES (?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET services = excluded.services, method = excluded.method,
                        reports = excluded.reports
                    """,
                arguments: [
                    organization.name, organization.services, organization.method.rawValue,
                    joined(organization.reports.map(\.rawValue)),
                ])
        }
        for id in changes.removedCSOCs { try db.execute(sql: "DELETE FROM csoc WHERE id = ?", arguments: [id]) }
        for csoc in changes.csocs {
            try db.execute(
                sql:
                    "INSERT OR REPLACE INTO csoc (id, subservice, text, soc1_objectives, soc2_criteria) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    csoc.id, csoc.subservice, csoc.text, joined(csoc.objectives.map(\.rawValue)),
                    joined(csoc.criteria.map(\.rawValue)),
                ])
        }
        for id in changes.removedCUECs { try db.execute(sql: "DELETE FROM cuec WHERE id = ?", arguments: [id]) }
        for cuec in changes.cuecs {
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO cuec (id, text, actor, action, timing, evidence, soc1_objectives, soc2_criteria,
                        reports, assumed_in_design)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    cuec.id, cuec.text, cuec.actor, cuec.action, cuec.timing, cuec.evidence,
                    joined(cuec.objectives.map(\.rawValue)), joined(cuec.criteria.map(\.rawValue)),
                    joined(cuec.reports.map(\.rawValue)), cuec.assumedInDesign,
                ])
        }
        for name in changes.removedCustomers {
            try db.execute(sql: "DELETE FROM customer WHERE name = ?", arguments: [name])
        }
        for customer in changes.customers {
            try db.execute(
                sql: "INSERT OR REPLACE INTO customer (name, fiscal_year_end, weight) VALUES (?, ?, ?)",
                arguments: [customer.name, customer.fiscalYearEnd, customer.weight])
        }
    }

    static func cuecs(_ db: Database) throws -> [CUEC] {
        try Row.fetchAll(db, sql: "SELECT * FROM cuec").map { (row: Row) -> CUEC in
            CUEC(
                id: row["id"], text: row["text"], actor: row["actor"], action: row["action"], timing: row["timing"],
                evidence: row["evidence"], objectives: list(row["soc1_objectives"]).map { ObjectiveID($0) },
                criteria: list(row["soc2_criteria"]).map { CriterionID($0) },
                reports: list(row["reports"]).compactMap { ReportKind(rawValue: $0) },
                assumedInDesign: row["assumed_in_design"])
        }.sorted { NaturalOrder.less($0.id, $1.id) }
    }

    static func subservice(_ db: Database) throws -> [SubserviceOrganization] {
        try Row.fetchAll(db, sql: "SELECT * FROM subservice").map { (row: Row) -> SubserviceOrganization in
            SubserviceOrganization(
                name: row["name"], services: row["services"],
                method: SubserviceMethod(rawValue: row["method"] as String) ?? .carveOut,
                reports: list(row["reports"]).compactMap { ReportKind(rawValue: $0) })
        }.sorted { NaturalOrder.less($0.name, $1.name) }
    }

    static func csocs(_ db: Database) throws -> [CSOC] {
        try Row.fetchAll(db, sql: "SELECT * FROM csoc").map { (row: Row) -> CSOC in
            CSOC(
                id: row["id"], subservice: row["subservice"], text: row["text"],
                objectives: list(row["soc1_objectives"]).map { ObjectiveID($0) },
                criteria: list(row["soc2_criteria"]).map { CriterionID($0) })
        }.sorted { NaturalOrder.less($0.id, $1.id) }
    }

    static func customers(_ db: Database) throws -> [Customer] {
        try Row.fetchAll(db, sql: "SELECT * FROM customer").compactMap { (row: Row) -> Customer? in
            let end: String = row["fiscal_year_end"]
            let parts = end.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2 else { return nil }
            return Customer(
                name: row["name"], fiscalYearEndMonth: parts[0], fiscalYearEndDay: parts[1], weight: row["weight"])
        }.sorted { NaturalOrder.less($0.name, $1.name) }
    }
}
