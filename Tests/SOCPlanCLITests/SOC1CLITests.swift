import Foundation
import Testing

// End to end through the built `socplan` binary: the SOC 1 files (cuecs.csv, subservice.csv,
// csocs.csv, customers.csv), `cuecs check`, `window` and `check`. Each test runs in a fresh
// temporary directory and checks what the person at the terminal sees: exit status, stdout,
// stderr and the files left behind.

// MARK: - A private harness

extension CLIWorkdir {
    /// Every file `export` writes into `directory`, by name; `extra` may name another workspace.
    fileprivate func export(_ directory: String, _ extra: String..., sourceLocation: SourceLocation = #_sourceLocation)
        throws
        -> [String: Data]
    {
        let outcome = try run(["export", "--dir", directory] + extra)
        try #require(outcome.status == 0, "export failed: \(outcome.stderr)", sourceLocation: sourceLocation)
        let folder = url.appendingPathComponent(directory)
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }
}

/// Lines of a text, without their line ends.
private func lines(_ text: String) -> [String] {
    text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
}

/// The whitespace-separated cells of a table row.
private func cells(_ line: String) -> [String] { line.split(separator: " ").map(String.init) }

private func claimsWorkspace(starterControls: Bool = true) throws -> CLIWorkdir {
    let dir = try CLIWorkdir()
    if starterControls {
        try dir.ok("init", "--org", "Claims Co", "--starter-controls", "--cloud", "generic", "--profile", "claims")
    } else {
        try dir.ok("init", "--org", "Claims Co", "--profile", "claims", "--cloud", "generic")
    }
    return dir
}

// MARK: - Fixtures

/// Three CUECs: the brief's testable one (plan sponsor's benefits manager), the vague one,
/// and "Customers should periodically review reports". Ids, objectives and criteria spelled loosely.
private let cuecsCSV = """
    cuec_id,text,actor,action,timing,evidence,soc1_objectives,soc2_criteria,reports,assumed_in_design
    CUEC-T-1,"The plan sponsor's benefits manager approves plan design changes in writing at least 30 days before their effective date and keeps the signed approval","Plan sponsor's benefits manager","Approves plan design changes, in writing",At least 30 days before the effective date,Signed approval,bp-clm-1,CC 6.2,soc1; soc2,yes
    CUEC-T-2,Implement appropriate controls over user access,,,,,ITGC-01,CC6.2,SOC 2,no
    CUEC-T-3,Customers should periodically review reports,,,,,BP-CLM-6,,SOC 1,

    """

/// A carved-out check printer for the SOC 1 only (a quoted, comma- and quote-laden services cell),
/// and an inclusive reinsurer whose services start with "=", which export must guard.
private let subserviceCSV = """
    name,services,method,reports
    Check Printer Inc,"Prints and mails claim checks, EOBs and ""explanation"" letters",Carve-out,SOC 1
    Stop-Loss Re,=Stop-loss claims adjudication,inclusive,

    """

/// A CSOC of the printer whose text holds a line break.
private let csocsCSV = """
    csoc_id,subservice,text,soc1_objectives,soc2_criteria
    CSOC-P-1,check printer inc,"The check printer prints only files received over the authenticated SFTP channel
    and reconciles check counts to the file each day.",BP-CLM-5,

    """

/// Year ends written three ways, weights with a decimal, thousands separators and a currency sign.
private let roundTripCustomersCSV = """
    customer,fiscal_year_end,weight
    Ivy Co,12/31,0.5
    Hazel Trust,6-30,"1,250,000"
    Gamma Ltd,09-30,$87500.50

    """

/// The six customers of the core window tests (total weight 100):
///
/// | customer          | year end | weight |   covered by a December end (g ≤ 3)?
/// |-------------------|----------|--------|   Alder g 0, Birch g 2, Cedar g 3, Fir g 1: yes (80)
/// | Alder Foods       | 12-31    | 40     |   Dogwood g 6, Elm g 9: no
/// | Birch Health      | 02-28    | 20     |
/// | Cedar Retail      | 03-31    | 15     |   Share by end month m (year ends m … m+3 covered):
/// | Dogwood Schools   | 06-30    | 10     |   Jan 40, Feb 35, Mar 25, Apr 10, May 10, Jun 20,
/// | Elm Credit Union  | 09-30    | 10     |   Jul 10, Aug 10, Sep 50, Oct 45, Nov 65, Dec 80
/// | Fir Logistics     | 01-31    | 5      |
private let customersCSV = """
    customer,fiscal_year_end,weight
    Alder Foods,12-31,40
    Birch Health,02-28,20
    Cedar Retail,03-31,15
    Dogwood Schools,06-30,10
    Elm Credit Union,09-30,10
    Fir Logistics,01-31,5

    """

private let fullYear = "2026-01-01..2026-12-31"

private let newFiles = ["cuecs.csv", "subservice.csv", "csocs.csv", "customers.csv"]

// MARK: - Suites

@Suite("socplan SOC 1 files, cuecs, window and check, end to end")
struct SOC1CLITests {}

extension SOC1CLITests {
    @Suite("cuecs.csv, subservice.csv, csocs.csv and customers.csv")
    struct Files {
        @Test("the four new files survive export, import --replace and export byte for byte")
        func roundTrip() throws {
            // Given a claims workspace with the four files imported
            let dir = try claimsWorkspace()
            try dir.write("cuecs.csv", cuecsCSV)
            try dir.write("subservice.csv", subserviceCSV)
            try dir.write("csocs.csv", csocsCSV)
            try dir.write("customers.csv", roundTripCustomersCSV)
            try dir.ok("import", "cuecs.csv", "subservice.csv", "csocs.csv", "customers.csv")
            // When it is exported, imported with --replace into a fresh workspace, and exported again
            let first = try dir.export("a")
            let fresh = ["--workspace", "fresh.sqlite"]
            try dir.ok("init", "--org", "Claims Co", "--profile", "claims", "--cloud", "generic", fresh[0], fresh[1])
            let imported = try dir.run(
                ["import", "--replace"] + fresh
                    + [
                        "objectives.csv", "evidence.csv", "subservice.csv", "controls.csv", "csocs.csv", "cuecs.csv",
                        "customers.csv", "engagements.csv",
                    ].map { "a/\($0)" })
            try #require(imported.status == 0, "import --replace failed: \(imported.stderr)")
            let second = try dir.export("b", fresh[0], fresh[1])
            // Then the four files are identical
            for file in newFiles {
                let a = try #require(first[file], "export wrote no \(file)")
                #expect(a == second[file], "\(file) changed on the round trip")
            }
            // and the first export holds what was imported, in canonical form (CRLF; ids, criteria and
            // year ends normalised; "=" guarded by an apostrophe; customers by name; weights as numbers)
            let customers = String(decoding: try #require(first["customers.csv"]), as: UTF8.self)
            #expect(
                customers
                    == "customer,fiscal_year_end,weight,report_needed_by\r\nGamma Ltd,09-30,87500.5,\r\n"
                    + "Hazel Trust,06-30,1250000,\r\nIvy Co,12-31,0.5,\r\n")
            let subservice = String(decoding: try #require(first["subservice.csv"]), as: UTF8.self)
            #expect(
                subservice.contains(
                    "\r\nCheck Printer Inc,\"Prints and mails claim checks, EOBs and \"\"explanation\"\" letters\",carve-out,SOC 1,\r\n"
                ))
            #expect(subservice.contains("\r\nStop-Loss Re,'=Stop-loss claims adjudication,inclusive,both,\r\n"))
            let cuecs = String(decoding: try #require(first["cuecs.csv"]), as: UTF8.self)
            #expect(
                cuecs.contains(
                    "\r\nCUEC-T-1,The plan sponsor's benefits manager approves plan design changes in writing at least 30 days before their effective date and keeps the signed approval,"
                        + "Plan sponsor's benefits manager,\"Approves plan design changes, in writing\",At least 30 days before the effective date,"
                        + "Signed approval,BP-CLM-1,CC6.2,both,yes\r\n"))
            #expect(
                cuecs.contains(
                    "\r\nCUEC-T-2,Implement appropriate controls over user access,,,,,ITGC-01,CC6.2,SOC 2,no\r\n"))
            #expect(
                cuecs.contains("\r\nCUEC-T-3,Customers should periodically review reports,,,,,BP-CLM-6,,SOC 1,yes\r\n"))
            let csocs = String(decoding: try #require(first["csocs.csv"]), as: UTF8.self)
            #expect(csocs.contains("\r\nCSOC-P-1,Check Printer Inc,\"The check printer prints only files received"))
        }

