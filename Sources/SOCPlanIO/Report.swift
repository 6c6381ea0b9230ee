import SOCPlanCore

/// Everything the joint engagement report shows, computed once; the templates only lay it out.
///
/// The pictures are drawn from the same fields the summary prints, so they cannot disagree.
public struct ReportModel: Sendable {
    public struct Gap: Sendable { var id, title, report: String }
    public struct Carved: Sendable { var id, organizations: String }
    public struct Warning: Sendable { var severity, code, subject, message, hint: String }
    public struct PlanLine: Sendable {
        var control, title, reports, frequency, nature, soc1, soc2, combined, hours, procedure, notes: String
    }
    public struct RequestLine: Sendable {
        var id, stage, evidence, whatToProvide, period, items, owner, due, controls, reports: String
        /// For HTML: the dates, kept on one line, and the part ("interim"); the control ids, each kept
        /// whole in its own `<span class="id">`, already escaped (`{{{controlIdList}}}`: thousands of
        /// requests list a dozen ids each, too many for a Mustache section per id).
        var periodDates, periodPart: String
        var controlIdList: String
    }
    public struct Phase: Sendable { var phase, joint, separate: String }
    /// The request tracker's standing (shown once a tracker has been imported).
    public struct TrackerSection: Sendable {
        public struct Tally: Sendable {
            var group, requested, inProgress, submitted, accepted, returned, total, overdue, percent: String
        }
        public struct OverdueLine: Sendable { var id, evidence, owner, due, daysLate, status: String }
        public struct BlockedLine: Sendable { var control, fieldwork, starts, waitingOn: String }
        var headline, waiting: String
        var byOwner, byStage: [Tally]
        var overdue: [OverdueLine]
        var blocked: [BlockedLine]
        var hasOverdue, hasBlocked: Bool
    }
    public struct CalendarLine: Sendable { var phase, dates, tests, hours: String }

    var organization, engagement, profile, soc1, soc2, categories: String
    var brief: Bool
    public var controls, shared, soc1Only, soc2Only, other, keyControls: Int
    var sharedPercent: String
    public var jointHours, separateHours, savedHours, savedPercent, auditEquivalents, jointOverLarger: String
    /// The joint cost range ("$75k–$125k") and what it is against, in words a CFO reads.
    public var cost, costDetail: String
    public var jointRequests, separateRequests, savedRequests: Int
    var jointClientHours, separateClientHours: String
    var jointItems, separateItems: Int
    var cuecs, cuecsTestable: Int
    var window: String
    var svgOverlap, svgHeatmap, svgTimeline, svgHours, svgStaffing: String
    var calendar: [CalendarLine]
    var gaps: [Gap]
    var hasGaps: Bool
    var carvedOut: [Carved]
    /// Errors (other than gaps) and warnings or notes, each listed apart; repeats grouped.
    var errors: [Warning]
    var hasErrors: Bool
    var warnings: [Warning]
    var hasWarnings: Bool
    var phases: [Phase]
    var plan: [PlanLine]
    var requests: [RequestLine]
    /// The plan's and the requests' table rows as text (`{{{planRows}}}`, `{{{requestRows}}}`): rendered
    /// apart from the page, in chunks side by side, by `ReportRender.report`.
    var planRows = ""
    var requestRows = ""
    /// The results view (fieldwork): each report's view, each objective or criterion with an
    /// exception or a failed control, and the controls' exceptions.
    public struct ResultView: Sendable { var report, view, detail: String }
    public struct EffectLine: Sendable { var report, id, title, status, exceptions, compensating: String }
    public struct ExceptionLine: Sendable { var control, report, results: String }
    var resultViews: [ResultView] = []
    var resultEffects: [EffectLine] = []
    var resultExceptions: [ExceptionLine] = []
    var hasResults = false
    var hasResultEffects = false
    /// Empty, or the one tracker section.
    var tracker: [TrackerSection] = []
    // Mustache reads stored properties only: the conditions the templates test.
    var hasProfile = false
    var hasCategories = false
    var hasCUECs = false
    var hasWindow = false
    var hasCarvedOut = false

    mutating func setConditions() {
        hasProfile = !profile.isEmpty
        hasCategories = !categories.isEmpty
        hasCUECs = cuecs > 0
        hasWindow = !window.isEmpty
        hasCarvedOut = !carvedOut.isEmpty
    }
}

