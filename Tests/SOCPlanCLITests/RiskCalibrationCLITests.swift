import Foundation
import Testing

// End to end through the built binary: the auditor's risk per control (`engagement risk`), the
// effort profile of an engagement, and `estimate calibrate`.

private let controls = """
    control_id,title,owner,frequency,nature,risk,soc1_objectives,soc2_criteria,test_methods
    MON-1,Monthly payroll register review,Payroll Manager,monthly,manual,low,ITGC-01,CC6.1,inquiry; inspection
    MON-2,Monthly bank reconciliation,Controller,monthly,manual,high,ITGC-01,CC6.1,inquiry; reperformance

    """

/// A payroll workspace with the two monthly controls above and engagement fy2026 (both Type 2 over 2026).
private func sandbox() throws -> CLIWorkdir {
    let sandbox = try CLIWorkdir()
    try sandbox.ok("init", "--org", "Acme Payroll", "--profile", "payroll", "--no-starter-controls")
    try sandbox.write("controls.csv", controls)
    try sandbox.ok("import", "controls.csv")
    try sandbox.ok(
        "engagement", "create", "fy2026", "--soc1", "type2", "--soc1-period", "2026-01-01..2026-12-31", "--soc2",
        "type2", "--soc2-period", "2026-01-01..2026-12-31")
    return sandbox
}

/// The plan CSV's row of `control`, by header name.
private func planRow(_ sandbox: CLIWorkdir, _ control: String) throws -> [String: String] {
    let rows = csvRecords(try sandbox.ok("plan", "--format", "csv").stdout)
    let header = try #require(rows.first)
    let row = try #require(rows.first { $0.first == control })
    return Dictionary(uniqueKeysWithValues: zip(header, row))
}

