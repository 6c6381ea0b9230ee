import SOCPlanCore
import SOCPlanStore
import Testing

@Suite("Request tracker in the workspace")
struct TrackerStoreTests {
    static let year = Period("2026-01-01..2026-12-31")!

    func store() throws -> Store {
        let store = try Store.inMemory()
        try store.initialise(
            info: WorkspaceInfo(organization: "Acme", profile: nil), criteria: [], seed: InventoryChanges())
        try store.save(Engagement(name: "fy", soc1: .type2(Self.year), soc2: .none))
        try store.save(Engagement(name: "other", soc1: .type2(Self.year), soc2: .none))
        return store
    }

    @Test("entries and history are kept per engagement, follow a rename and go with a deleted engagement")
    func perEngagement() throws {
        // Given a tracker entry and two status changes for fy
        let store = try store()
        let entry = TrackerEntry(
            status: .submitted, evidenceLink: "https://x/y", submittedOn: Day("2026-10-02"), clientNotes: "see tab 2")
        try store.updateTracker(
            of: "fy", entries: ["EV-A/P1": entry],
            changes: [
                StatusChange(
                    requestID: "EV-A/P1", at: "2026-10-01T10:00:00Z", by: "dana", from: .requested, to: .inProgress,
                    source: "a.csv"),
                StatusChange(
                    requestID: "EV-A/P1", at: "2026-10-02T10:00:00Z", by: "dana", from: .inProgress, to: .submitted,
                    source: "b.csv"),
            ])
        // Then fy reads it back whole, the other engagement has nothing, and the history is oldest first
        #expect(try store.tracker(of: "fy")["EV-A/P1"] == entry)
        #expect(try store.tracker(of: "fy")["EV-UNKNOWN/P1"] == TrackerEntry())
        #expect(try store.tracker(of: "other").isEmpty)
        #expect(try store.statusHistory(of: "fy").map(\.to) == [.inProgress, .submitted])
        #expect(try store.statusHistory(of: "fy", request: "EV-B/P1").isEmpty)
        // When fy is renamed fy2026
        try store.save(Engagement(name: "fy2026", soc1: .type2(Self.year), soc2: .none), replacing: "fy")
        // Then the tracker and its history moved with it
        #expect(try store.tracker(of: "fy2026")["EV-A/P1"] == entry)
        #expect(try store.statusHistory(of: "fy2026").count == 2)
        #expect(try store.tracker(of: "fy").isEmpty)
        // When it is deleted, its tracker goes too
        #expect(try store.deleteEngagement(named: "fy2026"))
        #expect(try store.tracker(of: "fy2026").isEmpty)
        #expect(try store.statusHistory(of: "fy2026").isEmpty)
    }
}
