import PropertyBased
import SOCPlanCore
import Testing

// The effort estimate: a three-control engagement worked out by hand from the effort model
// (the README's example), and properties on generated inventories.

// MARK: - The README example

/// The effort model of Catalogs/effort-model.csv, as used below:
///
///     walkthrough 1.5 · inquiry 0.375 · inspection 0.35/item · re-performance 1.0/item · set-up 1.0
///     test of one 3.0 · population check 0.75 · review +30% · shared documentation +10%
///     engagement 24 · Type 2 report 40 · client: walkthrough 0.75, test of one 1.5,
///     population request 1.0, sample item 0.25, document 0.5
private let model = HandTypedDefaults.effortModel
private let table = HandTypedDefaults.sampleTable

private let criteria: [Criterion] = [
    Criterion(id: "CC6.1", category: .security, group: "CC6", cosoPrinciple: nil, title: "Logical access security"),
    Criterion(id: "CC6.2", category: .security, group: "CC6", cosoPrinciple: nil, title: "User registration"),
    Criterion(id: "CC7.2", category: .security, group: "CC7", cosoPrinciple: nil, title: "Anomaly monitoring"),
    Criterion(id: "CC8.1", category: .security, group: "CC8", cosoPrinciple: nil, title: "Change management"),
    Criterion(id: "A1.2", category: .availability, group: "A1", cosoPrinciple: nil, title: "Backup and recovery"),
]

private let objectives: [Objective] = [
    Objective(id: "BP-1", title: "Payroll runs processed completely", domain: .business, area: "business-processing"),
    Objective(id: "ITGC-01", title: "Logical access", domain: .itgc, area: "logical-access"),
    Objective(id: "ITGC-03", title: "Change management", domain: .itgc, area: "change-management"),
    Objective(id: "ITGC-05", title: "Computer operations", domain: .itgc, area: "computer-operations"),
]

/// One population (shared by OPS-1 and PAY-1) and one document.
private let evidence: [EvidenceItem] = [
    EvidenceItem(
        id: "EV-1", title: "Batch job log", kind: .population, source: "Scheduler", owner: "IT Operations Manager"),
    EvidenceItem(id: "EV-2", title: "Job scheduling procedure", kind: .document, owner: "IT Operations Manager"),
]

/// | control | serves     | frequency, nature             | methods                 | evidence   |
/// |---------|------------|-------------------------------|-------------------------|------------|
/// | OPS-1   | both       | quarterly, manual, low risk   | inquiry, inspection     | EV-1, EV-2 |
/// | PAY-1   | SOC 1 only | event-driven (250 a year), ITDM | inquiry, re-performance | EV-1     |
/// | SEC-1   | SOC 2 only | recurring, automated          | inspection              | –          |
private let example = Workspace(
    info: WorkspaceInfo(organization: "Acme Payroll", profile: nil), objectives: objectives, evidence: evidence,
    controls: [
        Control(
            id: "OPS-1", title: "Quarterly review of failed batch jobs", owner: "IT Operations Manager",
            frequency: .quarterly, nature: .manual, objectives: ["ITGC-05"], criteria: ["CC7.2"],
            evidence: ["EV-1", "EV-2"],
            testMethods: [.inquiry, .inspection]),
        Control(
            id: "PAY-1", title: "Payroll change reconciliation", owner: "Payroll Supervisor",
            frequency: .eventDriven, nature: .itDependentManual, objectives: ["BP-1"], evidence: ["EV-1"],
            testMethods: [.inquiry, .reperformance], populationSize: 250),
        Control(
            id: "SEC-1", title: "Account lockout after failed logins", frequency: .recurring, nature: .automated,
            criteria: ["CC6.1"], testMethods: [.inspection]),
    ])

private let year2026 = Period(start: Day(year: 2026, month: 1, day: 1)!, end: Day(year: 2026, month: 12, day: 31)!)

