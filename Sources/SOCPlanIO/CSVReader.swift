import Foundation

/// One cell as read, with the 1-based position of its first character (the opening quote for a quoted cell).
public struct CSVCell: Sendable, Equatable {
    public var value: String
    /// The position is kept in 32 bits (24 bytes a cell, not 32: a large import holds millions
    /// of cells); a file with more lines, or a line with more characters, is not read whole.
    private var storedLine: Int32
    private var storedColumn: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(value: String, line: Int, column: Int) {
        self.value = value
        self.storedLine = Int32(clamping: line)
        self.storedColumn = Int32(clamping: column)
    }
}

/// One record: its cells, the line it starts on, and the row a spreadsheet shows it in.
public struct CSVRecord: Sendable, Equatable {
    public var cells: [CSVCell]
    public var line: Int
    /// The 1-based row a spreadsheet shows the record in: records and empty lines each count
    /// one, line breaks inside quoted cells do not. 0 when unknown (then `line` stands in).
    public var row: Int = 0

    /// The cells' values, in order.
    public var values: [String] { cells.map(\.value) }

    public init(cells: [CSVCell], line: Int, row: Int = 0) {
        self.cells = cells
        self.line = line
        self.row = row
    }
}

/// A syntax problem found while reading.
///
/// `line` and `column` are 1-based; columns count Unicode scalars, not bytes.
/// `message` says what is wrong and `hint` how to fix it, both for the person at the terminal.
public struct CSVProblem: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case unterminatedQuote, strayQuote, invalidUTF8
        /// NUL or another C0 control character other than tab, CR and LF.
        case controlCharacter
    }

    public var kind: Kind
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String

    public init(kind: Kind, line: Int, column: Int, message: String, hint: String) {
        self.kind = kind
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }
}

/// Everything read from one CSV file: the records, every problem found, and whether it began with a BOM.
public struct CSVDocument: Sendable {
    public var records: [CSVRecord]
    public var problems: [CSVProblem]
    public var hadByteOrderMark: Bool
    /// The cell separator read with: `,`, `;` or a tab.
    public var separator: UInt8 = UInt8(ascii: ",")

    public init(records: [CSVRecord], problems: [CSVProblem], hadByteOrderMark: Bool) {
        self.records = records
        self.problems = problems
        self.hadByteOrderMark = hadByteOrderMark
    }
}

/// Reads RFC 4180 CSV from bytes, collecting problems instead of throwing.
///
/// - A leading UTF-8 BOM is skipped and recorded. Records end at LF, CRLF or a lone CR.
/// - Line breaks inside quoted cells are kept exactly. Empty lines produce no record.
/// - Reading never stops early, so every problem in the input is reported, sorted by position.
/// - A stray quote is kept literally. For `"ab"c` the quote that seemed to close the cell
///   is kept too, so the value is `ab"c`: only the opening quote is dropped.
public enum CSVReader {
    /// Problems listed per file; past it, each kind is counted in one last problem (a file of
    /// stray quotes would otherwise give millions of lines and gigabytes).
    public static let problemLimit = 200

    /// Reads CSV from UTF-8 bytes, cells separated by `separator` (a comma unless told).
    public static func read(_ bytes: [UInt8], separator: UInt8 = UInt8(ascii: ",")) -> CSVDocument {
        var document = bytes.withUnsafeBufferPointer { CSVScanner.read($0, separator: separator) }
        document.separator = separator
        return document
    }

    /// Reads CSV from UTF-8 data, such as a file's contents.
    public static func read(_ data: Data) -> CSVDocument {
        data.withUnsafeBytes { CSVScanner.read($0.assumingMemoryBound(to: UInt8.self), separator: UInt8(ascii: ",")) }
    }

    /// "UTF-16LE" or "UTF-16BE" when the bytes are UTF-16 text (a byte order mark, or a NUL in
    /// every other byte of the start, as "Unicode text" exports write it); nil otherwise.
    public static func utf16Encoding(_ bytes: [UInt8]) -> String? {
        if bytes.count >= 2 {
            if bytes[0] == 0xFF && bytes[1] == 0xFE { return "UTF-16LE" }
            if bytes[0] == 0xFE && bytes[1] == 0xFF { return "UTF-16BE" }
        }
        let start = bytes.prefix(64)
        guard start.count >= 8 else { return nil }
        let even = stride(from: 0, to: start.count - 1, by: 2).map { start[$0] }
        let odd = stride(from: 1, to: start.count, by: 2).map { start[$0] }
        if odd.allSatisfy({ $0 == 0 }) && even.allSatisfy({ $0 != 0 }) { return "UTF-16LE" }
        if even.allSatisfy({ $0 == 0 }) && odd.allSatisfy({ $0 != 0 }) { return "UTF-16BE" }
        return nil
    }