/// Builds the report, section 4 and section 3 models from a workspace and an engagement. Pure.
public enum ReportBuilder {
    /// The one plan every part of the report reads (it never re-plans), and the catalog's texts.
    public struct Inputs: Sendable {
        public var plan: EngagementPlan
        public var catalog: Catalog
        /// Fieldwork results, when any were recorded: section 4's results column and the results view.
        public var results: ResultsAssessment?
        /// The request tracker's standing, once one has been imported.
        public var tracker: TrackerProgress?

        public init(
            plan: EngagementPlan, catalog: Catalog, results: ResultsAssessment? = nil, tracker: TrackerProgress? = nil
        ) {
            self.plan = plan
            self.catalog = catalog
            self.results = results
            self.tracker = tracker
        }

        var workspace: Workspace { plan.workspace }
        var engagement: Engagement { plan.engagement }
    }

    static func h(_ value: Double) -> String { PlanRender.hours(value) }

    public static func report(_ inputs: Inputs, brief: Bool) -> ReportModel {
        report(inputs, brief: brief, rowsPerChunk: ReportRender.rowsPerChunk)
    }

    static func report(_ inputs: Inputs, brief: Bool, rowsPerChunk: Int) -> ReportModel {
        var report = summary(inputs, brief: brief)
        guard !brief else { return report }
        // The plan's and the requests' lines (most of a large report's model): in chunks side by side.
        enum Part: Sendable { case plan(Range<Int>), requests(Range<Int>) }
        enum Lines: Sendable { case plan([ReportModel.PlanLine]), requests([ReportModel.RequestLine]) }
        let rows = inputs.plan.audit.rows
        let list = inputs.plan.requests.requests
        let parts =
            ReportRender.chunks(rows.count, size: rowsPerChunk).map(Part.plan)
            + ReportRender.chunks(list.count, size: rowsPerChunk).map(Part.requests)
        let made = Concurrently.map(parts) { part -> Lines in
            switch part {
            case .plan(let range): return .plan(rows[range].map(planLine))
            case .requests(let range): return .requests(list[range].map(requestLine))
            }
        }
        report.plan.reserveCapacity(rows.count)
        report.requests.reserveCapacity(list.count)
        for lines in made {
            switch lines {
            case .plan(let lines): report.plan += lines
            case .requests(let lines): report.requests += lines
            }
        }
        return report
    }

    static func planLine(_ row: PlanRow) -> ReportModel.PlanLine {
        ReportModel.PlanLine(
            control: row.control.id.rawValue, title: row.control.title, reports: PlanRender.reports(row),
            frequency: row.control.frequency.rawValue, nature: row.control.nature.rawValue,
            soc1: PlanRender.sample(row.soc1), soc2: PlanRender.sample(row.soc2), combined: String(row.combined),
            hours: h(row.auditorHours), procedure: row.procedure, notes: row.notes.joined(separator: "; "))
    }

    static func requestLine(_ r: EvidenceRequest) -> ReportModel.RequestLine {
        ReportModel.RequestLine(
            id: r.id, stage: r.stage.rawValue, evidence: r.evidence.title, whatToProvide: r.whatToProvide,
            period: r.part.isEmpty ? r.period : "\(r.period) (\(r.part))", items: String(r.items),
            owner: r.evidence.owner, due: r.due.description,
            controls: r.controls.map(\.rawValue).joined(separator: ", "),
            reports: RequestRender.reports(r), periodDates: r.period, periodPart: r.part.isEmpty ? "" : "(\(r.part))",
            controlIdList: ReportRender.idList(r.controls.map(\.rawValue)))
    }

