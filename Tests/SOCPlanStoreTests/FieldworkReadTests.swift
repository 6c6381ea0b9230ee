import Foundation
import GRDB
import SOCPlanCore
import SOCPlanStore
import Testing

/// Reading an engagement's fieldwork back: population rows and selected items come back whole,
/// in the order of their file lines and draws, each under its own population or selection.
@Suite struct FieldworkReadTests {
    static func day(_ text: String) -> Day { Day(text)! }

    static func population(engagement: String, evidence: String, rows: [PopulationRow]) -> Population {
        Population(
            id: 0, engagement: engagement, requestID: "REQ-\(evidence)", evidence: EvidenceID(evidence), part: "",
            window: Period(start: day("2026-01-01"), end: day("2026-12-31")), file: "\(evidence).csv",
            sha256: "00", rowCount: rows.count, keyColumn: "key", dateColumn: "date", controlTotal: nil,
            addedBy: "auditor", addedAt: "2026-11-01", rows: rows)
    }

    @Test func populationRowsAndSelectedItemsComeBackInFileAndDrawOrder() throws {
        // Given two populations of one engagement (their keys not in line order, one of them
        // long and not ASCII) and one of another engagement
        let store = try Store.inMemory()
        let first = [
            PopulationRow(key: "Z-9", date: Self.day("2026-03-01"), line: 2),
            PopulationRow(key: "A-1", date: Self.day("2026-01-15"), line: 3),
            PopulationRow(key: "Zahlung-Müller-0000000000000042", date: Self.day("2026-02-28"), line: 4),
        ]
        let second = [
            PopulationRow(key: "B-2", date: Self.day("2026-06-30"), line: 7),
            PopulationRow(key: "B-1", date: Self.day("2026-05-01"), line: 5),
        ]
        let firstID = try store.add(Self.population(engagement: "fy2026", evidence: "EV-A", rows: first))
        let secondID = try store.add(Self.population(engagement: "fy2026", evidence: "EV-B", rows: second))
        try store.add(
            Self.population(
                engagement: "other", evidence: "EV-A",
                rows: [PopulationRow(key: "X-1", date: Self.day("2026-01-02"), line: 2)]))
        // and a selection whose items are drawn in an order that is not the keys' order
        let items = [
            SelectedItem(key: "Z-9", date: Self.day("2026-03-01"), reports: [.soc2, .soc1]),
            SelectedItem(key: "A-1", date: Self.day("2026-01-15"), reports: [.soc1]),
            SelectedItem(key: "B-2", date: Self.day("2026-06-30"), reports: [.soc2], isExtension: true),
        ]
        _ = try store.record(
            selections: [
                Selection(
                    id: 0, engagement: "fy2026", control: "AC-1", fieldwork: "final",
                    window: Period(start: Self.day("2026-01-01"), end: Self.day("2026-12-31")), source: "EV-A",
                    stratum: "all", method: .random, planned: 3, populationSize: 3, populationSHA256: "00",
                    baseSeed: 1, seed: 2, items: items, selectedAt: "2026-11-02")
            ], superseding: [])

        // and results recorded out of order, one with an attribute and a description
        try store.record(
            results: [
                ItemResult(control: "AC-2", key: "B-2", outcome: .noException),
                ItemResult(
                    control: "AC-1", key: "Z-9", attribute: "approval", outcome: .exception,
                    description: "approved after access was granted"),
                ItemResult(control: "AC-1", key: "A-1", outcome: .noException),
            ], conclusions: [], engagement: "fy2026")

        // When the engagement's fieldwork is read
        let fieldwork = try store.fieldwork(engagement: "fy2026")

        // Then each population has its own rows, in the order of the file's lines
        #expect(fieldwork.populations.map(\.id) == [firstID, secondID])
        #expect(fieldwork.populations[0].rows == first)
        #expect(fieldwork.populations[1].rows == second.sorted { $0.line < $1.line })
        // and the selection has its items in the order they were drawn, with reports and extensions
        #expect(fieldwork.selections.count == 1)
        #expect(fieldwork.selections.first?.items.map(\.key) == ["Z-9", "A-1", "B-2"])
        #expect(fieldwork.selections.first?.items.map(\.reports) == [[.soc1, .soc2], [.soc1], [.soc2]])
        #expect(fieldwork.selections.first?.items.map(\.isExtension) == [false, false, true])
        #expect(fieldwork.selections.first?.items.map(\.date) == items.map(\.date))
        // and the results come back whole, by control and key
        #expect(
            fieldwork.results == [
                ItemResult(control: "AC-1", key: "A-1", outcome: .noException),
                ItemResult(
                    control: "AC-1", key: "Z-9", attribute: "approval", outcome: .exception,
                    description: "approved after access was granted"),
                ItemResult(control: "AC-2", key: "B-2", outcome: .noException),
            ])
    }

    @Test func storedDatesAreReadAsTheTextReadsThem() throws {
        try StoreFixture.withTemporaryDirectory { directory in
            // Given a population whose stored dates were written by hand: the stored form, a date
            // with a space before it, one without leading zeros, an impossible day and a text of
            // ten characters that is no date
            let url = directory.appendingPathComponent("workspace.sqlite")
            let id = try StoreTests.WorkspaceFile.create(at: url).add(
                Self.population(
                    engagement: "fy2026", evidence: "EV-A",
                    rows: [PopulationRow(key: "K-0", date: Self.day("2026-01-02"), line: 2)]))
            let texts = ["2026-03-01", " 2026-03-02", "2026-3-3", "2026-02-30", "2026x03-04", "2026-12-31"]
            try DatabaseQueue(path: url.path).write { db in
                for (offset, text) in texts.enumerated() {
                    try db.execute(
                        sql: "INSERT INTO population_item (population_id, line, key, date) VALUES (?, ?, ?, ?)",
                        arguments: [id, offset + 3, "K-\(offset + 1)", text])
                }
            }

            // When the fieldwork is read
            let rows = try Store.open(at: url.path).fieldwork(engagement: "fy2026").populations.first?.rows ?? []

            // Then each row has the date its text reads as, and the rows whose text is no date are left out
            let expected =
                [PopulationRow(key: "K-0", date: Self.day("2026-01-02"), line: 2)]
                + texts.enumerated().compactMap { offset, text in
                    Day(text).map { PopulationRow(key: "K-\(offset + 1)", date: $0, line: offset + 3) }
                }
            #expect(rows == expected)
            #expect(
                rows.map(\.date.description) == ["2026-01-02", "2026-03-01", "2026-03-02", "2026-03-03", "2026-12-31"])
        }
    }
}