    /// The separator the file uses: of `,`, `;` and tab, the one that splits the most of the
    /// first `lines` lines into the same number of cells (counted outside quotes); on a tie, the
    /// one that splits them into more cells, then the comma. A title row above the header ("New
    /// users, Jan-Sep 2026") or list cells ("facilities; hardware") do not decide.
    /// Spreadsheets in many European locales save "CSV" with semicolons; "text" exports use tabs.
    public static func detectSeparator(_ bytes: [UInt8], lines: Int = 10) -> UInt8 {
        detectSeparator(bytes, lines: lines, whole: true)!
    }

    /// `detectSeparator` on the start of a file (`whole` false): nil when the bytes end before
    /// `lines` lines do, and the rest could change the answer.
    static func detectSeparator(_ bytes: [UInt8], lines: Int, whole: Bool) -> UInt8? {
        let candidates = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
        var perLine: [[UInt8: Int]] = []
        var counts: [UInt8: Int] = [:]
        var quoted = false
        var index = 0
        while index < bytes.count && perLine.count < lines {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if !quoted && (byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")) {
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                if !counts.isEmpty { perLine.append(counts) }
                counts = [:]
            } else if !quoted && candidates.contains(byte) {
                counts[byte, default: 0] += 1
            }
            index += 1
        }
        // The last line may go on in the bytes not read: only whole lines decide then.
        if !whole && perLine.count < lines { return nil }
        if !counts.isEmpty && perLine.count < lines { perLine.append(counts) }
        // For each candidate: how many lines share its most common non-zero count, and that count.
        let scored = candidates.map { separator -> (separator: UInt8, lines: Int, cells: Int) in
            var tally: [Int: Int] = [:]
            for line in perLine { if let count = line[separator] { tally[count, default: 0] += 1 } }
            let mode = tally.max { ($0.value, $0.key) < ($1.value, $1.key) }
            return (separator, mode?.value ?? 0, mode?.key ?? 0)
        }
        let best = scored.reduce(scored[0]) { best, next in
            (next.lines, next.cells) > (best.lines, best.cells) ? next : best
        }
        return best.lines > 0 ? best.separator : UInt8(ascii: ",")
    }

}

/// A CSV file's records read a part at a time, as `CSVReader.read` reads them all: the same
/// records and problems, for an import that writes rows while it reads the file. The file's
/// bytes are read a part at a time too: only the records not yet read are held.
public final class CSVRecordStream {
    /// Where the bytes come from: each call gives the next ones, none at the end.
    public typealias Source = () throws -> [UInt8]

    private let source: Source
    /// Bytes read and not yet scanned past (from the start of the record being read).
    private var buffer: [UInt8]
    private var atEndOfSource = false
    private var scanner: CSVScanner
    public private(set) var hadByteOrderMark = false
    /// The separator, decided from the first lines as `CSVReader.detectSeparator` decides it.
    public let separator: UInt8

    /// Reads from `source`; the separator is the one given, or, without one, the one the first
    /// lines use (the source is read until they are whole).
    public init(separator: UInt8? = nil, source: @escaping Source) throws {
        self.source = source
        buffer = []
        var decided: UInt8?
        repeat {
            let more = try source()
            atEndOfSource = more.isEmpty
            buffer += more
            decided = separator ?? CSVReader.detectSeparator(buffer, lines: 10, whole: atEndOfSource)
        } while decided == nil || (buffer.count < Self.firstCount && !atEndOfSource)
        self.separator = decided!
        firstBytes = buffer
        scanner = buffer.withUnsafeBufferPointer { CSVScanner(bytes: $0, comma: decided!) }
        hadByteOrderMark = buffer.withUnsafeBufferPointer { pointer in
            scanner.bytes = pointer
            return scanner.start()
        }
    }

    /// The bytes read before the first record (for recognising what the file is): at least its
    /// first lines whole and its first `firstCount` bytes, or the whole file.
    public private(set) var firstBytes: [UInt8] = []
    public static let firstCount = 64