    /// The report without its plan and request lines.
    static func summary(_ inputs: Inputs, brief: Bool) -> ReportModel {
        let workspace = inputs.workspace
        let engagement = inputs.engagement
        let overlap = inputs.plan.overlap
        let plan = inputs.plan.audit
        let estimate = inputs.plan.estimate
        let requests = inputs.plan.requests
        let separateRequests = inputs.plan.separateRequests.reduce(0) { $0 + $1.requests.count }
        let checks = WorkspaceChecker.check(workspace, plan: inputs.plan)
        let gapCodes: Set<String> = ["gap-criterion", "gap-objective"]
        let grouped = grouped(checks.filter { !gapCodes.contains($0.code) }.sorted { $0.severity > $1.severity })
        let errors = grouped.filter { $0.severity == Diagnostic.Severity.error.rawValue }
        let warnings = grouped.filter { $0.severity != Diagnostic.Severity.error.rawValue }
        let other = overlap.count(.outOfScope) + overlap.count(.unmapped)
        let costs = PlanRender.costRanges(inputs.plan, rate: nil)
        let phases: [(String, Double, Double)] = [
            (
                "Planning", estimate.joint.planning,
                (estimate.soc1Alone?.planning ?? 0) + (estimate.soc2Alone?.planning ?? 0)
            ),
            (
                "Walkthroughs", estimate.joint.walkthroughs,
                (estimate.soc1Alone?.walkthroughs ?? 0) + (estimate.soc2Alone?.walkthroughs ?? 0)
            ),
            (
                "Testing", estimate.joint.testing,
                (estimate.soc1Alone?.testing ?? 0) + (estimate.soc2Alone?.testing ?? 0)
            ),
            (
                "Reporting", estimate.joint.reporting,
                (estimate.soc1Alone?.reporting ?? 0) + (estimate.soc2Alone?.reporting ?? 0)
            ),
            (
                "Overheads", estimate.joint.management + estimate.joint.contingency,
                [estimate.soc1Alone, estimate.soc2Alone].compactMap { $0 }.reduce(0) {
                    $0 + $1.management + $1.contingency
                }
            ),
        ]
        let window = WindowAnalysis(customers: workspace.customers, parameters: .init())
        let assessments = workspace.cuecs.map(CUECChecker.assess)
        var report = ReportModel(
            organization: workspace.info.organization, engagement: engagement.name,
            profile: workspace.info.profile.flatMap { inputs.catalog.profile($0)?.name } ?? "",
            soc1: engagement.soc1.summary, soc2: engagement.soc2.summary,
            categories: engagement.soc2.isIssued
                ? engagement.orderedCategories.map(\.rawValue).joined(separator: ", ") : "",
            brief: brief, controls: overlap.controlCount, shared: overlap.count(.shared),
            soc1Only: overlap.count(.soc1Only),
            soc2Only: overlap.count(.soc2Only), other: other,
            keyControls: workspace.controls.filter(\.key).count,
            sharedPercent: OverlapRender.share(overlap.count(.shared), overlap.controlCount),
            jointHours: h(estimate.joint.total), separateHours: h(estimate.separateHours),
            savedHours: h(estimate.savedHours),
            savedPercent: h(estimate.savedPercent),
            auditEquivalents: estimate.auditEquivalents.map(PlanRender.format2) ?? "n/a",
            jointOverLarger: estimate.jointOverLarger.map(PlanRender.format2) ?? "n/a",
            cost: costs.joint, costDetail: costs.detail,
            jointRequests: requests.requests.count, separateRequests: separateRequests,
            savedRequests: separateRequests - requests.requests.count,
            jointClientHours: h(estimate.joint.clientHours), separateClientHours: h(estimate.separateClientHours),
            jointItems: plan.jointItems, separateItems: plan.separateItems, cuecs: assessments.count,
            cuecsTestable: assessments.filter(\.testable).count,
            window: windowSummary(inputs.plan, recommended: window),
            svgOverlap: Charts.overlap(
                shared: overlap.count(.shared), soc1Only: overlap.count(.soc1Only), soc2Only: overlap.count(.soc2Only),
                other: other),
            svgHeatmap: Charts.heatmap(
                criteria: overlap.criteria, objectives: overlap.objectives, heavy: overlap.heavyThreshold),
            svgTimeline: timeline(inputs.plan),
            svgHours: Charts.hours(phases: phases.map { (phase: $0.0, joint: $0.1, separate: $0.2) }),
            svgStaffing: Charts.staffing(inputs.plan.staffing), calendar: calendarLines(inputs.plan),
            gaps: (overlap.uncoveredCriteria.map { ReportModel.Gap(id: $0.id, title: gapTitle($0), report: "SOC 2") }
                + overlap.uncoveredObjectives.map { ReportModel.Gap(id: $0.id, title: gapTitle($0), report: "SOC 1") }),
            hasGaps: overlap.hasGaps,
            carvedOut: overlap.carvedOut.map {
                ReportModel.Carved(id: $0.id, organizations: $0.carvedOutBy.joined(separator: ", "))
            },
            errors: errors, hasErrors: !errors.isEmpty, warnings: warnings, hasWarnings: !warnings.isEmpty,
            phases: phases.map { ReportModel.Phase(phase: $0.0, joint: h($0.1), separate: h($0.2)) },
            plan: [], requests: [])
        if let results = inputs.results { report.addResults(results, plan: inputs.plan) }
        if let progress = inputs.tracker, !brief { report.tracker = [trackerSection(progress)] }
        report.setConditions()
        return report
    }

