import Foundation
import PropertyBased
import SOCPlanIO
import Testing

/// A problem as a test expects it: what went wrong and where.
struct ExpectedProblem: Sendable, Equatable, CustomStringConvertible {
    var kind: CSVProblem.Kind
    var line: Int
    var column: Int

    init(_ kind: CSVProblem.Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    init(_ problem: CSVProblem) {
        self.init(problem.kind, line: problem.line, column: problem.column)
    }

    var description: String { "\(kind.rawValue) at \(line):\(column)" }
}

/// A malformed file, the problems it must report and the values it must still yield.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    var name: String
    var input: [UInt8]
    var problems: [ExpectedProblem]
    var values: [[String]]

    var testDescription: String { name }
}

/// The UTF-8 bytes of `text`: inputs are built from them, and outputs compared byte for byte with them
/// (`String ==` would also equate canonically equivalent text).
private func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

/// How many lines `input` spans: one more than its line breaks, a CRLF counting as one.
private func lineCount(_ input: [UInt8]) -> Int {
    let crlfs = zip(input, input.dropFirst()).filter { $0 == (0x0D, 0x0A) }.count
    return 1 + input.filter { $0 == 0x0A || $0 == 0x0D }.count - crlfs
}

@Suite("Reading malformed CSV")
struct CSVMalformedTests {
    static let cases: [MalformedCase] = [
        MalformedCase(
            name: "unterminated quote at end of file",
            input: utf8("a,b\nc,\"de"),
            problems: [ExpectedProblem(.unterminatedQuote, line: 2, column: 3)],
            values: [["a", "b"], ["c", "de"]]
        ),
        MalformedCase(
            name: "unterminated quote spanning lines takes the rest of the file",
            input: utf8("id,note\n1,\"first\nsecond\nthird\n"),
            problems: [ExpectedProblem(.unterminatedQuote, line: 2, column: 3)],
            values: [["id", "note"], ["1", "first\nsecond\nthird\n"]]
        ),
        MalformedCase(
            name: "stray quote inside an unquoted cell is kept",
            input: utf8("name,size\nbolt,5\"\nnut,6"),
            problems: [ExpectedProblem(.strayQuote, line: 2, column: 7)],
            values: [["name", "size"], ["bolt", "5\""], ["nut", "6"]]
        ),
        MalformedCase(
            name: "character after closing quote keeps the quote",
            input: utf8("\"ab\"c,d\n"),
            problems: [ExpectedProblem(.strayQuote, line: 1, column: 5)],
            values: [["ab\"c", "d"]]
        ),
        MalformedCase(
            name: "Latin-1 byte in the 3rd column of line 4",
            input: utf8("h1,h2,h3\n1,2,3\n4,5,6\n7,8,caf") + [0xE9] + utf8("\n"),
            problems: [ExpectedProblem(.invalidUTF8, line: 4, column: 8)],
            values: [["h1", "h2", "h3"], ["1", "2", "3"], ["4", "5", "6"], ["7", "8", "caf\u{FFFD}"]]
        ),
        MalformedCase(
            name: "invalid byte on the second line of a quoted cell",
            input: utf8("\"ok\nb") + [0xFF] + utf8("d\",x"),
            problems: [ExpectedProblem(.invalidUTF8, line: 2, column: 2)],
            values: [["ok\nb\u{FFFD}d", "x"]]
        ),
        MalformedCase(
            name: "several problems in one file are all reported in order",
            input: utf8("a,b\"c\n\"x\"y,2\nok,caf") + [0xE9] + utf8("\n\"never closed\nz"),
            problems: [
                ExpectedProblem(.strayQuote, line: 1, column: 4),
                ExpectedProblem(.strayQuote, line: 2, column: 4),
                ExpectedProblem(.invalidUTF8, line: 3, column: 7),
                ExpectedProblem(.unterminatedQuote, line: 4, column: 1),
            ],
            values: [["a", "b\"c"], ["x\"y", "2"], ["ok", "caf\u{FFFD}"], ["never closed\nz"]]
        ),
    ]

