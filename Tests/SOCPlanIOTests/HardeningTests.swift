import Foundation
import SOCPlanCore
import Testing

@testable import SOCPlanIO

/// Hostile and broken files (issue 16): what reading them must never do is lose or merge data
/// silently, or report without bound.
@Suite("Hardening: NUL and control characters, UTF-16, bounded problems, shared evidence stems")
struct HardeningTests {
    @Test("a NUL in a cell is refused at its line and column; two ids that differ after it are not merged")
    func nulIsRefused() throws {
        // Given two controls whose ids differ only after a NUL byte
        let text = ImportFixture.controls(
            "AC-01\u{0}A,First,quarterly,manual,,CC6.1,", "AC-01\u{0}B,Second,quarterly,manual,,CC6.1,")
        // When it is imported
        let outcome = try ImportFixture.prepare(controls: text)
        // Then each NUL is an error at its place, and nothing would be written
        let nul = outcome.diagnostics.filter { $0.code == "csv-controlCharacter" }
        #expect(nul.map(\.line) == [2, 3])
        #expect(nul.map(\.column) == [6, 6])
        #expect(nul.allSatisfy { $0.message.contains("NUL") && $0.severity == .error })
        #expect(outcome.diagnostics.hasErrors)
    }

    @Test("other C0 control characters are refused; tab and line breaks in quotes are kept")
    func controlCharacters() {
        // Given an escape character in one cell, and a tab and a line break in others
        let document = CSVReader.read(Array("id,title\nA,\u{1B}[31mred\nB,\"two\tparts\nand lines\"\n".utf8))
        // Then only the escape is a problem, named by its code point
        #expect(document.problems.map(\.message) == ["control character U+001B in a cell"])
        #expect(document.problems.map(\.line) == [2])
        #expect(document.problems.map(\.column) == [3])
        #expect(document.records[2].cells[1].value == "two\tparts\nand lines")
    }

    @Test("a file full of stray quotes lists the first 200 problems and counts the rest")
    func problemsAreBounded() {
        // Given 5,000 lines with a stray quote each
        let text = "id,title\n" + (1...5000).map { "C-\($0),a \"quoted\" word" }.joined(separator: "\n")
        // When it is read
        let document = CSVReader.read(Array(text.utf8))
        // Then 200 problems are listed and one more counts the other 9,800 (two quotes per line)
        #expect(document.problems.count == CSVReader.problemLimit + 1)
        let last = try? #require(document.problems.last)
        #expect(last?.message.hasPrefix("9800 more like this from here on: quote inside an unquoted cell") == true)
        #expect(document.records.count == 5001)
    }

    @Test("a UTF-16 file is one clear error, with or without a byte order mark", arguments: [true, false])
    func utf16(withMark: Bool) throws {
        // Given a controls file saved as "Unicode text" (UTF-16 little-endian)
        let text = ImportFixture.controls("AC-01,Review,quarterly,manual,,CC6.1,")
        var bytes: [UInt8] = withMark ? [0xFF, 0xFE] : []
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        // When it is imported
        let catalog = try ImportFixture.catalog()
        let outcome = InventoryImporter.prepare(
            files: [InputFile(name: "controls.csv", bytes: bytes)], options: .init(),
            workspace: ImportFixture.payrollWorkspace(catalog), catalog: catalog)
        // Then there is one error naming the encoding and how to save it, not one per cell
        #expect(outcome.diagnostics.errors.map(\.message) == ["this file is UTF-16LE, not UTF-8"])
        #expect(outcome.diagnostics.errors.first?.hint.contains("UTF-8") == true)
    }

    @Test("many new evidence items sharing a long stem get distinct ids in order")
    func sharedStems() throws {
        // Given 300 controls naming 300 different evidence titles that share their first 40 letters
        let stem = String(repeating: "Quarterly access review evidence ", count: 2)
        let rows = (1...300).map { "C-\($0),Control \($0),quarterly,manual,,CC6.1,,\"\(stem)\($0)\"" }
        let text = ([ImportFixture.header + ",evidence"] + rows).joined(separator: "\n") + "\n"
        // When they are imported
        let outcome = try ImportFixture.prepare(controls: text)
        // Then each gets its own item: the stem, then -2, -3, … in the order they were met
        let ids = outcome.changes.evidence.map(\.id.rawValue)
        let base = try #require(ids.first)
        #expect(ids.count == 300)
        #expect(Set(ids).count == 300)
        #expect(Array(ids.dropFirst()) == (2...300).map { "\(base)-\($0)" })
    }
}

extension HardeningTests {
    @Test("--replace of objectives refuses to leave a CSOC or an engagement pointing at a removed one")
    func replaceChecksEveryReference() throws {
        // Given the payroll workspace, whose cloud CSOCs support objectives, and an engagement scoped to one
        let catalog = try ImportFixture.catalog()
        var workspace = ImportFixture.payrollWorkspace(catalog)
        let csoc = try #require(workspace.csocs.first { !$0.objectives.isEmpty })
        let removed = try #require(csoc.objectives.first)
        var engagement = Engagement(name: "fy")
        engagement.objectives = [removed]
        workspace.engagements = [engagement]
        // When objectives.csv without that objective is imported with --replace
        let kept = workspace.objectives.filter { $0.id != removed }
        let text =
            "objective_id,title\n" + kept.map { "\($0.id.rawValue),\"\($0.title)\"" }.joined(separator: "\n") + "\n"
        var options = InventoryImporter.Options()
        options.replace = true
        let outcome = try ImportFixture.prepare([("objectives.csv", text)], options: options, into: workspace)
        // Then the import is refused, naming each row that still refers to it
        let dangling = outcome.diagnostics.filter { $0.code == "dangling-reference" }
        #expect(dangling.contains { $0.subject == csoc.id.description && $0.message.contains(removed.rawValue) })
        #expect(dangling.contains { $0.subject == "fy" })
        #expect(outcome.diagnostics.hasErrors)
    }
}
