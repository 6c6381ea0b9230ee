import Foundation
import Testing

// End to end through the built `socplan` binary: the request tracker round trip. The auditor exports the
// request list, the client edits it the way people edit spreadsheets (re-sorts, filters, adds a column of their
// own, fills in status and links), the auditor imports it back, and `requests status`, `requests history` and
// the report show where things stand.

extension CLIWorkdir {
    /// A payroll workspace with the joint engagement `fy` over calendar 2026: interim fieldwork Wed 2026-10-14,
    /// interim populations due Mon 2026-10-05, interim samples due Wed 2026-10-21.
    fileprivate static func tracked(sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIWorkdir {
        let workdir = try CLIWorkdir()
        try workdir.ok("init", "--org", "X", "--profile", "payroll", "--starter-controls", "--cloud", "generic", sourceLocation: sourceLocation)
        try workdir.ok(
            "engagement", "create", "fy", "--soc1", "type2", "--soc1-period", "2026-01-01..2026-12-31", "--soc2",
            "type2", "--soc2-period", "2026-01-01..2026-12-31", sourceLocation: sourceLocation)
        return workdir
    }

    /// The exported tracker: header and rows.
    fileprivate func tracker(sourceLocation: SourceLocation = #_sourceLocation) throws -> (
        header: [String], rows: [[String]]
    ) {
        let records = csvRecords(try ok("requests", "--format", "csv", sourceLocation: sourceLocation).stdout)
        return (records[0], Array(records.dropFirst()))
    }

    /// Rows of the exported tracker keyed by request id, each row keyed by column.
    fileprivate func trackerByID(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: [String: String]]
    {
        let (header, rows) = try tracker(sourceLocation: sourceLocation)
        return Dictionary(
            uniqueKeysWithValues: rows.map { ($0[0], Dictionary(uniqueKeysWithValues: zip(header, $0))) })
    }

    fileprivate func writeCSV(_ name: String, _ records: [[String]], bom: Bool = false) throws {
        func quoted(_ cell: String) -> String {
            cell.contains(where: { ",\"\r\n".contains($0) })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }
        try write(
            name, (bom ? "\u{FEFF}" : "") + records.map { $0.map(quoted).joined(separator: ",") + "\r\n" }.joined())
    }
}

@Suite("socplan requests import / status / history, end to end")
struct TrackerCLITests {
    @Test("export, edit as a client does (re-sort, filter, add a column, fill in), import, then status and history")
    func roundTrip() throws {
        // Given the exported tracker
        let workdir = try CLIWorkdir.tracked()
        let (header, rows) = try workdir.tracker()
        let column = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        let status = try #require(column["status"])
        let link = try #require(column["evidence_link"])
        let submitted = try #require(column["submitted_on"])
        let notes = try #require(column["client_notes"])
        let due = try #require(column["due"])
        // When the client keeps only the population requests, sorts them by owner (descending), adds a column of
        // their own, and fills in three rows: the changes population submitted with a link, the new-users
        // population in progress (typed "In-Progress"), the terminations population accepted
        var kept = rows.filter { $0[1] == "population" }.sorted { $0[8] > $1[8] }
        #expect(kept.count < rows.count)
        for index in kept.indices {
            switch kept[index][0] {
            case "EV-PROD-CHANGES/P1":
                kept[index][status] = "submitted"
                kept[index][link] = "https://share.example/pbc/changes-jan-sep.xlsx"
                kept[index][submitted] = "2026-10-02"
                kept[index][notes] = "query attached, ticket INC-4411"
            case "EV-NEW-USERS/P1": kept[index][status] = "In-Progress"
            case "EV-TERMINATIONS/P1": kept[index][status] = "accepted"
            default: break
            }
        }
        try #require(
            kept.filter { ["EV-PROD-CHANGES/P1", "EV-NEW-USERS/P1", "EV-TERMINATIONS/P1"].contains($0[0]) }.count == 3)
        try workdir.writeCSV("returned.csv", [header + ["Reviewer"]] + kept.map { $0 + ["Dana"] }, bom: true)
        let imported = try workdir.ok("requests", "import", "returned.csv", "--by", "Dana (client)")
        // Then the summary counts the rows read, the three updated, the rest unchanged and the filtered-out requests
        #expect(
            imported.stdout.contains(
                "returned.csv: \(kept.count) rows for engagement fy: 3 updated (3 status changes), \(kept.count - 3) unchanged; \(rows.count - kept.count) not in the file left as they were"
            ), "\(imported.stdout)")
        #expect(imported.stdout.contains("EV-NEW-USERS/P1: requested → in progress"))
        #expect(imported.stderr.contains("ignored 1 column of the client's own: Reviewer"))
        // and the next export carries the client's columns for those rows, and nothing changed elsewhere
        let after = try workdir.trackerByID()
        #expect(after["EV-PROD-CHANGES/P1"]?["status"] == "submitted")
        #expect(after["EV-PROD-CHANGES/P1"]?["evidence_link"] == "https://share.example/pbc/changes-jan-sep.xlsx")
        #expect(after["EV-PROD-CHANGES/P1"]?["submitted_on"] == "2026-10-02")
        #expect(after["EV-PROD-CHANGES/P1"]?["client_notes"] == "query attached, ticket INC-4411")
        #expect(after["EV-NEW-USERS/P1"]?["status"] == "in progress")
        #expect(after["EV-TERMINATIONS/P1"]?["status"] == "accepted")
        #expect(after.values.filter { $0["status"] != "requested" }.count == 3)
        #expect(after.count == rows.count)
        #expect(after["EV-PROD-CHANGES/P1"]?["due"] == rows.first { $0[0] == "EV-PROD-CHANGES/P1" }?[due])