    @Test(arguments: cases)
    func reportsProblemAndKeepsReading(_ malformed: MalformedCase) {
        // Given a file with syntax problems
        // When it is read
        let document = CSVReader.read(malformed.input)

        // Then each problem is reported where it is, with words for the user, and the data is still there
        #expect(document.problems.map(ExpectedProblem.init) == malformed.problems)
        #expect(document.problems.allSatisfy { !$0.message.isEmpty && !$0.hint.isEmpty })
        #expect(document.records.map(\.values) == malformed.values)
    }

    @Test func unterminatedQuoteExplainsTheFix() throws {
        // Given a cell whose quote is never closed
        // When it is read
        let problem = try #require(CSVReader.read(utf8("\"abc")).problems.first)

        // Then the message and hint say what to do
        #expect(problem.message == "quoted cell is never closed")
        #expect(problem.hint == "add the closing \" or double the quotes inside the cell (\"\")")
    }
}

@Suite("Reading well-formed CSV")
struct CSVReaderTests {
    @Test(arguments: [true, false])
    func byteOrderMarkIsSkippedAndRecorded(withBOM: Bool) {
        // Given a file saved with or without a UTF-8 byte order mark
        let input = (withBOM ? [0xEF, 0xBB, 0xBF] : []) + utf8("name,size\r\nbolt,5\r\n")

        // When it is read
        let document = CSVReader.read(input)

        // Then the mark is not part of the first cell, which still starts at column 1
        #expect(document.hadByteOrderMark == withBOM)
        #expect(document.records.map(\.values) == [["name", "size"], ["bolt", "5"]])
        #expect(document.records.first?.cells.first == CSVCell(value: "name", line: 1, column: 1))
        #expect(document.problems.isEmpty)
    }

    @Test(arguments: [("CRLF", "\r\n"), ("LF", "\n"), ("lone CR", "\r")])
    func everyLineEndingEndsARecord(name: String, ending: String) {
        // Given two records separated by CRLF, LF or a lone CR
        let input = utf8("a,b\(ending)c,d\(ending)")

        // When it is read
        let document = CSVReader.read(input)

        // Then there are two records on lines 1 and 2, and no extra record for the final break
        #expect(document.records.map(\.values) == [["a", "b"], ["c", "d"]])
        #expect(document.records.map(\.line) == [1, 2])
        #expect(document.records.last?.cells.last == CSVCell(value: "d", line: 2, column: 3))
    }

    @Test func quotedCellsKeepCommasQuotesAndLineBreaksVerbatim() throws {
        // Given quoted cells holding a comma, doubled quotes, a CRLF and an LF
        let input = utf8("\"a,b\",\"say \"\"hi\"\"\",\"x\r\ny\",\"p\nq\",plain\n")

        // When it is read
        let record = try #require(CSVReader.read(input).records.first)

        // Then the values are exact, byte for byte
        let expected = ["a,b", "say \"hi\"", "x\r\ny", "p\nq", "plain"]
        #expect(record.values.map(utf8) == expected.map(utf8))
    }

    @Test(arguments: [
        ("a,,c", ["a", "", "c"]),
        (",", ["", ""]),
        ("a,b,", ["a", "b", ""]),
        ("\"\"", [""]),
        ("\"\",\"\"", ["", ""]),
    ])
    func emptyCellsAreKept(input: String, values: [String]) {
        // Given a line with empty cells, a trailing comma or just ""
        // When it is read
        let document = CSVReader.read(utf8(input + "\n"))

        // Then every empty cell is there
        #expect(document.records.map(\.values) == [values])
        #expect(document.problems.isEmpty)
    }

    @Test func blankLinesAreSkippedButCounted() {
        // Given records separated by empty lines of every line ending
        let input = utf8("a\n\n\r\n\rb\n")

        // When it is read
        let document = CSVReader.read(input)

        // Then only the two records are read, and b keeps its real line number
        #expect(document.records.map(\.values) == [["a"], ["b"]])
        #expect(document.records.map(\.line) == [1, 5])
    }

    @Test func cellsAfterAMultiLineQuotedCellHaveTheirRealPosition() throws {
        // Given a quoted cell that spans two lines
        let input = utf8("id,\"line one\r\nline two\",x\n2,y\n")

        // When it is read
        let document = CSVReader.read(input)

        // Then the record starts on line 1, and later cells are placed on the lines they are on
        let first = try #require(document.records.first)
        #expect(first.line == 1)
        #expect(first.cells.map(\.line) == [1, 1, 2])
        #expect(first.cells.map(\.column) == [1, 4, 11])
        #expect(document.records.last?.line == 3)
        #expect(document.records.last?.cells.last == CSVCell(value: "y", line: 3, column: 3))
    }

