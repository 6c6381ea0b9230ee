import Foundation
import Testing

/// Issue 16 through the built binary: concurrent writers, sets of files, output paths that
/// cannot be written, workspaces that cannot be created.
@Suite("Hardening, end to end")
struct HardeningCLITests {
    /// A workspace with the payroll objectives and one control, AC-01.
    static func workspace() throws -> CLIWorkdir {
        let workdir = try CLIWorkdir()
        try workdir.ok("init", "--org", "Acme", "--profile", "payroll")
        try workdir.write(
            "one.csv",
            "control_id,title,description,owner,frequency,nature,soc2_criteria\n"
                + "AC-01,Access review,Old description,Old owner,quarterly,manual,CC6.1\n")
        try workdir.ok("import", "one.csv")
        return workdir
    }

    @Test("three imports at once that change different columns of one control all land, while readers read")
    func noLostUpdate() async throws {
        // Given a slow import (a new description for AC-01 and 20,000 new controls) and two fast ones
        // (a new owner, a new risk for AC-01), started together, and a reader running meanwhile
        let workdir = try Self.workspace()
        let many = (1...20_000).map { "N-\($0),Control \($0),,quarterly,manual,CC6.1\n" }
        try workdir.write(
            "slow.csv",
            "control_id,title,description,frequency,nature,soc2_criteria\n"
                + "AC-01,Access review,New description,quarterly,manual,CC6.1\n" + many.joined())
        try workdir.write("fast.csv", "control_id,title,owner\nAC-01,Access review,New owner\n")
        try workdir.write("risk.csv", "control_id,title,risk\nAC-01,Access review,high\n")
        let url = workdir.url
        async let slow = Task.detached { try SOCPlanBinary.run(["import", "slow.csv"], in: url) }.value
        try await Task.sleep(nanoseconds: 150_000_000)
        async let fast = Task.detached { try SOCPlanBinary.run(["import", "fast.csv"], in: url) }.value
        async let risk = Task.detached { try SOCPlanBinary.run(["import", "risk.csv"], in: url) }.value
        async let reads = Task.detached {
            try (0..<3).map { _ in try SOCPlanBinary.run(["controls", "show", "AC-01", "--json"], in: url).status }
        }.value
        let (first, second, third, readers) = try await (slow, fast, risk, reads)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(third.status == 0, "\(third.stderr)")
        #expect(readers == [0, 0, 0])
        // Then AC-01 has both changes: neither import reverted the other's column
        let json = try #require(
            try JSONSerialization.jsonObject(with: try workdir.ok("controls", "show", "AC-01", "--json").bytes)
                as? [String: Any])
        #expect(json["description"] as? String == "New description")
        #expect(json["owner"] as? String == "New owner")
        #expect(json["risk"] as? String == "high")
    }

    @Test("a list cell naming one item in two spellings imports it once, with a warning on the cell")
    func listedTwice() throws {
        // Given a control whose objectives name BP-PAY-1 twice (once in small letters) and whose
        // criteria name CC6.1 twice (criteria were always kept once)
        let workdir = try Self.workspace()
        try workdir.write(
            "twice.csv",
            "control_id,title,frequency,nature,soc1_objectives,soc2_criteria\n"
                + "AC-02,Client set-up review,quarterly,manual,BP-PAY-1; bp-pay-1,CC6.1; cc6.1; CC7.2\n")
        // When it is imported
        let run = try workdir.run("import", "twice.csv")
        // Then the import succeeds (before: a raw UNIQUE constraint failure), says where, and keeps each once
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "twice.csv, row 2, column E (soc1_objectives): warning: soc1_objectives names BP-PAY-1 more than once"),
            "\(run.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: try workdir.ok("controls", "show", "AC-02", "--format", "json").bytes)
                as? [String: Any])
        #expect(json["objectives"] as? [String] == ["BP-PAY-1"])
        #expect(json["criteria"] as? [String] == ["CC6.1", "CC7.2"])
    }

    @Test("export --dir writes the whole set through a staging folder it removes; a stale one is cleared")
    func exportSet() throws {
        // Given a workspace and an export folder holding a staging folder left by a killed run
        let workdir = try Self.workspace()
        try FileManager.default.createDirectory(
            at: workdir.url.appendingPathComponent("out/.socplan-export-99999"), withIntermediateDirectories: true)
        try workdir.write("out/.socplan-export-99999/controls.csv", "half written")
        // When it is exported
        try workdir.ok("export", "--dir", "out")
        // Then the set is there, and no staging folder is left
        let names = try FileManager.default.contentsOfDirectory(atPath: workdir.url.appendingPathComponent("out").path)
        #expect(
            names.sorted() == [
                "controls.csv", "csocs.csv", "cuecs.csv", "customers.csv", "engagements.csv", "evidence.csv",
                "objectives.csv", "subservice.csv",
            ])
        #expect(try workdir.text("out/controls.csv").contains("AC-01"))
    }

    @Test(
        "an output path that cannot be written says why, in words",
        arguments: [
            ("plan.csv/x.csv", "is a file, not a folder"), ("folder", "it is a folder"),
            ("missing/deeper/x.csv", "the folder"),
        ])
    func outputPaths(path: String, says: String) throws {
        // Given a workspace, a file named plan.csv and a folder named folder
        let workdir = try Self.workspace()
        try workdir.write("plan.csv", "x")
        try FileManager.default.createDirectory(
            at: workdir.url.appendingPathComponent("folder"), withIntermediateDirectories: true)
        // When overlap is written there
        let outcome = try workdir.run("export", "--format", "xlsx", "--out", path)
        // Then it fails with a sentence, not a system error number
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains(says), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("NSCocoaErrorDomain"), "\(outcome.stderr)")
    }

    @Test("a report written to --out replaces the file whole; a failed write leaves no hidden file behind")
    func reportOutFile() throws {
        // Given a workspace with an engagement, an old report file, and a folder named like an output file
        let workdir = try Self.workspace()
        try workdir.ok(
            "engagement", "create", "fy2026", "--soc1", "type2", "--soc1-period", "2026-01-01..2026-12-31", "--soc2",
            "type2", "--soc2-period", "2026-01-01..2026-12-31")
        try workdir.write("report.html", "old")
        try FileManager.default.createDirectory(
            at: workdir.url.appendingPathComponent("folder.html"), withIntermediateDirectories: true)
        // When the report (written in pieces) goes over the old file, and then to the folder's name
        try workdir.ok("report", "--out", "report.html")
        let failed = try workdir.run("report", "--out", "folder.html")
        // Then the file holds the report as printed, the folder is refused in words, and the hidden
        // file each write goes through is gone
        #expect(try workdir.text("report.html") == workdir.ok("report").stdout)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("cannot write folder.html: it is a folder"), "\(failed.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: workdir.url.path)
        #expect(!names.contains { $0.hasPrefix(".") && $0.contains(".socplan-") }, "\(names)")
    }

    @Test("init in a missing folder or on a folder says what is wrong")
    func initPaths() throws {
        let workdir = try CLIWorkdir()
        try FileManager.default.createDirectory(
            at: workdir.url.appendingPathComponent("a-folder"), withIntermediateDirectories: true)
        // When init is pointed at a folder that does not exist, and at a folder
        let missing = try workdir.run("init", "--org", "X", "--workspace", "nowhere/ws.sqlite")
        let folder = try workdir.run("init", "--org", "X", "--workspace", "a-folder")
        // Then each says so, with what to do
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nowhere does not exist"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("unable to open database file"), "\(missing.stderr)")
        #expect(folder.status == 1)
        #expect(folder.stderr.contains("a-folder is a folder, not a workspace file"), "\(folder.stderr)")
    }

    // One case at a time: the time an import takes, from which the kills are drawn, is measured
    // with the machine as the kills will find it.
    @Test(
        "an import killed at random points leaves the old inventory or the new one, never a part", .serialized,
        arguments: [false, true])
    func killedImport(streamed: Bool) async throws {
        // Given 3,000 new controls to import beside AC-01, or (streamed) a first import of 10,000
        // controls from a 1.3 MB file, written as it is read; and how long the import takes alone
        let file =
            streamed
            ? ImportStreamingCLITests.largeControls(10_000)
            : "control_id,title,description,frequency,nature,soc2_criteria\n"
                + (1...3_000).map { "K-\($0),Control \($0),,quarterly,manual,CC6.1\n" }.joined()
        let (before, after) = streamed ? (0, 10_000) : (1, 3_001)
        func workspace() throws -> CLIWorkdir {
            guard streamed else { return try Self.workspace() }
            let workdir = try CLIWorkdir()
            try workdir.ok("init", "--org", "Acme")
            return workdir
        }
        var workdir = try workspace()
        try workdir.write("many.csv", file)
        let started = Date()
        try workdir.ok("import", "many.csv")
        let duration = Date().timeIntervalSince(started)
        // When imports are killed (SIGKILL) at random moments of that time (a kill that comes after the
        // process ended halves the time the next one is drawn from)
        var bound = duration
        var interrupted = 0
        for _ in 0..<8 {
            workdir = try workspace()
            try workdir.write("many.csv", file)
            let process = Process()
            process.executableURL = SOCPlanBinary.url
            process.arguments = ["import", "many.csv"]
            process.currentDirectoryURL = workdir.url
            process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "SOCPLAN_WORKSPACE" }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            try await Task.sleep(nanoseconds: UInt64(Double.random(in: 0.01...max(0.02, bound)) * 1e9))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { interrupted += 1 } else { bound /= 2 }
            // Then the workspace opens and holds either the controls before or all of the new ones too
            let listed = try workdir.ok("controls", "list", "--format", "csv").stdout
            let count = csvRecords(listed).count - 1
            #expect(count == before || count == after, "\(count) controls after a kill")
            // And it still takes an import
            try workdir.ok("import", "many.csv")
            #expect(csvRecords(try workdir.ok("controls", "list", "--format", "csv").stdout).count == after + 1)
        }
        #expect(interrupted > 0, "every import ended before its kill: the kills did not test anything")
    }

    @Test("an import with 1,000 bad rows lists the first 200 problems, counts the rest, and writes nothing")
    func boundedDiagnostics() throws {
        // Given a file whose 1,000 rows each name another unknown criterion
        let workdir = try Self.workspace()
        let rows = (1...1_000).map { "B-\($0),Control \($0),quarterly,manual,CC9.\($0 + 10)\n" }
        try workdir.write("bad.csv", "control_id,title,frequency,nature,soc2_criteria\n" + rows.joined())
        // When it is imported
        let outcome = try workdir.run("import", "bad.csv")
        // Then 200 problems are listed, one line counts the other 800, and the tally counts all 1,000
        #expect(outcome.status == 1)
        let listed = outcome.stderr.split(separator: "\n").filter { $0.hasPrefix("bad.csv") && $0.contains("error:") }
        #expect(listed.count == 201, "\(listed.count) error lines")
        #expect(outcome.stderr.contains("and 800 more"), "\(outcome.stderr.suffix(600))")
        #expect(outcome.stderr.contains("import failed: 1000 errors"), "\(outcome.stderr.suffix(300))")
        #expect(csvRecords(try workdir.ok("controls", "list", "--format", "csv").stdout).count == 2)
    }

    @Test("a UTF-16 file is one error saying to save it as UTF-8")
    func utf16File() throws {
        let workdir = try Self.workspace()
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "control_id,title\nAC-02,Second\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(bytes).write(to: workdir.url.appendingPathComponent("u16.csv"))
        let outcome = try workdir.run("import", "u16.csv")
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("u16.csv:1:1: error: this file is UTF-16LE, not UTF-8"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("1 error, 0 warnings"), "\(outcome.stderr)")
    }
}

