import Foundation
import Testing

// End-to-end tests: each one runs the built `socplan` binary as a subprocess in a fresh temporary
// directory and checks what a person at the terminal would see: the exit status, stdout, stderr
// and the files left behind.

// MARK: - Running the binary

/// Where the binary under test and the repository's files are.
private enum Locations {
    /// The repository root, three levels above this file.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `socplan` beside the running test executable (SwiftPM builds both into the same directory),
    /// else `<repository>/.build/debug/socplan`.
    static let binary = SOCPlanBinary.url

    /// The bundled messy sample: Acme Payroll's spreadsheet control matrix.
    static let sample = repository.appendingPathComponent("Catalogs/sample/acme-payroll-controls.csv")
}

/// Runs `executable` with `arguments` in `dir`, capturing stdout, stderr and the exit status.
private func run(
    _ executable: URL, _ arguments: [String], in dir: URL, env: [String: String] = [:]
) throws -> (status: Int32, stdout: String, stderr: String) {
    let result = try SOCPlanBinary.run(arguments, in: dir, environment: env, executable: executable)
    return (result.status, String(decoding: result.stdout, as: UTF8.self), result.stderr)
}

/// Runs the built `socplan` with `args` in `dir`.
private func socplan(
    _ args: String..., in dir: URL, env: [String: String] = [:]
) throws -> (status: Int32, stdout: String, stderr: String) {
    try run(Locations.binary, args, in: dir, env: env)
}

/// Runs the built `socplan` and requires it to succeed (a setup step, not the behaviour under test).
@discardableResult
private func succeed(
    _ args: String..., in dir: URL, env: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
) throws -> (status: Int32, stdout: String, stderr: String) {
    let result = try run(Locations.binary, args, in: dir, env: env)
    try #require(
        result.status == 0, "socplan \(args.joined(separator: " ")) exited \(result.status): \(result.stderr)",
        sourceLocation: sourceLocation)
    return result
}

/// A fresh temporary directory for one test, removed when the test is done with it.
private final class Sandbox {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("socplan-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> URL { url.appendingPathComponent(name) }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name).path) }

    func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: path(name))) }

    func text(_ name: String) throws -> String { String(decoding: try bytes(name), as: UTF8.self) }

    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: path(name))
    }

    /// Copies the bundled sample in, as a user would bring their own spreadsheet.
    func copySample(as name: String = "acme-payroll-controls.csv") throws {
        try FileManager.default.copyItem(at: Locations.sample, to: path(name))
    }

    /// The files of a directory by name, with their bytes.
    func files(in name: String) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: path(name).path)
        var result: [String: Data] = [:]
        for file in names { result[file] = try Data(contentsOf: path("\(name)/\(file)")) }
        return result
    }

    /// A file's bytes as `Data`, which a failed comparison prints as a size rather than every byte.
    func data(_ name: String) throws -> Data { try Data(contentsOf: path(name)) }

    /// A workspace made by `init --profile payroll --no-starter-controls`, with the sample imported.
    func importedSample(workspace: String = "ws.sqlite") throws {
        try copySample()
        try succeed(
            "init", "--org", "Acme Payroll", "--profile", "payroll", "--cloud", "generic", "--workspace", workspace,
            in: url)
        try succeed("import", "acme-payroll-controls.csv", "--workspace", workspace, in: url)
    }
}

// MARK: - Reading what the binary printed

/// CSV rows as dictionaries keyed by the header.
private func csvTable(_ text: String) -> (header: [String], rows: [[String: String]]) {
    let records = csvRecords(text)
    guard let header = records.first else { return ([], []) }
    let rows = records.dropFirst().map { record in
        Dictionary(zip(header, record).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
    }
    return (header, rows)
}

/// A JSON array of objects, or nil when `text` is not one.
private func jsonArray(_ text: String) -> [[String: Any]]? {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]]
}

/// The first cells (ids) of the records that only one of two CSV files holds, to say where they differ.
private func differingRecords(_ a: Data, _ b: Data) -> [String] {
    let left = Set(csvRecords(String(decoding: a, as: UTF8.self)))
    let right = Set(csvRecords(String(decoding: b, as: UTF8.self)))
    return Set(left.symmetricDifference(right).compactMap(\.first)).sorted()
}

/// How often `pattern` occurs in `bytes`.
private func occurrences(of pattern: String, in bytes: [UInt8]) -> Int {
    let needle = Array(pattern.utf8)
    guard !needle.isEmpty, bytes.count >= needle.count else { return 0 }
    var count = 0
    for start in 0...(bytes.count - needle.count) where bytes[start..<start + needle.count].elementsEqual(needle) {
        count += 1
    }
    return count
}

/// The lines of a stream (stderr uses LF).
private func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

private let profileIDs: Set<String> = ["payroll", "claims", "fund-admin", "custody", "loan-servicing", "revenue-saas"]

// MARK: - init