    @Test func columnsCountCharactersNotBytes() {
        // Given cells with é, an emoji, e + combining accent, and Chinese
        let input = utf8("é,😀,x\ne\u{301},中文,y\n")

        // When it is read
        let document = CSVReader.read(input)

        // Then the values are intact and columns count Unicode scalars
        #expect(document.records.map(\.values) == [["é", "😀", "x"], ["e\u{301}", "中文", "y"]])
        #expect(document.records.map { $0.cells.map(\.column) } == [[1, 3, 5], [1, 4, 7]])
        #expect(document.problems.isEmpty)
    }

    @Test func dataAndBytesReadTheSame() {
        // Given the same CSV as bytes and as Data
        let input = utf8("\u{FEFF}a,\"b\nc\"\r\nd\n")

        // When both are read
        let fromBytes = CSVReader.read(input)
        let fromData = CSVReader.read(Data(input))

        // Then the results agree
        #expect(fromBytes.records == fromData.records)
        #expect(fromBytes.hadByteOrderMark && fromData.hadByteOrderMark)
    }
}

@Suite("Writing CSV")
struct CSVWriterTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("in side", "in side"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("x\ny", "\"x\ny\""),
        ("x\r\ny", "\"x\r\ny\""),
        ("x\ry", "\"x\ry\""),
        (" lead", "\" lead\""),
        ("trail ", "\"trail \""),
        ("\ttab", "\"\ttab\""),
        ("tab\t", "\"tab\t\""),
        ("\u{FEFF}mark", "\"\u{FEFF}mark\""),
    ])
    func quotesOnlyWhenNeeded(cell: String, written: String) {
        // Given a cell next to a plain one
        let writer = CSVWriter(lineEnding: .lf, neutraliseFormulas: false)

        // When the row is written
        let text = writer.write([[cell, "z"]])

        // Then the cell is quoted only when it must be, with quotes doubled
        #expect(utf8(text) == utf8(written + ",z\n"))
    }

    @Test func aLoneEmptyCellSurvivesAsQuotes() {
        // Given rows with one empty cell, two empty cells, and no cells
        // When they are written
        let text = CSVWriter().write([[""], ["", ""], []])

        // Then the lone empty cell is "" and reads back as one record with one empty cell
        #expect(text == "\"\"\r\n,\r\n\r\n")
        #expect(CSVReader.read(Data(text.utf8)).records.map(\.values) == [[""], ["", ""]])
    }

    @Test(arguments: [(CSVWriter.LineEnding.crlf, "a,b\r\nc\r\n"), (.lf, "a,b\nc\n")])
    func everyRecordEndsWithTheLineEnding(ending: CSVWriter.LineEnding, written: String) {
        // Given two rows
        // When they are written with CRLF or LF
        let text = CSVWriter(lineEnding: ending).write([["a", "b"], ["c"]])

        // Then every record, the last too, ends with that line ending
        #expect(utf8(text) == utf8(written))
    }

    @Test func byteOrderMarkIsWrittenOnlyWhenAsked() {
        // Given one row
        let rows = [["a"]]

        // When it is written with and without a byte order mark
        let withBOM = CSVWriter(byteOrderMark: true).data(rows)
        let without = CSVWriter().data(rows)

        // Then only the first starts with EF BB BF
        #expect(Array(withBOM) == [0xEF, 0xBB, 0xBF, 0x61, 0x0D, 0x0A])
        #expect(Array(without) == [0x61, 0x0D, 0x0A])
        #expect(CSVWriter(byteOrderMark: true).write(rows).unicodeScalars.first == "\u{FEFF}")
    }

    @Test(arguments: [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+31 20 555 0100", "'+31 20 555 0100"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'quoted", "''quoted"),
        ("plain", "plain"),
        ("", ""),
        ("a=b", "a=b"),
    ])
    func formulasAreNeutralised(text: String, neutralised: String) {
        // Given text a spreadsheet might run as a formula, or not
        // When it is neutralised and restored
        // Then a leading apostrophe is added only where needed, and restore takes it off again
        #expect(SpreadsheetText.neutralise(text) == neutralised)
        #expect(SpreadsheetText.restore(neutralised) == text)
    }

    @Test func writerNeutralisesFormulasByDefault() {
        // Given cells that start like formulas
        let rows = [["=HYPERLINK(\"http://x\")", "\rx", "ok"]]

        // When written with and without neutralisation
        let safe = CSVWriter().write(rows)
        let raw = CSVWriter(neutraliseFormulas: false).write(rows)

        // Then by default they start with an apostrophe (and are quoted as needed); otherwise they are left alone
        #expect(safe == "\"'=HYPERLINK(\"\"http://x\"\")\",\"'\rx\",ok\r\n")
        #expect(raw == "\"=HYPERLINK(\"\"http://x\"\")\",\"\rx\",ok\r\n")
    }

    @Test(arguments: ["'s-Hertogenbosch", "'t Hooft", "'", "plain", ""])
    func restoreLeavesOrdinaryApostrophesAlone(text: String) {
        // Given text that neutralise would never produce, such as a Dutch place name
        // When it is restored
        // Then it is unchanged
        #expect(SpreadsheetText.restore(text) == text)
    }
}

