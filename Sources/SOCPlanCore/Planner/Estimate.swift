/// Auditor and client hours of one way of running the audit (one report alone, or joint).
public struct Effort: Sendable, Hashable, Codable {
    /// Auditor hours by phase.
    public var planning = 0.0
    public var walkthroughs = 0.0
    public var testing = 0.0
    public var reporting = 0.0
    /// Auditor hours by where they are spent: "SOC 1 only controls", "shared controls", "SOC 1 report", …
    public var byReport: [String: Double] = [:]
    public var clientHours = 0.0
    public var controls = 0
    public var testItems = 0
    public var populations = 0
    public var documents = 0
    /// Requests of the de-duplicated evidence list (`socplan requests`).
    public var requests = 0
    /// Auditor hours by calendar phase: planning, each report's interim and final fieldwork, reporting.
    public var phases: [PhaseEffort] = []
    /// Project management: a percentage of every other hour.
    public var management = 0.0
    /// Contingency for deviations: a percentage of the testing hours (extended samples, follow-up).
    public var contingency = 0.0
    /// Hours outside the plan rows, each named, in the order a budget lists them: planning,
    /// population checks, each report's description review, drafting, subservice reports and quality
    /// review, project management, contingency. The rows' hours plus these are the total.
    public var components: [EffortComponent] = []
    /// Auditor hours by role (planning, fieldwork and reporting split by the model's role shares;
    /// project management by the planning shares).
    public var byRole: [Role: Double] = [:]

    public var total: Double { planning + walkthroughs + testing + reporting + management + contingency }

    public init() {}

    /// The cost at one blended rate, or else at the model's rate per role.
    public func cost(rate: Double?, model: EffortModel) -> Double {
        if let rate { return total * rate }
        return Role.allCases.reduce(0) { $0 + (byRole[$1] ?? 0) * model.rate($1) }
    }
}

/// Auditor hours of the engagement that no plan row carries.
public struct EffortComponent: Sendable, Hashable, Codable {
    /// "engagement planning", "SOC 1 report: description review (17 objectives)", …
    public var name: String
    /// The report the hours are for; nil for the engagement as a whole.
    public var report: ReportKind?
    public var hours: Double
    /// How the hours were computed ("17 × 1 h + 20%"), for the plan CSV's basis column.
    public var basis: String
}

/// Auditor hours of one calendar phase, by activity.
public struct PhaseEffort: Sendable, Hashable, Codable {
    /// The reports whose fieldwork (or reporting) the phase is: both when their phases fall on the
    /// same dates; none for the engagement's planning.
    public var reports: [ReportKind]
    public var phase: Phase
    /// When the hours are spent.
    public var dates: Period
    /// The days the phase's tests cover (interim and final fieldwork).
    public var covers: Period?
    public var planning = 0.0
    public var walkthroughs = 0.0
    public var testing = 0.0
    public var reporting = 0.0
    /// Project management falling in the phase.
    public var management = 0.0
    /// Contingency for deviations falling in the phase (fieldwork only).
    public var contingency = 0.0

    public init(reports: [ReportKind], phase: Phase, dates: Period, covers: Period? = nil) {
        self.reports = reports
        self.phase = phase
        self.dates = dates
        self.covers = covers
    }

    public var total: Double { planning + walkthroughs + testing + reporting + management + contingency }

    /// The phase's hours by role: planning and project management by the planning shares, walkthroughs,
    /// testing and contingency by the fieldwork shares, reporting by the reporting shares.
    public func byRole(_ model: EffortModel) -> [Role: Double] {
        let activities: [(EffortModel.Activity, Double)] = [
            (.planning, planning + management), (.fieldwork, walkthroughs + testing + contingency),
            (.reporting, reporting),
        ]
        var hours: [Role: Double] = [:]
        for (activity, total) in activities where total > 0 {
            for role in Role.allCases { hours[role, default: 0] += total * model.share(of: role, in: activity) / 100 }
        }
        return hours
    }

    /// "Planning", "SOC 1 + SOC 2 interim", "SOC 2 reporting".
    public var label: String {
        guard !reports.isEmpty else { return "Planning" }
        return "\(reports.map(\.title).joined(separator: " + ")) \(phase.rawValue)"
    }
}

/// The roles of an audit team, whose shares of each activity the effort model sets.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case staff, senior, manager, partner
}

