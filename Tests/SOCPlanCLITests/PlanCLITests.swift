import Foundation
import Testing

// End to end through the built `socplan` binary: `plan`, `estimate` and `config`, each test in a
// fresh temporary directory, checking what the person at the terminal sees: the exit status,
// stdout, stderr and the files left behind.

// MARK: - A private harness

extension CLIWorkdir {
    fileprivate func read(_ name: String) throws -> String { try text(name) }

    /// `init --profile payroll` with its starter controls, and engagement fy2026: both reports Type 2 over 2026.
    fileprivate static func payroll() throws -> CLIWorkdir {
        let sandbox = try CLIWorkdir()
        try sandbox.ok(
            "init", "--org", "Acme Payroll", "--starter-controls", "--cloud", "generic", "--profile", "payroll")
        try sandbox.ok(
            "engagement", "create", "fy2026", "--soc1", "type2", "--soc1-period", "2026-01-01..2026-12-31", "--soc2",
            "type2", "--soc2-period", "2026-01-01..2026-12-31")
        return sandbox
    }

    /// `init --profile payroll --no-starter-controls`, `controls.csv` imported, and engagement fy2026 over 2026.
    fileprivate static func imported(_ controls: String) throws -> CLIWorkdir {
        let sandbox = try CLIWorkdir()
        try sandbox.ok("init", "--org", "Acme Payroll", "--profile", "payroll", "--cloud", "generic")
        try sandbox.write("controls.csv", controls)
        try sandbox.ok("import", "controls.csv")
        try sandbox.ok(
            "engagement", "create", "fy2026", "--soc1", "type2", "--soc1-period", "2026-01-01..2026-12-31", "--soc2",
            "type2", "--soc2-period", "2026-01-01..2026-12-31")
        return sandbox
    }

    /// The in-scope control ids according to `overlap --format json` (shared, SOC 1 only, SOC 2 only).
    fileprivate func inScope() throws -> Set<String> {
        let overlap = try #require(json(try ok("overlap", "--format", "json").stdout) as? [String: Any])
        let classes = ["shared", "soc1_only", "soc2_only"].map { overlap[$0] as? [String] ?? [] }
        return Set(classes.joined())
    }
}

private func json(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }

private func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

/// The 17 columns of `plan --format csv`, as the README documents them.
private let planColumns = [
    "control_id", "title", "reports", "soc1_objectives", "soc2_criteria", "frequency", "nature", "key", "test_methods",
    "test_procedure", "population_evidence", "soc1_sample", "soc1_basis", "soc2_sample", "soc2_basis",
    "combined_sample", "fieldwork", "auditor_hours", "client_hours", "notes",
]

// MARK: - plan and estimate on the payroll starter inventory

