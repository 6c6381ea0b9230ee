import PropertyBased
import SOCPlanCore
import Testing

// Each report on its own calendar: the scenarios an audit manager tried (a fiscal-year SOC 1 beside a
// calendar-year SOC 2, a Type 1 beside a Type 2), the calendar's defaults and overrides, and properties
// over any pair of calendars. Due dates use the federal holidays of HolidayTests.

private func day(_ text: String) -> Day { Day(text)! }
private func period(_ text: String) -> Period { Period(text)! }

private let criteria: [Criterion] = [
    Criterion(id: "CC6.2", category: .security, group: "CC6", cosoPrinciple: nil, title: "User registration"),
    Criterion(id: "CC6.3", category: .security, group: "CC6", cosoPrinciple: nil, title: "Access removal and review"),
    Criterion(id: "CC8.1", category: .security, group: "CC8", cosoPrinciple: nil, title: "Change management"),
]

private let objectives: [Objective] = [
    Objective(id: "BP-1", title: "Payroll calculated accurately", domain: .business, area: "business-processing"),
    Objective(id: "ITGC-01", title: "Logical access", domain: .itgc, area: "logical-access"),
    Objective(id: "ITGC-03", title: "Change management", domain: .itgc, area: "change-management"),
]

private let evidence: [EvidenceItem] = [
    EvidenceItem(id: "EV-CHANGES", title: "Production changes", kind: .population, owner: "Engineering Manager"),
    EvidenceItem(id: "EV-CONFIG", title: "Payroll calculation settings", kind: .configuration, owner: "Payroll"),
    EvidenceItem(id: "EV-REVIEW", title: "Quarterly access review", kind: .document, owner: "CISO"),
]

/// CM-1 shared (40 a year, higher risk: 40 items), CH-1 automated SOC 1 only, RV-1 quarterly shared.
private let workspace = Workspace(
    info: WorkspaceInfo(organization: "Acme Payroll", profile: nil), objectives: objectives, evidence: evidence,
    controls: [
        Control(
            id: "CH-1", title: "Gross-to-net calculation", frequency: .recurring, nature: .automated,
            objectives: ["BP-1"], evidence: ["EV-CONFIG"], testMethods: [.inquiry, .reperformance]),
        Control(
            id: "CM-1", title: "Change approval", frequency: .eventDriven, nature: .itDependentManual, risk: .high,
            objectives: ["ITGC-03"], criteria: ["CC8.1"], evidence: ["EV-CHANGES"],
            testMethods: [.inquiry, .inspection], populationSize: 300),
        Control(
            id: "RV-1", title: "Quarterly user access review", frequency: .quarterly, nature: .manual,
            objectives: ["ITGC-01"], criteria: ["CC6.3"], evidence: ["EV-REVIEW"],
            testMethods: [.inquiry, .inspection]),
    ])

private func plan(_ engagement: Engagement, holidays: HolidayCalendar = federal) -> EngagementPlan {
    EngagementPlan.make(
        PlanInputs(
            workspace: workspace, engagement: engagement, criteria: criteria, table: HandTypedDefaults.sampleTable,
            model: HandTypedDefaults.effortModel, holidays: holidays))
}

/// SOC 1 Type 2 over a fiscal year to September, SOC 2 Type 2 over calendar 2026.
private let fiscalAndCalendar = Engagement(
    name: "two", soc1: .type2(period("2025-10-01..2026-09-30")), soc2: .type2(period("2026-01-01..2026-12-31")))

@Suite("Each report on its own calendar")
struct CalendarTests {
    @Test("a September SOC 1 beside a calendar SOC 2: SOC 1 requests fall due within weeks of its own period end")
    func soc1NotDueInJanuary() {
        // Given a SOC 1 over 2025-10-01..2026-09-30 and a SOC 2 over calendar 2026
        let plan = plan(fiscalAndCalendar)
        // When the requests are listed
        // Then nothing the SOC 1's own fieldwork tests is due after its report date (2026-11-11: final fieldwork
        // 2026-09-30 + 14 = Wed 2026-10-14, report four weeks later, Veterans Day moved to Thu 2026-11-12)
        let soc1 = plan.calendar.calendar(.soc1)
        #expect(soc1?.final.fieldwork.start == day("2026-10-14"))
        #expect(soc1?.reportDate == day("2026-11-12"))
        let forSOC1 = plan.requests.requests.filter { $0.phase.report == .soc1 }
        #expect(!forSOC1.isEmpty)
        #expect(forSOC1.allSatisfy { $0.due <= day("2026-11-12") }, "\(forSOC1.map { "\($0.id) \($0.due)" })")
        // And the months after the SOC 1 period (October–December 2026) are asked for only after they close
        let late = plan.requests.requests.filter {
            ($0.stage == .population || $0.stage == .sample)
                && Period($0.period).map { $0.end > day("2026-09-30") } == true
        }
        #expect(!late.isEmpty)
        #expect(late.allSatisfy { $0.due > day("2026-12-31") && $0.phase.report == .soc2 })
    }