@Suite("socplan init") struct InitTests {
    @Test func createsTheWorkspaceAndPrintsWhatItHolds() throws {
        // Given an empty directory
        let sandbox = try Sandbox()

        // When the user creates a payroll workspace
        let result = try socplan(
            "init", "--org", "Acme Payroll", "--starter-controls", "--cloud", "generic", "--profile", "payroll",
            "--workspace", "ws.sqlite", in: sandbox.url)

        // Then the file exists and the summary names the organization and what was seeded
        #expect(result.status == 0, "\(result.stderr)")
        #expect(sandbox.exists("ws.sqlite"))
        #expect(result.stdout.contains("Acme Payroll"))
        #expect(result.stdout.contains("61 criteria"))
        #expect(result.stderr.isEmpty)

        // And the counts it printed are what the workspace holds
        let controls = try #require(result.stdout.firstMatch(of: /(\d+) starter controls?\b/)).1
        let objectives = try #require(result.stdout.firstMatch(of: /(\d+) objectives?\b/)).1
        let listed = try succeed("controls", "list", "--format", "csv", "--workspace", "ws.sqlite", in: sandbox.url)
        #expect(csvRecords(listed.stdout).count - 1 == Int(controls))
        #expect(try #require(Int(controls)) > 0)
        let itgc = try succeed("catalog", "objectives", "--format", "csv", in: sandbox.url)
        let payroll = try succeed("catalog", "objectives", "--profile", "payroll", "--format", "csv", in: sandbox.url)
        #expect(csvRecords(itgc.stdout).count - 1 + csvRecords(payroll.stdout).count - 1 == Int(objectives))
    }

    @Test func refusesToOverwriteWithoutForceAndLeavesTheFileAlone() throws {
        // Given an existing workspace
        let sandbox = try Sandbox()
        try succeed(
            "init", "--org", "Acme", "--starter-controls", "--cloud", "generic", "--profile", "payroll", "--workspace",
            "ws.sqlite", in: sandbox.url)
        let before = try sandbox.data("ws.sqlite")

        // When the user runs init again on it without --force
        let result = try socplan(
            "init", "--org", "Other", "--starter-controls", "--cloud", "generic", "--workspace", "ws.sqlite",
            in: sandbox.url)

        // Then it fails, says how to replace it, and the file is byte-for-byte what it was
        #expect(result.status == 1)
        #expect(result.stderr.contains("--force"))
        #expect(result.stdout.isEmpty)
        #expect(try sandbox.data("ws.sqlite") == before)
    }

    @Test func forceReplacesTheWorkspace() throws {
        // Given a workspace seeded with starter controls
        let sandbox = try Sandbox()
        try succeed(
            "init", "--org", "Acme", "--starter-controls", "--cloud", "generic", "--profile", "payroll", "--workspace",
            "ws.sqlite", in: sandbox.url)
        let seeded = try succeed("controls", "list", "--format", "csv", "--workspace", "ws.sqlite", in: sandbox.url)
        #expect(csvRecords(seeded.stdout).count > 1)

        // When the user re-creates it with --force and no starter controls
        let result = try socplan(
            "init", "--org", "Acme", "--profile", "claims", "--cloud", "generic", "--force", "--workspace",
            "ws.sqlite", in: sandbox.url)

        // Then it succeeds and the old controls are gone
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("no controls"))
        let listed = try succeed("controls", "list", "--format", "csv", "--workspace", "ws.sqlite", in: sandbox.url)
        #expect(csvRecords(listed.stdout).count == 1, "only the header: \(listed.stdout)")
        #expect(!sandbox.exists("ws.sqlite-wal"))
    }

    @Test func unknownProfileListsTheProfilesAndCreatesNothing() throws {
        // Given an empty directory
        let sandbox = try Sandbox()

        // When the user asks for a profile that does not exist
        let result = try socplan(
            "init", "--org", "Acme", "--starter-controls", "--cloud", "generic", "--profile", "bakery", "--workspace",
            "ws.sqlite", in: sandbox.url)

        // Then it fails naming the profile and listing every valid one, and writes no file
        #expect(result.status == 1)
        #expect(result.stderr.contains("bakery"))
        for profile in profileIDs { #expect(result.stderr.contains(profile), "\(profile) missing") }
        #expect(result.stdout.isEmpty)
        #expect(!sandbox.exists("ws.sqlite"))
    }

    @Test func missingOrgIsAUsageError() throws {
        // Given an empty directory
        let sandbox = try Sandbox()

        // When the user forgets --org
        let result = try socplan("init", "--profile", "payroll", "--workspace", "ws.sqlite", in: sandbox.url)

        // Then it is a usage error that names the missing option, and nothing is created
        #expect(result.status == 2)
        #expect(result.stderr.contains("--org"))
        #expect(result.stdout.isEmpty)
        #expect(!sandbox.exists("ws.sqlite"))
    }
}

// MARK: - catalog

@Suite("socplan catalog") struct CatalogTests {
    @Test func securityCriteriaAsCSV() throws {
        // Given nothing but the binary
        let sandbox = try Sandbox()

        // When the user lists the security criteria as CSV
        let result = try socplan("catalog", "criteria", "--category", "security", "--format", "csv", in: sandbox.url)

        // Then there is a header and 33 rows, all security, every line ending in CRLF
        #expect(result.status == 0, "\(result.stderr)")
        let records = csvRecords(result.stdout)
        #expect(records.first == ["criterion_id", "category", "group", "coso_principle", "title"])
        #expect(records.count == 34)
        #expect(records.dropFirst().allSatisfy { $0.count == 5 && $0[1] == "security" && $0[0].hasPrefix("CC") })
        let bytes = Array(result.stdout.utf8)
        #expect(occurrences(of: "\r\n", in: bytes) == 34)
        #expect(occurrences(of: "\n", in: bytes) == 34, "no bare LF")
        #expect(result.stdout.hasSuffix("\r\n"))
    }