/// Both reports Type 2 over 2026, security only.
private let fy2026 = Engagement(name: "fy2026", soc1: .type2(year2026), soc2: .type2(year2026))

private func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-9 } ?? false }

/// Every figure of the example, by hand. Review overhead r = 1.30; shared documentation s = 1.10.
private enum ByHand {
    static let r = 1.30
    static let s = 1.10

    // OPS-1: quarterly lower-risk, 4 occurrences in 2026 → 2 items per report; identical windows → 2 once.
    //   test = set-up 1.0 + 2 × 0.35 + inquiry 0.375 = 2.075; walkthrough + test = 3.575
    //   shared: jointly 3.575 × 1.10 = 3.9325 < separately 2 × 3.575 = 7.15 → factor 1.10
    //   auditor = 3.575 × 1.10 × 1.30 = 5.11225 (walkthrough 1.5 × 1.1 × 1.3 = 2.145, test 2.075 × 1.1 × 1.3 = 2.96725)
    //   alone (one report, no shared factor): 3.575 × 1.30 = 4.6475 (walkthrough 1.95, test 2.6975)
    static let ops1Test = 1.0 + 2 * 0.35 + 0.375
    static let ops1Joint = (1.5 + ops1Test) * s * r
    static let ops1Alone = (1.5 + ops1Test) * r

    // PAY-1: event-driven, 250 a year → the 51–250 band: 25 items; a reconciliation, so re-performed.
    //   test = 1.0 + 25 × 1.0 + 0.375 = 26.375; auditor = (1.5 + 26.375) × 1.30 = 36.2375
    static let pay1Test = 1.0 + 25 * 1.0 + 0.375
    static let pay1 = (1.5 + pay1Test) * r

    // SEC-1: automated, Type 2 → test of one: (1.5 + 3.0) × 1.30 = 5.85.
    static let sec1 = (1.5 + 3.0) * r

    // One population (EV-1, drawn on by the event-driven PAY-1; the quarterly OPS-1 uses it as a listing as
    // of each review), one completeness-and-accuracy check: 0.75 × 1.30 = 0.975.
    static let populationCheck = 0.75 * r

    // Joint: planning 24; walkthroughs 2.145 + 1.95 + 1.95 = 6.045;
    //   testing 2.96725 + 34.2875 + 3.9 + 0.975 = 42.12975; reporting 40 + 40 = 80
    //   total 24 + 6.045 + 42.12975 + 80 = 152.17475
    static let jointWalkthroughs = 1.5 * s * r + 1.5 * r + 1.5 * r
    static let jointTesting = ops1Test * s * r + pay1Test * r + 3.0 * r + populationCheck
    static let joint = 24 + jointWalkthroughs + jointTesting + 80

    // SOC 1 alone: OPS-1 (SOC 1 only now) and PAY-1; SEC-1 maps to a criterion only: out of scope.
    //   24 + walkthroughs 1.95 + 1.95 + testing (2.6975 + 34.2875 + 0.975) + 40 = 105.86
    static let soc1Alone = 24 + 2 * 1.5 * r + (ops1Test * r + pay1Test * r + populationCheck) + 40

    // SOC 2 alone: OPS-1 and SEC-1; PAY-1 maps to an objective only: out of scope, and with it the only
    // true population: 24 + walkthroughs 1.95 + 1.95 + testing (2.6975 + 3.9) + 40 = 74.4975
    static let soc2Alone = 24 + 2 * 1.5 * r + (ops1Test * r + 3.0 * r) + 40

    // Separate 105.86 + 74.4975 = 180.3575; saved 180.3575 − 152.17475 = 28.18275 (15.6%)
    // Audit equivalents 2 × 152.17475 ÷ 180.3575 = 1.6875…; joint ÷ larger = 152.17475 ÷ 105.86 = 1.4375…
    static let separate = soc1Alone + soc2Alone

