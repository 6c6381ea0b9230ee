import PropertyBased
import SOCPlanCore
import Testing

// MARK: - Fixture: the parameters of Catalogs/sample-sizes.csv and Catalogs/effort-model.csv, by hand

private let sampleTable = HandTypedDefaults.sampleTable
private let effortModel = HandTypedDefaults.effortModel

// MARK: - Fixture: a small joint inventory whose request list is worked out by hand

private let requestCriteria: [Criterion] = [
    Criterion(id: "CC6.1", category: .security, group: "CC6", cosoPrinciple: nil, title: "Logical access security"),
    Criterion(id: "CC6.2", category: .security, group: "CC6", cosoPrinciple: nil, title: "User registration"),
    Criterion(id: "CC6.3", category: .security, group: "CC6", cosoPrinciple: nil, title: "Access removal and review"),
    Criterion(id: "CC8.1", category: .security, group: "CC8", cosoPrinciple: nil, title: "Change management"),
]

private let requestObjectives: [Objective] = [
    Objective(id: "BP-1", title: "Payroll calculated accurately", domain: .business, area: "business-processing"),
    Objective(id: "ITGC-01", title: "Logical access", domain: .itgc, area: "logical-access"),
    Objective(id: "ITGC-03", title: "Change management", domain: .itgc, area: "change-management"),
]

/// Evidence in natural id order, as a workspace snapshot holds it.
private let requestEvidence: [EvidenceItem] = [
    EvidenceItem(
        id: "EV-CHANGES", title: "Production changes", kind: .population, source: "GitHub",
        owner: "Engineering Manager"),
    EvidenceItem(
        id: "EV-CONFIG", title: "Payroll calculation settings", kind: .configuration, source: "PayCore",
        owner: "Payroll Systems Manager"),
    EvidenceItem(
        id: "EV-REVIEW", title: "Quarterly access review", kind: .document, source: "ServiceNow",
        owner: "Information Security Manager"),
    EvidenceItem(
        id: "EV-USERS", title: "New user accounts", kind: .population, source: "Okta", owner: "IT Operations Manager"),
]

/// The controls, with the sample each needs over a 12-month window (Catalogs/sample-sizes.csv):
///
/// | control | reports | frequency    | nature    | risk | size/yr | evidence   | 12-month sample               |
/// |---------|---------|--------------|-----------|------|---------|------------|-------------------------------|
/// | AC-1    | SOC 1   | event-driven | manual    | low  | 120     | EV-USERS   | 120 in 51–250 → 25            |
/// | AC-2    | SOC 2   | event-driven | manual    | high | 40      | EV-USERS   | 40 in 13–50 → 10              |
///
/// AC-1 and AC-2 act on the same new users: both name the population key `new-users`, so they share one sample.
/// | CH-1    | SOC 1   | recurring    | automated | low  | –       | EV-CONFIG  | test of one → 1               |
/// | CM-1    | both    | event-driven | IT-dep.   | high | 300     | EV-CHANGES | 300 in 251+, higher → 40      |
/// | RV-1    | both    | quarterly    | manual    | low  | –       | EV-REVIEW  | quarterly, lower → 2 (≤ 4)    |
private let requestControls: [Control] = [
    Control(
        id: "AC-1", title: "New user approval (SOC 1)", frequency: .eventDriven, nature: .manual, risk: .low,
        objectives: ["ITGC-01"], evidence: ["EV-USERS"], testMethods: [.inquiry, .inspection], populationSize: 120,
        populationKey: "new-users"),
    Control(
        id: "AC-2", title: "New user approval (SOC 2)", frequency: .eventDriven, nature: .manual, risk: .high,
        criteria: ["CC6.2"], evidence: ["EV-USERS"], testMethods: [.inquiry, .inspection], populationSize: 40,
        populationKey: "New-Users"),
    Control(
        id: "CH-1", title: "Gross-to-net calculation", frequency: .recurring, nature: .automated, risk: .low,
        objectives: ["BP-1"], evidence: ["EV-CONFIG"], testMethods: [.inquiry, .reperformance]),
    Control(
        id: "CM-1", title: "Change approval", frequency: .eventDriven, nature: .itDependentManual, risk: .high,
        objectives: ["ITGC-03"], criteria: ["CC8.1"], evidence: ["EV-CHANGES"], testMethods: [.inquiry, .inspection],
        populationSize: 300),
    Control(
        id: "RV-1", title: "Quarterly user access review", frequency: .quarterly, nature: .manual, risk: .low,
        objectives: ["ITGC-01"], criteria: ["CC6.3"], evidence: ["EV-REVIEW"], testMethods: [.inquiry, .inspection]),
]

private let requestWorkspace = Workspace(
    info: WorkspaceInfo(organization: "Acme Payroll", profile: nil), objectives: requestObjectives,
    evidence: requestEvidence, controls: requestControls)

private func day(_ text: String) -> Day { Day(text)! }
private func period(_ text: String) -> Period { Period(text)! }

private let calendar2026 = period("2026-01-01..2026-12-31")

/// Final fieldwork starting on `start` (the rest of the calendar by default).
private func fieldwork(_ start: String) -> CalendarSettings { CalendarSettings(fieldworkStart: day(start)) }

/// SOC 1 Type 2 and SOC 2 Type 2 over calendar 2026; fieldwork Monday 2027-01-18.
private let fy2026 = Engagement(
    name: "fy2026", soc1: .type2(calendar2026), soc2: .type2(calendar2026), soc1Calendar: fieldwork("2027-01-18"),
    soc2Calendar: fieldwork("2027-01-18"))

/// SOC 1 Type 1 as of 2026-06-30 beside a SOC 2 Type 2 over the first half of 2026; fieldwork Monday 2026-07-20.
private let h1 = Engagement(
    name: "h1", soc1: .type1(asOf: day("2026-06-30")), soc2: .type2(period("2026-01-01..2026-06-30")),
    soc1Calendar: fieldwork("2026-07-20"), soc2Calendar: fieldwork("2026-07-20"))

private func requestList(
    _ engagement: Engagement, workspace: Workspace = requestWorkspace, offsets: RequestOffsets = .init()
) -> RequestList {
    EngagementPlan.make(
        PlanInputs(
            workspace: workspace, engagement: engagement, criteria: requestCriteria, table: sampleTable,
            model: effortModel, offsets: offsets)
    ).requests
}

