import SOCPlanCore

/// Diagnostics of one severity and code that repeat, shown as one: the report's warnings and
/// `check` on a terminal both group with this.
public struct DiagnosticGroup: Sendable, Hashable {
    /// The diagnostics of the group, in their order; one when the code does not repeat.
    public var diagnostics: [Diagnostic]

    public var first: Diagnostic { diagnostics[0] }
    public var count: Int { diagnostics.count }
    public var isGroup: Bool { diagnostics.count > 1 }

    /// "146 alike: evidence EV-1 has no owner; and 145 more", or the one diagnostic's message.
    public var summary: String {
        isGroup ? "\(count) alike: \(first.message); and \(count - 1) more" : first.message
    }

    /// The subjects (ids) of the others, for the detail.
    public var otherSubjects: [String] { diagnostics.dropFirst().compactMap(\.subject) }

    /// The summary with the others' subjects in parentheses, on one line.
    public var message: String {
        let subjects = otherSubjects
        return isGroup && !subjects.isEmpty ? "\(summary) (\(subjects.joined(separator: ", ")))" : summary
    }

    /// Diagnostics of one severity and code that occur more than `threshold` times become one
    /// group; the others stay one each. Order: first occurrence. Severities outside `grouping`
    /// (say errors, each of which needs its own fix) are never grouped, nor, with
    /// `onlyWithSubject`, diagnostics without a subject (an id to list in the detail: a terminal
    /// would otherwise lose what their messages say).
    public static func grouped(
        _ diagnostics: [Diagnostic], threshold: Int = 2,
        grouping severities: Set<Diagnostic.Severity> = Set(Diagnostic.Severity.allCases),
        onlyWithSubject: Bool = false
    ) -> [DiagnosticGroup] {
        var order: [String] = []
        var byKey: [String: [Diagnostic]] = [:]
        for (index, diagnostic) in diagnostics.enumerated() {
            let key =
                severities.contains(diagnostic.severity) && (!onlyWithSubject || diagnostic.subject != nil)
                ? "\(diagnostic.severity.rawValue) \(diagnostic.code)" : "#\(index)"
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(diagnostic)
        }
        return order.flatMap { key -> [DiagnosticGroup] in
            let all = byKey[key] ?? []
            return all.count > threshold
                ? [DiagnosticGroup(diagnostics: all)] : all.map { DiagnosticGroup(diagnostics: [$0]) }
        }
    }
}