        /// A file `import` must refuse, and the diagnostics it must print.
        struct Refusal: Sendable, CustomTestStringConvertible {
            var name: String
            var file: String
            var content: String
            /// Lines of stderr, "file:line:column: error: message", columns counted by hand.
            var errors: [String]
            var hint: String

            var testDescription: String { name }
        }

        static let refusals: [Refusal] = [
            // Line 2: "C-1," (4) + "Sign it," (8) → soc1_objectives starts at column 13.
            // Line 3: "C-2,Sign it,BP-CLM-1," (4 + 8 + 9) → reports starts at column 22.
            Refusal(
                name: "cuecs.csv: unknown objective, bad reports", file: "cuecs.csv",
                content:
                    "cuec_id,text,soc1_objectives,reports\nC-1,Sign it,BP-CLM-9,both\nC-2,Sign it,BP-CLM-1,SOC 3\n",
                errors: [
                    "cuecs.csv, row 2, column C (soc1_objectives): error: unknown SOC 1 objective \"BP-CLM-9\"",
                    "cuecs.csv, row 3, column D (reports): error: reports \"SOC 3\" is not SOC 1, SOC 2 or both",
                ], hint: "did you mean BP-CLM-1"),
            Refusal(
                name: "cuecs.csv: an objective like none", file: "cuecs.csv",
                content: "cuec_id,text,soc1_objectives\nC-1,Sign it,QQQ-7\n",
                errors: ["cuecs.csv, row 2, column C (soc1_objectives): error: unknown SOC 1 objective \"QQQ-7\""],
                hint: "no objective has a similar id. Objectives must exist in the workspace"),
            // "Print Vendor," (13) + "Check printing," (15) → method at column 29.
            Refusal(
                name: "subservice.csv: method outsourced", file: "subservice.csv",
                content: "name,services,method,reports\nPrint Vendor,Check printing,outsourced,both\n",
                errors: ["subservice.csv, row 2, column C (method): error: unknown method \"outsourced\""],
                hint: "allowed values: carve-out, inclusive"),
            // "CSOC-9," (7) → subservice at column 8; one letter off the starter cloud provider.
            Refusal(
                name: "csocs.csv: unknown subservice organization", file: "csocs.csv",
                content: "csoc_id,subservice,text\nCSOC-9,Public cloud provder,Restricts physical access\n",
                errors: [
                    "csocs.csv, row 2, column B (subservice): error: unknown subservice organization \"Public cloud provder\""
                ],
                hint: "did you mean Public cloud provider?"),
            // Line 2: "Alder Foods," (12) → fiscal_year_end at 13. Line 3: "Birch Health,12-31," (13 + 6) → 20.
            Refusal(
                name: "customers.csv: year end 13-45, negative weight", file: "customers.csv",
                content: "customer,fiscal_year_end,weight\nAlder Foods,13-45,10\nBirch Health,12-31,-5\n",
                errors: [
                    "customers.csv, row 2, column B (fiscal_year_end): error: fiscal_year_end \"13-45\" is not a month and day",
                    "customers.csv, row 3, column C (weight): error: weight \"-5\" is not a number of 0 or more",
                ], hint: "write MM-DD"),
            // "VR-9," (5) + "Vendor review," (14) + "annual," (7) + "manual," (7) → monitors at 34.
            Refusal(
                name: "controls.csv: monitors an unknown organization", file: "controls.csv",
                content: "control_id,title,frequency,nature,monitors\nVR-9,Vendor review,annual,manual,Nimbus Cloud\n",
                errors: [
                    "controls.csv, row 2, column E (monitors): error: unknown subservice organization \"Nimbus Cloud\""
                ],
                hint: "list it in subservice.csv"),
        ]