/// Generators for CSV round-trip properties.
enum CSVGen {
    /// Pieces that exercise quoting, line breaks, neutralisation and multi-byte UTF-8.
    static let fragments: [String] = [
        "a", "Z", "q", "0", "7", " ", ",", "\"", "\"\"", "\r", "\n", "\r\n",
        "'", "=", "+", "-", "@", "\t", "é", "😀", "中", "e\u{301}", "ß", "\u{FEFF}",
    ]

    /// A cell: 0 to 6 fragments, so empty strings are common.
    static let cell = Gen<String?>.element(of: fragments).map { $0 ?? "" }
        .array(of: 0...6).map { $0.joined() }

    /// Raw input of up to 40 bytes, mostly CSV syntax, with pieces of valid and invalid UTF-8.
    static let bytes = Gen<UInt8?>.element(of: [UInt8]([0x22, 0x2C, 0x0D, 0x0A, 0x61, 0x20, 0xC3, 0xA9, 0xFF, 0xE2]))
        .map { $0 ?? 0 }.array(of: 0...40)

    /// A table of 1 to 8 rows of 1 to 6 cells each.
    static let table = cell.array(of: 1...6).array(of: 1...8)
}

@Suite("CSV round trip")
struct CSVRoundTripTests {
    @Test func restoreUndoesNeutraliseForAnyString() async {
        await propertyCheck(count: 500, input: CSVGen.cell) { text in
            // Given any string
            // When it is neutralised and then restored
            // Then it is the string it was
            #expect(SpreadsheetText.restore(SpreadsheetText.neutralise(text)) == text)
        }
    }

    @Test func anyTableSurvivesWriteThenRead() async {
        await propertyCheck(count: 300, input: CSVGen.table, Gen.bool, Gen.bool) { rows, crlf, bom in
            // Given any table, written with either line ending, with or without a BOM
            let writer = CSVWriter(lineEnding: crlf ? .crlf : .lf, byteOrderMark: bom)
            let data = writer.data(rows)

            // When it is read back and each cell restored
            let document = CSVReader.read(data)
            let values = document.records.map { $0.values.map(SpreadsheetText.restore) }

            // Then it is identical, byte for byte, and nothing is reported
            #expect(values.map { $0.map(utf8) } == rows.map { $0.map(utf8) })
            #expect(document.problems.isEmpty)
            #expect(document.hadByteOrderMark == bom)
        }
    }

    @Test func anyBytesAreReadWithProblemsInsideTheInput() async {
        await propertyCheck(count: 500, input: CSVGen.bytes) { input in
            // Given arbitrary bytes
            let lines = 1...lineCount(input)

            // When they are read
            let document = CSVReader.read(input)

            // Then reading finishes, and every problem and cell points at a line of the input, in order
            let positions = document.problems.map { [$0.line, $0.column] }
            #expect(positions == positions.sorted { $0.lexicographicallyPrecedes($1) })
            #expect(document.problems.allSatisfy { lines.contains($0.line) && $0.column >= 1 })
            #expect(document.records.allSatisfy { $0.cells.allSatisfy { lines.contains($0.line) } })
        }
    }

