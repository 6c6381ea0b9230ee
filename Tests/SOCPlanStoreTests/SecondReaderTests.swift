import Foundation
import SOCPlanCore
import SOCPlanIO
import Testing

@testable import SOCPlanStore

/// A large workspace is read by two connections at once: the rows by one, the link tables (each
/// control's objectives, criteria and evidence) by another (`Store.SecondReader`, issue 16). The
/// workspace read must be the one a single connection reads, and one state of the file even
/// when another command commits while it is read.
@Suite("Reading the link tables on a second connection")
struct SecondReaderTests {
    /// A workspace file seeded like `socplan init --profile payroll` (objectives, evidence,
    /// starter controls, CUECs), plus 1,500 controls whose lists are not in key order.
    static func workspace(_ directory: URL) throws -> (store: Store, path: String) {
        let catalog = try StoreFixture.catalog()
        let path = directory.appendingPathComponent("w.sqlite").path
        let store = try Store.create(
            at: path, info: StoreFixture.info("payroll"), criteria: catalog.criteria,
            seed: StoreFixture.seed(catalog, profile: "payroll"), force: false)
        let objectives = try store.snapshot().objectives.map(\.id.rawValue)
        var controls = "control_id,title,frequency,nature,soc1_objectives,soc2_criteria\n"
        for number in 1...1_500 {
            let objective = objectives[number % objectives.count]
            controls += "C-\(number),Control \(number),monthly,manual,\(objective),CC7.2; CC6.1; CC1.1\n"
        }
        let outcome = InventoryImporter.prepare(
            files: [InputFile(name: "controls.csv", bytes: Array(controls.utf8))], options: .init(),
            workspace: try store.snapshot(), catalog: catalog)
        #expect(!outcome.diagnostics.hasErrors)
        try store.apply(outcome.changes)
        return (store, path)
    }

    @Test("reads the workspace one connection reads, each list in its own order")
    func sameWorkspace() throws {
        try StoreFixture.withTemporaryDirectory { directory in
            // Given a workspace whose lists are not in the link tables' key order
            let (store, path) = try Self.workspace(directory)

            // When it is read with a second connection, without one, and with one that cannot open
            let two = try store.snapshot(second: path)
            let one = try store.snapshot(second: nil)
            let failed = try store.snapshot(second: directory.appendingPathComponent("none/w.sqlite").path)

            // Then all three are the same workspace, and a control's criteria keep the file's order
            let (same, sameWhenFailed) = (two == one, failed == one)
            #expect(same)
            #expect(sameWhenFailed)
            #expect(two.controls.count > 1_500)
            #expect(two.cuecs.count > 0)
            let control = try #require(two.controls.first { $0.id.rawValue == "C-1" })
            #expect(control.criteria.map(\.rawValue) == ["CC7.2", "CC6.1", "CC1.1"])
        }
    }

    @Test("never mixes two states of the file when a command commits while it is read")
    func commitWhileReading() throws {
        try StoreFixture.withTemporaryDirectory { directory in
            // Given a workspace, as it is before another command changes it
            let (store, path) = try Self.workspace(directory)
            let before = try store.snapshot(second: nil)
            var changed = try #require(before.controls.first { $0.id.rawValue == "C-1" })
            changed.description = "Changed while the workspace was read"
            changed.criteria = [CriterionID("CC8.1")]
            let change = InventoryChanges(controls: [changed])

            // When that command commits the change (a control's description, in its own table,
            // and its criteria, in a link table) after the first connection has begun to read
            // and before the second begins
            let read = try store.snapshot(second: path) {
                do { try Store.open(at: path).apply(change) } catch { Issue.record(error) }
            }

            // Then the read is the workspace before the change, whole (not its description
            // before and its criteria after), and the change is there for the next read
            let original = try #require(before.controls.first { $0.id.rawValue == "C-1" })
            #expect(read.controls.first { $0.id.rawValue == "C-1" } == original)
            let unchanged = read == before
            #expect(unchanged)
            let after = try store.snapshot()
            #expect(after.controls.first { $0.id.rawValue == "C-1" } == changed)
        }
    }

    @Test("never reads another file made anew at the workspace's path while the first connection has it open")
    func workspaceReplaced() throws {
        try StoreFixture.withTemporaryDirectory { directory in
            // Given a workspace open for reading, as it is
            let (store, path) = try Self.workspace(directory)
            let before = try store.snapshot(second: nil)

            // When `init --force` makes a new workspace at its path (renamed over the old file)
            // before the read
            let catalog = try StoreFixture.catalog()
            _ = try Store.create(
                at: path, info: StoreFixture.info("payroll"), criteria: catalog.criteria,
                seed: StoreFixture.seed(catalog, profile: "payroll"), force: true)
            let read = try store.snapshot(second: path)

            // Then the read is the file the store opened, whole: no list from the new file
            let original = try #require(before.controls.first { $0.id.rawValue == "C-1" })
            #expect(read.controls.first { $0.id.rawValue == "C-1" } == original)
            let unchanged = read == before
            #expect(unchanged)
        }
    }
}
