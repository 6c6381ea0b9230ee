extension RequestList {
    /// The list with each sample request (and each document request of a periodic control) naming
    /// the items selected for it: key and date, date order, appended to what to provide.
    public func listingSelections(_ fieldwork: Fieldwork) -> RequestList {
        let populations = Dictionary(fieldwork.populations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out = self
        for index in out.requests.indices {
            let request = out.requests[index]
            guard request.stage == .sample || request.stage == .document, let days = Period(request.period) else {
                continue
            }
            let selections = fieldwork.currentSelections.filter { selection in
                guard request.controls.contains(selection.control), days.start <= selection.window.start,
                    selection.window.end <= days.end
                else { return false }
                if request.stage == .document { return selection.source == "occurrences" }
                let ids = selection.source.split(separator: "+").compactMap {
                    $0.hasPrefix("P-") ? Int($0.dropFirst(2)) : nil
                }
                return ids.contains { populations[$0]?.evidence == request.evidence.id }
            }
            var seen = Set<String>()
            let items = selections.flatMap(\.items).sorted { ($0.date, $0.key) < ($1.date, $1.key) }.filter {
                seen.insert($0.key).inserted
            }
            guard !items.isEmpty else { continue }
            let listed = items.map { request.stage == .document ? $0.key : "\($0.key) (\($0.date))" }
            out.requests[index].whatToProvide +=
                " Selected (\(items.count)): \(listed.joined(separator: ", "))."
        }
        return out
    }
}