    static func trackerSection(_ progress: TrackerProgress) -> ReportModel.TrackerSection {
        func tally(_ t: TrackerProgress.Tally) -> ReportModel.TrackerSection.Tally {
            .init(
                group: t.group, requested: String(t[.requested]), inProgress: String(t[.inProgress]),
                submitted: String(t[.submitted]), accepted: String(t[.accepted]), returned: String(t[.returned]),
                total: String(t.total), overdue: String(t.overdue), percent: "\(t.percentAccepted)%")
        }
        return ReportModel.TrackerSection(
            headline: TrackerRender.headline(progress), waiting: TrackerRender.waitingLine(progress),
            byOwner: progress.byOwner.map(tally), byStage: progress.byStage.map(tally),
            overdue: progress.overdue.map {
                .init(
                    id: $0.request.id, evidence: $0.request.evidence.title, owner: $0.request.evidence.owner,
                    due: $0.request.due.description, daysLate: String($0.daysLate), status: $0.status.rawValue)
            },
            blocked: progress.blocked.map {
                .init(
                    control: $0.control.rawValue, fieldwork: $0.fieldwork.label,
                    starts: $0.fieldwork.fieldwork.start.description, waitingOn: TrackerRender.holding($0))
            },
            hasOverdue: !progress.overdue.isEmpty, hasBlocked: !progress.blocked.isEmpty)
    }

    /// Diagnostics of one code that repeat (more than `threshold` times) become one line: the
    /// first message, how many more there are and their subjects (`DiagnosticGroup`).
    static func grouped(_ diagnostics: [Diagnostic], threshold: Int = 2) -> [ReportModel.Warning] {
        DiagnosticGroup.grouped(diagnostics, threshold: threshold).map { group in
            ReportModel.Warning(
                severity: group.first.severity.rawValue, code: group.first.code, subject: group.first.subject ?? "",
                message: group.message, hint: group.first.hint)
        }
    }

