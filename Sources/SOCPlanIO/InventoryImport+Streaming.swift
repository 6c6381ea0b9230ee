import Foundation
import SOCPlanCore

#if canImport(Glibc)
    import Glibc
#endif

/// A first import of a large file written as it is read: its rows are parsed, mapped, decoded
/// and handed to the store a part at a time, so that neither the file nor its rows are ever held
/// whole (100,000 controls: a peak of 47 MiB instead of 190 MiB, see docs/benchmarks.md).
///
/// Only the plain case streams: one CSV file (`import` streams the largest file given when it
/// holds at least `Options.streamFrom` bytes) of controls, CSOCs, CUECs or customers (kinds
/// nothing else in the import looks up), of which the workspace has no rows yet and no other
/// file gives any; no title rows above its header, no scope flag column, and the summary alone
/// (no row listed). Anything that file would be told about (a warning, a note, an error, a
/// duplicate id, an unsized control, a new evidence item) stops the attempt: the caller rolls
/// back what was written and prepares the import whole, which reports it as it always did. So a
/// streamed import prints and stores exactly what the whole one would.
extension InventoryImporter {
    /// Kinds a streamed file may hold: no later kind of an import refers to their rows.
    static let streamedKinds: Set<String> = ["controls", "csocs", "cuecs", "customers"]

    /// `prepare`, with `streamed` read a part at a time and the other files whole; nil when the
    /// import must be prepared whole (then rows may already have gone to `sink`: the caller drops
    /// them).
    ///
    /// The outcome's changes do not hold the streamed file's rows (they went to `sink`); its
    /// counts do.
    public static func prepareStreaming(
        files: borrowing [InputFile], streamed input: StreamedInput, options: Options, workspace: Workspace,
        catalog: Catalog, sink: any RowSink
    ) -> ImportOutcome? {
        guard !options.sourcesOfNewRows,
            let streamed = StreamedTable(
                input, options: options,
                isNew: { kind in Tables.all.contains { $0.kind == kind && isEmpty($0, in: workspace) } })
        else { return nil }
        var outcome = ImportOutcome()
        var tables: [String: [MappedTable]] = [:]
        for position in 0...files.count {
            if position == input.position {
                outcome.kinds.append((input.name, streamed.kind))
            } else {
                let file = files[position < input.position ? position : position - 1]
                read(file, options: options, into: &tables, outcome: &outcome)
            }
        }
        let kind = streamed.kind
        guard tables[kind] == nil, missingColumns(kind: kind, [streamed.head]).isEmpty else { return nil }
        return resolve(
            &tables, streamed: streamed, outcome: outcome, options: options, workspace: workspace, catalog: catalog,
            sink: sink)
    }

    /// The kind `prepareStreaming` would read `input` as, when the workspace has none of it: nil
    /// when it would not stream whatever the workspace holds. Reads the file's first lines.
    public static func streamedKind(of input: StreamedInput, options: Options) -> String? {
        StreamedTable(input, options: options, isNew: { _ in true })?.kind
    }

    private static func isEmpty<T: AnyTableSpec>(_ table: T, in workspace: Workspace) -> Bool {
        workspace[keyPath: table.spec.rows].isEmpty
    }
}

/// The file `InventoryImporter.prepareStreaming` reads a part at a time: its name for
/// diagnostics, its place among the files given, and where its bytes come from.
public struct StreamedInput {
    public var name: String
    public var position: Int
    public var source: CSVRecordStream.Source

    public init(name: String, position: Int, source: @escaping CSVRecordStream.Source) {
        self.name = name
        self.position = position
        self.source = source
    }
}

/// A file's bytes a part at a time, for `StreamedInput`.
public final class FileParts {
    private let descriptor: Int32
    private let size: Int

