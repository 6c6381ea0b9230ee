/// One in-scope control in the combined audit plan.
///
/// Its fields live in one shared box, copied on the first change (as an array's elements do): the
/// planner passes each row through many stages and groupings, where a copy is one reference
/// instead of some thirty.
public struct PlanRow: Sendable, Hashable, Codable {
    /// The stored fields (what the JSON output shows); documented at their accessors below.
    private struct Fields: Sendable, Hashable, Codable {
        var control: Control
        var reports: [ReportKind]
        var objectives: [ObjectiveID]
        var criteria: [CriterionID]
        var methods: [TestMethod]
        var procedure: String
        var populations: [EvidenceID]
        var soc1: SampleDecision?
        var soc2: SampleDecision?
        var combined: Int
        var phases: [PhaseSample]
        var alignmentSaving: Int
        var auditorHours: Double
        var clientHours: Double
        var notes: [String]
    }

    private final class Box: @unchecked Sendable {
        // Changed only through `fields`'s modify accessor, which first copies a shared box.
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// The stored fields; changing one copies the box when another row shares it. Each field is
    /// read in place (`_read`): `row.control.id` copies the id, not the whole control.
    private var fields: Fields {
        get { box.fields }
        set { box = Box(newValue) }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    public init(
        control: Control, reports: [ReportKind], objectives: [ObjectiveID], criteria: [CriterionID],
        methods: [TestMethod], procedure: String, populations: [EvidenceID], soc1: SampleDecision?,
        soc2: SampleDecision?, combined: Int, phases: [PhaseSample], alignmentSaving: Int, auditorHours: Double,
        clientHours: Double, notes: [String]
    ) {
        box = Box(
            Fields(
                control: control, reports: reports, objectives: objectives, criteria: criteria, methods: methods,
                procedure: procedure, populations: populations, soc1: soc1, soc2: soc2, combined: combined,
                phases: phases, alignmentSaving: alignmentSaving, auditorHours: auditorHours, clientHours: clientHours,
                notes: notes))
    }

    public var control: Control {
        _read { yield box.fields.control }
        set { fields.control = newValue }
        _modify { yield &fields.control }
    }
    /// The reports the control serves in this engagement, SOC 1 first.
    public var reports: [ReportKind] {
        _read { yield box.fields.reports }
        set { fields.reports = newValue }
        _modify { yield &fields.reports }
    }
    /// The control's in-scope objectives and criteria.
    public var objectives: [ObjectiveID] {
        _read { yield box.fields.objectives }
        set { fields.objectives = newValue }
        _modify { yield &fields.objectives }
    }
    public var criteria: [CriterionID] {
        _read { yield box.fields.criteria }
        set { fields.criteria = newValue }
        _modify { yield &fields.criteria }
    }
    /// How the auditor will test it.
    public var methods: [TestMethod] {
        _read { yield box.fields.methods }
        set { fields.methods = newValue }
        _modify { yield &fields.methods }
    }
    public var procedure: String {
        _read { yield box.fields.procedure }
        set { fields.procedure = newValue }
        _modify { yield &fields.procedure }
    }
    /// The population evidence items its sample is drawn from.
    public var populations: [EvidenceID] {
        _read { yield box.fields.populations }
        set { fields.populations = newValue }
        _modify { yield &fields.populations }
    }
    public var soc1: SampleDecision? {
        _read { yield box.fields.soc1 }
        set { fields.soc1 = newValue }
        _modify { yield &fields.soc1 }
    }
    public var soc2: SampleDecision? {
        _read { yield box.fields.soc2 }
        set { fields.soc2 = newValue }
        _modify { yield &fields.soc2 }
    }
    /// Items tested once for both reports.
    public var combined: Int {
        _read { yield box.fields.combined }
        set { fields.combined = newValue }
        _modify { yield &fields.combined }
    }
    /// Which fieldwork tests which of those items, and for which reports.
    public var phases: [PhaseSample] {
        _read { yield box.fields.phases }
        set { fields.phases = newValue }
        _modify { yield &fields.phases }
    }
    /// Items that aligning the two windows would save.
    public var alignmentSaving: Int {
        _read { yield box.fields.alignmentSaving }
        set { fields.alignmentSaving = newValue }
        _modify { yield &fields.alignmentSaving }
    }
    public var auditorHours: Double {
        _read { yield box.fields.auditorHours }
        set { fields.auditorHours = newValue }
        _modify { yield &fields.auditorHours }
    }
    public var clientHours: Double {
        _read { yield box.fields.clientHours }
        set { fields.clientHours = newValue }
        _modify { yield &fields.clientHours }
    }
    public var notes: [String] {
        _read { yield box.fields.notes }
        set { fields.notes = newValue }
        _modify { yield &fields.notes }
    }

    public init(from decoder: any Decoder) throws { box = Box(try Fields(from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try box.fields.encode(to: encoder) }
    public static func == (lhs: PlanRow, rhs: PlanRow) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }
    public func hash(into hasher: inout Hasher) { box.fields.hash(into: &hasher) }

    public var isShared: Bool { reports.count == 2 }
    /// A Type 2 operating-effectiveness test happens (not only a walkthrough).
    public var isTested: Bool {
        // The bases read in place (the request list asks this of every row several times).
        let fields = box
        return (fields.fields.soc1.map { $0.basis != .walkthrough } ?? false)
            || (fields.fields.soc2.map { $0.basis != .walkthrough } ?? false)
    }
    public var isTestOfOne: Bool {
        let fields = box
        return fields.fields.soc1?.basis == .testOfOne || fields.fields.soc2?.basis == .testOfOne
    }
}

extension Control {
    /// Its sample is drawn from a true population (completeness-and-accuracy checked): event-driven
    /// and recurring controls, and employee-level controls sampled from the headcount or the hires.
    public var drawsFromPopulation: Bool {
        samplingUnit != .occurrence || frequency == .eventDriven || frequency == .recurring
    }

    /// Words that say a control re-computes something (a reconciliation, a calculation), so that
    /// re-performing it is a test; any other control is inspected even when re-performance is listed.
    public static let recomputingWords = ["reconcil", "recalculat", "re-calculat", "recomput", "re-comput", "calculat"]

    /// Its test re-computes something: its title or description names a reconciliation or a calculation.
    public var recomputes: Bool {
        let text = (title + " " + description).lowercased()
        return Self.recomputingWords.contains { text.contains($0) }
    }
}

/// The combined audit plan of an engagement: one row per in-scope control, with the warnings.
public struct AuditPlan: Sendable, Hashable {
    public var engagement: Engagement
    public var rows: [PlanRow]
    public var diagnostics: [Diagnostic]
    /// Distinct population evidence items sampled from (each one completeness-and-accuracy check).
    public var populations: [EvidenceID]

    /// Items tested in the joint engagement (shared controls once).
    public var jointItems: Int { rows.reduce(0) { $0 + $1.combined } }
    /// Items the same controls would need if each report tested its own.
    public var separateItems: Int { rows.reduce(0) { $0 + ($1.soc1?.items ?? 0) + ($1.soc2?.items ?? 0) } }
    public var alignmentSaving: Int { rows.reduce(0) { $0 + $1.alignmentSaving } }
}

/// The samples stage: one row per in-scope control, with each report's sample and the fieldwork
/// that tests it. Pure and deterministic: rows in control id order. Hours are the estimate's.
public enum Planner {
    /// The whole planning pass's plan rows (with hours); `EngagementPlan.make` gives every stage.
    public static func plan(
        workspace: Workspace, engagement: Engagement, criteria: [Criterion], table: SampleTable, model: EffortModel
    ) -> AuditPlan {
        EngagementPlan.make(
            PlanInputs(workspace: workspace, engagement: engagement, criteria: criteria, table: table, model: model)
        ).audit
    }

    static func samples(
        workspace: Workspace, engagement: Engagement, classes: [ControlID: ControlClass], calendar: EngagementCalendar,
        criteria: [Criterion], table: SampleTable
    ) -> AuditPlan {
        let objectiveScope = Set(engagement.objectivesInScope(workspace.objectives).map(\.id))
        let criterionScope = Set(engagement.criteriaInScope(criteria).map(\.id))
        let evidence = Dictionary(workspace.evidence.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var diagnostics: [Diagnostic] = []
        var rows: [PlanRow] = []
        // The schedule depends only on the decisions and the calendar: controls sized alike share it.
        struct ScheduleKey: Hashable {
            var decisions: [SampleDecision]
            var combined: Int
        }
        var schedules: [ScheduleKey: [PhaseSample]] = [:]
        func schedule(_ decisions: [SampleDecision], _ combined: Int) -> [PhaseSample] {
            let key = ScheduleKey(decisions: decisions, combined: combined)
            if let known = schedules[key] { return known }
            let phases = Sampler.schedule(decisions, combined: combined, calendar: calendar)
            schedules[key] = phases
            return phases
        }
        for control in workspace.controls where control.isSized {  // see Unsized.swift
            guard let cls = classes[control.id], cls.inScope else { continue }
            let reports: [ReportKind] = cls == .shared ? [.soc1, .soc2] : cls == .soc1Only ? [.soc1] : [.soc2]
            let soc1 =
                reports.contains(.soc1)
                ? Sampler.decide(
                    control, scope: engagement.soc1, report: .soc1, table: table,
                    risk: engagement.auditorRisk(of: control)) : nil
            let soc2 =
                reports.contains(.soc2)
                ? Sampler.decide(
                    control, scope: engagement.soc2, report: .soc2, table: table,
                    risk: engagement.auditorRisk(of: control)) : nil
            let decisions = [soc1, soc2].compactMap { $0 }
            var (combined, _) = Sampler.combine(soc1, soc2, engagement: engagement)
            let phases = schedule(decisions, combined)
            if !decisions.contains(where: { $0.basis == .testOfOne }) && !phases.isEmpty {
                combined = phases.reduce(0) { $0 + $1.items }
            }
            let saving = max(0, combined - (decisions.map(\.items).max() ?? 0))
            var notes = Array(Set((soc1?.notes ?? []) + (soc2?.notes ?? []))).sorted()
            if let note = engagement.riskNote(for: control) { notes.append(note) }
            let items = control.evidence.compactMap { evidence[$0] }
            // Only event-driven and recurring controls, and those sampled from the people, draw their
            // sample from a true population; a periodic control's listing is used as of each review.
            let populations = control.drawsFromPopulation ? items.filter { $0.kind == .population }.map(\.id) : []
            var methods = control.testMethods
            if control.nature == .automated && control.frequency == .annual {
                diagnostics.append(
                    Diagnostic(
                        .warning, "automated-annual", "\(control.id) is automated but marked annual",
                        hint:
                            "an automated control runs whenever its trigger occurs: set frequency to recurring or event-driven, or nature to manual",
                        subject: control.id.rawValue))
            }
            if control.frequency == .eventDriven && control.populationSize == nil && control.nature != .automated {
                diagnostics.append(
                    Diagnostic(
                        .warning, "no-population-size",
                        "\(control.id) is event-driven with no population size; \(Sampler.assumedEventPopulation) a year is assumed",
                        hint:
                            "add population_size (occurrences a year) to controls.csv so the sample follows the real population",
                        subject: control.id.rawValue))
            }
            let tested = [soc1, soc2].contains { $0 != nil && $0?.basis != .walkthrough && $0?.basis != .testOfOne }
            if tested && !methods.contains(where: { $0 != .inquiry }) {
                notes.append("inquiry alone does not test operating effectiveness: inspection planned")
                methods.append(.inspection)
            }
            if methods.isEmpty { methods = [.inquiry, .inspection] }
            if !methods.contains(.inquiry) { methods.insert(.inquiry, at: 0) }
            if tested && populations.isEmpty && control.drawsFromPopulation && control.nature != .automated {
                notes.append("no population evidence: the sample has nothing to be drawn from")
            }
            // The test procedure is written once the phases are final (EngagementPlan's joint pass).
            rows.append(
                PlanRow(
                    control: control, reports: reports,
                    objectives: control.objectives.filter(objectiveScope.contains),
                    criteria: control.criteria.filter(criterionScope.contains), methods: methods, procedure: "",
                    populations: populations, soc1: soc1, soc2: soc2, combined: combined, phases: phases,
                    alignmentSaving: saving,
                    auditorHours: 0, clientHours: 0, notes: notes))
        }
        diagnostics += unsized(workspace.controls, classes: classes)
        rows = testedWithTheirPopulation(rows)
        diagnostics += testOfOneBasis(rows: rows, workspace: workspace, engagement: engagement)
        let populations = Set(rows.filter(\.isTested).flatMap(\.populations)).sorted()
        return AuditPlan(engagement: engagement, rows: rows, diagnostics: diagnostics, populations: populations)
    }

    /// Controls that draw on the same population for the same days are tested in the same fieldwork,
    /// the earliest any of them is: one population request serves them all (a SOC 2-only control
    /// beside a shared one on another calendar, say).
    static func testedWithTheirPopulation(_ rows: [PlanRow]) -> [PlanRow] {
        struct Key: Hashable {
            var population: EvidenceID
            var window: Period
        }
        var earliest: [Key: FieldworkPhase] = [:]
        func key(_ population: EvidenceID, _ window: Period) -> Key { Key(population: population, window: window) }
        for row in rows {
            for sample in row.phases {
                for population in row.populations {
                    earliest[key(population, sample.window)] = min(
                        earliest[key(population, sample.window)] ?? sample.phase, sample.phase)
                }
            }
        }
        return rows.map { row in
            var row = row
            for index in row.phases.indices {
                let window = row.phases[index].window
                if let first = row.populations.compactMap({ earliest[key($0, window)] }).min(),
                    first < row.phases[index].phase
                {
                    row.phases[index].phase = first
                }
            }
            return row
        }
    }

    /// A test of one relies on effective change-management and logical-access ITGCs: warn when
    /// the engagement tests no control on CC8.1 (or an ITGC change objective) and on CC6.1–CC6.3
    /// (or an ITGC logical-access objective).
    static func testOfOneBasis(rows: [PlanRow], workspace: Workspace, engagement: Engagement) -> [Diagnostic] {
        let automated = rows.filter { $0.isTestOfOne }
        guard !automated.isEmpty else { return [] }
        let areas = Dictionary(workspace.objectives.map { ($0.id, $0.area) }, uniquingKeysWith: { a, _ in a })
        func covered(criteria: Set<CriterionID>, area: String) -> Bool {
            rows.contains { row in
                !row.isTestOfOne && row.isTested
                    && (row.control.criteria.contains(where: criteria.contains)
                        || row.control.objectives.contains { areas[$0] == area })
            }
        }
        var missing: [String] = []
        if !covered(criteria: ["CC8.1"], area: "change-management") { missing.append("change management (CC8.1)") }
        if !covered(criteria: ["CC6.1", "CC6.2", "CC6.3"], area: "logical-access") {
            missing.append("logical access (CC6.1–CC6.3)")
        }
        guard !missing.isEmpty else { return [] }
        return [
            Diagnostic(
                .warning, "test-of-one-basis",
                "\(automated.count) automated control(s) are planned as a test of one, but the engagement tests no control over \(missing.joined(separator: " or "))",
                hint:
                    "a test of one relies on those ITGCs operating all period: bring such controls into scope, or sample the automated controls",
                subject: engagement.name)
        ]
    }
}