        @Test("a bad file is refused with located errors and the workspace is left as it was", arguments: refusals)
        func refused(_ refusal: Refusal) throws {
            // Given a claims workspace, its export and its file
            let dir = try claimsWorkspace()
            let exported = try dir.export("before")
            let stored = try dir.data("socplan.sqlite")
            try dir.write(refusal.file, refusal.content)
            // When the bad file is imported
            let outcome = try dir.run("import", refusal.file)
            // Then the import fails with every error located by file, line and column, and a hint
            #expect(outcome.status == 1)
            let printed = lines(outcome.stderr)
            for error in refusal.errors {
                #expect(printed.contains(error), "missing \(error) in:\n\(outcome.stderr)")
            }
            #expect(outcome.stderr.contains("\(refusal.errors.count) error"))
            #expect(outcome.stderr.contains(refusal.hint), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("nothing was written"))
            #expect(outcome.stdout.isEmpty)
            // and nothing changed: the same export, the same bytes on disk
            #expect(try dir.export("after") == exported)
            #expect(try dir.data("socplan.sqlite") == stored)
        }
    }
}

extension SOC1CLITests {
    @Suite("socplan cuecs check")
    struct CUECs {
        @Test("exits 1 and names the CUECs a user auditor could not test")
        func untestable() throws {
            // Given the claims starter CUECs and the three of the fixture, two of them vague
            let dir = try claimsWorkspace()
            try dir.write("cuecs.csv", cuecsCSV)
            try dir.ok("import", "cuecs.csv")
            // When they are checked
            let outcome = try dir.run("cuecs", "check")
            // Then the command fails, the table marks them, and the summary names them
            #expect(outcome.status == 1)
            let rows = lines(outcome.stdout).map(cells)
            #expect(rows.first { $0.first == "CUEC-T-1" }?.prefix(3) == ["CUEC-T-1", "100%", "yes"])
            // T-2: only the link passes, 1/6 → 17%; T-3: action and link, 2/6 → 33% ("Customers" is no role)
            #expect(rows.first { $0.first == "CUEC-T-2" }?.prefix(3) == ["CUEC-T-2", "17%", "no"])
            #expect(rows.first { $0.first == "CUEC-T-3" }?.prefix(3) == ["CUEC-T-3", "33%", "no"])
            #expect(outcome.stdout.contains("a user auditor could not test: CUEC-T-2, CUEC-T-3\n"))
            #expect(outcome.stderr.contains("error: 2 CUECs could not be tested as written"))
            #expect(outcome.stderr.contains("error: CUEC-T-2: vague wording: \"appropriate\""))
            #expect(outcome.stderr.contains("error: CUEC-T-3: vague wording: \"periodically\""))
        }

