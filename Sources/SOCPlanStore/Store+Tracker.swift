import GRDB
import SOCPlanCore

/// The request tracker: the client columns per engagement and request id, and the history of
/// status changes.
extension Store {
    /// The tracker of an engagement (empty until a tracker is imported).
    public func tracker(of engagement: String) throws -> RequestTracker {
        try read { db in
            var entries: [String: TrackerEntry] = [:]
            var problems: [String] = []
            for row in try Row.fetchAll(
                db, sql: "SELECT * FROM request_tracker WHERE engagement = ?", arguments: [engagement])
            {
                let id: String = row["request_id"]
                let text: String = row["status"]
                guard let status = RequestStatus(rawValue: text) else {
                    problems.append("request \(id): unknown status \"\(text)\"")
                    continue
                }
                let submitted: String? = row["submitted_on"]
                entries[id] = TrackerEntry(
                    status: status, evidenceLink: row["evidence_link"], submittedOn: submitted.flatMap { Day($0) },
                    clientNotes: row["client_notes"])
            }
            guard problems.isEmpty else {
                throw StoreError(
                    listing: problems, "the request tracker holds values socplan does not know:",
                    hint: "import a corrected tracker")
            }
            return RequestTracker(entries: entries)
        }
    }

    /// The status changes of an engagement's requests (one request's when `request` is given), oldest first.
    public func statusHistory(of engagement: String, request: String? = nil) throws -> [StatusChange] {
        try read { db in
            var sql = "SELECT * FROM request_status_change WHERE engagement = ?"
            var arguments: [any DatabaseValueConvertible] = [engagement]
            if let request {
                sql += " AND request_id = ?"
                arguments.append(request)
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: StatementArguments(arguments)).map {
                row in
                let from: String = row["from_status"]
                let to: String = row["to_status"]
                return StatusChange(
                    requestID: row["request_id"], at: row["changed_at"], by: row["changed_by"],
                    from: RequestStatus(rawValue: from) ?? .requested, to: RequestStatus(rawValue: to) ?? .requested,
                    source: row["source"])
            }
        }
    }

    /// Writes tracker entries and their status changes in one transaction: all land or none.
    public func updateTracker(of engagement: String, entries: [String: TrackerEntry], changes: [StatusChange]) throws {
        try write { db in
            let upsert = try db.makeStatement(
                sql: """
                    INSERT INTO request_tracker (engagement, request_id, status, evidence_link, submitted_on, client_notes)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(engagement, request_id) DO UPDATE SET status = excluded.status,
                        evidence_link = excluded.evidence_link, submitted_on = excluded.submitted_on,
                        client_notes = excluded.client_notes
                    """)
            for (id, entry) in entries.sorted(by: { $0.key < $1.key }) {
                try upsert.execute(arguments: [
                    engagement, id, entry.status.rawValue, entry.evidenceLink, entry.submittedOn?.description,
                    entry.clientNotes,
                ])
            }
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO request_status_change
                        (engagement, request_id, changed_at, changed_by, from_status, to_status, source)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            for change in changes {
                try insert.execute(arguments: [
                    engagement, change.requestID, change.at, change.by, change.from.rawValue, change.to.rawValue,
                    change.source,
                ])
            }
        }
    }

    static func moveTracker(from old: String, to new: String, in db: Database) throws {
        try db.execute(sql: "UPDATE request_tracker SET engagement = ? WHERE engagement = ?", arguments: [new, old])
        try db.execute(
            sql: "UPDATE request_status_change SET engagement = ? WHERE engagement = ?", arguments: [new, old])
    }

    static func deleteTracker(of engagement: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM request_tracker WHERE engagement = ?", arguments: [engagement])
        try db.execute(sql: "DELETE FROM request_status_change WHERE engagement = ?", arguments: [engagement])
    }
}
