import Foundation
import Testing

// One CLI convention (issue 15), end to end through the built binary: snake_case JSON in a stable
// order, --format table|csv|json|md where a command prints a table, examples in --help that
// paste, "did you mean" for a mistyped subcommand, exit codes 0/1/2, repeated warnings grouped
// and colour only on a terminal.

extension CLIWorkdir {
    /// The bundled demo, kept as ./socplan.sqlite (the default workspace) to run commands on.
    fileprivate static func demo(sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIWorkdir {
        let workdir = try CLIWorkdir()
        try workdir.ok("demo", "--workspace", "socplan.sqlite", sourceLocation: sourceLocation)
        return workdir
    }

    /// A payroll workspace with one joint engagement and `count` controls, each with its own
    /// evidence, neither with an owner: `count` alike warnings of each kind.
    fileprivate static func ownerless(_ count: Int) throws -> CLIWorkdir {
        let workdir = try CLIWorkdir()
        try workdir.ok("init", "--org", "X", "--profile", "payroll")
        try workdir.ok(
            "engagement", "create", "fy", "--soc1", "none", "--soc2", "type2", "--soc2-period",
            "2026-01-01..2026-12-31")
        let ids = (1...count).map { String(format: "%02d", $0) }
        try workdir.write(
            "evidence.csv",
            "evidence_id,title,kind,source,owner\r\n"
                + ids.map { "EV-\($0),Sign-off \($0),document,Confluence,\r\n" }.joined())
        try workdir.write(
            "controls.csv",
            "control_id,title,frequency,nature,soc2_criteria,evidence,owner\r\n"
                + ids.map { "CM-\($0),Sign-off \($0),quarterly,manual,CC8.1,EV-\($0),\r\n" }.joined())
        try workdir.ok("import", "evidence.csv", "controls.csv")
        return workdir
    }
}

/// The commands that print JSON, as a person runs them on the demo workspace.
private let jsonCommands: [[String]] = [
    ["controls", "list"], ["controls", "show", "AC-01"], ["engagement", "list"], ["engagement", "risk", "list"],
    ["overlap"], ["overlap", "--detail"], ["suggest"], ["plan"], ["estimate"], ["estimate", "--staffing"],
    ["requests", "list"], ["requests", "status"], ["requests", "history"], ["cuecs", "list"], ["cuecs", "check"],
    ["window"], ["check"], ["catalog", "criteria"], ["catalog", "objectives"], ["catalog", "profiles"],
    ["catalog", "crosswalk"], ["catalog", "controls"], ["catalog", "holidays"], ["population", "list"],
    ["sample", "show"], ["results", "show"],
].map { $0 + ["--format", "json"] }

/// Every object key in a JSON value, with where it is.
private func keys(_ value: Any, at path: String = "") -> [(key: String, path: String)] {
    if let object = value as? [String: Any] {
        return object.flatMap { key, inner in [(key, path)] + keys(inner, at: "\(path)/\(key)") }
    }
    if let array = value as? [Any] { return array.flatMap { keys($0, at: path + "[]") } }
    return []
}

/// A key written in camelCase: a lower-case start, then a capital ("populationSize"). Ids
/// ("CC6.1", "AC-01") and names ("SOC 2 report") used as keys are data, not field names.
private func isCamelCase(_ key: String) -> Bool {
    key.range(of: "^[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*$", options: .regularExpression) != nil
}

/// Lines that are commands to paste.
private func exampleLines(_ help: String) -> [String] {
    help.split(separator: "\n").map(String.init).filter { $0.hasPrefix("  socplan ") }
}

@Suite("One CLI convention")
struct CLIConventionCLITests {
    @Test("every JSON output on the demo workspace has snake_case keys: none in camelCase")
    func snakeCaseJSON() throws {
        let workdir = try CLIWorkdir.demo()
        for arguments in jsonCommands {
            let outcome = try workdir.run(arguments)
            let command = arguments.joined(separator: " ")
            #expect(outcome.status == 0 || arguments == ["check", "--format", "json"], "\(command): \(outcome.stderr)")
            let json = try #require(try? outcome.json(), "\(command) printed no JSON")
            let camel = keys(json).filter { isCamelCase($0.key) }
            #expect(camel.isEmpty, "\(command): \(camel.prefix(5).map { "\($0.path)/\($0.key)" })")
        }
        // and the fields that were camelCase are now snake_case
        let control = try #require(
            try workdir.ok("controls", "show", "AC-01", "--format", "json").json() as? [String: Any])
        #expect(control["population_size"] != nil && control["test_methods"] != nil && control["populationSize"] == nil)
        let cuecs = try #require(try workdir.ok("cuecs", "list", "--format", "json").json() as? [[String: Any]])
        #expect(cuecs.first?["assumed_in_design"] != nil)
        #expect(cuecs.allSatisfy { $0["assumedInDesign"] == nil })
    }

