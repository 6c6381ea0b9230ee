import PropertyBased
import SOCPlanCore
import Testing

// Sampling units and shared samples, as the plan row, the request list and the estimate show them:
// occurrences in the union of two windows, small periodic samples served by the overlap, tests of
// one, population keys, listings used as of a review, employee-level controls, re-bucketing.

private let table = HandTypedDefaults.sampleTable
private let model = HandTypedDefaults.effortModel

private let criteria: [Criterion] = [
    Criterion(id: "CC6.1", category: .security, group: "CC6", cosoPrinciple: nil, title: "Logical access security"),
    Criterion(id: "CC7.2", category: .security, group: "CC7", cosoPrinciple: nil, title: "Anomaly monitoring"),
    Criterion(id: "CC8.1", category: .security, group: "CC8", cosoPrinciple: nil, title: "Change management"),
    Criterion(id: "A1.3", category: .security, group: "A1", cosoPrinciple: nil, title: "Recovery testing"),
]

private let objectives: [Objective] = [
    Objective(id: "BP-1", title: "Payroll master data changes are authorized", domain: .business, area: "business"),
    Objective(id: "ITGC-01", title: "Logical access", domain: .itgc, area: "logical-access"),
    Objective(id: "ITGC-05", title: "Computer operations", domain: .itgc, area: "computer-operations"),
]

private let evidence: [EvidenceItem] = [
    EvidenceItem(
        id: "EV-MASTER", title: "Master-file changes", kind: .population, source: "PayCore", owner: "Payroll Manager"),
    EvidenceItem(
        id: "EV-USERS", title: "User listing", kind: .population, source: "Okta", owner: "IT Operations Manager"),
    EvidenceItem(id: "EV-DR", title: "Disaster recovery test report", kind: .document, owner: "CTO"),
    EvidenceItem(
        id: "EV-CONFIG", title: "Password settings", kind: .configuration, source: "Okta",
        owner: "IT Operations Manager"),
    EvidenceItem(id: "EV-HR", title: "Training records", kind: .population, source: "Workday", owner: "HR Manager"),
]

private func day(_ text: String) -> Day { Day(text)! }
private func period(_ text: String) -> Period { Period(text)! }

private let calendarYear = period("2026-01-01..2026-12-31")
private let secondHalf = period("2026-07-01..2026-12-31")

/// SOC 1 over calendar 2026 and SOC 2 over July–December 2026, both Type 2.
private let nested = Engagement(name: "nested", soc1: .type2(calendarYear), soc2: .type2(secondHalf))
/// Both reports over calendar 2026.
private let same = Engagement(name: "same", soc1: .type2(calendarYear), soc2: .type2(calendarYear))

private func control(
    _ id: String, _ frequency: Frequency, nature: Nature = .manual, evidence: [EvidenceID] = [],
    population: Int? = nil, key: String = "", unit: SamplingUnit = .occurrence, title: String? = nil,
    methods: [TestMethod] = [.inquiry, .inspection]
) -> Control {
    Control(
        id: ControlID(id), title: title ?? "Control \(id)", frequency: frequency, nature: nature,
        objectives: ["ITGC-05"], criteria: ["CC7.2"], evidence: evidence, testMethods: methods,
        populationSize: population, populationKey: key, samplingUnit: unit)
}

private func planned(_ controls: [Control], _ engagement: Engagement) -> EngagementPlan {
    EngagementPlan.make(
        PlanInputs(
            workspace: Workspace(
                info: WorkspaceInfo(organization: "Acme", profile: nil), objectives: objectives, evidence: evidence,
                controls: controls),
            engagement: engagement, criteria: criteria, table: table, model: model))
}

private func row(_ plan: EngagementPlan, _ id: String) throws -> PlanRow {
    try #require(plan.audit.rows.first { $0.control.id.rawValue == id })
}

