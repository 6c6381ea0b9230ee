import Foundation
import SOCPlanIO
import Testing

/// docs/file-formats.md's tables of columns are the table descriptions, written out.
@Suite struct ColumnDocsTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/file-formats.md")

    @Test func readmeListsEveryColumnAsDescribed() throws {
        // Given the README and the block of it generated from the descriptions
        let text = String(decoding: try Data(contentsOf: Self.readme), as: UTF8.self)
        let start = try #require(
            text.range(of: ColumnDocs.begin + "\n"), "docs/file-formats.md has no generated columns block")
        let end = try #require(text.range(of: ColumnDocs.end, range: start.upperBound..<text.endIndex))
        let expected = ColumnDocs.markdown()

        // When SOCPLAN_REGENERATE=1, it is rewritten
        if ProcessInfo.processInfo.environment["SOCPLAN_REGENERATE"] == "1" {
            let updated = text.replacingCharacters(in: start.upperBound..<end.lowerBound, with: expected)
            try Data(updated.utf8).write(to: Self.readme)
            return
        }

        // Then it matches, column for column
        #expect(
            String(text[start.upperBound..<end.lowerBound]) == expected,
            "docs/file-formats.md's columns are out of date: run SOCPLAN_REGENERATE=1 swift test --filter ColumnDocs")
    }
}