extension HardeningCLITests {
    /// Runs the binary as an unprivileged user when the tests run as root (root may write anywhere),
    /// from a copy nobody may execute; nil when that cannot be arranged here.
    static func runUnprivileged(_ arguments: [String], in directory: URL) throws -> (status: Int32, stderr: String)? {
        guard getuid() == 0 else {
            let run = try SOCPlanBinary.run(arguments, in: directory)
            return (run.status, run.stderr)
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return nil }
        let copy = URL(fileURLWithPath: "/tmp/socplan-readonly-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: SOCPlanBinary.url, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
        let run = try SOCPlanBinary.run(
            ["--reuid=65534", "--regid=65534", "--clear-groups", copy.path] + arguments, in: directory,
            executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
        return (run.status, run.stderr)
    }

    @Test("a workspace in a read-only folder is read by read commands; a write says it is read-only")
    func readOnlyFolder() throws {
        // Given a workspace with an engagement, in a folder nobody may write (readable by everyone)
        let workdir = try Self.workspace()
        try workdir.ok("engagement", "create", "fy", "--soc2", "type2", "--soc2-period", "2026-01-01..2026-12-31")
        let folder = URL(fileURLWithPath: "/tmp/socplan-ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            try? FileManager.default.removeItem(at: folder)
        }
        try FileManager.default.copyItem(
            at: workdir.url.appendingPathComponent("socplan.sqlite"),
            to: folder.appendingPathComponent("socplan.sqlite"))
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o444], ofItemAtPath: folder.appendingPathComponent("socplan.sqlite").path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        try workdir.write("two.csv", "control_id,title,owner\nAC-01,Access review,Someone else\n")
        // When a read command and a write command run there
        guard let read = try Self.runUnprivileged(["overlap"], in: folder),
            let write = try Self.runUnprivileged(
                ["import", workdir.url.appendingPathComponent("two.csv").path], in: folder)
        else { return }  // no way to drop root here: nothing to test
        // Then the read works and the write says what is wrong, without SQLite's own words
        #expect(read.status == 0, "\(read.stderr)")
        #expect(write.status == 1)
        #expect(write.stderr.contains("read-only"), "\(write.stderr)")
        #expect(!write.stderr.contains("attempt to write a readonly database"), "\(write.stderr)")
    }
}
