import Foundation
import Testing

// End to end through the built `socplan` binary: populations, reproducible selection, results and their
// effect on each report, as an audit team runs them (docs/fieldwork.md).

extension CLIWorkdir {
    /// A payroll workspace (starter controls) with the joint engagement `fy`: SOC 1 and SOC 2 Type 2 over
    /// calendar 2026, so fieldwork is interim (Jan–Sep) and final (Oct–Dec).
    fileprivate static func fieldwork(soc2: [String] = ["--soc2", "type2", "--soc2-period", "2026-01-01..2026-12-31"])
        throws -> CLIWorkdir
    {
        let workdir = try CLIWorkdir()
        try workdir.ok("init", "--org", "X", "--profile", "payroll", "--starter-controls", "--cloud", "generic")
        try workdir.ok(
            ["engagement", "create", "fy", "--soc1", "type2", "--soc1-period", "2026-01-01..2026-12-31"] + soc2)
        return workdir
    }

    /// A population CSV of `count` tickets spread over `days` (deterministic), with a header.
    fileprivate func population(_ name: String, prefix: String, count: Int, from start: String, days: Int) throws {
        var lines = ["Ticket,Created,Requested by"]
        let base = try #require(ISO8601DateFormatter().date(from: start + "T00:00:00Z"))
        for index in 0..<count {
            let day = base.addingTimeInterval(Double((index * 7919) % days) * 86_400)
            lines.append(
                "\(prefix)-\(1000 + index),\(String(ISO8601DateFormatter().string(from: day).prefix(10))),user\(index)")
        }
        try write(name, lines.joined(separator: "\n") + "\n")
    }

    /// Fixtures/population-libreoffice.xlsx as changes.xlsx: 30 change tickets (Jan–Sep 2026) as
    /// LibreOffice saved them from the CSV beside it: two title rows, the header on row 3, dates as
    /// date cells shown mm/dd/yy.
    fileprivate func libreOfficePopulation() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/population-libreoffice.xlsx")
        try FileManager.default.copyItem(at: fixture, to: url.appendingPathComponent("changes.xlsx"))
    }

    /// `sample show --format csv` as rows keyed by column.
    fileprivate func selected(_ extra: String...) throws -> [[String: String]] {
        let records = csvRecords(try ok(["sample", "show", "--format", "csv"] + extra).stdout)
        guard let header = records.first else { return [] }
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// `check --format json` as (code, subject, message) triples.
    fileprivate func checks() throws -> [(code: String, subject: String, message: String)] {
        let outcome = try run("check", "--format", "json", "--fail-on", "never")
        let list = try #require(try outcome.json() as? [[String: Any]])
        return list.map {
            ($0["code"] as? String ?? "", $0["subject"] as? String ?? "", $0["message"] as? String ?? "")
        }
    }

    /// New users (STARTER-AC-01's population EV-NEW-USERS): 90 in the interim months, 30 in the roll-forward.
    fileprivate func newUsers() throws {
        try population("nu-interim.csv", prefix: "NU", count: 90, from: "2026-01-01", days: 273)
        try population("nu-rollforward.csv", prefix: "NR", count: 30, from: "2026-10-01", days: 92)
        try ok(
            "population", "add", "--control", "STARTER-AC-01", "--part", "interim", "nu-interim.csv", "--key", "Ticket")
        try ok("population", "add", "--control", "STARTER-AC-01", "--part", "roll-forward", "nu-rollforward.csv")
    }
}