@Suite("plan and estimate, end to end")
struct PlanCLITests {
    @Test("plan prints a table of the in-scope controls and the summary")
    func planTable() throws {
        // Given a payroll workspace with its starter controls and a joint engagement over 2026
        let sandbox = try CLIWorkdir.payroll()
        let inScope = try sandbox.inScope()
        // When the plan is printed
        let run = try sandbox.run("plan")
        // Then it succeeds, names the engagement, lists every in-scope control and counts them
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Audit plan: fy2026"))
        #expect(run.stdout.contains("\(inScope.count) controls in scope"))
        let firstWords = Set(
            run.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        #expect(inScope.isSubset(of: firstWords), "missing: \(inScope.subtracting(firstWords).sorted())")
        #expect(run.stdout.contains("Auditor hours:"))
    }

    @Test("plan --format csv has the 20 documented columns, one row per in-scope control, then the budget rows")
    func planCSV() throws {
        // Given the payroll workspace
        let sandbox = try CLIWorkdir.payroll()
        let inScope = try sandbox.inScope()
        // When the plan is printed as CSV
        let run = try sandbox.ok("plan", "--format", "csv")
        let rows = csvRecords(run.stdout)
        // Then the header is the documented one and every in-scope control has exactly one full row
        let header = try #require(rows.first)
        #expect(header == planColumns)
        let body = rows.dropFirst().filter { !$0[0].isEmpty }
        #expect(rows.dropFirst().allSatisfy { $0.count == 20 })
        #expect(body.count == inScope.count)
        #expect(Set(body.map { $0[0] }) == inScope)
        // And no shared control tests fewer items than either report needs; numeric cells are numbers or empty
        for row in body {
            let combined = Int(row[15]) ?? 0
            #expect(row[15].isEmpty || Int(row[15]) != nil, "combined_sample of \(row[0]) is \(row[15])")
            for cell in [row[11], row[13]] {
                #expect(cell.isEmpty || Int(cell) != nil, "\(row[0]): \(cell)")
                if let items = Int(cell) { #expect(combined >= items, "\(row[0])") }
            }
        }
        // And the budget rows (no control id) carry the hours no control carries: the column sums to the
        // joint estimate
        let budget = rows.dropFirst().filter { $0[0].isEmpty }
        #expect(budget.map { $0[1] }.contains("engagement planning, risk assessment and kickoff"))
        let sum = rows.dropFirst().reduce(0.0) { $0 + (Double($1[17]) ?? 0) }
        let estimate = try #require(
            json(try sandbox.ok("estimate", "--format", "json").stdout) as? [String: Any])
        let joint = try #require(number(estimate["joint_hours"]))
        #expect(abs(sum - joint) <= 0.05 * Double(rows.count))
    }

    @Test("plan --format json parses and its totals add up")
    func planJSON() throws {
        // Given the payroll workspace
        let sandbox = try CLIWorkdir.payroll()
        let inScope = try sandbox.inScope()
        // When the plan is printed as JSON
        let run = try sandbox.ok("plan", "--format", "json")
        // Then it is one object with a row per in-scope control
        let plan = try #require(json(run.stdout) as? [String: Any])
        let controls = try #require(plan["controls"] as? [[String: Any]])
        #expect(Set(controls.compactMap { $0["control_id"] as? String }) == inScope)
        // And joint_items is the sum of the combined samples, separate_items the sum of the reports' samples
        let combined = controls.compactMap { number($0["combined_sample"]) }.reduce(0, +)
        let separate = controls.flatMap { row in
            ["soc1_sample", "soc2_sample"].compactMap { number((row[$0] as? [String: Any])?["items"]) }
        }.reduce(0, +)
        #expect(number(plan["joint_items"]) == combined)
        #expect(number(plan["separate_items"]) == separate)
        #expect(combined <= separate)
    }

    @Test("plan --out writes the file and nothing to stdout")
    func planOut() throws {
        // Given the payroll workspace and the plan as CSV on stdout
        let sandbox = try CLIWorkdir.payroll()
        let printed = try sandbox.ok("plan", "--format", "csv").stdout
        // When the plan is written to a file
        let run = try sandbox.ok("plan", "--format", "csv", "--out", "plan.csv")
        // Then the file holds what stdout would have, and stdout is empty
        #expect(run.stdout.isEmpty)
        #expect(try sandbox.read("plan.csv") == printed)
    }

    @Test("estimate --format json has the hours and the ratio, consistent with each other")
    func estimateJSON() throws {
        // Given the payroll workspace
        let sandbox = try CLIWorkdir.payroll()
        // When the estimate is printed as JSON
        let run = try sandbox.ok("estimate", "--format", "json")
        let estimate = try #require(json(run.stdout) as? [String: Any])
        // Then the documented figures are there
        let soc1 = try #require(number(estimate["soc1_alone_hours"]))
        let soc2 = try #require(number(estimate["soc2_alone_hours"]))
        let separate = try #require(number(estimate["separate_hours"]))
        let joint = try #require(number(estimate["joint_hours"]))
        let equivalents = try #require(number(estimate["audit_equivalents"]))
        // And they agree: separate = SOC 1 + SOC 2 (each rounded to 0.1), joint below separate,
        // audit equivalents = 2 × joint ÷ separate (rounded to 0.01), between one and two audits
        #expect(abs(separate - (soc1 + soc2)) <= 0.1 + 1e-9)
        #expect(joint < separate)
        #expect(joint >= max(soc1, soc2))
        #expect(abs(equivalents - 2 * joint / separate) <= 0.01)
        #expect(equivalents > 1 && equivalents < 2)
        // And without --rate there are no costs
        #expect(estimate["separate_cost"] == nil)
    }

    @Test("two --engagement options print two columns")
    func estimateTwoEngagements() throws {
        // Given the payroll workspace and a variant whose SOC 1 is a Type 1
        let sandbox = try CLIWorkdir.payroll()
        try sandbox.ok("engagement", "copy", "fy2026", "fy2026-t1")
        try sandbox.ok("engagement", "update", "fy2026-t1", "--soc1", "type1", "--soc1-as-of", "2026-12-31")
        // When both are estimated side by side
        let run = try sandbox.ok("estimate", "--engagement", "fy2026", "--engagement", "fy2026-t1", "--format", "csv")
        let rows = csvRecords(run.stdout)
        // Then the header names both, every row has a label and two values
        #expect(rows.first == ["measure", "fy2026", "fy2026-t1"])
        #expect(rows.count > 1 && rows.allSatisfy { $0.count == 3 })
        // And the Type 1 variant's joint hours are lower: it tests no SOC 1 sample
        let joint = try #require(rows.first { $0[0] == "joint hours" })
        let full = try #require(Double(joint[1]))
        let type1 = try #require(Double(joint[2]))
        #expect(type1 < full)
        // And as JSON they are an array of two estimates, in the order given
        let array = try #require(
            json(
                try sandbox.ok("estimate", "--engagement", "fy2026", "--engagement", "fy2026-t1", "--format", "json")
                    .stdout)
                as? [[String: Any]])
        #expect(array.compactMap { $0["engagement"] as? String } == ["fy2026", "fy2026-t1"])
    }

