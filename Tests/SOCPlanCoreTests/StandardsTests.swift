import SOCPlanCore
import Testing

// Issue 15: what the standards require of carve-outs, windows, sections 3 and 4 and test
// procedures. Each test is named after what a user sees.

private let criteria: [Criterion] = [
    Criterion(id: "CC6.4", category: .security, group: "CC6", cosoPrinciple: nil, title: "Physical access"),
    Criterion(id: "CC8.1", category: .security, group: "CC8", cosoPrinciple: nil, title: "Change management"),
    Criterion(id: "CC9.2", category: .security, group: "CC9", cosoPrinciple: nil, title: "Vendor and partner risk"),
]

private let objectives: [Objective] = [
    Objective(id: "ITGC-02", title: "Physical access", domain: .itgc, area: "physical-access"),
    Objective(id: "ITGC-03", title: "Change management", domain: .itgc, area: "change-management"),
    Objective(id: "ITGC-10", title: "Vendor monitoring", domain: .itgc, area: "vendor-monitoring"),
]

private let cloud = "Nimbus Cloud"

/// As Catalogs/carve-out-layers.csv: physical access runs only through facilities and hardware.
private let layers = CarveOutLayers(rules: [
    Spelling.key("CC6.4"): [.facilities, .hardware], Spelling.key("physical-access"): [.facilities, .hardware],
])

private let review = Control(
    id: "VM-1", title: "Annual review of the cloud's SOC 2 report", owner: "IT Manager", frequency: .annual,
    nature: .manual, objectives: ["ITGC-10"], criteria: ["CC9.2"], monitors: [cloud])

/// The cloud runs facilities, hardware, network and hypervisors; CSOC-1 is about its data centers,
/// CSOC-5 about its hypervisor changes. The organization has no change-management control of its own.
private func workspace(
    components: [Component] = [.facilities, .hardware, .network, .hypervisor], controls: [Control] = [review]
)
    -> Workspace
{
    Workspace(
        info: WorkspaceInfo(organization: "Acme Payroll", profile: nil), objectives: objectives, controls: controls,
        subservice: [SubserviceOrganization(name: cloud, services: "Hosting", components: components)],
        csocs: [
            CSOC(
                id: "CSOC-1", subservice: cloud, text: "Restricts physical access to its data centers",
                objectives: ["ITGC-02"], criteria: ["CC6.4"], components: [.facilities, .hardware]),
            CSOC(
                id: "CSOC-5", subservice: cloud, text: "Authorizes and tests changes to hypervisors",
                objectives: ["ITGC-03"], criteria: ["CC8.1"], components: [.hypervisor]),
        ])
}

private let year = Period(start: Day(year: 2026, month: 1, day: 1)!, end: Day(year: 2026, month: 12, day: 31)!)
private let joint = Engagement(name: "fy2026", soc1: .type2(year), soc2: .type2(year))

@Suite("Standards: carve-out components")
struct CarveOutComponentsTests {
    @Test("a CSOC about the cloud's hypervisor changes leaves the organization's own change management a gap")
    func hypervisorCSOCIsNotChangeManagement() throws {
        // Given the cloud's CSOC on hypervisor changes and no change control of the organization's own
        let overlap = Overlap(workspace: workspace(), engagement: joint, criteria: criteria, layers: layers)
        // When the coverage is computed
        let cc81 = try #require(overlap.criteria.first { $0.id == "CC8.1" })
        let itgc03 = try #require(overlap.objectives.first { $0.id == "ITGC-03" })
        // Then CC8.1 and ITGC-03 are gaps, not carved out: the CSOC covers only the hypervisor layer
        #expect(cc81.status == .uncovered && itgc03.status == .uncovered)
        #expect(cc81.partlyCarvedGap)
        #expect(cc81.carvedComponents == [.hypervisor])
        #expect(cc81.remaining.contains(.application) && cc81.remaining.contains(.organization))
        #expect(overlap.hasGaps)
        #expect(overlap.uncoveredCriteria.map(\.id) == ["CC8.1"])
        #expect(overlap.uncoveredObjectives.map(\.id) == ["ITGC-03"])
        // And physical access, which the cloud runs entirely, stays carved out
        #expect(overlap.carvedOut.map(\.id) == ["CC6.4", "ITGC-02"])
    }