    @Test func allCriteriaAsJSON() throws {
        // Given nothing but the binary
        let sandbox = try Sandbox()

        // When the user asks for every criterion as JSON
        let result = try socplan("catalog", "criteria", "--format", "json", in: sandbox.url)

        // Then it parses as an array of the 61 criteria, each with an id and a title
        #expect(result.status == 0, "\(result.stderr)")
        let entries = try #require(jsonArray(result.stdout))
        #expect(entries.count == 61)
        let ids = entries.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == 61)
        #expect(ids.contains("CC6.1") && ids.contains("A1.2") && ids.contains("P8.1"))
        #expect(entries.allSatisfy { ($0["title"] as? String)?.isEmpty == false })
    }

    @Test func profilesListsTheSixProfiles() throws {
        // Given nothing but the binary
        let sandbox = try Sandbox()

        // When the user lists the profiles
        let result = try socplan("catalog", "profiles", "--format", "csv", in: sandbox.url)

        // Then the six profiles init accepts are there, each with objectives and starter controls
        #expect(result.status == 0, "\(result.stderr)")
        let table = csvTable(result.stdout)
        #expect(table.rows.count == 6)
        #expect(Set(table.rows.compactMap { $0["profile_id"] }) == profileIDs)
        #expect(table.rows.allSatisfy { Int($0["objectives"] ?? "") ?? 0 > 0 })
        #expect(table.rows.allSatisfy { Int($0["starter_controls"] ?? "") ?? 0 > 0 })
    }

    @Test func payrollObjectives() throws {
        // Given nothing but the binary
        let sandbox = try Sandbox()

        // When the user lists the payroll profile's objectives
        let result = try socplan("catalog", "objectives", "--profile", "payroll", "--format", "csv", in: sandbox.url)

        // Then they are the payroll business-process objectives, as many as `catalog profiles` says
        #expect(result.status == 0, "\(result.stderr)")
        let table = csvTable(result.stdout)
        #expect(table.header.first == "objective_id")
        #expect(!table.rows.isEmpty)
        #expect(table.rows.allSatisfy { $0["objective_id"]?.hasPrefix("BP-PAY-") == true })
        #expect(table.rows.allSatisfy { $0["title"]?.isEmpty == false })
        let profiles = csvTable(try succeed("catalog", "profiles", "--format", "csv", in: sandbox.url).stdout)
        let payroll = try #require(profiles.rows.first { $0["profile_id"] == "payroll" })
        #expect(payroll["objectives"] == String(table.rows.count))
    }

    @Test func crosswalkLinksITGCAreasToKnownCriteria() throws {
        // Given the criteria catalog
        let sandbox = try Sandbox()
        let criteria = csvTable(try succeed("catalog", "criteria", "--format", "csv", in: sandbox.url).stdout)
        let known = Set(criteria.rows.compactMap { $0["criterion_id"] })

        // When the user prints the crosswalk
        let result = try socplan("catalog", "crosswalk", "--format", "csv", in: sandbox.url)

        // Then every link goes from an area to a real criterion, as a primary or secondary link
        #expect(result.status == 0, "\(result.stderr)")
        let table = csvTable(result.stdout)
        #expect(table.header == ["area", "area_title", "criterion_id", "strength"])
        #expect(!table.rows.isEmpty)
        #expect(table.rows.contains { $0["area"] == "logical-access" && $0["criterion_id"] == "CC6.1" })
        for row in table.rows {
            #expect(known.contains(row["criterion_id"] ?? ""), "unknown criterion in \(row)")
            #expect(["primary", "secondary"].contains(row["strength"] ?? ""), "odd strength in \(row)")
        }
    }

    @Test func unknownCategoryFailsListingTheCategories() throws {
        // Given nothing but the binary
        let sandbox = try Sandbox()

        // When the user misspells a category
        let result = try socplan("catalog", "criteria", "--category", "securty", in: sandbox.url)

        // Then it fails, names the category and lists the valid ones, and prints no table
        #expect(result.status == 1)
        #expect(result.stderr.contains("securty"))
        for category in ["security", "availability", "confidentiality", "processing-integrity", "privacy"] {
            #expect(result.stderr.contains(category))
        }
        #expect(result.stdout.isEmpty)
    }
}

// MARK: - import

/// A controls file with four different problems, one per line from line 3 on.
private let brokenControls = """
    control_id,title,frequency,nature,soc2_criteria
    C-01,Access review,quarterly,manual,CC6.1
    C-02,Backups,fortnightly-ish,manual,A1.2
    C-03,Encryption,annual,automated,CC6.9
    C-01,Access review again,quarterly,manual,CC6.1
    C-04,"Unterminated,monthly,manual,CC7.2

    """

@Suite("socplan import") struct ImportTests {
    @Test func importsTheBundledSampleWithItsTwoWarnings() throws {
        // Given a payroll workspace without starter controls and the sample spreadsheet
        let sandbox = try Sandbox()
        try sandbox.copySample()
        try succeed(
            "init", "--org", "Acme Payroll", "--profile", "payroll", "--cloud", "generic", "--workspace",
            "ws.sqlite",
            in: sandbox.url)

        // When the user imports it
        let result = try socplan("import", "acme-payroll-controls.csv", "--workspace", "ws.sqlite", in: sandbox.url)

        // Then it succeeds; stdout has the counts, stderr the two unknown-evidence warnings
        #expect(result.status == 0, "\(result.stderr)")
        let added = try #require(result.stdout.firstMatch(of: /controls: (\d+) added/)).1
        #expect(result.stdout.contains("evidence: 2 added"))
        #expect(!result.stdout.contains("warning:"))
        #expect(result.stdout.hasSuffix(", 0 errors, 2 warnings\n"), "\(result.stdout)")
        let warnings = lines(result.stderr).filter {
            $0.contains(
                /^acme-payroll-controls\.csv, row \d+, column [A-Z]+ \(.+\): warning: evidence ".+" matches no evidence item/
            )
        }
        #expect(warnings.count == 2, "\(result.stderr)")
        #expect(result.stderr.contains("0 errors, 2 warnings"))

        // And every control counted as added is in the workspace
        let listed = try succeed("controls", "list", "--format", "csv", "--workspace", "ws.sqlite", in: sandbox.url)
        #expect(csvRecords(listed.stdout).count - 1 == Int(added))
        #expect(try #require(Int(added)) > 0)
    }

