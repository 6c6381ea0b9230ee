import Foundation
import Testing

// End to end through the built binary: the review file of `suggest` (write, decide row by row,
// apply), stale and edited rows, --min-confidence and --control.

/// RFC 4180 text of rows, quoting only where needed (as a spreadsheet saves it).
private func csvText(_ rows: [[String]]) -> String {
    rows.map { row in
        row.map { cell in
            cell.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ",")
    }.joined(separator: "\n") + "\n"
}

/// A payroll workspace holding the SOC 2-only matrix of the engagement suite, and its review file.
private func reviewed() throws -> (dir: CLIWorkdir, rows: [[String]]) {
    let dir = try CLIWorkdir()
    try dir.ok("init", "--org", "Acme Payroll", "--profile", "payroll", "--cloud", "generic")
    try dir.write("matrix.csv", EngagementCLITests.soc2Matrix)
    try dir.ok("import", "matrix.csv")
    let written = try dir.ok("suggest", "--format", "csv", "--out", "review.csv")
    #expect(written.stdout.isEmpty)
    #expect(written.stderr.contains("6 suggestions written to review.csv"))
    return (dir, csvRecords(try dir.text("review.csv")))
}

/// The rows of the review file decided: `decisions` maps "SEC-3 ITGC-04" to the accept cell.
private func decide(_ rows: [[String]], _ decisions: [String: String]) -> [[String]] {
    rows.map { row in
        var row = row
        if let decision = decisions["\(row[0]) \(row[3])"] { row[7] = decision }
        return row
    }
}

/// "SEC-1: ITGC-01" for every control of `controls list --format csv`.
private func objectives(_ dir: CLIWorkdir) throws -> [String] {
    let rows = csvRecords(try dir.ok("controls", "list", "--format", "csv").stdout)
    guard let header = rows.first, let column = header.firstIndex(of: "soc1_objectives") else { return [] }
    return rows.dropFirst().map { "\($0[0]): \($0[column])" }
}