@Suite("Sampling units and shared samples")
struct SamplingUnitsTests {
    @Test("an annual DR test in a calendar SOC 1 beside a July–December SOC 2 is tested once, for both")
    func annualInTheUnion() throws {
        // Given a shared annual DR test, SOC 1 over 2026, SOC 2 over July–December 2026
        let plan = planned([control("DR-1", .annual, evidence: ["EV-DR"])], nested)
        let dr = try row(plan, "DR-1")
        // When it is planned
        // Then each report alone would test 1, and together they test 1 (the year has one DR test), not 2
        #expect(dr.soc1?.items == 1)
        #expect(dr.soc2?.items == 1)
        #expect(dr.combined == 1)
        #expect(dr.phases.map(\.serves) == [[.soc1, .soc2]])
        // And the estimate prices one item
        #expect(plan.estimate.joint.testItems == 1)
    }

    @Test("quarterly 2 + 2 with overlapping windows: the Q3 and Q4 reviews serve both reports")
    func quarterlyOverlap() throws {
        // Given a shared quarterly review, SOC 1 over 2026 (interim testing), SOC 2 over July–December 2026
        let plan = planned([control("RV-1", .quarterly, evidence: ["EV-DR"])], nested)
        let review = try row(plan, "RV-1")
        // When it is planned
        // Then 2 items in all, each counting for SOC 1 and SOC 2, drawn from the second half
        #expect(review.combined == 2)
        #expect(review.phases.reduce(0) { $0 + $1.items } == 2)
        #expect(review.phases.allSatisfy { $0.serves == [.soc1, .soc2] })
        #expect(review.phases.allSatisfy { $0.window.start >= secondHalf.start }, "\(review.phases)")
        // And the SOC 1 interim fieldwork tests one, the final fieldwork the other
        #expect(Set(review.phases.map(\.phase.phase)) == [.interim, .final])
    }

    @Test("a monthly higher-risk sample (5) over nested windows: the shared months serve both")
    func monthlyNested() throws {
        // Given a shared higher-risk monthly control: 5 items for each report
        var monthly = control("MN-1", .monthly, evidence: ["EV-DR"])
        monthly.risk = .high
        // When SOC 1 has no interim testing
        var once = nested
        once.soc1Calendar.interim = .skipped
        let single = try row(planned([monthly], once), "MN-1")
        // Then 5 months of July–December serve both reports: 5 in all
        #expect(single.soc1?.items == 5)
        #expect(single.soc2?.items == 5)
        #expect(single.combined == 5)
        #expect(single.phases.allSatisfy { $0.serves == [.soc1, .soc2] })
        // And with SOC 1's interim testing (4 of its 5 from January–September, 1 from October–December), the
        // July–September and one October–December month serve both, and SOC 1 needs one more earlier month: 6
        let split = try row(planned([monthly], nested), "MN-1")
        #expect(split.combined == 6)
        let forSOC2 = split.phases.filter { $0.serves.contains(.soc2) }.reduce(0) { $0 + $1.items }
        #expect(forSOC2 == 5)
    }

    @Test("a semiannual higher-risk sample keeps its 2 items when the interim months hold one occurrence")
    func spillToTheOtherFieldwork() throws {
        // Given a semiannual higher-risk control (2 items) in a calendar SOC 1 with the default interim
        // testing (January–September holds only the June review)
        var control = control("SA-1", .semiannual, evidence: ["EV-DR"])
        control.risk = .high
        control.criteria = []
        let semiannual = try row(planned([control], same), "SA-1")
        // Then both reviews are tested: June at interim fieldwork, December at final
        #expect(semiannual.soc1?.items == 2)
        #expect(semiannual.combined == 2)
        #expect(Set(semiannual.phases.map(\.phase.phase)) == [.interim, .final])
    }

    @Test("a large sample keeps the pro-rata rule, capped at the union's occurrences")
    func largeSampleProRata() throws {
        // Given a shared daily control (25 each) over nested windows
        let daily = try row(planned([control("DL-1", .daily, evidence: ["EV-DR"])], nested), "DL-1")
        // Then the combined sample is more than one report's 25 (the July–December items pro rata) and no
        // more than the two samples
        #expect(daily.combined > 25)
        #expect(daily.combined <= 50)
    }

