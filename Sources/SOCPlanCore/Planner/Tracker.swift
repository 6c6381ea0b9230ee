/// Where a request stands with the client: the tracker's status column.
public enum RequestStatus: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Sent to the client; nothing back yet (every request starts here).
    case requested
    /// The client is working on it.
    case inProgress = "in progress"
    /// The client has provided the evidence; the auditor has not reviewed it yet.
    case submitted
    /// The auditor reviewed the evidence and it serves the test.
    case accepted
    /// The auditor sent it back (incomplete, wrong period, unreadable): the client owes it again.
    case returned

    /// Reads the spellings people type: any case, "in-progress", "in_progress", "In Progress ".
    public init?(spelling: String) {
        let key = spelling.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" })
            .joined(separator: " ")
        guard let status = Self(rawValue: key) else { return nil }
        self = status
    }

    /// The client still owes something: requested, in progress or returned.
    public var isWithClient: Bool { self == .requested || self == .inProgress || self == .returned }

    /// The order statuses are listed in (requested first, returned last).
    public static func < (a: Self, b: Self) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// The client-editable columns of one request in the tracker.
public struct TrackerEntry: Sendable, Hashable, Codable {
    public var status: RequestStatus
    /// Where the evidence is (a URL, a share path, a file name), as the client wrote it.
    public var evidenceLink: String
    public var submittedOn: Day?
    public var clientNotes: String

    public init(
        status: RequestStatus = .requested, evidenceLink: String = "", submittedOn: Day? = nil, clientNotes: String = ""
    ) {
        self.status = status
        self.evidenceLink = evidenceLink
        self.submittedOn = submittedOn
        self.clientNotes = clientNotes
    }
}

/// One change of a request's status, as recorded when a tracker was imported.
public struct StatusChange: Sendable, Hashable, Codable {
    public var requestID: String
    /// When the change was recorded (ISO 8601, UTC).
    public var at: String
    /// Who recorded it (`--by`, else the login name).
    public var by: String
    public var from: RequestStatus
    public var to: RequestStatus
    /// The file it came from.
    public var source: String

    public init(requestID: String, at: String, by: String, from: RequestStatus, to: RequestStatus, source: String) {
        self.requestID = requestID
        self.at = at
        self.by = by
        self.from = from
        self.to = to
        self.source = source
    }
}

/// The tracker state of one engagement: the client columns per request id. A request with no entry
/// is `requested` with nothing filled in.
public struct RequestTracker: Sendable, Hashable {
    public var entries: [String: TrackerEntry]

    public init(entries: [String: TrackerEntry] = [:]) { self.entries = entries }

    public subscript(id: String) -> TrackerEntry { entries[id] ?? TrackerEntry() }

    /// True once a tracker has been imported for the engagement.
    public var isEmpty: Bool { entries.isEmpty }
}

/// How the request list stands on a day: progress by owner and stage, what is overdue and which
/// controls' testing it holds up. Pure; `asOf` is given, never read from a clock.
public struct TrackerProgress: Sendable, Hashable {
    /// Requests per status within one group (an owner, a stage).
    public struct Tally: Sendable, Hashable {
        public var group: String
        public var counts: [RequestStatus: Int]
        public var overdue: Int

        public var total: Int { counts.values.reduce(0, +) }
        public subscript(status: RequestStatus) -> Int { counts[status] ?? 0 }
        /// Accepted requests as a share of the group, 0…100, rounded down.
        public var percentAccepted: Int { total == 0 ? 0 : self[.accepted] * 100 / total }
    }

    public struct Overdue: Sendable, Hashable {
        public var request: EvidenceRequest
        public var status: RequestStatus
        /// Calendar days past the due date.
        public var daysLate: Int
    }

    /// A request holding up a control's testing.
    public struct Holding: Sendable, Hashable {
        public var id: String
        public var status: RequestStatus
        public var due: Day
    }

    /// A control whose testing at one fieldwork waits on requests that are overdue or were returned.
    public struct Blocked: Sendable, Hashable {
        public var control: ControlID
        public var fieldwork: FieldworkPhase
        /// The requests holding it up, in id order.
        public var requests: [Holding]
    }

    public var asOf: Day
    public var total: Tally
    public var byOwner: [Tally]
    public var byStage: [Tally]
    /// Requests past their due date that the client still owes, most late first.
    public var overdue: [Overdue]
    /// Controls held up, earliest fieldwork first.
    public var blocked: [Blocked]
    /// Controls whose testing still waits on requests that are not yet due (or submitted, awaiting review).
    public var waiting: Int

    /// A request is overdue when its due date is before `asOf` and the client still owes it
    /// (requested, in progress, returned). A control's testing at a fieldwork is blocked by any of
    /// its requests for that fieldwork that is overdue or was returned.
    public init(requests: RequestList, tracker: RequestTracker, asOf: Day) {
        self.asOf = asOf
        func tally(_ group: String, _ list: [EvidenceRequest]) -> Tally {
            var counts: [RequestStatus: Int] = [:]
            var overdue = 0
            for request in list {
                let status = tracker[request.id].status
                counts[status, default: 0] += 1
                if status.isWithClient && request.due < asOf { overdue += 1 }
            }
            return Tally(group: group, counts: counts, overdue: overdue)
        }
        let list = requests.requests
        total = tally("all", list)
        let owners = Dictionary(grouping: list) { $0.evidence.owner.isEmpty ? "(no owner)" : $0.evidence.owner }
        byOwner = owners.keys.sorted().map { tally($0, owners[$0] ?? []) }
        let stages = Dictionary(grouping: list, by: \.stage)
        byStage = RequestStage.allCases.filter { stages[$0] != nil }.map { tally($0.rawValue, stages[$0] ?? []) }
        overdue = list.compactMap { request in
            let status = tracker[request.id].status
            guard status.isWithClient, request.due < asOf else { return nil }
            return Overdue(request: request, status: status, daysLate: asOf.ordinal - request.due.ordinal)
        }.sorted { $0.daysLate != $1.daysLate ? $0.daysLate > $1.daysLate : $0.request.id < $1.request.id }

        struct Key: Hashable {
            var control: ControlID
            var fieldwork: FieldworkPhase
        }
        var holding: [Key: [Holding]] = [:]
        var open = Set<ControlID>()
        for request in list {
            let status = tracker[request.id].status
            guard status != .accepted else { continue }
            let blocks = status == .returned || (status.isWithClient && request.due < asOf)
            for control in request.controls {
                if blocks {
                    holding[Key(control: control, fieldwork: request.phase), default: []].append(
                        Holding(id: request.id, status: status, due: request.due))
                } else {
                    open.insert(control)
                }
            }
        }
        blocked = holding.map { key, requests in
            Blocked(control: key.control, fieldwork: key.fieldwork, requests: requests.sorted { $0.id < $1.id })
        }.sorted { $0.fieldwork != $1.fieldwork ? $0.fieldwork < $1.fieldwork : $0.control < $1.control }
        waiting = open.subtracting(blocked.map(\.control)).count
    }
}
