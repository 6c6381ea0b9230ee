import Foundation
import Testing

// End to end through the built binary: a third-party control matrix, laid out the way published
// matrices are (a title banner above the header, an id column named "Ref #", a description with
// line breaks inside cells, dozens of columns mapping to other frameworks, nature written as
// "Process"/"Technology", type including "Corrective", SOC 1 / SOC 2 flag columns holding X, an
// "In scope" column, no frequency), and each obstacle it raises, with its message.

/// The messy matrix: `controls` controls, `extra` framework columns (ISO, NIST, …), `separator`.
private func matrix(controls: Int = 12, extra: Int = 43, separator: String = ",") -> String {
    func cell(_ text: String) -> String {
        text.contains(separator) || text.contains("\n") || text.contains("\"")
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
    let frameworks = (1...extra).map { "Framework \($0) Ref" }
    let header =
        [
            "Ref #", "Control Title", "Control Description", "Control Type", "Preventive/Detective", "Owner", "SOC 1",
            "SOC 2", "TSC", "In scope",
        ] + frameworks
    let banner = ["Example Co. control matrix, FY2026 — internal"] + Array(repeating: "", count: header.count - 1)
    var rows = [banner, Array(repeating: "", count: header.count), header]
    for index in 1...controls {
        let id = String(format: "ITGC-%02d", index)
        let nature = index % 3 == 0 ? "Technology" : "Process"
        let type = index % 4 == 0 ? "Corrective" : index % 2 == 0 ? "Detective" : "Preventive"
        let soc1 = index % 2 == 0 ? "X" : ""
        let scope = index == controls ? "N" : "Y"
        let description = "Line one of control \(index).\nLine two: evidence is retained."
        rows.append(
            [id, "Control \(index)", description, nature, type, "IT", soc1, "X", "CC6.1", scope]
                + frameworks.map { _ in "A.\(index)" })
    }
    return rows.map { $0.map(cell).joined(separator: separator) }.joined(separator: "\r\n") + "\r\n"
}

/// A guidance sheet keyed by the same ids: test steps and population size per control.
private func guidance(controls: Int = 12) -> String {
    var lines = ["Control ID,Test Procedures,Annual Volume"]
    for index in 1...controls {
        lines.append(String(format: "ITGC-%02d", index) + ",Inspect the ticket \(index),\(index * 10)")
    }
    return lines.joined(separator: "\n") + "\n"
}

private let mappingYAML = """
    # Example Co.'s matrix, every quarter
    columns:
      Control Type: nature
      Preventive/Detective: type
    values:
      nature: {Process: manual, Technology: automated}
      type:
        Corrective: detective
    defaults:
      frequency: quarterly

    """

extension CLIWorkdir {
    /// A payroll workspace without starter controls and engagement fy2026, both Type 2 over 2026.
    fileprivate static func empty() throws -> CLIWorkdir {
        let sandbox = try CLIWorkdir()
        try sandbox.ok("init", "--org", "Example", "--profile", "payroll", "--no-starter-controls")
        try sandbox.ok(
            "engagement", "create", "fy2026", "--soc1", "type2", "--soc1-period", "2026-01-01..2026-12-31", "--soc2",
            "type2", "--soc2-period", "2026-01-01..2026-12-31")
        return sandbox
    }
}

@Suite("import: mappings and messy matrices, end to end")
struct ImportMappingCLITests {
    @Test func theRawMatrixFailsWithGroupedSpreadsheetMessagesAndWritesNothing() throws {
        // Given the matrix as published
        let sandbox = try CLIWorkdir.empty()
        try sandbox.write("matrix.csv", matrix())

        // When it is imported without a mapping
        let run = try sandbox.run("import", "matrix.csv")

        // Then it fails, and each obstacle is said once, in spreadsheet terms
        #expect(run.status == 1)
        let err = run.stderr
        // the banner rows are skipped and said so
        #expect(err.contains("matrix.csv: note: the header is row 3; rows 1–2 above it are left out"), "\(err)")
        // 43 framework columns: one warning with the list
        #expect(
            err.contains(
                "matrix.csv, row 3: warning: 43 columns are not controls columns and are ignored: K (Framework 1 Ref), L (Framework 2 Ref)"
            ), "\(err)")
        #expect(err.components(separatedBy: "not controls columns").count == 2)
        // both type-like columns are named, with their letters and headers
        #expect(err.contains("error: columns D (Control Type) and E (Preventive/Detective) both map to type"), "\(err)")
        // 8 × "Process" grouped, by spreadsheet row (each record spans two text lines)
        #expect(
            err.contains("matrix.csv, column D (Control Type): error: 8 × unknown type \"Process\" (rows 4–14)"),
            "\(err)")
        #expect(err.contains("hint: map it with --value \"type:Process=VALUE\""), "\(err)")
        // the flag columns are flags, not objective lists
        #expect(!err.contains("unknown SOC 1 objective"), "\(err)")
        #expect(!err.contains("\"X\""), "\(err)")
        // the one-line summary ends the run
        #expect(err.hasSuffix("error: import failed: 3 errors, 3 warnings in 1 file; nothing was written\n"), "\(err)")
        #expect(try sandbox.ok("controls", "list", "--format", "csv").stdout.split(separator: "\n").count == 1)
    }

    @Test func aMappingFileImportsItAndSaveMappingWritesWhatTheRunUsed() throws {
        // Given the matrix and a mapping file naming what the flags would
        let sandbox = try CLIWorkdir.empty()
        try sandbox.write("matrix.csv", matrix())
        try sandbox.write("mapping.yaml", mappingYAML)

        // When it is imported with the mapping, plus one flag, and the mapping saved
        let run = try sandbox.run(
            "import", "matrix.csv", "--mapping", "mapping.yaml", "--column", "Framework 1 Ref=-", "--save-mapping",
            "saved.csv")

        // Then 11 controls are imported (the 12th is out of scope), natures and types mapped
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("controls: 11 added"), "\(run.stdout)")
        #expect(
            run.stdout.hasSuffix("imported 1 file: 11 rows (11 added, 0 updated, 0 unchanged), 0 errors, 2 warnings\n"),
            "\(run.stdout)")
        #expect(
            run.stderr.contains("1 row marked out of scope in column J (In scope) is not imported (row 15)"),
            "\(run.stderr)"
        )
        #expect(run.stderr.contains("42 columns are not controls columns"), "the flag ignored one: \(run.stderr)")
        let listed = csvRecords(try sandbox.ok("controls", "list", "--format", "csv").stdout)
        let third = try #require(listed.first { $0.first == "ITGC-03" })
        #expect(third[2] == "quarterly" && third[3] == "automated", "\(third)")
        #expect(try sandbox.ok("controls", "show", "ITGC-04").stdout.contains("Type:            detective"))
        // SOC 1 flags with no objective column: a warning, grouped
        #expect(
            run.stderr.contains(
                "column G (SOC 1): warning: 5 × marked SOC 1 but maps to no SOC 1 objective (rows 5–13)"),
            "\(run.stderr)")

        // And the saved mapping holds the file's settings and the flag
        let saved = try sandbox.text("saved.csv")
        #expect(saved.contains("value,nature,Process,manual"))
        #expect(saved.contains("value,type,Corrective,detective"))
        #expect(saved.contains("ignore,,Framework 1 Ref,"))
        #expect(saved.contains("default,frequency,,quarterly"))

        // And the saved mapping alone reproduces the run: nothing changes
        let again = try sandbox.run("import", "matrix.csv", "--mapping", "saved.csv")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("controls: 0 added, 0 updated, 11 unchanged"), "\(again.stdout)")
    }

    @Test func controlsWithoutFrequencyImportWithOneWarningAndAreNotSized() throws {
        // Given the matrix mapped, but with no frequency at all
        let sandbox = try CLIWorkdir.empty()
        try sandbox.write("matrix.csv", matrix(controls: 6, extra: 2))
        try sandbox.write(
            "mapping.yaml", mappingYAML.replacingOccurrences(of: "defaults:\n  frequency: quarterly\n", with: ""))

        // When it is imported
        let run = try sandbox.run("import", "matrix.csv", "--mapping", "mapping.yaml")

        // Then they import with one warning that counts them
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "warning: 5 controls (5 without a frequency) are imported but not sized until set: ITGC-01, ITGC-02, ITGC-03, ITGC-04, ITGC-05"
            ), "\(run.stderr)")
        #expect(run.stderr.components(separatedBy: "not sized").count == 2)

        // And check and plan list them, the overlap counts them, and they get no sample or hours
        let check = try sandbox.run("check")
        #expect(
            check.stderr.contains("ITGC-01 is not sized: frequency unknown")
                || check.stdout.contains("ITGC-01 is not sized: frequency unknown"), "\(check.stdout)\(check.stderr)")
        let plan = try sandbox.run("plan", "--format", "csv")
        // (5 alike warnings are one line on stderr, with the others' ids)
        #expect(
            plan.stderr.contains("warning: 5 alike: ITGC-01 is not sized: frequency unknown; and 4 more\n"),
            "\(plan.stderr)")
        #expect(plan.stderr.contains("    the others: ITGC-02, ITGC-03, ITGC-04, ITGC-05\n"), "\(plan.stderr)")
        #expect(!plan.stdout.contains("ITGC-0"), "no plan row, so no sample: \(plan.stdout)")
        let overlap = try #require(
            try JSONSerialization.jsonObject(with: sandbox.ok("overlap", "--format", "json").bytes) as? [String: Any])
        #expect(
            (overlap["soc2_only"] as? [String] ?? []).count + (overlap["shared"] as? [String] ?? []).count == 5,
            "\(overlap)")
        #expect(try sandbox.ok("controls", "show", "ITGC-01").stdout.contains("Frequency:       unknown (not sized)"))

        // When the frequency is set by a later import, the control is sized
        try sandbox.write("freq.csv", "control_id,title,frequency\nITGC-01,Control 1,monthly\n")
        try sandbox.ok("import", "freq.csv")
        let sized = try sandbox.run("plan", "--format", "csv")
        #expect(sized.stdout.contains("ITGC-01"), "\(sized.stdout)")
        #expect(!sized.stderr.contains("ITGC-01 is not sized"), "\(sized.stderr)")
    }

    @Test(arguments: [";", "\t"])
    func semicolonAndTabSeparatedFilesAreDetected(separator: String) throws {
        // Given the matrix saved with another separator
        let sandbox = try CLIWorkdir.empty()
        try sandbox.write("matrix.csv", matrix(controls: 4, extra: 3, separator: separator))
        try sandbox.write("mapping.yaml", mappingYAML)

        // When it is imported, Then the columns are found as with commas
        let run = try sandbox.run("import", "matrix.csv", "--mapping", "mapping.yaml")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("controls: 3 added"), "\(run.stdout)")
    }

    @Test func aCp1252FileKeepsItsClearError() throws {
        // Given a matrix saved by a spreadsheet in Windows-1252 ("é" as the byte E9)
        let sandbox = try CLIWorkdir.empty()
        var bytes = Array("control_id;title;frequency;nature\nAC-01;Acc".utf8)
        bytes += [0xE9]
        bytes += Array("s review;quarterly;manual\n".utf8)
        try Data(bytes).write(to: sandbox.url.appendingPathComponent("latin.csv"))

        // When it is imported, Then it fails naming the row and the fix
        let run = try sandbox.run("import", "latin.csv")
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: text is not valid UTF-8"), "\(run.stderr)")
        #expect(run.stderr.contains("save the file as UTF-8"), "\(run.stderr)")
    }

    @Test func aGuidanceSheetKeyedByTheSameIdsIsMergedNotDuplicated() throws {
        // Given the controls sheet and a guidance sheet with the same ids
        let sandbox = try CLIWorkdir.empty()
        try sandbox.write("matrix.csv", matrix(controls: 12, extra: 1))
        try sandbox.write("guidance.csv", guidance())
        try sandbox.write("mapping.yaml", mappingYAML)

        // When both are imported in one command
        let run = try sandbox.run("import", "matrix.csv", "guidance.csv", "--mapping", "mapping.yaml")

        // Then their columns are merged, with no duplicate reported
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("duplicate"), "\(run.stderr)")
        #expect(run.stdout.contains("controls: 11 added"), "\(run.stdout)")
        let shown = try sandbox.ok("controls", "show", "ITGC-02").stdout
        #expect(shown.contains("Inspect the ticket 2"), "\(shown)")
        #expect(shown.contains("Control 2"), "\(shown)")

        // And a guidance sheet contradicting the matrix is an error naming both places
        try sandbox.write("clash.csv", "Control ID,Control Title\nITGC-02,Something else\n")
        let clash = try sandbox.run("import", "matrix.csv", "clash.csv", "--mapping", "mapping.yaml")
        #expect(clash.status == 1)
        #expect(
            clash.stderr.contains(
                "clash.csv, row 2, column B (Control Title): error: control ITGC-02: title \"Something else\" differs from \"Control 2\" at matrix.csv row 5"
            ), "\(clash.stderr)")
    }

    @Test func theRowIsTheSpreadsheetRowNotTheTextLine() throws {
        // Given a file whose first record holds a line break inside a cell
        let sandbox = try CLIWorkdir.empty()
        try sandbox.write(
            "c.csv", "control_id,title,frequency,nature\nA-1,\"two\nlines\",monthly,manual\nA-2,ok,fortnightly,manual\n"
        )

        // When it is imported, Then the error names row 3 (the text line is 4), column C and its header
        let run = try sandbox.run("import", "c.csv")
        #expect(
            run.stderr.contains("c.csv, row 3, column C (frequency): error: unknown frequency \"fortnightly\""),
            "\(run.stderr)")
    }

    @Test func aWrongMappingIsRefusedBeforeAnythingIsRead() throws {
        let sandbox = try CLIWorkdir.empty()
        try sandbox.write("matrix.csv", matrix(controls: 2, extra: 1))
        try sandbox.write("bad.yaml", "columns:\n  Control Type: natur\nfrobnicate: 1\n")
        let run = try sandbox.run("import", "matrix.csv", "--mapping", "bad.yaml")
        #expect(run.status == 1)
        #expect(run.stderr.contains("unknown key \"frobnicate\""), "\(run.stderr)")
        let typo = try sandbox.run("import", "matrix.csv", "--value", "natur:Process=manual")
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("unknown field \"natur\""), "\(typo.stderr)")
        #expect(typo.stderr.contains("nature"), "\(typo.stderr)")
    }
}