    // Client hours: 0.75 per walkthrough, 1.5 per test of one, and the evidence requests: EV-1 over a
    // 12-month window is asked for at interim and at final fieldwork (1.0 each) with PAY-1's sample
    // request each (25 items × 0.25 in all); OPS-1 asks for the EV-1 listing as used in its reviews, and for
    // EV-2, one document request per fieldwork each (0.5 each: Q1–Q3, then Q4).
    //   joint:       3 × 0.75 + 1.5 + 2 × 1.0 + 25 × 0.25 + 4 × 0.5 = 2.25 + 1.5 + 2 + 6.25 + 2 = 14
    //   SOC 1 alone: 2 × 0.75       + 2 × 1.0 + 25 × 0.25 + 4 × 0.5 = 1.5 + 2 + 6.25 + 2 = 11.75
    //   SOC 2 alone: 2 × 0.75 + 1.5                       + 4 × 0.5 = 1.5 + 1.5 + 2 = 5
    static let clientJoint = 3 * 0.75 + 1.5 + 2 * 1.0 + 25 * 0.25 + 4 * 0.5
    static let clientSOC1 = 2 * 0.75 + 2 * 1.0 + 25 * 0.25 + 4 * 0.5
    static let clientSOC2 = 2 * 0.75 + 1.5 + 4 * 0.5
}

@Suite("Effort estimate")
struct EstimateTests {
    let plan = Planner.plan(workspace: example, engagement: fy2026, criteria: criteria, table: table, model: model)
    let estimate = Estimator.estimate(
        workspace: example, engagement: fy2026, criteria: criteria, table: table, model: model)

    @Test("each plan row's auditor hours")
    func rowHours() {
        // Given the three controls of the example, both reports Type 2 over 2026
        // When the plan is made
        let hours = Dictionary(uniqueKeysWithValues: plan.rows.map { ($0.control.id, $0.auditorHours) })
        // Then OPS-1 (shared) costs 5.11225, PAY-1 36.2375 and SEC-1 5.85 auditor hours
        #expect(plan.rows.map(\.control.id) == ["OPS-1", "PAY-1", "SEC-1"])
        #expect(close(hours["OPS-1"], ByHand.ops1Joint) && close(ByHand.ops1Joint, 5.11225))
        #expect(close(hours["PAY-1"], ByHand.pay1) && close(ByHand.pay1, 36.2375))
        #expect(close(hours["SEC-1"], ByHand.sec1) && close(ByHand.sec1, 5.85))
    }

    @Test("each plan row's client hours: walkthrough plus its items or test of one")
    func rowClientHours() {
        // Given the example
        // When the plan is made
        let hours = Dictionary(uniqueKeysWithValues: plan.rows.map { ($0.control.id, $0.clientHours) })
        // Then OPS-1 needs 0.75 + 2 × 0.25 = 1.25, PAY-1 0.75 + 25 × 0.25 = 7, SEC-1 0.75 + 1.5 = 2.25
        #expect(close(hours["OPS-1"], 1.25))
        #expect(close(hours["PAY-1"], 7))
        #expect(close(hours["SEC-1"], 2.25))
    }

    @Test("the joint engagement by phase")
    func jointPhases() {
        // Given the example
        // When it is estimated
        let joint = estimate.joint
        // Then planning 24, walkthroughs 6.045, testing 42.12975 (with one population check), reporting 80
        #expect(close(joint.planning, 24))
        #expect(close(joint.walkthroughs, ByHand.jointWalkthroughs) && close(ByHand.jointWalkthroughs, 6.045))
        #expect(close(joint.testing, ByHand.jointTesting) && close(ByHand.jointTesting, 42.12975))
        #expect(close(joint.reporting, 80))
        #expect(close(joint.total, ByHand.joint) && close(ByHand.joint, 152.17475))
        // And the counts: 3 controls, 2 + 25 + 1 = 28 items, 1 population, 1 document
        #expect(joint.controls == 3)
        #expect(joint.testItems == 28)
        #expect(joint.populations == 1)
        #expect(joint.documents == 1)
    }