    @Test("--rate 200 adds the costs")
    func estimateRate() throws {
        // Given the payroll workspace
        let sandbox = try CLIWorkdir.payroll()
        // When it is estimated at 200 an hour
        let table = csvRecords(try sandbox.ok("estimate", "--rate", "200", "--format", "csv").stdout)
        let object = try #require(
            json(try sandbox.ok("estimate", "--rate", "200", "--format", "json").stdout) as? [String: Any])
        // Then the table has cost rows, and the JSON costs are 200 × the hours (hours rounded to 0.1: ±10)
        let labels = table.map { $0.first ?? "" }
        #expect(labels.contains("separate total cost (at 200/h)"))
        #expect(labels.contains("joint cost (at 200/h)"))
        #expect(labels.contains("joint cost low (at 200/h)"))
        #expect(labels.contains("joint cost high (at 200/h)"))
        let separate = try #require(number(object["separate_hours"]))
        let joint = try #require(number(object["joint_hours"]))
        let separateCost = try #require(number(object["separate_cost"]))
        let jointCost = try #require(number(object["joint_cost"]))
        #expect(abs(separateCost - 200 * separate) <= 10 + 1e-9)
        #expect(abs(jointCost - 200 * joint) <= 10 + 1e-9)
        // And the CSV's joint cost is that amount as a plain number a spreadsheet sums
        let row = try #require(table.first { $0.first == "joint cost (at 200/h)" })
        #expect(Double(row[1]) == jointCost)
        // And without --rate the costs are at the profile's rate per role, and the terminal says it in one sentence
        let plain = try sandbox.ok("estimate").stdout
        #expect(plain.contains("joint cost (at the profile's rates)"))
        #expect(plain.contains("for both reports, against $"), "\(plain)")
    }

    @Test("--profile picks the effort profile; an unknown one is refused with the list")
    func estimateProfile() throws {
        // Given the payroll workspace
        let sandbox = try CLIWorkdir.payroll()
        // When it is estimated with each profile
        func joint(_ profile: String) throws -> Double {
            let object = try #require(
                json(try sandbox.ok("estimate", "--profile", profile, "--format", "json").stdout) as? [String: Any])
            #expect(object["profile"] as? String == profile)
            return try #require(number(object["joint_hours"]))
        }
        // Then boutique < mid-tier < big-four
        let boutique = try joint("boutique")
        let mid = try joint("mid-tier")
        let big = try joint("big-four")
        #expect(boutique < mid && mid < big)
        // And the engagement's own profile is used when no --profile is given
        try sandbox.ok("engagement", "update", "fy2026", "--effort-profile", "big-four")
        let chosen = try #require(json(try sandbox.ok("estimate", "--format", "json").stdout) as? [String: Any])
        #expect(chosen["profile"] as? String == "big-four")
        #expect(number(chosen["joint_hours"]) == big)
        // And an unknown profile exits 1 and names the profiles
        let run = try sandbox.run("estimate", "--profile", "regional")
        #expect(run.status == 1)
        #expect(run.stderr.contains("no profile \"regional\""))
        #expect(run.stderr.contains("boutique, mid-tier, big-four"))
    }
}

// MARK: - Bad parameter files