    @Test(
        "a population of 1 or 3 a year is never asked for more items than occur, over nested or disjoint windows",
        arguments: [
            (1, "2026-01-01..2026-12-31", "2026-07-01..2026-12-31", 1),
            (1, "2026-01-01..2026-06-30", "2026-07-01..2026-12-31", 1),
            (3, "2026-01-01..2026-12-31", "2026-07-01..2026-12-31", 3),
            (3, "2026-01-01..2026-04-30", "2026-05-01..2026-12-31", 3),
        ])
    func tinyPopulations(population: Int, first: String, second: String, expected: Int) throws {
        // Given a shared event-driven control that occurs `population` times a year, and two Type 2 windows
        let engagement = Engagement(name: "p", soc1: .type2(period(first)), soc2: .type2(period(second)))
        let plan = planned([control("EV-1", .eventDriven, evidence: ["EV-DR"], population: population)], engagement)
        let shared = try row(plan, "EV-1")
        // Then each report alone tests all it expects, and together they test no more than occur in the year
        #expect(shared.soc1?.items ?? 0 >= 1)
        #expect(shared.soc2?.items ?? 0 >= 1)
        #expect(shared.combined == expected, "\(shared.phases)")
        // And the fieldworks test exactly that
        #expect(shared.phases.reduce(0) { $0 + $1.items } == expected)
    }

    @Test("a headcount of 4 people is sampled at most 4 times, whatever the two windows")
    func smallHeadcount() throws {
        // Given annual training over a headcount of 4 (all of them, in the smallest band), on disjoint windows
        let engagement = Engagement(
            name: "p", soc1: .type2(period("2026-01-01..2026-06-30")), soc2: .type2(period("2026-07-01..2026-12-31")))
        let training = control("HR-2", .annual, evidence: ["EV-HR"], population: 4, unit: .headcount)
        let row = try row(planned([training], engagement), "HR-2")
        // Then each report tests the 4 people, and the two reports together still test 4 people, not 8
        #expect(row.soc1?.items == 4)
        #expect(row.soc2?.items == 4)
        #expect(row.combined == 4, "\(row.phases)")
    }

    @Test("an automated control: one test of one with the same windows, one per report where they differ")
    func testOfOne() throws {
        // Given a shared automated setting
        let setting = control("PW-1", .recurring, nature: .automated, evidence: ["EV-CONFIG"])
        let same = planned([setting], same)
        let nested = planned([setting], nested)
        let aligned = try row(same, "PW-1")
        let apart = try row(nested, "PW-1")
        // Then the same windows test it once, different windows once per report
        #expect(aligned.combined == 1)
        #expect(apart.combined == 2)
        #expect(apart.phases.map(\.serves) == [[.soc1], [.soc2]])
        // And the hours count each test of one: the second costs one more test of one (× shared documentation
        // and review overhead)
        let factor = (1 + model[.reviewOverheadPercent] / 100) * (1 + model[.sharedDocumentationPercent] / 100)
        #expect(abs(apart.auditorHours - aligned.auditorHours - model[.testOfOneHours] * factor) < 1e-9)
        // And the requests ask for the setting as of a date for each test, plus its change history
        let settings = nested.requests.requests.filter { $0.evidence.id == "EV-CONFIG" }
        #expect(settings.filter { $0.part != "change history" }.count == 2)
        #expect(settings.filter { $0.part == "change history" }.count == 1)
    }

    @Test("master-file changes and bank-change call-backs do not share a sample without a population key")
    func populationKey() throws {
        // Given two event-driven controls drawing on the same export, with no population key
        let changes = control("MF-1", .eventDriven, evidence: ["EV-MASTER"], population: 600)
        let callbacks = control("MF-2", .eventDriven, evidence: ["EV-MASTER"], population: 600)
        let apart = planned([changes, callbacks], same).requests.requests.filter { $0.stage == .sample }
        // Then the population is asked for once per fieldwork, but each control has its own sample
        #expect(apart.map(\.controls).allSatisfy { $0.count == 1 })
        #expect(Set(apart.map(\.controls)) == [["MF-1"], ["MF-2"]])
        // And with the same key they share one sample of the larger size
        var keyed = [changes, callbacks]
        keyed[0].populationKey = "master-file-changes"
        keyed[1].populationKey = "master-file-changes"
        let shared = planned(keyed, same).requests.requests.filter { $0.stage == .sample }
        #expect(shared.allSatisfy { $0.controls == ["MF-1", "MF-2"] })
        #expect(shared.count * 2 == apart.count)
    }