    @Test("the joint engagement by where the hours go")
    func jointByReport() {
        // Given the example
        // When it is estimated
        let buckets = estimate.joint.byReport
        // Then shared controls 5.11225, SOC 1 only 36.2375, SOC 2 only 5.85, population checks 0.975,
        // each report 40 and planning 24: together the joint total
        #expect(close(buckets["shared controls"], ByHand.ops1Joint))
        #expect(close(buckets["SOC 1 only controls"], ByHand.pay1))
        #expect(close(buckets["SOC 2 only controls"], ByHand.sec1))
        #expect(close(buckets["population checks"], 0.975))
        #expect(close(buckets["SOC 1 report"], 40))
        #expect(close(buckets["SOC 2 report"], 40))
        #expect(close(buckets["engagement planning"], 24))
        #expect(close(buckets.values.reduce(0, +), ByHand.joint))
    }

    @Test("SOC 1 alone, SOC 2 alone, separate, joint and saved")
    func comparison() throws {
        // Given the example
        // When it is estimated
        let soc1 = try #require(estimate.soc1Alone)
        let soc2 = try #require(estimate.soc2Alone)
        // Then SOC 1 alone is 105.86, SOC 2 alone 74.4975, separately 180.3575, joint 152.17475
        #expect(close(soc1.total, ByHand.soc1Alone) && close(ByHand.soc1Alone, 105.86))
        #expect(close(soc2.total, ByHand.soc2Alone) && close(ByHand.soc2Alone, 74.4975))
        #expect(close(estimate.separateHours, ByHand.separate) && close(ByHand.separate, 180.3575))
        #expect(close(estimate.joint.total, ByHand.joint))
        // And 28.18275 hours (15.63%) are saved
        #expect(close(estimate.savedHours, 180.3575 - 152.17475))
        #expect(close(estimate.savedPercent, 28.18275 / 180.3575 * 100))
        // And each alone plans its own controls: SOC 1 OPS-1 and PAY-1, SOC 2 OPS-1 and SEC-1
        #expect(soc1.controls == 2)
        #expect(soc2.controls == 2)
        #expect(close(soc1.byReport["SOC 1 only controls"], ByHand.ops1Alone + ByHand.pay1))
        #expect(close(soc2.byReport["SOC 2 only controls"], ByHand.ops1Alone + ByHand.sec1))
    }

    @Test("audit equivalents and joint over the larger audit")
    func ratios() {
        // Given the example
        // When it is estimated
        // Then audit equivalents = 2 × 152.17475 ÷ 180.3575 ≈ 1.6875 and joint ÷ larger = 152.17475 ÷ 105.86 ≈ 1.4375
        #expect(close(estimate.auditEquivalents, 2 * 152.17475 / 180.3575))
        #expect(close(estimate.jointOverLarger, 152.17475 / 105.86))
        // And both read as "between one and two audits"
        #expect((1.67...1.69).contains(estimate.auditEquivalents ?? 0))
        #expect((1.43...1.44).contains(estimate.jointOverLarger ?? 0))
    }

    @Test("client hours: walkthroughs, tests of one and the evidence requests")
    func clientHours() throws {
        // Given the example
        // When it is estimated
        let soc1 = try #require(estimate.soc1Alone)
        let soc2 = try #require(estimate.soc2Alone)
        // Then the client spends 14 hours joint against 11.75 + 5 = 16.75 separately
        #expect(close(estimate.joint.clientHours, ByHand.clientJoint) && close(ByHand.clientJoint, 14.0))
        #expect(close(soc1.clientHours, ByHand.clientSOC1) && close(ByHand.clientSOC1, 11.75))
        #expect(close(soc2.clientHours, ByHand.clientSOC2) && close(ByHand.clientSOC2, 5))
        #expect(close(estimate.separateClientHours, 16.75))
        // And the joint list asks for EV-1's population and PAY-1's sample, for EV-1 as OPS-1's listing and
        // for EV-2, at interim and at final fieldwork
        #expect(estimate.joint.requests == 8)
    }