    @Test func anyTableSurvivesWithoutNeutralisation() async {
        await propertyCheck(count: 300, input: CSVGen.table) { rows in
            // Given any table written without formula neutralisation
            let data = CSVWriter(neutraliseFormulas: false).data(rows)

            // When it is read back
            let document = CSVReader.read(data)

            // Then the values are the same without restoring anything
            #expect(document.records.map { $0.values.map(utf8) } == rows.map { $0.map(utf8) })
            #expect(document.problems.isEmpty)
        }
    }
}

@Suite("CSV read a part at a time")
struct CSVRecordStreamTests {
    /// Raw input of up to 600 bytes: past the first 64 bytes and 10 lines read at the start.
    static let bytes = Gen<UInt8?>.element(of: [UInt8]([0x22, 0x2C, 0x0D, 0x0A, 0x61, 0x20, 0xC3, 0xA9, 0xFF, 0x3B]))
        .map { $0 ?? 0 }.array(of: 0...600)

    /// A table of 12 to 40 rows.
    static let table = CSVGen.cell.array(of: 1...6).array(of: 12...40)

    /// Reads `bytes` through a `CSVRecordStream` given `part` bytes at a time, `limit` records a call.
    static func streamed(_ bytes: [UInt8], part: Int, limit: Int) throws -> (CSVDocument, UInt8) {
        let stream = try CSVRecordStream(source: CSVRecordStream.parts(of: bytes, size: part))
        var records: [CSVRecord] = []
        while !stream.isAtEnd { records += try stream.next(limit) }
        var document = CSVDocument(
            records: records, problems: stream.problems, hadByteOrderMark: stream.hadByteOrderMark)
        document.separator = stream.separator
        return (document, stream.separator)
    }

    @Test func anyBytesReadInPartsAsReadWhole() async {
        await propertyCheck(count: 1_500, input: Self.bytes, Gen.int(in: 1...9), Gen.int(in: 1...3)) {
            input, part, limit in
            // Given arbitrary bytes (quotes, CR, LF, invalid UTF-8), and a BOM half the time
            let bytes = (input.count.isMultiple(of: 2) ? [0xEF, 0xBB, 0xBF] : []) + input
            // When they are read whole, and a few bytes at a time
            let whole = CSVReader.read(bytes, separator: CSVReader.detectSeparator(bytes))
            let (parts, separator) = try! Self.streamed(bytes, part: part, limit: limit)
            // Then the records, their positions and rows, the problems and the separator are the same
            #expect(separator == CSVReader.detectSeparator(bytes))
            #expect(parts.records == whole.records, "\(bytes)")
            #expect(parts.problems == whole.problems, "\(bytes)")
            #expect(parts.hadByteOrderMark == whole.hadByteOrderMark)
        }
    }

    @Test func anyTableReadInPartsAsReadWhole() async {
        await propertyCheck(count: 300, input: Self.table, Gen.bool, Gen.int(in: 1...64)) { rows, crlf, part in
            // Given any table (multi-byte text, quotes, line breaks in cells), written with either line ending
            let bytes = [UInt8](CSVWriter(lineEnding: crlf ? .crlf : .lf).data(rows))
            // When it is read whole and in parts
            let whole = CSVReader.read(bytes, separator: CSVReader.detectSeparator(bytes))
            let (parts, _) = try! Self.streamed(bytes, part: part, limit: 100)
            // Then both read the same records
            #expect(parts.records == whole.records)
            #expect(parts.problems == whole.problems)
        }
    }

    @Test("the separator is decided on whole lines, as when the file is read whole")
    func separatorFromWholeLines() throws {
        // Given a semicolon file whose first line is longer than a part
        let text = "control_id;title;soc2_criteria\n" + (1...20).map { "C-\($0);Title, with a comma;CC6.1\n" }.joined()
        // When it is read 5 bytes at a time
        let (document, separator) = try Self.streamed(Array(text.utf8), part: 5, limit: 7)
        // Then the separator is the semicolon and every record has three cells
        #expect(separator == UInt8(ascii: ";"))
        #expect(document.records.count == 21 && document.records.allSatisfy { $0.cells.count == 3 })
    }
}