/// One broken copy of a built-in parameter file, and where the error must point.
struct BadParameterFile: Sendable, CustomTestStringConvertible {
    enum Edit: Sendable {
        /// Replace the line starting with the prefix.
        case replace(prefix: String, with: String)
        /// Delete the line starting with the prefix.
        case delete(prefix: String)
        /// Add a line at the end.
        case append(String)
    }

    var title: String
    /// "sample-table" or "effort-model".
    var setting: String
    var edit: Edit
    /// The text of the cell the error points at, in the edited line; nil when the error is about the file.
    var cell: String?
    /// What the error message must name.
    var mentions: String

    var testDescription: String { "\(setting): \(title)" }

    /// The edited text, and the 1-based line and column the error must point at (when `cell` is given).
    func apply(to text: String) -> (text: String, line: Int?, column: Int?) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var edited: Int?
        switch edit {
        case .replace(let prefix, let replacement):
            if let index = lines.firstIndex(where: { $0.hasPrefix(prefix) }) {
                lines[index] = replacement
                edited = index
            }
        case .delete(let prefix):
            lines.removeAll { $0.hasPrefix(prefix) }
        case .append(let line):
            lines.append(line)
            edited = lines.count - 1
        }
        var column: Int?
        if let edited, let cell, let range = lines[edited].range(of: cell) {
            column = lines[edited].distance(from: lines[edited].startIndex, to: range.lowerBound) + 1
        }
        return (lines.joined(separator: "\n") + "\n", cell == nil ? nil : edited.map { $0 + 1 }, column)
    }
}

private let badParameterFiles: [BadParameterFile] = [
    .init(
        title: "a missing frequency row", setting: "sample-table", edit: .delete(prefix: "weekly,"), cell: nil,
        mentions: "weekly"),
    .init(
        title: "a negative size", setting: "sample-table",
        edit: .replace(prefix: "quarterly,", with: "quarterly,,,4,-2,2,Negative."),
        cell: "-2", mentions: "-2"),
    .init(
        title: "a non-numeric size", setting: "sample-table",
        edit: .replace(prefix: "monthly,", with: "monthly,,,12,two,5,Words."),
        cell: "two", mentions: "two"),
    .init(
        title: "a gap between bands", setting: "sample-table",
        edit: .replace(prefix: "event-driven,6,12", with: "event-driven,7,12,,2,5,Seven to twelve."),
        cell: "event-driven",
        mentions: "7"),
    .init(
        title: "an unknown parameter", setting: "effort-model",
        edit: .append("coffee_hours,mid-tier,1,2,3,hours,Not a parameter."),
        cell: "coffee_hours", mentions: "coffee_hours"),
    .init(
        title: "a missing required parameter", setting: "effort-model", edit: .delete(prefix: "inquiry_hours,"),
        cell: nil,
        mentions: "inquiry_hours"),
    .init(
        title: "a negative value", setting: "effort-model",
        edit: .replace(prefix: "test_setup_hours,", with: "test_setup_hours,boutique,0.4,-1,0.6,hours,Negative."),
        cell: "-1",
        mentions: "test_setup_hours"),
    .init(
        title: "a non-numeric value", setting: "effort-model",
        edit: .replace(prefix: "test_of_one_hours,", with: "test_of_one_hours,boutique,1,three,1.5,hours,Words."),
        cell: "three",
        mentions: "test_of_one_hours"),
    .init(
        title: "role shares that do not add up to 100", setting: "effort-model",
        edit: .replace(
            prefix: "fieldwork_staff_percent,", with: "fieldwork_staff_percent,boutique,50,50,50,percent,Too few."),
        cell: nil, mentions: "add up to 90%"),
    .init(
        title: "a range out of order", setting: "effort-model",
        edit: .replace(prefix: "walkthrough_hours,", with: "walkthrough_hours,boutique,0.9,0.5,0.6,hours,Backwards."),
        cell: "0.9", mentions: "not in order"),
]

/// Writes the broken file as `bad.csv` from the built-in text `config get` prints; returns where the error must point.
private func writeBroken(_ bad: BadParameterFile, in sandbox: CLIWorkdir) throws -> (line: Int?, column: Int?) {
    let builtIn = try sandbox.ok("config", "get", bad.setting).stdout
    let (text, line, column) = bad.apply(to: builtIn)
    try #require(text != builtIn, "the edit of \(bad.title) changed nothing")
    try sandbox.write("bad.csv", text)
    return (line, column)
}

