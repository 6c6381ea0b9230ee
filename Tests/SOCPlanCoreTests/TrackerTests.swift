import Testing

@testable import SOCPlanCore

/// A small joint engagement: one shared population (changes), one SOC 2 population (new users), over calendar
/// 2026, interim fieldwork 2026-10-14, final fieldwork Monday 2027-01-18 (weekends only).
private let evidence: [EvidenceItem] = [
    EvidenceItem(id: "EV-CHANGES", title: "Production changes", kind: .population, owner: "Engineering Manager"),
    EvidenceItem(id: "EV-USERS", title: "New user accounts", kind: .population, owner: "IT Operations Manager"),
    EvidenceItem(id: "EV-AAA", title: "Alphabetically first", kind: .population, owner: "HR Manager"),
]

private let changes = Control(
    id: "CM-1", title: "Change approval", frequency: .eventDriven, nature: .itDependentManual, risk: .high,
    objectives: ["ITGC-03"], criteria: ["CC8.1"], evidence: ["EV-CHANGES"], testMethods: [.inquiry, .inspection],
    populationSize: 300)
private let users = Control(
    id: "AC-2", title: "New user approval", frequency: .eventDriven, nature: .manual, risk: .high,
    criteria: ["CC6.2"], evidence: ["EV-USERS"], testMethods: [.inquiry, .inspection], populationSize: 40)
/// A control on an item that sorts before both others, added later.
private let unrelated = Control(
    id: "HR-1", title: "Background checks", frequency: .eventDriven, nature: .manual, risk: .low,
    criteria: ["CC1.4"], evidence: ["EV-AAA"], testMethods: [.inquiry, .inspection], populationSize: 60)

private let criteria: [Criterion] = [
    Criterion(id: "CC1.4", category: .security, group: "CC1", cosoPrinciple: 4, title: "Competence"),
    Criterion(id: "CC6.2", category: .security, group: "CC6", cosoPrinciple: nil, title: "User registration"),
    Criterion(id: "CC8.1", category: .security, group: "CC8", cosoPrinciple: nil, title: "Change management"),
]

private let year = Period("2026-01-01..2026-12-31")!
private let engagement = Engagement(
    name: "fy", soc1: .type2(year), soc2: .type2(year),
    soc1Calendar: CalendarSettings(fieldworkStart: Day("2027-01-18")!),
    soc2Calendar: CalendarSettings(fieldworkStart: Day("2027-01-18")!))

private func plan(_ controls: [Control]) -> RequestList {
    EngagementPlan.make(
        PlanInputs(
            workspace: Workspace(
                info: WorkspaceInfo(organization: "X", profile: nil),
                objectives: [Objective(id: "ITGC-03", title: "Changes", domain: .itgc)], evidence: evidence,
                controls: controls),
            engagement: engagement, criteria: criteria, table: HandTypedDefaults.sampleTable,
            model: HandTypedDefaults.effortModel)
    ).requests
}

@Suite("Request tracker: stable ids and progress")
struct TrackerTests {
    @Test("adding an unrelated control leaves every existing request id on the same request")
    func idsStable() {
        // Given the list of two controls, and the list after a control on another evidence item is added (its
        // requests sort first: same due dates, and EV-AAA before EV-CHANGES)
        let before = plan([changes, users])
        let after = plan([changes, users, unrelated])
        func what(_ r: EvidenceRequest) -> String { "\(r.stage) \(r.evidence.id) \(r.period) \(r.part)" }
        let old = Dictionary(uniqueKeysWithValues: before.requests.map { ($0.id, what($0)) })
        let new = Dictionary(uniqueKeysWithValues: after.requests.map { ($0.id, what($0)) })
        // Then the new control's requests come first in the list, yet each old id still names the same request
        #expect(after.requests.first?.evidence.id == "EV-AAA")
        #expect(after.requests.count > before.requests.count)
        for (id, request) in old { #expect(new[id] == request, "\(id)") }
        // and the ids read as the evidence item, the stage letter and the number in due order
        #expect(old["EV-CHANGES/P1"] == "population EV-CHANGES 2026-01-01..2026-09-30 interim")
        #expect(old["EV-CHANGES/P2"] == "population EV-CHANGES 2026-10-01..2026-12-31 roll-forward")
        #expect(old["EV-USERS/S2"] == "sample EV-USERS 2026-10-01..2026-12-31 roll-forward")
    }

    @Test("status spellings people type are read; others are refused")
    func spellings() {
        #expect(RequestStatus(spelling: "In Progress") == .inProgress)
        #expect(RequestStatus(spelling: "in-progress") == .inProgress)
        #expect(RequestStatus(spelling: "IN_PROGRESS") == .inProgress)
        #expect(RequestStatus(spelling: "Accepted") == .accepted)
        #expect(RequestStatus(spelling: "done") == nil)
        #expect(RequestStatus(spelling: "") == nil)
    }

    @Test("overdue means past due and still with the client; testing is blocked by overdue or returned requests")
    func progress() throws {
        // Given the two-control list: interim populations due Mon 2026-10-05, interim samples Wed 2026-10-21
        let list = plan([changes, users])
        let population = try #require(list.requests.first { $0.id == "EV-CHANGES/P1" })
        #expect(population.due == Day("2026-10-05"))
        // and a tracker where the changes population was submitted, the users population is in progress,
        // and the interim users sample was returned
        let tracker = RequestTracker(entries: [
            "EV-CHANGES/P1": TrackerEntry(status: .submitted),
            "EV-USERS/P1": TrackerEntry(status: .inProgress),
            "EV-USERS/S1": TrackerEntry(status: .returned),
        ])
        // When progress is measured on 2026-10-06, the day after the populations fell due
        let progress = TrackerProgress(requests: list, tracker: tracker, asOf: Day("2026-10-06")!)
        // Then only the users population is overdue (the submitted one is with the auditor), one day late
        #expect(progress.overdue.map(\.request.id) == ["EV-USERS/P1"])
        #expect(progress.overdue.first?.daysLate == 1)
        // and AC-2's interim testing is blocked by both its population (overdue) and its sample (returned)
        #expect(progress.blocked.map(\.control) == ["AC-2"])
        #expect(progress.blocked.first?.requests.map(\.id) == ["EV-USERS/P1", "EV-USERS/S1"])
        #expect(progress.blocked.first?.fieldwork.phase == .interim)
        // and CM-1 waits on requests not yet due
        #expect(progress.waiting == 1)
        // and the tallies count every request once, per owner and per stage
        #expect(progress.total.total == list.requests.count)
        #expect(progress.byOwner.map(\.group) == ["Engineering Manager", "IT Operations Manager"])
        #expect(progress.byOwner[1][.inProgress] == 1 && progress.byOwner[1][.returned] == 1)
        #expect(progress.byStage.map(\.group) == ["population", "sample"])
        #expect(progress.byStage.reduce(0) { $0 + $1.overdue } == 1)
        // When measured on the due date itself, nothing is overdue yet
        #expect(TrackerProgress(requests: list, tracker: tracker, asOf: Day("2026-10-05")!).overdue.isEmpty)
    }
}
