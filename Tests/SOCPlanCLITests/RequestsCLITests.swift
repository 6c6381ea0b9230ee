import Foundation
import Testing

// End to end through the built `socplan` binary: `socplan requests`, the evidence request (PBC) list, each
// test in a fresh temporary directory, checking what a compliance lead sees: the columns and bytes of the CSV
// they open in a spreadsheet, the dates, the grouping, the warnings on stderr and the exit status.

// MARK: - A private harness

extension CLIWorkdir {
    /// A payroll workspace with the joint engagement `fy`: SOC 1 and SOC 2 Type 2 over calendar 2026, no
    /// fieldwork date (so fieldwork is 2026-12-31 + 14 days = Thursday 2027-01-14).
    fileprivate static func payrollJoint(sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIWorkdir {
        let workdir = try CLIWorkdir()
        try workdir.ok(
            "init", "--org", "X", "--starter-controls", "--cloud", "generic", "--profile", "payroll",
            sourceLocation: sourceLocation)
        try workdir.ok(
            "engagement", "create", "fy", "--soc1", "type2", "--soc1-period", "2026-01-01..2026-12-31", "--soc2",
            "type2", "--soc2-period", "2026-01-01..2026-12-31", sourceLocation: sourceLocation)
        return workdir
    }

    /// `socplan requests --format csv …` parsed into rows keyed by column name, after checking its shape.
    fileprivate func requestRows(_ extra: String..., sourceLocation: SourceLocation = #_sourceLocation) throws
        -> [[String: String]]
    {
        let outcome = try run(["requests", "--format", "csv"] + extra)
        try #require(outcome.status == 0, "requests failed: \(outcome.stderr)", sourceLocation: sourceLocation)
        let parsed = try #require(strictCSV(outcome.stdout), "not RFC 4180 CSV", sourceLocation: sourceLocation)
        try #require(parsed.records.first == requestColumns, sourceLocation: sourceLocation)
        return parsed.records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(requestColumns, $0)) }
    }

    /// `socplan <arguments> --format json` parsed as an object.
    fileprivate func json(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [String:
        Any]
    {
        let outcome = try run(arguments + ["--format", "json"])
        try #require(outcome.status == 0, "\(arguments) failed: \(outcome.stderr)", sourceLocation: sourceLocation)
        return try #require(
            try JSONSerialization.jsonObject(with: outcome.bytes) as? [String: Any], sourceLocation: sourceLocation)
    }
}

/// The documented columns of the request list, in order (README, `socplan requests`).
private let requestColumns = [
    "request_id", "stage", "evidence_id", "evidence", "kind", "what_to_provide", "period", "items", "owner", "source",
    "due", "fieldwork", "controls", "soc1_objectives", "soc2_criteria", "reports", "notes", "status", "evidence_link",
    "submitted_on", "client_notes",
]