    @Test("a quarterly access review asks for the user listing as of each review, not for a population")
    func listingAsOfReview() throws {
        // Given a quarterly access review whose evidence is the user listing (a system report)
        let plan = planned([control("AR-1", .quarterly, evidence: ["EV-USERS"])], same)
        // Then no population request and no completeness-and-accuracy check of a period population
        #expect(plan.requests.requests.allSatisfy { $0.stage != .population })
        #expect(plan.audit.populations.isEmpty)
        // And the listing is requested as information produced by the entity, for the occurrences selected
        let listing = try #require(plan.requests.requests.first { $0.evidence.id == "EV-USERS" })
        #expect(listing.stage == .document)
        #expect(listing.whatToProvide.contains("as of the date it was used"))
        #expect(listing.whatToProvide.contains("information produced by the entity"))
    }

    @Test("employee-level controls are sampled from the headcount or the hires, not as one annual event")
    func employeeLevel() throws {
        // Given annual training marked `headcount` (300 staff) and background checks marked `hires` (60 a year)
        let training = control("HR-2", .annual, evidence: ["EV-HR"], population: 300, unit: .headcount)
        let checks = control("HR-1", .annual, evidence: ["EV-HR"], population: 60, unit: .hires)
        let plan = planned([training, checks], nested)
        // Then training samples 25 of the 300 people (the 251+ band) for each report
        let trained = try row(plan, "HR-2")
        #expect(trained.soc1?.items == 25)
        #expect(trained.soc1?.basis == .population)
        #expect(trained.notes.contains { $0.contains("sampled from the headcount") }, "\(trained.notes)")
        // And background checks sample the hires of each window: 60 in 2026 → 25, 30 in July–December → 10
        let checked = try row(plan, "HR-1")
        #expect(checked.soc1?.items == 25)
        #expect(checked.soc2?.items == 10)
        // And both draw on the people list as a true population (one completeness-and-accuracy check)
        #expect(plan.audit.populations == ["EV-HR"])
    }

    @Test("a daily control that occurred 12 times is sized as monthly, and the plan row says why")
    func rebucketedInThePlan() throws {
        // Given a "daily" control with population_size 12
        let plan = planned([control("DL-2", .daily, evidence: ["EV-DR"], population: 12)], same)
        let daily = try row(plan, "DL-2")
        // Then it is sized as monthly: 2 items, not 12 of 12
        #expect(daily.soc1?.items == 2)
        #expect(daily.combined == 2)
        #expect(daily.notes.contains("sized as monthly: 12 occurrences a year contradict daily"), "\(daily.notes)")
    }

    @Test("re-performance is charged only to a control that re-computes something")
    func reperformanceOnlyForRecomputation() throws {
        // Given two event-driven controls that list re-performance: a reconciliation and an approval
        let reconciliation = control(
            "RC-1", .eventDriven, evidence: ["EV-MASTER"], population: 100, title: "Bank reconciliation",
            methods: [.inquiry, .reperformance])
        let approval = control(
            "AP-1", .eventDriven, evidence: ["EV-MASTER"], population: 100, title: "Change approval",
            methods: [.inquiry, .reperformance])
        let plan = planned([reconciliation, approval], same)
        // Then the reconciliation's 25 items cost re-performance, the approval's inspection
        let review = 1 + model[.reviewOverheadPercent] / 100
        let difference = try row(plan, "RC-1").auditorHours - row(plan, "AP-1").auditorHours
        let expected =
            25 * (model[.reperformanceHoursPerItem] - model[.inspectionHoursPerItem]) * review
            * (1 + model[.sharedDocumentationPercent] / 100)
        #expect(abs(difference - expected) < 1e-9)
    }
}