    @Test("a shared control is tested once where the windows overlap, in the earlier fieldwork")
    func sharedControlTestedOnce() throws {
        // Given CM-1 in both reports, 40 items each over its own 12 months
        let row = try #require(plan(fiscalAndCalendar).audit.rows.first { $0.control.id == "CM-1" })
        // Then SOC 1 interim fieldwork tests Oct–Jun for both reports, SOC 1 final tests Jul–Sep for both, and the
        // SOC 2 final fieldwork only its remaining months, Oct–Dec; SOC 2 interim fieldwork tests nothing of it
        #expect(row.phases.map(\.phase.label) == ["SOC 1 interim", "SOC 1 final", "SOC 2 final"])
        #expect(
            row.phases.map(\.window.description) == [
                "2025-10-01..2026-06-30", "2026-07-01..2026-09-30", "2026-10-01..2026-12-31",
            ])
        #expect(row.phases.map(\.serves) == [[.soc1, .soc2], [.soc1, .soc2], [.soc2]])
        // And worked out by hand: SOC 1 splits 40 into ⌈40 × 9 ÷ 12⌉ = 30 + 10, SOC 2 likewise 30 + 10; Oct–Jun
        // needs SOC 1's 30 (SOC 2's interim share of Jan–Jun is 30 × 6 ÷ 9 = 20); Jul–Sep needs
        // max(SOC 1's 10, SOC 2's 30 × 3 ÷ 9 = 10) = 10; Oct–Dec SOC 2's 10: 50 items, not 80
        #expect(row.phases.map(\.items) == [30, 10, 10])
        #expect(row.combined == 50)
    }

    @Test("a SOC 1 Type 1 as of September beside a calendar SOC 2 Type 2: design requests are due in October")
    func typeOneBesideTypeTwo() throws {
        // Given a SOC 1 Type 1 as of 2026-09-30 and a SOC 2 Type 2 over calendar 2026
        let engagement = Engagement(
            name: "t1", soc1: .type1(asOf: day("2026-09-30")), soc2: .type2(period("2026-01-01..2026-12-31")))
        let plan = plan(engagement)
        // Then the Type 1 is tested around its date: fieldwork from the business day on or after 2026-09-23
        let soc1 = try #require(plan.calendar.calendar(.soc1))
        #expect(soc1.final.fieldwork.start == day("2026-09-23"))
        // And the SOC 1 design requests are due on its as-of date, not after the SOC 2's year
        let design = plan.requests.requests.filter { $0.stage == .design }
        #expect(!design.isEmpty)
        #expect(design.allSatisfy { $0.due == day("2026-09-30") && $0.reports == [.soc1] }, "\(design)")
    }

    @Test("interim and roll-forward samples cover their own populations' days and fall due at two dates")
    func samplesFollowThePhases() {
        // Given both reports over calendar 2026
        let engagement = Engagement(
            name: "fy", soc1: .type2(period("2026-01-01..2026-12-31")), soc2: .type2(period("2026-01-01..2026-12-31")))
        let requests = plan(engagement).requests.requests.filter { $0.evidence.id == "EV-CHANGES" }
        // Then each sample request covers exactly the days of the population request of its fieldwork
        let populations = requests.filter { $0.stage == .population }
        let samples = requests.filter { $0.stage == .sample }
        #expect(populations.map(\.period) == ["2026-01-01..2026-09-30", "2026-10-01..2026-12-31"])
        #expect(samples.map(\.period) == populations.map(\.period))
        // and they fall due at two dates, in October and in January: Wed 2026-10-14 + 5 business days, and
        // Thu 2027-01-14 + 5 with Martin Luther King Day (Mon 2027-01-18) skipped
        #expect(samples.map(\.due) == [day("2026-10-21"), day("2027-01-22")])
        #expect(samples.map(\.items) == [30, 10])
    }

    @Test("roll-forward populations are due on a business day, not on New Year's Day")
    func notOnAHoliday() {
        // Given both reports over calendar 2026, with populations due as soon as the period closes
        var engagement = Engagement(
            name: "fy", soc1: .type2(period("2026-01-01..2026-12-31")), soc2: .type2(period("2026-01-01..2026-12-31")))
        engagement.soc1Calendar.fieldworkStart = day("2027-01-04")
        engagement.soc2Calendar.fieldworkStart = day("2027-01-04")
        let inputs = PlanInputs(
            workspace: workspace, engagement: engagement, criteria: criteria, table: HandTypedDefaults.sampleTable,
            model: HandTypedDefaults.effortModel, holidays: federal,
            offsets: RequestOffsets(populationLeadDays: 10, sampleLagDays: 5, closeLagDays: 1))
        let rollForward = EngagementPlan.make(inputs).requests.requests.filter { $0.part == "roll-forward" }
        // Then the roll-forward population is due Mon 2027-01-04 (Fri 2027-01-01 is New Year's Day), not before
        #expect(rollForward.first { $0.stage == .population }?.due == day("2027-01-04"))
    }

    @Test("a setting is observed on a date inside the report's period, and its change history asked for")
    func configurationInsideThePeriod() throws {
        // Given CH-1 (automated) in the September SOC 1
        let requests = plan(fiscalAndCalendar).requests.requests.filter { $0.evidence.id == "EV-CONFIG" }
        // Then the setting is shown as of the interim fieldwork (Tue 2026-07-14), inside 2025-10-01..2026-09-30
        let setting = try #require(requests.first { $0.part.isEmpty })
        #expect(setting.period == "as of 2026-07-14")
        // and its change history covers the SOC 1 period, due at SOC 1 final fieldwork
        let history = try #require(requests.first { $0.part == "change history" })
        #expect(history.period == "2025-10-01..2026-09-30")
        #expect(history.due == day("2026-10-14"))
    }

    @Test("defaults: interim in the last third, final two weeks after the period, the report four weeks later")
    func defaults() throws {
        // Given a SOC 2 over calendar 2026 and one over the first half of 2026
        let engagement = Engagement(
            name: "e", soc1: .type2(period("2026-01-01..2026-06-30")), soc2: .type2(period("2026-01-01..2026-12-31")))
        let calendar = EngagementCalendar(engagement: engagement, holidays: federal)
        let soc2 = try #require(calendar.calendar(.soc2))
        // Then the 12-month report has interim fieldwork after its first 9 months, in its last third
        let interim = try #require(soc2.interim)
        #expect(interim.covers == period("2026-01-01..2026-09-30"))
        #expect(interim.fieldwork == period("2026-10-14..2026-10-27"))
        // and final fieldwork from 2026-12-31 + 14 = 2027-01-14 for three weeks; the report 2027-02-11
        #expect(soc2.final.fieldwork == period("2027-01-14..2027-02-03"))
        #expect(soc2.reportDate == day("2027-02-11"))
        // And the 6-month report has no interim: final fieldwork from Tue 2026-07-14 for four weeks
        let soc1 = try #require(calendar.calendar(.soc1))
        #expect(soc1.interim == nil)
        #expect(soc1.final.fieldwork == period("2026-07-14..2026-08-10"))
        // And planning takes the three weeks before the first fieldwork (SOC 1's, from Tue 2026-07-14)
        #expect(calendar.planning == period("2026-06-23..2026-07-13"))
    }

    @Test("a manager's dates override the defaults, and fieldwork inside the months it tests is warned about")
    func overrides() throws {
        // Given a calendar-year SOC 2 with no interim testing, final fieldwork set inside the period, and a
        // report date
        var engagement = Engagement(name: "e", soc2: .type2(period("2026-01-01..2026-12-31")))
        engagement.soc2Calendar = CalendarSettings(
            interim: .skipped, fieldworkStart: day("2026-12-01"), fieldworkEnd: day("2026-12-18"),
            reportDate: day("2027-01-29"))
        let calendar = EngagementCalendar(engagement: engagement, holidays: federal)
        let soc2 = try #require(calendar.calendar(.soc2))
        // Then the dates are the manager's
        #expect(soc2.interim == nil)
        #expect(soc2.final.fieldwork == period("2026-12-01..2026-12-18"))
        #expect(soc2.reportDate == day("2027-01-29"))
        // and the plan warns that fieldwork starts before the months it tests have closed
        #expect(calendar.diagnostics.map(\.code) == ["fieldwork-inside-period"])
    }

    @Test("a plan made without test procedures (requests, estimate, check) has the same requests and hours")
    func proceduresChangeNoFigure() {
        // Given the two-calendar engagement planned with its test procedures and without them
        let inputs = PlanInputs(
            workspace: workspace, engagement: fiscalAndCalendar, criteria: criteria,
            table: HandTypedDefaults.sampleTable, model: HandTypedDefaults.effortModel, holidays: federal)
        var without = inputs
        without.writesProcedures = false
        let full = EngagementPlan.make(inputs)
        let bare = EngagementPlan.make(without)
        // Then only the procedures differ: written in one, empty in the other
        #expect(!full.audit.rows.isEmpty && full.audit.rows.allSatisfy { !$0.procedure.isEmpty })
        #expect(bare.audit.rows.allSatisfy { $0.procedure.isEmpty })
        var written = bare.audit
        for index in written.rows.indices { written.rows[index].procedure = full.audit.rows[index].procedure }
        #expect(written == full.audit)
        // and the requests, the separate audits' requests, the estimate and the staffing are the same
        #expect(bare.requests == full.requests)
        #expect(bare.separateRequests == full.separateRequests)
        #expect(bare.estimate == full.estimate)
        #expect(bare.staffing == full.staffing)
    }

    @Test("a week's total is the same on every run: the roles are added in role order, not the dictionary's")
    func staffingTotalIsStable() {
        // Given hours whose sum depends on the order they are added in (1e16 + 1 rounds back to 1e16)
        let hours: [Role: Double] = [.staff: 1e16, .senior: 1, .manager: 1, .partner: -1e16]
        // When the same hours are recorded in every order, in dictionaries of several sizes (their
        // iteration order differs, as it does from one run to the next)
        func orders(_ roles: [Role]) -> [[Role]] {
            roles.count <= 1
                ? [roles]
                : roles.indices.flatMap { i in
                    orders(Array(roles[..<i] + roles[(i + 1)...])).map { [roles[i]] + $0 }
                }
        }
        var totals: Set<Double> = []
        for order in orders(Role.allCases) {
            for capacity in [0, 8, 64] {
                var recorded: [Role: Double] = [:]
                recorded.reserveCapacity(capacity)
                for role in order { recorded[role] = hours[role] }
                totals.insert(StaffingWeek(week: day("2026-01-05"), hours: recorded, phases: []).total)
            }
        }
        // Then the total is one figure: staff, senior, manager, partner added in that order
        #expect(totals == [((1e16 + 1) + 1) - 1e16])
    }

    @Test("hours by phase add up to the estimate, and the weekly staffing to the same hours")
    func phasesAddUp() {
        // Given the two-calendar engagement
        let plan = plan(fiscalAndCalendar)
        let joint = plan.estimate.joint
        // Then planning, each report's interim and final fieldwork and reporting add up to the joint hours
        let phases = joint.phases.reduce(0) { $0 + $1.total }
        #expect(abs(phases - joint.total) < 1e-6, "\(phases) against \(joint.total)")
        #expect(joint.phases.map(\.label).first == "Planning")
        #expect(Set(joint.phases.map(\.label)).isSuperset(of: ["SOC 1 interim", "SOC 1 final", "SOC 2 final"]))
        // and the weekly hours by role add up to them too
        let weekly = plan.staffing.reduce(0) { $0 + $1.total }
        #expect(abs(weekly - joint.total) < 1e-6, "\(weekly) against \(joint.total)")
        // and no week starts on another day than Monday
        #expect(plan.staffing.allSatisfy { $0.week.weekday == 1 })
    }
}