/// One week's auditor hours by role (weeks start on Monday).
public struct StaffingWeek: Sendable, Hashable, Codable {
    public var week: Day
    public var hours: [Role: Double]
    /// The phases at work that week ("SOC 1 final", …).
    public var phases: [String]

    public init(week: Day, hours: [Role: Double], phases: [String]) {
        self.week = week
        self.hours = hours
        self.phases = phases
    }

    /// The roles' hours added in role order: a dictionary's order changes from run to run, and
    /// so would the last digit of a sum taken in it.
    public var total: Double { Role.allCases.reduce(0) { $0 + (hours[$1] ?? 0) } }
}

/// Hours for SOC 1 alone, SOC 2 alone, both separately, and the joint engagement.
public struct Estimate: Sendable, Hashable {
    public var engagement: Engagement
    public var soc1Alone: Effort?
    public var soc2Alone: Effort?
    public var joint: Effort

    /// Both audits run separately (or the one issued report alone).
    public var separateHours: Double { (soc1Alone?.total ?? 0) + (soc2Alone?.total ?? 0) }
    public var separateClientHours: Double { (soc1Alone?.clientHours ?? 0) + (soc2Alone?.clientHours ?? 0) }
    public var savedHours: Double { separateHours - joint.total }
    public var savedPercent: Double { separateHours == 0 ? 0 : savedHours / separateHours * 100 }
    /// 2 × joint ÷ (SOC 1 alone + SOC 2 alone): 1.0 would be one audit's cost, 2.0 two. Needs both reports.
    public var auditEquivalents: Double? {
        guard soc1Alone != nil, soc2Alone != nil, separateHours > 0 else { return nil }
        return 2 * joint.total / separateHours
    }
    /// Joint ÷ the larger single audit.
    public var jointOverLarger: Double? {
        let larger = max(soc1Alone?.total ?? 0, soc2Alone?.total ?? 0)
        return larger == 0 ? nil : joint.total / larger
    }
}

/// The effort model's arithmetic (formulas in the README). Pure.
public enum Estimator {
    /// A plan row's hours: auditor (all of it), client, and the auditor's walkthrough and test parts.
    public typealias Cost = (auditor: Double, client: Double, walkthrough: Double, test: Double)

    /// Hours of one plan row, as planned (a shared control once, for both reports).
    ///
    /// base = walkthrough + test, where test = 0 for a walkthrough only; for an automated Type 2,
    /// tests of one × hours per test of one; else set-up + items × hours per item (re-performance for
    /// a control that re-computes something, else inspection, else observation) + inquiry. A shared
    /// control adds the shared-documentation percentage to its walkthrough, and to its test when both
    /// reports test it, but never costs more than the two reports testing it separately. Auditor
    /// hours add the review overhead. Client hours: walkthrough +
    /// tests of one × client hours per test of one, or items × client hours per item.
    public static func cost(of row: PlanRow, model: EffortModel) -> Cost { cost(of: row, prices: Prices(model)) }

    static func cost(of row: PlanRow, prices: Prices) -> Cost {
        var walkthrough = prices.walkthrough
        var test = testHours(row, items: row.combined, prices: prices)
        if row.isShared {
            // Each report on its own: a walkthrough, and its own test unless it only walks through.
            func tests(_ decision: SampleDecision?) -> Bool { decision.map { $0.basis != .walkthrough } ?? false }
            func adding(_ sum: Double, _ decision: SampleDecision?) -> Double {
                guard let decision, tests(decision) else { return sum + prices.walkthrough }
                return sum + prices.walkthrough + testHours(row, items: decision.items, prices: prices)
            }
            let separately = adding(adding(0, row.soc1), row.soc2)
            // Documenting for two reports adds to what both use: the walkthrough always, the test only
            // when both reports test (beside a Type 1 the test serves one report).
            let shared = 1 + prices.sharedDocumentationPercent / 100
            walkthrough *= shared
            if tests(row.soc1) && tests(row.soc2) { test *= shared }
            if walkthrough + test > separately {
                let scale = separately / (walkthrough + test)
                (walkthrough, test) = (walkthrough * scale, test * scale)
            }
        }
        let review = 1 + prices.reviewOverheadPercent / 100
        var client = prices.clientWalkthrough
        if row.isTestOfOne {
            client += Double(max(1, row.combined)) * prices.clientTestOfOne
        } else if row.isTested {
            client += Double(row.combined) * prices.clientSampleItem
        }
        return ((walkthrough + test) * review, client, walkthrough * review, test * review)
    }