    @Test func dryRunWritesNothing() throws {
        // Given a payroll workspace without controls, and its export
        let sandbox = try Sandbox()
        try sandbox.copySample()
        try succeed(
            "init", "--org", "Acme Payroll", "--profile", "payroll", "--cloud", "generic", "--workspace",
            "ws.sqlite",
            in: sandbox.url)
        try succeed("export", "--dir", "before", "--workspace", "ws.sqlite", in: sandbox.url)

        // When the user does a dry run of the sample import
        let result = try socplan(
            "import", "acme-payroll-controls.csv", "--dry-run", "--workspace", "ws.sqlite", in: sandbox.url)

        // Then it reports what would happen and says nothing was written
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(/controls: \d+ would be added/))
        #expect(result.stdout.contains("dry run: nothing was written"))
        #expect(!sandbox.exists("ws.sqlite-wal"))

        // And the workspace still holds exactly what it held
        try succeed("export", "--dir", "after", "--workspace", "ws.sqlite", in: sandbox.url)
        #expect(try sandbox.files(in: "after") == sandbox.files(in: "before"))
        let listed = try succeed("controls", "list", "--format", "csv", "--workspace", "ws.sqlite", in: sandbox.url)
        #expect(csvRecords(listed.stdout).count == 1)
    }

    @Test func reportsEveryProblemAtOnceAndWritesNothing() throws {
        // Given a starter workspace and a controls file with four problems
        let sandbox = try Sandbox()
        try succeed(
            "init", "--org", "Acme", "--starter-controls", "--cloud", "generic", "--profile", "payroll", "--workspace",
            "ws.sqlite", in: sandbox.url)
        try succeed("export", "--dir", "before", "--workspace", "ws.sqlite", in: sandbox.url)
        try sandbox.write(brokenControls, to: "broken.csv")

        // When the user imports it
        let result = try socplan("import", "broken.csv", "--workspace", "ws.sqlite", in: sandbox.url)

        // Then it fails and lists every problem, compiler style, each with a hint below it
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty, "no summary on failure: \(result.stdout)")
        let stderr = lines(result.stderr)
        let expected = [
            ("broken.csv, row 3, column C (frequency): error: ", "unknown frequency \"fortnightly-ish\""),
            ("broken.csv, row 4, column E (soc2_criteria): error: ", "unknown criterion CC6.9"),
            ("broken.csv, row 5, column A (control_id): error: ", "duplicate control id C-01"),
            ("broken.csv:6:6: error: ", "never closed"),
        ]
        for (location, message) in expected {
            let index = stderr.firstIndex { $0.hasPrefix(location) && $0.contains(message) }
            #expect(index != nil, "missing \(location)\(message) in:\n\(result.stderr)")
            if let index {
                #expect(stderr[index + 1].hasPrefix("    hint: "), "no hint under \(stderr[index])")
            }
        }
        #expect(result.stderr.contains("nothing was written"))

        // And the workspace holds exactly what it held
        #expect(!sandbox.exists("ws.sqlite-wal"))
        try succeed("export", "--dir", "after", "--workspace", "ws.sqlite", in: sandbox.url)
        #expect(try sandbox.files(in: "after") == sandbox.files(in: "before"))
    }

    @Test
    func failedImportLeavesTheWorkspaceFileByteForByteUnchanged() throws {
        // Given a starter workspace and a controls file with problems
        let sandbox = try Sandbox()
        try succeed(
            "init", "--org", "Acme", "--starter-controls", "--cloud", "generic", "--profile", "payroll", "--workspace",
            "ws.sqlite", in: sandbox.url)
        try sandbox.write(brokenControls, to: "broken.csv")
        let before = try sandbox.data("ws.sqlite")

        // When the import fails
        let result = try socplan("import", "broken.csv", "--workspace", "ws.sqlite", in: sandbox.url)

        // Then the workspace file has not been touched
        #expect(result.status == 1)
        #expect(try sandbox.data("ws.sqlite") == before)
    }

    @Test func unknownColumnFieldFails() throws {
        // Given a workspace and the sample
        let sandbox = try Sandbox()
        try sandbox.copySample()
        try succeed(
            "init", "--org", "Acme", "--starter-controls", "--cloud", "generic", "--workspace", "ws.sqlite",
            in: sandbox.url)

        // When the user maps a header to a field that does not exist
        let result = try socplan(
            "import", "acme-payroll-controls.csv", "--column", "Ctrl Narrative=narrative", "--workspace", "ws.sqlite",
            in: sandbox.url)

        // Then it fails naming the field and listing the real ones
        #expect(result.status == 1)
        #expect(result.stderr.contains("\"narrative\""))
        #expect(result.stderr.contains("description"))
        #expect(result.stdout.isEmpty)
    }

    @Test func missingFileFailsNamingIt() throws {
        // Given a workspace
        let sandbox = try Sandbox()
        try succeed(
            "init", "--org", "Acme", "--starter-controls", "--cloud", "generic", "--workspace", "ws.sqlite",
            in: sandbox.url)

        // When the user imports a file that is not there
        let result = try socplan("import", "no-such-matrix.csv", "--workspace", "ws.sqlite", in: sandbox.url)

        // Then it fails and names the file
        #expect(result.status == 1)
        #expect(result.stderr.contains("no-such-matrix.csv"))
        #expect(result.stdout.isEmpty)
    }

    @Test func noFilesIsAUsageError() throws {
        // Given a workspace
        let sandbox = try Sandbox()
        try succeed(
            "init", "--org", "Acme", "--starter-controls", "--cloud", "generic", "--workspace", "ws.sqlite",
            in: sandbox.url)

        // When the user names no file
        let result = try socplan("import", "--workspace", "ws.sqlite", in: sandbox.url)

        // Then it is a usage error
        #expect(result.status == 2)
        #expect(result.stderr.contains("Usage"))
        #expect(result.stdout.isEmpty)
    }
}