@Suite("socplan suggest: review row by row, end to end")
struct SuggestCLITests {
    @Test("accepted rows are applied, in any order; rejected, undecided and none rows are not")
    func roundTrip() throws {
        // Given the review file, decided and with its rows reordered (reversed under the header)
        let (dir, rows) = try reviewed()
        #expect(rows.first == ["control_id", "title", "add", "id", "confidence", "score", "reasons", "accept"])
        let decided = decide(
            rows,
            [
                "SEC-1 ITGC-01": "yes", "SEC-3 ITGC-03": "Yes", "SEC-3 ITGC-04": "no", "SEC-5 ITGC-07": "y",
                "SEC-6 ": "yes",
            ])
        try dir.write("review.csv", csvText([decided[0]] + decided.dropFirst().reversed()))
        // When it is applied
        let applied = try dir.run("suggest", "--apply", "review.csv")
        // Then the three accepted mappings are written, and the summary counts every row
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(
            applied.stderr.contains(
                "applied 3 accepted rows to 3 controls from review.csv; 1 rejected, 2 undecided, 0 already in place"))
        #expect(
            try objectives(dir) == [
                "SEC-1: ITGC-01", "SEC-2: ", "SEC-3: ITGC-03", "SEC-4: ", "SEC-5: ITGC-07", "SEC-6: ",
            ])
        // And applying the same file again changes nothing and says why
        let again = try dir.run("suggest", "--apply", "review.csv")
        #expect(again.status == 0)
        #expect(
            again.stderr.contains(
                "applied 0 accepted rows to 0 controls from review.csv; 1 rejected, 2 undecided, 3 already in place"))
    }

    @Test("edited fixed columns and bad decisions are reported by line and column, and nothing is written")
    func editedRows() throws {
        // Given the review file with, on accepted rows: a control id, an objective id and a title edited,
        // an objective never suggested for the control, and an accept cell that is neither yes nor no
        let (dir, rows) = try reviewed()
        var edited = decide(
            rows,
            [
                "SEC-1 ITGC-01": "yes", "SEC-2 ITGC-01": "yes", "SEC-3 ITGC-03": "yes", "SEC-3 ITGC-04": "maybe",
                "SEC-5 ITGC-07": "yes",
            ])
        edited[1][0] = "SEC-9"  // line 2: SEC-1's row
        edited[2][3] = "ITGC-99"  // line 3: SEC-2's row
        edited[3][1] = "Changes approved"  // line 4: SEC-3 ITGC-03
        edited[6][3] = "ITGC-06"  // line 7: SEC-5's row, an objective suggest never proposed for it
        try dir.write("review.csv", csvText(edited))
        try dir.ok("export", "--dir", "before")
        // When it is applied
        let applied = try dir.run("suggest", "--apply", "review.csv")
        // Then it fails, naming every problem where it is, with a hint
        #expect(applied.status == 1)
        let text = try dir.text("review.csv")
        func at(_ line: Int, _ value: String) -> String {
            let row = text.components(separatedBy: "\n")[line - 1]
            return "review.csv:\(line):\(row.distance(from: row.startIndex, to: row.range(of: value)!.lowerBound) + 1)"
        }
        for expected in [
            "\(at(2, "SEC-9")): error: unknown control \"SEC-9\"",
            "\(at(3, "ITGC-99")): error: unknown objective \"ITGC-99\"",
            "\(at(4, "Changes approved")): error: the title of SEC-3 is not \"Changes approved\"",
            "\(at(5, "maybe")): error: accept \"maybe\" is neither yes nor no",
            "\(at(7, "ITGC-06")): error: ITGC-06 is not a suggestion for SEC-5",
            "review.csv was not applied; nothing was written",
        ] {
            #expect(applied.stderr.contains(expected), "\(expected)\n\(applied.stderr)")
        }
        #expect(applied.stderr.components(separatedBy: "hint:").count - 1 == 5)
        // And the workspace is as it was
        try dir.ok("export", "--dir", "after")
        #expect(try dir.data("after/controls.csv") == (try dir.data("before/controls.csv")))
    }

    @Test("a row gone stale because the control was reworded after the file was written is refused")
    func staleRow() throws {
        // Given the review file with SEC-5 accepted, then SEC-5 retitled in the workspace
        let (dir, rows) = try reviewed()
        try dir.write("review.csv", csvText(decide(rows, ["SEC-1 ITGC-01": "yes", "SEC-5 ITGC-07": "yes"])))
        try dir.write(
            "retitle.csv",
            "control_id,title,frequency,nature,key,soc2_criteria\nSEC-5,Nightly snapshots kept,daily,automated,yes,A1.2\n"
        )
        try dir.ok("import", "retitle.csv")
        // When the file is applied
        let applied = try dir.run("suggest", "--apply", "review.csv")
        // Then SEC-5's row is refused and SEC-1's, although fine, is not written either
        #expect(applied.status == 1)
        #expect(applied.stderr.contains("review.csv:7:7: error: the title of SEC-5 is not"))
        #expect(try objectives(dir).first == "SEC-1: ")
    }

    @Test("a review file that is not one is refused: missing columns, or no such file")
    func badFiles() throws {
        // Given a controls file passed as a review file
        let (dir, _) = try reviewed()
        let wrong = try dir.run("suggest", "--apply", "matrix.csv")
        // Then the missing columns are named, exit 1
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("matrix.csv:1:1: error: required column add is missing"))
        #expect(wrong.stderr.contains("required column accept is missing"))
        // And a missing file is named
        let missing = try dir.run("suggest", "--apply", "nowhere.csv")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no such file: nowhere.csv"))
        // And a review file without --apply is a usage error
        #expect(try dir.run("suggest", "review.csv").status == 2)
    }

    @Test("--min-confidence leaves the low suggestions out of the list")
    func minimumConfidence() throws {
        // Given the matrix
        let (dir, _) = try reviewed()
        // When only medium and above are asked for
        let listed = try dir.ok("suggest", "--format", "csv", "--min-confidence", "medium")
        // Then the two low ones (SEC-3 → ITGC-04, SEC-4 → ITGC-05) are gone
        let rows = csvRecords(listed.stdout).dropFirst()
        #expect(
            rows.filter { $0[2] == "objective" }.map { "\($0[0]) \($0[3])" } == [
                "SEC-1 ITGC-01", "SEC-2 ITGC-01", "SEC-3 ITGC-03", "SEC-5 ITGC-07",
            ])
        #expect(listed.stderr.contains("4 suggestions"))
    }

    @Test("a frequency the words name is a row of the review file, applied when accepted")
    func frequencyRow() throws {
        // Given two controls whose words name another frequency than the one recorded
        let dir = try CLIWorkdir()
        try dir.ok("init", "--org", "Acme Payroll", "--profile", "payroll", "--no-starter-controls")
        try dir.write(
            "matrix.csv",
            """
            control_id,title,description,frequency,nature,key,soc2_criteria
            F-1,Quarterly user access review,Owners review user access each quarter.,annual,manual,yes,CC6.1
            F-2,Change tickets approved,Each change is approved in its ticket before deployment.,daily,manual,yes,CC8.1

            """)
        try dir.ok("import", "matrix.csv")
        // When the suggestions are written to a review file
        try dir.ok("suggest", "--format", "csv", "--out", "review.csv")
        let rows = csvRecords(try dir.text("review.csv"))
        // Then each has a frequency row, with the words and the recorded value as its reasons
        let frequencies = rows.filter { $0[2] == "frequency" }
        #expect(frequencies.map { "\($0[0]) \($0[3]) \($0[4])" } == ["F-1 quarterly high", "F-2 event-driven high"])
        #expect(frequencies.first?[6] == "words +3: quarterly, each quarter; recorded as annual")
        // When F-1's row is accepted and F-2's rejected
        try dir.write(
            "review.csv",
            csvText(
                rows.map { row in
                    guard row[2] == "frequency" else { return row }
                    var row = row
                    row[7] = row[0] == "F-1" ? "yes" : "no"
                    return row
                }))
        let applied = try dir.run("suggest", "--apply", "review.csv")
        // Then only F-1's frequency changes
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stderr.contains("applied 1 accepted row to 1 control from review.csv; 1 rejected"))
        let listed = csvRecords(try dir.ok("controls", "list", "--format", "csv").stdout)
        let column = try #require(listed.first?.firstIndex(of: "frequency"))
        #expect(listed.dropFirst().map { "\($0[0]) \($0[column])" } == ["F-1 quarterly", "F-2 daily"])
    }

    @Test("--control explains one control: every objective with its score, those below the line too")
    func explain() throws {
        // Given the matrix
        let (dir, _) = try reviewed()
        // When SEC-3 is explained
        let explained = try dir.ok("suggest", "--control", "sec-3", "--format", "csv")
        // Then every objective of the workspace is a row (10 ITGC + 7 payroll), best first, with its reasons
        let rows = csvRecords(explained.stdout)
        #expect(rows.first == ["add", "id", "score", "confidence", "reasons"])
        #expect(rows.dropFirst().count == 17)
        #expect(rows[1].prefix(4) == ["objective", "ITGC-03", "3.42", "high"])
        #expect(rows[2].prefix(4) == ["objective", "ITGC-04", "1.25", "low"])
        // And an objective word found in several objectives' titles says by how many it is shared
        #expect(rows[1][4].contains("objective +0.42: change (÷3), tested (÷2)"))
        #expect(rows.contains { $0[1] == "ITGC-07" && $0[3] == "below the line" })
        #expect(explained.stderr.contains("high from 3, medium from 2, low from 1"))
        // And an unknown control is an error with the nearest ids
        let unknown = try dir.run("suggest", "--control", "SEC-33")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown control \"SEC-33\""))
        #expect(unknown.stderr.contains("did you mean"))
    }
}

