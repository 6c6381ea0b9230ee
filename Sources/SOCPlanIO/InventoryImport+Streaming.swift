import SOCPlanCore

/// A first import of a large file written as it is read: its rows are parsed, mapped, decoded
/// and handed to the store a part at a time, so that neither the parsed file nor its decoded
/// rows are ever held whole (a 100,000-control file: about 190 MB held before, see
/// docs/benchmarks.md).
///
/// Only the plain case streams: one CSV file, the largest given and at least
/// `Options.streamFrom` bytes, of controls, CSOCs, CUECs or customers (kinds nothing else in the
/// import looks up), of which the workspace has no rows yet and no other file gives any; no
/// title rows above its header, no scope flag column, and the summary alone (no row listed).
/// Anything that file would be told about (a warning, a note, an error, a duplicate id, an
/// unsized control, a new evidence item) stops the attempt: the caller rolls back what was
/// written and prepares the import whole, which reports it as it always did. So a streamed
/// import prints and stores exactly what the whole one would.
extension InventoryImporter {
    /// Kinds a streamed file may hold: no later kind of an import refers to their rows.
    static let streamedKinds: Set<String> = ["controls", "csocs", "cuecs", "customers"]

    /// `prepare`, with the largest file streamed; nil when the import must be prepared whole
    /// (then rows may already have gone to `sink`: the caller drops them).
    ///
    /// The outcome's changes do not hold the streamed file's rows (they went to `sink`); its
    /// counts do.
    public static func prepareStreaming(
        files: borrowing [InputFile], options: Options, workspace: Workspace, catalog: Catalog, sink: any RowSink
    ) -> ImportOutcome? {
        guard !options.sourcesOfNewRows,
            let largest = files.indices.max(by: { files[$0].bytes.count < files[$1].bytes.count }),
            files[largest].bytes.count >= options.streamFrom
        else { return nil }
        let schemas = options.kind.map { kind in Schemas.inventory.filter { $0.kind == kind } } ?? Schemas.inventory
        guard
            let streamed = StreamedTable(
                files[largest], options: options, schemas: schemas,
                isNew: { kind in Tables.all.contains { $0.kind == kind && isEmpty($0, in: workspace) } })
        else { return nil }
        var outcome = ImportOutcome()
        var tables: [String: [MappedTable]] = [:]
        for index in files.indices {
            if index == largest {
                outcome.kinds.append((files[index].name, streamed.kind))
                continue
            }
            read(files[index], options: options, schemas: schemas, into: &tables, outcome: &outcome)
        }
        let kind = streamed.kind
        guard tables[kind] == nil, missingColumns(kind: kind, [streamed.head]).isEmpty else { return nil }
        return resolve(
            &tables, streamed: streamed, outcome: outcome, options: options, workspace: workspace,
            catalog: catalog, sink: sink)
    }

    private static func isEmpty<T: AnyTableSpec>(_ table: T, in workspace: Workspace) -> Bool {
        workspace[keyPath: table.spec.rows].isEmpty
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
    /// workspace has none of, no scope flag column, nothing to report in the header.
    init?(
        _ file: InputFile, options: InventoryImporter.Options, schemas: [TableSchema], isNew: (String) -> Bool
    ) {
        let bytes = file.bytes
        guard CSVReader.utf16Encoding(bytes) == nil, !XLSXReader.looksLikeCompoundFile(bytes),
            !XLSXReader.looksLikeWorkbook(bytes)
        else { return nil }
        records = CSVRecordStream(bytes, separator: CSVReader.detectSeparator(bytes))
        let first = records.next(max(TableInput.searchRows, options.mapping.headerRow ?? 0))
        var parsed = TableReader.Parsed(
            file: file.name, document: CSVDocument(records: first, problems: [], hadByteOrderMark: false),
            diagnostics: [])
        TableReader.locateHeader(
            &parsed, headerRow: options.mapping.headerRow, schemas: schemas, overrides: options.columns)
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
            var batch = records.next(count - rows.count)
            mapper.map(&batch, from: 0, into: &rows, diagnostics: &diagnostics)
            failed = records.hasProblems || !diagnostics.isEmpty
        }
        return failed ? [] : rows
    }
}
