/// What one planning pass reads: the workspace, the engagement and the parameters in effect.
public struct PlanInputs: Sendable {
    public var workspace: Workspace
    public var engagement: Engagement
    public var criteria: [Criterion]
    public var table: SampleTable
    public var model: EffortModel
    public var holidays: HolidayCalendar
    public var rules: CalendarRules
    public var offsets: RequestOffsets
    /// Which layers each objective or criterion spans: what a carve-out can take over.
    public var layers: CarveOutLayers
    /// Test-procedure templates for controls without their own procedure.
    public var procedures: ProcedureLibrary
    /// Whether the rows get test procedures (false: left empty, for a command that never shows them).
    public var writesProcedures: Bool

    public init(
        workspace: Workspace, engagement: Engagement, criteria: [Criterion], table: SampleTable, model: EffortModel,
        holidays: HolidayCalendar = .weekendsOnly, rules: CalendarRules = .init(), offsets: RequestOffsets = .init(),
        layers: CarveOutLayers = .init(), procedures: ProcedureLibrary = .init(), writesProcedures: Bool = true
    ) {
        self.layers = layers
        self.procedures = procedures
        self.writesProcedures = writesProcedures
        self.workspace = workspace
        self.engagement = engagement
        self.criteria = criteria
        self.table = table
        self.model = model
        self.holidays = holidays
        self.rules = rules
        self.offsets = offsets
    }
}

/// One planning pass over an engagement: every stage's result, computed once, that every command
/// and renderer reads.
///
/// The stages run in one direction, each a pure function of the ones before it:
/// overlap → samples → calendar phases → requests → estimate → checks. Each issued report is also
/// planned on its own (same stages) so the estimate and the request list can compare joint with
/// separate audits; nothing re-plans afterwards.
public struct EngagementPlan: Sendable {
    public var inputs: PlanInputs
    public var overlap: Overlap
    public var calendar: EngagementCalendar
    /// The plan rows, with samples, the fieldwork that tests them, and hours.
    public var audit: AuditPlan
    public var requests: RequestList
    public var estimate: Estimate
    /// The request list each issued report would send audited alone, SOC 1 first: counted, not worded
    /// (no wording, objectives or criteria).
    public var separateRequests: [RequestList]
    /// Auditor hours by week and role.
    public var staffing: [StaffingWeek]
    /// The estimate with every parameter at the low and at the high end of its range (same samples,
    /// same requests). Made when first read (only the estimate and the report read them).
    public var low: Estimate {
        get { ranges.value.low }
        set { ranges = LazyValue((newValue, high)) }
    }
    public var high: Estimate {
        get { ranges.value.high }
        set { ranges = LazyValue((low, newValue)) }
    }
    private var ranges: LazyValue<(low: Estimate, high: Estimate)>

    public var engagement: Engagement { inputs.engagement }
    public var workspace: Workspace { inputs.workspace }

    /// The plan's warnings: the samples stage's and the calendar's.
    public var diagnostics: [Diagnostic] { calendar.diagnostics + audit.diagnostics }

    /// Runs every stage once.
    public static func make(_ inputs: PlanInputs) -> EngagementPlan {
        // The joint engagement, then each issued report audited alone: those give the comparison's
        // hours and request counts, and their rows' test procedures and requests' wording are never
        // shown, so they are not written. The passes are independent: they run side by side on the
        // machine's cores, in two steps. First each pass's samples; then each pass's requests and
        // hours beside the joint rows' test procedures (the longest piece, handed out first), which
        // only the samples decide.
        let variants = [inputs.engagement] + inputs.engagement.reports.map { inputs.engagement.alone($0) }
        let sampled = Concurrently.map(variants.indices) { index in
            Sampled(inputs, engagement: variants[index], shown: index == 0)
        }
        enum Piece: Sendable {
            case procedures([String])
            case pass(Pass)
        }
        var pieces = Concurrently.map((inputs.writesProcedures ? -1 : 0)..<sampled.count) { index -> Piece in
            guard index >= 0 else {
                return .procedures(
                    Sampled.procedures(sampled[0].samples.rows, inputs: inputs, engagement: sampled[0].engagement))
            }
            return .pass(Pass(sampled[index], inputs: inputs, shown: index == 0))
        }
        var passes: [Pass] = []
        var procedures: [String]?
        for piece in pieces {
            switch piece {
            case .procedures(let written): procedures = written
            case .pass(let pass): passes.append(pass)
            }
        }
        // (Let go, so that the joint rows are changed in place.)
        pieces = []
        if let procedures {
            for index in passes[0].audit.rows.indices { passes[0].audit.rows[index].procedure = procedures[index] }
        }
        let joint = passes[0]
        let alone = passes.dropFirst()
        @Sendable func estimate(_ level: EffortModel.Level) -> Estimate {
            let model = inputs.model.at(level)
            func effort(_ pass: Pass?) -> Effort? {
                guard let pass else { return nil }
                return level == .base ? pass.effort : pass.effort(model: model)
            }
            return Estimate(
                engagement: inputs.engagement,
                soc1Alone: effort(alone.first { $0.engagement.soc1.isIssued }),
                soc2Alone: effort(alone.first { $0.engagement.soc2.isIssued }), joint: effort(joint) ?? joint.effort)
        }
        return EngagementPlan(
            // (The joint pass has the whole overlap.)
            inputs: inputs, overlap: joint.sampled.overlap!, calendar: joint.calendar, audit: joint.audit,
            requests: joint.requests, estimate: estimate(.base), separateRequests: alone.map(\.requests),
            staffing: Estimator.staffing(joint.effort, calendar: joint.calendar, model: inputs.model),
            ranges: LazyValue(making: {
                // The two ends are independent: side by side.
                let ends = Concurrently.map([EffortModel.Level.low, .high]) { estimate($0) }
                return (ends[0], ends[1])
            }))
    }

