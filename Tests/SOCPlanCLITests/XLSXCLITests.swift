import Foundation
import Testing

// End to end through the built `socplan` binary: workbooks written by `export --format xlsx` and the
// table commands, read by an independent reader (openpyxl), saved again by LibreOffice, and imported.

/// An independent reader of the workbooks: openpyxl, through python3. Locally the tests skip with a
/// message when it is missing; CI sets SOCPLAN_REQUIRE_OPENPYXL=1 (and installs it), so there they fail.
private enum Openpyxl {
    static let required = ProcessInfo.processInfo.environment["SOCPLAN_REQUIRE_OPENPYXL"] == "1"

    static let python: URL? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    static let available: Bool = {
        guard let python, let outcome = try? run(python, ["-c", "import openpyxl"]) else { return false }
        return outcome.status == 0
    }()

    static var skipReason: Comment? {
        available || required ? nil : "python3 with openpyxl is not installed here (pip install openpyxl)"
    }

    static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
        try SOCPlanBinary.run(arguments, in: FileManager.default.temporaryDirectory, executable: executable)
    }

    /// What openpyxl sees in a workbook: per sheet, its rows of (value, type), frozen pane, filter, bold header.
    static func read(_ file: URL) throws -> [String: [String: Any]] {
        let python = try #require(python, "python3 is required for the workbook tests")
        let script = """
            import json, sys, datetime, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            out = {}
            for sheet in book:
                rows = [[[c.value.isoformat()[:10] if isinstance(c.value, datetime.datetime) else c.value, c.data_type,
                          bool(c.alignment.wrap_text)] for c in row] for row in sheet.iter_rows()]
                out[sheet.title] = {"rows": rows, "freeze": sheet.freeze_panes, "filter": sheet.auto_filter.ref,
                    "bold": bool(sheet["A1"].font.b), "order": book.sheetnames.index(sheet.title),
                    "validations": [[v.sqref.__str__(), v.formula1] for v in sheet.data_validations.dataValidation]}
            print(json.dumps(out))
            """
        let outcome = try run(python, ["-c", script, file.path])
        try #require(outcome.status == 0, "openpyxl could not read \(file.lastPathComponent): \(outcome.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: outcome.stdout) as? [String: [String: Any]])
    }

    /// A sheet's rows as [[value]] with values as openpyxl typed them, and the type codes.
    static func rows(_ sheet: [String: Any]?) -> [[(value: Any, type: String, wrap: Bool)]] {
        let rows = sheet?["rows"] as? [[[Any]]] ?? []
        return rows.map { row in
            row.map { cell in (cell[0], cell[1] as? String ?? "", cell[2] as? Bool ?? false) }
        }
    }
}

/// LibreOffice, headless, to save a workbook again the way a person's spreadsheet does.
private enum LibreOffice {
    static let soffice: URL? = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/opt/homebrew/bin/soffice"].map {
        URL(fileURLWithPath: $0)
    }.first { FileManager.default.isExecutableFile(atPath: $0.path) }

    static var skipReason: Comment? {
        soffice != nil || Openpyxl.required ? nil : "LibreOffice (soffice) is not installed here"
    }
}

extension CLIWorkdir {
    /// A payroll workspace with the joint engagement `fy` and controls whose ids spreadsheets mangle.
    fileprivate static func mangledIDs() throws -> CLIWorkdir {
        let workdir = try CLIWorkdir()
        try workdir.ok("init", "--org", "Acme", "--profile", "payroll", "--no-starter-controls")
        try workdir.ok(
            "engagement", "create", "fy", "--soc1", "type2", "--soc1-period", "2026-01-01..2026-12-31", "--soc2",
            "type2", "--soc2-period", "2026-01-01..2026-12-31")
        try workdir.write(
            "tricky.csv",
            "control_id,title,description,frequency,nature,soc1_objectives,soc2_criteria,population_size\r\n"
                + "1.10,Access review,\"=HYPERLINK(\"\"x\"\")\",quarterly,manual,ITGC-01,CC6.1,\r\n"
                + "007,Change approval,\(String(repeating: "A long description. ", count: 6)),monthly,manual,,CC8.1,1200\r\n"
                + "MAR-01,Backup check,\"two\nlines\",daily,automated,,A1.2,\r\n"
                + "TRUE,Vendor review,0012,annual,manual,,CC9.2,\r\n")
        try workdir.ok("import", "tricky.csv")
        return workdir
    }

    fileprivate func file(_ name: String) -> URL { url.appendingPathComponent(name) }
}

@Suite("Workbooks: export --format xlsx, import .xlsx")
struct XLSXCLITests {
    static let trickyIDs = ["1.10", "007", "MAR-01", "TRUE"]