    /// The parameters that price a plan row, read from the model once (the model looks each one up
    /// by name) rather than once per row.
    struct Prices {
        let walkthrough, testOfOne, testSetup, inquiry: Double
        let reperformancePerItem, inspectionPerItem, observationPerItem: Double
        let sharedDocumentationPercent, reviewOverheadPercent: Double
        let clientWalkthrough, clientTestOfOne, clientSampleItem: Double

        init(_ model: EffortModel) {
            (walkthrough, testOfOne, testSetup, inquiry) = (
                model[.walkthroughHours], model[.testOfOneHours], model[.testSetupHours], model[.inquiryHours]
            )
            (reperformancePerItem, inspectionPerItem, observationPerItem) = (
                model[.reperformanceHoursPerItem], model[.inspectionHoursPerItem], model[.observationHoursPerItem]
            )
            (sharedDocumentationPercent, reviewOverheadPercent) = (
                model[.sharedDocumentationPercent], model[.reviewOverheadPercent]
            )
            (clientWalkthrough, clientTestOfOne, clientSampleItem) = (
                model[.clientWalkthroughHours], model[.clientTestOfOneHours], model[.clientSampleItemHours]
            )
        }
    }

    /// Auditor hours that aligning the two windows would save: the extra items at the row's rate.
    public static func alignmentHours(_ plan: AuditPlan, model: EffortModel) -> Double {
        let prices = Prices(model)
        let review = 1 + prices.reviewOverheadPercent / 100
        return plan.rows.reduce(0) { sum, row in
            guard row.alignmentSaving > 0 else { return sum }
            let rate = testHours(row, items: 1, prices: prices) - testHours(row, items: 0, prices: prices)
            return sum + Double(row.alignmentSaving) * rate * review
        }
    }

    /// The hours per item of a sampled row: re-performance only for a control that re-computes
    /// something (`Control.recomputes`), else inspection when listed, else observation.
    static func hoursPerItem(_ row: PlanRow, prices: Prices) -> Double {
        if row.methods.contains(.reperformance) && row.control.recomputes { return prices.reperformancePerItem }
        if row.methods.contains(.inspection) || row.methods.contains(.reperformance) {
            return prices.inspectionPerItem
        }
        return prices.observationPerItem
    }

    private static func testHours(_ row: PlanRow, items: Int, prices: Prices) -> Double {
        guard row.isTested else { return 0 }
        if row.isTestOfOne { return Double(max(1, items)) * prices.testOfOne }
        let inquiry = row.methods.contains(.inquiry) ? prices.inquiry : 0
        return prices.testSetup + Double(items) * hoursPerItem(row, prices: prices) + inquiry
    }

    /// The estimate stage: prices every plan row and adds up the effort of the plan.
    ///
    /// planning = engagement fixed hours; walkthroughs and testing = the rows' hours (testing adds
    /// a completeness-and-accuracy check per population, with review overhead); reporting = the
    /// fixed hours of each issued report by type. Client hours = walkthroughs and tests of one,
    /// plus answering the evidence requests (`RequestList.clientHours`).
    ///
    /// By phase: planning falls in the planning weeks; a control's walkthrough in the earliest
    /// fieldwork of its reports; its testing in the fieldwork that tests its items, pro rata by
    /// items; a population's check in the fieldwork its population requests serve, shared equally;
    /// each report's reporting hours between its final fieldwork's end and its report date.
    public static func effort(
        of plan: AuditPlan, requests: RequestList, calendar: EngagementCalendar, workspace: Workspace,
        criteria: [Criterion], model: EffortModel
    ) -> (plan: AuditPlan, effort: Effort) {
        effort(
            of: EffortLayout(
                plan: plan, requests: requests, calendar: calendar, workspace: workspace, criteria: criteria),
            model: model)
    }

    /// The estimate stage on a plan laid out once (`EffortLayout`): the rows priced, and the effort.
    public static func effort(of layout: EffortLayout, model: EffortModel) -> (plan: AuditPlan, effort: Effort) {
        let prices = Prices(model)
        let costs = layout.plan.rows.map { cost(of: $0, prices: prices) }
        var priced = layout.plan
        for index in priced.rows.indices {
            priced.rows[index].auditorHours = costs[index].auditor
            priced.rows[index].clientHours = costs[index].client
        }
        return (priced, layout.effort(costs: costs, model: model))
    }