    @Test("check names the part a carve-out leaves to the organization")
    func checkSaysWhatIsLeft() {
        // Given the same workspace, planned
        let plan = EngagementPlan.make(
            PlanInputs(
                workspace: workspace(), engagement: joint, criteria: criteria,
                table: SampleTable(frequencies: [:], automatedLowerRisk: 1, automatedHigherRisk: 1, bands: []),
                model: EffortModel(values: [:]), layers: layers))
        // When it is checked
        let gaps = WorkspaceChecker.check(workspace(), plan: plan).filter { $0.code.hasPrefix("gap-") }
        // Then both gaps are errors that say the CSOCs cover only the hypervisor
        #expect(gaps.map(\.subject) == ["CC8.1", "ITGC-03"])
        #expect(gaps.allSatisfy { $0.severity == .error })
        #expect(
            gaps.allSatisfy {
                $0.message.contains("no control of the organization's own")
                    && $0.message.contains("cover only its hypervisor")
            }, "\(gaps.map(\.message))")
    }

    @Test("an own change control closes the gap the carve-out left")
    func ownControlCloses() {
        // Given a change-approval control of the organization's own on CC8.1 and ITGC-03
        let change = Control(
            id: "CM-1", title: "Change approval", frequency: .eventDriven, nature: .manual, objectives: ["ITGC-03"],
            criteria: ["CC8.1"])
        let overlap = Overlap(
            workspace: workspace(controls: [review, change]), engagement: joint, criteria: criteria, layers: layers)
        // Then nothing is a gap any more
        #expect(!overlap.hasGaps)
    }

    @Test("a carved-out organization that says nothing of what it runs carves nothing out, and check says why")
    func noComponents() {
        // Given the cloud with an empty components column
        let bare = workspace(components: [])
        let overlap = Overlap(workspace: bare, engagement: joint, criteria: criteria, layers: layers)
        // Then even physical access is a gap
        #expect(overlap.carvedOut.isEmpty)
        #expect(overlap.uncoveredCriteria.map(\.id) == ["CC6.4", "CC8.1"])
        // And check warns that its CSOCs cover nothing
        let found = WorkspaceChecker.check(bare, plan: nil).filter { $0.code == "carve-out-no-components" }
        #expect(found.count == 1 && found.first?.severity == .warning && found.first?.subject == cloud)
    }

    @Test("a CSOC covers only layers its organization runs")
    func csocWithinOrganization() {
        // Given the cloud running only facilities, whose CSOC-1 claims facilities and hardware
        let overlap = Overlap(
            workspace: workspace(components: [.facilities]), engagement: joint, criteria: criteria, layers: layers)
        // Then physical access keeps its hardware part: a gap
        #expect(overlap.uncoveredCriteria.map(\.id).contains("CC6.4"))
        #expect(overlap.criteria.first { $0.id == "CC6.4" }?.remaining == [.hardware])
    }
}

@Suite("Standards: window analysis")
struct WindowStandardsTests {
    static func customer(_ name: String, _ month: Int, _ day: Int, neededBy: (Int, Int)? = nil) -> Customer {
        Customer(
            name: name, fiscalYearEndMonth: month, fiscalYearEndDay: day, reportNeededBy: neededBy.map { ($0.0, $0.1) })
    }

    @Test("an October year end shares 10 of its 12 months with a calendar-year report")
    func octoberYearEnd() {
        // Given a customer with an October year end and a December period end, 12 months long
        let fit = WindowAnalysis.fit(Self.customer("Tidewater", 10, 31), endMonth: 12, .init())
        // Then the overlap counts the months both share, to whichever ends first: January–October
        #expect(fit.overlap == 10)
        #expect(fit.afterYearEnd == 2)
        // And without a deadline the report is not counted as serving it
        #expect(!fit.covered)
    }

