import SOCPlanCore
import SOCPlanIO
import SOCPlanStore
import Testing

/// CUECs, subservice organizations, CSOCs and customers in the workspace.
@Suite struct ComplementaryStoreTests {
    @Test func updatingASubserviceOrganizationKeepsItsCSOCs() throws {
        // Given a workspace seeded with the carved-out public cloud and its CSOCs
        let catalog = try CatalogLoader.builtIn()
        let store = try Store.inMemory()
        try store.initialise(
            info: WorkspaceInfo(organization: "Acme", profile: "payroll"), criteria: catalog.criteria,
            seed: catalog.seed(profile: "payroll", includeControls: true))
        let before = try store.snapshot()
        let cloud = try #require(before.subservice.first)
        #expect(!before.csocs.isEmpty)

        // When the organization's services are updated
        var changed = cloud
        changed.services = "Compute and storage only"
        try store.apply(InventoryChanges(subservice: [changed]))

        // Then the update landed and not one CSOC was lost with it
        let after = try store.snapshot()
        #expect(after.subservice == [changed])
        #expect(after.csocs == before.csocs)
    }
}

extension InventoryChanges {
    fileprivate init(subservice: [SubserviceOrganization]) {
        self.init()
        self.subservice = subservice
    }
}
