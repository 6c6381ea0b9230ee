import Foundation
import GRDB
import SOCPlanCore
import SOCPlanStore
import Testing

/// A first import of many rows builds the link tables' secondary indexes after the rows
/// (issue 16): the workspace must end with the same indexes, used as before.
@Suite("A large first import")
struct LargeImportTests {
    /// The indexes of a workspace: name → the SQL that makes it.
    static func indexes(_ path: String) throws -> [String: String] {
        try DatabaseQueue(path: path).read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(
                    db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                ).map { ($0["name"] as String, $0["sql"] as String) })
        }
    }

    @Test("keeps every index of the workspace, and queries by objective, criterion or evidence use them")
    func indexesRebuilt() throws {
        try StoreFixture.withTemporaryDirectory { directory in
            // Given a new workspace, and its indexes
            let url = directory.appendingPathComponent("large.sqlite")
            let catalog = try StoreFixture.catalog()
            let store = try Store.create(
                at: url.path, info: StoreFixture.info(nil), criteria: catalog.criteria, seed: InventoryChanges(),
                force: false)
            let before = try Self.indexes(url.path)
            #expect(before["control_criterion_by_criterion"] != nil)

            // When 3,000 controls with objectives, criteria and evidence are written at once
            var changes = InventoryChanges()
            changes.objectives = (1...20).map {
                Objective(id: ObjectiveID("OBJ-\($0)"), title: "Objective \($0)", domain: .itgc)
            }
            changes.evidence = (1...20).map {
                EvidenceItem(id: EvidenceID("EV-\($0)"), title: "Item \($0)", kind: .document)
            }
            changes.controls = (1...3_000).map { number in
                Control(
                    id: ControlID("C-\(number)"), title: "Control \(number)", frequency: .monthly, nature: .manual,
                    objectives: [ObjectiveID("OBJ-\(number % 20 + 1)")],
                    criteria: [CriterionID("CC6.1"), CriterionID(number.isMultiple(of: 2) ? "CC7.2" : "CC8.1")],
                    evidence: [EvidenceID("EV-\(number % 20 + 1)")])
            }
            try store.apply(changes)

            // Then the workspace has the same indexes, whole, and the link tables' are used
            #expect(try Self.indexes(url.path) == before)
            try DatabaseQueue(path: url.path).read { db in
                #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
                for (table, column, index) in [
                    ("control_criterion", "criterion_id", "control_criterion_by_criterion"),
                    ("control_objective", "objective_id", "control_objective_by_objective"),
                    ("control_evidence", "evidence_id", "control_evidence_by_evidence"),
                ] {
                    let plan = try Row.fetchAll(
                        db, sql: "EXPLAIN QUERY PLAN SELECT control_id FROM \(table) WHERE \(column) = 'X'"
                    ).map { $0["detail"] as String }.joined()
                    #expect(plan.contains(index), "\(plan)")
                }
                #expect(
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM control_criterion WHERE criterion_id = 'CC7.2'")
                        == 1_500)
            }
            // And the rows read back as written
            #expect(try store.snapshot().controls.count == 3_000)
        }
    }
}
