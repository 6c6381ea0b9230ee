import SOCPlanCore

/// Renders the evidence request (PBC) list.
public enum RequestRender {
    public enum Grouping: String, Sendable, CaseIterable {
        case owner, stage, report, fieldwork
    }

    public static let header = [
        "request_id", "stage", "evidence_id", "evidence", "kind", "what_to_provide", "period", "items", "owner",
        "source",
        "due", "fieldwork", "controls", "soc1_objectives", "soc2_criteria", "reports", "notes", "status",
        "evidence_link", "submitted_on", "client_notes",
    ]

    /// "SOC 1 interim 2026-07-14..2026-07-27": the fieldwork a request serves.
    static func fieldwork(_ request: EvidenceRequest) -> String {
        "\(request.phase.label) \(request.phase.fieldwork)"
    }

    static func reports(_ request: EvidenceRequest) -> String {
        request.reports.count == 2 ? "both" : request.reports.first?.title ?? ""
    }

    /// The fixed columns from the plan, then the client's columns from the tracker.
    static func row(_ request: EvidenceRequest, _ entry: TrackerEntry = TrackerEntry()) -> [String] {
        [
            request.id, request.stage.rawValue, request.evidence.id.rawValue, request.evidence.title,
            request.evidence.kind.rawValue, request.whatToProvide,
            request.part.isEmpty ? request.period : "\(request.period) (\(request.part))",
            String(request.items), request.evidence.owner, request.evidence.source, request.due.description,
            fieldwork(request), request.controls.map(\.rawValue).joined(separator: "; "),
            request.objectives.map(\.rawValue).joined(separator: "; "),
            request.criteria.map(\.rawValue).joined(separator: "; "), reports(request),
            request.notes.joined(separator: "; "), entry.status.rawValue, entry.evidenceLink,
            entry.submittedOn?.description ?? "", entry.clientNotes,
        ]
    }

    static func key(_ request: EvidenceRequest, _ grouping: Grouping) -> String {
        switch grouping {
        case .owner: return request.evidence.owner.isEmpty ? "(no owner)" : request.evidence.owner
        case .stage: return request.stage.rawValue
        case .report: return reports(request)
        case .fieldwork: return fieldwork(request)
        }
    }

    /// Requests in id order, or grouped (stable within a group).
    static func ordered(_ requests: [EvidenceRequest], _ grouping: Grouping?) -> [(
        group: String, requests: [EvidenceRequest]
    )] {
        guard let grouping else { return [("", requests)] }
        var order: [String] = []
        var groups: [String: [EvidenceRequest]] = [:]
        for request in requests {
            let key = key(request, grouping)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(request)
        }
        let sortedKeys: [String]
        switch grouping {
        case .stage: sortedKeys = order
        case .fieldwork:
            let phases = groups.compactMapValues { $0.first?.phase }
            sortedKeys = order.sorted { a, b in
                guard let x = phases[a], let y = phases[b] else { return a < b }
                return x < y
            }
        default: sortedKeys = order.sorted { NaturalOrder.less($0, $1) }
        }
        return sortedKeys.map { ($0, groups[$0] ?? []) }
    }

    public static func summaryLines(joint: RequestList, separate: [RequestList], model: EffortModel) -> [String] {
        let separateCount = separate.reduce(0) { $0 + $1.requests.count }
        let separateHours = separate.reduce(0) { $0 + $1.clientHours(model) }
        let jointHours = joint.clientHours(model)
        return [
            "\(joint.requests.count) requests in the joint list against \(separateCount) for two separate audits "
                + "(\(separateCount - joint.requests.count) fewer)",
            "Client hours to answer them: \(PlanRender.hours(jointHours)) joint against \(PlanRender.hours(separateHours)) separately",
        ]
    }