/// The columns of a request a compliance lead reads first, as plain values so expectations can be literals.
private struct Line: Equatable, CustomStringConvertible {
    var id: String
    var stage: RequestStage
    var evidence: String
    var period: String
    var part: String
    var items: Int
    var due: String
    var controls: [String]
    var reports: [ReportKind]

    init(
        _ id: String, _ stage: RequestStage, _ evidence: String, _ period: String, _ part: String, items: Int,
        due: String, controls: [String], reports: [ReportKind]
    ) {
        self.id = id
        self.stage = stage
        self.evidence = evidence
        self.period = period
        self.part = part
        self.items = items
        self.due = due
        self.controls = controls
        self.reports = reports
    }

    init(_ request: EvidenceRequest) {
        self.init(
            request.id, request.stage, request.evidence.id.rawValue, request.period, request.part, items: request.items,
            due: request.due.description, controls: request.controls.map(\.rawValue), reports: request.reports)
    }

    var description: String {
        "\(id) \(stage.rawValue) \(evidence) \(period) \(part) ×\(items) due \(due) \(controls) \(reports.map(\.rawValue))"
    }
}

// MARK: - The hand-worked joint engagement

@Suite("Evidence request list of a joint SOC 1 + SOC 2 engagement")
struct RequestTests {
    let list = requestList(fy2026)

