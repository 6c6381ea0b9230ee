/// A first look at an inventory, before any engagement is scoped: how the controls are
/// mapped, and which Security criteria and SOC 1 objectives no control reaches.
public struct InventoryOverview: Sendable, Hashable, Codable {
    public var controls = 0
    public var keyControls = 0
    public var objectives = 0
    public var evidence = 0
    /// Controls mapped to at least one SOC 1 objective and at least one TSC criterion.
    public var mappedToBoth = 0
    public var soc1Only = 0
    public var soc2Only = 0
    public var unmapped = 0
    public var uncoveredSecurityCriteria: [CriterionID] = []
    public var uncoveredObjectives: [ObjectiveID] = []

    /// O(controls × mappings).
    public init(workspace: Workspace, criteria: [Criterion]) {
        controls = workspace.controls.count
        keyControls = workspace.controls.filter(\.key).count
        objectives = workspace.objectives.count
        evidence = workspace.evidence.count
        var coveredCriteria = Set<CriterionID>()
        var coveredObjectives = Set<ObjectiveID>()
        for control in workspace.controls {
            coveredCriteria.formUnion(control.criteria)
            coveredObjectives.formUnion(control.objectives)
            switch (control.objectives.isEmpty, control.criteria.isEmpty) {
            case (false, false): mappedToBoth += 1
            case (false, true): soc1Only += 1
            case (true, false): soc2Only += 1
            case (true, true): unmapped += 1
            }
        }
        uncoveredSecurityCriteria = criteria.filter { $0.category == .security && !coveredCriteria.contains($0.id) }.map(\.id)
        uncoveredObjectives = workspace.objectives.map(\.id).filter { !coveredObjectives.contains($0) }
    }
}
