import Foundation
import Testing

/// The import as it lets rows go while it reads them (issue 16): what it says must not change.
@Suite("Import, row by row, end to end")
struct ImportStreamingCLITests {
    @Test("a control sized by neither file is named not sized; one a second file sizes is not")
    func unsizedAcrossFiles() throws {
        // Given a controls file with two controls without a frequency, and a guidance file, keyed
        // by control id, that gives the frequency of one of them
        let workdir = try CLIWorkdir()
        try workdir.ok("init", "--org", "Acme")
        try workdir.write(
            "controls.csv",
            "control_id,title,nature,soc2_criteria\nAC-01,Access review,manual,CC6.1\nAC-02,Change review,manual,CC8.1\n"
        )
        try workdir.write(
            "guidance.csv", "Control #,Description,Frequency\nAC-01,Guidance,quarterly\nAC-02,Guidance,\n")
        // When both are imported
        let run = try workdir.run("import", "controls.csv", "guidance.csv")
        // Then only AC-02 is named not sized, and AC-01 takes its frequency from the guidance
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "warning: 1 control (1 without a frequency) is imported but not sized until set: AC-02\n"),
            "\(run.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: try workdir.ok("controls", "show", "AC-01", "--json").bytes)
                as? [String: Any])
        #expect(json["frequency"] as? String == "quarterly")
    }

    @Test("a new evidence item named twice in one cell, in other capitals, is added once with a warning")
    func newEvidenceTwice() throws {
        // Given a control whose evidence cell names one new item twice, the second time in small letters
        let workdir = try CLIWorkdir()
        try workdir.ok("init", "--org", "Acme")
        try workdir.write(
            "twice.csv",
            "control_id,title,frequency,nature,evidence\nAC-01,Access review,quarterly,manual,User list; user list\n")
        // When it is imported
        let run = try workdir.run("import", "twice.csv")
        // Then the import succeeds (not a raw UNIQUE constraint failure) and the item is listed once
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "twice.csv, row 2, column E (evidence): warning: evidence names EV-USER-LIST more than once"),
            "\(run.stderr)")
        #expect(run.stdout.contains("evidence: 1 added"), "\(run.stdout)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: try workdir.ok("controls", "show", "AC-01", "--json").bytes)
                as? [String: Any])
        #expect(json["evidence"] as? [String] == ["EV-USER-LIST"])
    }

    @Test("a duplicate id is reported at its row with the first row named, and nothing is written")
    func duplicateRow() throws {
        // Given a file that defines AC-01 twice, the second time in small letters
        let workdir = try CLIWorkdir()
        try workdir.ok("init", "--org", "Acme")
        try workdir.write(
            "dup.csv",
            "control_id,title,frequency,nature\nAC-01,Access review,quarterly,manual\nAC-02,Other,annual,manual\n"
                + "ac-01,Again,monthly,manual\n")
        // When it is imported
        let run = try workdir.run("import", "dup.csv")
        // Then the duplicate is one error at row 4 naming row 2, and no control was written
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "dup.csv, row 4, column A (control_id): error: duplicate control id ac-01\n    hint: first defined at dup.csv row 2; keep one row per id"
            ), "\(run.stderr)")
        #expect(try workdir.ok("controls", "list").stdout.contains("AC-01") == false)
    }

    @Test("the changes of a first import name each added row's file, in csv and with --diff; the summary counts them")
    func addedRowsNameTheirFile() throws {
        // Given a new workspace, an objectives file and a controls file
        let workdir = try CLIWorkdir()
        try workdir.ok("init", "--org", "Acme")
        try workdir.write(
            "objectives.csv", "objective_id,title,domain,area\nOBJ-1,Access is restricted,itgc,logical-access\n")
        try workdir.write(
            "controls.csv",
            "control_id,title,frequency,nature,soc1_objectives\nAC-01,Access review,quarterly,manual,OBJ-1\n"
                + "AC-02,Change review,annual,manual,OBJ-1\n")
        // When the changes are listed one column a row
        let csv = csvRecords(
            try workdir.ok("import", "objectives.csv", "controls.csv", "--dry-run", "--format", "csv").stdout)
        // Then every added row names the file it came from
        let added = csv.dropFirst().filter { $0[2] == "added" }
        #expect(
            Set(added.map { "\($0[1]) \($0[6])" }).isSuperset(of: [
                "OBJ-1 objectives.csv", "AC-01 controls.csv", "AC-02 controls.csv",
            ]))
        #expect(!added.isEmpty && added.allSatisfy { !$0[6].isEmpty }, "\(csv)")
        // And the plain summary counts them, and --diff lists them
        let summary = try workdir.ok("import", "objectives.csv", "controls.csv", "--dry-run").stdout
        #expect(summary.contains("controls: 2 would be added"), "\(summary)")
        let diff = try workdir.ok("import", "objectives.csv", "controls.csv", "--dry-run", "--diff").stdout
        #expect(diff.contains("+ AC-01") && diff.contains("+ AC-02"), "\(diff)")
    }

    @Test("a file with extra empty cells past its header takes a default for a column it lacks")
    func defaultPastTheHeader() throws {
        // Given controls without a frequency column, one row ending in two empty extra cells
        let workdir = try CLIWorkdir()
        try workdir.ok("init", "--org", "Acme")
        try workdir.write(
            "controls.csv", "control_id,title,nature\nAC-01,Access review,manual,,\nAC-02,Change review,manual\n")
        // When it is imported with a default frequency
        let run = try workdir.run("import", "controls.csv", "--default", "frequency=monthly")
        // Then both controls are monthly, and none is reported not sized
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("not sized"), "\(run.stderr)")
        for id in ["AC-01", "AC-02"] {
            let json = try #require(
                try JSONSerialization.jsonObject(with: try workdir.ok("controls", "show", id, "--json").bytes)
                    as? [String: Any])
            #expect(json["frequency"] as? String == "monthly", "\(id)")
        }
    }

    /// A controls file over 1 MiB (written as it is read): `count` controls with long titles, the
    /// last one's criteria `lastCriteria`.
    static func largeControls(_ count: Int, lastCriteria: String = "CC6.1") -> String {
        let title = String(repeating: "Quarterly review of privileged access to the payroll ledger. ", count: 2)
        return "control_id,title,frequency,nature,soc2_criteria\n"
            + (1...count).map { number in
                "C-\(number),\(title)\(number),quarterly,manual,\(number == count ? lastCriteria : "CC6.1; CC6.2")\n"
            }.joined()
    }

    @Test(
        "a large first import, checked and then written as its file is read, says what it adds and holds every control")
    func largeFirstImport() throws {
        // Given a new workspace and a controls file of 1.3 MB
        let workdir = try CLIWorkdir()
        try workdir.ok("init", "--org", "Acme")
        let text = Self.largeControls(10_000)
        #expect(text.utf8.count > 1 << 20)
        try workdir.write("controls.csv", text)
        // When it is checked with --dry-run, the summary counts what would be added and nothing is written
        let check = try workdir.run("import", "controls.csv", "--dry-run")
        #expect(check.status == 0, "\(check.stderr)")
        #expect(
            check.stdout
                == "controls: 10000 would be added, 0 would be updated, 0 unchanged\ndry run: nothing was written\n"
                + "checked 1 file: 10000 rows (10000 would be added, 0 would be updated, 0 unchanged), 0 errors, 0 warnings\n",
            "\(check.stdout)")
        #expect(csvRecords(try workdir.ok("controls", "list", "--format", "csv").stdout).count == 1)
        // When it is imported
        let run = try workdir.run("import", "controls.csv")
        // Then the summary counts the 10,000 controls, and the workspace holds them with their lists
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout
                == "controls: 10000 added, 0 updated, 0 unchanged\n"
                + "imported 1 file: 10000 rows (10000 added, 0 updated, 0 unchanged), 0 errors, 0 warnings\n",
            "\(run.stdout)")
        let rows = csvRecords(try workdir.ok("controls", "list", "--format", "csv").stdout)
        #expect(rows.count == 10_001)
        let json = try #require(
            try JSONSerialization.jsonObject(with: try workdir.ok("controls", "show", "C-9999", "--json").bytes)
                as? [String: Any])
        #expect(json["criteria"] as? [String] == ["CC6.1", "CC6.2"], "\(json)")
    }

    @Test("a large first import with an error in its last row reports it at its row and writes nothing")
    func largeImportErrorAtTheEnd() throws {
        // Given a new workspace and a controls file of 1.3 MB whose last control names no criterion
        let workdir = try CLIWorkdir()
        try workdir.ok("init", "--org", "Acme")
        try workdir.write("controls.csv", Self.largeControls(10_000, lastCriteria: "CC99.1"))
        // When it is imported
        let run = try workdir.run("import", "controls.csv")
        // Then the error names row 10,001 and its column, and no control was written
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "controls.csv, row 10001, column E (soc2_criteria): error: unknown criterion CC99.1"),
            "\(run.stderr)")
        #expect(run.stderr.contains("nothing was written"), "\(run.stderr)")
        #expect(csvRecords(try workdir.ok("controls", "list", "--format", "csv").stdout).count == 1)
    }
}