/// Checks stderr for a `bad.csv:LINE:COLUMN: error:` diagnostic naming what is wrong.
private func expectLocatedError(
    _ stderr: String, _ bad: BadParameterFile, line: Int?, column: Int?,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let errors = stderr.split(separator: "\n").filter { $0.hasPrefix("bad.csv:") && $0.contains(": error: ") }
    #expect(!errors.isEmpty, "no bad.csv:line:column: error: in \(stderr)", sourceLocation: sourceLocation)
    // Every located error has a line and a column.
    for error in errors {
        let location = error.split(separator: " ").first ?? ""
        let parts = location.split(separator: ":")
        #expect(
            parts.count == 3 && Int(parts[1]) != nil && Int(parts[2]) != nil, "\(error)", sourceLocation: sourceLocation
        )
    }
    #expect(errors.contains { $0.contains(bad.mentions) }, "\(stderr)", sourceLocation: sourceLocation)
    if let line, let column {
        #expect(
            errors.contains { $0.hasPrefix("bad.csv:\(line):\(column): error:") },
            "want bad.csv:\(line):\(column): in \(stderr)",
            sourceLocation: sourceLocation)
    }
}

extension PlanCLITests {
    @Suite("bad parameter files, end to end")
    struct Parameters {
        @Test("a bad file given for one run stops plan and estimate with located errors", arguments: badParameterFiles)
        func perRun(_ bad: BadParameterFile) throws {
            // Given the payroll workspace and a broken copy of the built-in file
            let sandbox = try CLIWorkdir.payroll()
            let (line, column) = try writeBroken(bad, in: sandbox)
            for command in ["plan", "estimate"] {
                // When the command runs with it
                let run = try sandbox.run(command, "--\(bad.setting)", "bad.csv")
                // Then it exits 1, computes nothing, and points at the problem
                #expect(run.status == 1, "\(command): \(run.stderr)")
                #expect(run.stdout.isEmpty, "\(command) printed \(run.stdout)")
                expectLocatedError(run.stderr, bad, line: line, column: column)
            }
        }

        @Test("config set refuses a bad file and stores nothing", arguments: badParameterFiles)
        func configSet(_ bad: BadParameterFile) throws {
            // Given the payroll workspace and a broken copy of the built-in file
            let sandbox = try CLIWorkdir.payroll()
            let (line, column) = try writeBroken(bad, in: sandbox)
            // When it is set as the workspace's table
            let run = try sandbox.run("config", "set", bad.setting, "bad.csv")
            // Then it exits 1 with located errors and says nothing on stdout
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stdout.isEmpty, "\(run.stdout)")
            expectLocatedError(run.stderr, bad, line: line, column: column)
            // And both tables are still the built-in ones
            let show = try sandbox.ok("config", "show").stdout
            #expect(show.contains("sample-table: built-in"), "\(show)")
            #expect(show.contains("effort-model: built-in"), "\(show)")
            #expect(try sandbox.ok("config", "get", bad.setting).stdout != (try sandbox.read("bad.csv")))
        }

        @Test(
            "a bad size is reported once, at its cell, not again as a missing row")
        func noCascade() throws {
            // Given a sample table whose monthly row has the size "two"
            let sandbox = try CLIWorkdir.payroll()
            let bad = badParameterFiles[2]
            _ = try writeBroken(bad, in: sandbox)
            // When the plan runs with it
            let run = try sandbox.run("plan", "--sample-table", "bad.csv")
            // Then the one error is at the cell; nothing claims the monthly row is missing
            #expect(run.status == 1)
            #expect(!run.stderr.contains("no row for monthly"), "\(run.stderr)")
        }
    }
}

// MARK: - A firm's own sample table, kept in the workspace

/// One quarterly lower-risk control serving both reports.
private let quarterlyControl = """
    control_id,title,owner,frequency,nature,risk,soc1_objectives,soc2_criteria,test_methods
    QTR-1,Quarterly access review,Information Security Manager,quarterly,manual,low,ITGC-01,CC6.1,inquiry; inspection

    """

/// The SOC 1, SOC 2 and combined sample of one control in `plan --format json`.
private func samples(_ sandbox: CLIWorkdir, _ id: String) throws -> [Int?] {
    let plan = try #require(json(try sandbox.ok("plan", "--format", "json").stdout) as? [String: Any])
    let controls = try #require(plan["controls"] as? [[String: Any]])
    let row = try #require(controls.first { $0["control_id"] as? String == id })
    func items(_ key: String) -> Int? { number((row[key] as? [String: Any])?["items"]).map { Int($0) } }
    return [items("soc1_sample"), items("soc2_sample"), number(row["combined_sample"]).map { Int($0) }]
}

