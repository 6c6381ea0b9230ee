import Foundation
import PropertyBased
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore
import Testing

extension StoreTests {
    @Suite("Every table round-trips through a workbook")
    struct WorkbookRoundTrip {
        @Test func generatedWorkspaceSurvivesExportAsXLSXAndImport() async throws {
            let catalog = try StoreFixture.catalog()
            let criteria = catalog.criteria.map(\.id)
            let input = Gen.int(in: 0...1_000_000).array(of: 0...400)

            await propertyCheck(count: 20, input: input) { values in
                // Given a workspace holding generated rows of every table, every column filled
                var entropy = TableGen.Entropy(values: values)
                let original = TableGen.workspace(&entropy, criteria: criteria)

                // When it is exported as one workbook and imported into an empty workspace
                let bytes = Array(try XLSXWriter.data(Workbooks.inventory(original)))
                let copy = try Store.inMemory()
                try copy.initialise(info: TableGen.info, criteria: catalog.criteria, seed: InventoryChanges())
                let outcome = InventoryImporter.prepare(
                    files: [InputFile(name: "inventory.xlsx", bytes: bytes)], options: .init(),
                    workspace: try copy.snapshot(), catalog: catalog)
                // (controls generated without a frequency are imported, with the warning that says so)
                #expect(
                    outcome.diagnostics.filter { $0.severity != .note && $0.code != "not-sized" }.map(\.rendered) == [])
                if !outcome.diagnostics.hasErrors { try copy.apply(outcome.changes) }

                // Then the imported workspace is the original, and it exports to the same workbook
                #expect(try copy.snapshot() == original)
                #expect(try XLSXWriter.data(Workbooks.inventory(try copy.snapshot())) == Data(bytes))
            }
        }
    }
}