    @Test("with the reports on different calendars, a shared control is walked through in the earlier first fieldwork")
    func sharedWalkthroughInEarlierFieldwork() throws {
        // Given the example with the SOC 1 period a quarter ahead of the SOC 2's (October to September)
        let soc1Period = Period(start: Day(year: 2025, month: 10, day: 1)!, end: Day(year: 2026, month: 9, day: 30)!)
        let offset = Engagement(name: "offset", soc1: .type2(soc1Period), soc2: .type2(year2026))
        let plan = Planner.plan(workspace: example, engagement: offset, criteria: criteria, table: table, model: model)
        let joint = Estimator.estimate(
            workspace: example, engagement: offset, criteria: criteria, table: table, model: model
        )
        .joint
        let walkthrough = Dictionary(
            uniqueKeysWithValues: plan.rows.map { ($0.control.id, Estimator.cost(of: $0, model: model).walkthrough) })
        // When the walkthrough hours are looked up by fieldwork
        let fieldwork = joint.phases.filter { $0.walkthroughs > 0 }
        // Then two fieldworks carry them: the SOC 1's first (the shared OPS-1 and the SOC 1-only PAY-1),
        // which comes first, and the SOC 2's first (SEC-1 only)
        #expect(fieldwork.count == 2)
        let soc1 = try #require(fieldwork.first { $0.reports == [.soc1] })
        let soc2 = try #require(fieldwork.first { $0.reports == [.soc2] })
        #expect(soc1.dates.start < soc2.dates.start)
        #expect(close(soc1.walkthroughs, try #require(walkthrough["OPS-1"]) + (try #require(walkthrough["PAY-1"]))))
        #expect(close(soc2.walkthroughs, try #require(walkthrough["SEC-1"])))
    }

    @Test("a Type 1 report costs its own fixed hours and walkthroughs only")
    func type1() {
        // Given the example with both reports Type 1 as of 2026-12-31
        let asOf = Engagement(name: "t1", soc1: .type1(asOf: year2026.end), soc2: .type1(asOf: year2026.end))
        // When it is estimated
        let joint = Estimator.estimate(
            workspace: example, engagement: asOf, criteria: criteria, table: table, model: model
        )
        .joint
        // Then: planning 24; walkthroughs OPS-1 1.5 × 1.1 × 1.3 = 2.145, PAY-1 and SEC-1 1.95 each = 6.045;
        // no testing, no population check; reporting 24 + 24 = 48; total 78.045
        #expect(close(joint.walkthroughs, 6.045))
        #expect(close(joint.testing, 0))
        #expect(close(joint.reporting, 48))
        #expect(close(joint.total, 24 + 6.045 + 48))
    }
}

// MARK: - A shared control beside a Type 1 report

/// One shared daily control, re-performed, and a SOC 1 Type 1 beside a SOC 2 Type 2 over 2026.
private func typeMix(controls count: Int) -> (Workspace, Engagement) {
    let controls = (1...count).map { index in
        Control(
            id: ControlID("DLY-\(index)"), title: "Daily reconciliation \(index)", frequency: .daily, nature: .manual,
            objectives: ["BP-1"], criteria: ["CC7.2"], testMethods: [.inquiry, .reperformance])
    }
    let workspace = Workspace(
        info: WorkspaceInfo(organization: "Mix", profile: nil), objectives: objectives, controls: controls)
    return (workspace, Engagement(name: "mix", soc1: .type1(asOf: year2026.end), soc2: .type2(year2026)))
}