// MARK: - controls

@Suite("socplan controls") struct ControlsTests {
    @Test func listByCriterionAcceptsLooseSpellingAndListsExactlyTheMappedControls() throws {
        // Given the imported sample
        let sandbox = try Sandbox()
        try sandbox.importedSample()

        // When the user lists the controls for "CC 6.1" as CSV
        let result = try socplan(
            "controls", "list", "--criterion", "CC 6.1", "--format", "csv", "--workspace", "ws.sqlite",
            in: sandbox.url)

        // Then every row is mapped to CC6.1
        #expect(result.status == 0, "\(result.stderr)")
        let table = csvTable(result.stdout)
        #expect(table.header.last == "soc2_criteria")
        #expect(!table.rows.isEmpty)
        for row in table.rows {
            let criteria = (row["soc2_criteria"] ?? "").split(separator: ";").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            #expect(criteria.contains("CC6.1"), "\(row["control_id"] ?? "?") is not mapped to CC6.1")
        }

        // And no control mapped to CC6.1 is missing
        let all = try #require(
            jsonArray(
                try succeed("controls", "list", "--format", "json", "--workspace", "ws.sqlite", in: sandbox.url).stdout)
        )
        let mapped = all.filter { ($0["criteria"] as? [String])?.contains("CC6.1") == true }.compactMap {
            $0["id"] as? String
        }
        #expect(Set(table.rows.compactMap { $0["control_id"] }) == Set(mapped))
    }

    @Test func listByAnUnknownCriterionSuggestsTheNearestOnes() throws {
        // Given the imported sample
        let sandbox = try Sandbox()
        try sandbox.importedSample()

        // When the user filters by a criterion TSC 2017 does not have
        let result = try socplan(
            "controls", "list", "--criterion", "CC9.9", "--workspace", "ws.sqlite", in: sandbox.url)

        // Then it fails, names it and suggests real ones, instead of printing an empty list
        #expect(result.status == 1)
        #expect(result.stderr.contains("CC9.9"))
        #expect(result.stderr.contains("CC9.1"))
        #expect(result.stdout.isEmpty)
    }

    @Test func listAsJSON() throws {
        // Given the imported sample
        let sandbox = try Sandbox()
        try sandbox.importedSample()

        // When the user lists the controls as JSON and as CSV
        let json = try socplan("controls", "list", "--format", "json", "--workspace", "ws.sqlite", in: sandbox.url)
        let csv = try succeed("controls", "list", "--format", "csv", "--workspace", "ws.sqlite", in: sandbox.url)

        // Then the JSON parses and holds the same controls
        #expect(json.status == 0, "\(json.stderr)")
        let controls = try #require(jsonArray(json.stdout))
        #expect(controls.count == csvRecords(csv.stdout).count - 1)
        #expect(controls.contains { $0["id"] as? String == "AC-01" })
    }

    @Test func showPrintsTheControlWithItsMappings() throws {
        // Given the imported sample, and the catalog titles of what AC-01 maps to
        let sandbox = try Sandbox()
        try sandbox.importedSample()
        let spreadsheet = csvTable(try sandbox.text("acme-payroll-controls.csv"))
        let row = try #require(spreadsheet.rows.first { $0["Control #"] == "AC-01" })
        let criteria = csvTable(try succeed("catalog", "criteria", "--format", "csv", in: sandbox.url).stdout).rows
        let objectives = csvTable(try succeed("catalog", "objectives", "--format", "csv", in: sandbox.url).stdout).rows
        func title(of id: String, in rows: [[String: String]], key: String) throws -> String {
            try #require(rows.first { $0[key] == id }?["title"])
        }

        // When the user shows AC-01 (in lower case)
        let result = try socplan("controls", "show", "ac-01", "--workspace", "ws.sqlite", in: sandbox.url)

        // Then it prints its title from the spreadsheet, its objective and its criteria with their titles
        #expect(result.status == 0, "\(result.stderr)")
        let output = lines(result.stdout)
        let controlTitle = try #require(row["Control Title"])
        #expect(output.first == "AC-01  \(controlTitle)")
        let itgc01 = try title(of: "ITGC-01", in: objectives, key: "objective_id")
        #expect(result.stdout.contains("SOC 1 objectives:\n  ITGC-01  \(itgc01)\n"))
        #expect(result.stdout.contains("SOC 2 criteria:\n"))
        for id in ["CC6.2", "CC5.2"] {
            let criterionTitle = try title(of: id, in: criteria, key: "criterion_id")
            #expect(output.contains("  \(id)  \(criterionTitle)"), "\(id)")
        }
        #expect(result.stderr.isEmpty)
    }

    @Test func showOfAnUnknownIDSuggestsTheNearestOnes() throws {
        // Given the imported sample
        let sandbox = try Sandbox()
        try sandbox.importedSample()

        // When the user mistypes an id
        let result = try socplan("controls", "show", "AC-1", "--workspace", "ws.sqlite", in: sandbox.url)

        // Then it fails with a "did you mean" hint that offers the right one
        #expect(result.status == 1)
        #expect(result.stderr.contains("AC-1"))
        #expect(result.stderr.contains("did you mean"))
        #expect(result.stderr.contains("AC-01"))
        #expect(result.stdout.isEmpty)
    }

    @Test func missingWorkspaceSaysHowToCreateOne() throws {
        // Given a directory without a workspace
        let sandbox = try Sandbox()

        // When the user lists controls
        let result = try socplan("controls", "list", "--workspace", "nowhere.sqlite", in: sandbox.url)

        // Then it fails with a hint to run `socplan init`, and creates no file
        #expect(result.status == 1)
        #expect(result.stderr.contains("nowhere.sqlite"))
        #expect(result.stderr.contains("hint:"))
        #expect(result.stderr.contains("`socplan init"))
        #expect(result.stdout.isEmpty)
        #expect(!sandbox.exists("nowhere.sqlite"))
    }

    @Test func workspaceFromTheEnvironmentAndTheOptionWinning() throws {
        // Given a workspace created through SOCPLAN_WORKSPACE
        let sandbox = try Sandbox()
        let env = ["SOCPLAN_WORKSPACE": "from-env.sqlite"]
        try succeed(
            "init", "--org", "Acme", "--starter-controls", "--cloud", "generic", "--profile", "payroll",
            in: sandbox.url, env: env)
        #expect(sandbox.exists("from-env.sqlite"))
        #expect(!sandbox.exists("socplan.sqlite"))

        // When the user lists controls through the variable
        let listed = try socplan("controls", "list", "--format", "csv", in: sandbox.url, env: env)

        // Then the controls come from that workspace
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(csvRecords(listed.stdout).count > 1)

        // And --workspace takes precedence over the variable
        let missing = try socplan(
            "controls", "list", "--workspace", "other.sqlite", in: sandbox.url, env: env)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("other.sqlite"))
    }
}

