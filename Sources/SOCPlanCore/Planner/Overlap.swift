/// Where a control stands in an engagement.
public enum ControlClass: String, Sendable, Hashable, Codable, CaseIterable {
    /// Maps to an in-scope SOC 1 objective and an in-scope SOC 2 criterion: tested once, for both.
    case shared
    case soc1Only = "soc1_only"
    case soc2Only = "soc2_only"
    /// Mapped, but to nothing in scope (e.g. privacy criteria when privacy is not chosen).
    case outOfScope = "out_of_scope"
    /// Mapped to nothing at all.
    case unmapped

    public var title: String {
        switch self {
        case .shared: return "shared (both reports)"
        case .soc1Only: return "SOC 1 only"
        case .soc2Only: return "SOC 2 only"
        case .outOfScope: return "out of scope"
        case .unmapped: return "unmapped"
        }
    }

    /// In scope of at least one report.
    public var inScope: Bool { self == .shared || self == .soc1Only || self == .soc2Only }
}

/// How well one criterion or objective is covered.
public enum CoverageStatus: String, Sendable, Hashable, Codable {
    /// No in-scope control: a gap.
    case uncovered
    /// No control of the organization's own, and every layer it spans is run by carved-out
    /// subservice organizations whose CSOCs address it: not a gap, and not covered by the
    /// organization either. (When a layer stays with the organization it is `uncovered`.)
    case carvedOut = "carved_out"
    /// One control only, or no key control.
    case thin
    case covered
    /// More controls than the threshold: possible over-testing.
    case heavy
}

/// The controls behind one in-scope criterion or objective.
public struct Coverage: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    /// The TSC group ("CC6") or the objective's area ("logical-access", "business-processing").
    public var group: String
    public var controls: [ControlID]
    public var keyControls: Int
    /// How many of `controls` serve both reports.
    public var shared: Int
    public var status: CoverageStatus
    /// Carved-out subservice organizations whose CSOCs address it.
    public var carvedOutBy: [String] = []
    /// The layers those CSOCs take over, and the layers left to the organization's own controls
    /// (both empty when no CSOC addresses it).
    public var carvedComponents: [Component] = []
    public var remaining: [Component] = []

    /// A CSOC addresses it, but part of it stays with the organization and no control of its own
    /// covers that part: the gap a carve-out must not hide.
    public var partlyCarvedGap: Bool { status == .uncovered && !carvedOutBy.isEmpty }
}

/// One row of a breakdown by TSC group or by ITGC area / business objective.
public struct GroupBreakdown: Sendable, Hashable, Codable {
    public var group: String
    /// In-scope criteria or objectives in the group, and how many have a control.
    public var items: Int
    public var covered: Int
    /// Distinct controls mapped into the group, and their split.
    public var controls: Int
    public var shared: Int
    /// Controls serving only this side's report.
    public var single: Int
}

/// The partition of an inventory for one engagement, and the coverage of everything in scope.
///
/// Pure and deterministic: lists are in natural id order. O(controls × mappings).
public struct Overlap: Sendable, Hashable {
    public var engagement: Engagement
    public var classes: [ControlID: ControlClass]
    /// Control ids by class, each in natural order.
    public var members: [ControlClass: [ControlID]]
    public var keyMembers: [ControlClass: Int]
    public var criteria: [Coverage]
    public var objectives: [Coverage]
    public var groups: [GroupBreakdown]
    public var areas: [GroupBreakdown]
    public var heavyThreshold: Int

    public var controlCount: Int { classes.count }
    public func count(_ cls: ControlClass) -> Int { members[cls]?.count ?? 0 }
    public var uncoveredCriteria: [Coverage] { criteria.filter { $0.status == .uncovered } }
    public var uncoveredObjectives: [Coverage] { objectives.filter { $0.status == .uncovered } }
    public var hasGaps: Bool { !uncoveredCriteria.isEmpty || !uncoveredObjectives.isEmpty }
    /// Criteria and objectives addressed only by carved-out subservice organizations' CSOCs.
    public var carvedOut: [Coverage] { (criteria + objectives).filter { $0.status == .carvedOut } }

    /// Controls in scope of at least one report.
    public var inScopeControls: [ControlID] {
        ControlClass.allCases.filter(\.inScope).flatMap { members[$0] ?? [] }.sorted()
    }