    /// The next records, at most `limit`; none once the bytes are read.
    public func next(_ limit: Int) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        while records.count < limit {
            if scanner.index >= buffer.count {
                if atEndOfSource { break }
                try refill()
                continue
            }
            // A record that reaches the end of the bytes read may go on in the bytes not read:
            // it is read again once they are.
            let before = scanner.mark
            let done = buffer.withUnsafeBufferPointer { pointer in
                scanner.bytes = pointer
                scanner.readRecords(limit: 1)
                return scanner.index < buffer.count || atEndOfSource
            }
            guard done else {
                scanner.mark = before
                try refill()
                continue
            }
            records += scanner.records
            scanner.records.removeAll(keepingCapacity: true)
        }
        return records
    }

    /// Lets go of the bytes scanned (the scanner is between records) and reads more.
    private func refill() throws {
        let consumed = scanner.index
        if consumed > 0 {
            buffer.removeFirst(consumed)
            scanner.index -= consumed
            scanner.lineStart -= consumed
        }
        let more = try source()
        atEndOfSource = more.isEmpty
        buffer += more
    }

    /// Whether every record has been read.
    public var isAtEnd: Bool { atEndOfSource && scanner.index >= buffer.count }

    /// The problems found so far, as `CSVDocument.problems` lists them.
    public var problems: [CSVProblem] { scanner.sortedProblems() }

    /// Whether a problem has been found so far.
    public var hasProblems: Bool { !scanner.problems.isEmpty }

    /// A source that gives `bytes` in parts of `part` bytes.
    public static func parts(of bytes: [UInt8], size part: Int) -> Source {
        var offset = 0
        return {
            defer { offset = min(offset + part, bytes.count) }
            return Array(bytes[offset..<min(offset + part, bytes.count)])
        }
    }
}

private let quote = UInt8(ascii: "\"")
private let lineFeed = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")

/// The byte-level state machine behind `CSVReader`; one instance reads one buffer.
///
/// Each state is a loop: between records (`run`), in an unquoted cell (`scanUnquoted`), in a quoted
/// cell and after its closing quote (`readQuotedCell`). Strings are built once per cell, straight from
/// the buffer unless the cell had `""`.
private struct CSVScanner {
    /// Set again before each read when the scanner reads a part at a time (`CSVRecordStream`).
    var bytes: UnsafeBufferPointer<UInt8>
    let comma: UInt8
    var index = 0
    /// The number of cells the last record had: the next one's cells are reserved for as many.
    var width = 1
    var line = 1
    /// Spreadsheet rows passed: records and empty lines.
    var row = 0
    /// Offset of the current line's first byte; with `continuationBytes` it gives the column of `index`.
    var lineStart = 0
    /// UTF-8 continuation bytes passed since `lineStart`: they do not start a new character.
    var continuationBytes = 0
    var records: [CSVRecord] = []
    var problems: [CSVProblem] = []
    /// The unescaped bytes of the current quoted cell, once it turns out to hold a doubled quote.
    var scratch: [UInt8] = []
    /// Problems past `CSVReader.problemLimit`, counted by kind, with the first one's text.
    var suppressed: [CSVProblem.Kind: (count: Int, first: CSVProblem)] = [:]

