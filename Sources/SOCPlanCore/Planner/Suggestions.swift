/// A mapping the ITGC ↔ TSC crosswalk suggests for a control, with the reason.
public struct MappingSuggestion: Sendable, Hashable, Codable {
    public enum Target: String, Sendable, Hashable, Codable {
        case objective, criterion
    }

    public var control: ControlID
    public var target: Target
    /// The objective or criterion id to add.
    public var id: String
    public var strength: CrosswalkStrength
    /// "CC6.1 is primary for Logical access (ITGC-01)".
    public var reason: String
}

/// Suggests SOC 1 objectives for SOC 2-mapped controls, and criteria for SOC 1-mapped ones.
///
/// Both directions use the crosswalk, and only ITGC objectives (a business-process objective
/// is management's own and is never guessed from a criterion):
/// - a control mapped to a criterion linked to an ITGC area, where the workspace has an ITGC
///   objective in that area the control does not map to → suggest that objective;
/// - a control mapped to an ITGC objective but to none of its area's primary criteria →
///   suggest those criteria (and, with `includeSecondary`, the secondary ones it lacks).
///
/// Deterministic: ordered by control, then objectives before criteria, then id.
public enum MappingSuggester {
    public static func suggest(
        workspace: Workspace, crosswalk: [CrosswalkLink], includeSecondary: Bool = false
    ) -> [MappingSuggestion] {
        let links = crosswalk.filter { includeSecondary || $0.strength == .primary }
        let itgcByArea = Dictionary(grouping: workspace.objectives.filter { $0.domain == .itgc }, by: \.area)
        let objectiveIndex = Dictionary(workspace.objectives.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let linksByCriterion = Dictionary(grouping: links, by: \.criterion)
        let linksByArea = Dictionary(grouping: crosswalk, by: \.area)

        var suggestions: [MappingSuggestion] = []
        for control in workspace.controls {
            var seen = Set<String>()
            var found: [MappingSuggestion] = []
            // Criterion → objective, through the strongest link (primary before secondary).
            var best: [ObjectiveID: MappingSuggestion] = [:]
            for criterion in control.criteria {
                for link in linksByCriterion[criterion] ?? [] {
                    for objective in itgcByArea[link.area] ?? [] where !control.objectives.contains(objective.id) {
                        if let current = best[objective.id], current.strength == .primary || link.strength == .secondary
                        {
                            continue
                        }
                        best[objective.id] = MappingSuggestion(
                            control: control.id, target: .objective, id: objective.id.rawValue, strength: link.strength,
                            reason: "\(criterion) is \(link.strength.rawValue) for \(link.areaTitle) (\(objective.id))")
                    }
                }
            }
            found += best.values
            // Objective → criteria.
            for objectiveID in control.objectives {
                guard let objective = objectiveIndex[objectiveID], objective.domain == .itgc else { continue }
                let areaLinks = linksByArea[objective.area] ?? []
                let primary = areaLinks.filter { $0.strength == .primary }
                guard !primary.isEmpty, !primary.contains(where: { control.criteria.contains($0.criterion) }) else {
                    continue
                }
                let wanted = includeSecondary ? areaLinks : primary
                for link in wanted where !control.criteria.contains(link.criterion) {
                    guard seen.insert("c:\(link.criterion.rawValue)").inserted else { continue }
                    found.append(
                        MappingSuggestion(
                            control: control.id, target: .criterion, id: link.criterion.rawValue,
                            strength: link.strength,
                            reason:
                                "\(objectiveID) is \(link.areaTitle); \(link.criterion) is \(link.strength.rawValue) for it"
                        ))
                }
            }
            suggestions += found.sorted { a, b in
                a.target != b.target ? a.target == .objective : NaturalOrder.less(a.id, b.id)
            }
        }
        return suggestions
    }

    /// The controls the suggestions change, with the new mappings appended in order.
    public static func apply(_ suggestions: [MappingSuggestion], to workspace: Workspace) -> [Control] {
        let grouped = Dictionary(grouping: suggestions, by: \.control)
        return workspace.controls.compactMap { control in
            guard let additions = grouped[control.id] else { return nil }
            var updated = control
            for suggestion in additions {
                switch suggestion.target {
                case .objective:
                    let id = ObjectiveID(suggestion.id)
                    if !updated.objectives.contains(id) { updated.objectives.append(id) }
                case .criterion:
                    let id = CriterionID(suggestion.id)
                    if !updated.criteria.contains(id) { updated.criteria.append(id) }
                }
            }
            return updated == control ? nil : updated
        }
    }
}