    @Test("one request per artefact, stage, fieldwork and period, in stage, due date and evidence order")
    func handWorkedList() {
        // Given the inventory above, both reports Type 2 over calendar 2026, final fieldwork Monday 2027-01-18,
        // interim fieldwork by default 2026-09-30 + 14 = Wed 2026-10-14 (weekends only, no holidays)
        // When the request list is built
        // Then, worked out by hand:
        //   each sample splits ⌈items × 9 ÷ 12⌉ interim, the rest roll-forward: CM-1 40 → 30 + 10, AC-1 25 → 19 + 6,
        //   AC-2 10 → 8 + 2, RV-1 2 → 2 + 0, moved to 1 + 1 as a quarterly control occurs in Oct–Dec;
        //   interim populations cover Jan–Sep, due 10 business days before Wed 2026-10-14 (Wed 2026-09-30) but no
        //   sooner than 3 business days after the close: Mon 2026-10-05; their samples Wed 2026-10-14 + 5 = Wed
        //   2026-10-21, sized by the largest interim sample (EV-USERS: max(19, 8) = 19);
        //   roll-forward populations due max(2027-01-18 − 10 = Mon 2027-01-04, 2026-12-31 + 3 = Tue 2027-01-05);
        //   samples 2027-01-18 + 5 = Mon 2027-01-25 (EV-USERS: max(6, 2) = 6);
        //   the quarterly review: Q1–Q3 at interim fieldwork, Q4 at final fieldwork;
        //   the automated setting is observed as of the interim fieldwork, inside the period (due 3 business days
        //   later, Mon 2026-10-19), and its change history for the year at final fieldwork.
        #expect(
            list.requests.map(Line.init) == [
                Line(
                    "EV-CHANGES/P1", .population, "EV-CHANGES", "2026-01-01..2026-09-30", "interim", items: 1,
                    due: "2026-10-05", controls: ["CM-1"], reports: [.soc1, .soc2]),
                Line(
                    "EV-USERS/P1", .population, "EV-USERS", "2026-01-01..2026-09-30", "interim", items: 1,
                    due: "2026-10-05",
                    controls: ["AC-1", "AC-2"], reports: [.soc1, .soc2]),
                Line(
                    "EV-CHANGES/P2", .population, "EV-CHANGES", "2026-10-01..2026-12-31", "roll-forward", items: 1,
                    due: "2027-01-05", controls: ["CM-1"], reports: [.soc1, .soc2]),
                Line(
                    "EV-USERS/P2", .population, "EV-USERS", "2026-10-01..2026-12-31", "roll-forward", items: 1,
                    due: "2027-01-05", controls: ["AC-1", "AC-2"], reports: [.soc1, .soc2]),
                Line(
                    "EV-CHANGES/S1", .sample, "EV-CHANGES", "2026-01-01..2026-09-30", "interim", items: 30,
                    due: "2026-10-21",
                    controls: ["CM-1"], reports: [.soc1, .soc2]),
                Line(
                    "EV-USERS/S1", .sample, "EV-USERS", "2026-01-01..2026-09-30", "interim", items: 19,
                    due: "2026-10-21",
                    controls: ["AC-1", "AC-2"], reports: [.soc1, .soc2]),
                Line(
                    "EV-CHANGES/S2", .sample, "EV-CHANGES", "2026-10-01..2026-12-31", "roll-forward", items: 10,
                    due: "2027-01-25", controls: ["CM-1"], reports: [.soc1, .soc2]),
                Line(
                    "EV-USERS/S2", .sample, "EV-USERS", "2026-10-01..2026-12-31", "roll-forward", items: 6,
                    due: "2027-01-25", controls: ["AC-1", "AC-2"], reports: [.soc1, .soc2]),
                Line(
                    "EV-REVIEW/D1", .document, "EV-REVIEW", "2026-01-01..2026-09-30", "", items: 3, due: "2026-10-14",
                    controls: ["RV-1"], reports: [.soc1, .soc2]),
                Line(
                    "EV-REVIEW/D2", .document, "EV-REVIEW", "2026-10-01..2026-12-31", "", items: 1, due: "2027-01-18",
                    controls: ["RV-1"], reports: [.soc1, .soc2]),
                Line(
                    "EV-CONFIG/C1", .configuration, "EV-CONFIG", "as of 2026-10-14", "", items: 1, due: "2026-10-19",
                    controls: ["CH-1"], reports: [.soc1]),
                Line(
                    "EV-CONFIG/C2", .configuration, "EV-CONFIG", "2026-01-01..2026-12-31", "change history", items: 1,
                    due: "2027-01-18", controls: ["CH-1"], reports: [.soc1]),
            ])
    }

    @Test("a SOC 1-only and a SOC 2-only control sharing a population get one request per fieldwork")
    func sharedPopulation() throws {
        // Given AC-1 (SOC 1 only, ITGC-01) and AC-2 (SOC 2 only, CC6.2), both drawing on EV-USERS, on the same
        // calendar
        // When the request list is built
        let users = list.requests.filter { $0.evidence.id == "EV-USERS" }
        // Then EV-USERS is asked for four times (interim and roll-forward population and sample), never once per
        // report, each request naming both controls, the objective of one and the criterion of the other
        #expect(users.map(\.stage) == [.population, .population, .sample, .sample])
        for request in users {
            #expect(request.controls == ["AC-1", "AC-2"])
            #expect(request.objectives == ["ITGC-01"])
            #expect(request.criteria == ["CC6.2"])
            #expect(request.reports == [.soc1, .soc2])
        }
        // and each sample asks for the larger of the two, 19 and 6 (25 in all), not 25 + 10
        let samples = users.filter { $0.stage == .sample }
        #expect(samples.map(\.items) == [19, 6])
        #expect(samples[0].whatToProvide.contains("19 items"), "\(samples[0].whatToProvide)")
    }

    @Test("the population requests say what to export, for which days, from where")
    func populationWording() throws {
        // Given the interim and roll-forward requests for EV-CHANGES
        let changes = list.requests.filter { $0.evidence.id == "EV-CHANGES" && $0.stage == .population }
        try #require(changes.count == 2)
        // Then each names the population, its source system and its own days, and asks for the query used
        #expect(changes[0].whatToProvide.contains("production changes from GitHub"), "\(changes[0].whatToProvide)")
        #expect(changes[0].whatToProvide.contains("2026-01-01..2026-09-30"))
        #expect(changes[0].whatToProvide.contains("query"))
        #expect(changes[1].whatToProvide.contains("2026-10-01..2026-12-31"))
        #expect(changes[1].whatToProvide.contains("roll-forward"))
        #expect(!changes[1].whatToProvide.contains("2026-01-01"))
    }

    @Test("a quarterly control's documents list the quarters each fieldwork tests and the sample it needs")
    func quarterlyDocument() throws {
        // Given RV-1, quarterly, shared, sample 2 of 4 quarters: one at interim, one at final fieldwork
        // When the request list is built
        let reviews = list.requests.filter { $0.evidence.id == "EV-REVIEW" }
        try #require(reviews.count == 2)
        let review = reviews[0]
        // Then the interim request lists 2026 Q1…Q3 (3 items) and says the sample needs 1, the final one Q4
        #expect(review.stage == .document)
        #expect(review.items == 3)
        #expect(
            review.whatToProvide.contains("2026 Q1, 2026 Q2, 2026 Q3 (the sample needs 1)"), "\(review.whatToProvide)")
        #expect(reviews[1].whatToProvide.contains(": 2026 Q4 (the sample needs 1)"), "\(reviews[1].whatToProvide)")
        #expect(review.objectives == ["ITGC-01"])
        #expect(review.criteria == ["CC6.3"])
    }

    @Test("an automated control's setting is asked for as of a date inside the period, at interim fieldwork")
    func configuration() throws {
        // Given CH-1, automated, SOC 1 only (BP-1), with a configuration item
        // When the request list is built
        let setting = try #require(list.requests.first { $0.evidence.id == "EV-CONFIG" })
        // Then it is a configuration request for one instance, as of the interim fieldwork's first day
        // (2026-10-14, inside the period), due 3 business days later, serving SOC 1 alone
        #expect(setting.stage == .configuration)
        #expect(setting.period == "as of 2026-10-14")
        #expect(setting.items == 1)
        #expect(setting.due == day("2026-10-19"))
        #expect(setting.objectives == ["BP-1"])
        #expect(setting.criteria.isEmpty)
        #expect(setting.reports == [.soc1])
    }

    @Test("a clean inventory gives no warnings")
    func noWarnings() {
        // Given every control with evidence, every evidence item with an owner, every sample with a population
        // Then the list warns about nothing
        #expect(list.diagnostics.isEmpty, "\(list.diagnostics.map(\.message))")
    }

    @Test("client hours: populations, sample items and documents at the effort model's rates")
    func clientHours() {
        // Given 4 population requests at 1.0 h, 30 + 19 + 10 + 6 = 65 sample items at 0.25 h, two document and
        // two configuration requests at 0.5 h
        // Then answering the list takes 4 + 16.25 + 2 = 22.25 client hours
        #expect(list.clientHours(effortModel) == 22.25)
    }

    @Test("the joint list is shorter than the two single-report lists together")
    func jointAgainstSeparate() {
        // Given the same inventory audited as SOC 1 alone and as SOC 2 alone
        var soc1Alone = fy2026
        soc1Alone.soc2 = .none
        var soc2Alone = fy2026
        soc2Alone.soc1 = .none
        // When each list is built
        let soc1 = requestList(soc1Alone)
        let soc2 = requestList(soc2Alone)
        // Then SOC 1 alone (AC-1, CH-1, CM-1, RV-1) asks for 4 + 2 + 4 + 2 = 12 requests, SOC 2 alone
        // (AC-2, CM-1, RV-1) for 4 + 4 + 2 = 10, and the joint list for 12: 10 fewer
        #expect(soc1.requests.count == 12)
        #expect(soc2.requests.count == 10)
        #expect(list.requests.count == 12)
        // and the SOC 2 alone interim sample of new users is AC-2's 8 (of 10), not the joint 19
        #expect(soc2.requests.first { $0.evidence.id == "EV-USERS" && $0.stage == .sample }?.items == 8)
    }

    @Test("building the list twice gives identical requests and warnings")
    func deterministic() {
        // Given the same plan and schedule
        // When the list is built twice
        let again = requestList(fy2026)
        // Then both are equal, field by field
        #expect(again.requests == list.requests)
        #expect(again.diagnostics == list.diagnostics)
    }

    @Test("the list does not depend on the order of the controls in the workspace")
    func independentOfInputOrder() {
        // Given the same inventory with its controls and evidence listed backwards
        var reversed = requestWorkspace
        reversed.controls.reverse()
        reversed.evidence.reverse()
        // When the list is built
        // Then it is the same list
        #expect(requestList(fy2026, workspace: reversed).requests == list.requests)
    }
}

// MARK: - A SOC 1 Type 1 beside a SOC 2 Type 2

extension RequestTests {
    @Suite("A SOC 1 Type 1 beside a six-month SOC 2 Type 2")
    struct TypeOne {
        let list = requestList(h1)