// MARK: - Properties over any pair of calendars

private let periods = [
    period("2026-01-01..2026-12-31"), period("2025-10-01..2026-09-30"), period("2026-07-01..2026-12-31"),
    period("2026-04-01..2027-03-31"), period("2026-01-15..2026-10-14"), period("2026-02-01..2026-04-30"),
]

private let calendars = zip(Gen.int(in: 0...2), Gen.int(in: 0...2), Gen.int(in: 0...5), Gen.int(in: 0...5))

private func engagement(_ numbers: (Int, Int, Int, Int)) -> Engagement {
    func scope(_ type: Int, _ index: Int) -> ReportScope {
        type == 0 ? .none : type == 1 ? .type1(asOf: periods[index].end) : .type2(periods[index])
    }
    return Engagement(name: "generated", soc1: scope(numbers.0, numbers.2), soc2: scope(numbers.1, numbers.3))
}

extension CalendarTests {
    @Test("for any pair of report calendars, nothing is due before the days it covers close, or on a day off")
    func dueDates() async {
        await propertyCheck(count: 200, input: calendars) { numbers in
            // Given any two reports (none, Type 1 or Type 2 over one of six periods)
            let engagement = engagement(numbers)
            guard !engagement.reports.isEmpty else { return }
            // When the plan is made on the federal calendar
            let requests = plan(engagement).requests.requests
            for request in requests {
                // Then no due date is a weekend or a holiday
                #expect(federal.isBusinessDay(request.due), "\(request.id) due \(request.due)")
                // and nothing that covers days is due before they have closed
                if let covered = Period(request.period) {
                    #expect(request.due > covered.end, "\(request.id) covers \(covered) but is due \(request.due)")
                }
            }
        }
    }

