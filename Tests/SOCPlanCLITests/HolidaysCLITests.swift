import Foundation
import Testing

// End to end through the built `socplan` binary: the holiday calendar as a `config` setting and
// as a catalog.

/// A fresh payroll workspace.
private func workspace() throws -> CLIWorkdir {
    let sandbox = try CLIWorkdir()
    try sandbox.ok("init", "--org", "Acme Payroll", "--starter-controls", "--cloud", "generic", "--profile", "payroll")
    return sandbox
}

@Suite("holidays, end to end")
struct HolidaysCLITests {
    @Test func configSetRefusesABadCalendarAndStoresNothing() throws {
        // Given the built-in calendar with Thanksgiving on the fifth Thursday
        let sandbox = try workspace()
        let builtIn = try sandbox.ok("config", "get", "holidays").stdout
        let bad = builtIn.replacingOccurrences(
            of: "\nThanksgiving Day,11,,thu,4,", with: "\nThanksgiving Day,11,,thu,5,")
        try #require(bad != builtIn, "the built-in calendar has no line Thanksgiving Day,11,,thu,4,")
        try sandbox.write("bad.csv", bad)
        // When it is set as the workspace's calendar
        let run = try sandbox.run("config", "set", "holidays", "bad.csv")
        // Then it exits 1, says nothing on stdout, and points at the nth cell of line 11
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.isEmpty, "\(run.stdout)")
        #expect(run.stderr.contains("bad.csv:11:26: error: unknown nth \"5\""), "\(run.stderr)")
        #expect(run.stderr.contains("hint: allowed values: 1, 2, 3, 4, last"), "\(run.stderr)")
        // And the workspace still uses the built-in calendar
        #expect(try sandbox.ok("config", "show").stdout.contains("holidays: built-in (Catalogs/holidays-us.csv)"))
        #expect(try sandbox.ok("config", "get", "holidays").stdout == builtIn)
    }

    @Test func aFirmsCalendarIsKeptUntilUnset() throws {
        // Given the built-in calendar with the day after Thanksgiving added
        let sandbox = try workspace()
        let builtIn = try sandbox.ok("config", "get", "holidays").stdout
        let firm = builtIn + "Day after Thanksgiving,11,,thu,4,1,,,none,The firm's own day off.\n"
        try sandbox.write("firm.csv", firm)
        // When it is set
        let set = try sandbox.ok("config", "set", "holidays", "firm.csv")
        // Then the workspace keeps it, and says so
        #expect(set.stdout.contains("holidays now comes from firm.csv"))
        #expect(try sandbox.ok("config", "show").stdout.contains("holidays: workspace"))
        #expect(try sandbox.ok("config", "get", "holidays").stdout == firm)
        // And once unset the built-in calendar is back
        try sandbox.ok("config", "unset", "holidays")
        #expect(try sandbox.ok("config", "show").stdout.contains("holidays: built-in"))
        #expect(try sandbox.ok("config", "get", "holidays").stdout == builtIn)
    }

    @Test func catalogHolidaysListsTheObservedDaysOfAYear() throws {
        // Given nothing but the binary
        let sandbox = try CLIWorkdir()
        // When the 2027 calendar is listed as CSV and as JSON
        let csv = csvRecords(try sandbox.ok("catalog", "holidays", "--year", "2027", "--format", "csv").stdout)
        let json = try sandbox.ok("catalog", "holidays", "--year", "2027", "--format", "json").json()
        // Then it has the header and twelve days off, ending on Friday 31 December with New Year's Day 2028
        #expect(csv.first == ["date", "weekday", "holiday"])
        #expect(csv.count == 13)
        #expect(csv.last == ["2027-12-31", "Friday", "New Year's Day"])
        #expect(csv.contains(["2027-07-05", "Monday", "Independence Day"]))
        let objects = try #require(json as? [[String: String]])
        #expect(objects.count == 12)
        #expect(objects.first == ["date": "2027-01-01", "weekday": "Friday", "holiday": "New Year's Day"])
    }
}