        @Test(
            "every profile's starter CUECs are testable",
            arguments: ["payroll", "claims", "fund-admin", "custody", "loan-servicing", "revenue-saas"])
        func starter(profile: String) throws {
            // Given a fresh workspace of the profile
            let dir = try CLIWorkdir()
            try dir.ok("init", "--org", "Starter Co", "--starter-controls", "--cloud", "generic", "--profile", profile)
            // When its starter CUECs are checked
            let outcome = try dir.run("cuecs", "check")
            // Then every one passes and the command succeeds
            #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
            let summary = try #require(lines(outcome.stdout).first { $0.contains("CUECs are testable as written") })
            let numbers = summary.split(separator: " ").compactMap { Int($0) }
            #expect(numbers.count == 2 && numbers[0] == numbers[1] && numbers[0] > 0, "\(summary)")
            #expect(!outcome.stderr.contains("error"))
        }

        @Test("--format json lists id, score, testable and the problems")
        func json() throws {
            // Given the fixture CUECs
            let dir = try claimsWorkspace()
            try dir.write("cuecs.csv", cuecsCSV)
            try dir.ok("import", "cuecs.csv")
            // When they are checked as JSON
            let outcome = try dir.run("cuecs", "check", "--format", "json")
            // Then stdout is a JSON list with one object per CUEC, and the status still reports failure
            #expect(outcome.status == 1)
            let list = try #require(try outcome.json() as? [[String: Any]])
            let byID = Dictionary(
                uniqueKeysWithValues: list.compactMap { item in (item["id"] as? String).map { ($0, item) } })
            #expect(list.count == byID.count)
            func codes(_ id: String) -> [String] {
                (byID[id]?["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            }
            #expect(byID["CUEC-T-1"]?["score"] as? Int == 100)
            #expect(byID["CUEC-T-1"]?["testable"] as? Bool == true)
            #expect(codes("CUEC-T-1") == [])
            #expect(byID["CUEC-T-2"]?["score"] as? Int == 17)
            #expect(byID["CUEC-T-2"]?["testable"] as? Bool == false)
            #expect(
                codes("CUEC-T-2") == [
                    "cuec-no-actor", "cuec-no-action", "cuec-no-timing", "cuec-no-evidence", "cuec-vague",
                ])
            // "Customers" names no role, and reports reviewed are not evidence kept: 2 of 6
            #expect(byID["CUEC-T-3"]?["score"] as? Int == 33)
            #expect(codes("CUEC-T-3") == ["cuec-no-actor", "cuec-no-timing", "cuec-no-evidence", "cuec-vague"])
            // and the starter CUECs are there too, all testable
            #expect(
                list.filter { ($0["id"] as? String)?.hasPrefix("CUEC-CLM-") == true }.allSatisfy {
                    $0["testable"] as? Bool == true
                })
        }
    }
}

extension SOC1CLITests {
    @Suite("socplan window")
    struct Window {
        fileprivate static func workspace() throws -> CLIWorkdir {
            let dir = try claimsWorkspace()
            try dir.write("customers.csv", customersCSV)
            try dir.ok("import", "customers.csv")
            return dir
        }

