import SOCPlanCore
import SOCPlanIO
import Testing

/// Mapping a parsed file into rows takes each record's own cells (issue 16, memory of a large
/// import): the fields a row has, and what it holds in each, must be what the file and the
/// mapping say, whatever else the record held.
@Suite("Mapping a file's records into rows")
struct MappedRowTests {
    static let schema = TableSchema(
        kind: "things",
        fields: [FieldSpec("id", required: true), FieldSpec("name"), FieldSpec("note"), FieldSpec("size")])

    static func map(_ text: String, mapping: ImportMapping = ImportMapping()) -> (MappedTable, [Diagnostic]) {
        TableReader.map(
            TableReader.parse(file: "t.csv", bytes: Array(text.utf8)), schema: schema, mapping: mapping,
            spreadsheet: true)
    }

    @Test("a default fills a field the file lacks, also on a row with empty cells past the header")
    func defaultPastTheHeader() {
        // Given a file without a size column, a row with two empty cells past the header, and a default size
        let (table, diagnostics) = Self.map(
            "id,name\nA,Alpha,,\nB,Beta\n", mapping: ImportMapping(defaults: [.init("size", "7")]))
        // Then both rows take the default, placed at the row's last cell, and nothing is wrong
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        #expect(table.rows.map { $0["size"]?.value } == ["7", "7"])
        #expect(table.rows.map { $0["size"]?.column } == [10, 3])
        #expect(table.rows.map(\.fields) == [["id", "name", "size"], ["id", "name", "size"]])
    }

    @Test("a column that maps to no field, or is ignored, is no field of the rows")
    func unmappedColumns() {
        // Given a file with an unknown column between mapped ones and a column the mapping ignores
        let (table, _) = Self.map(
            "id,Colour,name,note\nA,red,Alpha,skip me\n", mapping: ImportMapping(columns: [.init("note", "-")]))
        // Then the row has id and name only, at their own columns
        let row = try! #require(table.rows.first)
        #expect(row.fields == ["id", "name"])
        #expect(row.cells.keys.sorted() == ["id", "name"])
        #expect(row["name"] == CSVCell(value: "Alpha", line: 2, column: 7))
        #expect(row["note"] == nil)
        #expect(row["Colour"] == nil)
    }

    @Test("cells are trimmed, value maps and defaults of empty cells apply, per field")
    func valuesAsMapped() {
        // Given padded cells, a value map for size and a default for empty notes
        let mapping = ImportMapping(values: ["size": [.init("big", "9")]], defaults: [.init("note", "none")])
        let (table, _) = Self.map("id,name,note,size\n A ,  Alpha\t,, Big \nB,,x,3\n", mapping: mapping)
        // Then each field holds its trimmed, mapped value
        #expect(table.rows.map { $0["id"]?.value } == ["A", "B"])
        #expect(table.rows.map { $0["name"]?.value } == ["Alpha", ""])
        #expect(table.rows.map { $0["note"]?.value } == ["none", "x"])
        #expect(table.rows.map { $0["size"]?.value } == ["9", "3"])
    }

    @Test("a row cut short by an unterminated quote has no cells past its end")
    func swallowedRow() {
        // Given a row whose quote is never closed, in its second cell
        let (table, diagnostics) = Self.map("id,name,note,size\nA,\"open,x\n")
        // Then the row holds id and the rest of the file as its name; note and size are absent, not empty
        #expect(diagnostics.map(\.code) == ["csv-unterminatedQuote"])
        let row = try! #require(table.rows.first)
        #expect(row.fields == ["id", "name"])
        #expect(row["name"]?.value == "open,x")
        #expect(row["note"] == nil && row["size"] == nil)
    }

    @Test("a cell set for a field the table's rows lack is added to that row alone")
    func mergedField() {
        // Given two rows of a file without a note column
        let (table, _) = Self.map("id,name\nA,Alpha\nB,Beta\n")
        var first = table.rows[0]
        // When a note cell from another file is set on the first
        first["note"] = CSVCell(value: "from guidance", line: 5, column: 2)
        // Then the first has it after its own fields, and the second row is untouched
        #expect(first.fields == ["id", "name", "note"])
        #expect(first["note"]?.value == "from guidance")
        #expect(table.rows[1].fields == ["id", "name"])
        #expect(table.rows[1]["note"] == nil)
        // And clearing a field removes it from the row's fields
        first["name"] = nil
        #expect(first.fields == ["id", "note"])
    }

    @Test("a cell keeps its place in 24 bytes, lines and columns past 65,535 included")
    func cellSize() {
        // A 100,000-control import holds over a million cells at once: 8 bytes a cell is 9 MB.
        #expect(MemoryLayout<CSVCell>.stride == 24)
        var cell = CSVCell(value: "x", line: 3_000_000, column: 70_000)
        #expect((cell.line, cell.column) == (3_000_000, 70_000))
        cell.line += 2
        #expect(cell == CSVCell(value: "x", line: 3_000_002, column: 70_000))
    }
}