/// Reads strict RFC 4180 text: every record ends with CRLF, a field is either plain (no comma, quote, CR or LF)
/// or quoted with inner quotes doubled. Nil at the first violation (a bare LF or CR, a quote inside a plain field,
/// text after a closing quote, an unterminated quote, a last record without its CRLF).
private func strictCSV(_ text: String) -> (records: [[String]], quoted: [[Bool]])? {
    var records: [[String]] = []
    var quotedFlags: [[Bool]] = []
    var record: [String] = []
    var flags: [Bool] = []
    var field = ""
    var bytes = Array(text.unicodeScalars)[...]
    while !bytes.isEmpty {
        // one field
        var quoted = false
        field = ""
        if bytes.first == "\"" {
            quoted = true
            bytes.removeFirst()
            var closed = false
            while let c = bytes.popFirst() {
                if c == "\"" {
                    if bytes.first == "\"" {
                        field.unicodeScalars.append("\"")
                        bytes.removeFirst()
                    } else {
                        closed = true
                        break
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            }
            if !closed { return nil }
        } else {
            while let c = bytes.first, c != ",", c != "\r", c != "\n" {
                if c == "\"" { return nil }
                field.unicodeScalars.append(c)
                bytes.removeFirst()
            }
        }
        record.append(field)
        flags.append(quoted)
        // its terminator
        guard let next = bytes.popFirst() else { return nil }
        if next == "," { continue }
        guard next == "\r", bytes.popFirst() == "\n" else { return nil }
        records.append(record)
        quotedFlags.append(flags)
        record = []
        flags = []
    }
    return (records, quotedFlags)
}

/// The cells of one Markdown table row, split on unescaped `|`, with `\|` and `\\` restored.
private func markdownCells(_ line: String) -> [String] {
    var cells: [String] = []
    var cell = ""
    var escaped = false
    for c in line.dropFirst().dropLast() {
        if escaped {
            cell.append(c)
            escaped = false
        } else if c == "\\" {
            escaped = true
        } else if c == "|" {
            cells.append(cell.trimmingCharacters(in: .whitespaces))
            cell = ""
        } else {
            cell.append(c)
        }
    }
    cells.append(cell.trimmingCharacters(in: .whitespaces))
    return cells
}

private func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

// MARK: - Tests

@Suite("socplan requests, end to end")
struct RequestsCLITests {
    @Test("the CSV has the 21 documented columns, CRLF line ends and RFC 4180 quoting")
    func csvShape() throws {
        // Given a payroll workspace with a joint Type 2 engagement
        let workdir = try CLIWorkdir.payrollJoint()
        // When the request list is printed as CSV
        let outcome = try workdir.ok("requests", "--format", "csv")
        // Then it reads as strict RFC 4180 (every record ends in CRLF, no bare LF), the header is the 17
        // documented columns in order, and every record has 17 fields
        let parsed = try #require(strictCSV(outcome.stdout), "not strict RFC 4180 with CRLF line ends")
        #expect(parsed.records.first == requestColumns)
        #expect(parsed.records.count > 1)
        for record in parsed.records { #expect(record.count == 21, "\(record)") }
        #expect(!outcome.stdout.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        // and a field holding a comma (what to provide is a sentence) is quoted, a plain id is not
        let rows = Array(parsed.records.dropFirst())
        let quoted = Array(parsed.quoted.dropFirst())
        for (row, flags) in zip(rows, quoted) {
            for (cell, isQuoted) in zip(row, flags) where cell.contains(",") || cell.contains("\"") {
                #expect(isQuoted, "\(cell) is not quoted")
            }
            #expect(!flags[0])
        }
        // and each id is its evidence id, a stage letter and a number, unique in the list
        let ids = rows.map { $0[0] }
        #expect(Set(ids).count == ids.count)
        for row in rows {
            let letter = ["population": "P", "sample": "S", "document": "D", "configuration": "C", "design": "W"][
                row[1]]
            #expect(
                row[0].range(of: "^\(row[2])/\(letter ?? "?")[0-9]+$", options: .regularExpression) != nil, "\(row[0])")
        }
    }

    @Test("each column holds what its name says")
    func csvValues() throws {
        // Given the joint engagement over calendar 2026: interim fieldwork 2026-09-30 + 14 = Wed 2026-10-14, final
        // fieldwork 2026-12-31 + 14 = Thu 2027-01-14, on the US federal holiday calendar
        let workdir = try CLIWorkdir.payrollJoint()
        // When the list is printed
        let rows = try workdir.requestRows()
        // Then stages, kinds and reports come from their short lists; items are positive whole numbers; due
        // dates are dates; every request starts as requested, with the other client columns empty
        for row in rows {
            #expect(["population", "sample", "document", "configuration", "design"].contains(row["stage"] ?? ""))
            #expect(["population", "document", "configuration"].contains(row["kind"] ?? ""))
            #expect(["SOC 1", "SOC 2", "both"].contains(row["reports"] ?? ""), "\(row["reports"] ?? "")")
            #expect((Int(row["items"] ?? "") ?? 0) >= 1)
            #expect(row["due"]?.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil)
            #expect(row["status"] == "requested")
            #expect(row["evidence_link"] == "" && row["submitted_on"] == "" && row["client_notes"] == "")
            #expect(row["evidence_id"]?.hasPrefix("EV-") == true)
        }
        // and, worked out by hand: samples are due 5 business days after each fieldwork starts (Wed 2026-10-14 →
        // Wed 2026-10-21; Thu 2027-01-14 → Fri 15, Tue 19 (Mon 18 is Martin Luther King Day), Wed 20, Thu 21, Fri 22);
        // documents on the first day of each fieldwork; a setting as of the interim fieldwork (inside the
        // period), as of the period's last day for the roll-forward, and its change history for the year
        let byStage = Dictionary(grouping: rows) { $0["stage"] ?? "" }
        #expect(Set(byStage["sample"]?.map { $0["due"] ?? "" } ?? []) == ["2026-10-21", "2027-01-22"])
        #expect(Set(byStage["document"]?.map { $0["due"] ?? "" } ?? []) == ["2026-10-14", "2027-01-14"])
        #expect(
            Set(byStage["configuration"]?.map { $0["period"] ?? "" } ?? [])
                == ["as of 2026-10-14", "as of 2026-12-31", "2026-01-01..2026-12-31 (change history)"])
        // and interim populations cover Jan–Sep, due 10 business days before Wed 2026-10-14 (Tue 2026-09-29, with
        // Columbus Day on Mon 2026-10-12) but no sooner than 3 business days after the close: Mon 2026-10-05
        let populations = byStage["population"] ?? []
        let interim = populations.filter { $0["period"]?.hasSuffix("(interim)") == true }
        #expect(!interim.isEmpty)
        #expect(Set(interim.map { $0["period"] ?? "" }) == ["2026-01-01..2026-09-30 (interim)"])
        #expect(Set(interim.map { $0["due"] ?? "" }) == ["2026-10-05"])
        // and the roll-forward populations cover the rest of the year, due 3 business days after the close
        // (New Year's Day is a holiday: Mon 4, Tue 5, Wed 2027-01-06), each with its interim population
        let rollForward = populations.filter { $0["period"]?.hasSuffix("(roll-forward)") == true }
        #expect(!rollForward.isEmpty)
        #expect(Set(rollForward.map { $0["period"] ?? "" }) == ["2026-10-01..2026-12-31 (roll-forward)"])
        #expect(Set(rollForward.map { $0["due"] ?? "" }) == ["2027-01-06"])
        #expect(Set(rollForward.map { $0["evidence_id"] ?? "" }).isSubset(of: interim.map { $0["evidence_id"] ?? "" }))
    }

    @Test("two runs give the same bytes, and --bom only adds EF BB BF in front")
    func bytes() throws {
        // Given a payroll workspace with a joint engagement
        let workdir = try CLIWorkdir.payrollJoint()
        // When the CSV is printed twice, once with a byte-order mark, and once with --bom to a file
        let first = try workdir.ok("requests", "--format", "csv").bytes
        let second = try workdir.ok("requests", "--format", "csv").bytes
        let marked = try workdir.ok("requests", "--format", "csv", "--bom").bytes
        let toFile = try workdir.ok("requests", "--format", "csv", "--bom", "--out", "pbc.csv")
        // Then the two plain runs are byte-identical
        #expect(first == second)
        // and the marked one starts with EF BB BF followed by exactly the plain bytes
        #expect(Array(marked.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(marked.dropFirst(3) == first)
        #expect(first.first == UInt8(ascii: "r"))
        // and --out writes those bytes to the file, printing nothing on stdout
        #expect(try workdir.data("pbc.csv") == marked)
        #expect(toFile.stdout.isEmpty)
    }

    @Test("the JSON has the same requests, and fewer than two separate audits would ask for")
    func json() throws {
        // Given a payroll workspace with a joint engagement
        let workdir = try CLIWorkdir.payrollJoint()
        // When the list is printed as JSON and as CSV
        let object = try workdir.json("requests")
        let rows = try workdir.requestRows()
        // Then the JSON lists the same request ids, and says how many there are
        let requests = try #require(object["requests"] as? [[String: Any]])
        #expect(requests.map { $0["request_id"] as? String ?? "" } == rows.map { $0["request_id"] ?? "" })
        let joint = try #require(object["joint_requests"] as? Int)
        let separate = try #require(object["separate_requests"] as? Int)
        #expect(joint == requests.count)
        // and the joint list is shorter than the SOC 1 and SOC 2 lists together, and takes fewer client hours
        #expect(joint < separate)
        let jointHours = try #require(number(object["joint_client_hours"]))
        let separateHours = try #require(number(object["separate_client_hours"]))
        #expect(jointHours > 0)
        #expect(jointHours < separateHours)
        #expect((object["warnings"] as? [Any]) != nil)
    }

    @Test("--group-by owner gives one heading per owner, holding that owner's requests", arguments: ["md", "table"])
    func groupByOwner(_ format: String) throws {
        // Given a payroll workspace with a joint engagement, and the owners of its requests
        let workdir = try CLIWorkdir.payrollJoint()
        let rows = try workdir.requestRows()
        let owners = Set(rows.map { $0["owner"] ?? "" })
        // When the list is printed grouped by owner
        let lines = try workdir.ok("requests", "--format", format, "--group-by", "owner").stdout
            .components(separatedBy: "\n")
        // Then there is exactly one heading for each owner
        var headings: [String] = []
        var underHeading: [String: [String]] = [:]
        for (index, line) in lines.enumerated() {
            let heading: String?
            if format == "md" {
                heading = line.hasPrefix("## ") ? String(line.dropFirst(3)) : nil
            } else {
                // a table group: a line after a blank one, followed by the column header
                let next = index + 1 < lines.count ? lines[index + 1] : ""
                heading = index > 0 && lines[index - 1].isEmpty && next.hasPrefix("id ") ? line : nil
            }
            if let heading {
                headings.append(heading)
            } else if let current = headings.last, line.hasPrefix(format == "md" ? "| EV-" : "EV-") {
                underHeading[current, default: []].append(line)
            }
        }
        #expect(headings.count == owners.count, "\(headings)")
        #expect(Set(headings) == owners)
        // and each heading holds as many requests as that owner has, every one of them naming the owner
        for owner in owners {
            let expected = rows.filter { $0["owner"] == owner }.count
            #expect(underHeading[owner]?.count == expected, "\(owner)")
            for line in underHeading[owner] ?? [] {
                if format == "md" {
                    #expect(markdownCells(line)[8] == owner)
                } else {
                    #expect(line.contains(owner))
                }
            }
        }
    }

    @Test("an interim cut-off on the engagement moves the split between interim and roll-forward populations")
    func interimCutoff() throws {
        // Given a payroll workspace with a joint engagement over calendar 2026
        let workdir = try CLIWorkdir.payrollJoint()
        // When both reports' interim cut-off is set to 2026-06-30
        try workdir.ok(
            "engagement", "update", "fy", "--soc1-interim-cutoff", "2026-06-30", "--soc2-interim-cutoff", "2026-06-30")
        let after = try workdir.requestRows().filter { $0["stage"] == "population" }
        // Then every interim population covers Jan–Jun; interim fieldwork starts Tue 2026-07-14, 10 business days
        // before is Mon 2026-06-29 (Fri 2026-07-03 is Independence Day observed), so the 3 business days after the
        // close win: Wed 1, Thu 2, Mon 2026-07-06; every roll-forward covers Jul–Dec
        let interim = after.filter { $0["period"]?.hasSuffix("(interim)") == true }
        let rollForward = after.filter { $0["period"]?.hasSuffix("(roll-forward)") == true }
        #expect(!interim.isEmpty)
        #expect(Set(interim.map { $0["period"] ?? "" }) == ["2026-01-01..2026-06-30 (interim)"])
        #expect(Set(interim.map { $0["due"] ?? "" }) == ["2026-07-06"])
        #expect(Set(rollForward.map { $0["period"] ?? "" }) == ["2026-07-01..2026-12-31 (roll-forward)"])
        #expect(!after.contains { $0["period"]?.contains("2026-09-30") == true })
    }

    @Test("moving fieldwork moves the due dates")
    func fieldwork() throws {
        // Given a payroll workspace with a joint engagement, fieldwork moved to Monday 2027-02-01
        let workdir = try CLIWorkdir.payrollJoint()
        try workdir.ok("engagement", "update", "fy", "--fieldwork", "2027-02-01")
        // When the list is printed
        let rows = try workdir.requestRows()
        // Then, by hand: roll-forward populations are due 2027-02-01 − 10 business days = Fri 2027-01-15 (Mon
        // 2027-01-18 is a holiday), their samples + 5 = Mon 2027-02-08, roll-forward documents on 2027-02-01;
        // the interim requests keep their dates (populations Mon 2026-10-05, samples Wed 2026-10-21)
        func values(_ column: String, where keep: ([String: String]) -> Bool) -> Set<String> {
            Set(rows.filter(keep).map { $0[column] ?? "" })
        }
        func part(_ row: [String: String], _ name: String) -> Bool { row["period"]?.hasSuffix("(\(name))") == true }
        #expect(values("due") { $0["stage"] == "population" && part($0, "roll-forward") } == ["2027-01-15"])
        #expect(values("due") { $0["stage"] == "sample" && part($0, "roll-forward") } == ["2027-02-08"])
        #expect(values("due") { $0["stage"] == "population" && part($0, "interim") } == ["2026-10-05"])
        #expect(values("due") { $0["stage"] == "sample" && part($0, "interim") } == ["2026-10-21"])
        #expect(values("due") { $0["stage"] == "document" } == ["2026-10-14", "2027-02-01"])
    }

    @Test(
        "an interim cut-off that is not a date fails with exit status 1 and changes nothing",
        arguments: ["2026-13-01", "30/06/2026", "soon"])
    func invalidCutoff(_ value: String) throws {
        // Given a payroll workspace with a joint engagement
        let workdir = try CLIWorkdir.payrollJoint()
        let before = try workdir.ok("engagement", "list", "--format", "csv").stdout
        // When the SOC 1 interim cut-off is not a date
        let outcome = try workdir.run("engagement", "update", "fy", "--soc1-interim-cutoff", value)
        // Then the command fails with 1, naming the option and the value, and the engagement is as it was
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("--soc1-interim-cutoff"))
        #expect(outcome.stderr.contains(value))
        #expect(outcome.stderr.contains("YYYY-MM-DD"))
        #expect(try workdir.ok("engagement", "list", "--format", "csv").stdout == before)
    }

    @Test("a negative business-day offset is a usage error")
    func negativeOffset() throws {
        // Given a payroll workspace with a joint engagement
        let workdir = try CLIWorkdir.payrollJoint()
        // When population requests are asked for -1 business days before fieldwork
        let outcome = try workdir.run("requests", "--population-lead=-1")
        // Then ArgumentParser's usage exit status 2 comes back, and nothing is printed on stdout
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("negative"))
    }

    @Test("estimate's joint client hours are the requests' hours plus walkthroughs and tests of one")
    func estimateAgreesWithRequests() throws {
        // Given a payroll workspace with a joint engagement
        let workdir = try CLIWorkdir.payrollJoint()
        // When estimate, requests and plan are printed as JSON
        let estimate = try workdir.json("estimate")
        let requests = try workdir.json("requests")
        let plan = try workdir.json("plan")
        // Then estimate counts the same requests as the request list
        let joint = try #require(estimate["joint"] as? [String: Any])
        #expect(joint["requests"] as? Int == requests["joint_requests"] as? Int)
        // and (Estimator.effort) its client hours = 0.5 h walkthrough per control + 1.5 h per test of one
        // (Catalogs/effort-model.csv, mid-tier) + the hours to answer the requests; each figure is rounded to 0.1 h
        let controls = try #require(plan["controls"] as? [[String: Any]])
        let testsOfOne = controls.filter { row in
            ["soc1_sample", "soc2_sample"].contains {
                ((row[$0] as? [String: Any])?["basis"] as? String) == "test-of-one"
            }
        }.count
        #expect(joint["controls"] as? Int == controls.count)
        #expect(testsOfOne > 0)
        let requestHours = try #require(number(requests["joint_client_hours"]))
        let expected = requestHours + 0.5 * Double(controls.count) + 1.5 * Double(testsOfOne)
        let reported = try #require(number(estimate["joint_client_hours"]))
        #expect(abs(reported - expected) <= 0.1, "estimate \(reported) against \(expected)")
        #expect(reported > requestHours)
    }

    @Test("evidence with no owner is warned about on stderr, and still asked for")
    func ownerlessEvidence() throws {
        // Given a payroll workspace, a quarterly SOC 2 control CM-99 on CC8.1, and its evidence EV-SIGNOFF
        // imported with an empty owner and a title holding quotes and a comma
        let workdir = try CLIWorkdir.payrollJoint()
        try workdir.write(
            "evidence.csv",
            "evidence_id,title,kind,source,owner\r\nEV-SIGNOFF,\"Change \"\"CAB\"\" minutes, signed\",document,Confluence,\r\n"
        )
        try workdir.write(
            "controls.csv",
            "control_id,title,frequency,nature,soc2_criteria,evidence\r\nCM-99,CAB sign-off,quarterly,manual,CC8.1,EV-SIGNOFF\r\n"
        )
        try workdir.ok("import", "evidence.csv", "controls.csv")
        // When the request list is printed
        let outcome = try workdir.run("requests", "--format", "csv")
        // Then it succeeds, and stderr (not stdout) warns that nobody will be asked for EV-SIGNOFF
        #expect(outcome.status == 0)
        #expect(outcome.stderr.contains("warning:"))
        #expect(outcome.stderr.contains("EV-SIGNOFF"))
        #expect(outcome.stderr.contains("no owner"))
        #expect(!outcome.stdout.contains("warning"))
        // and the document is still requested, worked out by hand: the 3 quarters of the interim months of a
        // quarterly control, due on the first day of interim fieldwork (2026-10-14), for SOC 2 only, with the
        // title intact
        let parsed = try #require(strictCSV(outcome.stdout))
        let rows = parsed.records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(requestColumns, $0)) }
        let signoff = try #require(rows.first { $0["evidence_id"] == "EV-SIGNOFF" })
        #expect(signoff["evidence"] == "Change \"CAB\" minutes, signed")
        #expect(outcome.stdout.contains("\"Change \"\"CAB\"\" minutes, signed\""))
        #expect(signoff["stage"] == "document")
        #expect(signoff["items"] == "3")
        #expect(signoff["owner"] == "")
        #expect(signoff["due"] == "2026-10-14")
        #expect(signoff["controls"] == "CM-99")
        #expect(signoff["soc2_criteria"] == "CC8.1")
        #expect(signoff["soc1_objectives"] == "")
        #expect(signoff["reports"] == "SOC 2")
        #expect(signoff["what_to_provide"]?.contains("2026 Q1, 2026 Q2, 2026 Q3 (the sample needs 1)") == true)
        // and the fourth quarter is asked for at final fieldwork
        #expect(
            rows.contains {
                $0["evidence_id"] == "EV-SIGNOFF" && $0["what_to_provide"]?.contains(": 2026 Q4 (") == true
            })
        // and the JSON carries the warning, and grouping by owner files it under "(no owner)"
        let json = try workdir.json("requests")
        let warnings = try #require(json["warnings"] as? [[String: Any]])
        #expect(warnings.contains { $0["code"] as? String == "no-owner" && $0["subject"] as? String == "EV-SIGNOFF" })
        let grouped = try workdir.ok("requests", "--format", "md", "--group-by", "owner").stdout
        #expect(grouped.contains("\n## (no owner)\n"))
    }
}

