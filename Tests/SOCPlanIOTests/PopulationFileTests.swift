import Foundation
import SOCPlanCore
import Testing

@testable import SOCPlanIO

/// Populations as clients deliver them: CSV with a title row or semicolons, and workbooks whose
/// problems are placed on their sheet's cells.
@Suite("Populations from CSV and workbooks")
struct PopulationFileTests {
    static let interim = Period("2026-01-01..2026-09-30")!

    static func workbook(_ sheets: [XLSXWriter.Sheet]) throws -> InputFile {
        InputFile(name: "changes.xlsx", bytes: Array(try XLSXWriter.data(sheets)))
    }

    /// Change tickets: a good one, an unreadable date, a duplicate key and a date after the interim months.
    static let export = XLSXWriter.Sheet(
        name: "Export", columns: [XLSXWriter.Column("Change #"), XLSXWriter.Column("Opened")],
        rows: [
            [.text("CHG-1"), .date(Day(year: 2026, month: 2, day: 3)!)],
            [.text("CHG-2"), .text("sometime")],
            [.text("CHG-1"), .date(Day(year: 2026, month: 3, day: 1)!)],
            [.text("CHG-3"), .date(Day(year: 2026, month: 10, day: 2)!)],
        ])
    static let notes = XLSXWriter.Sheet(name: "Notes", table: [["Exported from ServiceDesk"]])

    @Test("a workbook with two filled sheets asks which one is the population, naming them")
    func whichSheet() throws {
        let parsed = PopulationFile.read(
            try Self.workbook([Self.notes, Self.export]), key: nil, date: nil, window: Self.interim)
        #expect(parsed.rows.isEmpty)
        let problem = try #require(parsed.diagnostics.first { $0.code == "which-sheet" })
        #expect(problem.severity == .error)
        #expect(problem.hint.contains("\"Notes\", \"Export\""), "\(problem.hint)")
    }

    @Test("a workbook's problems name the sheet, the cell and the column's header")
    func cells() throws {
        // Given the Export sheet, chosen whatever its case
        let parsed = PopulationFile.read(
            try Self.workbook([Self.notes, Self.export]), key: nil, date: nil, window: Self.interim, sheet: "export")
        // Then each bad row is an error at its cell, and only the good row is kept
        let shown = parsed.diagnostics.map(\.rendered)
        #expect(
            shown.contains { $0.hasPrefix("changes.xlsx, sheet Export, cell B3 (Opened): error: Opened \"sometime\"") },
            "\(shown)")
        #expect(
            shown.contains {
                $0.hasPrefix(
                    "changes.xlsx, sheet Export, cell A4 (Change #): error: Change # \"CHG-1\" already appears on row 2"
                )
            }, "\(shown)")
        #expect(shown.contains { $0.contains("cell B5 (Opened): error: Opened 2026-10-02 is outside") }, "\(shown)")
        #expect(parsed.rows.map(\.key) == ["CHG-1"])
        // And the date cell was read as its date
        #expect(parsed.rows.first?.date == Day(year: 2026, month: 2, day: 3))
        #expect(parsed.sheet == "Export")
    }

    @Test("a sheet named that the workbook lacks is an error listing its sheets")
    func unknownSheet() throws {
        let parsed = PopulationFile.read(
            try Self.workbook([Self.export]), key: nil, date: nil, window: Self.interim, sheet: "Data")
        let problem = try #require(parsed.diagnostics.first { $0.code == "unknown-sheet" })
        #expect(problem.hint == "its sheets are: \"Export\"")
    }

    @Test("a CSV export's title row is left out with a note, and a semicolon-separated file reads")
    func csvTitleRowsAndSemicolons() throws {
        // Given a CSV whose first line is a title, separated by semicolons as a European Excel saves it
        let bytes = Array("New users, Jan-Sep 2026\nTicket;Created;Team\nNU-1;2026-01-05;Ops\nNU-2;3/4/2026;Ops\n".utf8)
        let parsed = PopulationFile.read(
            InputFile(name: "nu.csv", bytes: bytes), key: "Ticket", date: nil, window: Self.interim)
        // Then the header is found on line 2, and both rows are read (3/4/2026 in US order)
        #expect(!parsed.diagnostics.hasErrors, "\(parsed.diagnostics.map(\.rendered))")
        #expect(parsed.diagnostics.contains { $0.code == "title-rows" && $0.message.contains("row 2") })
        #expect(parsed.rows.map(\.key) == ["NU-1", "NU-2"])
        #expect(parsed.rows.map(\.date) == [Day(year: 2026, month: 1, day: 5), Day(year: 2026, month: 3, day: 4)])
        #expect(parsed.dateColumn == "Created")
    }
}