// MARK: - export

@Suite("socplan export") struct ExportTests {
    static let inventoryFiles = ["objectives.csv", "evidence.csv", "controls.csv"]

    @Test func writesTheThreeFilesWithCRLF() throws {
        // Given a starter workspace
        let sandbox = try Sandbox()
        try succeed(
            "init", "--org", "Acme", "--starter-controls", "--cloud", "generic", "--profile", "payroll", "--workspace",
            "ws.sqlite", in: sandbox.url)

        // When the user exports it
        let result = try socplan("export", "--dir", "out", "--workspace", "ws.sqlite", in: sandbox.url)

        // Then the three inventory files are there, every record ending in CRLF, and stdout says so
        #expect(result.status == 0, "\(result.stderr)")
        for file in Self.inventoryFiles {
            let bytes = try sandbox.bytes("out/\(file)")
            let records = csvRecords(String(decoding: bytes, as: UTF8.self))
            #expect(records.count > 1, "\(file)")
            #expect(occurrences(of: "\r\n", in: bytes) == records.count, "\(file)")
            #expect(bytes.suffix(2) == [0x0D, 0x0A], "\(file)")
            #expect(result.stderr.contains("\(file) (\(records.count - 1) rows)"), "\(file)")
        }
    }

    @Test func lfWritesLineFeedsOnly() throws {
        // Given a starter workspace
        let sandbox = try Sandbox()
        try succeed(
            "init", "--org", "Acme", "--starter-controls", "--cloud", "generic", "--profile", "payroll", "--workspace",
            "ws.sqlite", in: sandbox.url)

        // When the user exports with --lf
        let result = try socplan("export", "--dir", "out", "--lf", "--workspace", "ws.sqlite", in: sandbox.url)

        // Then no file has a CR, and each ends with LF
        #expect(result.status == 0, "\(result.stderr)")
        for file in Self.inventoryFiles {
            let bytes = try sandbox.bytes("out/\(file)")
            #expect(!bytes.contains(0x0D), "\(file)")
            #expect(bytes.last == 0x0A, "\(file)")
            #expect(occurrences(of: "\n", in: bytes) >= csvRecords(String(decoding: bytes, as: UTF8.self)).count)
        }
    }

    @Test func bomStartsEachFileWithTheByteOrderMark() throws {
        // Given a starter workspace and its plain export
        let sandbox = try Sandbox()
        try succeed(
            "init", "--org", "Acme", "--starter-controls", "--cloud", "generic", "--profile", "payroll", "--workspace",
            "ws.sqlite", in: sandbox.url)
        try succeed("export", "--dir", "plain", "--workspace", "ws.sqlite", in: sandbox.url)

        // When the user exports for Excel
        let result = try socplan("export", "--dir", "out", "--bom", "--workspace", "ws.sqlite", in: sandbox.url)

        // Then each file is EF BB BF followed by the plain export
        #expect(result.status == 0, "\(result.stderr)")
        for file in Self.inventoryFiles {
            let bytes = try sandbox.bytes("out/\(file)")
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(file)")
            #expect(Data(bytes.dropFirst(3)) == (try sandbox.data("plain/\(file)")), "\(file)")
        }
    }

    /// How each round-trip workspace is made.
    enum Origin: String, CaseIterable, CustomTestStringConvertible {
        case starterClaims = "starter workspace (init --profile claims)"
        case importedSample = "imported messy sample"
        var testDescription: String { rawValue }
    }