    /// The engagement's own SOC 1 period against the customers, then the recommendation:
    /// "this period (ending December) covers 75% of customers by weight (3 of 4); December is
    /// recommended (75%)".
    static func windowSummary(_ plan: EngagementPlan, recommended: WindowAnalysis?) -> String {
        guard let recommended else { return "" }
        let best =
            "\(WindowMonth.name(recommended.recommended.endMonth)) is recommended (\(percent(recommended.recommended.coverage)))"
        guard case .type2(let period) = plan.engagement.soc1 else { return best }
        let customers = plan.workspace.customers
        var p = WindowAnalysis.Parameters()
        p.length = Int(period.months.rounded())
        p.minOverlap = min(p.minOverlap, p.length)
        let fits = customers.map {
            WindowAnalysis.fit(
                $0, endMonth: period.end.month, p, periodEnd: period.end,
                reportDate: plan.calendar.calendar(.soc1)?.reportDate)
        }
        let total = customers.reduce(0) { $0 + $1.weight }
        let covered = fits.filter(\.covered).reduce(0) { $0 + $1.customer.weight }
        return
            "This period (ending \(WindowMonth.name(period.end.month))) covers \(percent(total > 0 ? covered / total : 0)) of customers by weight (\(fits.filter(\.covered).count) of \(customers.count)); \(best)"
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    /// A gap's title, and for one a carve-out would have hidden, what the CSOCs cover and what is left.
    static func gapTitle(_ item: Coverage) -> String {
        item.partlyCarvedGap
            ? "\(item.title) (no control of the organization's own: \(WorkspaceChecker.carveOutSentence(item)))"
            : item.title
    }

    /// One line per phase of the joint engagement: its dates, the days its tests cover, its hours.
    static func calendarLines(_ plan: EngagementPlan) -> [ReportModel.CalendarLine] {
        plan.estimate.joint.phases.map { phase in
            ReportModel.CalendarLine(
                phase: phase.label, dates: phase.dates.description, tests: phase.covers?.description ?? "",
                hours: h(phase.total))
        }
    }

    /// Each report's window and bridge period, its fieldwork phases and report date: a Gantt of
    /// both calendars.
    static func timeline(_ plan: EngagementPlan) -> String {
        var bars: [(label: String, period: Period, colour: String)] = []
        var markers: [Charts.Marker] = []
        let phaseColour = "#7a869a"
        if plan.calendar.planning.days > 0 {
            bars.append(("Planning", plan.calendar.planning, phaseColour))
        }
        for calendar in plan.calendar.reports {
            let title = calendar.report.title
            switch calendar.scope {
            case .type2(let period):
                bars.append(("\(title) Type 2", period, calendar.report == .soc1 ? Charts.soc1 : Charts.soc2))
            case .type1(let day): markers.append(.init(day: day, label: "\(title) Type 1 as of"))
            case .none: break
            }
            if calendar.report == .soc1, let period = calendar.scope.period {
                let bridge =
                    plan.workspace.customers.map { WindowAnalysis.fit($0, endMonth: period.end.month, .init()) }
                    .map(\.bridgeMonths).max() ?? 0
                if bridge > 0 {
                    let start = period.end.adding(days: 1)
                    bars.append(
                        (
                            "Bridge letter", Period(start: start, end: start.adding(months: bridge).adding(days: -1)),
                            "#f2b84b"
                        ))
                }
            }
            for phase in calendar.phases {
                let name = phase.phase == .interim ? "interim" : calendar.scope.period == nil ? "fieldwork" : "final"
                bars.append(("\(title) \(name)", phase.fieldwork, phaseColour))
            }
            markers.append(.init(day: calendar.reportDate, label: "\(title) report"))
            if let cutoff = calendar.interimCutoff {
                markers.append(.init(day: cutoff, label: "\(title) interim cut-off"))
            }
        }
        return Charts.timeline(bars: bars, markers: markers.sorted { ($0.day, $0.label) < ($1.day, $1.label) })
    }
}

/// Month names for people.
public enum WindowMonth {
    public static func name(_ month: Int) -> String {
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November",
            "December",
        ]
        return (1...12).contains(month) ? names[month - 1] : String(month)
    }
}

/// Section 4 of one report: per objective (SOC 1) or criterion (SOC 2), the controls, the planned
/// test and sample, and an empty results column for the auditor.
public struct Section4Model: Sendable {
    public struct Row: Sendable {
        var control, description, procedure, sample, results: String
        /// The report's sample as a number (empty for a walkthrough), for the CSV a spreadsheet sums.
        var items: String = ""
    }
    public struct Group: Sendable {
        var id, title, note: String
        var rows: [Row]
        var hasRows: Bool
        var hasNote: Bool
    }
    var organization, engagement, report, scope, groupNoun: String
    /// "Controls, tests of controls and results" (Type 2) or "Controls and tests of their design" (Type 1).
    var subtitle: String
    /// A Type 2 reports results of tests and the changes to controls during the period; a Type 1 neither.
    var isType2: Bool
    var groups: [Group]

    /// One CSV row per control under each objective or criterion (a results column for a Type 2 only).
    public var csvRows: [[String]] {
        let rows =
            [
                [
                    groupNoun.replacingOccurrences(of: " ", with: "_") + "_id", "title", "control_id",
                    "control_description", "test_procedure", "sample", "sample_basis", "results",
                ]
            ]
            + groups.flatMap { group in
                group.rows.isEmpty
                    ? [[group.id, group.title, "", group.note, "", "", "", ""]]
                    : group.rows.map {
                        [
                            group.id, group.title, $0.control, $0.description, $0.procedure, $0.items, $0.sample,
                            $0.results,
                        ]
                    }
            }
        return isType2 ? rows : rows.map { Array($0.dropLast()) }
    }
}