        @Test("the table recommends December (80%) with November (65%) as runner-up")
        func table() throws {
            // Given the six customers
            let dir = try Self.workspace()
            // When the window is asked for
            let outcome = try dir.run("window")
            // Then the recommendation, the share of each month and each customer's fit are shown
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let printed = lines(outcome.stdout)
            #expect(printed.first == "Recommended period end: December (covers 80% of customers by weight)")
            #expect(printed.contains("Runner-up: November (65%)"))
            #expect(!outcome.stdout.contains("two reports a year"))
            let months = printed.map(cells).filter { $0.count == 2 && $0[1].hasSuffix("%") }
            #expect(
                months.map { $0[1] } == [
                    "40%", "35%", "25%", "10%", "10%", "20%", "10%", "10%", "50%", "45%", "65%", "80%",
                ])
            // Elm Credit Union (09-30): g = 9, not covered, no bridge; the period runs 3 months past its
            // year end and shares January–September, 9 months, with that year (no deadline given)
            let elm = try #require(printed.first { $0.hasPrefix("Elm Credit Union") })
            #expect(cells(elm).suffix(7) == ["09-30", "10", "9", "9", "no", "0", "3"])
        }

        @Test("--format json: recommended, runner_up, 12 months and each customer")
        func json() throws {
            // Given the six customers
            let dir = try Self.workspace()
            // When the window is asked for as JSON
            let outcome = try dir.run("window", "--format", "json")
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let object = try #require(try outcome.json() as? [String: Any])
            // Then the recommendation and the runner-up are December (0.8) and November (0.65)
            let recommended = try #require(object["recommended"] as? [String: Any])
            #expect(recommended["end_month"] as? Int == 12)
            #expect(recommended["coverage"] as? Double == 0.8)
            let runnerUp = try #require(object["runner_up"] as? [String: Any])
            #expect(runnerUp["end_month"] as? Int == 11)
            #expect(runnerUp["coverage"] as? Double == 0.65)
            // and 80% meets the 80% target: no second report is suggested
            #expect(object["two_reports"] == nil)
            let months = try #require(object["months"] as? [[String: Any]])
            #expect(months.count == 12)
            #expect(months.compactMap { $0["end_month"] as? Int } == Array(1...12))
            #expect(
                months.compactMap { $0["coverage"] as? Double }
                    == [0.4, 0.35, 0.25, 0.1, 0.1, 0.2, 0.1, 0.1, 0.5, 0.45, 0.65, 0.8])
            // and against December: gaps 0, 2, 3, 6, 9, 1; covered when g ≤ 3; bridge = g when covered
            let customers = try #require(object["customers"] as? [[String: Any]])
            #expect(
                customers.compactMap { $0["customer"] as? String } == [
                    "Alder Foods", "Birch Health", "Cedar Retail", "Dogwood Schools", "Elm Credit Union",
                    "Fir Logistics",
                ])
            #expect(customers.compactMap { $0["gap"] as? Int } == [0, 2, 3, 6, 9, 1])
            #expect(customers.compactMap { $0["covered"] as? Bool } == [true, true, true, false, false, true])
            #expect(customers.compactMap { $0["bridge_months"] as? Int } == [0, 2, 3, 0, 0, 1])
        }

        @Test("--length 6 --min-overlap 3 caps every overlap at 6 months")
        func shortPeriod() throws {
            // Given the six customers
            let dir = try Self.workspace()
            // When a 6-month period with a 3-month minimum overlap is analysed
            let outcome = try dir.run("window", "--length", "6", "--min-overlap", "3", "--format", "json")
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let object = try #require(try outcome.json() as? [String: Any])
            // Then covered customers (g ≤ 3) still overlap min(6, 12 − g ≥ 9) = 6 ≥ 3: December still
            // wins with 80%; against it the overlaps are min(6, 12 − g) for g = 0, 2, 3, 6, 9, 1
            let recommended = try #require(object["recommended"] as? [String: Any])
            #expect(recommended["end_month"] as? Int == 12)
            #expect(recommended["coverage"] as? Double == 0.8)
            let customers = try #require(object["customers"] as? [[String: Any]])
            #expect(customers.compactMap { $0["overlap"] as? Int } == [6, 6, 6, 6, 3, 6])
        }

        @Test("--target 85 suggests two reports a year, June and December, covering everyone")
        func twoReports() throws {
            // Given the six customers, and a target December's 80% misses
            let dir = try Self.workspace()
            // When the window is analysed
            let table = try dir.run("window", "--target", "85")
            let json = try dir.run("window", "--target", "85", "--format", "json")
            // Then June {6,7,8,9} adds Dogwood and Elm to December's 80: 100%
            #expect(table.status == 0)
            #expect(
                table.stdout.contains(
                    "No single end month covers 85%: two reports a year, ending June and December, cover 100%"))
            let object = try #require(try json.json() as? [String: Any])
            let pair = try #require(object["two_reports"] as? [String: Any])
            #expect(pair["end_months"] as? [Int] == [6, 12])
            #expect(pair["coverage"] as? Double == 1)
        }

        @Test("--engagement lists the customers its SOC 1 period leaves out or bridges")
        func engagement() throws {
            // Given the six customers and an engagement whose SOC 1 period ends 30 September (m = 9)
            let dir = try Self.workspace()
            try dir.ok(
                "engagement", "create", "fy", "--soc1", "type2", "--soc1-period", "2025-10-01..2026-09-30", "--soc2",
                "none")
            // When its window is checked
            let outcome = try dir.run("window", "--engagement", "fy")
            // Then: Alder g (12 − 9) = 3, covered with a 3-month bridge; Birch g (2 − 9) mod 12 = 5,
            // Cedar g 6, Dogwood g 9, Fir g 4: not covered; Elm g 0 needs nothing and is not listed.
            // Birch's year ended 7 months before the period's end (5 months shared), Dogwood's 3
            // months before (9 shared), Fir's 8 (4 shared): the months after_year_end_months shows
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let rows = lines(outcome.stdout).map(cells).filter {
                $0.count >= 8 && $0.last?.allSatisfy(\.isNumber) == true
            }
            let listed = rows.map { $0.dropLast(7).joined(separator: " ") }
            #expect(listed == ["Alder Foods", "Birch Health", "Cedar Retail", "Dogwood Schools", "Fir Logistics"])
            #expect(
                rows.map { Array($0.suffix(5)) } == [
                    ["3", "9", "yes", "3", "0"], ["5", "7", "no", "0", "0"], ["6", "6", "no", "0", "0"],
                    ["9", "9", "no", "0", "3"], ["4", "8", "no", "0", "0"],
                ])
        }

        @Test(
            "--engagement --format json prints JSON only")
        func engagementJSON() throws {
            // Given the six customers and the September engagement
            let dir = try Self.workspace()
            try dir.ok(
                "engagement", "create", "fy", "--soc1", "type2", "--soc1-period", "2025-10-01..2026-09-30", "--soc2",
                "none")
            // When its window is checked as JSON
            let outcome = try dir.run("window", "--engagement", "fy", "--format", "json")
            // Then stdout parses, with the five listed customers
            #expect(outcome.status == 0)
            let list = try #require(try outcome.json() as? [[String: Any]])
            #expect(list.count == 5)
        }

        @Test("no customers: exit 1 with a hint")
        func noCustomers() throws {
            // Given a workspace without customers
            let dir = try claimsWorkspace()
            // When the window is asked for
            let outcome = try dir.run("window")
            // Then it fails and says how to give customers
            #expect(outcome.status == 1)
            #expect(outcome.stdout.isEmpty)
            #expect(outcome.stderr.contains("the workspace has no customers"))
            #expect(outcome.stderr.contains("hint: import customers.csv"))
        }

        @Test("an impossible length is a usage error", arguments: ["0", "13"])
        func badLength(length: String) throws {
            // Given the six customers
            let dir = try Self.workspace()
            // When a period of 0 or 13 months is asked for
            let outcome = try dir.run("window", "--length", length)
            // Then ArgumentParser refuses it with status 2
            #expect(outcome.status == 2)
            #expect(outcome.stderr.contains("--length must be 1 to 12 months"))
        }
    }
}