/// Runs a python3 script with openpyxl on a file of the work directory; nil when openpyxl is missing
/// (CI sets SOCPLAN_REQUIRE_OPENPYXL=1 and installs it, so there a missing one fails the test).
private func openpyxl(_ script: String, _ dir: CLIWorkdir, _ name: String) throws -> String? {
    let required = ProcessInfo.processInfo.environment["SOCPLAN_REQUIRE_OPENPYXL"] == "1"
    // The first python3 on PATH that has openpyxl.
    let found = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").lazy
        .map { URL(fileURLWithPath: String($0)).appendingPathComponent("python3") }
        .filter { FileManager.default.isExecutableFile(atPath: $0.path) }
        .first { (try? SOCPlanBinary.run(["-c", "import openpyxl"], in: dir.url, executable: $0))?.status == 0 }
    guard let python = found else {
        #expect(!required, "python3 with openpyxl is required")
        return nil
    }
    let outcome = try SOCPlanBinary.run(
        ["-c", script, dir.url.appendingPathComponent(name).path], in: dir.url, executable: python)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    return String(decoding: outcome.stdout, as: UTF8.self)
}

@Suite("socplan suggest: the review file as a workbook")
struct SuggestWorkbookCLITests {
    @Test(
        "--out review.xlsx writes a workbook; accepted rows in it are applied; an edited cell is named by sheet and cell"
    )
    func workbookRoundTrip() throws {
        // Given the SOC 2 matrix and its suggestions written as a workbook
        let dir = try CLIWorkdir()
        try dir.ok("init", "--org", "Acme Payroll", "--profile", "payroll", "--no-starter-controls")
        try dir.write("matrix.csv", EngagementCLITests.soc2Matrix)
        try dir.ok("import", "matrix.csv")
        let written = try dir.ok("suggest", "--out", "review.xlsx")
        #expect(written.stdout.isEmpty)
        #expect(written.stderr.contains("6 suggestions written to review.xlsx"))
        // Then a spreadsheet sees the review columns, the score as a number and a yes/no list on accept
        let seen = try openpyxl(
            """
            import sys, openpyxl
            sheet = openpyxl.load_workbook(sys.argv[1])["Suggestions"]
            print("|".join(c.value or "" for c in sheet[1]))
            print(sheet["F2"].data_type, sheet["A2"].value, sheet["D2"].value)
            print([v.formula1 for v in sheet.data_validations.dataValidation])
            """, dir, "review.xlsx")
        guard let seen else { return }
        let lines = seen.split(separator: "\n").map(String.init)
        #expect(lines.first == "control_id|title|add|id|confidence|score|reasons|accept")
        #expect(lines.dropFirst().first == "n SEC-1 ITGC-01")
        #expect(lines.last?.contains("yes,no") == true)
        // When SEC-1's and SEC-5's rows are accepted in the workbook and saved
        _ = try openpyxl(
            """
            import sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1]); sheet = book["Suggestions"]
            for row in sheet.iter_rows(min_row=2):
                if (row[0].value, row[3].value) in (("SEC-1", "ITGC-01"), ("SEC-5", "ITGC-07")): row[7].value = "yes"
            book.save(sys.argv[1])
            """, dir, "review.xlsx")
        let applied = try dir.run("suggest", "--apply", "review.xlsx")
        // Then those two mappings are written
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stderr.contains("applied 2 accepted rows to 2 controls from review.xlsx"))
        // When an accepted row's objective is edited to one never suggested for it
        _ = try openpyxl(
            """
            import sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1]); sheet = book["Suggestions"]
            sheet["D2"].value = "ITGC-06"
            book.save(sys.argv[1])
            """, dir, "review.xlsx")
        let refused = try dir.run("suggest", "--apply", "review.xlsx")
        // Then the cell is named by its sheet, cell and header, and nothing is written
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "review.xlsx, sheet Suggestions, cell D2 (id): error: ITGC-06 is not a suggestion for SEC-1"),
            "\(refused.stderr)")
    }
}