extension PlanCLITests {
    @Suite("config: a firm's own sample table, end to end")
    struct Config {
        @Test("an edited sample table changes the plan until it is unset")
        func roundTrip() throws {
            // Given a workspace with one quarterly lower-risk control: 2 items a report over 2026 (4 occurrences)
            let sandbox = try CLIWorkdir.imported(quarterlyControl)
            #expect(try samples(sandbox, "QTR-1") == [2, 2, 2])
            // When the built-in table is fetched, quarterly lower-risk is changed from 2 to 3, and it is set
            let builtIn = try sandbox.ok("config", "get", "sample-table").stdout
            let edited = builtIn.replacingOccurrences(of: "\nquarterly,,,4,2,2,", with: "\nquarterly,,,4,3,2,")
            try #require(edited != builtIn, "the built-in table has no line quarterly,,,4,2,2")
            try sandbox.write("firm.csv", edited)
            try sandbox.ok("config", "set", "sample-table", "firm.csv")
            // Then the workspace says where the table comes from, and the plan tests 3 of the 4 quarters
            #expect(try sandbox.ok("config", "show").stdout.contains("sample-table: workspace"))
            #expect(try samples(sandbox, "QTR-1") == [3, 3, 3])
            #expect(try sandbox.ok("config", "get", "sample-table").stdout == edited)
            // And once unset the built-in 2 is back
            try sandbox.ok("config", "unset", "sample-table")
            #expect(try sandbox.ok("config", "show").stdout.contains("sample-table: built-in"))
            #expect(try samples(sandbox, "QTR-1") == [2, 2, 2])
        }

        @Test("--sample-table for one run overrides without storing")
        func perRunOverride() throws {
            // Given the same workspace and the edited table in a file
            let sandbox = try CLIWorkdir.imported(quarterlyControl)
            let builtIn = try sandbox.ok("config", "get", "sample-table").stdout
            try sandbox.write(
                "firm.csv", builtIn.replacingOccurrences(of: "\nquarterly,,,4,2,2,", with: "\nquarterly,,,4,3,2,"))
            // When the plan runs with --sample-table
            let run = try sandbox.ok("plan", "--format", "csv", "--sample-table", "firm.csv")
            // Then that run tests 3, and the workspace still uses the built-in table
            let row = try #require(csvRecords(run.stdout).first { $0.first == "QTR-1" })
            #expect(row.count == 20 && row[15] == "3")
            #expect(try samples(sandbox, "QTR-1") == [2, 2, 2])
        }
    }
}

// MARK: - Warnings about controls that make no sense

private let nonsenseControls = """
    control_id,title,owner,frequency,nature,risk,soc1_objectives,soc2_criteria,test_methods
    AUTO-1,Nightly payroll interface job,IT Operations Manager,annual,automated,low,ITGC-06,CC7.2,inspection
    EVT-1,Off-cycle payment approval,Payroll Manager,event-driven,manual,high,BP-PAY-5,,inspection

    """

extension PlanCLITests {
    @Suite("plan warnings, end to end")
    struct Warnings {
        @Test("plan warns about an automated annual control and a missing population size, with hints")
        func warnings() throws {
            // Given an automated control marked annual and an event-driven control with no population size
            let sandbox = try CLIWorkdir.imported(nonsenseControls)
            // When the plan runs
            let run = try sandbox.run("plan")
            // Then it still succeeds and plans both controls
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("AUTO-1") && run.stdout.contains("EVT-1"))
            // And stderr warns about each, naming it, each warning followed by a hint
            let lines = run.stderr.split(separator: "\n").map(String.init)
            for id in ["AUTO-1", "EVT-1"] {
                let index = try #require(
                    lines.firstIndex { $0.hasPrefix("warning: ") && $0.contains(id) }, "\(run.stderr)")
                #expect(
                    index + 1 < lines.count && lines[index + 1].trimmingCharacters(in: .whitespaces).hasPrefix("hint: ")
                )
            }
            #expect(lines.contains { $0.contains("warning: ") && $0.contains("annual") })
            #expect(lines.contains { $0.contains("warning: ") && $0.contains("population size") })
            // And the warnings are not on stdout, which carries the plan only
            #expect(!run.stdout.contains("warning:"))
        }
    }
}
