import Foundation
import Testing

// A workspace edited by hand with sqlite3, as the README invites: what the schema refuses, and
// what socplan says about a value it does not know instead of planning with a guess.

private let sqlite3 = URL(fileURLWithPath: "/usr/bin/sqlite3")

extension CLIWorkdir {
    /// Runs `sqlite3 ws.sqlite SQL` here.
    fileprivate func sqlite(_ sql: String) throws -> (status: Int32, stderr: String) {
        let result = try SOCPlanBinary.run(["ws.sqlite", sql], in: url, executable: sqlite3)
        return (result.status, result.stderr)
    }
}

@Suite("A workspace edited with sqlite3", .enabled(if: FileManager.default.isExecutableFile(atPath: sqlite3.path)))
struct WorkspaceEditCLITests {
    /// `init --profile payroll` with its starter controls, and engagement fy2026: both reports Type 2 over 2026.
    static func payroll() throws -> CLIWorkdir {
        let sandbox = try CLIWorkdir()
        try sandbox.ok(
            "init", "--org", "Acme Payroll", "--starter-controls", "--cloud", "generic", "--profile", "payroll",
            "--workspace", "ws.sqlite")
        try sandbox.ok(
            "engagement", "create", "fy2026", "--soc1", "type2", "--soc1-period", "2026-01-01..2026-12-31", "--soc2",
            "type2", "--soc2-period", "2026-01-01..2026-12-31", "--workspace", "ws.sqlite")
        return sandbox
    }

    @Test("the schema refuses a frequency socplan does not know")
    func checkConstraintRefusesAnUnknownFrequency() throws {
        // Given a payroll workspace
        let sandbox = try Self.payroll()

        // When sqlite3 sets a control's frequency to a value no frequency has
        let edit = try sandbox.sqlite("UPDATE control SET frequency = 'fortnightly' WHERE id = 'STARTER-AC-01';")

        // Then sqlite3 fails on the CHECK constraint, and socplan still plans
        #expect(edit.status != 0)
        #expect(edit.stderr.contains("CHECK constraint failed"), "\(edit.stderr)")
        try sandbox.ok("plan", "--workspace", "ws.sqlite")
    }

    @Test(
        "an unknown frequency forced past the CHECK is reported, not planned as annual",
        arguments: [
            ["plan"], ["controls", "list"], ["overlap"], ["export", "--dir", "out"],
        ])
    func unknownFrequencyIsAnError(_ command: [String]) throws {
        // Given a payroll workspace whose control STARTER-AC-01 was given an unknown frequency by a sqlite3
        // session that switched the CHECK constraints off
        let sandbox = try Self.payroll()
        let edit = try sandbox.sqlite(
            "PRAGMA ignore_check_constraints = ON; UPDATE control SET frequency = 'fortnightly' WHERE id = 'STARTER-AC-01';"
        )
        try #require(edit.status == 0, "\(edit.stderr)")

        // When a command reads the workspace
        let run = try sandbox.run(command + ["--workspace", "ws.sqlite"])

        // Then it fails with exit status 1 and names the table, row, column and value, with a way to fix it
        #expect(run.status == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("table control, row STARTER-AC-01, column frequency"), "\(run.stderr)")
        #expect(run.stderr.contains("\"fortnightly\" is not a frequency"))
        #expect(run.stderr.contains("hint:") && run.stderr.contains("sqlite3") && run.stderr.contains("import"))
        // And nothing was planned or written
        #expect(run.stdout.isEmpty)
        #expect(!sandbox.exists("out/controls.csv"))
    }
}
