import Foundation
import SOCPlanCore
import Testing

@testable import SOCPlanIO

/// Workbooks in and out: what the reader shows, what the writer stores, and how an import from a
/// workbook reads and places its problems.
@Suite struct XLSXTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    /// A workbook written by LibreOffice from a matrix laid out as third-party ones are: a merged
    /// title, a dated banner row, the header on row 4, ids stored as formatted numbers (1.10 as
    /// 1.1 with format 0.00, 007 as 7 with format 000), a formula, a boolean, a merged cell down
    /// two rows, a note right of the table, and an Instructions sheet.
    static func libreOfficeMatrix() throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent("libreoffice-matrix.xlsx")))
    }

    @Test(
        "number cells read as their format shows them",
        arguments: [
            (1.1, "0.00", "1.10"), (7, "000", "007"), (0.5, "0%", "50%"), (1_234_567.891, "#,##0.00", "1,234,567.89"),
            (1234, "#,##0", "1,234"), (250, "General", "250"), (0.1, "General", "0.1"), (-3, "0;(0)", "(3)"),
            (46082, "m/d/yyyy", "2026-03-01"), (46082.5, "yyyy-mm-dd hh:mm", "2026-03-01 12:00"),
            (0.75, "h:mm", "18:00"), (12, "\"Q\"0", "Q12"), (1e20, "General", "1E+20"), (42, "@", "42"),
            (3, "0 \"days\"", "3 days"),
        ])
    func numberFormats(value: Double, code: String, shown: String) {
        #expect(NumberFormat.display(value, code: code, date1904: false) == shown)
    }

    @Test func theTwoDateSystemsGiveTheSameDay() {
        let day = Day(year: 2026, month: 3, day: 1)!
        #expect(
            NumberFormat.display(Double(NumberFormat.serial(day)), code: "d-mmm-yy", date1904: false) == "2026-03-01")
        #expect(
            NumberFormat.display(Double(NumberFormat.serial(day) - 1462), code: "d-mmm-yy", date1904: true)
                == "2026-03-01")
    }

    @Test func writtenCellsReadBackAsWritten() throws {
        // Given text a spreadsheet would turn into numbers, dates, booleans or formulas, and typed values
        let texts = [
            "1.10", "007", "MAR-01", "TRUE", " padded ", "a\r\nb\rc\nd", "_x0041_ stays", "tab\there", "bell\u{7}",
            "=SUM(A1:A2)", "'quoted", "中文 😀", "&<>\"",
        ]
        let sheet = XLSXWriter.Sheet(
            name: "Cells", columns: [XLSXWriter.Column("text"), XLSXWriter.Column("typed")],
            rows: texts.enumerated().map { index, text in
                let typed: [XLSXValue] = [
                    .number(250), .number(0.1), .date(Day(year: 2026, month: 3, day: 1)!), .bool(true), .empty,
                ]
                return [.text(text), typed[index % typed.count]]
            })
        // When it is written and read back
        let sheets = try XLSXReader.read(try XLSXWriter.data([sheet]))
        // Then every text is exactly as written, and the typed cells show as a person sees them
        let rows = try #require(sheets.first?.rows)
        #expect(rows.first?.cells == ["text", "typed"])
        #expect(rows.dropFirst().map { $0.cells[0] } == texts)
        #expect(
            rows.dropFirst().prefix(5).map { $0.cells.count > 1 ? $0.cells[1] : "" } == [
                "250", "0.1", "2026-03-01", "TRUE", "",
            ])
    }

    @Test func writingIsDeterministicAndNamesAreMadeValid() throws {
        let sheets = [
            XLSXWriter.Sheet(name: "a/b", table: [["x"], ["1"]]),
            XLSXWriter.Sheet(name: "A-B", table: [["x"], ["2"]]),
            XLSXWriter.Sheet(name: String(repeating: "n", count: 40), table: [["x"]]),
        ]
        #expect(try XLSXWriter.data(sheets) == XLSXWriter.data(sheets))
        let names = try XLSXReader.read(try XLSXWriter.data(sheets)).map(\.name)
        #expect(names == ["a-b", "A-B (2)", String(repeating: "n", count: 31)])
    }

    @Test func aLibreOfficeWorkbookReadsAsAPersonSeesIt() throws {
        let sheets = try XLSXReader.read(Data(try Self.libreOfficeMatrix()))
        #expect(sheets.map(\.name) == ["Control Matrix", "Instructions"])
        let matrix = sheets[0]
        #expect(matrix.text(row: 1, column: 1) == "Acme Payroll Services - SOC 2 Control Matrix FY2026")
        #expect(matrix.text(row: 1, column: 8) == matrix.text(row: 1, column: 1), "a merged title covers its cells")
        #expect(matrix.text(row: 2, column: 3) == "2026-03-01")
        #expect((5...9).map { matrix.text(row: $0, column: 1) } == ["1.10", "007", "MAR-01", "1.1", "TRUE"])
        #expect(matrix.text(row: 7, column: 4) == "daily", "a formula reads as its cached value")
        #expect(matrix.text(row: 5, column: 7) == "TRUE")
        #expect(matrix.text(row: 6, column: 8) == "1,234")
        #expect(matrix.text(row: 9, column: 6) == "CC5.3", "a cell merged down gives its value to each row")
        #expect(matrix.text(row: 7, column: 3) == "Backup failures are\nticketed daily.")
    }

    @Test func importFindsTheHeaderBelowTheBannerAndKeepsTheIds() throws {
        // Given the LibreOffice matrix, whose header is on row 4
        let catalog = try ImportFixture.catalog()
        let outcome = InventoryImporter.prepare(
            files: [InputFile(name: "matrix.xlsx", bytes: try Self.libreOfficeMatrix())], options: .init(),
            workspace: ImportFixture.payrollWorkspace(catalog), catalog: catalog)
        // Then every control imports, ids exactly as shown, and the note right of the table is named by its cell
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics.map(\.rendered))")
        #expect(outcome.changes.controls.map(\.id.rawValue).sorted() == ["007", "1.1", "1.10", "MAR-01", "TRUE"])
        let byID = Dictionary(uniqueKeysWithValues: outcome.changes.controls.map { ($0.id.rawValue, $0) })
        #expect(byID["1.10"]?.key == true)
        #expect(byID["007"]?.key == false)
        #expect(byID["MAR-01"]?.frequency == .daily)
        #expect(byID["TRUE"]?.criteria.map(\.rawValue) == ["CC5.3"])
        let warning = try #require(outcome.diagnostics.first { $0.code == "cells-outside-table" })
        #expect(warning.rendered.hasPrefix("matrix.xlsx, sheet Control Matrix, cell J6: warning:"))
        #expect(outcome.diagnostics.contains { $0.code == "sheet-skipped" && $0.message.contains("Instructions") })
    }

    /// A generated controls workbook: a title row, then the header, then `rows`.
    static func workbook(_ rows: [[String]], sheet: String = "Controls", title: Bool = true) throws -> [UInt8] {
        let header = ["Control ID", "Title", "Frequency", "Nature", "TSC"]
        var table = XLSXWriter.Sheet(name: sheet, table: [header] + rows)
        if title {
            table = XLSXWriter.Sheet(
                name: sheet, columns: [XLSXWriter.Column("Acme control matrix")],
                rows: [[]] + [header.map(XLSXValue.text)] + rows.map { $0.map(XLSXValue.text) }, isTable: false)
        }
        return Array(try XLSXWriter.data([XLSXWriter.Sheet(name: "Read me", table: [["note"], ["hello"]]), table]))
    }

    @Test func errorsNameTheSheetTheCellAndTheHeader() throws {
        // Given a bad frequency in the third data row (row 6: title, blank, header, then data)
        let bytes = try Self.workbook([
            ["C-1", "One", "monthly", "manual", "CC6.1"], ["C-2", "Two", "weekly", "manual", "CC6.1"],
            ["C-3", "Three", "fortnightly", "manual", "CC6.1"],
        ])
        let catalog = try ImportFixture.catalog()
        let outcome = InventoryImporter.prepare(
            files: [InputFile(name: "matrix.xlsx", bytes: bytes)], options: .init(),
            workspace: ImportFixture.payrollWorkspace(catalog), catalog: catalog)
        let error = try #require(outcome.diagnostics.errors.first)
        #expect(
            error.rendered.hasPrefix(
                "matrix.xlsx, sheet Controls, cell C6 (Frequency): error: unknown frequency \"fortnightly\""))
    }

    @Test func headerRowAndSheetCanBeGiven() throws {
        let bytes = try Self.workbook([["C-1", "One", "monthly", "manual", "CC6.1"]])
        let catalog = try ImportFixture.catalog()
        func run(_ selection: TableInput.Selection) -> ImportOutcome {
            InventoryImporter.prepare(
                files: [InputFile(name: "m.xlsx", bytes: bytes)], options: .init(selection: selection),
                workspace: ImportFixture.payrollWorkspace(catalog), catalog: catalog)
        }
        #expect(run(.init(sheet: "controls", headerRow: 3)).changes.controls.map(\.id.rawValue) == ["C-1"])
        let wrongRow = run(.init(sheet: "Controls", headerRow: 1))
        #expect(wrongRow.diagnostics.hasErrors && wrongRow.changes.controls.isEmpty)
        let unknown = run(.init(sheet: "Matrix"))
        #expect(unknown.diagnostics.errors.map(\.message) == ["the workbook has no sheet \"Matrix\""])
        #expect(unknown.diagnostics.errors.first?.hint == "its sheets are: \"Read me\", \"Controls\"")
    }

    @Test func otherFilesAreRefusedWithWhatToDo() throws {
        let catalog = try ImportFixture.catalog()
        func first(_ bytes: [UInt8]) -> Diagnostic? {
            InventoryImporter.prepare(
                files: [InputFile(name: "old.xls", bytes: bytes)], options: .init(),
                workspace: ImportFixture.payrollWorkspace(catalog), catalog: catalog
            ).diagnostics.errors.first
        }
        #expect(first([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])?.code == "xls-file")
        #expect(first([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])?.code == "unreadable-workbook")
    }

    @Test func anExportedInventoryImportsBackUnchanged() throws {
        // Given the payroll workspace with controls whose ids a spreadsheet would mangle
        let catalog = try ImportFixture.catalog()
        var workspace = ImportFixture.payrollWorkspace(catalog)
        let seeded = try ImportFixture.prepare(
            controls: ImportFixture.controls(
                "1.10,Access,quarterly,manual,ITGC-01,CC6.1,", "007,Change,monthly,manual,,CC8.1,1200",
                "MAR-01,Backup,daily,automated,,A1.2,", "TRUE,Vendor,annual,manual,,CC9.2,"))
        #expect(!seeded.diagnostics.hasErrors)
        workspace = ImportFixture.applying(seeded.changes, to: workspace)
        // When it is exported as a workbook and imported again
        let bytes = Array(try XLSXWriter.data(Workbooks.inventory(workspace)))
        let outcome = InventoryImporter.prepare(
            files: [InputFile(name: "inventory.xlsx", bytes: bytes)], options: .init(replace: true),
            workspace: workspace, catalog: catalog)
        // Then nothing changes
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics.map(\.rendered))")
        #expect(outcome.controls.added + outcome.controls.updated + outcome.controls.removed == 0)
        #expect(outcome.controls.unchanged == 4)
        #expect(outcome.objectives.unchanged == workspace.objectives.count)
    }
}