    /// The stages up to the samples for one variant of the engagement (joint, or one report alone).
    private struct Sampled: Sendable {
        var engagement: Engagement
        /// The shown pass's; a report alone has its controls' classes only (what its samples read).
        var overlap: Overlap?
        var calendar: EngagementCalendar
        var samples: AuditPlan

        /// `shown`: the pass whose rows and requests are shown (the joint one): it has the whole
        /// overlap, its rows get test procedures (`procedures`) and its requests their wording.
        init(_ inputs: PlanInputs, engagement: Engagement, shown: Bool) {
            self.engagement = engagement
            let classes: [ControlID: ControlClass]
            if shown {
                let overlap = Overlap(
                    workspace: inputs.workspace, engagement: engagement, criteria: inputs.criteria,
                    layers: inputs.layers)
                (self.overlap, classes) = (overlap, overlap.classes)
            } else {
                overlap = nil
                classes = Overlap.classes(
                    workspace: inputs.workspace, engagement: engagement, criteria: inputs.criteria)
            }
            calendar = EngagementCalendar(engagement: engagement, rules: inputs.rules, holidays: inputs.holidays)
            samples = Planner.samples(
                workspace: inputs.workspace, engagement: engagement, classes: classes, calendar: calendar,
                criteria: inputs.criteria, table: inputs.table)
        }

        /// Each row's test procedure, in row order: the organization's own, else written from the
        /// template of the control's archetype (or the generic wording when none fits), from the
        /// row's final phases.
        static func procedures(_ rows: [PlanRow], inputs: PlanInputs, engagement: Engagement) -> [String] {
            let evidence = Dictionary(inputs.workspace.evidence.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            // A handful of owners serve many controls: each phrased once.
            var owners: [String: String] = [:]
            return rows.map { row in
                let control = row.control
                guard control.testProcedure.isEmpty else { return control.testProcedure }
                let items = control.evidence.compactMap { evidence[$0] }
                let template =
                    inputs.procedures.templates.isEmpty ? nil : inputs.procedures.choose(for: control, evidence: items)
                // (ASCII owners only: a dictionary takes two spellings of one name for one key.)
                let ascii = control.owner.utf8.allSatisfy { $0 < 0x80 }
                let owner = (ascii ? owners[control.owner] : nil) ?? TestProcedure.ownerPhrase(control.owner)
                if ascii { owners[control.owner] = owner }
                return TestProcedure.write(
                    row, engagement: engagement, evidence: items, owner: owner, template: template)
            }
        }
    }

    /// Every stage for one variant of the engagement: its samples, then its requests and hours.
    private struct Pass: Sendable {
        var sampled: Sampled
        /// The rows priced (the shown pass's; a report alone keeps its samples unpriced).
        var audit: AuditPlan
        var requests: RequestList
        var effort: Effort
        /// What the estimate reads from the pass that no effort parameter changes: priced again for
        /// the ends of the parameters' ranges.
        var layout: EffortLayout

        var engagement: Engagement { sampled.engagement }
        var calendar: EngagementCalendar { sampled.calendar }

        init(_ sampled: Sampled, inputs: PlanInputs, shown: Bool) {
            self.sampled = sampled
            let (samples, calendar) = (sampled.samples, sampled.calendar)
            requests = RequestList(
                plan: samples, workspace: inputs.workspace, calendar: calendar, offsets: inputs.offsets,
                worded: shown)
            layout = EffortLayout(
                plan: samples, requests: requests, calendar: calendar, workspace: inputs.workspace,
                criteria: inputs.criteria)
            if shown {
                (audit, effort) = Estimator.effort(of: layout, model: inputs.model)
            } else {
                // A report alone is only counted: its rows are not priced.
                audit = samples
                effort = layout.effort(inputs.model)
            }
        }

        /// The estimate stage again with another model (the ends of the parameters' ranges).
        func effort(model: EffortModel) -> Effort { layout.effort(model) }
    }
}