extension EstimateTests {
    @Test(
        "a shared control never costs more than the two reports testing it separately (Type 1 beside Type 2)")
    func sharedCapWithType1() throws {
        // Given one shared daily control re-performed: SOC 1 Type 1 (walkthrough), SOC 2 Type 2 (25 items)
        let (workspace, engagement) = typeMix(controls: 1)
        // When the plan is made
        let plan = Planner.plan(
            workspace: workspace, engagement: engagement, criteria: criteria, table: table, model: model)
        let row = try #require(plan.rows.first)
        // Then it costs no more than SOC 1's walkthrough (1.5 × 1.3 = 1.95) plus SOC 2's test
        // ((1.5 + 1 + 25 × 1.0 + 0.375) × 1.3 = 36.2375) done separately: 38.1875
        #expect(row.isShared)
        #expect(row.auditorHours <= 1.5 * 1.3 + (1.5 + 1 + 25 * 1.0 + 0.375) * 1.3 + 1e-9)
    }

    @Test(
        "beside a Type 1, a shared control's test carries no shared documentation, only the walkthrough both use")
    func sharedDocumentationOnWhatBothUse() throws {
        // Given 15 shared daily re-performed controls, SOC 1 Type 1 and SOC 2 Type 2 over 2026
        let (workspace, engagement) = typeMix(controls: 15)
        // When it is estimated
        let estimate = Estimator.estimate(
            workspace: workspace, engagement: engagement, criteria: criteria, table: table, model: model)
        let soc1 = try #require(estimate.soc1Alone)
        let soc2 = try #require(estimate.soc2Alone)
        // Then the joint testing is SOC 2's alone, 15 × (1 + 25 × 1.0 + 0.375) × 1.3 = 514.3125: only the
        // SOC 2 uses the test
        #expect(close(estimate.joint.testing, 514.3125))
        #expect(close(estimate.joint.testing, soc2.testing))
        // And the walkthroughs are done once with the shared documentation, 15 × 1.5 × 1.1 × 1.3 = 32.175,
        // against 29.25 in each audit alone
        #expect(close(estimate.joint.walkthroughs, 32.175))
        #expect(close(soc1.walkthroughs, 29.25) && close(soc2.walkthroughs, 29.25))
    }

    @Test(
        "the joint engagement never costs more than the two audits (Type 1 beside Type 2)")
    func jointNotDearerWithType1() throws {
        // Given 15 shared daily re-performed controls, SOC 1 Type 1 and SOC 2 Type 2 over 2026
        let (workspace, engagement) = typeMix(controls: 15)
        // When it is estimated
        let estimate = Estimator.estimate(
            workspace: workspace, engagement: engagement, criteria: criteria, table: table, model: model)
        // Then separately: SOC 1 alone 24 + 15 × 1.95 + 24 = 77.25, SOC 2 alone 24 + 15 × 36.2375 + 40 = 607.5625,
        // together 684.8125; the joint engagement must not cost more
        let soc1 = try #require(estimate.soc1Alone)
        let soc2 = try #require(estimate.soc2Alone)
        #expect(close(soc1.total, 77.25))
        #expect(close(soc2.total, 607.5625))
        #expect(estimate.joint.total <= 684.8125 + 1e-9)
    }
}

// MARK: - Properties on generated inventories

private let propertyEvidence: [EvidenceItem] = [
    EvidenceItem(id: "EV-P1", title: "Change tickets", kind: .population, owner: "Engineering Manager"),
    EvidenceItem(id: "EV-P2", title: "New user accounts", kind: .population, owner: "IT Operations Manager"),
    EvidenceItem(id: "EV-D", title: "Security policy", kind: .document, owner: "CISO"),
]

/// Picks the elements of `items` whose bit is set in `mask`.
private func pick<T>(_ items: [T], _ mask: Int) -> [T] {
    items.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element)
}

/// What a generated control is made of; methods, mapping and evidence are bit masks.
private struct Shape: Sendable {
    var frequency: Frequency
    var nature: Nature
    var risk: Risk
    var methods: Int
    var objectives: Int
    var criteria: Int
    var evidence: Int
    var population: Int?

    init(_ t: (Frequency, Nature, Risk, Int, Int, Int, Int, Int?)) {
        (frequency, nature, risk, methods, objectives, criteria, evidence, population) = t
    }
}