    @Test("for any pair of calendars, a shared sample is never larger than the two samples together")
    func combinedBounded() async {
        await propertyCheck(count: 200, input: calendars) { numbers in
            let engagement = engagement(numbers)
            guard !engagement.reports.isEmpty else { return }
            for row in plan(engagement).audit.rows {
                let together = (row.soc1?.items ?? 0) + (row.soc2?.items ?? 0)
                let larger = max(row.soc1?.items ?? 0, row.soc2?.items ?? 0)
                // Then the items tested lie between the larger sample and the two together
                #expect(row.combined <= together, "\(row.control.id): \(row.combined) > \(together)")
                #expect(row.combined >= larger || row.isTestOfOne, "\(row.control.id): \(row.combined) < \(larger)")
                // and each fieldwork tests only days that have closed
                for sample in row.phases {
                    #expect(sample.phase.fieldwork.start > sample.window.end || sample.phase.covers.days == 1)
                }
            }
        }
    }
}

extension CalendarTests {
    @Test("the README's worked example: 25 items each, windows half a year apart")
    func readmeExample() throws {
        // Given a shared control sampled 25 a year (120 occurrences, lower risk), SOC 1 over 2026 and SOC 2 over
        // 2026-07-01..2027-06-30, both with interim testing after their first 9 months
        let control = Control(
            id: "AC-1", title: "New user approval", frequency: .eventDriven, nature: .manual,
            objectives: ["ITGC-01"], criteria: ["CC6.2"], evidence: ["EV-CHANGES"],
            testMethods: [.inquiry, .inspection], populationSize: 120)
        var small = workspace
        small.controls = [control]
        let engagement = Engagement(
            name: "e", soc1: .type2(period("2026-01-01..2026-12-31")), soc2: .type2(period("2026-07-01..2027-06-30")))
        let plan = EngagementPlan.make(
            PlanInputs(
                workspace: small, engagement: engagement, criteria: criteria, table: HandTypedDefaults.sampleTable,
                model: HandTypedDefaults.effortModel, holidays: federal))
        let row = try #require(plan.audit.rows.first)
        // Then, worked out by hand: each report splits 25 into ⌈25 × 9 ÷ 12⌉ = 19 + 6; Jan–Jun needs SOC 1's
        // 19 × 6 ÷ 9 = 12.67; Jul–Sep max(19 × 3 ÷ 9, 19 × 3 ÷ 9) = 6.33, tested at SOC 1 interim (October, before
        // SOC 2's in April): ⌈19.0⌉ = 19; Oct–Dec max(SOC 1's 6, SOC 2's 6.33) at SOC 1 final: 7; Jan–Mar 2027
        // SOC 2's 6.33 at SOC 2 interim: 7; Apr–Jun SOC 2's 6 at SOC 2 final: 6. 39 items, against 50 separately
        #expect(row.phases.map(\.phase.label) == ["SOC 1 interim", "SOC 1 final", "SOC 2 interim", "SOC 2 final"])
        #expect(row.phases.map(\.items) == [19, 7, 7, 6])
        #expect(row.combined == 39)
        #expect(row.alignmentSaving == 14)
    }
}

