/// Whether the delivered populations answer the plan's population requests: gaps (a request with no
/// population yet), overlaps (an item in two populations of the same evidence), incomplete files
/// (row count ≠ the client's control total). Pure.
public enum PopulationCoverage {
    public static func check(_ fieldwork: Fieldwork, requests: RequestList, engagement: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let current = fieldwork.currentPopulations.filter { $0.engagement == engagement }
        guard !current.isEmpty else { return [] }
        let delivered = Set(current.map(\.evidence))
        for request in requests.requests where request.stage == .population && delivered.contains(request.evidence.id) {
            guard let window = Period(request.period) else { continue }
            let covering = current.filter {
                $0.evidence == request.evidence.id && $0.window.start <= window.end && window.start <= $0.window.end
            }
            if covering.isEmpty {
                found.append(
                    Diagnostic(
                        .warning, "population-gap",
                        "\(request.id) (\(request.evidence.id)\(request.part.isEmpty ? "" : ", \(request.part)"), \(window)) has no population yet, so its days cannot be sampled",
                        hint: "add the client's file for it", subject: request.id))
            } else {
                let days = covering.map(\.window)
                var cursor = window.start
                for period in days.sorted(by: { $0.start < $1.start }) where period.end >= cursor {
                    if period.start > cursor { break }
                    cursor = max(cursor, period.end.adding(days: 1))
                }
                if cursor <= window.end {
                    found.append(
                        Diagnostic(
                            .warning, "population-gap",
                            "the populations of \(request.evidence.id) leave \(Period(start: cursor, end: window.end)) of \(request.id) uncovered",
                            hint: "add the client's file for those days", subject: request.id))
                }
            }
        }
        let byEvidence = Dictionary(grouping: current, by: \.evidence)
        for (evidence, populations) in byEvidence.sorted(by: { $0.key < $1.key }) where populations.count > 1 {
            // Positions in `ordered`, not copies of the populations; sized once (lists run to
            // thousands of rows).
            let ordered = populations.sorted(by: { $0.id < $1.id })
            var seen: [String: Int] = [:]
            seen.reserveCapacity(ordered.reduce(0) { $0 + $1.rows.count })
            var twice: [String: (Int, Int)] = [:]
            for (position, population) in ordered.enumerated() {
                for row in population.rows {
                    if let first = seen[row.key] {
                        twice[row.key] = (first, position)
                    } else {
                        seen[row.key] = position
                    }
                }
            }
            if !twice.isEmpty {
                let keys = twice.keys.sorted()
                let pair =
                    twice[keys[0]].map { (ordered[$0.0], ordered[$0.1]) }.map {
                        "\($0.0.label) (\($0.0.part.isEmpty ? $0.0.window.description : $0.0.part)) and \($0.1.label) (\($0.1.part.isEmpty ? $0.1.window.description : $0.1.part))"
                    } ?? ""
                found.append(
                    Diagnostic(
                        .warning, "population-overlap",
                        "\(keys.count) item(s) of \(evidence) appear in both \(pair): \(keys.prefix(5).joined(separator: ", "))\(keys.count > 5 ? " …" : "")",
                        hint:
                            "the interim and roll-forward lists must not share items: ask the client which list is right",
                        subject: evidence.rawValue))
            }
        }
        for population in current where !population.isComplete {
            found.append(
                Diagnostic(
                    .warning, "population-incomplete",
                    "\(population.label) (\(population.evidence), \(population.window)) has \(population.rowCount) rows but the client's system reports \(population.controlTotal ?? 0)",
                    hint:
                        "ask the client for the complete list (or the reason for the difference) before relying on a sample from it",
                    subject: population.label))
        }
        return found
    }
}