// MARK: - Properties

/// A periodic or event-driven control's frequency, risk and population size, and two Type 2 windows.
private let windows: [Period] = [
    calendarYear, secondHalf, period("2026-04-01..2026-12-31"), period("2026-07-01..2027-06-30"),
    period("2025-01-01..2025-06-30"), period("2026-10-01..2026-12-31"),
]
private let frequencies: [Frequency] = [.annual, .semiannual, .quarterly, .monthly, .daily, .eventDriven]
private let cases = zip(
    Gen.int(in: 0...(frequencies.count - 1)), Gen.bool, Gen.int(in: 1...2000), Gen.int(in: 0...(windows.count - 1)),
    Gen.int(in: 0...(windows.count - 1)))

extension SamplingUnitsTests {
    @Test("no combined sample exceeds the occurrences in the union of the two windows")
    func unionCap() async {
        await propertyCheck(count: 300, input: cases) { f, higher, population, first, second in
            // Given a shared control and two Type 2 windows
            let frequency = frequencies[f]
            var subject = control(
                "P-1", frequency, evidence: ["EV-DR"], population: frequency == .eventDriven ? population : nil)
            subject.risk = higher ? .high : .low
            let engagement = Engagement(name: "p", soc1: .type2(windows[first]), soc2: .type2(windows[second]))
            let plan = planned([subject], engagement)
            guard let planned = plan.audit.rows.first else { return }
            // When the union's occurrences are counted independently
            let a = windows[first]
            let b = windows[second]
            let union = a.months + b.months - (a.intersection(b)?.months ?? 0)
            let perYear =
                frequency == .eventDriven ? Double(population) : table.frequencies[frequency]!.occurrencesPerYear
            let occurrences = perYear * union / 12
            // (a window of 9 months holds up to ⌈1.5⌉ = 2 semiannual occurrences, depending on where they fall)
            let cap = Int((occurrences - 1e-9).rounded(.up))
            // Then the combined sample never exceeds them (nor the larger sample where one report alone needs more)
            let larger = max(planned.soc1?.items ?? 0, planned.soc2?.items ?? 0)
            #expect(planned.combined <= max(cap, larger), "\(frequency) \(a) \(b): \(planned.combined) > \(cap)")
            // And the fieldworks test exactly the combined sample
            #expect(planned.phases.reduce(0) { $0 + $1.items } == planned.combined)
        }
    }

    @Test("joint hours never exceed separate hours, with every budget component switched on")
    func jointNeverDearer() async {
        var values = model.values
        values[.projectManagementPercent] = 7.5
        values[.contingencyPercent] = 7.5
        values[.qualityReviewHours] = 8
        values[.subserviceReviewHours] = 3
        values[.descriptionReviewHoursPerObjective] = 1
        values[.descriptionReviewHoursPerCriterion] = 0.3
        let full = EffortModel(values: values)
        await propertyCheck(count: 200, input: cases) { f, higher, population, first, second in
            // Given three controls (shared, SOC 1 only, SOC 2 only) on generated windows
            var shared = control("S-1", frequencies[f], evidence: ["EV-MASTER"], population: population)
            shared.risk = higher ? .high : .low
            var soc1 = control("S-2", .eventDriven, evidence: ["EV-MASTER"], population: population)
            soc1.criteria = []
            var soc2 = control("S-3", .quarterly, evidence: ["EV-DR"])
            soc2.objectives = []
            let engagement = Engagement(name: "p", soc1: .type2(windows[first]), soc2: .type2(windows[second]))
            let estimate = EngagementPlan.make(
                PlanInputs(
                    workspace: Workspace(
                        info: WorkspaceInfo(organization: "Acme", profile: nil), objectives: objectives,
                        evidence: evidence, controls: [shared, soc1, soc2]),
                    engagement: engagement, criteria: criteria, table: table, model: full)
            ).estimate
            // Then the joint engagement costs no more than the two audits
            #expect(estimate.joint.total <= estimate.separateHours + 1e-9)
        }
    }
}