    public static func render(
        _ list: RequestList, separate: [RequestList], model: EffortModel, format: OutputFormat, grouping: Grouping?,
        byteOrderMark: Bool = false, tracker: RequestTracker = RequestTracker()
    ) throws -> String {
        let groups = ordered(list.requests, grouping)
        switch format {
        case .csv:
            return Render.csv(
                [header] + groups.flatMap { $0.requests.map { row($0, tracker[$0.id]) } }, byteOrderMark: byteOrderMark)
        case .json:
            return try Render.json(RequestsJSON(list: list, separate: separate, model: model, tracker: tracker))
        case .table:
            var out = ""
            for group in groups {
                if grouping != nil { out += "\n\(group.group)\n" }
                out += Render.table(
                    [["id", "stage", "evidence", "period", "items", "owner", "due", "controls", "reports", "status"]]
                        + group.requests.map { r in
                            [
                                r.id, r.stage.rawValue, r.evidence.title,
                                r.part.isEmpty ? r.period : "\(r.period) (\(r.part))",
                                String(r.items), r.evidence.owner, r.due.description,
                                r.controls.map(\.rawValue).joined(separator: ", "), reports(r),
                                tracker[r.id].status.rawValue,
                            ]
                        }, maxWidth: 50)
            }
            return out + "\n" + summaryLines(joint: list, separate: separate, model: model).joined(separator: "\n")
                + "\n"
        case .md:
            var out =
                "# Evidence requests\n\n"
                + summaryLines(joint: list, separate: separate, model: model).map { "- \($0)" }.joined(separator: "\n")
                + "\n"
            for group in groups {
                if grouping != nil { out += "\n## \(group.group)\n" }
                out += "\n" + Render.markdown([header] + group.requests.map { row($0, tracker[$0.id]) })
            }
            return out
        }
    }
}

/// The JSON of `socplan requests`.
struct RequestsJSON: Encodable {
    struct Request: Encodable {
        var requestId, stage, evidenceId, evidence, kind, whatToProvide, period, part, owner, source, due, fieldwork,
            reports, status, evidenceLink, submittedOn, clientNotes: String
        var items: Int
        var controls, soc1Objectives, soc2Criteria, notes: [String]
        enum CodingKeys: String, CodingKey {
            case requestId = "request_id"
            case stage
            case evidenceId = "evidence_id"
            case evidence, kind
            case
                whatToProvide = "what_to_provide"
            case period, part, owner, source, due, fieldwork, reports, items, controls
            case
                soc1Objectives = "soc1_objectives"
            case soc2Criteria = "soc2_criteria"
            case notes, status
            case evidenceLink = "evidence_link"
            case submittedOn = "submitted_on"
            case clientNotes = "client_notes"
        }
    }
    var requests: [Request]
    var jointRequests: Int
    var separateRequests: Int
    var jointClientHours: Double
    var separateClientHours: Double
    var warnings: [Diagnostic]

    enum CodingKeys: String, CodingKey {
        case requests
        case jointRequests = "joint_requests"
        case separateRequests = "separate_requests"
        case
            jointClientHours = "joint_client_hours"
        case separateClientHours = "separate_client_hours"
        case warnings
    }

    init(list: RequestList, separate: [RequestList], model: EffortModel, tracker: RequestTracker) {
        requests = list.requests.map { r in
            let entry = tracker[r.id]
            return Request(
                requestId: r.id, stage: r.stage.rawValue, evidenceId: r.evidence.id.rawValue,
                evidence: r.evidence.title,
                kind: r.evidence.kind.rawValue, whatToProvide: r.whatToProvide, period: r.period, part: r.part,
                owner: r.evidence.owner, source: r.evidence.source, due: r.due.description,
                fieldwork: RequestRender.fieldwork(r),
                reports: r.reports.map(\.rawValue).joined(separator: ","), status: entry.status.rawValue,
                evidenceLink: entry.evidenceLink, submittedOn: entry.submittedOn?.description ?? "",
                clientNotes: entry.clientNotes, items: r.items,
                controls: r.controls.map(\.rawValue), soc1Objectives: r.objectives.map(\.rawValue),
                soc2Criteria: r.criteria.map(\.rawValue), notes: r.notes)
        }
        jointRequests = list.requests.count
        separateRequests = separate.reduce(0) { $0 + $1.requests.count }
        jointClientHours = (list.clientHours(model) * 10).rounded() / 10
        separateClientHours = (separate.reduce(0) { $0 + $1.clientHours(model) } * 10).rounded() / 10
        warnings = list.diagnostics
    }
}