    static func read(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> CSVDocument {
        var scanner = CSVScanner(bytes: bytes, comma: separator)
        let hadBOM = scanner.start()
        scanner.readRecords(limit: .max)
        return CSVDocument(records: scanner.records, problems: scanner.sortedProblems(), hadByteOrderMark: hadBOM)
    }

    init(bytes: UnsafeBufferPointer<UInt8>, comma: UInt8) {
        self.bytes = bytes
        self.comma = comma
    }

    /// Where the scanner is between two records, to go back there (`CSVRecordStream`): the
    /// records and problems found after it are dropped.
    struct Mark {
        var index, line, row, lineStart, continuationBytes, width, records, problems: Int
        var suppressed: [CSVProblem.Kind: (count: Int, first: CSVProblem)]
    }

    var mark: Mark {
        get {
            Mark(
                index: index, line: line, row: row, lineStart: lineStart, continuationBytes: continuationBytes,
                width: width, records: records.count, problems: problems.count, suppressed: suppressed)
        }
        set {
            (index, line, row, lineStart, continuationBytes, width) = (
                newValue.index, newValue.line, newValue.row, newValue.lineStart, newValue.continuationBytes,
                newValue.width
            )
            records.removeLast(records.count - newValue.records)
            problems.removeLast(problems.count - newValue.problems)
            suppressed = newValue.suppressed
        }
    }

    /// Steps over a leading byte order mark; returns whether there was one.
    mutating func start() -> Bool {
        let hadBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        if hadBOM {
            index = 3
            lineStart = 3
        }
        return hadBOM
    }

    /// Reads records onto `records` until it holds `limit` or the bytes end.
    mutating func readRecords(limit: Int) {
        while index < bytes.count && records.count < limit {
            if isBreak(bytes[index]) {
                consumeBreak()  // an empty line: no record, but a row in a spreadsheet
                row += 1
            } else {
                width = readRecord(expectedWidth: width)
            }
        }
    }

    /// The problems found, by position, then a count of each kind past the limit.
    func sortedProblems() -> [CSVProblem] {
        var problems = problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        for (kind, more) in suppressed.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            problems.append(
                CSVProblem(
                    kind: kind, line: more.first.line, column: more.first.column,
                    message: "\(more.count) more like this from here on: \(more.first.message) "
                        + "(only the first \(CSVReader.problemLimit) problems of a file are listed)",
                    hint: more.first.hint))
        }
        return problems
    }

    /// Reads cells up to the end of the line and the break after it; returns the number of cells.
    mutating func readRecord(expectedWidth: Int) -> Int {
        var cells: [CSVCell] = []
        cells.reserveCapacity(expectedWidth)
        let recordLine = line
        row += 1
        while true {
            cells.append(readCell())
            guard index < bytes.count, bytes[index] == comma else { break }
            index += 1
        }
        records.append(CSVRecord(cells: cells, line: recordLine, row: row))
        if index < bytes.count { consumeBreak() }
        return cells.count
    }

    /// Reads one cell and leaves `index` at the comma, line break or end that follows it.
    mutating func readCell() -> CSVCell {
        let cellLine = line
        let cellColumn = column(at: index)
        if index < bytes.count, bytes[index] == quote {
            return readQuotedCell(line: cellLine, column: cellColumn)
        }
        let start = index
        let nonASCII = scanUnquoted()
        let value = makeValue(start..<index, escaped: false, nonASCII: nonASCII, line: cellLine, column: cellColumn)
        return CSVCell(value: value, line: cellLine, column: cellColumn)
    }