        @Test("Type 1-only controls get design requests as of the report date; a 6-month window is not split")
        func handWorkedList() {
            // Given SOC 1 Type 1 as of 2026-06-30, SOC 2 Type 2 over 2026-01-01..2026-06-30, fieldwork Mon 2026-07-20
            // When the request list is built
            // Then, by hand:
            //   the 6-month window (< 9) gives one population request per item, due 2026-07-20 − 10 business days
            //   = Mon 2026-07-06; samples are due 2026-07-20 + 5 = Mon 2026-07-27;
            //   CM-1 over 6 months: ⌈300 × 6 ÷ 12⌉ = 150 in 51–250 → 25; AC-2: ⌈40 × 6 ÷ 12⌉ = 20 in 6–50 → 10;
            //   RV-1's document lists 2 quarters; AC-1 and CH-1 (SOC 1 only, Type 1) are walked through:
            //   one design request each, as of 2026-06-30, due at fieldwork
            // (reports are checked below, for the requests that serve one report only)
            let lines = list.requests.map { request in
                var line = Line(request)
                line.reports = []
                return line
            }
            #expect(
                lines == [
                    Line(
                        "EV-CHANGES/P1", .population, "EV-CHANGES", "2026-01-01..2026-06-30", "", items: 1,
                        due: "2026-07-06",
                        controls: ["CM-1"], reports: []),
                    Line(
                        "EV-USERS/P1", .population, "EV-USERS", "2026-01-01..2026-06-30", "", items: 1,
                        due: "2026-07-06",
                        controls: ["AC-2"], reports: []),
                    Line(
                        "EV-CHANGES/S1", .sample, "EV-CHANGES", "2026-01-01..2026-06-30", "", items: 25,
                        due: "2026-07-27",
                        controls: ["CM-1"], reports: []),
                    Line(
                        "EV-USERS/S1", .sample, "EV-USERS", "2026-01-01..2026-06-30", "", items: 10, due: "2026-07-27",
                        controls: ["AC-2"], reports: []),
                    Line(
                        "EV-REVIEW/D1", .document, "EV-REVIEW", "2026-01-01..2026-06-30", "", items: 2,
                        due: "2026-07-20",
                        controls: ["RV-1"], reports: []),
                    Line(
                        "EV-CONFIG/W1", .design, "EV-CONFIG", "as of 2026-06-30", "", items: 1, due: "2026-07-20",
                        controls: ["CH-1"], reports: []),
                    Line(
                        "EV-USERS/W1", .design, "EV-USERS", "as of 2026-06-30", "", items: 1, due: "2026-07-20",
                        controls: ["AC-1"], reports: []),
                ])
            // and new users are asked for twice for SOC 2 (AC-2's population and sample) and once for SOC 1
            // (AC-1's design request): the Type 1 control does not pull the population into SOC 1
            #expect(
                list.requests.filter { $0.evidence.id == "EV-USERS" }.map(\.reports) == [[.soc2], [.soc2], [.soc1]])
            #expect(list.requests.filter { $0.stage == .design }.allSatisfy { $0.reports == [.soc1] })
        }

        @Test("the design request names the as-of date and the walkthrough")
        func designWording() throws {
            // Given AC-1, a SOC 1 Type 1 control on EV-USERS
            let design = try #require(list.requests.first { $0.stage == .design && $0.evidence.id == "EV-USERS" })
            // Then it asks for new user accounts as of the report date, for one instance
            #expect(design.whatToProvide.contains("new user accounts from Okta"), "\(design.whatToProvide)")
            #expect(design.whatToProvide.contains("as of 2026-06-30"))
            #expect(design.whatToProvide.contains("walkthrough"))
            #expect(design.objectives == ["ITGC-01"])
        }

        @Test(
            "two Type 1 reports as of different dates ask for design evidence as of each date")
        func twoTypeOneDates() {
            // Given the quarterly review RV-1 (shared) in a SOC 1 Type 1 as of 2026-06-30 and a SOC 2 Type 1 as of
            // 2026-09-30
            let engagement = Engagement(
                name: "t1", soc1: .type1(asOf: day("2026-06-30")), soc2: .type1(asOf: day("2026-09-30")))
            // When the request list is built
            let review = requestList(engagement).requests.filter { $0.evidence.id == "EV-REVIEW" }
            // Then the SOC 1 report's own date is asked for: the review as it stood on 2026-06-30
            #expect(review.contains { $0.period == "as of 2026-06-30" && $0.reports.contains(.soc1) }, "\(review)")
            #expect(review.contains { $0.period == "as of 2026-09-30" && $0.reports.contains(.soc2) }, "\(review)")
        }

        @Test("the half-year document lists only the quarters of the window")
        func halfYearDocument() throws {
            // Given RV-1 tested over 2026-01-01..2026-06-30
            let review = try #require(list.requests.first { $0.evidence.id == "EV-REVIEW" })
            // Then it lists 2026 Q1 and 2026 Q2, and the sample of 2 (both quarters)
            #expect(review.whatToProvide.contains("2026 Q1, 2026 Q2 (the sample needs 2)"), "\(review.whatToProvide)")
            #expect(!review.whatToProvide.contains("Q3"))
        }
    }
}

// MARK: - Splits and due dates

extension RequestTests {
    @Suite("Interim and roll-forward populations, and due dates")
    struct Schedule {
        /// One engagement window and the population periods it must produce.
        struct SplitCase: CustomTestStringConvertible, Sendable {
            var window: String
            var periods: [String]
            var testDescription: String { "\(window) → \(periods.joined(separator: " + "))" }
        }

        static let windows: [SplitCase] = [
            // 12 months: interim = the first round(12 × 0.75) = 9 months
            SplitCase(
                window: "2026-01-01..2026-12-31", periods: ["2026-01-01..2026-09-30", "2026-10-01..2026-12-31"]),
            // 9 months, the shortest split: round(9 × 0.75) = round(6.75) = 7 months
            SplitCase(
                window: "2026-01-01..2026-09-30", periods: ["2026-01-01..2026-07-31", "2026-08-01..2026-09-30"]),
            // a fiscal year from April
            SplitCase(
                window: "2026-04-01..2027-03-31", periods: ["2026-04-01..2026-12-31", "2027-01-01..2027-03-31"]),
            // 8 and 6 months: one population for the whole window
            SplitCase(window: "2026-01-01..2026-08-31", periods: ["2026-01-01..2026-08-31"]),
            SplitCase(window: "2026-01-01..2026-06-30", periods: ["2026-01-01..2026-06-30"]),
        ]

