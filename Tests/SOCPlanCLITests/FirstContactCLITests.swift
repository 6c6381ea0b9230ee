import Foundation
import Testing

// First contact (issue 17): `init` seeds only what it is asked for and says so; an import says
// which columns it kept from before, `--replace-rows` empties them, and `--dry-run --diff` shows
// every change, per row and column, for every kind of file.

@Suite struct FirstContactCLITests {
    // MARK: Seeding

    @Test func initWithoutFlagsSeedsNoControlsCUECsOrCloudAndSaysSo() throws {
        // Given a new workspace with nothing asked for
        let dir = try CLIWorkdir()
        let created = try dir.ok("init", "--org", "T", "--profile", "payroll")

        // Then the summary line says what was and was not seeded
        #expect(created.stdout.contains("17 objectives and 93 evidence items (ITGC and payroll)"), "\(created.stdout)")
        #expect(created.stdout.contains("no controls (import your matrix, or --starter-controls)"))
        #expect(created.stdout.contains("no subservice organization (--cloud aws|azure|gcp)"))
        // And the workspace holds no control, CUEC, subservice organization or CSOC
        try dir.ok("export", "--dir", "out")
        for file in ["controls.csv", "cuecs.csv", "subservice.csv", "csocs.csv"] {
            #expect(csvRecords(try dir.text("out/\(file)")).count == 1, "\(file) has rows")
        }
    }

    @Test func starterControlsAndACloudOnlyWhenAskedWithAVisibleOrigin() throws {
        // Given a workspace asked for starter controls and AWS
        let dir = try CLIWorkdir()
        let created = try dir.ok("init", "--org", "T", "--profile", "payroll", "--starter-controls", "--cloud", "aws")

        // Then init says what it seeded
        #expect(created.stdout.contains("94 starter controls (ids STARTER-…) and 9 CUECs"), "\(created.stdout)")
        #expect(created.stdout.contains("Amazon Web Services carved out with 8 CSOCs"))
        // And every control carries the starter prefix; the CSOCs belong to the named provider
        try dir.ok("export", "--dir", "out")
        let controls = csvRecords(try dir.text("out/controls.csv")).dropFirst()
        #expect(controls.count == 94)
        #expect(controls.allSatisfy { $0.first?.hasPrefix("STARTER-") == true })
        let csocs = csvRecords(try dir.text("out/csocs.csv")).dropFirst()
        #expect(csocs.count == 8 && csocs.allSatisfy { $0[1] == "Amazon Web Services" })
        #expect(csocs.allSatisfy { !$0[2].contains("public cloud provider") })
    }

    @Test func aUsersOwnIdNeverMergesIntoAStarterControl() throws {
        // Given a workspace with starter controls and the user's own AC-01
        let dir = try CLIWorkdir()
        try dir.ok("init", "--org", "T", "--starter-controls")
        try dir.write(
            "mine.csv", "control_id,title,frequency,nature\nAC-01,Quarterly user access review,quarterly,manual\n")

        // When it is imported
        let run = try dir.ok("import", "mine.csv")

        // Then it is a new control, with nothing of the starter control's
        #expect(run.stdout.contains("controls: 1 added, 0 updated, 0 unchanged"), "\(run.stdout)")
        let shown = try #require(try dir.ok("controls", "show", "AC-01", "--json").json() as? [String: Any])
        #expect((shown["description"] as? String ?? "") == "")
        #expect((shown["owner"] as? String ?? "") == "")
    }