@Suite(.serialized) struct FieldworkCLITests {
    @Test func aBadPopulationIsRefusedRowByRowAndNothingIsWritten() throws {
        // Given a file with a bad date, a duplicate key, a date outside the interim months and a row with no key
        let workdir = try CLIWorkdir.fieldwork()
        try workdir.write(
            "bad.csv",
            "Ticket,Created\nNU-1,2026-01-05\nNU-2,2026-13-01\nNU-1,2026-02-01\nNU-3,2026-10-02\n,2026-01-01\n")
        // When it is added for STARTER-AC-01's interim request
        let outcome = try workdir.run("population", "add", "--control", "STARTER-AC-01", "--part", "interim", "bad.csv")
        // Then every problem is named with its line and column, and nothing is recorded
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("bad.csv:3:6: error: Created \"2026-13-01\" is not a date"))
        #expect(outcome.stderr.contains("bad.csv:4:1: error: Ticket \"NU-1\" already appears on line 2"))
        #expect(outcome.stderr.contains("bad.csv:5:6: error: Created 2026-10-02 is outside"))
        #expect(outcome.stderr.contains("bad.csv:6:1: error: row has no Ticket"))
        #expect(csvRecords(try workdir.ok("population", "list", "--format", "csv").stdout).count == 1)
    }

    @Test func aPopulationIsFingerprintedAndItsGapsAndTotalsReported() throws {
        let workdir = try CLIWorkdir.fieldwork()
        try workdir.population("nu.csv", prefix: "NU", count: 40, from: "2026-01-01", days: 273)
        // When only the interim list is added, with a control total that disagrees
        let added = try workdir.ok(
            "population", "add", "--control", "STARTER-AC-01", "--part", "interim", "nu.csv", "--control-total", "41",
            "--by",
            "jane")
        // Then its SHA-256 is the file's, the difference and the missing roll-forward list are reported
        let digest = try SHA256Tool.hex(workdir.data("nu.csv"))
        #expect(added.stdout.contains("sha256    \(digest)"))
        #expect(added.stdout.contains("rows      40 (the control total is 41: 1 missing)"))
        #expect(added.stdout.contains("added by  jane"))
        #expect(added.stderr.contains("roll-forward, 2026-10-01..2026-12-31) has no population yet"))
        let listed = csvRecords(try workdir.ok("population", "list", "--format", "csv").stdout)
        #expect(listed.count == 2 && listed[1].contains(digest) && listed[1].contains("interim"))
        // And the same request is not answered twice without --replace
        #expect(
            try workdir.run("population", "add", "--control", "STARTER-AC-01", "--part", "interim", "nu.csv").status
                == 1)
    }

    @Test func itemsInBothTheInterimAndTheRollForwardListAreReported() throws {
        // Given an interim list of 90 new users and a roll-forward list that repeats three of them
        let workdir = try CLIWorkdir.fieldwork()
        try workdir.population("nu-interim.csv", prefix: "NU", count: 90, from: "2026-01-01", days: 273)
        try workdir.population("nu-rollforward.csv", prefix: "NU", count: 3, from: "2026-10-01", days: 92)
        try workdir.ok(
            "population", "add", "--control", "STARTER-AC-01", "--part", "interim", "nu-interim.csv", "--key", "Ticket")
        try workdir.ok(
            "population", "add", "--control", "STARTER-AC-01", "--part", "roll-forward", "nu-rollforward.csv")
        // When the workspace is checked
        let overlaps = try workdir.checks().filter { $0.code == "population-overlap" }
        // Then the shared items are named once, with both lists
        #expect(overlaps.map(\.subject) == ["EV-NEW-USERS"])
        #expect(
            overlaps.first?.message
                == "3 item(s) of EV-NEW-USERS appear in both P-1 (interim) and P-2 (roll-forward): NU-1000, NU-1001, NU-1002"
        )
    }

    @Test func selectionIsStratifiedByPhaseAndServesBothReports() throws {
        let workdir = try CLIWorkdir.fieldwork()
        try workdir.newUsers()
        try workdir.ok("sample", "select", "--control", "STARTER-AC-01")
        let rows = try workdir.selected("--control", "STARTER-AC-01")
        let interim = rows.filter { $0["fieldwork"] == "SOC 1 interim" }
        let final = rows.filter { $0["fieldwork"] == "SOC 1 final" }
        // The plan's phases: items per fieldwork (STARTER-AC-01 is high-risk event-driven, shared)
        let plan = csvRecords(try workdir.ok("plan", "--format", "csv").stdout)
        #expect(!interim.isEmpty && !final.isEmpty)
        #expect(interim.allSatisfy { ($0["date"] ?? "") <= "2026-09-30" && $0["key"]?.hasPrefix("NU-") == true })
        #expect(final.allSatisfy { ($0["date"] ?? "") >= "2026-10-01" && $0["key"]?.hasPrefix("NR-") == true })
        #expect(Set(rows.map { $0["key"] ?? "" }).count == rows.count)
        #expect(rows.allSatisfy { $0["reports"] == "soc1; soc2" })
        let header = try #require(plan.first)
        let ac01 = try #require(plan.first { $0.first == "STARTER-AC-01" })
        let combined = try #require(header.firstIndex(of: "combined_sample").map { Int(ac01[$0]) ?? -1 })
        #expect(rows.count == combined)
        // And the request list's sample requests name the selected items
        let requests = try workdir.ok("requests", "--format", "csv").stdout
        #expect(requests.contains("Selected (\(interim.count)): "))
        #expect(
            requests.contains(
                "\(interim.sorted { ($0["date"]!, $0["key"]!) < ($1["date"]!, $1["key"]!) }[0]["key"]!) ("))
    }

    @Test func aPopulationSavedByLibreOfficeAsAWorkbookIsReadBelowItsTitleRowsAndSampled() throws {
        // Given the interim list as LibreOffice saved it: two title rows, the header on row 3, the dates
        // stored as date cells shown mm/dd/yy (Fixtures/population-libreoffice.csv is what it was made from)
        let workdir = try CLIWorkdir.fieldwork()
        try workdir.libreOfficePopulation()
        // When it is added with only its key column named
        let added = try workdir.ok(
            "population", "add", "--control", "STARTER-AC-01", "--part", "interim", "changes.xlsx", "--key",
            "Change #")
        // Then the header is found on row 3, its 30 rows are recorded with the sheet, and the dates are read
        #expect(added.stderr.contains("sheet population, row 3: note: the header is row 3"), "\(added.stderr)")
        #expect(added.stdout.contains("file      changes.xlsx, sheet population"), "\(added.stdout)")
        #expect(added.stdout.contains("rows      30"))
        #expect(added.stdout.contains("dates     Opened: 2026-01-01..2026-"), "\(added.stdout)")
        #expect(added.stdout.contains("sha256    \(try SHA256Tool.hex(file: "changes.xlsx", in: workdir))"))
        // And the interim items are drawn from it
        try workdir.population("nu-rollforward.csv", prefix: "NR", count: 30, from: "2026-10-01", days: 92)
        try workdir.ok(
            "population", "add", "--control", "STARTER-AC-01", "--part", "roll-forward", "nu-rollforward.csv")
        try workdir.ok("sample", "select", "--control", "STARTER-AC-01")
        let interim = try workdir.selected("--control", "STARTER-AC-01").filter { $0["fieldwork"] == "SOC 1 interim" }
        #expect(!interim.isEmpty)
        #expect(interim.allSatisfy { $0["key"]?.hasPrefix("CHG-") == true && ($0["date"] ?? "") <= "2026-09-30" })
    }

    @Test func aWorkbookPopulationWithABadCellIsRefusedAtTheCell() throws {
        // Given the LibreOffice workbook, whose dates all fall in the interim months
        let workdir = try CLIWorkdir.fieldwork()
        try workdir.libreOfficePopulation()
        // When it is added for the roll-forward months, which none of its dates fall in
        let refused = try workdir.run(
            "population", "add", "--control", "STARTER-AC-01", "--part", "roll-forward", "changes.xlsx", "--key",
            "Change #")
        // Then each row is an error at its sheet cell, and nothing is recorded
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "changes.xlsx, sheet population, cell B4 (Opened): error: Opened 2026-01-01 is outside"),
            "\(refused.stderr)")
        #expect(csvRecords(try workdir.ok("population", "list", "--format", "csv").stdout).count == 1)
    }

    @Test func theSameInputsGiveTheSameItemsAndAChangedPopulationNeedsReselect() throws {
        let first = try CLIWorkdir.fieldwork()
        try first.newUsers()
        try first.ok("sample", "select", "--control", "STARTER-AC-01")
        let items = try first.selected().map { $0["key"] ?? "" }
        // Again in the same workspace: kept
        let again = try first.ok("sample", "select", "--control", "STARTER-AC-01")
        #expect(again.stdout.contains("2 stratum(s) already selected with the same inputs, kept"))
        #expect(try first.selected().map { $0["key"] ?? "" } == items)
        // In another workspace built from the same files: the same items
        let second = try CLIWorkdir.fieldwork()
        try second.newUsers()
        try second.ok("sample", "select", "--control", "STARTER-AC-01")
        #expect(try second.selected().map { $0["key"] ?? "" } == items)
        // Another seed gives other items, but only with --reselect
        #expect(try first.run("sample", "select", "--control", "STARTER-AC-01", "--seed", "7").status == 1)
        try first.ok("sample", "select", "--control", "STARTER-AC-01", "--seed", "7", "--reselect")
        #expect(try first.selected().map { $0["key"] ?? "" } != items)
        // A replaced population refuses the selection until --reselect; the history keeps the old ones
        try first.population("nu2.csv", prefix: "NU", count: 80, from: "2026-01-01", days: 273)
        try first.ok("population", "add", "--control", "STARTER-AC-01", "--part", "interim", "nu2.csv", "--replace")
        #expect(try first.checks().contains { $0.code == "selection-stale" })
        let refused = try first.run("sample", "select", "--control", "STARTER-AC-01")
        #expect(refused.status == 1 && refused.stderr.contains("its population changed"))
        try first.ok("sample", "select", "--control", "STARTER-AC-01", "--reselect")
        let history = try first.selected("--history")
        #expect(Set(history.map { $0["selection"] ?? "" }).count == 5)
        #expect(history.filter { $0["current"] == "yes" }.count == items.count)
    }

    @Test func pythonReperformsTheSelectionFromTheDocs() throws {
        // Given the Python block of docs/fieldwork.md
        let docs = try String(
            contentsOf: SOCPlanBinary.repository.appendingPathComponent("docs/fieldwork.md"), encoding: .utf8)
        let block = try #require(
            docs.components(separatedBy: "```python\n").dropFirst().first?.components(separatedBy: "```").first)
        let workdir = try CLIWorkdir.fieldwork()
        try workdir.write("select.py", block)
        try workdir.newUsers()
        try workdir.ok("sample", "select", "--control", "STARTER-AC-01", "--seed", "20260115")
        let rows = try workdir.selected()
        for (file, fieldwork) in [("nu-interim.csv", "SOC 1 interim"), ("nu-rollforward.csv", "SOC 1 final")] {
            let stratum = rows.filter { $0["fieldwork"] == fieldwork }
            let first = try #require(stratum.first)
            let days = (first["days"] ?? "").components(separatedBy: "..")
            // When Python re-performs it from the stored seed, stratum and population hash
            let python = try SOCPlanBinary.run(
                [
                    "select.py", file, "Ticket", "Created", days[0], days[1], String(stratum.count),
                    first["base_seed"] ?? "", first["stratum"] ?? "", first["population_sha256"] ?? "",
                ], in: workdir.url, executable: try Python.url())
            #expect(python.status == 0, "\(python.stderr)")
            // Then it draws the same items in the same order
            let drawn = String(decoding: python.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
            #expect(drawn == stratum.map { "\($0["key"] ?? "") \($0["date"] ?? "")" })
        }
        // And without --seed the base seed is SHA-256 of the engagement name, as documented
        let other = try CLIWorkdir.fieldwork()
        try other.newUsers()
        try other.ok("sample", "select", "--control", "STARTER-AC-01")
        let base = try #require(try other.selected().first?["base_seed"])
        let functions = try #require(block.components(separatedBy: "if __name__").first)
        try other.write("seed.py", functions + "\nprint(h64('fy'))\n")
        let derived = try SOCPlanBinary.run(["seed.py"], in: other.url, executable: try Python.url())
        #expect(String(decoding: derived.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == base)
    }

    @Test func anExceptionInASharedControlReachesBothReportsAndSection4() throws {
        let workdir = try CLIWorkdir.fieldwork()
        try workdir.newUsers()
        try workdir.ok("sample", "select", "--control", "STARTER-AC-01")
        let keys = try workdir.selected().map { $0["key"] ?? "" }
        // Given every item tested, one with an exception
        var sheet = ["control,item,result,description"]
        for (index, key) in keys.enumerated() {
            sheet.append(
                index == 0
                    ? "STARTER-AC-01,\(key),exception,access granted before approval"
                    : "STARTER-AC-01,\(key),no-exception,")
        }
        try workdir.write("results.csv", sheet.joined(separator: "\n") + "\n")
        try workdir.ok("results", "import", "results.csv")
        // Then the extension table asks for 40 more items, in both reports
        var found = try workdir.checks()
        #expect(found.filter { $0.code == "extend-sample" && $0.subject == "STARTER-AC-01" }.count == 2)
        // When the extension is drawn and tested clean, and management responds
        let extended = try workdir.ok("sample", "extend", "--control", "STARTER-AC-01")
        #expect(extended.stdout.contains("Extended STARTER-AC-01 by 40 item(s)"))
        let extra = try workdir.selected().filter { $0["extension"] == "yes" }.map { $0["key"] ?? "" }
        #expect(extra.count == 40 && Set(extra).isDisjoint(with: keys))
        try workdir.write(
            "more.csv",
            (["control,item,result,description,management_response"]
                + extra.map { "STARTER-AC-01,\($0),no-exception,," }
                + ["STARTER-AC-01,,,,Provisioning now requires the approved ticket id."]).joined(separator: "\n") + "\n"
        )
        try workdir.ok("results", "import", "more.csv")
        // Then STARTER-AC-01 is effective with the exception noted, in both reports
        found = try workdir.checks()
        #expect(found.filter { $0.code == "control-exception" && $0.subject == "STARTER-AC-01" }.count == 2)
        #expect(
            found.contains {
                $0.code == "control-exception" && $0.message.hasPrefix("SOC 1: STARTER-AC-01 exceptions noted")
            })
        #expect(
            found.contains {
                $0.code == "control-exception" && $0.message.hasPrefix("SOC 2: STARTER-AC-01 exceptions noted")
            })
        // And section 4 of both reports shows the exception and the response
        for report in ["soc1", "soc2"] {
            let section = try workdir.ok("report", "--section4", report, "--format", "csv").stdout
            #expect(section.contains("Exception noted: 1 of \(keys.count + 40) items. \(keys[0])"))
            #expect(section.contains("Management's response: Provisioning now requires the approved ticket id."))
        }
        let html = try workdir.ok("report").stdout
        #expect(html.contains("<section id=\"results\">") && html.contains("exceptions noted"))
    }

    @Test func aFailedControlPutsTheOpinionAtRiskUnlessAnotherCompensates() throws {
        let workdir = try CLIWorkdir.fieldwork()
        // When STARTER-AC-01 is concluded not effective and nothing else on its criteria is concluded
        try workdir.ok("results", "set", "STARTER-AC-01", "--conclusion", "not-effective", "--response", "Being fixed.")
        var found = try workdir.checks()
        let atRisk = found.filter { $0.code == "qualification-risk" }.map(\.subject)
        #expect(atRisk.contains("CC6.2") && atRisk.contains("ITGC-01"))
        #expect(found.contains { $0.code == "report-results" && $0.message.contains("at risk of a qualified opinion") })
        #expect(try workdir.run("check").status == 1)
        // When STARTER-AC-02, also on CC6.2 and ITGC-01, operates effectively
        try workdir.ok("results", "set", "STARTER-AC-02", "--conclusion", "operating-effectively")
        found = try workdir.checks()
        // Then it compensates there, by name
        #expect(!found.contains { $0.code == "qualification-risk" && $0.subject == "CC6.2" })
        #expect(
            found.contains {
                $0.code == "compensating-control" && $0.subject == "CC6.2"
                    && $0.message.contains("compensated by STARTER-AC-02")
            })
        let section = try workdir.ok("report", "--section4", "soc2", "--format", "csv").stdout
        #expect(section.contains("The control did not operate effectively. Management's response: Being fixed."))
    }

    @Test func aType1Section4HasNoResultsColumn() throws {
        let workdir = try CLIWorkdir.fieldwork(soc2: ["--soc2", "type1", "--soc2-as-of", "2026-12-31"])
        let type1 = csvRecords(try workdir.ok("report", "--section4", "soc2", "--format", "csv").stdout)
        let type2 = csvRecords(try workdir.ok("report", "--section4", "soc1", "--format", "csv").stdout)
        #expect(type1.first?.contains("results") == false)
        #expect(type2.first?.last == "results")
        #expect(!(try workdir.ok("report", "--section4", "soc2", "--format", "md").stdout.contains("Results of tests")))
    }
}