/// Section 3 of one report: the description headings its criteria require, pre-filled with what
/// the workspace knows, and marked places for what only management can write.
public struct Section3Model: Sendable {
    public struct Part: Sendable {
        var number: Int
        var heading, guidance: String
        var paragraphs: [String]
        var items: [String]
        var hasItems: Bool
        var todo: String
        var hasTodo: Bool
    }
    var organization, engagement, report, scope, basis: String
    var parts: [Part]
}

extension ReportBuilder {
    static func sampleText(_ row: PlanRow, for report: ReportKind) -> String {
        let decision = report == .soc1 ? row.soc1 : row.soc2
        guard let decision else { return "" }
        switch decision.basis {
        case .walkthrough: return "Walkthrough of one instance"
        case .testOfOne: return "Test of one (automated)"
        case .frequency, .population:
            let shared = row.isShared ? " (tested once for both reports: \(row.combined))" : ""
            return "\(decision.items) item\(decision.items == 1 ? "" : "s")\(shared)"
        }
    }

    public static func section4(_ inputs: Inputs, report: ReportKind) -> Section4Model {
        let engagement = inputs.engagement
        let overlap = inputs.plan.overlap
        let rows = inputs.plan.audit.rows.filter { $0.reports.contains(report) }
        let coverage = report == .soc1 ? overlap.objectives : overlap.criteria
        let groups = coverage.map { item -> Section4Model.Group in
            let lines = rows.filter { row in
                report == .soc1
                    ? row.objectives.contains(ObjectiveID(item.id)) : row.criteria.contains(CriterionID(item.id))
            }.map { row in
                Section4Model.Row(
                    control: row.control.id.rawValue,
                    description: row.control.description.isEmpty ? row.control.title : row.control.description,
                    procedure: row.procedure, sample: sampleText(row, for: report),
                    results: inputs.results?.status(row.control.id, report)?.resultsText ?? "",
                    items: PlanRender.items(report == .soc1 ? row.soc1 : row.soc2))
            }
            let note: String
            switch item.status {
            case .carvedOut: note = "Carved out: addressed by the CSOCs of \(item.carvedOutBy.joined(separator: ", "))."
            case .uncovered where item.partlyCarvedGap:
                note =
                    "No control of the organization's own addresses this \(report == .soc1 ? "objective" : "criterion") yet: "
                    + WorkspaceChecker.carveOutSentence(item) + "."
            case .uncovered: note = "No control addresses this \(report == .soc1 ? "objective" : "criterion") yet."
            default: note = ""
            }
            return Section4Model.Group(
                id: item.id, title: item.title, note: note, rows: lines, hasRows: !lines.isEmpty, hasNote: !note.isEmpty
            )
        }
        let isType2 = engagement.scope(report).period != nil
        return Section4Model(
            organization: inputs.workspace.info.organization, engagement: engagement.name, report: report.title,
            scope: engagement.scope(report).summary, groupNoun: report == .soc1 ? "control objective" : "criterion",
            subtitle: isType2 ? "Controls, tests of controls and results" : "Controls and tests of their design",
            isType2: isType2, groups: groups)
    }