        @Test("a window of 9 months or more is split three quarters through", arguments: windows)
        func split(_ scenario: SplitCase) {
            // Given a SOC 2 Type 2 over the window, CM-1 sampled from EV-CHANGES
            let window = period(scenario.window)
            let engagement = Engagement(name: "e", soc2: .type2(window))
            // When the list is built on the default calendar
            let list = requestList(engagement)
            // Then the population periods are the ones worked out by hand, and together cover the window
            let populations = list.requests.filter { $0.evidence.id == "EV-CHANGES" && $0.stage == .population }
            #expect(populations.map(\.period) == scenario.periods)
            #expect(populations.map(\.part) == (scenario.periods.count == 2 ? ["interim", "roll-forward"] : [""]))
            // and each sample request covers the same days as its population, in the same fieldwork
            let samples = list.requests.filter { $0.evidence.id == "EV-CHANGES" && $0.stage == .sample }
            #expect(samples.map(\.period) == scenario.periods)
            #expect(samples.map(\.phase) == populations.map(\.phase))
        }

        @Test("an interim cut-off on the engagement moves the split")
        func interimCutoff() {
            // Given the joint engagement with both interim cut-offs on 2026-06-30
            var engagement = fy2026
            engagement.soc1Calendar.interimCutoff = day("2026-06-30")
            engagement.soc2Calendar.interimCutoff = day("2026-06-30")
            // When the list is built
            let list = requestList(engagement)
            // Then EV-CHANGES's populations cover January–June and July–December, the interim one due
            // 10 business days before interim fieldwork (Tue 2026-07-14 + 14 days = Tue 2026-07-14 − 10 =
            // Tue 2026-06-30, moved to 3 business days after the close: Fri 2026-07-03)
            let populations = list.requests.filter { $0.evidence.id == "EV-CHANGES" && $0.stage == .population }
            #expect(populations.map(\.period) == ["2026-01-01..2026-06-30", "2026-07-01..2026-12-31"])
            #expect(populations.first?.due == day("2026-07-03"))
        }

        @Test("lead and lag in business days move population and sample due dates")
        func leadAndLag() throws {
            // Given final fieldwork Mon 2027-01-18, populations due 3 business days before and samples 1 after
            let list = requestList(fy2026, offsets: RequestOffsets(populationLeadDays: 3, sampleLagDays: 1))
            // Then the roll-forward population is due Wed 2027-01-13 and its sample Tue 2027-01-19
            let changes = list.requests.filter { $0.evidence.id == "EV-CHANGES" && $0.part == "roll-forward" }
            #expect(changes.map(\.due) == [day("2027-01-13"), day("2027-01-19")])
            // and the interim population (interim fieldwork Wed 2026-10-14) Fri 2026-10-09, its sample Thu 2026-10-15
            let interim = list.requests.filter { $0.evidence.id == "EV-CHANGES" && $0.part == "interim" }
            #expect(interim.map(\.due) == [day("2026-10-09"), day("2026-10-15")])
        }

        @Test("moving final fieldwork moves the roll-forward due dates, not the interim ones")
        func laterFieldwork() throws {
            // Given final fieldwork moved to Mon 2027-02-01
            var later = fy2026
            later.soc1Calendar = fieldwork("2027-02-01")
            later.soc2Calendar = fieldwork("2027-02-01")
            // When the list is built
            let list = requestList(later)
            // Then the roll-forward population is due Mon 2027-01-18 (2027-02-01 − 10), its sample Mon 2027-02-08
            // (+ 5), and the interim population stays at 10 business days before Wed 2026-10-14: Wed 2026-09-30,
            // moved to 3 business days after the close, Mon 2026-10-05
            let byKey = Dictionary(
                list.requests.map { ("\($0.evidence.id) \($0.stage.rawValue) \($0.part)", $0) },
                uniquingKeysWith: { a, _ in a })
            #expect(byKey["EV-CHANGES population roll-forward"]?.due == day("2027-01-18"))
            #expect(byKey["EV-CHANGES sample roll-forward"]?.due == day("2027-02-08"))
            #expect(byKey["EV-CHANGES population interim"]?.due == day("2026-10-05"))
        }

        @Test("a population is never due before the days it covers have closed")
        func populationNotDueBeforeWindowEnds() {
            // Given the joint engagement with the default calendar
            var open = fy2026
            open.soc1Calendar = .init()
            open.soc2Calendar = .init()
            // When the list is built
            let list = requestList(open)
            // Then every population and sample request is due after the last day it covers
            for request in list.requests where request.stage == .population || request.stage == .sample {
                let end = period(request.period).end
                #expect(request.due > end, "\(request.id) covers up to \(end) but is due \(request.due)")
            }
        }
    }
}

// MARK: - Warnings

private let ownerless = EvidenceItem(id: "EV-DOC", title: "Access policy", kind: .document, source: "Confluence")
private let ownedDocument = EvidenceItem(
    id: "EV-DOC", title: "Access policy", kind: .document, source: "Confluence", owner: "CISO")
private let both2026 = Engagement(name: "e", soc1: .type2(calendar2026), soc2: .type2(calendar2026))

private func accessControl(
    _ evidence: [EvidenceID], nature: Nature = .manual, criteria: [CriterionID] = ["CC6.2"],
    frequency: Frequency = .eventDriven
) -> Control {
    Control(
        id: "X-1", title: "Access approval", frequency: frequency, nature: nature, criteria: criteria,
        evidence: evidence, testMethods: [.inquiry, .inspection], populationSize: 40)
}

extension RequestTests {
    @Suite("Warnings about evidence")
    struct Warnings {
        /// One inventory problem (or a look-alike that is fine) and the warning codes it must give.
        struct WarningCase: CustomTestStringConvertible, Sendable {
            var name: String
            var control: Control
            var evidence: [EvidenceItem]
            var engagement: Engagement
            /// code and subject of each warning
            var expected: [String]
            var testDescription: String { name }
        }