extension CalendarTests {
    @Test("a SOC 1 report dated after a customer's deadline is warned about, naming the customer and the date")
    func customerDeadline() throws {
        // Given a calendar-year customer whose auditors need the SOC 1 by 15 February, and one with a June year
        // end that needs it by 15 September
        let customers = [
            Customer(name: "Pinecrest", fiscalYearEndMonth: 12, fiscalYearEndDay: 31, reportNeededBy: (2, 15)),
            Customer(name: "Riverside", fiscalYearEndMonth: 6, fiscalYearEndDay: 30, reportNeededBy: (9, 15)),
        ]
        var engagement = Engagement(name: "e", soc1: .type2(period("2026-01-01..2026-12-31")))
        // When the SOC 1 keeps its default calendar (report 2027-02-11)
        let onTime = EngagementCalendar(engagement: engagement, holidays: federal)
        #expect(onTime.calendar(.soc1)?.reportDate == day("2027-02-11"))
        #expect(WorkspaceChecker.deadlineChecks(customers: customers, calendar: onTime).isEmpty)
        // And when final fieldwork moves to 2027-01-25 (report 2027-02-22)
        engagement.soc1Calendar.fieldworkStart = day("2027-01-25")
        let late = EngagementCalendar(engagement: engagement, holidays: federal)
        let found = WorkspaceChecker.deadlineChecks(customers: customers, calendar: late)
        // Then only Pinecrest is warned about: its deadline is 2027-02-15 after its 2026-12-31 year end, while
        // Riverside's is 2027-09-15 after its 2027-06-30 year end
        #expect(found.map(\.subject) == ["Pinecrest"])
        let warning = try #require(found.first)
        #expect(warning.code == "report-after-deadline")
        #expect(warning.message.contains("2027-02-22") && warning.message.contains("2027-02-15"), "\(warning.message)")
    }
}