/// python3 on the PATH (CI installs it).
enum Python {
    static func url() throws -> URL {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw PythonMissing()
    }

    struct PythonMissing: Error, CustomStringConvertible {
        var description: String { "python3 is not installed: the selection re-performance check needs it" }
    }
}

/// SHA-256 of a file as `sha256sum` prints it, computed by the system's tool (not socplan's).
enum SHA256Tool {
    static func hex(_ data: Data) throws -> String {
        let workdir = try CLIWorkdir()
        try data.write(to: workdir.url.appendingPathComponent("f"))
        return try hex(file: "f", in: workdir)
    }

    static func hex(file: String, in workdir: CLIWorkdir) throws -> String {
        let run = try SOCPlanBinary.run(
            ["-c", "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())", file],
            in: workdir.url, executable: try Python.url())
        return String(decoding: run.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

@Suite struct FieldworkDemoCLITests {
    @Test func theDemoRunsTheWholeFieldworkCycle() throws {
        let workdir = try CLIWorkdir()
        let demo = try workdir.ok("demo", "--workspace", "demo.sqlite")
        // Generated populations, a selection serving both reports, exceptions and their effect on each report
        #expect(demo.stdout.contains("10. socplan population add"))
        #expect(demo.stdout.contains("count for both reports"))
        #expect(demo.stdout.contains("warning[control-exception]: SOC 1: AC-01 exceptions noted"))
        #expect(demo.stdout.contains("warning[control-exception]: SOC 2: AC-01 exceptions noted"))
        #expect(demo.stdout.contains("note[compensating-control]"))
        // And the kept workspace holds it all: selecting again changes nothing
        let again = try workdir.ok("sample", "select", "--workspace", "demo.sqlite")
        #expect(again.stdout.hasPrefix("Selected 0 item(s) in 0 stratum(s);"))
        let section = try workdir.ok("report", "--workspace", "demo.sqlite", "--section4", "soc2", "--format", "csv")
        #expect(section.stdout.contains("Management's response: The ticketing system now blocks provisioning"))
    }
}