extension SOC1CLITests {
    @Suite("socplan check")
    struct Check {
        /// Claims starter inventory, the six customers and a calendar-2026 joint engagement. Against
        /// a December end: Dogwood (g 6) and Elm (g 9) are not served: 2 warnings; Birch (g 2),
        /// Cedar (g 3) and Fir (g 1) need bridge letters: 3 notes; no errors.
        fileprivate static func warningsOnly() throws -> CLIWorkdir {
            let dir = try claimsWorkspace()
            try dir.ok(
                "engagement", "create", "fy", "--soc1", "type2", "--soc1-period", fullYear, "--soc2", "type2",
                "--soc2-period", fullYear)
            let before = try dir.run("check", "--format", "json")
            let findings = try before.json() as? [Any]
            try #require(
                before.status == 0 && findings?.isEmpty == true,
                "the claims starter inventory is expected to check clean: \(before.stdout)")
            try dir.write("customers.csv", customersCSV)
            try dir.ok("import", "customers.csv")
            return dir
        }

        @Test("--fail-on decides the exit status when there are warnings only")
        func warnings() throws {
            // Given a workspace whose only findings are window warnings and bridge notes
            let dir = try Self.warningsOnly()
            // When it is checked with each --fail-on
            let byDefault = try dir.run("check")
            let onWarning = try dir.run("check", "--fail-on", "warning")
            let never = try dir.run("check", "--fail-on", "never")
            // Then only --fail-on warning fails
            #expect(byDefault.status == 0)
            #expect(onWarning.status == 1)
            #expect(never.status == 0)
            #expect(byDefault.stdout.contains("0 errors, 2 warnings, 3 notes"))
            #expect(
                byDefault.stdout.contains(
                    "warning[window-uncovered]: the SOC 1 period 2026-01-01..2026-12-31 does not serve Dogwood Schools")
            )
            #expect(byDefault.stdout.contains("note[bridge-letter]: Cedar Retail needs a bridge letter for 3 month(s)"))
        }

        @Test("a customer whose auditors need the SOC 1 before its report date is warned about, with the flags to use")
        func customerDeadline() throws {
            // Given the warnings-only workspace, and a customer whose auditors need the report by 31 January
            let dir = try Self.warningsOnly()
            try dir.write(
                "late.csv",
                "customer,fiscal_year_end,weight,report_needed_by\r\nOak Payroll Co,12-31,1,01-31\r\n")
            try dir.ok("import", "late.csv")
            // When it is checked (the SOC 1 over 2026 is dated 2027-02-11 by default)
            let outcome = try dir.run("check")
            // Then the customer is named with both dates, and the hint names the options to move the report
            #expect(outcome.status == 0)
            #expect(
                outcome.stdout.contains(
                    "warning[report-after-deadline]: the SOC 1 report dated 2027-02-11 comes after Oak Payroll Co's deadline 2027-01-31"
                ), "\(outcome.stdout)")
            #expect(outcome.stdout.contains("--soc1-report-date"))
            // And the column survives export
            #expect(try dir.ok("export", "--dir", "out").status == 0)
            #expect(try dir.text("out/customers.csv").contains("Oak Payroll Co,12-31,1,01-31"))
        }

        @Test("--format json is a list of {severity, code, subject, message, hint}, most severe first")
        func json() throws {
            // Given the warnings-only workspace
            let dir = try Self.warningsOnly()
            // When it is checked as JSON
            let outcome = try dir.run("check", "--format", "json")
            // Then each finding is an object with the five string fields
            #expect(outcome.status == 0)
            let list = try #require(try outcome.json() as? [[String: Any]])
            for item in list {
                #expect(Set(item.keys) == ["severity", "code", "subject", "message", "hint"])
                #expect(item.values.allSatisfy { $0 is String })
            }
            // in the order: warnings, then notes, each in customer order
            #expect(
                list.map { item in
                    ["severity", "code", "subject"].map { item[$0] as? String ?? "" }.joined(separator: " ")
                }
                    == [
                        "warning window-uncovered Dogwood Schools", "warning window-no-deadline Elm Credit Union",
                        "note bridge-letter Birch Health", "note bridge-letter Cedar Retail",
                        "note bridge-letter Fir Logistics",
                    ])
            // Elm (09-30): the calendar-year period runs 3 months past its year end and shares 9 months with
            // that year; no deadline says whether the report arrives in time
            #expect(
                (list[1]["message"] as? String)?.contains(
                    "ends 3 month(s) after Elm Credit Union's year end 09-30 and covers 9 of its 12 months") == true)
        }

        @Test("an error (a gap) fails by default and with --fail-on warning, not with --fail-on never")
        func gap() throws {
            // Given the claims starter inventory, a joint engagement, and a new business objective no
            // control addresses (with an assertion, so it draws no other finding)
            let dir = try claimsWorkspace()
            try dir.ok(
                "engagement", "create", "fy", "--soc1", "type2", "--soc1-period", fullYear, "--soc2", "type2",
                "--soc2-period", fullYear)
            try dir.write(
                "objectives.csv",
                "objective_id,title,domain,area,assertions\n"
                    + "BP-CLM-99,Controls provide reasonable assurance that stop-loss reimbursements are claimed completely.,business,business-processing,C\n"
            )
            try dir.ok("import", "objectives.csv")
            // When it is checked with each --fail-on
            let byDefault = try dir.run("check")
            let onWarning = try dir.run("check", "--fail-on", "warning")
            let never = try dir.run("check", "--fail-on", "never")
            // Then the gap is the one error, and only --fail-on never lets it pass
            #expect(byDefault.status == 1)
            #expect(onWarning.status == 1)
            #expect(never.status == 0)
            #expect(
                byDefault.stdout.contains("error[gap-objective]: no control addresses SOC 1 objective BP-CLM-99 in fy"))
            #expect(byDefault.stdout.contains("1 error, 0 warnings, 0 notes"))
            #expect(never.stdout.contains("error[gap-objective]"))
        }

        @Test("a carved-out organization nobody monitors is carve-out-unmonitored")
        func unmonitored() throws {
            // Given the claims starter inventory (whose vendor review monitors the cloud) and a new
            // carved-out check printer with a CSOC but no monitoring control
            let dir = try claimsWorkspace()
            try dir.write("subservice.csv", subserviceCSV)
            try dir.write("csocs.csv", csocsCSV)
            try dir.ok("import", "subservice.csv", "csocs.csv")
            // When the inventory is checked
            let outcome = try dir.run("check", "--format", "json")
            // Then the printer is an error, and the run fails
            #expect(outcome.status == 1)
            let list = try #require(try outcome.json() as? [[String: Any]])
            let printer = list.filter { $0["subject"] as? String == "Check Printer Inc" }
            // (with a warning that its CSOCs cover nothing until it says which components it runs)
            #expect(
                printer.compactMap { $0["code"] as? String } == ["carve-out-unmonitored", "carve-out-no-components"])
            #expect(printer.first?["severity"] as? String == "error")
            #expect((printer.first?["hint"] as? String)?.contains("monitors = Check Printer Inc") == true)
            // and the included reinsurer, with no control of its own, is inclusive-no-controls
            let reinsurer = list.filter { $0["subject"] as? String == "Stop-Loss Re" }
            #expect(reinsurer.compactMap { $0["code"] as? String } == ["inclusive-no-controls"])
            // and the monitored cloud provider draws nothing
            #expect(!list.contains { $0["subject"] as? String == "Public cloud provider" })
        }
    }
}