    @Test func removingASubserviceOrganizationSaysHowManyCSOCsWentWithIt() throws {
        // Given a workspace with the public cloud and its 8 CSOCs
        let dir = try CLIWorkdir()
        try dir.ok("init", "--org", "T", "--cloud", "gcp")
        try dir.write("sub.csv", "name,services,method\nOther host,Colocation,carve-out\n")

        // When a subservice file without it replaces the list
        let run = try dir.ok("import", "sub.csv", "--replace")

        // Then the summary counts the CSOCs that went with it
        #expect(
            run.stdout.contains("subservice organizations: 1 added, 0 updated, 0 unchanged, 1 removed with 8 CSOCs"))
        try dir.ok("export", "--dir", "out")
        #expect(csvRecords(try dir.text("out/csocs.csv")).count == 1)
    }

    // MARK: Kept columns and --replace-rows

    @Test func anUpdateFromAFileLackingColumnsListsTheColumnsKept() throws {
        // Given a starter workspace and a file with only four columns
        let dir = try CLIWorkdir()
        try dir.ok("init", "--org", "T", "--starter-controls")
        try dir.write(
            "mine.csv",
            "control_id,title,frequency,nature\nSTARTER-AC-01,Quarterly user access review,quarterly,manual\n"
                + "STARTER-AC-02,Leavers removed,event-driven,manual\n")

        // When it is imported
        let run = try dir.ok("import", "mine.csv")

        // Then the rows updated say, in one group, which columns came from the file and which were kept
        #expect(run.stdout.contains("kept from before"), "\(run.stdout)")
        #expect(
            run.stdout.contains(
                "  STARTER-AC-01, STARTER-AC-02: title, frequency, nature from mine.csv; description, owner, type, risk, soc1_objectives, soc2_criteria, evidence, test_methods, population_size, systems kept\n"
            ), "\(run.stdout)")
        let shown = try #require(try dir.ok("controls", "show", "STARTER-AC-01", "--json").json() as? [String: Any])
        #expect((shown["description"] as? String ?? "").hasPrefix("Before a new account is created"))
    }

    @Test func replaceRowsEmptiesTheColumnsTheFileLacks() throws {
        // Given the same file imported with --replace-rows
        let dir = try CLIWorkdir()
        try dir.ok("init", "--org", "T", "--starter-controls")
        try dir.write(
            "mine.csv",
            "control_id,title,frequency,nature\nSTARTER-AC-01,Quarterly user access review,quarterly,manual\n")
        let run = try dir.ok("import", "mine.csv", "--replace-rows")

        // Then nothing is kept: the row is the file's row
        #expect(!run.stdout.contains("kept from before"), "\(run.stdout)")
        let shown = try #require(try dir.ok("controls", "show", "STARTER-AC-01", "--json").json() as? [String: Any])
        #expect((shown["description"] as? String ?? "") == "")
        #expect((shown["title"] as? String) == "Quarterly user access review")
        #expect((shown["soc2_criteria"] as? [Any] ?? shown["criteria"] as? [Any] ?? []).isEmpty)
    }

    // MARK: --dry-run --diff on every kind of file

    /// One kind of file: a first version, and a second that changes ID1, adds ID3, keeps ID4 and drops ID2.
    struct Kind: CustomTestStringConvertible, Sendable {
        var name: String
        var setup: [(file: String, content: String)] = []
        var header: String
        /// ID1, ID2 and ID4 rows, then ID1 changed and ID3.
        var first: [String]
        var second: [String]
        var ids: (changed: String, removed: String, added: String)
        /// The column that changes in ID1, with its old and new value.
        var column: (name: String, old: String, new: String)
        var testDescription: String { name }
    }

    static let kinds: [Kind] = [
        Kind(
            name: "objectives", header: "objective_id,title,area",
            first: [
                "OBJ-1,Access is restricted,logical-access", "OBJ-2,Old one,logical-access",
                "OBJ-4,Same,logical-access",
            ],
            second: [
                "OBJ-1,Access is restricted and reviewed,logical-access", "OBJ-3,New one,change-management",
                "OBJ-4,Same,logical-access",
            ],
            ids: ("OBJ-1", "OBJ-2", "OBJ-3"),
            column: ("title", "Access is restricted", "Access is restricted and reviewed")),
        Kind(
            name: "evidence", header: "evidence_id,title,kind",
            first: ["E-1,User list,population", "E-2,Old list,document", "E-4,Same,document"],
            second: ["E-1,User list,document", "E-3,New list,population", "E-4,Same,document"],
            ids: ("E-1", "E-2", "E-3"), column: ("kind", "population", "document")),
        Kind(
            name: "subservice", header: "name,services,method",
            first: ["Vendor A,Hosting,carve-out", "Vendor B,Printing,carve-out", "Vendor D,Mail,carve-out"],
            second: ["Vendor A,Hosting,inclusive", "Vendor C,Backups,carve-out", "Vendor D,Mail,carve-out"],
            ids: ("Vendor A", "Vendor B", "Vendor C"), column: ("method", "carve-out", "inclusive")),
        Kind(
            name: "controls", header: "control_id,title,frequency,nature",
            first: ["C-1,Review,quarterly,manual", "C-2,Old,annual,manual", "C-4,Same,daily,automated"],
            second: ["C-1,Review,monthly,manual", "C-3,New,weekly,manual", "C-4,Same,daily,automated"],
            ids: ("C-1", "C-2", "C-3"), column: ("frequency", "quarterly", "monthly")),
        Kind(
            name: "csocs", setup: [("sub.csv", "name,services,method\nVendor A,Hosting,carve-out\n")],
            header: "csoc_id,subservice,text",
            first: ["S-1,Vendor A,Guards the doors", "S-2,Vendor A,Old text", "S-4,Vendor A,Same"],
            second: ["S-1,Vendor A,Guards the doors and logs visitors", "S-3,Vendor A,New text", "S-4,Vendor A,Same"],
            ids: ("S-1", "S-2", "S-3"), column: ("text", "Guards the doors", "Guards the doors and logs visitors")),
        Kind(
            name: "cuecs", header: "cuec_id,text,actor",
            first: ["U-1,Reviews the register,Payroll manager", "U-2,Old text,HR", "U-4,Same,HR"],
            second: ["U-1,Reviews the register,Controller", "U-3,New text,HR", "U-4,Same,HR"],
            ids: ("U-1", "U-2", "U-3"), column: ("actor", "Payroll manager", "Controller")),
        Kind(
            name: "customers", header: "customer,fiscal_year_end",
            first: ["Alpha,12-31", "Beta,06-30", "Delta,03-31"],
            second: ["Alpha,09-30", "Gamma,12-31", "Delta,03-31"],
            ids: ("Alpha", "Beta", "Gamma"), column: ("fiscal_year_end", "12-31", "09-30")),
        Kind(
            name: "engagements", header: "engagement,soc1_type,soc1_as_of,soc2_type",
            first: ["e1,type1,2026-06-30,none", "e2,type1,2026-03-31,none", "e4,type1,2026-09-30,none"],
            second: ["e1,type1,2026-07-31,none", "e3,type1,2026-12-31,none", "e4,type1,2026-09-30,none"],
            ids: ("e1", "e2", "e3"), column: ("soc1_as_of", "2026-06-30", "2026-07-31")),
    ]

    @Test(arguments: kinds) func dryRunDiffShowsAddedChangedRemovedAndUnchanged(_ kind: Kind) throws {
        // Given a workspace that holds the first version of the file
        let dir = try CLIWorkdir()
        try dir.ok("init", "--org", "T")
        for (file, content) in kind.setup {
            try dir.write(file, content)
            try dir.ok("import", file)
        }
        try dir.write("first.csv", ([kind.header] + kind.first).joined(separator: "\n") + "\n")
        try dir.write("second.csv", ([kind.header] + kind.second).joined(separator: "\n") + "\n")
        try dir.ok("import", "first.csv")

        // When the same file comes back, nothing would change
        let same = try dir.ok("import", "first.csv", "--dry-run", "--diff")
        #expect(same.stdout.contains("nothing would change"), "\(same.stdout)")

        // When the second version is checked with --replace --dry-run --diff
        let diff = try dir.ok("import", "second.csv", "--replace", "--dry-run", "--diff")

        // Then each change is shown per row, and per column with its old and new value
        let out = diff.stdout
        #expect(out.contains("  + \(kind.ids.added)\n"), "\(out)")
        #expect(
            out.contains(
                "  ~ \(kind.ids.changed)\n      \(kind.column.name): \(kind.column.old) → \(kind.column.new)\n"),
            "\(out)")
        #expect(out.contains("  - \(kind.ids.removed)"), "\(out)")
        #expect(out.contains("1 unchanged"), "\(out)")
        #expect(!out.contains("nothing would change"))
        #expect(out.contains("dry run: nothing was written"))

        // And the JSON says the same, with the values in full
        let json = try #require(
            try dir.ok("import", "second.csv", "--replace", "--dry-run", "--format", "json").json() as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        func change(_ id: String) -> [String: Any]? { rows.first { $0["id"] as? String == id } }
        #expect(change(kind.ids.added)?["change"] as? String == "added")
        #expect(change(kind.ids.removed)?["change"] as? String == "removed")
        let changed = try #require(change(kind.ids.changed))
        #expect(changed["change"] as? String == "changed")
        let columns = try #require(changed["columns"] as? [[String: Any]])
        #expect(
            columns.contains {
                $0["column"] as? String == kind.column.name && $0["old"] as? String == kind.column.old
                    && $0["new"] as? String == kind.column.new
            }, "\(columns)")
        #expect(json["nothing_changes"] as? Bool == false)

        // And nothing was written
        let again = try dir.ok("import", "first.csv", "--dry-run", "--diff")
        #expect(again.stdout.contains("nothing would change"))
    }
}
