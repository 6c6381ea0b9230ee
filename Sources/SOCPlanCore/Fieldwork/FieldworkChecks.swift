/// The fieldwork lints of `socplan check`: populations against their requests, selections against
/// their populations and the plan, and what the results do to each report. Pure.
public enum FieldworkChecks {
    public static func check(plan: EngagementPlan, fieldwork: Fieldwork, results: ResultsAssessment) -> [Diagnostic] {
        var found = PopulationCoverage.check(fieldwork, requests: plan.requests, engagement: plan.engagement.name)
        let current = Set(fieldwork.currentPopulations.map(\.id))
        for selection in fieldwork.currentSelections {
            let ids = selection.source.split(separator: "+").compactMap {
                $0.hasPrefix("P-") ? Int($0.dropFirst(2)) : nil
            }
            if let replaced = ids.first(where: { !current.contains($0) }) {
                found.append(
                    Diagnostic(
                        .warning, "selection-stale",
                        "S-\(selection.id) (\(selection.control), \(selection.fieldwork), \(selection.window)) was drawn from P-\(replaced), which another population has replaced",
                        hint: "draw it again from the new population with `sample select --reselect`",
                        subject: selection.control.rawValue))
            }
        }
        let strata = Selector.strata(plan)
        for stratum in strata {
            let selected = fieldwork.currentSelections.first {
                $0.control == stratum.control && $0.fieldwork == stratum.fieldwork.label && $0.window == stratum.window
            }
            if let selected, selected.planned != stratum.items {
                found.append(
                    Diagnostic(
                        .warning, "selection-stale",
                        "S-\(selected.id) (\(selected.control), \(selected.fieldwork)) holds \(selected.planned) planned items; the plan now asks \(stratum.items)",
                        hint: "select again with `sample select --reselect`", subject: selected.control.rawValue))
            }
        }
        return found + results.diagnostics
    }
}