        static let cases: [WarningCase] = [
            WarningCase(
                name: "evidence with no owner", control: accessControl(["EV-DOC"], frequency: .quarterly),
                evidence: [ownerless], engagement: both2026, expected: ["no-owner EV-DOC"]),
            WarningCase(
                name: "an in-scope control with no evidence", control: accessControl([], frequency: .quarterly),
                evidence: [ownedDocument], engagement: both2026, expected: ["no-evidence X-1"]),
            WarningCase(
                name: "a sampled event-driven control with no population", control: accessControl(["EV-DOC"]),
                evidence: [ownedDocument], engagement: both2026, expected: ["no-population X-1"]),
            WarningCase(
                name: "a missing population and an ownerless item, control warnings first",
                control: accessControl(["EV-DOC"]),
                evidence: [ownerless], engagement: both2026, expected: ["no-population X-1", "no-owner EV-DOC"]),
            // Look-alikes that are fine:
            WarningCase(
                name: "an automated control needs no population (test of one)",
                control: accessControl(["EV-DOC"], nature: .automated), evidence: [ownedDocument], engagement: both2026,
                expected: []),
            WarningCase(
                name: "a quarterly control is evidenced by its documents",
                control: accessControl(["EV-DOC"], frequency: .quarterly),
                evidence: [ownedDocument], engagement: both2026, expected: []),
            WarningCase(
                name: "a Type 1 samples nothing", control: accessControl(["EV-DOC"]), evidence: [ownedDocument],
                engagement: Engagement(name: "t1", soc2: .type1(asOf: day("2026-06-30"))), expected: []),
            WarningCase(
                name: "an out-of-scope control with no evidence is not the engagement's problem",
                control: accessControl([], criteria: ["P4.3"]), evidence: [ownedDocument], engagement: both2026,
                expected: []),
            WarningCase(
                name: "an ownerless item no in-scope control uses is nobody's request",
                control: accessControl(["EV-DOC"], criteria: ["P4.3"]), evidence: [ownerless], engagement: both2026,
                expected: []),
        ]

        @Test("warnings", arguments: cases)
        func warnings(_ scenario: WarningCase) {
            // Given one control and its evidence
            let workspace = Workspace(
                info: WorkspaceInfo(organization: "Acme", profile: nil), objectives: requestObjectives,
                evidence: scenario.evidence, controls: [scenario.control])
            // When the request list is built
            let list = requestList(scenario.engagement, workspace: workspace)
            // Then it warns exactly as expected, each warning with a hint a person can act on
            #expect(list.diagnostics.map { "\($0.code) \($0.subject ?? "")" } == scenario.expected)
            for diagnostic in list.diagnostics {
                #expect(diagnostic.severity == .warning)
                #expect(!diagnostic.hint.isEmpty)
                #expect(diagnostic.message.contains(diagnostic.subject ?? "?"), "\(diagnostic.message)")
            }
        }

        @Test("the no-owner warning says nobody will be asked, and the request is still made")
        func ownerlessStillRequested() throws {
            // Given a quarterly control whose only document has no owner
            let workspace = Workspace(
                info: WorkspaceInfo(organization: "Acme", profile: nil), evidence: [ownerless],
                controls: [accessControl(["EV-DOC"], frequency: .quarterly)])
            // When the request list is built
            let list = requestList(both2026, workspace: workspace)
            // Then the warning names the item and its title, and the document is still on the list, for the
            // interim and the final fieldwork
            let warning = try #require(list.diagnostics.first)
            #expect(warning.message.contains("Access policy"))
            #expect(warning.message.contains("no owner"))
            #expect(list.requests.map(\.evidence.id) == ["EV-DOC", "EV-DOC"])
        }

        @Test("a weekly control samples its occurrences: no population is asked for or missed")
        func weeklyNeedsNoPopulation() {
            // Given a weekly control (5 of 52 sampled) whose only evidence is a document
            let workspace = Workspace(
                info: WorkspaceInfo(organization: "Acme", profile: nil), evidence: [ownedDocument],
                controls: [accessControl(["EV-DOC"], frequency: .weekly)])
            // When the plan and the request list are built
            let plan = Planner.plan(
                workspace: workspace, engagement: both2026, criteria: requestCriteria, table: sampleTable,
                model: effortModel)
            let list = requestList(both2026, workspace: workspace)
            // Then nothing warns about a population: the document request lists the weeks to select from
            #expect(plan.rows.first?.notes.contains { $0.contains("no population evidence") } == false)
            #expect(list.diagnostics.isEmpty)
            #expect(list.requests.allSatisfy { $0.stage == .document })
        }

        @Test(
            "a sampled event-driven control with no population is warned about, as the plan notes it")
        func eventDrivenWithoutPopulation() {
            // Given an event-driven control whose only evidence is a document
            let workspace = Workspace(
                info: WorkspaceInfo(organization: "Acme", profile: nil), evidence: [ownedDocument],
                controls: [accessControl(["EV-DOC"], frequency: .eventDriven)])
            // When the plan and the request list are built
            let plan = Planner.plan(
                workspace: workspace, engagement: both2026, criteria: requestCriteria, table: sampleTable,
                model: effortModel)
            let list = requestList(both2026, workspace: workspace)
            // Then the plan notes that the sample has nothing to be drawn from, and the request list warns too
            #expect(plan.rows.first?.notes.contains { $0.contains("no population evidence") } == true)
            #expect(list.diagnostics.map(\.code) == ["no-population"])
        }
    }
}

// MARK: - Controls that share a population with an automated control

extension RequestTests {
    @Test(
        "an automated control sharing a population with a sampled control is still named on a request")
    func automatedBesideSampled() {
        // Given CM-1 (sampled) and an automated deployment gate AU-1 (test of one) that both use EV-CHANGES
        var workspace = requestWorkspace
        workspace.controls.append(
            Control(
                id: "AU-1", title: "Deployment gate", frequency: .recurring, nature: .automated,
                objectives: ["ITGC-03"], criteria: ["CC8.1"], evidence: ["EV-CHANGES"]))
        // When the request list is built
        let list = requestList(fy2026, workspace: workspace)
        // Then AU-1 appears on a request for EV-CHANGES, so its owner knows the evidence serves it too
        #expect(list.requests.contains { $0.evidence.id == "EV-CHANGES" && $0.controls.contains("AU-1") })
    }
}

// MARK: - Wording

extension RequestTests {
    @Test(
        "acronyms in an evidence title keep their capitals in what to provide")
    func acronymsKeepCapitals() throws {
        // Given a quarterly control whose evidence is the "IT asset inventory" (a population) and a
        // "GL reconciliation" (a document)
        let workspace = Workspace(
            info: WorkspaceInfo(organization: "Acme", profile: nil),
            evidence: [
                EvidenceItem(id: "EV-A", title: "IT asset inventory", kind: .population, source: "Jamf", owner: "IT"),
                EvidenceItem(id: "EV-B", title: "GL reconciliation", kind: .document, source: "NetSuite", owner: "CFO"),
            ],
            controls: [
                Control(
                    id: "X-1", title: "Asset review", frequency: .quarterly, nature: .manual, criteria: ["CC6.1"],
                    evidence: ["EV-A", "EV-B"], testMethods: [.inquiry, .inspection])
            ])
        // When the request list is built
        let list = requestList(both2026, workspace: workspace)
        // Then the sentences say "IT asset inventory" and "GL reconciliation", as the person wrote them
        let population = try #require(list.requests.first { $0.evidence.id == "EV-A" })
        let document = try #require(list.requests.first { $0.evidence.id == "EV-B" })
        #expect(population.whatToProvide.contains("IT asset inventory"), "\(population.whatToProvide)")
        #expect(document.whatToProvide.contains("GL reconciliation"), "\(document.whatToProvide)")
    }
}