private let shape = zip(
    Gen<Frequency>.case, Gen<Nature>.case, Gen<Risk>.case, Gen.int(in: 0...15), Gen.int(in: 0...15),
    Gen.int(in: 0...31), Gen.int(in: 0...7), Gen.int(in: 0...3000).optional()
).map { Shape($0) }

private func control(_ id: String, _ s: Shape, objectiveMask: Int? = nil, criteriaMask: Int? = nil) -> Control {
    Control(
        id: ControlID(id), title: "Control \(id)", frequency: s.frequency, nature: s.nature, risk: s.risk,
        objectives: pick(objectives.map(\.id), objectiveMask ?? s.objectives),
        criteria: pick(criteria.map(\.id), criteriaMask ?? s.criteria),
        evidence: pick(propertyEvidence.map(\.id), s.evidence),
        testMethods: pick([TestMethod.inquiry, .observation, .inspection, .reperformance], s.methods),
        populationSize: s.population)
}

private func workspace(_ controls: [Control]) -> Workspace {
    Workspace(
        info: WorkspaceInfo(organization: "Generated", profile: nil), objectives: objectives,
        evidence: propertyEvidence,
        controls: controls.sorted { $0.id < $1.id })
}

private func inventory(_ shapes: [Shape]) -> [Control] {
    shapes.enumerated().map { control("G-\($0.offset + 1)", $0.element) }
}

/// Windows a generated report can cover: the calendar year, a year half apart, 9 months inside it, an earlier half.
private let propertyWindows: [Period] = [
    year2026,
    Period(start: Day(year: 2026, month: 7, day: 1)!, end: Day(year: 2027, month: 6, day: 30)!),
    Period(start: Day(year: 2026, month: 4, day: 1)!, end: Day(year: 2026, month: 12, day: 31)!),
    Period(start: Day(year: 2025, month: 1, day: 1)!, end: Day(year: 2025, month: 6, day: 30)!),
]

/// Report types (0 none, 1 Type 1, 2 Type 2), windows, and whether availability is chosen.
private let engagementShape = zip(
    Gen.int(in: 0...2), Gen.int(in: 0...2), Gen.int(in: 0...3), Gen.int(in: 0...3), Gen.bool)

private func engagement(_ n: (Int, Int, Int, Int, Bool)) -> Engagement {
    func scope(_ type: Int, _ window: Int) -> ReportScope {
        let period = propertyWindows[window]
        return type == 0 ? .none : type == 1 ? .type1(asOf: period.end) : .type2(period)
    }
    return Engagement(
        name: "generated", soc1: scope(n.0, n.2), soc2: scope(n.1, n.3),
        categories: n.4 ? [.security, .availability] : [.security])
}

private func estimated(_ workspace: Workspace, _ engagement: Engagement) -> Estimate {
    Estimator.estimate(workspace: workspace, engagement: engagement, criteria: criteria, table: table, model: model)
}

/// A SOC 1-only control and a SOC 2-only control testing the same thing, against one shared control.
private func pairAndMerged(
    _ base: [Shape], _ pair: Shape, objectiveMask: Int, criteriaMask: Int, _ numbers: (Int, Int, Int, Int, Bool)
) -> (pair: Double, merged: Double) {
    let controls = inventory(base)
    let soc1Side = control("PAIR-1", pair, objectiveMask: objectiveMask, criteriaMask: 0)
    let soc2Side = control("PAIR-2", pair, objectiveMask: 0, criteriaMask: criteriaMask)
    let merged = control("PAIR-1", pair, objectiveMask: objectiveMask, criteriaMask: criteriaMask)
    let chosen = engagement(numbers)
    return (
        estimated(workspace(controls + [soc1Side, soc2Side]), chosen).joint.total,
        estimated(workspace(controls + [merged]), chosen).joint.total
    )
}