    public static func section3(_ inputs: Inputs, report: ReportKind) -> Section3Model {
        let workspace = inputs.workspace
        let engagement = inputs.engagement
        let overlap = inputs.plan.overlap
        let services = workspace.info.profile.flatMap { inputs.catalog.profile($0)?.services } ?? ""
        let systems = Array(Set(workspace.controls.flatMap(\.systems))).sorted()
        // Roles, not people: names in parentheses dropped, spellings of one role merged.
        let roles = Roles.merged(workspace.controls.map(\.owner)).map(\.role)
        // Only the CUECs tied to this report's own in-scope objectives or criteria.
        let inScope = Set(report == .soc1 ? overlap.objectives.map(\.id) : overlap.criteria.map(\.id))
        let cuecs = workspace.cuecs.filter { cuec in
            cuec.reports.contains(report)
                && (report == .soc1
                    ? cuec.objectives.contains { inScope.contains($0.rawValue) }
                    : cuec.criteria.contains { inScope.contains($0.rawValue) })
        }.map { "\($0.id): \($0.text)" }
        let isType2 = engagement.scope(report).period != nil
        var subservice: [String] = []
        for organization in workspace.subservice where organization.reports.contains(report) {
            subservice.append("\(organization.name) (\(organization.method.rawValue)): \(organization.services)")
            subservice += workspace.csocs.filter { $0.subservice == organization.name }.map { "  \($0.id): \($0.text)" }
        }
        func part(
            _ number: Int, _ heading: String, _ guidance: String, paragraphs: [String] = [], items: [String] = [],
            todo: String = ""
        ) -> Section3Model.Part {
            Section3Model.Part(
                number: number, heading: heading, guidance: guidance, paragraphs: paragraphs, items: items,
                hasItems: !items.isEmpty,
                todo: todo, hasTodo: !todo.isEmpty)
        }
        var parts: [Section3Model.Part]
        let commonGaps = overlap.uncoveredCriteria.filter { $0.id.hasPrefix("CC") }
        if report == .soc2 {
            let applicable = overlap.criteria.map { item in
                "\(item.id) \(item.title): "
                    + (item.controls.isEmpty
                        ? (item.status == .carvedOut
                            ? "carved out (\(item.carvedOutBy.joined(separator: ", ")))"
                            : item.partlyCarvedGap
                                ? "no control of the organization's own yet (\(WorkspaceChecker.carveOutSentence(item)))"
                                : "no control yet")
                        : item.controls.map(\.rawValue).joined(separator: ", "))
            }
            let notChosen = TSCCategory.allCases.filter { !engagement.categories.contains($0) }.map(\.rawValue)
            parts = [
                part(
                    1, "Types of services provided", "What the system does for user entities.",
                    paragraphs: services.isEmpty ? [] : [services],
                    todo: "Describe the services in the organization's own words and name the system in scope."),
                part(
                    2, "Principal service commitments and system requirements",
                    "What was promised to customers and what the system must do to keep those promises.",
                    todo:
                        "List the commitments in contracts, SLAs and published terms (security, availability, confidentiality) and the system requirements that follow."
                ),
                part(
                    3, "Components of the system and its boundaries",
                    "Infrastructure, software, people, data, procedures.",
                    items: systems.map { "System: \($0)" } + roles.map { "Role: \($0)" },
                    todo:
                        "Describe the infrastructure, the data flows and the boundaries of the system, and what is excluded."
                ),
                part(
                    4, "Significant incidents",
                    "Security incidents or system failures during the period that affected commitments.",
                    todo: "Describe each significant incident since the last report, or state that there were none."),
                part(
                    5, "Applicable trust services criteria and related controls",
                    "The criteria in scope and the controls that address them.",
                    paragraphs: [
                        "Categories in scope: \(engagement.orderedCategories.map(\.rawValue).joined(separator: ", "))."
                    ],
                    items: applicable),
                part(
                    6, "Complementary user entity controls",
                    "Controls the system's design assumes each user entity operates.", items: cuecs,
                    todo: cuecs.isEmpty ? "List the CUECs, or state that the design assumes none." : ""),
                part(
                    7, "Subservice organizations and complementary subservice organization controls",
                    "Vendors whose controls are needed to meet the criteria, the method used, and the controls assumed at them.",
                    items: subservice,
                    todo: subservice.isEmpty ? "List subservice organizations, or state that there are none." : ""),
                part(
                    8, "Criteria not relevant to the system",
                    "Any criterion of an additional category that does not apply, and why. The 33 common criteria (CC1–CC9) always apply: a missing one is a gap to fix, never \"not relevant\".",
                    paragraphs: (notChosen.isEmpty
                        ? [] : ["Categories not in scope: \(notChosen.joined(separator: ", "))."])
                        + commonGaps.map { "\($0.id) has no control: a gap to fix (the common criteria always apply)." },
                    items: overlap.uncoveredCriteria.filter { !$0.id.hasPrefix("CC") }.map {
                        "\($0.id) has no control: either add one or explain why it is not relevant."
                    },
                    todo: overlap.uncoveredCriteria.contains { !$0.id.hasPrefix("CC") }
                        ? "Explain why each criterion listed here is not relevant, if it is not." : ""),
            ]
            if isType2 {
                parts.append(
                    part(
                        9, "Significant changes during the period",
                        "Changes to the system, its controls or its commitments.",
                        todo: "Describe significant changes during the period, or state that there were none."))
            }
        } else {
            let objectives = overlap.objectives.map { item in
                "\(item.id) \(item.title) Controls: "
                    + (item.controls.isEmpty
                        ? (item.status == .carvedOut
                            ? "carved out (\(item.carvedOutBy.joined(separator: ", ")))"
                            : item.partlyCarvedGap
                                ? "none of the organization's own yet (\(WorkspaceChecker.carveOutSentence(item)))"
                                : "none yet")
                        : item.controls.map(\.rawValue).joined(separator: ", "))
            }
            parts = [
                part(
                    1, "Types of services provided",
                    "The services relevant to user entities' internal control over financial reporting.",
                    paragraphs: services.isEmpty ? [] : [services],
                    todo: "Describe the services in the organization's own words."),
                part(
                    2, "Classes of transactions and how they are processed",
                    "The procedures, automated and manual, by which transactions are initiated, authorized, recorded, processed, corrected and reported.",
                    todo: "Describe each class of transactions end to end, including how errors are corrected."),
                part(
                    3, "Information systems and records",
                    "The systems and records that support the transactions, and how significant events other than transactions are captured.",
                    items: systems.map { "System: \($0)" },
                    todo:
                        "Describe the records, reports and interfaces, and how events such as system failures are captured."
                ),
                part(
                    4, "Reports to user entities",
                    "How the reports and other information given to user entities are prepared.",
                    todo: "Describe how reports, files and statements sent to user entities are produced and checked."),
                part(
                    5, "Control objectives and related controls",
                    "The objectives in scope and the controls that achieve them.", items: objectives),
                part(
                    6, "Complementary user entity controls", "Controls the design assumes each user entity operates.",
                    items: cuecs,
                    todo: cuecs.isEmpty ? "List the CUECs, or state that the design assumes none." : ""),
                part(
                    7, "Subservice organizations and complementary subservice organization controls",
                    "Vendors whose controls are needed to achieve the objectives, the method used, and the controls assumed at them.",
                    items: subservice,
                    todo: subservice.isEmpty ? "List subservice organizations, or state that there are none." : ""),
                part(
                    8, "Control environment, risk assessment, information and communication, and monitoring",
                    "The other components of internal control relevant to the services.",
                    todo:
                        "Describe the control environment, risk assessment, information and communication, and monitoring."
                ),
            ]
            if isType2 {
                parts.append(
                    part(
                        9, "Changes during the period", "Significant changes to the system and its controls.",
                        todo: "Describe significant changes during the period, or state that there were none."))
            }
        }
        return Section3Model(
            organization: workspace.info.organization, engagement: engagement.name, report: report.title,
            scope: engagement.scope(report).summary,
            basis: report == .soc2 ? "the description criteria (DC 200)" : "the description requirements of AT-C 320",
            parts: parts)
    }
}

