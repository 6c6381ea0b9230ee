import Foundation
import Testing

/// Issue 15 from the command line: carve-outs that hide a missing control, and window warnings.
@Suite("Standards from the CLI")
struct StandardsCLITests {
    static let period = "2026-01-01..2026-12-31"

    /// A payroll workspace as init seeds it without starter controls (the public cloud carved out
    /// with its CSOCs), with the organization's own matrix: the vendor review only, no change control.
    static func withoutChangeControls() throws -> CLIWorkdir {
        let dir = try CLIWorkdir()
        try dir.ok("init", "--org", "Acme Payroll", "--profile", "payroll", "--cloud", "generic")
        try dir.write(
            "controls.csv",
            """
            control_id,title,owner,frequency,nature,soc1_objectives,soc2_criteria,monitors
            VM-1,Annual review of the cloud provider's SOC 2 report,IT Manager,annual,manual,ITGC-10,CC9.2,Public cloud provider

            """)
        try dir.ok("import", "controls.csv")
        try dir.ok(
            "engagement", "create", "fy2026", "--soc1", "type2", "--soc1-period", period, "--soc2", "type2",
            "--soc2-period", period)
        return dir
    }

    @Test("overlap --fail-on-gaps fails when only the cloud's hypervisor CSOC touches change management")
    func hypervisorCSOCDoesNotHideAGap() throws {
        // Given the seeded public cloud, whose CSOC-5 on hypervisor changes maps to ITGC-03 and CC8.1,
        // and no change control of the organization's own
        let dir = try Self.withoutChangeControls()
        // When overlap runs with --fail-on-gaps
        let overlap = try dir.run("overlap", "--fail-on-gaps")
        // Then it exits 1 naming CC8.1 and ITGC-03 as gaps, and says what the CSOCs covered
        #expect(overlap.status == 1, "\(overlap.stderr)")
        #expect(overlap.stderr.contains("CC8.1") && overlap.stderr.contains("ITGC-03"), "\(overlap.stderr)")
        #expect(overlap.stdout.contains("- CC8.1 has no control"))
        #expect(overlap.stdout.contains("cover only its"))
        let json0 =
            try JSONSerialization.jsonObject(with: try dir.run("overlap", "--format", "json").bytes) as? [String: Any]
        #expect((json0?["uncovered_criteria"] as? [String] ?? []).contains("CC8.1"))
        #expect((json0?["uncovered_objectives"] as? [String] ?? []).contains("ITGC-03"))
        #expect((json0?["carved_out"] as? [String: [String]])?["CC8.1"] == nil)
        // And check reports both as errors, and the report lists them among the gaps
        let check = try dir.run("check")
        #expect(check.status == 1)
        #expect(check.stdout.contains("error[gap-criterion]: no control of the organization's own addresses CC8.1"))
        #expect(
            check.stdout.contains(
                "error[gap-objective]: no control of the organization's own addresses SOC 1 objective ITGC-03"))
        let report = try dir.run("report", "--format", "md")
        #expect(report.stdout.contains("| SOC 2 | CC8.1 |"), "\(report.stdout.prefix(3000))")
        // And physical access, run entirely by the cloud, is still carved out rather than a gap
        let json = json0
        let carved = json?["carved_out"] as? [String: [String]] ?? [:]
        #expect(carved["CC6.4"] == ["Public cloud provider"])
        let criteria = json?["criteria"] as? [String: [String: Any]] ?? [:]
        #expect(criteria["CC8.1"]?["remaining_components"] as? [String] != [])
    }

    @Test("subservice.csv's components column decides what the CSOCs can cover")
    func componentsColumnImports() throws {
        // Given a workspace whose cloud is re-imported saying it runs only its data centers
        let dir = try Self.withoutChangeControls()
        try dir.write(
            "subservice.csv",
            "name,services,method,reports,components\nPublic cloud provider,Hosting,carve-out,both,data center\n")
        try dir.ok("import", "subservice.csv")
        // When the overlap is read back
        let json =
            try JSONSerialization.jsonObject(with: try dir.run("overlap", "--format", "json").bytes) as? [String: Any]
        let criteria = json?["criteria"] as? [String: [String: Any]] ?? [:]
        // Then physical access keeps its hardware part as the organization's: a gap
        #expect(criteria["CC6.4"]?["status"] as? String == "uncovered")
        #expect(criteria["CC6.4"]?["remaining_components"] as? [String] == ["hardware"])
        // And a component nobody knows is refused with the allowed values
        try dir.write(
            "bad.csv",
            "name,services,method,reports,components\nPublic cloud provider,Hosting,carve-out,both,mainframe\n")
        let bad = try dir.run("import", "bad.csv")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.csv, row 2, column E (components): error:") && bad.stderr.contains("facilities"), "\(bad.stderr)")
    }

    @Test("engagement create warns about a SOC 1 Type 2 of 4 months")
    func shortSOC1() throws {
        // Given a payroll workspace
        let dir = try CLIWorkdir()
        try dir.ok("init", "--org", "Acme Payroll", "--profile", "payroll")
        // When a 4-month SOC 1 Type 2 is created
        let created = try dir.run(
            "engagement", "create", "first", "--soc1", "type2", "--soc1-period", "2026-09-01..2026-12-31")
        // Then it is created, with a warning that user auditors question so short a period
        #expect(created.status == 0, "\(created.stderr)")
        #expect(
            created.stderr.contains(
                "warning: the SOC 1 Type 2 period 2026-09-01..2026-12-31 runs 4 months; user auditors question"),
            "\(created.stderr)")
    }

    @Test("window shows an October customer 10 months of overlap with a calendar-year report")
    func octoberCustomer() throws {
        // Given a customer with an October year end
        let dir = try CLIWorkdir()
        try dir.ok("init", "--org", "Acme Payroll", "--profile", "payroll")
        try dir.write("customers.csv", "customer,fiscal_year_end,weight\nTidewater,10-31,1\nAlder,12-31,1\n")
        try dir.ok("import", "customers.csv")
        try dir.ok("engagement", "create", "fy2026", "--soc1", "type2", "--soc1-period", Self.period)
        // When the engagement's window is checked
        let window = try dir.ok("window", "--engagement", "fy2026", "--format", "json")
        let customers = try #require(try window.json() as? [[String: Any]])
        // Then Tidewater shares 10 of its 12 months, runs 2 months past its year end, and is not counted as served
        let tidewater = try #require(customers.first { $0["customer"] as? String == "Tidewater" })
        #expect(tidewater["overlap"] as? Int == 10)
        #expect(tidewater["after_year_end_months"] as? Int == 2)
        #expect(tidewater["covered"] as? Bool == false)
        // And check asks for its deadline rather than calling the overlap 2 months
        let check = try dir.run("check")
        #expect(check.stdout.contains("covers 10 of its 12 months"), "\(check.stdout)")
        #expect(!check.stdout.contains("2 months of overlap"))
    }
}