@Suite("estimate --staffing: hours by phase, week and role")
struct StaffingCLITests {
    @Test("the weekly hours by role add up to the joint estimate, weeks start on Monday")
    func weeklyHours() throws {
        // Given a payroll workspace with a joint engagement over calendar 2026
        let workdir = try CLIWorkdir.payrollJoint()
        // When the staffing is printed as CSV and the estimate as JSON
        let records = csvRecords(try workdir.ok("estimate", "--staffing", "--format", "csv").stdout)
        let estimate = try #require(try workdir.ok("estimate", "--format", "json").json() as? [String: Any])
        // Then the weekly table has the documented columns, and its totals add up to the joint hours
        #expect(records.first == ["week", "phases", "staff", "senior", "manager", "partner", "total"])
        let weeks = records.dropFirst()
        #expect(!weeks.isEmpty)
        let total = weeks.compactMap { Double($0[6]) }.reduce(0, +)
        let joint = try #require(estimate["joint_hours"] as? Double)
        #expect(abs(total - joint) < 0.1 * Double(weeks.count), "\(total) against \(joint)")
        // and every week is a Monday (2026-10-12 is one: the interim fieldwork starts Wednesday 2026-10-14)
        #expect(weeks.contains { $0[0] == "2026-10-12" })
        // And the table form shows the phases with their dates first
        let table = try workdir.ok("estimate", "--staffing").stdout
        #expect(table.contains("SOC 1 + SOC 2 interim"), "\(table)")
    }

    @Test("--staffing with two engagements is refused with a hint, exit 1")
    func oneEngagementOnly() throws {
        // Given two engagements
        let workdir = try CLIWorkdir.payrollJoint()
        try workdir.ok("engagement", "copy", "fy", "fy-copy")
        // When staffing is asked for both
        let outcome = try workdir.run("estimate", "--staffing", "--engagement", "fy", "--engagement", "fy-copy")
        // Then it fails with 1 and says to name one
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("--staffing shows one engagement"))
        #expect(outcome.stdout.isEmpty)
    }
}
