import SOCPlanCore

/// Renders the combined audit plan and the effort estimate.
public enum PlanRender {
    static func hours(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// A number without a needless ".0": "1", "2.5", "1200000".
    public static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// A report's sample as a number; empty where the report does not test the control.
    static func items(_ decision: SampleDecision?) -> String {
        guard let decision, decision.basis != .walkthrough else { return "" }
        return String(decision.items)
    }

    /// How a report's sample was set: walkthrough, test of one, frequency (the table's row), population (a band).
    static func basis(_ decision: SampleDecision?) -> String {
        guard let decision else { return "" }
        switch decision.basis {
        case .walkthrough: return "walkthrough"
        case .testOfOne: return "test of one"
        case .frequency: return "frequency: \((decision.sizedAs ?? .annual).rawValue)"
        case .population: return "population band"
        }
    }

    static func sample(_ decision: SampleDecision?) -> String {
        guard let decision else { return "-" }
        switch decision.basis {
        case .walkthrough: return "walkthrough"
        case .testOfOne: return "\(decision.items) (test of one)"
        case .frequency, .population: return String(decision.items)
        }
    }

    static func reports(_ row: PlanRow) -> String { row.isShared ? "both" : row.reports.first?.title ?? "" }

    /// Every column of the plan, one row per in-scope control, then one row per component of the
    /// estimate that no control carries (planning, population checks, each report's reporting, project
    /// management, contingency): the auditor_hours column sums to the joint estimate. Numeric columns
    /// hold numbers only; the sample's basis has its own columns.
    public static func rows(_ plan: AuditPlan, evidence: [EvidenceItem], components: [EffortComponent] = [])
        -> [[String]]
    {
        let titles = Dictionary(evidence.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let header = [
            "control_id", "title", "reports", "soc1_objectives", "soc2_criteria", "frequency", "nature", "key",
            "test_methods", "test_procedure", "population_evidence", "soc1_sample", "soc1_basis", "soc2_sample",
            "soc2_basis", "combined_sample", "fieldwork", "auditor_hours", "client_hours", "notes",
        ]
        let controls = plan.rows.map { row in
            [
                row.control.id.rawValue, row.control.title, reports(row),
                row.objectives.map(\.rawValue).joined(separator: "; "),
                row.criteria.map(\.rawValue).joined(separator: "; "), row.control.frequency.rawValue,
                row.control.nature.rawValue, row.control.key ? "yes" : "no",
                row.methods.map(\.rawValue).joined(separator: "; "), row.procedure,
                row.populations.map { titles[$0] ?? $0.rawValue }.joined(separator: "; "), items(row.soc1),
                basis(row.soc1), items(row.soc2), basis(row.soc2), row.isTested ? String(row.combined) : "",
                fieldwork(row), hours(row.auditorHours), hours(row.clientHours), row.notes.joined(separator: "; "),
            ]
        }
        let others = components.map { component in
            var cells = Array(repeating: "", count: header.count)
            cells[1] = component.name
            cells[2] = component.report?.title ?? "engagement"
            cells[17] = hours(component.hours)
            cells[19] = component.basis
            return cells
        }
        return [header] + controls + others
    }

    /// Which fieldwork tests which items: "SOC 1 interim: 19 of 2026-01-01..2026-09-30 for SOC 1 and SOC 2; …".
    static func fieldwork(_ row: PlanRow) -> String {
        row.phases.map { sample in
            "\(sample.phase.label): \(sample.items) of \(sample.window) for \(sample.serves.map(\.title).joined(separator: " and "))"
        }.joined(separator: "; ")
    }

    /// One line per report: its period, fieldwork phases and report date.
    public static func calendarLines(_ calendar: EngagementCalendar) -> [String] {
        calendar.reports.map { report in
            var parts = ["\(report.report.title) \(report.scope.summary):"]
            if let interim = report.interim {
                parts.append("interim fieldwork \(interim.fieldwork) tests \(interim.covers);")
            }
            let final = report.final
            parts.append(
                report.scope.period == nil
                    ? "fieldwork \(final.fieldwork);" : "final fieldwork \(final.fieldwork) tests \(final.covers);")
            parts.append("report dated \(report.reportDate)")
            return parts.joined(separator: " ")
        }
    }

    /// The columns that fit a terminal.
    static func narrowRows(_ plan: AuditPlan) -> [[String]] {
        [["control", "reports", "frequency", "nature", "SOC 1", "SOC 2", "combined", "hours", "notes"]]
            + plan.rows.map { row in
                [
                    row.control.id.rawValue, reports(row), row.control.frequency.rawValue, row.control.nature.rawValue,
                    sample(row.soc1), sample(row.soc2), String(row.combined), hours(row.auditorHours),
                    row.notes.joined(separator: "; "),
                ]
            }
    }

    public static func summaryLines(_ plan: EngagementPlan) -> [String] {
        summaryLines(plan.audit, estimate: plan.estimate, model: plan.inputs.model) + calendarLines(plan.calendar)
    }

    static func summaryLines(_ plan: AuditPlan, estimate: Estimate, model: EffortModel) -> [String] {
        let shared = plan.rows.filter(\.isShared)
        var lines = [
            "\(plan.rows.count) controls in scope: \(shared.count) shared, "
                + "\(plan.rows.filter { $0.reports == [.soc1] }.count) SOC 1 only, \(plan.rows.filter { $0.reports == [.soc2] }.count) SOC 2 only",
            "Test items: \(plan.jointItems) joint against \(plan.separateItems) if each report tested its own "
                + "(\(plan.separateItems - plan.jointItems) saved by testing shared controls once)",
            "Auditor hours: \(hours(estimate.joint.total)) joint against \(hours(estimate.separateHours)) separately "
                + "(\(hours(estimate.savedHours)) saved, \(hours(estimate.savedPercent))%)",
        ]
        if plan.alignmentSaving > 0 {
            lines.append(
                "Aligning the SOC 1 and SOC 2 windows would save \(plan.alignmentSaving) items and about \(hours(Estimator.alignmentHours(plan, model: model))) auditor hours"
            )
        }
        return lines
    }

    public static func render(_ engagementPlan: EngagementPlan, format: OutputFormat) throws -> String {
        let plan = engagementPlan.audit
        let evidence = engagementPlan.workspace.evidence
        switch format {
        case .csv:
            return Render.csv(rows(plan, evidence: evidence, components: engagementPlan.estimate.joint.components))
        case .json: return try Render.json(PlanJSON(engagementPlan))
        case .table:
            let e = plan.engagement
            return "Audit plan: \(e.name) (SOC 1 \(e.soc1.summary); SOC 2 \(e.soc2.summary))\n\n"
                + Render.table(narrowRows(plan), maxWidth: 70) + "\n"
                + summaryLines(engagementPlan).joined(separator: "\n") + "\n"
        case .md:
            let e = plan.engagement
            return "# Audit plan: \(e.name)\n\nSOC 1: \(e.soc1.summary)  \nSOC 2: \(e.soc2.summary)\n\n"
                + summaryLines(engagementPlan).map { "- \($0)" }.joined(separator: "\n") + "\n\n"
                + Render.markdown(rows(plan, evidence: evidence, components: engagementPlan.estimate.joint.components))
        }
    }

    // MARK: Staffing

    /// Hours by calendar phase, with dates and activities.
    public static func phaseRows(_ effort: Effort) -> [[String]] {
        [["phase", "start", "end", "planning", "walkthroughs", "testing", "reporting", "total"]]
            + effort.phases.map { phase in
                [
                    phase.label, phase.dates.start.description, phase.dates.end.description, hours(phase.planning),
                    hours(phase.walkthroughs), hours(phase.testing), hours(phase.reporting), hours(phase.total),
                ]
            }
    }

    /// Auditor hours by week (Monday) and role.
    public static func staffingRows(_ weeks: [StaffingWeek], rate: Double?) -> [[String]] {
        [["week", "phases"] + Role.allCases.map(\.rawValue) + ["total"] + (rate == nil ? [] : ["cost"])]
            + weeks.map { week in
                [week.week.description, week.phases.joined(separator: "; ")]
                    + Role.allCases.map { hours(week.hours[$0] ?? 0) } + [hours(week.total)]
                    + (rate.map { [hours(week.total * $0)] } ?? [])
            }
    }

    /// `estimate --staffing`: the phases of the joint engagement, then the weekly load by role. CSV
    /// carries the weekly table alone (one table a file); JSON both.
    public static func renderStaffing(_ plan: EngagementPlan, rate: Double?, format: OutputFormat) throws -> String {
        let phases = phaseRows(plan.estimate.joint)
        let weeks = staffingRows(plan.staffing, rate: rate)
        switch format {
        case .csv: return Render.csv(weeks)
        case .json: return try Render.json(StaffingJSON(plan))
        case .md:
            return "## Hours by phase\n\n" + Render.markdown(phases) + "\n## Hours by week and role\n\n"
                + Render.markdown(weeks)
        case .table:
            return "Hours by phase: \(plan.engagement.name)\n" + Render.table(phases) + "\n"
                + calendarLines(plan.calendar).joined(separator: "\n") + "\n\nHours by week and role\n"
                + Render.table(weeks)
        }
    }

    // MARK: Estimate

    /// Rows of the estimate: one column per engagement variant. Every value cell holds a number (or
    /// nothing where it does not apply), so a spreadsheet sums it: low, base and high hours and costs
    /// per report alone, both separately and joint; costs at `rate` when given, else at the profile's
    /// rate per role. `grouped` writes costs with thousands separators (the terminal table).
    public static func estimateRows(_ plans: [EngagementPlan], rate: Double?, grouped: Bool = false) -> [[String]] {
        var rows = [["measure"] + plans.map(\.engagement.name)]
        func add(_ label: String, _ get: (EngagementPlan) -> String) { rows.append([label] + plans.map(get)) }
        func level(_ plan: EngagementPlan, _ level: EffortModel.Level) -> Estimate {
            level == .low ? plan.low : level == .high ? plan.high : plan.estimate
        }
        let levels: [(EffortModel.Level, String)] = [(.low, " low"), (.base, ""), (.high, " high")]
        add("effort profile") { $0.inputs.model.name }
        let variants: [(String, (Estimate) -> Effort?)] = [
            ("SOC 1 alone", \.soc1Alone), ("SOC 2 alone", \.soc2Alone), ("joint", { $0.joint }),
        ]
        for (label, get) in variants {
            for (which, suffix) in levels {
                add("\(label) hours\(suffix)") { plan in get(level(plan, which)).map { hours($0.total) } ?? "" }
            }
        }
        for (which, suffix) in levels {
            add("separate total hours\(suffix)") { hours(level($0, which).separateHours) }
        }
        add("saved hours") { hours($0.estimate.savedHours) }
        add("saved percent") { hours($0.estimate.savedPercent) }
        add("audit equivalents (2 × joint ÷ separate)") { $0.estimate.auditEquivalents.map(format2) ?? "" }
        add("joint ÷ larger single audit") { $0.estimate.jointOverLarger.map(format2) ?? "" }
        let priced = rate.map { "at \(hours($0))/h" } ?? "at the profile's rates"
        func cost(_ value: Double) -> String { grouped ? money(value) : String(Int(value.rounded())) }
        for (label, get) in variants {
            for (which, suffix) in levels {
                add("\(label) cost\(suffix) (\(priced))") { plan in
                    get(level(plan, which)).map { cost($0.cost(rate: rate, model: plan.inputs.model.at(which))) } ?? ""
                }
            }
        }
        for (which, suffix) in levels {
            add("separate total cost\(suffix) (\(priced))") { plan in
                let estimate = level(plan, which)
                let model = plan.inputs.model.at(which)
                return cost(
                    [estimate.soc1Alone, estimate.soc2Alone].compactMap { $0 }.reduce(0) {
                        $0 + $1.cost(rate: rate, model: model)
                    })
            }
        }
        add("joint: planning") { hours($0.estimate.joint.planning) }
        add("joint: walkthroughs") { hours($0.estimate.joint.walkthroughs) }
        add("joint: testing") { hours($0.estimate.joint.testing) }
        add("joint: reporting") { hours($0.estimate.joint.reporting) }
        add("joint: contingency for deviations") { hours($0.estimate.joint.contingency) }
        add("joint: project management") { hours($0.estimate.joint.management) }
        for bucket in [
            "SOC 1 only controls", "SOC 2 only controls", "shared controls", "population checks", "SOC 1 report",
            "SOC 2 report",
        ] {
            add("joint by report: \(bucket)") { hours($0.estimate.joint.byReport[bucket] ?? 0) }
        }
        for role in Role.allCases {
            add("joint hours: \(role.rawValue)") { hours($0.estimate.joint.byRole[role] ?? 0) }
        }
        add("evidence requests: separate") {
            String(($0.estimate.soc1Alone?.requests ?? 0) + ($0.estimate.soc2Alone?.requests ?? 0))
        }
        add("evidence requests: joint") { String($0.estimate.joint.requests) }
        add("client hours: separate") { hours($0.estimate.separateClientHours) }
        add("client hours: joint") { hours($0.estimate.joint.clientHours) }
        add("test items: separate") {
            String(($0.estimate.soc1Alone?.testItems ?? 0) + ($0.estimate.soc2Alone?.testItems ?? 0))
        }
        add("test items: joint") { String($0.estimate.joint.testItems) }
        return rows
    }

    /// What the engagement costs, in words a CFO reads: "about $90k–$120k for both reports, against
    /// $140k–$180k for two separate audits" (low and high ends of the parameters' ranges, rounded
    /// out to $5k).
    public static func costSentence(_ plan: EngagementPlan, rate: Double?) -> String {
        let costs = costRanges(plan, rate: rate)
        return "about \(costs.joint) \(costs.detail)"
    }

    /// The joint cost range ("$75k–$125k") and the rest of the sentence ("for both reports, against
    /// $105k–$175k for two separate audits (mid-tier profile)").
    public static func costRanges(_ plan: EngagementPlan, rate: Double?) -> (joint: String, detail: String) {
        func range(_ get: (Estimate) -> [Effort?]) -> String {
            let values = [(plan.low, EffortModel.Level.low), (plan.high, .high)].map { estimate, level in
                get(estimate).compactMap { $0 }.reduce(0) {
                    $0 + $1.cost(rate: rate, model: plan.inputs.model.at(level))
                }
            }
            let low = Int((values[0] / 5000).rounded(.down)) * 5
            let high = Int((values[1] / 5000).rounded(.up)) * 5
            return low == high ? "$\(low)k" : "$\(low)k–$\(high)k"
        }
        let reports = plan.engagement.reports
        let basis = " (\(plan.inputs.model.name) profile\(rate.map { ", \(hours($0))/h" } ?? ""))"
        let joint = range { [$0.joint] }
        guard reports.count == 2 else {
            return (joint, "for the \(reports.first?.title ?? "") report" + basis)
        }
        return (
            joint, "for both reports, against \(range { [$0.soc1Alone, $0.soc2Alone] }) for two separate audits" + basis
        )
    }

    static func format2(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return String(rounded)
    }

    static func money(_ value: Double) -> String {
        let whole = Int(value.rounded())
        var digits = String(abs(whole))
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        return (whole < 0 ? "-" : "") + digits + grouped
    }

    public static func renderEstimates(_ plans: [EngagementPlan], rate: Double?, format: OutputFormat) throws -> String
    {
        switch format {
        case .json:
            let values = plans.map { EstimateJSON($0, rate: rate) }
            return plans.count == 1 ? try Render.json(values[0]) : try Render.json(values)
        case .csv:
            return try Render.rows(estimateRows(plans, rate: rate), as: format)
        default:
            return try Render.rows(estimateRows(plans, rate: rate, grouped: true), as: format)
                + plans.map { "\($0.engagement.name): \(costSentence($0, rate: rate))\n" }.joined()
        }
    }
}

/// The JSON of `socplan estimate` (documented in the README).
struct EstimateJSON: Encodable {
    struct Phases: Encodable {
        var planning, walkthroughs, testing, reporting, total, client: Double
        var controls, testItems, populations, documents, requests: Int
        var byReport: [String: Double]
        enum CodingKeys: String, CodingKey {
            case planning, walkthroughs, testing, reporting, total
            case client = "client_hours"
            case controls
            case
                testItems = "test_items"
            case populations, documents, requests
            case byReport = "by_report"
        }
        init(_ e: Effort) {
            func r(_ v: Double) -> Double { (v * 10).rounded() / 10 }
            planning = r(e.planning)
            walkthroughs = r(e.walkthroughs)
            testing = r(e.testing)
            reporting = r(e.reporting)
            total = r(e.total)
            client = r(e.clientHours)
            controls = e.controls
            testItems = e.testItems
            populations = e.populations
            documents = e.documents
            requests = e.requests
            byReport = e.byReport.mapValues(r)
        }
    }
    var engagement: String
    var soc1AloneHours: Double?
    var soc2AloneHours: Double?
    var separateHours: Double
    var jointHours: Double
    var savedHours: Double
    var savedPercent: Double
    var auditEquivalents: Double?
    var jointOverLargerSingle: Double?
    var separateClientHours: Double
    var jointClientHours: Double
    var soc1Alone: Phases?
    var soc2Alone: Phases?
    var joint: Phases
    var rate: Double?
    var separateCost: Double?
    var jointCost: Double?
    var profile: String
    var low: Range
    var high: Range
    var costs: Costs
    var components: [Component]

    /// Hours at one end of the parameters' ranges.
    struct Range: Encodable {
        var soc1AloneHours, soc2AloneHours: Double?
        var jointHours, separateHours: Double
        enum CodingKeys: String, CodingKey {
            case soc1AloneHours = "soc1_alone_hours"
            case soc2AloneHours = "soc2_alone_hours"
            case jointHours = "joint_hours"
            case separateHours = "separate_hours"
        }
    }

    /// Costs (at `rate`, else at the profile's rate per role), low, base and high.
    struct Costs: Encodable {
        var basis: String
        var joint, separate: [Double]
        var soc1Alone, soc2Alone: [Double]?
        enum CodingKeys: String, CodingKey {
            case basis, joint, separate
            case soc1Alone = "soc1_alone"
            case soc2Alone = "soc2_alone"
        }
    }

    struct Component: Encodable {
        var name: String
        var report: String?
        var hours: Double
        var basis: String
    }

    enum CodingKeys: String, CodingKey {
        case engagement
        case soc1AloneHours = "soc1_alone_hours"
        case soc2AloneHours = "soc2_alone_hours"
        case
            separateHours = "separate_hours"
        case jointHours = "joint_hours"
        case savedHours = "saved_hours"
        case
            savedPercent = "saved_percent"
        case auditEquivalents = "audit_equivalents"
        case
            jointOverLargerSingle = "joint_over_larger_single"
        case separateClientHours = "separate_client_hours"
        case
            jointClientHours = "joint_client_hours"
        case soc1Alone = "soc1_alone"
        case soc2Alone = "soc2_alone"
        case joint, rate
        case
            separateCost = "separate_cost"
        case jointCost = "joint_cost"
        case profile, low, high, costs, components
    }

    init(_ plan: EngagementPlan, rate: Double?) {
        let estimate = plan.estimate
        func r(_ v: Double) -> Double { (v * 10).rounded() / 10 }
        func range(_ e: Estimate) -> Range {
            Range(
                soc1AloneHours: e.soc1Alone.map { r($0.total) }, soc2AloneHours: e.soc2Alone.map { r($0.total) },
                jointHours: r(e.joint.total), separateHours: r(e.separateHours))
        }
        profile = plan.inputs.model.name
        low = range(plan.low)
        high = range(plan.high)
        let levels = [(plan.low, EffortModel.Level.low), (plan.estimate, .base), (plan.high, .high)]
        func costs(_ get: (Estimate) -> [Effort?]) -> [Double] {
            levels.map { e, level in
                get(e).compactMap { $0 }.reduce(0) { $0 + $1.cost(rate: rate, model: plan.inputs.model.at(level)) }
                    .rounded()
            }
        }
        self.costs = Costs(
            basis: rate.map { "\(PlanRender.hours($0)) per hour" }
                ?? "the \(plan.inputs.model.name) profile's rate per role",
            joint: costs { [$0.joint] }, separate: costs { [$0.soc1Alone, $0.soc2Alone] },
            soc1Alone: estimate.soc1Alone == nil ? nil : costs { [$0.soc1Alone] },
            soc2Alone: estimate.soc2Alone == nil ? nil : costs { [$0.soc2Alone] })
        components = estimate.joint.components.map {
            Component(name: $0.name, report: $0.report?.title, hours: r($0.hours), basis: $0.basis)
        }
        engagement = estimate.engagement.name
        soc1AloneHours = estimate.soc1Alone.map { r($0.total) }
        soc2AloneHours = estimate.soc2Alone.map { r($0.total) }
        separateHours = r(estimate.separateHours)
        jointHours = r(estimate.joint.total)
        savedHours = r(estimate.savedHours)
        savedPercent = r(estimate.savedPercent)
        auditEquivalents = estimate.auditEquivalents.map { ($0 * 100).rounded() / 100 }
        jointOverLargerSingle = estimate.jointOverLarger.map { ($0 * 100).rounded() / 100 }
        separateClientHours = r(estimate.separateClientHours)
        jointClientHours = r(estimate.joint.clientHours)
        soc1Alone = estimate.soc1Alone.map(Phases.init)
        soc2Alone = estimate.soc2Alone.map(Phases.init)
        joint = Phases(estimate.joint)
        self.rate = rate
        separateCost = rate.map { ($0 * estimate.separateHours).rounded() }
        jointCost = rate.map { ($0 * estimate.joint.total).rounded() }
    }
}

/// The JSON of `socplan plan`: the rows and the summary figures.
struct PlanJSON: Encodable {
    struct Row: Encodable {
        var controlId: String
        var title: String
        var reports: [String]
        var soc1Objectives: [String]
        var soc2Criteria: [String]
        var frequency: String
        var nature: String
        var key: Bool
        var testMethods: [String]
        var testProcedure: String
        var populationEvidence: [String]
        var soc1Sample: SampleDecision?
        var soc2Sample: SampleDecision?
        var combinedSample: Int
        var fieldwork: [PhaseSample]
        var alignmentSaving: Int
        var auditorHours: Double
        var clientHours: Double
        var notes: [String]
        enum CodingKeys: String, CodingKey {
            case controlId = "control_id"
            case title, reports
            case soc1Objectives = "soc1_objectives"
            case
                soc2Criteria = "soc2_criteria"
            case frequency, nature, key
            case testMethods = "test_methods"
            case
                testProcedure = "test_procedure"
            case populationEvidence = "population_evidence"
            case
                soc1Sample = "soc1_sample"
            case soc2Sample = "soc2_sample"
            case combinedSample = "combined_sample"
            case fieldwork
            case alignmentSaving = "alignment_saving"
            case auditorHours = "auditor_hours"
            case clientHours = "client_hours"
            case notes
        }
    }
    var engagement: String
    var calendar: [ReportCalendar]
    var controls: [Row]
    var jointItems: Int
    var separateItems: Int
    var alignmentSavingItems: Int
    var alignmentSavingHours: Double
    var jointHours: Double
    var separateHours: Double
    var warnings: [Diagnostic]

    enum CodingKeys: String, CodingKey {
        case engagement, calendar, controls
        case jointItems = "joint_items"
        case separateItems = "separate_items"
        case
            alignmentSavingItems = "alignment_saving_items"
        case alignmentSavingHours = "alignment_saving_hours"
        case
            jointHours = "joint_hours"
        case separateHours = "separate_hours"
        case warnings
    }

    init(_ engagementPlan: EngagementPlan) {
        let plan = engagementPlan.audit
        let estimate = engagementPlan.estimate
        let model = engagementPlan.inputs.model
        func r(_ v: Double) -> Double { (v * 10).rounded() / 10 }
        engagement = plan.engagement.name
        calendar = engagementPlan.calendar.reports
        controls = plan.rows.map { row in
            Row(
                controlId: row.control.id.rawValue, title: row.control.title, reports: row.reports.map(\.rawValue),
                soc1Objectives: row.objectives.map(\.rawValue), soc2Criteria: row.criteria.map(\.rawValue),
                frequency: row.control.frequency.rawValue, nature: row.control.nature.rawValue, key: row.control.key,
                testMethods: row.methods.map(\.rawValue), testProcedure: row.procedure,
                populationEvidence: row.populations.map(\.rawValue), soc1Sample: row.soc1, soc2Sample: row.soc2,
                combinedSample: row.combined, fieldwork: row.phases, alignmentSaving: row.alignmentSaving,
                auditorHours: r(row.auditorHours),
                clientHours: r(row.clientHours), notes: row.notes)
        }
        jointItems = plan.jointItems
        separateItems = plan.separateItems
        alignmentSavingItems = plan.alignmentSaving
        alignmentSavingHours = r(Estimator.alignmentHours(plan, model: model))
        jointHours = r(estimate.joint.total)
        separateHours = r(estimate.separateHours)
        warnings = plan.diagnostics
    }
}

/// The JSON of `socplan estimate --staffing`.
struct StaffingJSON: Encodable {
    struct Week: Encodable {
        var week: Day
        var phases: [String]
        var hours: [String: Double]
        var total: Double
    }
    var engagement: String
    var calendar: [ReportCalendar]
    var phases: [PhaseEffort]
    var weeks: [Week]

    init(_ plan: EngagementPlan) {
        func r(_ v: Double) -> Double { (v * 10).rounded() / 10 }
        engagement = plan.engagement.name
        calendar = plan.calendar.reports
        phases = plan.estimate.joint.phases
        weeks = plan.staffing.map { week in
            Week(
                week: week.week, phases: week.phases,
                hours: Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0.rawValue, r(week.hours[$0] ?? 0)) }),
                total: r(week.total))
        }
    }
}