    public init(
        workspace: Workspace, engagement: Engagement, criteria catalog: [Criterion], heavyThreshold: Int = 8,
        layers: CarveOutLayers = .init()
    ) {
        self.engagement = engagement
        self.heavyThreshold = heavyThreshold
        let scopedObjectives = engagement.objectivesInScope(workspace.objectives)
        let scopedCriteria = engagement.criteriaInScope(catalog)
        let objectiveSet = Set(scopedObjectives.map(\.id))
        let criterionSet = Set(scopedCriteria.map(\.id))

        var classes: [ControlID: ControlClass] = [:]
        // Each objective's and criterion's controls: their ids and whether they are key.
        var byObjective: [ObjectiveID: [(id: ControlID, key: Bool)]] = [:]
        var byCriterion: [CriterionID: [(id: ControlID, key: Bool)]] = [:]
        for control in workspace.controls {
            let soc1 = control.objectives.filter(objectiveSet.contains)
            let soc2 = control.criteria.filter(criterionSet.contains)
            classes[control.id] = Self.classify(control, soc1: !soc1.isEmpty, soc2: !soc2.isEmpty)
            for id in soc1 { byObjective[id, default: []].append((control.id, control.key)) }
            for id in soc2 { byCriterion[id, default: []].append((control.id, control.key)) }
        }
        self.classes = classes
        var members: [ControlClass: [ControlID]] = [:]
        var keyMembers: [ControlClass: Int] = [:]
        for control in workspace.controls {
            guard let cls = classes[control.id] else { continue }
            members[cls, default: []].append(control.id)
            if control.key { keyMembers[cls, default: 0] += 1 }
        }
        self.members = members.mapValues { $0.sorted() }
        self.keyMembers = keyMembers

        // CSOCs of carved-out organizations, by what they address, per report, with the layers
        // each takes over: the CSOC's own list, within what its organization runs.
        let carvedOut = Dictionary(
            workspace.subservice.filter { $0.method == .carveOut }.map { ($0.name, $0) },
            uniquingKeysWith: { a, _ in a })
        var csocCriteria: [CriterionID: [String: Set<Component>]] = [:]
        var csocObjectives: [ObjectiveID: [String: Set<Component>]] = [:]
        for csoc in workspace.csocs {
            guard let organization = carvedOut[csoc.subservice] else { continue }
            let runs = Set(organization.components)
            let about = csoc.components.isEmpty ? runs : Set(csoc.components).intersection(runs)
            if organization.reports.contains(.soc2) {
                for id in csoc.criteria {
                    csocCriteria[id, default: [:]][csoc.subservice, default: []].formUnion(about)
                }
            }
            if organization.reports.contains(.soc1) {
                for id in csoc.objectives {
                    csocObjectives[id, default: [:]][csoc.subservice, default: []].formUnion(about)
                }
            }
        }

        func coverage(
            id: String, title: String, group: String, layerGroup: String, controls: [(id: ControlID, key: Bool)],
            carvedOutBy: [String: Set<Component>]?
        ) -> Coverage {
            let ids = controls.map(\.id).sorted()
            let keys = controls.filter(\.key).count
            let spans = layers.layers(id: id, group: layerGroup)
            let taken = Set((carvedOutBy ?? [:]).values.flatMap { $0 })
            let carved = spans.filter(taken.contains)
            let remaining = carvedOutBy == nil ? [] : spans.filter { !taken.contains($0) }
            let status: CoverageStatus
            if ids.isEmpty {
                status = carvedOutBy != nil && remaining.isEmpty && !carved.isEmpty ? .carvedOut : .uncovered
            } else {
                status = ids.count > heavyThreshold ? .heavy : (ids.count == 1 || keys == 0) ? .thin : .covered
            }
            return Coverage(
                id: id, title: title, group: group, controls: ids, keyControls: keys,
                shared: ids.filter { classes[$0] == .shared }.count, status: status,
                carvedOutBy: (carvedOutBy ?? [:]).keys.sorted(), carvedComponents: carved, remaining: remaining)
        }
        self.criteria = scopedCriteria.map {
            coverage(
                id: $0.id.rawValue, title: $0.title, group: $0.group, layerGroup: $0.group,
                controls: byCriterion[$0.id] ?? [], carvedOutBy: csocCriteria[$0.id])
        }
        self.objectives = scopedObjectives.map {
            coverage(
                id: $0.id.rawValue, title: $0.title, group: $0.domain == .itgc ? $0.area : $0.id.rawValue,
                layerGroup: $0.area, controls: byObjective[$0.id] ?? [], carvedOutBy: csocObjectives[$0.id])
        }
        self.groups = Self.breakdown(self.criteria, classes: classes, single: .soc2Only)
        self.areas = Self.breakdown(self.objectives, classes: classes, single: .soc1Only)
    }

    /// Each control's class, as `init` finds it, without the coverage: what the samples stage
    /// reads, for a report planned alone (only counted against the joint plan).
    public static func classes(workspace: Workspace, engagement: Engagement, criteria catalog: [Criterion])
        -> [ControlID: ControlClass]
    {
        let objectiveSet = Set(engagement.objectivesInScope(workspace.objectives).map(\.id))
        let criterionSet = Set(engagement.criteriaInScope(catalog).map(\.id))
        var classes: [ControlID: ControlClass] = [:]
        classes.reserveCapacity(workspace.controls.count)
        for control in workspace.controls {
            classes[control.id] = classify(
                control, soc1: control.objectives.contains(where: objectiveSet.contains),
                soc2: control.criteria.contains(where: criterionSet.contains))
        }
        return classes
    }

    /// A control's class from whether it maps to an in-scope objective (`soc1`) and criterion (`soc2`).
    private static func classify(_ control: Control, soc1: Bool, soc2: Bool) -> ControlClass {
        switch (soc1, soc2) {
        case (true, true): return .shared
        case (true, false): return .soc1Only
        case (false, true): return .soc2Only
        case (false, false): return control.objectives.isEmpty && control.criteria.isEmpty ? .unmapped : .outOfScope
        }
    }

    /// Rolls coverage rows up by their group, keeping the groups in first-seen order.
    private static func breakdown(_ rows: [Coverage], classes: [ControlID: ControlClass], single: ControlClass)
        -> [GroupBreakdown]
    {
        var order: [String] = []
        var grouped: [String: [Coverage]] = [:]
        for row in rows {
            if grouped[row.group] == nil { order.append(row.group) }
            grouped[row.group, default: []].append(row)
        }
        return order.map { group in
            let items = grouped[group] ?? []
            let controls = Set(items.flatMap(\.controls))
            return GroupBreakdown(
                group: group, items: items.count, covered: items.filter { !$0.controls.isEmpty }.count,
                controls: controls.count, shared: controls.filter { classes[$0] == .shared }.count,
                single: controls.filter { classes[$0] == single }.count)
        }
    }
}