    /// The estimate stage without pricing the rows: the effort alone (what the ends of the
    /// parameters' ranges and the reports audited alone need).
    public static func effortOnly(
        of plan: AuditPlan, requests: RequestList, calendar: EngagementCalendar, workspace: Workspace,
        criteria: [Criterion], model: EffortModel
    ) -> Effort {
        EffortLayout(plan: plan, requests: requests, calendar: calendar, workspace: workspace, criteria: criteria)
            .effort(model)
    }
    /// A parameter as the basis column writes it: "1.5", "20".
    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Each week's auditor hours by role: each phase's hours spread evenly over its business days,
    /// and split by the effort model's role shares of planning, fieldwork (walkthroughs and
    /// testing) and reporting.
    public static func staffing(_ effort: Effort, calendar: EngagementCalendar, model: EffortModel) -> [StaffingWeek] {
        var weeks: [Day: (hours: [Role: Double], phases: Set<String>)] = [:]
        for phase in effort.phases where phase.total > 0 {
            var days: [Day] = []
            var day = phase.dates.start
            while day <= phase.dates.end {
                if calendar.holidays.isBusinessDay(day) { days.append(day) }
                day = day.adding(days: 1)
            }
            if days.isEmpty { days = [phase.dates.start] }
            let roles = phase.byRole(model)
            for day in days {
                let monday = day.adding(days: 1 - day.weekday)
                var entry = weeks[monday] ?? ([:], [])
                for (role, hours) in roles { entry.hours[role, default: 0] += hours / Double(days.count) }
                entry.phases.insert(phase.label)
                weeks[monday] = entry
            }
        }
        return weeks.sorted { $0.key < $1.key }.map {
            StaffingWeek(week: $0.key, hours: $0.value.hours, phases: $0.value.phases.sorted())
        }
    }
}

/// What the estimate stage reads from a plan that no effort parameter changes: where each row's
/// hours fall, which fieldwork each population's check serves, and the counts. Made once per plan,
/// then priced with each model: the base, and the two ends of the parameters' ranges.
///
/// Pricing adds the same hours in the same order as one pass over the plan would, so a figure does
/// not depend on whether its layout was made for it or shared.
public struct EffortLayout: Sendable {
    /// Where one plan row's hours fall.
    struct Place: Sendable {
        /// The fieldwork entry of its walkthrough (its reports' earliest fieldwork); nil when none of
        /// its reports has fieldwork (its hours then fall in no phase).
        var walkthrough: Int?
        /// Its sample items in all phases.
        var items: Int
        /// Its phases' entries and items, in `EffortLayout.tests`.
        var tests: Range<Int>
    }

    let plan: AuditPlan
    let calendar: EngagementCalendar
    /// One entry per phase and fieldwork dates, without hours: the two reports' phases on the same
    /// dates are one fieldwork.
    let fieldwork: [PhaseEffort]
    /// Per plan row, in row order.
    let places: [Place]
    let tests: [(entry: Int, items: Int)]
    /// Per population, the entries whose fieldwork its requests serve (its check is shared among them).
    let populations: [[Int]]
    /// How many evidence items that are documents (not populations) the rows use.
    let documents: Int
    /// Each request's stage and items, in list order (what its client hours depend on).
    let requests: [(stage: RequestStage, items: Int)]
    /// Per issued report of the calendar, in its order: what its description review counts (objectives
    /// or criteria in scope) and its subservice organizations.
    let reports: [(described: Int, subservice: Int)]