extension EstimateTests {
    @Suite("Estimate invariants on generated inventories")
    struct Properties {
        @Test("the joint engagement costs no more than the two audits separately")
        func jointNotDearer() async {
            // (A Type 1 beside a Type 2 can break this with enough expensive shared controls; the generator
            // rarely builds 15 of them: see the disabled jointNotDearerWithType1 above.)
            await propertyCheck(count: 200, input: shape.array(of: 0...12), engagementShape) { shapes, numbers in
                // Given a generated inventory and an engagement issuing at least one report
                let chosen = engagement(numbers)
                guard !chosen.reports.isEmpty else { return }
                // When it is estimated
                let result = estimated(workspace(inventory(shapes)), chosen)
                // Then the joint total is at most the separate total
                #expect(result.joint.total <= result.separateHours + 1e-9)
            }
        }

        @Test("with one report not issued, the joint engagement is that audit alone")
        func oneReportIsThatAudit() async {
            await propertyCheck(count: 200, input: shape.array(of: 0...12), engagementShape) { shapes, numbers in
                // Given a generated inventory, and the engagement without its SOC 2 (then without its SOC 1)
                var soc1Only = engagement(numbers)
                soc1Only.soc2 = .none
                var soc2Only = engagement(numbers)
                soc2Only.soc1 = .none
                let generated = workspace(inventory(shapes))
                // When each is estimated
                let first = estimated(generated, soc1Only)
                let second = estimated(generated, soc2Only)
                // Then the joint effort equals the issued report's own, nothing is saved and there is no ratio
                if soc1Only.soc1.isIssued {
                    #expect(first.soc2Alone == nil)
                    #expect(first.joint == first.soc1Alone)
                    #expect(close(first.savedHours, 0))
                    #expect(first.auditEquivalents == nil)
                }
                if soc2Only.soc2.isIssued {
                    #expect(second.soc1Alone == nil)
                    #expect(second.joint == second.soc2Alone)
                    #expect(close(second.savedHours, 0))
                    #expect(second.auditEquivalents == nil)
                }
            }
        }

        @Test("one shared control never costs more than a SOC 1-only and a SOC 2-only control testing the same thing")
        func mergingNeverRaises() async {
            let input = zip(shape.array(of: 0...8), shape, Gen.int(in: 1...15), Gen.int(in: 1...31))
            await propertyCheck(count: 300, input: input, engagementShape) { generated, numbers in
                let (base, pair, objectiveMask, criteriaMask) = generated
                // Given an engagement whose reports are of the same type (or one not issued; the mixed case is
                // the bug of sharedCapWithType1), a base inventory, and a pair with the same frequency, nature,
                // risk, methods and evidence: one on SOC 1 objectives only, one on SOC 2 criteria only
                let chosen = engagement(numbers)
                guard chosen.soc1.typeName == chosen.soc2.typeName || !chosen.soc1.isIssued || !chosen.soc2.isIssued
                else { return }
                // When the pair is replaced with one control mapped to both
                let hours = pairAndMerged(base, pair, objectiveMask: objectiveMask, criteriaMask: criteriaMask, numbers)
                // Then the joint hours do not rise
                #expect(hours.merged <= hours.pair + 1e-9, "pair \(hours.pair), merged \(hours.merged)")
            }
        }

        @Test(
            "merging never raises joint hours, whatever the report types")
        func mergingNeverRaisesAnyTypes() async {
            let input = zip(shape.array(of: 0...8), shape, Gen.int(in: 1...15), Gen.int(in: 1...31))
            await propertyCheck(count: 300, input: input, engagementShape) { generated, numbers in
                // Given any engagement, a base inventory and a pair as above
                let (base, pair, objectiveMask, criteriaMask) = generated
                // When the pair is replaced with one shared control
                let hours = pairAndMerged(base, pair, objectiveMask: objectiveMask, criteriaMask: criteriaMask, numbers)
                // Then the joint hours do not rise
                #expect(hours.merged <= hours.pair + 1e-9, "pair \(hours.pair), merged \(hours.merged)")
            }
        }
    }
}