    @Test(arguments: Origin.allCases)
    func exportImportExportIsByteIdentical(origin: Origin) throws {
        // Given a workspace and its export
        let sandbox = try Sandbox()
        switch origin {
        case .starterClaims:
            try succeed(
                "init", "--org", "Acme", "--starter-controls", "--cloud", "generic", "--profile", "claims",
                "--workspace", "ws.sqlite", in: sandbox.url)
        case .importedSample:
            try sandbox.importedSample()
        }
        try succeed("export", "--dir", "first", "--workspace", "ws.sqlite", in: sandbox.url)
        let first = try sandbox.files(in: "first")
        #expect(Set(Self.inventoryFiles).isSubset(of: Set(first.keys)))

        // When the export is imported with --replace into a fresh workspace and exported again
        try succeed(
            "init", "--org", "Fresh", "--starter-controls", "--cloud", "generic", "--workspace", "fresh.sqlite",
            in: sandbox.url)
        let exported = first.keys.sorted().map { "first/\($0)" }
        let imported = try run(
            Locations.binary, ["import", "--replace", "--workspace", "fresh.sqlite"] + exported, in: sandbox.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        try succeed("export", "--dir", "second", "--workspace", "fresh.sqlite", in: sandbox.url)

        // Then every file is byte-for-byte the same
        let second = try sandbox.files(in: "second")
        #expect(Set(second.keys) == Set(first.keys))
        for (name, bytes) in first {
            #expect(second[name] == bytes, "\(name) differs in \(differingRecords(bytes, second[name] ?? Data()))")
        }
    }

    @Test(arguments: [
        ("=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")"),
        ("+1 review", "'+1 review"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("'quoted already", "''quoted already"),
    ])
    func formulaLikeCellsAreNeutralisedAndComeBackAsTyped(title: String, exported: String) throws {
        // Given a control whose title a spreadsheet would run as a formula
        let sandbox = try Sandbox()
        try succeed("init", "--org", "Acme", "--cloud", "generic", "--workspace", "ws.sqlite", in: sandbox.url)
        let quoted = "\"" + title.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        try sandbox.write(
            "control_id,title,frequency,nature,soc2_criteria\nF-01,\(quoted),monthly,manual,CC6.1\n", to: "f.csv")
        try succeed("import", "f.csv", "--workspace", "ws.sqlite", in: sandbox.url)

        // When it is exported
        try succeed("export", "--dir", "out", "--workspace", "ws.sqlite", in: sandbox.url)

        // Then the cell has a leading apostrophe
        let row = try #require(csvTable(try sandbox.text("out/controls.csv")).rows.first { $0["control_id"] == "F-01" })
        #expect(row["title"] == exported)

        // And imported into a fresh workspace it is the original text again
        try succeed("init", "--org", "Fresh", "--cloud", "generic", "--workspace", "fresh.sqlite", in: sandbox.url)
        try succeed("import", "out/controls.csv", "--workspace", "fresh.sqlite", in: sandbox.url)
        let shown = try succeed("controls", "show", "F-01", "--workspace", "fresh.sqlite", in: sandbox.url)
        #expect(lines(shown.stdout).first == "F-01  \(title)")
    }
}

// MARK: - demo

/// The demo's controls table: how many controls serve both reports, one of them, or none.
private struct Overlap {
    var shared: Int
    var soc1Only: Int
    var soc2Only: Int
    var outOfScope: Int
    var unmapped: Int
    var total: Int

    init(_ output: String) throws {
        let rows = lines(output).map { $0.trimmingCharacters(in: .whitespaces) }
        /// The controls count of the first row whose label starts with one of `labels`: the first number
        /// followed by a share ("35  55%").
        func count(_ labels: String..., optional: Bool = false) throws -> Int {
            guard let row = rows.first(where: { row in labels.contains { row.hasPrefix($0) } }) else {
                if optional { return 0 }
                Issue.record("no \(labels) row in the demo output:\n\(output)")
                throw CancellationError()
            }
            let match = try #require(row.firstMatch(of: /\s(\d+)\s+(\d+%|-)/), "no count in \(row)")
            return try #require(Int(match.1))
        }
        shared = try count("shared", "serve both reports")
        soc1Only = try count("SOC 1 only")
        soc2Only = try count("SOC 2 only")
        outOfScope = try count("out of scope", optional: true)
        unmapped = try count("unmapped")
        total = try count("total")
    }
}

/// The criteria and objectives the demo lists as having no control ("- CC1.5 has no control: …").
private func gaps(_ output: String) -> [String] {
    lines(output).compactMap { line in line.firstMatch(of: /^\s*- (\S+) has no control\b/).map { String($0.1) } }
}

@Suite("socplan demo") struct DemoTests {
    @Test func printsTheImportSummaryTheSharedInventoryAndTheGaps() throws {
        // Given nothing but the binary
        let sandbox = try Sandbox()

        // When the user runs the demo
        let result = try socplan("demo", in: sandbox.url)

        // Then it succeeds and shows the import it did
        #expect(result.status == 0, "\(result.stderr)")
        let added = try #require(result.stdout.firstMatch(of: /controls: (\d+) added/)).1
        #expect(result.stdout.contains("evidence: 2 added"))

        // And the shared / SOC 1 only / SOC 2 only table adds up to the controls imported
        let overlap = try Overlap(result.stdout)
        #expect(overlap.total == Int(added))
        #expect(
            overlap.shared + overlap.soc1Only + overlap.soc2Only + overlap.outOfScope + overlap.unmapped
                == overlap.total)
        #expect(overlap.shared > 0 && overlap.soc1Only > 0 && overlap.soc2Only > 0)

        // And it lists the gaps: security criteria and a payroll objective without a control
        #expect(result.stdout.contains("Gaps"))
        let found = gaps(result.stdout)
        #expect(found.contains { $0.hasPrefix("CC") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("BP-PAY-") }, "\(found)")

        // And the warnings went to stderr, not into the report; nothing was written
        #expect(result.stderr.contains("0 errors, 2 warnings"))
        #expect(!result.stdout.contains("matches no evidence item"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.url.path).isEmpty)
    }

    @Test func keepsTheWorkspaceWhenAskedAndControlsListReadsIt() throws {
        // Given nothing but the binary
        let sandbox = try Sandbox()

        // When the user runs the demo keeping its workspace
        let result = try socplan("demo", "--workspace", "x.sqlite", in: sandbox.url)

        // Then the workspace is there and holds the controls the overview counted
        #expect(result.status == 0, "\(result.stderr)")
        #expect(sandbox.exists("x.sqlite"))
        let overlap = try Overlap(result.stdout)
        let listed = try socplan("controls", "list", "--format", "csv", "--workspace", "x.sqlite", in: sandbox.url)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(csvRecords(listed.stdout).count - 1 == overlap.total)

        // And each gap really has no control in it
        let found = gaps(result.stdout)
        #expect(!found.isEmpty)
        for id in found {
            let option = id.hasPrefix("BP-") || id.hasPrefix("ITGC-") ? "--objective" : "--criterion"
            let mapped = try socplan(
                "controls", "list", option, id, "--format", "csv", "--workspace", "x.sqlite", in: sandbox.url)
            #expect(mapped.status == 0, "\(id): \(mapped.stderr)")
            #expect(csvRecords(mapped.stdout).count == 1, "\(id) is listed as a gap but has controls")
        }

        // And a second run refuses to overwrite it without --force
        let again = try socplan("demo", "--workspace", "x.sqlite", in: sandbox.url)
        #expect(again.status == 1)
        #expect(again.stderr.contains("--force"))
        #expect(try socplan("demo", "--workspace", "x.sqlite", "--force", in: sandbox.url).status == 0)
    }

    @Test func importsTheSameSampleThatShipsInCatalogs() throws {
        // Given the demo's kept workspace, and the Catalogs/sample file imported by hand
        let sandbox = try Sandbox()
        try succeed("demo", "--workspace", "demo.sqlite", in: sandbox.url)
        try sandbox.importedSample(workspace: "by-hand.sqlite")

        // When both are exported
        try succeed("export", "--dir", "demo", "--workspace", "demo.sqlite", in: sandbox.url)
        try succeed("export", "--dir", "by-hand", "--workspace", "by-hand.sqlite", in: sandbox.url)

        // Then they hold the same inventory: the demo shows the sample the repository ships
        let demo = try sandbox.files(in: "demo")
        let byHand = try sandbox.files(in: "by-hand")
        for file in ["objectives.csv", "evidence.csv", "controls.csv"] {
            let differing = differingRecords(demo[file] ?? Data(), byHand[file] ?? Data())
            #expect(differing.isEmpty, "\(file): rows differ for \(differing)")
        }
    }

    @Test
    func theCommandTheDemoSuggestsWorks() throws {
        // Given a demo run that keeps its workspace
        let sandbox = try Sandbox()
        let result = try succeed("demo", "--workspace", "x.sqlite", in: sandbox.url)

        // When the user runs the command the demo suggests, word for word
        let suggestion = try #require(result.stdout.firstMatch(of: /try `socplan ([^`]+)`/)).1
        let arguments = suggestion.split(separator: " ").map(String.init)
        let tried = try run(Locations.binary, arguments, in: sandbox.url)

        // Then it lists the CC6.1 controls
        #expect(tried.status == 0, "\(tried.stderr)")
        #expect(csvRecords(tried.stdout).count > 1)
    }
}

// MARK: - a binary copied alone

@Suite("socplan copied alone") struct CopiedBinaryTests {
    @Test func worksWithoutTheCatalogsFolder() throws {
        // Given the binary copied alone into an empty directory
        let sandbox = try Sandbox()
        try FileManager.default.copyItem(at: Locations.binary, to: sandbox.path("socplan"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.url.path) == ["socplan"])

        // When the user lists the criteria from there
        let criteria = try run(sandbox.path("socplan"), ["catalog", "criteria", "--format", "csv"], in: sandbox.url)

        // Then all 61 are there
        #expect(criteria.status == 0, "\(criteria.stderr)")
        #expect(csvRecords(criteria.stdout).count == 62)

        // And the demo runs on its embedded sample
        let demo = try run(sandbox.path("socplan"), ["demo"], in: sandbox.url)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("controls: "))
        #expect(demo.stdout.contains("Gaps"))
    }
}

// MARK: - help

@Suite("socplan --help") struct HelpTests {
    @Test(arguments: [
        ["init"], ["import"], ["export"], ["controls", "list"], ["controls", "show"], ["catalog", "criteria"], ["demo"],
    ])
    func helpShowsAnExample(command: [String]) throws {
        // Given nothing but the binary
        let sandbox = try Sandbox()

        // When the user asks for a command's help
        let result = try run(Locations.binary, command + ["--help"], in: sandbox.url)

        // Then it succeeds and shows an example
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Example"))
        #expect(result.stdout.contains("socplan \(command.joined(separator: " "))"))
    }
}