extension ReportModel {
    /// Fills the results view from the assessment (nothing when no result was recorded).
    mutating func addResults(_ results: ResultsAssessment, plan: EngagementPlan) {
        for report in ReportKind.allCases {
            guard let view = results.views[report] else { continue }
            let statuses = (results.statuses[report] ?? [:]).values
            let pending = statuses.filter { $0.conclusion == nil }.count
            let concluded = statuses.count - pending
            resultViews.append(
                ResultView(
                    report: report.title, view: view.rawValue,
                    detail: "\(concluded) of \(statuses.count) tested controls concluded"))
            for effect in results.effects[report] ?? [] where !effect.exceptions.isEmpty {
                let status =
                    !effect.achieved
                    ? "at risk: no effective control"
                    : effect.failing.isEmpty ? "achieved, exceptions noted" : "achieved through compensating controls"
                resultEffects.append(
                    EffectLine(
                        report: report.title, id: effect.id, title: effect.title, status: status,
                        exceptions: effect.exceptions.map(\.rawValue).joined(separator: ", "),
                        compensating: effect.compensating.map(\.rawValue).joined(separator: ", ")))
            }
            for (control, status) in (results.statuses[report] ?? [:]).sorted(by: { $0.key < $1.key })
            where status.exceptions > 0 || status.conclusion == .notEffective {
                resultExceptions.append(
                    ExceptionLine(control: control.rawValue, report: report.title, results: status.resultsText))
            }
        }
        hasResults = !resultViews.isEmpty
        hasResultEffects = !resultEffects.isEmpty
    }
}