// MARK: - Properties on generated inventories and engagements

/// Evidence for generated inventories: two populations, two documents, one setting; one of each of the first
/// two kinds has no owner.
private let propertyEvidence: [EvidenceItem] = [
    EvidenceItem(id: "EV-1", title: "Changes", kind: .population, source: "Jira", owner: "Engineering"),
    EvidenceItem(id: "EV-2", title: "New users", kind: .population, source: "Okta"),
    EvidenceItem(id: "EV-3", title: "Access policy", kind: .document, source: "Confluence", owner: "CISO"),
    EvidenceItem(id: "EV-4", title: "Review minutes", kind: .document),
    EvidenceItem(id: "EV-5", title: "Password settings", kind: .configuration, source: "Okta", owner: "IT"),
]
/// Bit 5 of an evidence mask: an id no evidence item has.
private let missingEvidence: EvidenceID = "EV-9"

private let propertyPeriods = [
    period("2026-01-01..2026-12-31"), period("2026-01-01..2026-06-30"), period("2026-04-01..2026-12-31"),
    period("2026-07-01..2027-06-30"),
]

private func pick<T>(_ all: [T], _ mask: Int) -> [T] {
    all.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element)
}

/// A control from generated numbers: frequency, nature, objective mask, criterion mask, evidence mask,
/// population size (0: none), higher risk.
private typealias Shape = (Int, Int, Int, Int, Int, Int, Bool)

private func generatedWorkspace(_ shapes: [Shape]) -> Workspace {
    let controls = shapes.enumerated().map { index, shape in
        Control(
            id: ControlID("G-\(index)"), title: "Generated \(index)", frequency: Frequency.allCases[shape.0],
            nature: Nature.allCases[shape.1], risk: shape.6 ? .high : .low,
            objectives: pick(["ITGC-01", "BP-1"], shape.2), criteria: pick(["CC6.1", "CC8.1"], shape.3),
            evidence: pick(propertyEvidence.map(\.id) + [missingEvidence], shape.4),
            testMethods: [.inquiry, .inspection], populationSize: shape.5 == 0 ? nil : shape.5)
    }
    return Workspace(
        info: WorkspaceInfo(organization: "Generated", profile: nil), objectives: requestObjectives,
        evidence: propertyEvidence, controls: controls)
}

/// An engagement from generated numbers: report types (0 none, 1 Type 1, 2 Type 2), periods (index into
/// `propertyPeriods`; a Type 1 speaks as of the period's end), and fieldwork (-1: the default, else days after the
/// last report's end).
private func generatedEngagement(_ numbers: (Int, Int, Int, Int, Int)) -> Engagement {
    func scope(_ type: Int, _ index: Int) -> ReportScope {
        let window = propertyPeriods[index]
        return type == 0 ? .none : type == 1 ? .type1(asOf: window.end) : .type2(window)
    }
    var engagement = Engagement(
        name: "generated", soc1: scope(numbers.0, numbers.2), soc2: scope(numbers.1, numbers.3))
    if numbers.4 >= 0, let last = engagement.reports.compactMap({ engagement.scope($0).endDay }).max() {
        let settings = CalendarSettings(fieldworkStart: last.adding(days: numbers.4))
        engagement.soc1Calendar = settings
        engagement.soc2Calendar = settings
    }
    return engagement
}

private func generatedList(_ workspace: Workspace, _ engagement: Engagement, cutoff: Int) -> RequestList {
    requestList(withCutoff(engagement, cutoff), workspace: workspace)
}

/// The engagement with both reports' interim cut-off set to the generated choice (none, June, September).
private func withCutoff(_ engagement: Engagement, _ cutoff: Int) -> Engagement {
    let cutoffs: [Day?] = [nil, day("2026-06-30"), day("2026-09-30")]
    var engagement = engagement
    engagement.soc1Calendar.interimCutoff = cutoffs[cutoff]
    engagement.soc2Calendar.interimCutoff = cutoffs[cutoff]
    return engagement
}

private let shapes = zip(
    Gen.int(in: 0...7), Gen.int(in: 0...2), Gen.int(in: 0...3), Gen.int(in: 0...3), Gen.int(in: 0...63),
    Gen.int(in: 0...400), Gen.bool
).array(of: 0...10)
private let engagements = zip(
    Gen.int(in: 0...2), Gen.int(in: 0...2), Gen.int(in: 0...3), Gen.int(in: 0...3), Gen.int(in: -1...30))
private let cutoffChoice = Gen.int(in: 0...2)

extension RequestTests {
    @Suite("Request-list invariants on generated inventories")
    struct Properties {
        @Test("every evidence item an in-scope control uses is asked for")
        func everyEvidenceRequested() async {
            await propertyCheck(count: 300, input: shapes, engagements, cutoffChoice) { shapes, numbers, cutoff in
                // Given a generated inventory and engagement
                let workspace = generatedWorkspace(shapes)
                let engagement = generatedEngagement(numbers)
                // When the list is built
                let list = generatedList(workspace, engagement, cutoff: cutoff)
                // Then every known item of a control mapped to an issued report's scope is on some request
                // (in scope, worked out independently: an objective while SOC 1 is issued, or a criterion while
                // SOC 2 is; every generated criterion is security, every objective is scoped)
                let requested = Set(list.requests.map(\.evidence.id))
                let known = Set(propertyEvidence.map(\.id))
                for control in workspace.controls
                where (engagement.soc1.isIssued && !control.objectives.isEmpty)
                    || (engagement.soc2.isIssued && !control.criteria.isEmpty)
                {
                    for id in control.evidence where known.contains(id) {
                        #expect(requested.contains(id), "\(id) of \(control.id) is never asked for")
                    }
                }
                // and nothing else is
                #expect(!requested.contains(missingEvidence))
            }
        }

