import SOCPlanCore

/// Populations for the bundled sample, generated from its plan (deterministic: the same every run),
/// and a few exceptions, so `socplan demo` shows the whole fieldwork cycle.
public enum BundledFieldwork {
    /// The most rows one generated population has.
    public static let maximumRows = 1500

    /// One generated population per population request of the plan: "KEY,Date" rows, as many as the
    /// controls using it expect in its days (their population size, else their frequency; at most
    /// `maximumRows`), on
    /// business days spread by SplitMix64 seeded from the evidence id and days.
    public static func populations(_ plan: EngagementPlan, addedAt: String) -> [(
        file: String, bytes: [UInt8], population: Population
    )] {
        let controls = Dictionary(plan.workspace.controls.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [(String, [UInt8], Population)] = []
        for request in plan.requests.requests where request.stage == .population {
            guard let window = Period(request.period) else { continue }
            let yearly =
                request.controls.compactMap { controls[$0] }.map { control -> Int in
                    if let size = control.populationSize { return size }
                    switch control.frequency {
                    case .annual: return 1
                    case .semiannual: return 2
                    case .quarterly: return 4
                    case .monthly: return 12
                    case .weekly: return 52
                    default: return 250
                    }
                }.max() ?? 250
            // Capped so that the demo stays quick: a sample never needs more rows than this to draw from.
            let count = min(maximumRows, max(1, Int((Double(yearly) * Double(window.days) / 365).rounded(.up))))
            var rng = SplitMix64(seed: Selector.hash64("\(request.evidence.id)|\(window)"))
            let prefix = request.evidence.id.rawValue.replacingOccurrences(of: "EV-", with: "")
            var lines = ["Key,Date"]
            var rows: [PopulationRow] = []
            for index in 0..<count {
                var day = window.start.adding(days: Int(rng.below(UInt64(window.days))))
                day = plan.calendar.businessDay(day)
                if day > window.end { day = window.end }
                let key = "\(prefix)-\(window.start.description.prefix(7))-\(format4(index + 1))"
                lines.append("\(key),\(day)")
                rows.append(PopulationRow(key: key, date: day, line: index + 2))
            }
            let bytes = Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
            let file = "\(prefix.lowercased())-\(request.part.isEmpty ? "period" : request.part).csv"
            out.append(
                (
                    file, bytes,
                    Population(
                        id: 0, engagement: plan.engagement.name, requestID: request.id, evidence: request.evidence.id,
                        part: request.part, window: window, file: file, sha256: SHA256.hex(bytes), rowCount: count,
                        keyColumn: "Key", dateColumn: "Date", controlTotal: count, addedBy: "socplan demo",
                        addedAt: addedAt, rows: rows)
                ))
        }
        return out
    }

    static func format4(_ number: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    /// The demo's results: every selected item tested; in the first shared control with a sample of
    /// 20–39, one exception (its sample then extends, clean); in the first SOC 1-only control with a
    /// sample of 2 or more, two exceptions (not effective). Returns the results, management's
    /// responses and the controls chosen.
    public static func results(_ selections: [Selection], plan: EngagementPlan) -> (
        results: [ItemResult], conclusions: [ControlConclusion], shared: ControlID?, failed: ControlID?
    ) {
        let rows = Dictionary(plan.audit.rows.map { ($0.control.id, $0) }, uniquingKeysWith: { a, _ in a })
        let byControl = Dictionary(grouping: selections, by: \.control)
        let sampled = byControl.keys.sorted().filter { id in
            byControl[id]?.contains { $0.source.hasPrefix("P-") } == true
        }
        let shared = sampled.first { id in
            let items = byControl[id]?.flatMap(\.items).filter { !$0.isExtension }.count ?? 0
            return rows[id]?.isShared == true && (20...39).contains(items)
        }
        let failed = sampled.first { id in
            rows[id]?.reports == [.soc1] && (byControl[id]?.flatMap(\.items).count ?? 0) >= 2
        }
        var results: [ItemResult] = []
        for (id, list) in byControl.sorted(by: { $0.key < $1.key }) {
            let items = list.flatMap(\.items)
            for (index, item) in items.enumerated() {
                if id == shared && index == 0 {
                    results.append(
                        ItemResult(
                            control: id, key: item.key, outcome: .exception,
                            description: "access was granted two days before the approval was recorded"))
                } else if id == failed && index < 2 {
                    results.append(
                        ItemResult(
                            control: id, key: item.key, outcome: .exception,
                            description: "no evidence of the review"))
                } else {
                    results.append(ItemResult(control: id, key: item.key, outcome: .noException))
                }
            }
        }
        var conclusions: [ControlConclusion] = []
        if let shared {
            conclusions.append(
                ControlConclusion(
                    control: shared,
                    managementResponse: "The ticketing system now blocks provisioning until the approval is recorded."))
        }
        if let failed {
            conclusions.append(
                ControlConclusion(
                    control: failed,
                    managementResponse: "Reviews are now tracked in the GRC tool with a monthly completeness check."))
        }
        return (results, conclusions, shared, failed)
    }
}