    /// Reads a cell that starts with the quote at `index`, which is at `cellLine` and `cellColumn`.
    mutating func readQuotedCell(line cellLine: Int, column cellColumn: Int) -> CSVCell {
        index += 1
        let contentStart = index
        var contentEnd = bytes.count  // stays so when the quote is never closed
        var segmentStart = index
        var escaped = false
        var nonASCII = false
        var closed = false
        scratch.removeAll(keepingCapacity: true)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                if index + 1 < bytes.count, bytes[index + 1] == quote {  // "" stands for one quote
                    scratch.append(contentsOf: bytes[segmentStart...index])
                    escaped = true
                    index += 2
                    segmentStart = index
                    continue
                }
                contentEnd = index
                closed = true
                index += 1
                if index < bytes.count, bytes[index] != comma, !isBreak(bytes[index]) {
                    // Not a closing quote after all: keep it and the text after it.
                    report(.strayQuote, line: line, column: column(at: index), afterClosingQuote: true)
                    nonASCII = scanUnquoted() || nonASCII
                    contentEnd = index
                }
                break
            }
            if isBreak(byte) {
                consumeBreak()
            } else {
                if byte < 0x20 && byte != 0x09 {
                    report(.controlCharacter, line: line, column: column(at: index), byte: byte)
                }
                if byte >= 0x80 { nonASCII = true }
                if byte & 0xC0 == 0x80 { continuationBytes += 1 }
                index += 1
            }
        }
        if !closed { report(.unterminatedQuote, line: cellLine, column: cellColumn) }
        if escaped { scratch.append(contentsOf: bytes[segmentStart..<contentEnd]) }
        let value = makeValue(
            contentStart..<contentEnd, escaped: escaped, nonASCII: nonASCII, line: cellLine, column: cellColumn + 1)
        return CSVCell(value: value, line: cellLine, column: cellColumn)
    }

    /// Advances over unquoted text up to a comma, line break or the end, reporting each quote in it.
    /// Returns whether the text had bytes outside ASCII.
    mutating func scanUnquoted() -> Bool {
        var nonASCII = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == comma || isBreak(byte) { break }
            if byte == quote {
                report(.strayQuote, line: line, column: column(at: index), afterClosingQuote: false)
            } else if byte < 0x20 && byte != 0x09 {
                report(.controlCharacter, line: line, column: column(at: index), byte: byte)
            } else if byte >= 0x80 {
                nonASCII = true
                if byte & 0xC0 == 0x80 { continuationBytes += 1 }
            }
            index += 1
        }
        return nonASCII
    }

    /// Builds a cell's string from `raw` (or from `scratch` when `escaped`), reporting invalid UTF-8.
    /// `line` and `column` are the position of `raw`'s first byte.
    mutating func makeValue(_ raw: Range<Int>, escaped: Bool, nonASCII: Bool, line: Int, column: Int) -> String {
        // Unescaping only removes ASCII quotes, so `raw` is valid UTF-8 exactly when the value is.
        if nonASCII, let bad = firstInvalidByte(in: raw) {
            let position = self.position(of: bad, from: raw.lowerBound, line: line, column: column)
            report(.invalidUTF8, line: position.line, column: position.column)
        }
        if escaped { return String(decoding: scratch, as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[raw]), as: UTF8.self)
    }

    /// Moves past the CR, LF or CRLF at `index` and starts a new line.
    mutating func consumeBreak() {
        let isCRLF = bytes[index] == carriageReturn && index + 1 < bytes.count && bytes[index + 1] == lineFeed
        index += isCRLF ? 2 : 1
        line += 1
        lineStart = index
        continuationBytes = 0
    }

    func isBreak(_ byte: UInt8) -> Bool { byte == lineFeed || byte == carriageReturn }

    /// The column of `offset`, which must be on the current line and not past `index`.
    func column(at offset: Int) -> Int { offset - lineStart - continuationBytes + 1 }

    func firstInvalidByte(in range: Range<Int>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = UnsafeBufferPointer(rebasing: bytes[range]).makeIterator()
        var offset = range.lowerBound
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    /// The line and column of byte `target`, counted onwards from `start` at `line` and `column`.
    func position(of target: Int, from start: Int, line: Int, column: Int) -> (line: Int, column: Int) {
        var (line, column, offset) = (line, column, start)
        while offset < target {
            let byte = bytes[offset]
            offset += 1
            if isBreak(byte) {
                if byte == carriageReturn, offset < target, bytes[offset] == lineFeed { offset += 1 }
                (line, column) = (line + 1, 1)
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    mutating func report(
        _ kind: CSVProblem.Kind, line: Int, column: Int, afterClosingQuote: Bool = false, byte: UInt8 = 0
    ) {
        let (message, hint) =
            switch kind {
            case .unterminatedQuote:
                ("quoted cell is never closed", "add the closing \" or double the quotes inside the cell (\"\")")
            case .strayQuote where afterClosingQuote:
                (
                    "text follows the closing quote of a cell",
                    "put a comma after the closing \", or double the quotes inside the cell (\"\")"
                )
            case .strayQuote:
                ("quote inside an unquoted cell", "put the whole cell in quotes and double the quote inside it (\"\")")
            case .invalidUTF8:
                ("text is not valid UTF-8", "save the file as UTF-8 (\"CSV UTF-8\"); bad bytes were read as \u{FFFD}")
            case .controlCharacter where byte == 0:
                (
                    "a NUL byte (U+0000) in a cell",
                    "spreadsheets never write one: if the file is UTF-16, save it as UTF-8 (\"CSV UTF-8\"); otherwise remove it"
                )
            case .controlCharacter:
                (
                    "control character U+\(String(format: "%04X", Int(byte))) in a cell",
                    "remove it: a cell may hold tabs and line breaks, no other control characters"
                )
            }
        let problem = CSVProblem(kind: kind, line: line, column: column, message: message, hint: hint)
        guard problems.count < CSVReader.problemLimit else {
            suppressed[kind] = ((suppressed[kind]?.count ?? 0) + 1, suppressed[kind]?.first ?? problem)
            return
        }
        problems.append(problem)
    }
}