@Suite("engagement risk, end to end")
struct RiskCLITests {
    @Test("the auditor's higher risk turns a lower-risk sample into a higher-risk one in the plan CSV")
    func flipsSample() throws {
        // Given a monthly control the client labels low: 2 items
        let sandbox = try sandbox()
        #expect(try planRow(sandbox, "MON-1")["combined_sample"] == "2")
        // When the auditor assesses it higher
        let set = try sandbox.ok(
            "engagement", "risk", "set", "fy2026", "--control", "mon-1", "--risk", "higher", "--factors",
            "prior-deviations,change", "--note", "new payroll engine")
        #expect(set.stdout.contains("MON-1 auditor's risk higher (client: lower)"))
        // Then the plan samples 5 and its note says why
        let row = try planRow(sandbox, "MON-1")
        #expect(row["combined_sample"] == "5")
        #expect(
            row["notes"]?.contains(
                "auditor's risk higher (client: lower): prior-deviations, change; new payroll engine") == true)
        // And the other control is unchanged
        #expect(try planRow(sandbox, "MON-2")["combined_sample"] == "5")
        // When the assessment is cleared, the client's label rules again
        try sandbox.ok("engagement", "risk", "clear", "fy2026", "--control", "MON-1")
        #expect(try planRow(sandbox, "MON-1")["combined_sample"] == "2")
    }

    @Test("bulk import sets many controls; list --format csv imports again unchanged")
    func importAndList() throws {
        let sandbox = try sandbox()
        try sandbox.write(
            "risk.csv",
            """
            Control ID,Auditor Risk,Risk Factors,Rationale
            MON-1,Higher,Prior year deviations; Complexity,two exceptions last year
            MON-2,lower,automated,"reconciliation now automated, reviewed monthly"

            """)
        let run = try sandbox.ok("engagement", "risk", "import", "fy2026", "risk.csv")
        #expect(run.stdout.contains("2 assessments imported (2 differ from the client's label)"))
        #expect(try planRow(sandbox, "MON-1")["combined_sample"] == "5")
        #expect(try planRow(sandbox, "MON-2")["combined_sample"] == "2")
        let listed = try sandbox.ok("engagement", "risk", "list", "fy2026", "--format", "csv").stdout
        let rows = csvRecords(listed)
        #expect(rows.first == ["control_id", "risk", "factors", "note", "client_risk", "title"])
        #expect(
            rows.dropFirst().first == [
                "MON-1", "higher", "prior-deviations; complexity", "two exceptions last year", "lower",
                "Monthly payroll register review",
            ])
        // The listing imports again, with nothing to warn about, and changes nothing
        try sandbox.write("again.csv", listed)
        let again = try sandbox.ok("engagement", "risk", "import", "fy2026", "again.csv")
        #expect(!again.stderr.contains("warning"))
        #expect(try sandbox.ok("engagement", "risk", "list", "fy2026", "--format", "csv").stdout == listed)
        // JSON lists the same
        let json = try #require(
            try sandbox.ok("engagement", "risk", "list", "fy2026", "--format", "json").json() as? [[String: String]])
        #expect(json.map { $0["risk"] } == ["higher", "lower"])
    }

    @Test("a bad risk file is refused row by row with line and column, and nothing is written")
    func refusals() throws {
        let sandbox = try sandbox()
        try sandbox.ok("engagement", "risk", "set", "fy2026", "--control", "MON-2", "--risk", "lower")
        try sandbox.write(
            "risk.csv",
            """
            control_id,risk,factors,note
            MON-1,higher,,fine on its own
            MON-9,higher,,
            MON-2,medium,,
            MON-1,lower,,
            MON-2,higher,luck,

            """)
        let run = try sandbox.run("engagement", "risk", "import", "fy2026", "risk.csv")
        #expect(run.status == 1)
        #expect(run.stderr.contains("risk.csv:3:1: error: control MON-9 is not in the workspace"))
        #expect(run.stderr.contains("hint: did you mean MON-1"))
        #expect(run.stderr.contains("risk.csv:4:7: error: unknown risk \"medium\""))
        #expect(run.stderr.contains("risk.csv:5:1: error: control MON-1 is assessed twice"))
        #expect(run.stderr.contains("hint: the first is on line 2"))
        #expect(run.stderr.contains("risk.csv:6:14: error: unknown risk factor \"luck\""))
        #expect(run.stderr.contains("nothing was written"))
        // Nothing changed: MON-1 has no assessment, MON-2 keeps its own
        let rows = csvRecords(try sandbox.ok("engagement", "risk", "list", "fy2026", "--format", "csv").stdout)
        #expect(rows.dropFirst().map { [$0[0], $0[1]] } == [["MON-2", "lower"]])
    }

    @Test("set refuses an unknown control or factor and a risk that is neither higher nor lower")
    func setRefusals() throws {
        let sandbox = try sandbox()
        let unknown = try sandbox.run("engagement", "risk", "set", "fy2026", "--control", "MON-3", "--risk", "higher")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("control MON-3 is not in the workspace"))
        let factor = try sandbox.run(
            "engagement", "risk", "set", "fy2026", "--control", "MON-1", "--risk", "higher", "--factors", "moon")
        #expect(factor.status == 2)
        #expect(factor.stderr.contains("unknown risk factor \"moon\""))
        let risk = try sandbox.run("engagement", "risk", "set", "fy2026", "--control", "MON-1", "--risk", "medium")
        #expect(risk.status == 2)
        #expect(
            try sandbox.ok("engagement", "risk", "list", "fy2026", "--format", "csv").stdout.split(separator: "\n")
                .count == 1)
    }

    @Test("assessments follow a renamed or copied engagement")
    func renameAndCopy() throws {
        let sandbox = try sandbox()
        try sandbox.ok("engagement", "risk", "set", "fy2026", "--control", "MON-1", "--risk", "higher")
        try sandbox.ok("engagement", "update", "fy2026", "--rename", "fy2026b")
        try sandbox.ok("engagement", "copy", "fy2026b", "fy2026c")
        for name in ["fy2026b", "fy2026c"] {
            let rows = csvRecords(try sandbox.ok("engagement", "risk", "list", name, "--format", "csv").stdout)
            #expect(rows.dropFirst().map { $0[0] } == ["MON-1"], "\(name)")
        }
    }

    @Test("--effort-profile is stored, shown, validated and reset to the default")
    func effortProfile() throws {
        let sandbox = try sandbox()
        #expect(
            try sandbox.ok("engagement", "show", "fy2026").stdout.contains("Effort:      mid-tier (default) profile"))
        try sandbox.ok("engagement", "update", "fy2026", "--effort-profile", "Big Four")
        #expect(try sandbox.ok("engagement", "show", "fy2026").stdout.contains("Effort:      big-four profile"))
        let bad = try sandbox.run("engagement", "update", "fy2026", "--effort-profile", "cheap")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("unknown effort profile \"cheap\""))
        #expect(bad.stderr.contains("boutique, mid-tier, big-four"))
        try sandbox.ok(
            "engagement", "create", "small", "--soc2", "type1", "--soc2-as-of", "2026-06-30", "--effort-profile",
            "boutique")
        #expect(try sandbox.ok("engagement", "show", "small").stdout.contains("Effort:      boutique profile"))
        try sandbox.ok("engagement", "update", "fy2026", "--effort-profile", "default")
        #expect(try sandbox.ok("engagement", "show", "fy2026").stdout.contains("mid-tier (default)"))
    }
}