        // When status is asked as of Tue 2026-10-06 (interim populations were due Mon 2026-10-05)
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: workdir.ok("requests", "status", "--as-of", "2026-10-06", "--format", "json").bytes)
                as? [String: Any])
        // Then every interim population the client still owes is overdue by one day: all but the submitted and
        // accepted ones; the in-progress one among them
        let interim = rows.filter { $0[1] == "population" && $0[due] == "2026-10-05" }.map { $0[0] }
        let overdue = try #require(json["overdue"] as? [[String: Any]])
        #expect(
            Set(overdue.compactMap { $0["request_id"] as? String })
                == Set(interim).subtracting(["EV-PROD-CHANGES/P1", "EV-TERMINATIONS/P1"]))
        #expect(overdue.allSatisfy { ($0["days_late"] as? Int) == 1 })
        #expect(
            overdue.first { ($0["request_id"] as? String) == "EV-NEW-USERS/P1" }?["status"] as? String == "in progress")
        // and the totals count each status once
        let total = try #require(json["total"] as? [String: Any])
        let counts = try #require(total["counts"] as? [String: Int])
        #expect(
            counts == ["requested": rows.count - 3, "in progress": 1, "submitted": 1, "accepted": 1, "returned": 0])
        #expect(total["overdue"] as? Int == overdue.count)
        // and AC-01 (new user provisioning) is blocked at SOC 1 interim fieldwork by the overdue new-users
        // population; AC-02 (leavers) is not, its population was accepted
        let blocked = try #require(json["blocked"] as? [[String: Any]])
        let ac01 = blocked.first { $0["control"] as? String == "STARTER-AC-01" }
        #expect(ac01?["waiting_on"] as? [String] == ["EV-NEW-USERS/P1"])
        #expect(ac01?["fieldwork"] as? String == "SOC 1 interim")
        #expect(!blocked.contains { $0["control"] as? String == "STARTER-AC-02" })
        // and the owners' tallies add up to the list
        let owners = try #require(json["by_owner"] as? [[String: Any]])
        #expect(owners.compactMap { $0["total"] as? Int }.reduce(0, +) == rows.count)

        // When the auditor returns the changes population and imports again
        var second = kept
        for index in second.indices where second[index][0] == "EV-PROD-CHANGES/P1" {
            second[index][status] = "returned"
        }
        try workdir.writeCSV("reviewed.csv", [header] + second)
        try workdir.ok("requests", "import", "reviewed.csv", "--by", "auditor")
        // Then the history keeps every change in order: who, from, to, which file
        let history = csvRecords(try workdir.ok("requests", "history", "--format", "csv").stdout)
        #expect(history.first == ["request_id", "changed_at", "changed_by", "from", "to", "source"])
        let changes = history.dropFirst().map { [$0[0], $0[2], $0[3], $0[4], $0[5]] }
        #expect(changes.count == 4)
        #expect(changes.contains(["EV-NEW-USERS/P1", "Dana (client)", "requested", "in progress", "returned.csv"]))
        #expect(changes.last == ["EV-PROD-CHANGES/P1", "auditor", "submitted", "returned", "reviewed.csv"])
        for record in history.dropFirst() {
            #expect(record[1].range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"#, options: .regularExpression) != nil)
        }
        // and one request's history is asked for by id
        let one = csvRecords(try workdir.ok("requests", "history", "EV-PROD-CHANGES/P1", "--format", "csv").stdout)
        #expect(one.dropFirst().map { $0[4] } == ["submitted", "returned"])
        // and a returned request blocks its controls' testing even before it is overdue
        let early = try #require(
            try JSONSerialization.jsonObject(
                with: workdir.ok("requests", "status", "--as-of", "2026-10-01", "--format", "json").bytes)
                as? [String: Any])
        let earlyBlocked = try #require(early["blocked"] as? [[String: Any]])
        #expect(earlyBlocked.allSatisfy { ($0["waiting_on"] as? [String]) == ["EV-PROD-CHANGES/P1"] })
        #expect(!earlyBlocked.isEmpty)
    }

    @Test(
        "a row with an unknown id, a changed fixed column or an unknown status is refused with its cell, and nothing is written"
    )
    func refusals() throws {
        // Given the exported tracker, in which the client changes statuses on good rows but also adds a row of
        // their own, moves a due date and types a status socplan does not know
        let workdir = try CLIWorkdir.tracked()
        let (header, rows) = try workdir.tracker()
        let column = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        let status = try #require(column["status"])
        let due = try #require(column["due"])
        var edited = rows
        edited[0][status] = "accepted"
        edited[1][status] = "submitted"
        edited[2][due] = "2027-03-31"
        edited[3][status] = "done"
        var added = rows[4]
        added[0] = "EV-EXTRA/P1"
        edited.insert(added, at: 5)
        try workdir.writeCSV("tracker.csv", [header] + edited)
        // When it is imported
        let outcome = try workdir.run("requests", "import", "tracker.csv")
        // Then it fails with each problem on its spreadsheet cell and file:line:column, and says nothing was written
        #expect(outcome.status == 1)
        let dueLetter = String(UnicodeScalar(UInt8(65 + due)))
        let statusLetter = String(UnicodeScalar(UInt8(65 + status)))
        #expect(
            outcome.stderr.contains(
                "tracker.csv:7:1: error: cell A7 (request_id): request id \"EV-EXTRA/P1\" is not in the request list"),
            "\(outcome.stderr)")
        #expect(
            outcome.stderr.contains(
                "cell \(dueLetter)4 (due): \(rows[2][0]): due was changed: the tracker has \"2027-03-31\", the plan has \"\(rows[2][due])\""
            ), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("cell \(statusLetter)5 (status): \(rows[3][0]): unknown status \"done\""))
        #expect(outcome.stderr.contains("hint: write one of: requested, in progress, submitted, accepted, returned"))
        #expect(outcome.stderr.contains("3 errors"))
        #expect(outcome.stderr.contains("the tracker was not imported; nothing was written"))
        #expect(outcome.stdout.isEmpty)
        // and the good rows' changes were not written either: every request is still requested, no history
        let after = try workdir.trackerByID()
        #expect(after.values.allSatisfy { $0["status"] == "requested" })
        #expect(csvRecords(try workdir.ok("requests", "history", "--format", "csv").stdout).count == 1)
    }

    @Test("a tracker saved by a spreadsheet (BOM, dates as 10/5/2026, re-wrapped text, counts as 1.0) imports")
    func spreadsheetSpellings() throws {
        // Given the exported tracker re-saved the way a US spreadsheet writes it back
        let workdir = try CLIWorkdir.tracked()
        let (header, rows) = try workdir.tracker()
        let column = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        let (due, items, what, status, submitted) = (
            column["due"]!, column["items"]!, column["what_to_provide"]!, column["status"]!, column["submitted_on"]!
        )
        var edited = rows
        for index in edited.indices {
            let parts = edited[index][due].split(separator: "-").compactMap { Int($0) }
            edited[index][due] = "\(parts[1])/\(parts[2])/\(parts[0])"
            edited[index][items] += ".0"
            edited[index][what] = edited[index][what].replacingOccurrences(of: ", ", with: ",\n ")
        }
        edited[0][status] = "Submitted"
        edited[0][submitted] = "10/20/2026"
        try workdir.writeCSV("saved.csv", [header] + edited, bom: true)
        // When it is imported
        let outcome = try workdir.run("requests", "import", "saved.csv")
        // Then it is accepted: the fixed columns still say what the plan says; the one unambiguous date is read
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("1 updated (1 status change)"))
        let after = try workdir.trackerByID()
        #expect(after[rows[0][0]]?["submitted_on"] == "2026-10-20")
        // and an ambiguous date is refused with both readings
        edited[0][submitted] = "10/5/2026"
        try workdir.writeCSV("ambiguous.csv", [header] + edited)
        let ambiguous = try workdir.run("requests", "import", "ambiguous.csv")
        #expect(ambiguous.status == 1)
        #expect(
            ambiguous.stderr.contains("\"10/5/2026\" can be read as 2026-05-10 or 2026-10-05"), "\(ambiguous.stderr)")
    }

    @Test("request ids stay on their requests when an unrelated control is added, and the tracker follows them")
    func idsStableAcrossInventoryChanges() throws {
        // Given an imported tracker with one request accepted
        let workdir = try CLIWorkdir.tracked()
        let (header, rows) = try workdir.tracker()
        let statusColumn = header.firstIndex(of: "status")!
        var edited = rows
        let target = try #require(rows.firstIndex { $0[0] == "EV-PROD-CHANGES/S2" })
        edited[target][statusColumn] = "accepted"
        try workdir.writeCSV("t.csv", [header] + edited)
        try workdir.ok("requests", "import", "t.csv")
        let before = try workdir.trackerByID()
        // When a control with evidence of its own (sorting before every other evidence id) is added
        try workdir.write(
            "evidence.csv",
            "evidence_id,title,kind,source,owner\r\nEV-AAA-VISITORS,Visitor logs,population,Envoy,Facilities Manager\r\n"
        )
        try workdir.write(
            "controls.csv",
            "control_id,title,description,owner,frequency,nature,type,key,risk,soc1_objectives,soc2_criteria,evidence\r\n"
                + "ZZ-01,Visitor sign-in,Visitors sign in at reception,Facilities Manager,event-driven,manual,preventive,yes,low,,CC6.4,EV-AAA-VISITORS\r\n"
        )
        try workdir.ok("import", "evidence.csv", "controls.csv")
        let after = try workdir.trackerByID()
        // Then the list grew, and every old id names the same stage, evidence, period and due date as before
        #expect(after.count > before.count)
        #expect(after.keys.contains { $0.hasPrefix("EV-AAA-VISITORS/") })
        for (id, row) in before {
            for name in ["stage", "evidence_id", "period", "due", "status"] {
                #expect(after[id]?[name] == row[name], "\(id) \(name)")
            }
        }
        #expect(after["EV-PROD-CHANGES/S2"]?["status"] == "accepted")
    }

    @Test("the report shows the tracker once one has been imported, measured on --as-of")
    func reportSection() throws {
        // Given a workspace with no tracker imported yet
        let workdir = try CLIWorkdir.tracked()
        // Then the report has no tracker section
        #expect(!(try workdir.ok("report", "--as-of", "2026-10-06").stdout.contains("id=\"tracker\"")))
        // When a tracker comes back with the new-users population in progress
        let (header, rows) = try workdir.tracker()
        let statusColumn = header.firstIndex(of: "status")!
        let edited = rows.map { row in
            row[0] == "EV-NEW-USERS/P1"
                ? Array(row[..<statusColumn]) + ["in progress"] + row[(statusColumn + 1)...] : row
        }
        try workdir.writeCSV("t.csv", [header] + edited)
        try workdir.ok("requests", "import", "t.csv")
        // Then the HTML report has the section, with the headline, the overdue table and what it blocks
        let html = try workdir.ok("report", "--as-of", "2026-10-06").stdout
        #expect(html.contains("<section id=\"tracker\">"))
        #expect(html.contains("\(rows.count) requests as of <span class=\"id\">2026-10-06</span>: 1 in progress,"))
        #expect(html.contains("<td><span class=\"id\">EV-NEW-USERS/P1</span></td>"))
        #expect(html.contains("<td><span class=\"id\">STARTER-AC-01</span></td><td>SOC 1 interim</td>"))
        // and the Markdown report too
        let md = try workdir.ok("report", "--as-of", "2026-10-06", "--format", "md").stdout
        #expect(md.contains("## Request tracker"))
        #expect(md.contains("| EV-NEW-USERS/P1 |"))
        // and the brief report leaves it out
        #expect(!(try workdir.ok("report", "--as-of", "2026-10-06", "--brief").stdout.contains("id=\"tracker\"")))
    }
}