    @Test("a JSON output is byte for byte the same on every run (engagement list had its categories in any order)")
    func stableJSON() throws {
        let workdir = try CLIWorkdir.demo()
        // the demo engagement has three SOC 2 categories: a set, printed in the catalog's order
        let engagements = try #require(
            try workdir.ok("engagement", "list", "--format", "json").json() as? [[String: Any]])
        #expect(engagements.first?["categories"] as? [String] == ["security", "availability", "confidentiality"])
        for arguments in [["engagement", "list"], ["controls", "list"], ["overlap", "--detail"], ["cuecs", "list"]] {
            let runs = try (1...6).map { _ in try workdir.ok(arguments + ["--format", "json"]).bytes }
            #expect(Set(runs).count == 1, "\(arguments.joined(separator: " ")) differs across 6 runs")
        }
    }

    @Test("check --format csv prints one diagnostic a row under a header; md a Markdown table")
    func checkCSV() throws {
        let workdir = try CLIWorkdir.demo()
        let csv = try workdir.run("check", "--format", "csv")
        #expect(csv.status == 1)  // the demo has gaps: findings
        let records = csvRecords(csv.stdout)
        #expect(records.first == ["severity", "code", "subject", "message", "hint"])
        #expect(records.dropFirst().allSatisfy { $0.count == 5 })
        #expect(csv.stdout.hasSuffix("\r\n") && !csv.stdout.contains("error["))
        let json = try #require(try workdir.run("check", "--format", "json").json() as? [[String: Any]])
        #expect(records.count - 1 == json.count)
        #expect(records.dropFirst().map { $0[1] } == json.map { $0["code"] as? String ?? "" })
        let md = try workdir.run("check", "--format", "md").stdout
        #expect(md.hasPrefix("| severity | code | subject | message | hint |\n| --- |"))
    }

    @Test("controls show takes --format table|csv|json|md; --json still works, with a note to use --format json")
    func controlsShowFormats() throws {
        let workdir = try CLIWorkdir.demo()
        let json = try workdir.ok("controls", "show", "AC-01", "--format", "json")
        #expect((try json.json() as? [String: Any])?["id"] as? String == "AC-01")
        let old = try workdir.ok("controls", "show", "AC-01", "--json")
        #expect(old.bytes == json.bytes)
        #expect(old.stderr.contains("--json is deprecated: use --format json"))
        let csv = csvRecords(try workdir.ok("controls", "show", "AC-01", "--format", "csv").stdout)
        #expect(csv.first == ["field", "value"])
        #expect(csv.contains(["control_id", "AC-01"]))
        #expect(csv.allSatisfy { $0.count == 2 })
        let md = try workdir.ok("controls", "show", "AC-01", "--format", "md").stdout
        #expect(md.hasPrefix("| field | value |\n| --- | --- |\n| control_id | AC-01 |"))
        let table = try workdir.ok("controls", "show", "AC-01").stdout
        #expect(table.contains("SOC 1 objectives:"))
        // --json is not in the help any more; --format is
        let help = try workdir.ok("controls", "show", "--help").stdout
        #expect(help.contains("--format") && !help.contains("--json"))
    }

    @Test("estimate --format csv starts with a header row, and every row has as many cells")
    func estimateCSVHeader() throws {
        let workdir = try CLIWorkdir.demo()
        let records = csvRecords(try workdir.ok("estimate", "--format", "csv").stdout)
        #expect(records.first == ["measure", "fy2026"])
        #expect(records.count > 10 && records.allSatisfy { $0.count == 2 })
        let staffing = csvRecords(try workdir.ok("estimate", "--staffing", "--format", "csv").stdout)
        let header = try #require(staffing.first)
        #expect(!header.isEmpty && header.allSatisfy { !$0.isEmpty && Double($0) == nil })
    }

    @Test("import --dry-run --format csv|md|json shows the changes one column a row, with snake_case JSON")
    func importFormats() throws {
        let workdir = try CLIWorkdir.demo()
        try workdir.ok("export", "--dir", "out")
        let controls = try workdir.text("out/controls.csv")
        try workdir.write(
            "out/controls.csv",
            controls.replacingOccurrences(of: "Quarterly returns review", with: "Monthly returns review"))
        let csv = csvRecords(try workdir.ok("import", "out/controls.csv", "--dry-run", "--format", "csv").stdout)
        #expect(csv.first == ["kind", "id", "change", "column", "old", "new", "file"])
        #expect(
            csv.dropFirst().contains {
                $0[2] == "changed" && $0[3] == "title" && $0[5].hasPrefix("Monthly returns review")
            })
        let md = try workdir.ok("import", "out/controls.csv", "--dry-run", "--format", "md").stdout
        #expect(md.hasPrefix("| kind | id | change | column | old | new | file |\n| --- |"))
        let json = try workdir.ok("import", "out/controls.csv", "--dry-run", "--format", "json").json()
        #expect(keys(json).filter { isCamelCase($0.key) }.isEmpty)
        #expect((json as? [String: Any])?["dry_run"] as? Bool == true)
    }

    @Test("--help keeps every example on one line at 40 columns, so it pastes")
    func helpExamplesWhole() throws {
        let workdir = try CLIWorkdir()
        for command in [[], ["overlap"], ["engagement", "create"], ["estimate"], ["check"], ["controls", "list"]] {
            let narrow = try SOCPlanBinary.run(command + ["--help"], in: workdir.url, environment: ["COLUMNS": "40"])
            let wide = try SOCPlanBinary.run(command + ["--help"], in: workdir.url, environment: ["COLUMNS": "500"])
            #expect(narrow.status == 0)
            let narrowText = String(decoding: narrow.stdout, as: UTF8.self)
            let examples = exampleLines(String(decoding: wide.stdout, as: UTF8.self))
            #expect(!examples.isEmpty, "socplan \(command.joined(separator: " ")) --help shows no example")
            #expect(exampleLines(narrowText) == examples)
            // and the prose is still wrapped to the width (a word longer than the width stays whole)
            let long = narrowText.split(separator: "\n").filter { $0.count > 40 && !$0.hasPrefix("  socplan ") }
            #expect(
                long.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).contains(" ") || $0.hasPrefix("      ") })
        }
        let overlap = try SOCPlanBinary.run(["help", "overlap"], in: workdir.url, environment: ["COLUMNS": "40"])
        #expect(
            String(decoding: overlap.stdout, as: UTF8.self).contains(
                "\n  socplan overlap --engagement fy2026 --format json > overlap.json\n"))
        // and a discussion's paragraphs are wrapped as paragraphs, not at the source's own line
        // breaks (which left short ragged lines: "a\ncarved-out\npublic cloud")
        let demo = try SOCPlanBinary.run(["demo", "--help"], in: workdir.url, environment: ["COLUMNS": "80"])
        let demoText = String(decoding: demo.stdout, as: UTF8.self)
        #expect(demoText.contains("carved-out public cloud"))
        #expect(demoText.contains("\nExample:\n  socplan demo\n"))
        // --version is not help: printed as it is
        #expect(try workdir.ok("--version").stdout == "0.1.0\n")
    }

    @Test("a mistyped subcommand: \"Unknown subcommand 'overlpa'. Did you mean 'overlap'?\", exit 2")
    func didYouMean() throws {
        let workdir = try CLIWorkdir()
        let overlap = try workdir.run("overlpa")
        #expect(overlap.status == 2)
        #expect(overlap.stderr.hasPrefix("Error: Unknown subcommand 'overlpa'. Did you mean 'overlap'?\n"))
        #expect(overlap.stdout.isEmpty)
        let nested = try workdir.run("engagement", "lsit")
        #expect(nested.status == 2)
        #expect(nested.stderr.contains("Unknown subcommand 'lsit'. Did you mean 'list'?"))
        // under a command with a default subcommand too (cuecs → list, requests → list)
        let underDefault = try workdir.run("requests", "stauts")
        #expect(underDefault.status == 2)
        #expect(underDefault.stderr.hasPrefix("Error: Unknown subcommand 'stauts'. Did you mean 'status'?\n"))
        // and after help
        let help = try workdir.run("help", "engagement", "craete")
        #expect(help.status == 2)
        #expect(help.stderr.hasPrefix("Error: Unknown subcommand 'craete'. Did you mean 'create'"))
        #expect(try workdir.run("help", "engagement", "create").status == 0)
        let far = try workdir.run("zzzzzz")
        #expect(far.status == 2)
        #expect(far.stderr.contains("Unknown subcommand 'zzzzzz'. The subcommands are: init, import,"))
    }

    @Test("exit codes: 0 ok, 1 findings or refused input, 2 usage")
    func exitCodes() throws {
        let workdir = try CLIWorkdir.demo()
        #expect(try workdir.run("controls", "list").status == 0)
        // findings
        #expect(try workdir.run("check").status == 1)
        #expect(try workdir.run("overlap", "--fail-on-gaps").status == 1)
        #expect(try workdir.run("check", "--fail-on", "never").status == 0)
        // refused input
        #expect(try workdir.run("controls", "show", "NO-SUCH").status == 1)
        #expect(try workdir.run("import", "missing.csv").status == 1)
        #expect(try workdir.run("controls", "list", "--criterion", "CC99.9").status == 1)
        // usage: an unknown option, a bad value, a value out of range, a missing argument
        for arguments in [
            ["overlap", "--bogus"], ["controls", "list", "--format", "xml"], ["window", "--length", "13"],
            ["controls", "show"], ["overlpa"],
        ] {
            let outcome = try workdir.run(arguments)
            #expect(outcome.status == 2, "\(arguments.joined(separator: " ")) exited \(outcome.status)")
            #expect(outcome.stderr.contains("Error:") && outcome.stderr.contains("Usage:"))
        }
    }

    @Test("check on a terminal shows a warning repeated more than 3 times as one line: the count, then the ids")
    func groupedWarnings() throws {
        let workdir = try CLIWorkdir.ownerless(6)
        let check = try workdir.run("check", "--fail-on", "never")
        let lines = check.stdout.split(separator: "\n").map(String.init)
        let owner = lines.filter { $0.hasPrefix("warning[control-no-owner]") }
        #expect(owner == ["warning[control-no-owner]: 6 alike: CM-01 has no owner; and 5 more"])
        #expect(lines.contains("    the others: CM-02, CM-03, CM-04, CM-05, CM-06"))
        // the count line still counts every warning, and CSV and JSON list each one
        let csv = csvRecords(try workdir.run("check", "--format", "csv").stdout)
        #expect(csv.filter { $0.count > 1 && $0[1] == "control-no-owner" }.count == 6)
        // a code repeated 3 times or fewer is shown one by one
        let few = try CLIWorkdir.ownerless(3)
        let shown = try few.run("check", "--fail-on", "never").stdout
        #expect(shown.components(separatedBy: "warning[control-no-owner]: CM-0").count == 4)
        // and the request list's warnings on stderr are grouped the same way
        let requests = try workdir.run("requests", "--format", "csv")
        #expect(requests.status == 0)
        #expect(requests.stderr.contains("warning: 6 alike: evidence EV-01 (Sign-off 01) has no owner"))
        #expect(requests.stderr.contains("    the others: EV-02, EV-03, EV-04, EV-05, EV-06\n"))
    }

    @Test(
        "errors in red and warnings in yellow on a terminal only: never in a pipe or a file, nor with NO_COLOR",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func colourOnTerminal() throws {
        let workdir = try CLIWorkdir.demo()
        let escape = "\u{1B}["
        // piped (as every other test runs it): no escape codes at all
        let piped = try workdir.run("check")
        #expect(!piped.stdout.contains(escape) && !piped.stderr.contains(escape))
        // on a terminal (`script` gives the command one)
        let command = "'\(SOCPlanBinary.url.path)' check"
        // (an empty NO_COLOR counts as unset: the test runner's own may be set)
        let terminal = try SOCPlanBinary.run(
            ["-qec", command, "/dev/null"], in: workdir.url, environment: ["TERM": "xterm", "NO_COLOR": ""],
            executable: URL(fileURLWithPath: "/usr/bin/script"))
        let shown = String(decoding: terminal.stdout, as: UTF8.self)
        #expect(
            shown.contains("\(escape)1;31merror\(escape)0m[gap-criterion]"),
            "NO_COLOR=\(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "(unset)") TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "(unset)")"
        )
        #expect(shown.contains("\(escape)33mwarning\(escape)0m["))
        #expect(terminal.status == 1)
        let plain = try SOCPlanBinary.run(
            ["-qec", command, "/dev/null"], in: workdir.url, environment: ["TERM": "xterm", "NO_COLOR": "1"],
            executable: URL(fileURLWithPath: "/usr/bin/script"))
        let plainText = String(decoding: plain.stdout, as: UTF8.self)
        #expect(!plainText.contains(escape) && plainText.contains("error[gap-criterion]"))
    }
}