extension CalendarTests {
    @Test("the test procedure says which fieldwork selects how many items from which days")
    func procedureByFieldwork() throws {
        // Given CM-1 shared between the September SOC 1 and the calendar SOC 2
        let row = try #require(plan(fiscalAndCalendar).audit.rows.first { $0.control.id == "CM-1" })
        // Then its procedure gives the 50 items across both periods and splits them by fieldwork
        #expect(
            row.procedure.contains("Select 50 items across both periods (2025-10-01..2026-12-31)"), "\(row.procedure)")
        #expect(
            row.procedure.contains(
                "By fieldwork: 30 from 2025-10-01..2026-06-30 at SOC 1 interim fieldwork (for SOC 1 and SOC 2), "
                    + "10 from 2026-07-01..2026-09-30 at SOC 1 final fieldwork (for SOC 1 and SOC 2) and "
                    + "10 from 2026-10-01..2026-12-31 at SOC 2 final fieldwork (for SOC 2)."), "\(row.procedure)")
    }

    @Test("a SOC 2 nested inside the SOC 1's year: the procedure selects across the whole year, not to the SOC 2's end")
    func procedureAcrossNestedPeriods() throws {
        // Given CM-1 shared between a calendar-year SOC 1 and a SOC 2 over April to September inside it
        let nested = Engagement(
            name: "nested", soc1: .type2(period("2026-01-01..2026-12-31")),
            soc2: .type2(period("2026-04-01..2026-09-30")))
        let row = try #require(plan(nested).audit.rows.first { $0.control.id == "CM-1" })
        // Then its items are selected across the days both periods span: the SOC 1's whole year (the
        // SOC 2's end, 2026-09-30, would leave the SOC 1's last quarter out)
        #expect(row.procedure.contains("across both periods (2026-01-01..2026-12-31)"), "\(row.procedure)")
    }
}
