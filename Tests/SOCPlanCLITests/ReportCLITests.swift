import Foundation
import Testing

/// `socplan report` end to end: the files it writes and the mistakes it refuses.
@Suite struct ReportCLITests {
    /// A payroll workspace with a SOC 1-only Type 2 engagement over 2026.
    static func soc1Only() throws -> CLIWorkdir {
        let dir = try CLIWorkdir()
        try dir.ok("init", "--org", "Acme Payroll", "--starter-controls", "--cloud", "generic", "--profile", "payroll")
        try dir.ok("engagement", "create", "fy2026", "--soc1", "type2", "--soc1-period", "2026-01-01..2026-12-31")
        return dir
    }

    @Test func writesTheReportAndTheSkeletons() throws {
        // Given a SOC 1 engagement
        let dir = try Self.soc1Only()
        // When the report and the section 4 skeleton are written to files
        let html = try dir.ok("report", "--format", "html", "--out", "report.html")
        let csv = try dir.ok("report", "--section4", "soc1", "--format", "csv", "--out", "section4.csv")
        // Then stdout stays empty and the files hold an HTML page and the section 4 table
        #expect(html.stdout.isEmpty && csv.stdout.isEmpty)
        #expect(try dir.text("report.html").hasPrefix("<!doctype html>"))
        let rows = csvRecords(try dir.text("section4.csv"))
        #expect(rows.first?.first == "control_objective_id")
        #expect(rows.dropFirst().allSatisfy { $0.count == 8 && $0[7].isEmpty })
        // And the Markdown section 3 has the SOC 1 headings with places for management
        let section3 = try dir.ok("report", "--section3", "soc1", "--format", "md").stdout
        #expect(section3.contains("## 2. Classes of transactions"))
        #expect(section3.contains("> **To be written by management:**"))
    }

    @Test("without --format, the --out file's extension chooses it; --format wins")
    func formatFromTheOutFile() throws {
        // Given a SOC 1 engagement
        let dir = try Self.soc1Only()
        // When the report goes to a .md file, section 4 to a .xlsx, and a .md file with --format html
        try dir.ok("report", "--out", "report.md")
        try dir.ok("report", "--section4", "soc1", "--out", "section4.xlsx")
        try dir.ok("report", "--format", "html", "--out", "forced.md")
        // Then each file is what its extension says (before: HTML in report.md), unless --format says
        #expect(try dir.text("report.md").hasPrefix("# Acme Payroll: joint SOC 1 + SOC 2 audit plan"))
        let workbook = try Data(contentsOf: dir.url.appendingPathComponent("section4.xlsx"))
        #expect(workbook.prefix(2) == Data("PK".utf8))
        #expect(try dir.text("forced.md").hasPrefix("<!doctype html>"))
    }

    @Test("--out holds the bytes stdout gets, written in place of an old file, with nothing left beside it")
    func outFileIsWhatStdoutGets() throws {
        // Given a SOC 1 engagement, an old report.html, and a plan written by another command (one text)
        let dir = try Self.soc1Only()
        try dir.write("report.html", "an old report")
        try dir.ok("plan", "--format", "csv", "--out", "plan.csv")
        for format in ["html", "md"] {
            // When the report goes to stdout and to a file
            let stdout = try dir.ok("report", "--format", format).bytes
            try dir.ok("report", "--format", format, "--out", "report.\(format)")
            // Then the file holds exactly the bytes of stdout
            #expect(try dir.data("report.\(format)") == stdout)
        }
        // And no temporary file is left, and the report's mode is the other command's file's
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.url.path)
        #expect(names.filter { $0.hasPrefix(".") }.isEmpty, "\(names)")
        func mode(_ name: String) throws -> Int? {
            try FileManager.default.attributesOfItem(atPath: dir.url.appendingPathComponent(name).path)[
                .posixPermissions]
                as? Int
        }
        #expect(try mode("report.html") == mode("plan.csv"))
    }

    @Test(
        "a report --out path that cannot be written says why, in words, and leaves nothing behind",
        arguments: [
            ("report.html/x.html", "is a file, not a folder"), ("folder", "it is a folder"),
            ("missing/deeper/x.html", "the folder"),
        ])
    func outPaths(path: String, says: String) throws {
        // Given a SOC 1 engagement, a file named report.html and a folder named folder
        let dir = try Self.soc1Only()
        try dir.write("report.html", "x")
        try FileManager.default.createDirectory(
            at: dir.url.appendingPathComponent("folder"), withIntermediateDirectories: true)
        // When the report is written there
        let outcome = try dir.run("report", "--out", path)
        // Then it fails with a sentence, and nothing new is in the folder
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains(says), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("NSCocoaErrorDomain"), "\(outcome.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.url.path)
        #expect(names.filter { $0.hasPrefix(".") }.isEmpty, "\(names)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.url.appendingPathComponent("folder").path).isEmpty)
    }

    @Test(
        "a report the engagement does not issue, or a format that does not fit, is refused",
        arguments: [
            (["report", "--section4", "soc2"], Int32(1), "issues no SOC 2"),
            (["report", "--section3", "soc2", "--format", "md"], Int32(1), "issues no SOC 2"),
            (["report", "--format", "csv"], Int32(2), "--format csv is for --section4 only"),
            (["report", "--section4", "soc1", "--section3", "soc1"], Int32(2), "choose --section4 or --section3"),
            (["report", "--format", "pdf"], Int32(2), "pdf"),
            (
                ["report", "--out", "report.csv"], Int32(2),
                "--out report.csv names a csv file, which is for --section4 only: write .html or .md"
            ),
        ])
    func refusals(_ arguments: [String], _ status: Int32, _ message: String) throws {
        // Given a SOC 1-only engagement
        let dir = try Self.soc1Only()
        // When the report is asked for in a way that cannot be honoured
        let outcome = try dir.run(arguments)
        // Then it says why on stderr, prints nothing and writes nothing
        #expect(outcome.status == status)
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }
}
