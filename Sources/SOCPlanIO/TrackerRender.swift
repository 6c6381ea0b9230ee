import SOCPlanCore

/// Renders `socplan requests status` and `socplan requests history`.
public enum TrackerRender {
    static let statusColumns = RequestStatus.allCases.map(\.rawValue)

    /// "212 requests: 10 accepted (4%), 3 submitted, …; 25 overdue".
    public static func headline(_ progress: TrackerProgress) -> String {
        let total = progress.total
        let parts = RequestStatus.allCases.reversed().filter { total[$0] > 0 }.map { status in
            status == .accepted
                ? "\(total[status]) accepted (\(total.percentAccepted)%)" : "\(total[status]) \(status.rawValue)"
        }
        return "\(total.total) requests as of \(progress.asOf): \(parts.joined(separator: ", ")); "
            + "\(progress.overdue.count) overdue"
    }

    static func tallyRows(_ tallies: [TrackerProgress.Tally], first: String) -> [[String]] {
        [[first] + statusColumns + ["total", "overdue", "accepted %"]]
            + tallies.map { tally in
                [tally.group] + RequestStatus.allCases.map { String(tally[$0]) }
                    + [String(tally.total), String(tally.overdue), "\(tally.percentAccepted)%"]
            }
    }

    static func overdueRows(_ progress: TrackerProgress) -> [[String]] {
        [["request", "evidence", "owner", "due", "days late", "status"]]
            + progress.overdue.map { item in
                [
                    item.request.id, item.request.evidence.title, item.request.evidence.owner,
                    item.request.due.description, String(item.daysLate), item.status.rawValue,
                ]
            }
    }

    /// "EV-NEW-USERS/P1 (requested, due 2026-10-05)".
    static func holding(_ blocked: TrackerProgress.Blocked) -> String {
        blocked.requests.map { "\($0.id) (\($0.status.rawValue), due \($0.due))" }.joined(separator: "; ")
    }

    static func blockedRows(_ progress: TrackerProgress) -> [[String]] {
        [["control", "fieldwork", "starts", "waiting on"]]
            + progress.blocked.map { item in
                [
                    item.control.rawValue, item.fieldwork.label, item.fieldwork.fieldwork.start.description,
                    holding(item),
                ]
            }
    }

    static func waitingLine(_ progress: TrackerProgress) -> String {
        "\(progress.blocked.count) control-fieldwork pair\(progress.blocked.count == 1 ? "" : "s") blocked by overdue or returned requests; "
            + "\(progress.waiting) more control\(progress.waiting == 1 ? "" : "s") wait on requests not yet due or under review"
    }

    public static func status(_ progress: TrackerProgress, engagement: String, format: OutputFormat) throws -> String {
        switch format {
        case .json:
            return try Render.json(StatusJSON(progress, engagement: engagement))
        case .md:
            var out = "# Request tracker: \(engagement)\n\n\(headline(progress))\n\n"
            out += "## By owner\n\n" + Render.markdown(tallyRows(progress.byOwner, first: "owner"))
            out += "\n## By stage\n\n" + Render.markdown(tallyRows(progress.byStage, first: "stage"))
            out += "\n## Overdue\n\n"
            out += progress.overdue.isEmpty ? "Nothing is overdue.\n" : Render.markdown(overdueRows(progress))
            out += "\n## Blocked testing\n\n\(waitingLine(progress)).\n"
            if !progress.blocked.isEmpty { out += "\n" + Render.markdown(blockedRows(progress)) }
            return out
        case .table, .csv:
            var out = "Request tracker for \(engagement): \(headline(progress))\n"
            out += "\nBy owner\n" + Render.table(tallyRows(progress.byOwner, first: "owner"), maxWidth: 40)
            out += "\nBy stage\n" + Render.table(tallyRows(progress.byStage, first: "stage"), maxWidth: 40)
            out += "\nOverdue (\(progress.overdue.count))\n"
            out += progress.overdue.isEmpty ? "nothing is overdue\n" : Render.table(overdueRows(progress), maxWidth: 40)
            out += "\nBlocked testing\n"
            if !progress.blocked.isEmpty { out += Render.table(blockedRows(progress), maxWidth: 70) }
            return out + waitingLine(progress) + "\n"
        }
    }

    public static func history(_ changes: [StatusChange], format: OutputFormat) throws -> String {
        let rows =
            [["request_id", "changed_at", "changed_by", "from", "to", "source"]]
            + changes.map { [$0.requestID, $0.at, $0.by, $0.from.rawValue, $0.to.rawValue, $0.source] }
        switch format {
        case .csv: return Render.csv(rows)
        case .md: return Render.markdown(rows)
        case .json: return try Render.json(changes.map(HistoryJSON.init))
        case .table: return changes.isEmpty ? "no status changes recorded\n" : Render.table(rows, maxWidth: 40)
        }
    }

    struct HistoryJSON: Encodable {
        var request_id, changed_at, changed_by, from, to, source: String
        init(_ change: StatusChange) {
            request_id = change.requestID
            changed_at = change.at
            changed_by = change.by
            from = change.from.rawValue
            to = change.to.rawValue
            source = change.source
        }
    }

    struct StatusJSON: Encodable {
        struct Tally: Encodable {
            var group: String
            var counts: [String: Int]
            var total, overdue, percent_accepted: Int
        }
        struct Overdue: Encodable {
            var request_id, evidence, owner, due, status: String
            var days_late: Int
        }
        struct Blocked: Encodable {
            var control, fieldwork, fieldwork_starts: String
            var waiting_on: [String]
        }
        var engagement, as_of: String
        var total: Tally
        var by_owner, by_stage: [Tally]
        var overdue: [Overdue]
        var blocked: [Blocked]
        var waiting_controls: Int

        init(_ progress: TrackerProgress, engagement: String) {
            func tally(_ t: TrackerProgress.Tally) -> Tally {
                Tally(
                    group: t.group,
                    counts: Dictionary(uniqueKeysWithValues: RequestStatus.allCases.map { ($0.rawValue, t[$0]) }),
                    total: t.total, overdue: t.overdue, percent_accepted: t.percentAccepted)
            }
            self.engagement = engagement
            as_of = progress.asOf.description
            total = tally(progress.total)
            by_owner = progress.byOwner.map(tally)
            by_stage = progress.byStage.map(tally)
            overdue = progress.overdue.map {
                Overdue(
                    request_id: $0.request.id, evidence: $0.request.evidence.title, owner: $0.request.evidence.owner,
                    due: $0.request.due.description, status: $0.status.rawValue, days_late: $0.daysLate)
            }
            blocked = progress.blocked.map {
                Blocked(
                    control: $0.control.rawValue, fieldwork: $0.fieldwork.label,
                    fieldwork_starts: $0.fieldwork.fieldwork.start.description, waiting_on: $0.requests.map(\.id))
            }
            waiting_controls = progress.waiting
        }
    }
}