    @Test("a report issued by the customer's deadline serves a year end it runs past")
    func deadlineDecides() {
        // Given the October customer whose auditors need the report by 15 February
        let inTime = WindowAnalysis.fit(
            Self.customer("Tidewater", 10, 31, neededBy: (2, 15)), endMonth: 12, .init(),
            periodEnd: Day(year: 2026, month: 12, day: 31)!, reportDate: Day(year: 2027, month: 2, day: 10)!)
        let late = WindowAnalysis.fit(
            Self.customer("Tidewater", 10, 31, neededBy: (2, 15)), endMonth: 12, .init(),
            periodEnd: Day(year: 2026, month: 12, day: 31)!, reportDate: Day(year: 2027, month: 3, day: 1)!)
        // Then a report dated 10 February serves it and one dated 1 March does not
        #expect(inTime.covered && inTime.deadline == Day(year: 2027, month: 2, day: 15))
        #expect(!late.covered)
        // And a bridge-letter customer is unchanged: December year end, no gap, 12 months
        let december = WindowAnalysis.fit(Self.customer("Alder", 12, 31), endMonth: 12, .init())
        #expect(december.covered && december.overlap == 12 && december.bridgeMonths == 0)
    }

    @Test("a SOC 1 Type 2 shorter than 6 months is warned about when it is created and in check")
    func shortSOC1() {
        // Given a 4-month SOC 1 Type 2
        let period = Period(start: Day(year: 2026, month: 9, day: 1)!, end: Day(year: 2026, month: 12, day: 31)!)
        let engagement = Engagement(name: "first", soc1: .type2(period))
        // When the engagement is validated and the window checked
        let created = engagement.validate(objectives: []).map(\.code)
        let checked = WorkspaceChecker.windowChecks(
            workspace: Workspace(info: WorkspaceInfo(organization: "A", profile: nil)), engagement: engagement,
            parameters: .init()
        ).map(\.code)
        // Then both warn
        #expect(created.contains("soc1-short-period"))
        #expect(checked == ["soc1-short-period"])
        // And a 6-month one draws no such warning
        let six = Engagement(
            name: "six",
            soc1: .type2(Period(start: Day(year: 2026, month: 7, day: 1)!, end: Day(year: 2026, month: 12, day: 31)!)))
        #expect(!six.validate(objectives: []).map(\.code).contains("soc1-short-period"))
    }

    @Test("a report dated after the deadline of a year end it runs past is warned about")
    func lateForPastYearEnd() {
        // Given the October customer needing the report by 15 January, and the calendar dating it mid-February
        let workspace = Workspace(
            info: WorkspaceInfo(organization: "A", profile: nil),
            customers: [Self.customer("Tidewater", 10, 31, neededBy: (1, 15))])
        let plan = EngagementPlan.make(
            PlanInputs(
                workspace: workspace, engagement: Engagement(name: "fy", soc1: .type2(year)), criteria: [],
                table: SampleTable(frequencies: [:], automatedLowerRisk: 1, automatedHigherRisk: 1, bands: []),
                model: EffortModel(values: [:])))
        let found = WorkspaceChecker.windowChecks(
            workspace: workspace, engagement: plan.engagement, parameters: .init(), calendar: plan.calendar)
        // Then the warning names the deadline of the fiscal year the period covers 10 months of
        #expect(found.map(\.code) == ["report-after-deadline"])
        #expect(found.first?.message.contains("2027-01-15") == true)
        #expect(found.first?.message.contains("10 of the 12 months") == true)
    }
}

@Suite("Standards: roles and procedures")
struct RolesAndProceduresTests {
    @Test("section 3 names roles: no person in parentheses, one spelling per role")
    func roles() {
        // Given owners as spreadsheets write them
        let merged = Roles.merged([
            "IT Operations Manager", "IT Ops Mgr", "IT Operations Manager", "Payroll Tax Mgr (K. Osei)", "HR",
        ])
        // Then each role appears once, in its most used spelling, without the person
        #expect(merged.map(\.role) == ["HR", "IT Operations Manager", "Payroll Tax Mgr"])
        #expect(merged.first { $0.role == "IT Operations Manager" }?.spellings == ["IT Ops Mgr"])
    }
}