    public init(
        plan: AuditPlan, requests: RequestList, calendar: EngagementCalendar, workspace: Workspace,
        criteria: [Criterion]
    ) {
        self.plan = plan
        self.calendar = calendar
        // Entries are found by a linear search (a handful) and made on first use.
        var fieldwork: [PhaseEffort] = []
        func entry(_ phase: FieldworkPhase, else made: @autoclosure () -> PhaseEffort) -> Int {
            if let index = fieldwork.firstIndex(where: { $0.phase == phase.phase && $0.dates == phase.fieldwork }) {
                return index
            }
            fieldwork.append(made())
            return fieldwork.count - 1
        }
        func entry(_ phase: FieldworkPhase) -> Int {
            entry(phase, else: PhaseEffort(reports: [phase.report], phase: phase.phase, dates: phase.fieldwork))
        }
        for phase in calendar.phases {
            let index = entry(
                phase, else: PhaseEffort(reports: [], phase: phase.phase, dates: phase.fieldwork, covers: phase.covers))
            fieldwork[index].reports.append(phase.report)
            fieldwork[index].covers = fieldwork[index].covers.map {
                Period(start: min($0.start, phase.covers.start), end: max($0.end, phase.covers.end))
            }
        }
        // Each report's earliest fieldwork, looked up once.
        let earliest = Dictionary(
            calendar.reports.compactMap { report in report.phases.first.map { (report.report, $0) } },
            uniquingKeysWith: { a, _ in a })
        var places: [Place] = []
        places.reserveCapacity(plan.rows.count)
        var tests: [(entry: Int, items: Int)] = []
        for row in plan.rows {
            // (The earliest of its reports' first phases; on a tie, the first report's.)
            var first: FieldworkPhase?
            for report in row.reports {
                if let phase = earliest[report], first.map({ phase < $0 }) ?? true { first = phase }
            }
            let start = tests.count
            let items = row.phases.reduce(0) { $0 + $1.items }
            var walkthrough: Int?
            if let first {
                walkthrough = entry(first)
                if items > 0 {
                    for sample in row.phases { tests.append((entry(sample.phase), sample.items)) }
                }
            }
            places.append(Place(walkthrough: walkthrough, items: items, tests: start..<tests.count))
        }
        var servedBy: [EvidenceID: Set<FieldworkPhase>] = [:]
        for request in requests.requests where request.stage == .population {
            servedBy[request.evidence.id, default: []].insert(request.phase)
        }
        populations = plan.populations.map { population in
            let served = servedBy[population] ?? []
            let phases = served.isEmpty ? Array(calendar.phases.prefix(1)) : served.sorted()
            return phases.map { entry($0) }
        }
        self.fieldwork = fieldwork
        self.places = places
        self.tests = tests
        let kinds = Dictionary(workspace.evidence.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
        let documentIDs = plan.rows.flatMap(\.control.evidence).filter { kinds[$0] != nil && kinds[$0] != .population }
        documents = Set(documentIDs).count
        self.requests = requests.requests.map { ($0.stage, $0.items) }
        reports = calendar.reports.map { report in
            (
                report.report == .soc1
                    ? plan.engagement.objectivesInScope(workspace.objectives).count
                    : plan.engagement.criteriaInScope(criteria).count,
                workspace.subservice.filter { $0.reports.contains(report.report) }.count
            )
        }
    }

    /// The effort with `model`'s parameters.
    public func effort(_ model: EffortModel) -> Effort {
        let prices = Estimator.Prices(model)
        return effort(costs: plan.rows.map { Estimator.cost(of: $0, prices: prices) }, model: model)
    }

    /// The effort of the plan whose rows cost `costs` (in row order).
    func effort(costs: [Estimator.Cost], model: EffortModel) -> Effort {
        var effort = Effort()
        let review = 1 + model[.reviewOverheadPercent] / 100
        effort.planning = model[.engagementFixedHours]
        var phases = fieldwork
        // The rows' auditor hours by where they are spent, in row order.
        var shared: Double?
        var soc1Only: Double?
        var soc2Only: Double?
        let (clientWalkthrough, clientTestOfOne) = (model[.clientWalkthroughHours], model[.clientTestOfOneHours])
        for index in plan.rows.indices {
            let (row, cost, place) = (plan.rows[index], costs[index], places[index])
            if let first = place.walkthrough {
                phases[first].walkthroughs += cost.walkthrough
                if place.items == 0 {
                    phases[first].testing += cost.test
                } else {
                    for (entry, items) in tests[place.tests] {
                        phases[entry].testing += cost.test * Double(items) / Double(place.items)
                    }
                }
            }
            effort.walkthroughs += cost.walkthrough
            effort.testing += cost.test
            effort.clientHours +=
                clientWalkthrough + (row.isTestOfOne ? Double(max(1, row.combined)) * clientTestOfOne : 0)
            effort.testItems += row.combined
            if row.isShared {
                shared = (shared ?? 0) + cost.auditor
            } else if row.reports == [.soc1] {
                soc1Only = (soc1Only ?? 0) + cost.auditor
            } else {
                soc2Only = (soc2Only ?? 0) + cost.auditor
            }
        }
        for (bucket, hours) in [
            ("shared controls", shared), ("SOC 1 only controls", soc1Only), ("SOC 2 only controls", soc2Only),
        ] {
            if let hours { effort.byReport[bucket] = hours }
        }
        effort.controls = plan.rows.count
        effort.populations = plan.populations.count
        let populationCheck = model[.populationCheckHours] * review
        let populationHours = Double(plan.populations.count) * populationCheck
        effort.testing += populationHours
        effort.byReport["population checks", default: 0] += populationHours
        for entries in populations {
            for entry in entries { phases[entry].testing += populationCheck / Double(entries.count) }
        }
        effort.documents = documents
        effort.requests = requests.count
        effort.clientHours += RequestList.clientHours(requests, model: model)
        var planning = PhaseEffort(reports: [], phase: .planning, dates: calendar.planning)
        planning.planning = effort.planning
        var components = [
            EffortComponent(
                name: "engagement planning, risk assessment and kickoff", report: nil, hours: effort.planning,
                basis: "fixed")
        ]
        if populationHours > 0 {
            components.append(
                EffortComponent(
                    name: "completeness and accuracy of populations", report: nil, hours: populationHours,
                    basis:
                        "\(plan.populations.count) × \(Estimator.format(model[.populationCheckHours])) h + \(Estimator.format(model[.reviewOverheadPercent]))% review"
                ))
        }
        var reporting: [PhaseEffort] = []
        for (report, counts) in zip(calendar.reports, reports) {
            let title = report.report.title
            let fixed = report.scope.period == nil ? model[.reportFixedHoursType1] : model[.reportFixedHoursType2]
            let described: (count: Int, noun: String, rate: Double) =
                report.report == .soc1
                ? (counts.described, "objectives", model[.descriptionReviewHoursPerObjective])
                : (counts.described, "criteria", model[.descriptionReviewHoursPerCriterion])
            let subservice = counts.subservice
            let parts = [
                EffortComponent(
                    name: "\(title) report: description review (\(described.count) \(described.noun))",
                    report: report.report, hours: Double(described.count) * described.rate,
                    basis: "\(described.count) × \(Estimator.format(described.rate)) h"),
                EffortComponent(
                    name: "\(title) report: drafting, assertion and representation letter", report: report.report,
                    hours: fixed, basis: report.scope.period == nil ? "Type 1, fixed" : "Type 2, fixed"),
                EffortComponent(
                    name: "\(title) report: subservice organizations' SOC reports (\(subservice))",
                    report: report.report, hours: Double(subservice) * model[.subserviceReviewHours],
                    basis: "\(subservice) × \(Estimator.format(model[.subserviceReviewHours])) h"),
                EffortComponent(
                    name: "\(title) report: engagement quality review", report: report.report,
                    hours: model[.qualityReviewHours], basis: "fixed"),
            ].filter { $0.hours > 0 }
            components += parts
            let hours = parts.reduce(0) { $0 + $1.hours }
            effort.reporting += hours
            effort.byReport["\(title) report", default: 0] += hours
            let start = min(report.final.fieldwork.end.adding(days: 1), report.reportDate)
            var phase = PhaseEffort(
                reports: [report.report], phase: .reporting, dates: Period(start: start, end: report.reportDate))
            phase.reporting = hours
            reporting.append(phase)
        }
        effort.byReport["engagement planning"] = effort.planning
        var fieldwork = phases.sorted {
            ($0.dates.start, $0.phase, $0.reports.first ?? .soc1) < (
                $1.dates.start, $1.phase, $1.reports.first ?? .soc1
            )
        }
        // Contingency follows the testing; project management every other hour, phase by phase.
        effort.contingency = effort.testing * model[.contingencyPercent] / 100
        for index in fieldwork.indices {
            fieldwork[index].contingency = fieldwork[index].testing * model[.contingencyPercent] / 100
        }
        var all = [planning] + fieldwork + reporting
        let share = model[.projectManagementPercent] / 100
        effort.management = (effort.total - effort.management) * share
        for index in all.indices { all[index].management = all[index].total * share }
        effort.phases = all
        for phase in all {
            for (role, hours) in phase.byRole(model) { effort.byRole[role, default: 0] += hours }
        }
        if effort.contingency > 0 {
            components.append(
                EffortComponent(
                    name: "contingency for deviations", report: nil, hours: effort.contingency,
                    basis: "\(Estimator.format(model[.contingencyPercent]))% of testing"))
        }
        if effort.management > 0 {
            components.append(
                EffortComponent(
                    name: "project management", report: nil, hours: effort.management,
                    basis: "\(Estimator.format(model[.projectManagementPercent]))% of all other hours"))
        }
        effort.byReport["contingency for deviations"] = effort.contingency
        effort.byReport["project management"] = effort.management
        effort.components = components
        return effort
    }
}