    @Test(.disabled(if: Openpyxl.skipReason != nil, Openpyxl.skipReason ?? ""))
    func exportWritesAWorkbookOpenpyxlReadsWithTypedCells() throws {
        // Given a workspace with ids a spreadsheet would turn into numbers, a date and a boolean
        let workdir = try CLIWorkdir.mangledIDs()
        // When it is exported as a workbook
        let outcome = try workdir.ok("export", "--format", "xlsx", "--out", "inventory.xlsx")
        #expect(outcome.stderr.contains("wrote inventory.xlsx (Objectives:"))
        let book = try Openpyxl.read(workdir.file("inventory.xlsx"))
        // Then openpyxl sees the Summary first and one sheet per table
        let order = book.sorted { ($0.value["order"] as? Int ?? 0) < ($1.value["order"] as? Int ?? 0) }.map(\.key)
        #expect(
            order == [
                "Summary", "Objectives", "Evidence", "Subservice", "Controls", "CSOCs", "CUECs", "Customers",
                "Engagements",
            ])
        // and ids are text cells, exactly as written
        let controls = Openpyxl.rows(book["Controls"])
        let header = controls.first?.map { $0.value as? String ?? "" } ?? []
        for id in Self.trickyIDs {
            let row = try #require(controls.first { $0.first?.value as? String == id }, "no row \(id)")
            #expect(row[0].type == "s", "id \(id) is not a text cell")
        }
        // and counts are numbers, dates are dates, long text wraps, the header is bold, frozen and filtered
        let population = try #require(header.firstIndex(of: "population_size"))
        let change = try #require(controls.first { $0.first?.value as? String == "007" })
        #expect(change[population].type == "n" && (change[population].value as? Int) == 1200)
        let description = try #require(header.firstIndex(of: "description"))
        #expect(change[description].wrap)
        let engagements = Openpyxl.rows(book["Engagements"])
        let start = try #require(engagements.first?.firstIndex { $0.value as? String == "soc1_period_start" })
        #expect(engagements[1][start].type == "d" && engagements[1][start].value as? String == "2026-01-01")
        #expect(book["Controls"]?["freeze"] as? String == "A2")
        #expect(book["Controls"]?["bold"] as? Bool == true)
        #expect((book["Controls"]?["filter"] as? String)?.hasPrefix("A1:") == true)
    }

    @Test(
        .disabled(if: Openpyxl.skipReason != nil || LibreOffice.skipReason != nil, "openpyxl or LibreOffice missing"))
    func aWorkbookSavedByLibreOfficeImportsBackUnchanged() throws {
        // Given the exported workbook, opened and saved again by LibreOffice
        let workdir = try CLIWorkdir.mangledIDs()
        try workdir.ok("export", "--format", "xlsx", "--out", "inventory.xlsx")
        try workdir.ok("export", "--dir", "before")
        let soffice = try #require(LibreOffice.soffice)
        let converted = try SOCPlanBinary.run(
            ["--headless", "--convert-to", "xlsx", "--outdir", "libreoffice", "inventory.xlsx"], in: workdir.url,
            environment: ["HOME": workdir.url.path], executable: soffice)
        try #require(workdir.exists("libreoffice/inventory.xlsx"), "LibreOffice did not convert: \(converted.stderr)")
        // where the ids are still text
        let controls = Openpyxl.rows(try Openpyxl.read(workdir.file("libreoffice/inventory.xlsx"))["Controls"])
        for id in Self.trickyIDs {
            #expect(controls.contains { $0.first?.value as? String == id && $0.first?.type == "s" }, "\(id)")
        }
        // When it is imported
        let outcome = try workdir.ok("import", "libreoffice/inventory.xlsx")
        // Then nothing changes: every table reads back as it was
        #expect(outcome.stdout.contains("controls: 0 added, 0 updated, 4 unchanged"), "\(outcome.stdout)")
        for line in outcome.stdout.split(separator: "\n") where line.contains("added") {
            #expect(line.contains("0 added, 0 updated"), "\(line)")
        }
        try workdir.ok("export", "--dir", "after")
        for table in ["controls", "objectives", "evidence", "engagements", "cuecs", "customers"] {
            #expect(try workdir.data("after/\(table).csv") == workdir.data("before/\(table).csv"), "\(table)")
        }
    }

    @Test(.disabled(if: Openpyxl.python == nil, "python3 is not installed here"))
    func importErrorsNameSheetCellAndHeaderAndWriteNothing() throws {
        // Given an exported workbook in which MAR-01's frequency (row 4 of Controls) now says "fortnightly"
        let workdir = try CLIWorkdir.mangledIDs()
        try workdir.ok("export", "--format", "xlsx", "--out", "inventory.xlsx")
        let controlsBefore = try workdir.ok("controls", "list", "--format", "csv").stdout
        let patched = try Self.replacing("daily", with: "fortnightly", in: try workdir.data("inventory.xlsx"))
        try patched.write(to: workdir.file("patched.xlsx"))
        // When it is imported
        let outcome = try workdir.run("import", "patched.xlsx")
        // Then the error names the workbook, sheet, cell and header; exit 1; nothing written
        #expect(outcome.status == 1)
        #expect(
            outcome.stderr.contains(
                "patched.xlsx, sheet Controls, cell F4 (frequency): error: unknown frequency \"fortnightly\""),
            "\(outcome.stderr)")
        #expect(outcome.stderr.contains("import failed; nothing was written"))
        #expect(try workdir.ok("controls", "list", "--format", "csv").stdout == controlsBefore)
    }

    /// A workbook with one shared string replaced (same length keeps the zip simple: rewritten by python).
    static func replacing(_ old: String, with new: String, in workbook: Data) throws -> Data {
        let python = try #require(Openpyxl.python)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.xlsx")
        let output = directory.appendingPathComponent("out.xlsx")
        try workbook.write(to: input)
        let script = """
            import sys, zipfile
            source, target, old, new = sys.argv[1:5]
            with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
                for item in zin.infolist():
                    data = zin.read(item.filename)
                    if item.filename == "xl/sharedStrings.xml":
                        data = data.replace(f"<t>{old}</t>".encode(), f"<t>{new}</t>".encode())
                    zout.writestr(item, data)
            """
        let run = try Openpyxl.run(python, ["-c", script, input.path, output.path, old, new])
        try #require(run.status == 0, "\(run.stderr)")
        return try Data(contentsOf: output)
    }

    @Test func sheetAndHeaderRowOptionsAreChecked() throws {
        let workdir = try CLIWorkdir.mangledIDs()
        try workdir.ok("export", "--format", "xlsx", "--out", "inventory.xlsx")
        let unknown = try workdir.run("import", "inventory.xlsx", "--sheet", "Matrix")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("inventory.xlsx: error: the workbook has no sheet \"Matrix\""))
        #expect(unknown.stderr.contains("its sheets are: \"Summary\", \"Objectives\""))
        let one = try workdir.ok("import", "inventory.xlsx", "--sheet", "controls", "--header-row", "1", "--dry-run")
        #expect(one.stdout.hasPrefix("controls: 0 would be added, 0 would be updated, 4 unchanged"), "\(one.stdout)")
        let wrongRow = try workdir.run("import", "inventory.xlsx", "--sheet", "Controls", "--header-row", "2")
        #expect(wrongRow.status == 1)
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).write(to: workdir.file("old.xls"))
        let xls = try workdir.run("import", "old.xls")
        #expect(xls.status == 1)
        #expect(xls.stderr.contains("old.xls: error: this is an old-style .xls workbook"))
    }

    @Test(.disabled(if: Openpyxl.skipReason != nil, Openpyxl.skipReason ?? ""))
    func tableCommandsWriteWorkbooks() throws {
        let workdir = try CLIWorkdir.mangledIDs()
        let commands: [(arguments: [String], sheets: [String])] = [
            (["plan"], ["Summary", "Plan"]), (["requests"], ["Summary", "Requests"]),
            (["overlap"], ["Summary", "Coverage", "Controls"]), (["estimate"], ["Summary", "Estimate"]),
            (["estimate", "--staffing"], ["Summary", "Phases", "Weeks"]),
            (["report", "--section4", "soc2"], ["Summary", "Section 4"]),
        ]
        for (index, command) in commands.enumerated() {
            let name = "out\(index).xlsx"
            try workdir.ok(command.arguments + ["--format", "xlsx", "--out", name])
            let book = try Openpyxl.read(workdir.file(name))
            #expect(Set(book.keys) == Set(command.sheets), "\(command.arguments)")
        }
        // Numbers are numbers: the plan's hours, the requests' due dates are dates
        let plan = Openpyxl.rows(try Openpyxl.read(workdir.file("out0.xlsx"))["Plan"])
        let hours = try #require(plan.first?.firstIndex { $0.value as? String == "auditor_hours" })
        #expect(plan.dropFirst().allSatisfy { $0[hours].type == "n" })
        #expect(plan.dropFirst().contains { $0[0].value as? String == "1.10" && $0[0].type == "s" })
        let requests = Openpyxl.rows(try Openpyxl.read(workdir.file("out1.xlsx"))["Requests"])
        let due = try #require(requests.first?.firstIndex { $0.value as? String == "due" })
        #expect(requests.dropFirst().allSatisfy { $0[due].type == "d" })
        // A workbook is not for a terminal: --out is required
        let noOut = try workdir.run("plan", "--format", "xlsx")
        #expect(noOut.status == 1)
        #expect(noOut.stderr.contains("--format xlsx writes a file") && noOut.stderr.contains("add --out FILE.xlsx"))
    }
}