    /// Opens the file; `size` bytes are read at a time.
    public init(path: String, size: Int = 1 << 18) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileReadUnknown) }
        self.size = size
    }

    deinit { close(descriptor) }

    /// The next bytes; none at the end.
    public func next() throws -> [UInt8] {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var read = -1
            repeat { read = Glibc.read(descriptor, buffer.baseAddress, size) } while read < 0 && errno == EINTR
            failed = read < 0
            count = max(0, read)
        }
        if failed { throw CocoaError(.fileReadUnknown) }
        return bytes
    }
}

/// The streamed file of `InventoryImporter.prepareStreaming`: its header mapped, its rows
/// mapped a part at a time.
final class StreamedTable {
    let kind: String
    /// The table without rows: its file, columns and schema.
    let head: MappedTable
    private let records: CSVRecordStream
    private let mapper: TableReader.RowMapper
    /// Rows mapped with the header (the records read to find it) and not yet taken.
    private var pending: [MappedRow]
    /// Something was found to report: the import is to be prepared whole.
    private(set) var failed = false

    /// Rows to be given at first: enough that a sink's choices by number are those the whole
    /// count would make (see `RowSink`).
    static let firstPart = RowSinkCount.enough

    /// nil unless the file can stream: CSV, its header in the first row, a kind `isNew` says the
    /// workspace has none of, no scope flag column, nothing to report in the header; nil too
    /// when it cannot be read (the whole import says why).
    init?(
        _ input: StreamedInput, options: InventoryImporter.Options, isNew: (String) -> Bool
    ) {
        guard let records = try? CSVRecordStream(source: input.source) else { return nil }
        let start = records.firstBytes
        guard CSVReader.utf16Encoding(start) == nil, !XLSXReader.looksLikeCompoundFile(start),
            !XLSXReader.looksLikeWorkbook(start),
            let first = try? records.next(max(TableInput.searchRows, options.mapping.headerRow ?? 0))
        else { return nil }
        self.records = records
        var parsed = TableReader.Parsed(
            file: input.name, document: CSVDocument(records: first, problems: [], hadByteOrderMark: false),
            diagnostics: [])
        TableReader.locateHeader(
            &parsed, headerRow: options.mapping.headerRow, schemas: options.schemas, overrides: options.columns)
        var diagnostics: [Diagnostic] = []
        guard !records.hasProblems, parsed.diagnostics.isEmpty,
            let schema = InventoryImporter.recognise(parsed, options: options, diagnostics: &diagnostics),
            diagnostics.isEmpty, InventoryImporter.streamedKinds.contains(schema.kind), isNew(schema.kind),
            !Self.hasScopeFlag(parsed.header, options: options)
        else { return nil }
        let (head, mapper, mapped) = TableReader.head(
            parsed, schema: schema, mapping: options.mapping, spreadsheet: true)
        guard let mapper, mapped.isEmpty else { return nil }
        kind = schema.kind
        self.head = head
        self.mapper = mapper
        pending = []
        mapper.map(&parsed.document.records, from: 1, into: &pending, diagnostics: &diagnostics)
        failed = !diagnostics.isEmpty
    }

    /// A header naming a scope flag field, or mapped to one: whether it is one depends on every
    /// value of its column.
    private static func hasScopeFlag(_ header: [CSVCell], options: InventoryImporter.Options) -> Bool {
        header.contains { cell in
            let key = TableSchema.headerKey(Spelling.trimmed(SpreadsheetText.restore(cell.value)))
            return ScopeFlag.headers.contains { $0.keys.contains(key) }
                || options.columns[key].map(ScopeFlag.fields.contains) == true
        }
    }

    /// The next rows, at least `count` of them unless the file ends first; none at its end, or
    /// once something was found to report (`failed`).
    func next(_ count: Int) -> [MappedRow] {
        var rows: [MappedRow] = []
        swap(&rows, &pending)
        var diagnostics: [Diagnostic] = []
        while !failed && rows.count < count && !records.isAtEnd {
            guard var batch = try? records.next(count - rows.count) else {
                failed = true
                break
            }
            mapper.map(&batch, from: 0, into: &rows, diagnostics: &diagnostics)
            failed = records.hasProblems || !diagnostics.isEmpty
        }
        return failed ? [] : rows
    }
}