        @Test("no two requests ask for the same evidence, at the same stage, for the same period and sample")
        func noDuplicates() async {
            await propertyCheck(count: 300, input: shapes, engagements, cutoffChoice) { shapes, numbers, cutoff in
                // Given a generated inventory and engagement
                let list = generatedList(generatedWorkspace(shapes), generatedEngagement(numbers), cutoff: cutoff)
                // Then (evidence, stage, period) is unique, but for sample requests of controls that do not share
                // a population key: those differ in their controls
                let keys = list.requests.map {
                    "\($0.evidence.id) \($0.stage.rawValue) \($0.period) \($0.stage == .sample ? "\($0.controls)" : "")"
                }
                #expect(Set(keys).count == keys.count, "\(keys)")
            }
        }

        @Test("the joint list is never longer than the two single-report lists together")
        func jointNeverLonger() async {
            await propertyCheck(count: 300, input: shapes, engagements, cutoffChoice) { shapes, numbers, cutoff in
                // Given a generated inventory and engagement, and the same engagement with one report dropped
                let workspace = generatedWorkspace(shapes)
                let engagement = generatedEngagement(numbers)
                var soc1Alone = engagement
                soc1Alone.soc2 = .none
                var soc2Alone = engagement
                soc2Alone.soc1 = .none
                // When the three lists are built
                let joint = generatedList(workspace, engagement, cutoff: cutoff).requests.count
                let separate =
                    generatedList(workspace, soc1Alone, cutoff: cutoff).requests.count
                    + generatedList(workspace, soc2Alone, cutoff: cutoff).requests.count
                // Then the joint list asks for no more than the two audits would separately
                #expect(joint <= separate, "joint \(joint) against \(separate) separately")
            }
        }

        @Test("the lists of each report alone, counted without wording, hold the requests their worded lists hold")
        func countedListsAsWorded() async {
            await propertyCheck(count: 200, input: shapes, engagements, cutoffChoice) { shapes, numbers, cutoff in
                // Given a generated inventory and engagement, planned
                let workspace = generatedWorkspace(shapes)
                let engagement = withCutoff(generatedEngagement(numbers), cutoff)
                let plan = EngagementPlan.make(
                    PlanInputs(
                        workspace: workspace, engagement: engagement, criteria: requestCriteria, table: sampleTable,
                        model: effortModel))
                // When the joint list is built again only counted
                let counted = RequestList(
                    plan: plan.audit, workspace: workspace, calendar: plan.calendar, worded: false)
                // Then it has the same requests (ids, stages, items, dates, controls), without words
                func shape(_ request: EvidenceRequest) -> String {
                    "\(request.id) \(request.stage) \(request.items) \(request.phase) \(request.due) \(request.period) \(request.part) \(request.controls) \(request.reports)"
                }
                #expect(counted.requests.map(shape) == plan.requests.requests.map(shape))
                #expect(counted.requests.allSatisfy { $0.whatToProvide.isEmpty && $0.criteria.isEmpty })
                // And each report's counted list alone is as long as its worded list would be
                for (index, kind) in engagement.reports.enumerated() {
                    let worded = requestList(engagement.alone(kind), workspace: workspace).requests.count
                    #expect(plan.separateRequests[index].requests.count == worded, "\(kind)")
                }
            }
        }

        @Test(
            "ids name the evidence item and stage, numbered per item from 1; the list is in stage, due date and evidence order"
        )
        func numberingAndOrder() async {
            await propertyCheck(count: 300, input: shapes, engagements, cutoffChoice) { shapes, numbers, cutoff in
                // Given a generated inventory and engagement
                let list = generatedList(generatedWorkspace(shapes), generatedEngagement(numbers), cutoff: cutoff)
                // Then ids are unique, each is EVIDENCE/<stage letter><n>, and per item and stage the numbers are
                // 1…n in due date order
                let ids = list.requests.map(\.id)
                #expect(Set(ids).count == ids.count)
                let groups = Dictionary(grouping: list.requests) {
                    "\($0.evidence.id.rawValue)/\(RequestList.idLetter($0.stage))"
                }
                for (prefix, requests) in groups {
                    let byDue = requests.sorted { $0.due != $1.due ? $0.due < $1.due : $0.id < $1.id }
                    #expect(
                        Set(requests.map(\.id)) == Set((1...requests.count).map { "\(prefix)\($0)" }), "\(prefix)")
                    for (a, b) in zip(byDue, byDue.dropFirst()) where a.due < b.due {
                        #expect(a.id.count < b.id.count || (a.id.count == b.id.count && a.id < b.id), "\(a.id) \(b.id)")
                    }
                }
                for (a, b) in zip(list.requests, list.requests.dropFirst()) {
                    let ordered =
                        a.stage != b.stage
                        ? a.stage < b.stage : a.due != b.due ? a.due < b.due : a.evidence.id <= b.evidence.id
                    #expect(ordered, "\(a.id) \(a.stage) \(a.due) \(a.evidence.id) before \(b.id)")
                }
            }
        }

        @Test("every sample asks for at least one item and no more than the largest combined sample of its controls")
        func sampleSize() async {
            await propertyCheck(count: 300, input: shapes, engagements, cutoffChoice) { shapes, numbers, cutoff in
                // Given a generated inventory and engagement, and its plan
                let workspace = generatedWorkspace(shapes)
                var engagement = generatedEngagement(numbers)
                let cutoffs: [Day?] = [nil, day("2026-06-30"), day("2026-09-30")]
                engagement.soc1Calendar.interimCutoff = cutoffs[cutoff]
                engagement.soc2Calendar.interimCutoff = cutoffs[cutoff]
                // When the plan and its list are built in one pass
                let pass = EngagementPlan.make(
                    PlanInputs(
                        workspace: workspace, engagement: engagement, criteria: requestCriteria, table: sampleTable,
                        model: effortModel))
                let combined = Dictionary(pass.audit.rows.map { ($0.control.id, $0.combined) }, uniquingKeysWith: max)
                let list = pass.requests
                // Then each sample request (one per fieldwork) asks for at least one item and never more than the
                // largest combined sample among its controls
                for request in list.requests where request.stage == .sample {
                    #expect(request.items >= 1)
                    #expect(request.items <= request.controls.compactMap { combined[$0] }.max() ?? 0)
                }
            }
        }

        @Test("building the list twice gives the same list")
        func deterministic() async {
            await propertyCheck(count: 100, input: shapes, engagements, cutoffChoice) { shapes, numbers, cutoff in
                let workspace = generatedWorkspace(shapes)
                let engagement = generatedEngagement(numbers)
                #expect(
                    generatedList(workspace, engagement, cutoff: cutoff)
                        == generatedList(workspace, engagement, cutoff: cutoff))
            }
        }
    }
}
