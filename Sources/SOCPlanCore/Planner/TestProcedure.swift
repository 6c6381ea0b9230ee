/// Writes the default test procedure of a plan row, worded to paste into a workpaper.
enum TestProcedure {
    static func write(
        _ row: PlanRow, engagement: Engagement, evidence: [EvidenceItem], objectives: [ObjectiveID: Objective]
    ) -> String {
        let control = row.control
        let owner = control.owner.isEmpty ? "the control owner" : "the \(control.owner)"
        var steps = [
            "Inquire of \(owner) about \(lowercasedFirst(control.title)): who performs it, when, and what record it leaves."
        ]
        let documents = evidence.filter { $0.kind != .population }.map(\.title)
        let populations = evidence.filter { $0.kind == .population }.map(\.title)
        let what =
            documents.isEmpty
            ? "the supporting record (request, approval and timestamps)" : list(documents.map(lowercasedFirst))
        let decisions = [row.soc1, row.soc2].compactMap { $0 }
        let tested = decisions.filter { $0.basis != .walkthrough }
        guard !tested.isEmpty else {
            let date = decisions.compactMap { engagement.scope($0.report).endDay }.max().map { " as of \($0)" } ?? ""
            steps.append(
                "Walk one instance through the control\(date): inspect \(what) and confirm it is designed as described."
            )
            return steps.joined(separator: " ")
        }
        let window = windowText(tested, engagement: engagement)
        if tested.contains(where: { $0.basis == .testOfOne }) {
            let configuration = evidence.filter { $0.kind == .configuration }.map(\.title)
            let target =
                configuration.isEmpty
                ? (control.systems.isEmpty
                    ? "the system configuration" : "the configuration of \(list(control.systems))")
                : list(configuration.map(lowercasedFirst))
            steps.append(
                "Inspect \(target) and test one instance to confirm the control operates as designed; rely on the change-management and logical-access ITGCs for the rest of \(window)."
            )
            return steps.joined(separator: " ")
        }
        let verb: String
        if row.methods.contains(.reperformance) {
            verb = "re-perform the control and compare the result with"
        } else if row.methods.contains(.observation) && !row.methods.contains(.inspection) {
            verb = "observe the control being performed and note"
        } else {
            verb = "inspect"
        }
        let items = row.combined
        let noun = items == 1 ? "item" : "items"
        if !populations.isEmpty {
            steps.append(
                "Obtain the population of \(list(populations.map(lowercasedFirst))) for \(window) and check it for completeness and accuracy (the query or report parameters)."
            )
            steps.append("Select \(items) \(noun) across \(window) and, for each, \(verb) \(what).")
        } else if control.frequency == .eventDriven || control.frequency == .recurring {
            steps.append("Select \(items) \(noun) across \(window) and, for each, \(verb) \(what).")
        } else {
            let occurrences = tested.compactMap(\.occurrences).max().map { Int($0.rounded(.down)) } ?? items
            if occurrences <= 1 {
                let unit = occurrenceNoun(control.frequency, plural: false)
                steps.append("For the \(unit) in \(window), \(verb) \(what).")
            } else {
                let unit = occurrenceNoun(control.frequency, plural: true)
                steps.append(
                    "Select \(items) of the \(occurrences) \(unit) in \(window) and, for each, \(verb) \(what).")
            }
        }
        if row.phases.count > 1 {
            let parts = row.phases.map { sample in
                "\(sample.items) from \(sample.window) at \(sample.phase.label) fieldwork (for \(sample.serves.map(\.title).joined(separator: " and ")))"
            }
            steps.append("By fieldwork: \(list(parts)).")
        }
        return steps.joined(separator: " ")
    }

    private static func windowText(_ decisions: [SampleDecision], engagement: Engagement) -> String {
        let periods = Array(Set(decisions.compactMap { engagement.scope($0.report).period })).sorted {
            $0.start < $1.start
        }
        guard let first = periods.first, let last = periods.last else { return "the period" }
        return periods.count == 1 ? "the period \(first)" : "both periods (\(first.start)..\(last.end))"
    }

    private static func occurrenceNoun(_ frequency: Frequency, plural: Bool) -> String {
        let noun: String
        switch frequency {
        case .annual: noun = "annual performance"
        case .semiannual: noun = "half-yearly performance"
        case .quarterly: noun = "quarterly performance"
        case .monthly: noun = "monthly performance"
        case .weekly: noun = "weekly performance"
        case .daily: noun = "daily performance"
        case .recurring, .eventDriven: noun = "occurrence"
        }
        return plural ? noun + "s" : noun
    }

    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        // Keep acronyms and ids ("MFA", "SOC 2") as they are.
        if let second = text.dropFirst().first, second.isUppercase || second.isNumber { return text }
        return first.lowercased() + text.dropFirst()
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        case 2: return "\(items[0]) and \(items[1])"
        default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        }
    }
}
