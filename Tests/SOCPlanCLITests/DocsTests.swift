import Foundation
import Testing

// Documentation that cannot rot: every command shown in a `console` block of README.md and
// docs/*.md runs against the built binary, and its stdout must still match what the page shows.
// The marker syntax is described in docs/README.md ("Commands that are checked").
// `SOCPLAN_REGENERATE=1 swift test --filter DocsTests` rewrites the shown output of the commands
// that no longer match (an excerpt with `…` that still matches is left as it is).

/// One Markdown page, read into what the check needs.
struct DocPage {
    /// One command of a `console` block and the output the page shows for it.
    struct Command {
        var text: String
        /// The shown output, and where it sits in the page (0-based line indices, end exclusive).
        var expected: [String]
        var lines: Range<Int>
        /// The block's indentation (a block inside a list item), put back when the page is rewritten.
        var indent = ""
    }

    enum Step {
        case run(Command)
        /// Write a fenced block's content to a file of the sandbox.
        case file(name: String, content: String)
        /// Start again in a fresh sandbox.
        case reset
    }

    var lines: [String]
    var steps: [Step] = []

    init(_ text: String) {
        lines = text.components(separatedBy: "\n")
        var index = 0
        var directive: String?
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("<!-- doc-check:"), trimmed.hasSuffix("-->") {
                let body = trimmed.dropFirst("<!-- doc-check:".count).dropLast(3).trimmingCharacters(in: .whitespaces)
                if body == "reset" { steps.append(.reset) } else { directive = body }
                index += 1
                continue
            }
            guard trimmed.hasPrefix("```") else {
                if !trimmed.isEmpty { directive = nil }
                index += 1
                continue
            }
            let fence = String(trimmed.prefix { $0 == "`" })
            let info = trimmed.dropFirst(fence.count).trimmingCharacters(in: .whitespaces)
            var end = index + 1
            while end < lines.count, !lines[end].trimmingCharacters(in: .whitespaces).hasPrefix(fence) { end += 1 }
            let indent = String(line.prefix { $0 == " " })
            let body = lines[(index + 1)..<min(end, lines.count)].map { text in
                text.hasPrefix(indent) ? String(text.dropFirst(indent.count)) : text
            }
            if let directive, directive.hasPrefix("file ") {
                let name = directive.dropFirst("file ".count).trimmingCharacters(in: .whitespaces)
                steps.append(.file(name: name, content: body.joined(separator: "\n") + "\n"))
            } else if info == "console" && directive != "skip" {
                steps += Self.commands(body, firstLine: index + 1).map { command in
                    var indented = command
                    indented.indent = indent
                    return .run(indented)
                }
            }
            directive = nil
            index = end + 1
        }
    }

    /// `$ command` lines (a trailing `\` continues on the next line) and the output lines after each.
    static func commands(_ body: [String], firstLine: Int) -> [Command] {
        var commands: [Command] = []
        var index = 0
        while index < body.count {
            guard body[index].hasPrefix("$ ") else {
                index += 1
                continue
            }
            var text = String(body[index].dropFirst(2))
            while text.hasSuffix("\\"), index + 1 < body.count {
                index += 1
                text += "\n" + body[index]
            }
            index += 1
            let start = index
            while index < body.count, !body[index].hasPrefix("$ ") { index += 1 }
            commands.append(
                Command(
                    text: text, expected: Array(body[start..<index]), lines: (firstLine + start)..<(firstLine + index)))
        }
        return commands
    }

    /// Whether `actual` is what `expected` shows: lines equal after trimming trailing spaces; a
    /// line that is only `…` stands for any number of lines; a line ending in `…` for any line
    /// that starts with the text before it.
    static func matches(expected: [String], actual: [String]) -> Bool {
        let want = trimmed(expected)
        let have = trimmed(actual)
        var memo: [Int: Bool] = [:]
        func match(_ i: Int, _ j: Int) -> Bool {
            let key = i * (have.count + 1) + j
            if let known = memo[key] { return known }
            let result: Bool
            if i == want.count {
                result = j == have.count
            } else if want[i] == "…" {
                result = match(i + 1, j) || (j < have.count && match(i, j + 1))
            } else if j == have.count {
                result = false
            } else if want[i].hasSuffix("…") {
                result = have[j].hasPrefix(String(want[i].dropLast())) && match(i + 1, j + 1)
            } else {
                result = want[i] == have[j] && match(i + 1, j + 1)
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }

    /// Lines without trailing spaces, and without empty lines at the end.
    static func trimmed(_ lines: [String]) -> [String] {
        var result = lines.map { line in
            String(line.reversed().drop { $0 == " " || $0 == "\r" }.reversed())
        }
        while result.last == "" { result.removeLast() }
        return result
    }
}

@Suite(.serialized) struct DocsTests {
    /// The binary the pages run: `SOCPLAN_BINARY` (`.ci/check-docs` passes the release build), else the test build's.
    static let binary: URL =
        ProcessInfo.processInfo.environment["SOCPLAN_BINARY"].map { URL(fileURLWithPath: $0) }
        ?? SOCPlanBinary.url

    /// README.md and every page of docs/, as paths relative to the repository.
    static let pages: [String] = {
        let docs = SOCPlanBinary.repository.appendingPathComponent("docs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []
        return ["README.md"] + names.filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
    }()

    @Test(arguments: pages) func everyShownCommandStillPrintsWhatThePageShows(_ page: String) throws {
        // Given a page and a sandbox holding the bundled sample (Catalogs/sample/)
        let url = SOCPlanBinary.repository.appendingPathComponent(page)
        let parsed = DocPage(String(decoding: try Data(contentsOf: url), as: UTF8.self))
        var sandbox = try Self.sandbox()
        var failures: [String] = []

        // When each command runs in order, in one shell per command, from the sandbox
        for step in parsed.steps {
            switch step {
            case .reset: sandbox = try Self.sandbox()
            case .file(let name, let content):
                try Data(content.utf8).write(to: sandbox.url.appendingPathComponent(name))
            case .run(let command):
                let run = try SOCPlanBinary.run(
                    ["-c", command.text], in: sandbox.url,
                    environment: [
                        "PATH": Self.binary.deletingLastPathComponent().path + ":/usr/bin:/bin", "NO_COLOR": "1",
                        "TZ": "UTC",
                    ], executable: URL(fileURLWithPath: "/bin/sh"))
                let actual = String(decoding: run.stdout, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
                    .components(separatedBy: "\n")
                // Then it succeeds and prints what the page shows
                if run.status != 0 {
                    failures.append(
                        "\(page):\(command.lines.lowerBound): `\(command.text)` exited \(run.status): \(run.stderr)")
                } else if !DocPage.matches(expected: command.expected, actual: actual) {
                    failures.append(
                        "\(page):\(command.lines.lowerBound): `\(command.text)` now prints:\n"
                            + DocPage.trimmed(actual).joined(separator: "\n"))
                }
            }
        }
        if ProcessInfo.processInfo.environment["SOCPLAN_REGENERATE"] == "1", !failures.isEmpty {
            try Self.regenerate(page: url, parsed: parsed)
            return
        }
        let report =
            "\(failures.count) shown command(s) of \(page) no longer print what it shows "
            + "(SOCPLAN_REGENERATE=1 swift test --filter DocsTests rewrites them):\n\n"
            + failures.joined(separator: "\n\n")
        #expect(failures.isEmpty, Comment(rawValue: report))
    }

    /// Reruns the page and writes each mismatching command's actual stdout in place of the shown one.
    static func regenerate(page url: URL, parsed: DocPage) throws {
        var sandbox = try Self.sandbox()
        var replacements: [(Range<Int>, [String])] = []
        for step in parsed.steps {
            switch step {
            case .reset: sandbox = try Self.sandbox()
            case .file(let name, let content):
                try Data(content.utf8).write(to: sandbox.url.appendingPathComponent(name))
            case .run(let command):
                let run = try SOCPlanBinary.run(
                    ["-c", command.text], in: sandbox.url,
                    environment: [
                        "PATH": Self.binary.deletingLastPathComponent().path + ":/usr/bin:/bin", "NO_COLOR": "1",
                        "TZ": "UTC",
                    ], executable: URL(fileURLWithPath: "/bin/sh"))
                let actual = DocPage.trimmed(
                    String(decoding: run.stdout, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
                        .components(separatedBy: "\n"))
                // A command that fails keeps what the page shows: the check reports it.
                if run.status == 0, !DocPage.matches(expected: command.expected, actual: actual) {
                    replacements.append((command.lines, actual.map { $0.isEmpty ? "" : command.indent + $0 }))
                }
            }
        }
        var lines = parsed.lines
        for (range, actual) in replacements.reversed() { lines.replaceSubrange(range, with: actual) }
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
    }

    /// A fresh directory with the bundled sample at Catalogs/sample/, as in a clone of the repository.
    static func sandbox() throws -> CLIWorkdir {
        let sandbox = try CLIWorkdir()
        let catalogs = sandbox.url.appendingPathComponent("Catalogs")
        try FileManager.default.createDirectory(at: catalogs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: SOCPlanBinary.repository.appendingPathComponent("Catalogs/sample"),
            to: catalogs.appendingPathComponent("sample"))
        return sandbox
    }

    // MARK: The check itself bites

    @Test func aChangedOutputIsCaughtAndAnExcerptStillMatches() {
        // Given a page that shows a command, its output with an elided middle, and a cut line
        let page = DocPage(
            """
            Intro.

            ```console
            $ socplan import a.csv \\
                --dry-run
            controls: 1 would be added
            …
            dry run: nothing…
            ```
            """)
        guard case .run(let command)? = page.steps.first else {
            Issue.record("no command read")
            return
        }
        #expect(command.text == "socplan import a.csv \\\n    --dry-run")
        // Then the real output matches, whatever the elided lines
        #expect(
            DocPage.matches(
                expected: command.expected,
                actual: ["controls: 1 would be added", "a", "b", "dry run: nothing was written", ""]))
        // And a changed line is caught
        #expect(
            !DocPage.matches(
                expected: command.expected, actual: ["controls: 2 would be added", "dry run: nothing was written"]))
        #expect(!DocPage.matches(expected: command.expected, actual: ["controls: 1 would be added"]))
    }

    @Test func skippedBlocksAreNotRunAndFileBlocksAreWritten() {
        let page = DocPage(
            """
            <!-- doc-check: skip -->
            ```console
            $ swift run -c release socplan demo
            ```

            <!-- doc-check: file soc2.csv -->
            ```csv
            a,b
            ```
            <!-- doc-check: reset -->
            """)
        #expect(page.steps.count == 2)
        if case .file(let name, let content)? = page.steps.first {
            #expect(name == "soc2.csv" && content == "a,b\n")
        } else {
            Issue.record("the file block was not read")
        }
    }
}