@Suite("estimate calibrate, end to end")
struct CalibrateCLITests {
    @Test("hours produced by known rates are fitted within 1%, and the model file is written")
    func endToEnd() throws {
        let sandbox = try CLIWorkdir()
        // Given a firm's model: the built-in one with every rate half as large again
        try sandbox.ok("init", "--org", "Firm", "--profile", "payroll")
        let builtIn = try sandbox.ok("config", "get", "effort-model").stdout
        let records = csvRecords(builtIn)
        let header = try #require(records.first)
        let profileColumn = try #require(header.firstIndex(of: "profile"))
        let columns = ["low", "base", "high"].compactMap { header.firstIndex(of: $0) }
        #expect(columns.count == 3)
        // (the mid-tier profile alone, every hours rate × 1.5; percentages and dollar rates as they are)
        let firm =
            [header]
            + records.dropFirst().filter { $0[profileColumn] == "mid-tier" }.map { row -> [String] in
                guard !row[0].hasSuffix("_percent"), !row[0].hasPrefix("rate_") else { return row }
                var row = row
                for column in columns { row[column] = Double(row[column]).map { String($0 * 1.5) } ?? row[column] }
                return row
            }
        try sandbox.write(
            "firm.csv",
            firm.map { $0.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: ",") }
                .joined(separator: "\n") + "\n")
        // And four past engagements in workspace files, whose hours under the firm's model are the actuals
        let pasts: [(String, String, [String])] = [
            (
                "acme-2024", "payroll",
                [
                    "--soc1", "type2", "--soc1-period", "2024-01-01..2024-12-31", "--soc2", "type2",
                    "--soc2-period", "2024-01-01..2024-12-31",
                ]
            ),
            ("beta-2024", "payroll", ["--soc1", "type2", "--soc1-period", "2024-01-01..2024-12-31"]),
            ("gamma-2025", "claims", ["--soc2", "type2", "--soc2-period", "2025-01-01..2025-06-30"]),
            (
                "delta-2025", "claims",
                [
                    "--soc1", "type1", "--soc1-as-of", "2025-06-30", "--soc2", "type1",
                    "--soc2-as-of", "2025-06-30",
                ]
            ),
        ]
        var actuals = "engagement,workspace,total_hours\n"
        for (name, profile, scope) in pasts {
            try sandbox.ok(
                "init", "--workspace", "\(name).sqlite", "--org", name, "--profile", profile, "--starter-controls")
            try sandbox.ok(["engagement", "create", name, "--workspace", "\(name).sqlite"] + scope)
            let estimate = try sandbox.ok(
                "estimate", "--workspace", "\(name).sqlite", "--effort-model", "firm.csv", "--format", "json")
            let parsed = try estimate.json()
            let object = try #require((parsed as? [[String: Any]])?.first ?? parsed as? [String: Any])
            let hours = try #require((object["joint_hours"] as? NSNumber)?.doubleValue)
            actuals += "\(name),\(name).sqlite,\(hours)\n"
        }
        try sandbox.write("actuals.csv", actuals)
        // When the built-in model is calibrated to them
        let run = try sandbox.ok("estimate", "calibrate", "actuals.csv", "--out", "fitted.csv")
        // Then each engagement's fit error is printed, all under 1%
        for (name, _, _) in pasts {
            let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix(name) }, "\(name) missing")
            let error = try #require(Double(line.split(separator: " ").last.map(String.init) ?? ""), "\(line)")
            #expect(abs(error) < 1, "\(line)")
        }
        #expect(run.stdout.contains("RMS error:"))
        // And the fitted rates moved towards the firm's (walkthroughs are 1.5 × built-in)
        let walkthrough = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("walkthrough_hours") })
        let fields = walkthrough.split(separator: " ").map(String.init)
        let (start, fitted) = (try #require(Double(fields[1])), try #require(Double(fields[2])))
        #expect(fitted > start * 1.2, "\(walkthrough)")
        // And the model file holds one profile, every parameter once with low, base and high, and socplan accepts it
        let written = csvRecords(try sandbox.text("fitted.csv"))
        #expect(written.first == ["parameter", "profile", "low", "base", "high", "source"])
        #expect(Set(written.dropFirst().map { $0[0] }) == Set(firm.dropFirst().map { $0[0] }))
        #expect(written.dropFirst().allSatisfy { $0[1] == "mid-tier-calibrated" })
        #expect(run.stderr.contains("wrote fitted.csv"))
        try sandbox.ok("config", "set", "effort-model", "fitted.csv", "--workspace", "acme-2024.sqlite")
        // And a fitted model reproduces the actuals when the estimate runs with it
        let again = try sandbox.ok(
            "estimate", "--workspace", "acme-2024.sqlite", "--format", "json")
        let parsed = try again.json()
        let object = try #require((parsed as? [[String: Any]])?.first ?? parsed as? [String: Any])
        let hours = try #require((object["joint_hours"] as? NSNumber)?.doubleValue)
        let actual = try #require(Double(actuals.split(separator: "\n")[1].split(separator: ",")[2]))
        #expect(abs(hours - actual) / actual < 0.01, "\(hours) against \(actual)")
    }

    @Test("control counts build an inventory; noisy actuals report their error per engagement")
    func counts() throws {
        let sandbox = try CLIWorkdir()
        try sandbox.write(
            "actuals.csv",
            """
            engagement,soc1,soc2,months,shared,soc1_only,soc2_only,automated,planning_hours,fieldwork_hours,reporting_hours,total_hours
            acme,type2,type2,12,30,20,15,6,30,500,90,
            beta,type2,none,12,10,25,0,10,25,300,45,
            gamma,none,type2,6,40,0,30,0,,,,"1,200"
            delta,type1,type1,,20,10,10,2,,,,150

            """)
        let run = try sandbox.ok("estimate", "calibrate", "actuals.csv", "--format", "csv")
        let rows = csvRecords(run.stdout)
        #expect(rows.first == ["engagement", "actual_hours", "fitted_hours", "error_percent"])
        #expect(rows.dropFirst().map { $0[0] } == ["acme", "beta", "gamma", "delta"])
        #expect(rows.dropFirst().map { $0[1] } == ["620", "370", "1200", "150"])
        // These hours are not one model's: some engagement misses by more than 1%, and the table says by how much
        let errors = rows.dropFirst().compactMap { Double($0[3]) }
        #expect(errors.count == 4)
        #expect(errors.contains { abs($0) > 1 })
        for row in rows.dropFirst() {
            let (actual, fitted, error) = (Double(row[1]) ?? 0, Double(row[2]) ?? 0, Double(row[3]) ?? 0)
            #expect(abs((fitted - actual) / actual * 100 - error) < 0.2, "\(row)")
        }
    }

    @Test("an inventory folder reads as the workspace it was exported from")
    func folder() throws {
        // Given a workspace and its export as a folder of CSV files
        let sandbox = try CLIWorkdir()
        try sandbox.ok("init", "--org", "Acme", "--profile", "payroll")
        try sandbox.ok("engagement", "create", "fy2025", "--soc1", "type2", "--soc1-period", "2025-01-01..2025-12-31")
        try sandbox.ok("export", "--dir", "acme")
        try sandbox.write(
            "actuals.csv", "engagement,workspace,total_hours\nfy2025,acme,500\nsame,socplan.sqlite,500\n")
        // When both are calibrated as two engagements
        let run = try sandbox.ok("estimate", "calibrate", "actuals.csv", "--format", "csv")
        // Then they are the same engagement: the same fitted hours
        let rows = csvRecords(run.stdout).dropFirst()
        #expect(rows.count == 2)
        #expect(Set(rows.map { $0[2] }).count == 1, "\(rows)")
        // And a missing folder is reported at its cell
        try sandbox.write("bad.csv", "engagement,workspace,total_hours\nx,nowhere,500\n")
        let bad = try sandbox.run("estimate", "calibrate", "bad.csv")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.csv:2:3: error: no workspace or inventory folder at"))
    }

    @Test("malformed actuals are refused with file, line and column, and no model is written")
    func refusals() throws {
        let sandbox = try CLIWorkdir()
        try sandbox.write(
            "actuals.csv",
            """
            engagement,soc1,soc2,shared,soc1_only,planning_hours,fieldwork_hours,reporting_hours,total_hours
            ok,type2,type2,10,5,20,200,40,
            no-hours,type2,none,10,5,,,,
            partial,type2,none,10,5,20,,40,
            bad-number,type2,none,ten,5,,,,300
            bad-type,type3,none,10,5,,,,300
            no-controls,type2,none,,,,,,300
            ok,type2,type2,10,5,,,,300
            mismatch,type2,none,10,5,20,200,40,500

            """)
        let run = try sandbox.run("estimate", "calibrate", "actuals.csv", "--out", "fitted.csv")
        #expect(run.status == 1)
        #expect(run.stderr.contains("actuals.csv:3:"), "\(run.stderr)")
        #expect(run.stderr.contains("no actual hours"))
        #expect(run.stderr.contains("actuals.csv:4:28: error: fieldwork_hours is empty"))
        #expect(run.stderr.contains("actuals.csv:5:23: error: shared \"ten\" is not a whole number"))
        #expect(run.stderr.contains("actuals.csv:6:10: error: unknown report type \"type3\""))
        #expect(run.stderr.contains("actuals.csv:7:"))
        #expect(run.stderr.contains("no controls"))
        #expect(run.stderr.contains("actuals.csv:8:1: error: engagement ok is given twice"))
        #expect(run.stderr.contains("actuals.csv:9:"))
        #expect(run.stderr.contains("total_hours 500 is not planning + fieldwork + reporting (260)"))
        #expect(run.stderr.contains("nothing was fitted"))
        #expect(!sandbox.exists("fitted.csv"))
        #expect(run.stdout.isEmpty)
    }
}
