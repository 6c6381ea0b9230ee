import SOCPlanCore

/// A file given to `import`: its name for diagnostics and its bytes.
public struct InputFile: Sendable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}

/// What an import did (or, on a dry run, would do) to one kind of row.
public struct ImportCounts: Sendable, Hashable, Codable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var removed = 0

    public init() {}
}

/// The validated result of an import: rows to write, counts, and every problem found.
public struct ImportOutcome: Sendable {
    public var changes = InventoryChanges()
    /// What happens to each kind of row, by kind ("controls").
    public var counts: [String: ImportCounts] = [:]
    public var diagnostics: [Diagnostic] = []
    /// Which kind each file was read as, in the order given.
    public var kinds: [(file: String, kind: String)] = []
    /// Where each row read came from: kind → upper-cased id → file and the columns it has.
    public var sources: [String: [String: RowSource]] = [:]

    public var objectives: ImportCounts { counts["objectives"] ?? ImportCounts() }
    public var evidence: ImportCounts { counts["evidence"] ?? ImportCounts() }
    public var controls: ImportCounts { counts["controls"] ?? ImportCounts() }
    public var engagements: ImportCounts { counts["engagements"] ?? ImportCounts() }
    public var subservice: ImportCounts { counts["subservice"] ?? ImportCounts() }
    public var csocs: ImportCounts { counts["csocs"] ?? ImportCounts() }
    public var cuecs: ImportCounts { counts["cuecs"] ?? ImportCounts() }
    public var customers: ImportCounts { counts["customers"] ?? ImportCounts() }
}

/// Turns spreadsheet files into validated inventory changes. Pure: reads nothing but its input.
///
/// Objectives and evidence are applied before the controls that reference them, whatever the
/// order of the files. Rows upsert by id; a column the file does not have leaves that field
/// as it is on an existing row. With `replace`, rows of each kind given that the files no
/// longer hold are removed.
public enum InventoryImporter {
    public struct Options: Sendable {
        /// Read every file as this kind instead of recognising it from its header.
        public var kind: String? {
            get { mapping.kind }
            set { mapping.kind = newValue }
        }
        /// Header key (see `TableSchema.headerKey`) → field name, from `--column "Header=field"`.
        public var columns: [String: String] { mapping.overrides }
        public var replace: Bool
        /// A row in a file replaces the stored row whole: a column the file lacks is emptied, not kept.
        public var replaceRows = false
        /// Whether `ImportOutcome.sources` names the file of each new inventory row too, not only
        /// of the rows already stored (what a diff that lists added rows needs; the summary alone
        /// does not, and on a large first import the table is one entry per row).
        public var sourcesOfNewRows = true
        /// Headers, ignored columns, value maps, defaults, sheet and header row.
        public var mapping: ImportMapping
        /// The size from which `import` streams the largest file given (see `prepareStreaming`;
        /// smaller ones gain nothing).
        public var streamFrom = 1 << 20
        /// The kinds a file may be read as: the one `--kind` names, or every inventory kind.
        var schemas: [TableSchema] {
            kind.map { kind in Schemas.inventory.filter { $0.kind == kind } } ?? Schemas.inventory
        }
        /// The worksheet and header row to read (`--sheet`, `--header-row`, or the mapping's).
        public var selection: TableInput.Selection { .init(sheet: mapping.sheet, headerRow: mapping.headerRow) }

        public init(
            kind: String? = nil, columns: [String: String] = [:], replace: Bool = false,
            mapping: ImportMapping = ImportMapping()
        ) {
            self.replace = replace
            self.mapping = mapping.merging(
                ImportMapping(kind: kind, columns: columns.sorted { $0.key < $1.key }.map { .init($0.key, $0.value) }))
        }
    }

    /// `files` is taken: each file's bytes are let go once it is read (when the caller keeps no copy).
    /// Rows of a kind the workspace has none of go to `sink` as they are decoded (see `RowSink`).
    public static func prepare(
        files: consuming [InputFile], options: Options, workspace: Workspace, catalog: Catalog,
        sink: (any RowSink)? = nil
    ) -> ImportOutcome {
        var outcome = ImportOutcome()
        var tables: [String: [MappedTable]] = [:]
        for index in files.indices {
            read(files[index], options: options, into: &tables, outcome: &outcome)
            // Its cells are read: the bytes go.
            files[index].bytes = []
        }
        return resolve(
            &tables, streamed: nil, outcome: outcome, options: options, workspace: workspace, catalog: catalog,
            sink: sink)!
    }

    /// Reads one file's tables into `tables` by kind, with their diagnostics and kinds.
    static func read(
        _ file: borrowing InputFile, options: Options, into tables: inout [String: [MappedTable]],
        outcome: inout ImportOutcome
    ) {
        let name = file.name
        var inputs = TableInput.tables(
            file, selection: options.selection, schemas: options.schemas, overrides: options.columns,
            diagnostics: &outcome.diagnostics)
        // Each table is taken out of `inputs`, so that mapping it can take its records' cells.
        inputs.reverse()
        while let parsed = inputs.popLast() {
            // A file that could not be read at all (UTF-16) has its one error, not also "cannot tell".
            if parsed.document.records.isEmpty && parsed.diagnostics.hasErrors {
                outcome.diagnostics += parsed.diagnostics
                continue
            }
            guard let schema = recognise(parsed, options: options, diagnostics: &outcome.diagnostics) else {
                outcome.diagnostics += parsed.diagnostics
                continue
            }
            let sheet = parsed.sheet
            var (table, diagnostics) = TableReader.map(
                consume parsed, schema: schema, mapping: options.mapping, spreadsheet: true)
            outcome.diagnostics += diagnostics
            outcome.diagnostics += leaveOutOfScope(&table)
            outcome.kinds.append((sheet.map { "\(name) [\($0)]" } ?? name, schema.kind))
            tables[schema.kind, default: []].append(table)
        }
    }

    /// Decodes the tables read, kind after kind, over the workspace; `streamed` is the table of
    /// `prepareStreaming` (then nil when something in it is to be reported).
    static func resolve(
        _ tables: inout [String: [MappedTable]], streamed: StreamedTable?, outcome: consuming ImportOutcome,
        options: Options, workspace: Workspace, catalog: Catalog, sink: (any RowSink)?
    ) -> ImportOutcome? {
        for (kind, group) in tables {
            outcome.diagnostics += missingColumns(kind: kind, group)
            tables[kind] = dropOutOfScope(group)
        }
        var resolver = Resolver(workspace: workspace, catalog: catalog, replace: options.replace)
        resolver.replaceRows = options.replaceRows
        resolver.sourcesOfNewRows = options.sourcesOfNewRows
        resolver.sink = sink
        // Each kind's tables are let go once read: the decoded rows replace them.
        for table in Tables.all {
            if let streamed, streamed.kind == table.kind {
                guard resolver.read(table, [streamed.head], streamed: streamed) else { return nil }
            } else {
                resolver.read(table, tables.removeValue(forKey: table.kind) ?? [])
            }
        }
        resolver.read(Tables.engagements, tables.removeValue(forKey: "engagements") ?? [])
        resolver.checkRemovals()
        outcome.diagnostics += resolver.diagnostics
        outcome.diagnostics = grouped(outcome.diagnostics)
        outcome.changes = resolver.changes
        outcome.counts = resolver.counts
        outcome.sources = resolver.sources
        return outcome
    }

    /// The schema a file's header fits best, or nil with a diagnostic.
    static func recognise(_ parsed: TableReader.Parsed, options: Options, diagnostics: inout [Diagnostic])
        -> TableSchema?
    {
        if let forced = options.kind {
            guard let schema = Schemas.inventory.first(where: { $0.kind == forced }) else {
                if diagnostics.contains(where: { $0.code == "unknown-kind" }) { return nil }
                diagnostics.append(
                    Diagnostic(
                        .error, "unknown-kind", "unknown file kind \"\(forced)\"",
                        hint: "use one of: \(Schemas.inventory.map(\.kind).joined(separator: ", "))", file: parsed.file)
                )
                return nil
            }
            return schema
        }
        let scored = Schemas.inventory.map { schema in
            (schema: schema, score: TableReader.score(parsed, schema: schema, overrides: options.columns))
        }
        let complete = scored.filter { $0.score.missingRequired.isEmpty }.sorted { $0.score.matched > $1.score.matched }
        if let best = complete.first, complete.count == 1 || complete[1].score.matched < best.score.matched {
            return best.schema
        }
        // No header fits, but one names a kind's id column: read it as that kind, so the missing columns are named.
        let named = scored.filter { candidate in
            parsed.header.contains {
                candidate.schema.field(forHeader: $0.value, overrides: options.columns)
                    == candidate.schema.fields[0].name
            }
        }
        if complete.isEmpty, let closest = named.max(by: { $0.score.matched < $1.score.matched }) {
            return closest.schema
        }
        diagnostics.append(
            Diagnostic(
                .error, "unknown-kind", "cannot tell what this file holds from its header",
                hint: "a header names a kind's id column: "
                    + Schemas.inventory.map { "\($0.fields[0].name) (\($0.kind))" }.joined(separator: ", ")
                    + "; or pass --kind",
                file: parsed.file, line: parsed.document.records.first?.line ?? 1,
                column: parsed.sheet == nil ? 1 : nil))
        return nil
    }
}

/// A column as `Resolver.read` goes through it for every row: a reference, so that going
/// through the columns does not copy each one's description.
private final class ReadColumn<Row> {
    let info: ColumnInfo
    let set: @Sendable (inout Row, Cell) -> String?

    init(info: ColumnInfo, set: @escaping @Sendable (inout Row, Cell) -> String?) {
        self.info = info
        self.set = set
    }
}

/// Resolves decoded rows against the workspace: merges, references, duplicates and counts.
struct Resolver {
    let workspace: Workspace
    let catalog: Catalog
    let replace: Bool
    var replaceRows = false
    /// See `InventoryImporter.Options.sourcesOfNewRows` (engagements always have theirs).
    var sourcesOfNewRows = true
    /// Where the rows of a kind the workspace has none of go as they are decoded: all of them
    /// are new and written as read, so a store can write them while the rest are decoded.
    var sink: (any RowSink)?
    var diagnostics: [Diagnostic] = []
    var sources: [String: [String: RowSource]] = [:]
    var changes = InventoryChanges()
    var counts: [String: ImportCounts] = [:]
    /// Subservice organization names after the import, by upper-cased name.
    var subserviceIndex: [String: String] = [:]

    /// Objective and evidence ids as they will be after the import, for reference checks.
    var objectiveIndex: [String: ObjectiveID] = [:]
    var evidenceByID: [String: EvidenceID] = [:]
    var evidenceByTitle: [String: EvidenceID] = [:]
    var finalObjectives: Set<ObjectiveID> = []
    var finalObjectiveList: [Objective] = []
    var finalEvidence: Set<EvidenceID> = []
    /// Evidence items that controls name but no evidence row defines.
    var createdEvidence: [EvidenceItem] = []
    /// Per evidence id stem, the suffix to try next for a new item (so n items of one stem take O(n)).
    var nextEvidenceSuffix: [String: Int] = [:]
    /// ITGC areas of the crosswalk: an objective in one of them is an ITGC objective.
    let itgcAreas: Set<String>
    /// The catalog's criteria whose id, read as a cell, is that id alone (all of the built-in ones).
    let readsAsItself: Set<CriterionID>

    init(workspace: Workspace, catalog: Catalog, replace: Bool) {
        self.workspace = workspace
        self.catalog = catalog
        self.replace = replace
        itgcAreas = Set(catalog.crosswalk.map(\.area)).subtracting(["business-processing"])
        readsAsItself = Set(catalog.criteria.map(\.id).filter { CriterionID.all(in: $0.rawValue) == [$0] })
    }

    // MARK: Any table

    /// Decodes the rows of one kind over the existing ones: a column the file has sets its field,
    /// a column it lacks leaves the field as it is.
    ///
    /// `tables` is taken: each row is let go once decoded.
    ///
    /// With `streamed` (whose head is `tables`' one table) the rows come from it a part at a
    /// time and are not kept: false when something is found to report (see `prepareStreaming`).
    @discardableResult
    mutating func read<T: AnyTableSpec>(
        _ table: T, _ tables: consuming [MappedTable], streamed: StreamedTable? = nil
    ) -> Bool {
        let spec = table.spec
        let existing = workspace[keyPath: spec.rows]
        // By upper-cased id: a file that spells an id in other capitals updates the row, which
        // keeps its stored spelling.
        let byID = Self.places(existing) { $0.id.description.uppercased() }
        var found: [Diagnostic] = []
        var read: [String: RowSource] = [:]
        // The columns' descriptions read once (not through ColumnSpec's key-path member lookup
        // per cell), and the set of columns a row has shared by the rows that have the same.
        let columns = spec.columns.dropFirst().map { ReadColumn(info: $0.info, set: $0.set) }
        var shared: Set<String> = []
        let filed = Set(tables.flatMap(\.columns.keys))
        // For the not-sized warning: which of frequency and nature the files fill in for a
        // control read without one (the rows themselves are let go as they are decoded).
        var given: [String: Set<String>] = [:]
        var duplicates: [(key: String, row: MappedRow)] = []
        let files = (first: tables.first?.file, count: tables.count)
        // Rows go to the sink in parts (`Tables.engagements`, written on their own, do not).
        let sink = existing.isEmpty && Tables.all.contains { $0.kind == spec.kind } ? sink : nil
        let earlier = changes
        var streaming = sink != nil
        var part: [T.Row] = []
        func decode(_ decoder: inout RowDecoder, _ id: String) -> T.Row? {
            let key = id.uppercased()
            let base = byID[key].map { existing[$0] }
            if base != nil || sourcesOfNewRows || spec.kind == "engagements" {
                let fields = decoder.row.fields
                if fields.count != shared.count || !fields.allSatisfy(shared.contains) { shared = Set(fields) }
                read[key] = RowSource(file: decoder.file, columns: shared)
            }
            var row = replaceRows ? spec.blank(base?.id.description ?? id) : base ?? spec.blank(id)
            for column in columns where base == nil && column.info.required && decoder.row[column.info.name] == nil {
                let column = column.info
                // A new row only another file names (a guidance sheet) lacks what the main file gives.
                if filed.contains(column.name) {
                    decoder.report(
                        "missing-value", "\(spec.noun) \(id) is new but no file gives its \(column.name)",
                        hint: "add the row to the file that has the \(column.name) column, or remove it", at: nil,
                        subject: id)
                }
            }
            for entry in columns {
                let column = entry.info
                guard let cell = decoder.row[column.name], let value = parse(column, cell, decoder: &decoder) else {
                    continue
                }
                if let problem = entry.set(&row, value) {
                    // An empty cell of a column with no empty value leaves the field to `adjust`.
                    if cell.value.isEmpty { continue }
                    decoder.report("invalid-value", "\(column.name): \(problem)", at: cell)
                }
            }
            adjust(&row, isNew: base == nil || replaceRows, decoder: &decoder)
            if let control = row as? Control, !control.isSized { given[key] = Self.sizing(decoder.row) }
            if streaming, let sink {
                // A new evidence item this row names is written before it, with the evidence: the
                // rows from here on wait for the end.
                streaming = createdEvidence.isEmpty
                if streaming { part.append(row) }
                if !part.isEmpty && (!streaming || part.count == Self.streamedPart) {
                    sink.write(table, part)
                    part.removeAll(keepingCapacity: true)
                }
            }
            return row
        }
        func starting(_ count: Int) { if count > 0 { sink?.begin(table, count: count, after: earlier) } }
        var rows: [T.Row] = []
        var streamedRows = 0
        if let streamed {
            guard let count = Self.decode(streamed, idField: spec.idColumn.name, starting: starting, decode),
                given.isEmpty
            else { return false }
            streamedRows = count
        } else {
            rows = Self.decode(
                &tables, idField: spec.idColumn.name, noun: spec.noun, diagnostics: &found, duplicates: &duplicates,
                starting: starting, decode)
        }
        if let sink, !part.isEmpty { sink.write(table, part) }
        sources[spec.kind] = read
        diagnostics += found
        for (key, row) in duplicates where given[key] != nil { given[key]!.formUnion(Self.sizing(row)) }
        diagnostics += Self.unsizedWarning(rows, given: given, file: files.count == 1 ? files.first : nil)
        var tally = ImportCounts()
        let result = merge(rows, existing: existing, kindGiven: !tables.isEmpty, counts: &tally)
        tally.added += streamedRows
        counts[spec.kind] = tally
        changes[keyPath: spec.changed] = result.write
        changes[keyPath: spec.removed] = result.removed
        index(final: result.final)
        if !createdEvidence.isEmpty {
            changes.evidence += createdEvidence
            counts["evidence", default: ImportCounts()].added += createdEvidence.count
            finalEvidence.formUnion(createdEvidence.map(\.id))
            createdEvidence = []
        }
        return true
    }

    /// What no column says alone: an objective without a domain takes it from its area; a
    /// control's scope flags are checked against its objectives and criteria.
    func adjust<Row>(_ row: inout Row, isNew: Bool, decoder: inout RowDecoder) {
        if let control = row as? Control { return Self.checkScopeFlags(control, decoder: &decoder) }
        if let record = row as? EngagementRecord { return Self.checkScopes(record, decoder: &decoder) }
        guard var objective = row as? Objective else { return }
        let cell = decoder.row["domain"]
        if cell.map({ $0.value.isEmpty || ObjectiveDomain(spelling: $0.value) == nil }) ?? isNew {
            objective.domain = itgcAreas.contains(objective.area) ? .itgc : .business
            if let adjusted = objective as? Row { row = adjusted }
        }
    }

    /// Rows of later kinds refer to these by id, name or title. (An empty array casts to any
    /// array type, hence the checks on the row type.)
    mutating func index<Row>(final rows: [Row]) {
        if Row.self == Objective.self, let objectives = rows as? [Objective] {
            finalObjectives = Set(objectives.map(\.id))
            finalObjectiveList = objectives
            for id in finalObjectives { objectiveIndex[id.rawValue.uppercased()] = id }
        } else if Row.self == EvidenceItem.self, let items = rows as? [EvidenceItem] {
            finalEvidence = Set(items.map(\.id))
            for item in items {
                evidenceByID[item.id.rawValue.uppercased()] = item.id
                evidenceByTitle[Spelling.folded(item.title)] = item.id
            }
        } else if Row.self == SubserviceOrganization.self, let organizations = rows as? [SubserviceOrganization] {
            for organization in organizations { subserviceIndex[organization.name.uppercased()] = organization.name }
        }
    }

    func resolveObjective(_ reference: String, field: String = "soc1_objectives", decoder: inout RowDecoder)
        -> ObjectiveID?
    {
        if let id = objectiveIndex[reference.uppercased()] { return id }
        let known = objectiveIndex.values.map(\.rawValue)
        decoder.report(
            "unknown-objective", "unknown SOC 1 objective \"\(reference)\"",
            hint: known.isEmpty
                ? "the workspace has no objectives yet: import objectives.csv with it, or `socplan init --profile`"
                : Spelling.didYouMean(reference, in: known, otherwise: "no objective has a similar id.")
                    + " Objectives must exist in the workspace or in an objectives file imported with it.",
            at: decoder.row[field], subject: reference)
        return nil
    }

    /// Criteria from a list cell. A part with no digit after a criterion is a title fragment
    /// ("CC6.1 - Logical and physical access, restricted") and is skipped.
    func resolveCriteria(_ references: [String], field: String = "soc2_criteria", decoder: inout RowDecoder)
        -> [CriterionID]
    {
        var criteria: [CriterionID] = []
        for reference in references {
            // A reference spelled as the catalog spells an id ("CC6.1", nearly all) is that id.
            let exact = CriterionID(reference)
            let found = readsAsItself.contains(exact) ? [exact] : CriterionID.all(in: reference)
            guard !found.isEmpty else {
                if !criteria.isEmpty && !reference.contains(where: \.isNumber) { continue }
                decoder.report(
                    "invalid-criterion", "\"\(reference)\" is not a Trust Services Criteria id",
                    hint: "write ids such as CC6.1, A1.2, C1.1, PI1.3 or P4.2", at: decoder.row[field],
                    subject: reference)
                continue
            }
            for id in found {
                guard catalog.criterionIndex[id] != nil else {
                    decoder.report(
                        "unknown-criterion", "unknown criterion \(id.rawValue)",
                        hint: "TSC 2017 has no such criterion; "
                            + Spelling.didYouMean(
                                id.rawValue, in: catalog.criteria.map(\.id.rawValue),
                                otherwise: "`socplan catalog criteria` lists them"),
                        at: decoder.row[field], subject: id.rawValue)
                    continue
                }
                if !criteria.contains(id) { criteria.append(id) }
            }
        }
        return criteria
    }

    /// An evidence reference by id or title; an unknown one becomes a new document item.
    mutating func resolveEvidence(_ reference: String, field: String, decoder: inout RowDecoder) -> EvidenceID {
        if let id = evidenceByID[reference.uppercased()] ?? evidenceByTitle[Spelling.folded(reference)] { return id }
        var slug = ""
        for character in reference.uppercased() {
            if character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty && slug.last != "-" {
                slug.append("-")
            }
        }
        let stem = "EV-" + String(slug.prefix(40)).trimmingCharacters(in: ["-"])
        var id = EvidenceID(stem)
        // Many references sharing a stem: the search goes on from the last suffix taken, not from 2.
        var suffix = nextEvidenceSuffix[stem.uppercased(), default: 2]
        while evidenceByID[id.rawValue.uppercased()] != nil {
            id = EvidenceID("\(stem)-\(suffix)")
            suffix += 1
        }
        nextEvidenceSuffix[stem.uppercased()] = suffix
        createdEvidence.append(EvidenceItem(id: id, title: reference, kind: .document))
        evidenceByID[id.rawValue.uppercased()] = id
        evidenceByTitle[Spelling.folded(reference)] = id
        decoder.report(
            "new-evidence",
            "evidence \"\(reference)\" matches no evidence item; it is added as document \(id.rawValue)",
            hint:
                "list it in evidence.csv with its kind, source and owner, or correct the reference to an existing id or title",
            at: decoder.row[field], subject: id.rawValue, severity: .warning)
        return id
    }

    // MARK: Shared steps

    /// Each key's first place in `rows`. Places, not rows: a dictionary of 100,000 whole controls
    /// held 60 MB more than the rows themselves.
    static func places<T, Key: Hashable>(_ rows: [T], by key: (T) -> Key) -> [Key: Int] {
        var places: [Key: Int] = [:]
        places.reserveCapacity(rows.count)
        for (place, row) in rows.enumerated() {
            let key = key(row)
            if places[key] == nil { places[key] = place }
        }
        return places
    }

    /// Rows handed to the sink at a time: enough that handing them over costs little, few enough
    /// that writing starts early.
    static let streamedPart = 500

    /// Decodes every row of every table of one kind, reporting duplicate ids.
    ///
    /// Rows of different files with the same id describe the same row (a controls sheet and a
    /// guidance sheet keyed by control id): their columns are merged, and a column both fill
    /// with different values is an error. The same id twice in one file is a duplicate.
    ///
    /// The tables keep their columns but lose their rows once read (each row is then held by its
    /// decoder alone, and let go once decoded). Rows left out as duplicates go to `duplicates`.
    /// `starting` is told how many rows are decoded, before the first is.
    static func decode<T>(
        _ tables: inout [MappedTable], idField: String, noun: String, diagnostics: inout [Diagnostic],
        duplicates: inout [(key: String, row: MappedRow)], starting: (Int) -> Void = { _ in },
        _ body: (inout RowDecoder, String) -> T?
    ) -> [T] {
        // Each id's first row, in order: its table and place there (its spreadsheet row for messages).
        var order: [(key: String, id: String, table: Int, index: Int, row: Int)] = []
        var firstSeen: [String: Int] = [:]  // upper-cased id → its place in `order`
        // Rows merged from several files, by place in `order` (the others are decoded from their table).
        var absorbed: [Int: RowDecoder] = [:]
        // Where a row was first seen, in words: made only for a message (a string per row costs).
        func place(_ first: (table: Int, index: Int, row: Int)) -> String {
            let table = tables[first.table]
            return "\(table.file)\(table.sheet.map { " [\($0)]" } ?? "") row \(first.row)"
        }
        for position in tables.indices {
            let table = tables[position]
            for (index, row) in table.rows.enumerated() {
                var decoder = RowDecoder(table: table, row: row)
                guard let id = decoder.identifier(idField) else {
                    diagnostics += decoder.diagnostics
                    continue
                }
                let key = id.uppercased()
                guard let entry = firstSeen[key] else {
                    firstSeen[key] = order.count
                    order.append((key, id, position, index, row.row))
                    continue
                }
                let first = (table: order[entry].table, index: order[entry].index, row: order[entry].row)
                if first.table == position {
                    decoder.report(
                        "duplicate-id", "duplicate \(noun) id \(id)",
                        hint: "first defined at \(place(first)); keep one row per id", at: row[idField], subject: id)
                    diagnostics += decoder.diagnostics
                    duplicates.append((key, row))
                    continue
                }
                var target =
                    absorbed[entry]
                    ?? RowDecoder(table: tables[first.table], row: tables[first.table].rows[first.index])
                for field in target.absorb(decoder) {
                    decoder.report(
                        "conflicting-value",
                        "\(noun) \(id): \(field) \"\(row[field]?.value ?? "")\" differs from \"\(target.row[field]?.value ?? "")\" at \(place(first))",
                        hint:
                            "the files describe the same \(noun): keep the value in one of them, or ignore the column in one file (--column \"Header=-\")",
                        at: row[field], subject: id)
                }
                diagnostics += decoder.diagnostics
                absorbed[entry] = target
            }
        }
        firstSeen = [:]
        starting(order.count)
        var rows: [T] = []
        rows.reserveCapacity(order.count)
        for (number, entry) in order.enumerated() {
            var decoder: RowDecoder
            if let merged = absorbed.removeValue(forKey: number) {
                decoder = merged
            } else {
                // The row is taken out of its table: it goes once decoded.
                let row = tables[entry.table].rows[entry.index]
                tables[entry.table].rows[entry.index] = MappedRow.gone
                decoder = RowDecoder(table: tables[entry.table], row: row)
            }
            let value = body(&decoder, entry.id)
            diagnostics += decoder.diagnostics
            if let value { rows.append(value) }
        }
        for index in tables.indices { tables[index].rows = [] }
        return rows
    }

    /// The rows of a streamed table, decoded as they come and not kept; `starting` is told a count
    /// (the rows of the first part: all of them, or `StreamedTable.firstPart`). Returns how many
    /// were decoded, or nil at the first thing to report (a diagnostic, a duplicate id).
    static func decode<T>(
        _ streamed: StreamedTable, idField: String, starting: (Int) -> Void,
        _ body: (inout RowDecoder, String) -> T?
    ) -> Int? {
        var seen: Set<String> = []
        var count = 0
        var rows = streamed.next(StreamedTable.firstPart)
        guard !streamed.failed else { return nil }
        starting(rows.count)
        while !rows.isEmpty {
            for index in rows.indices {
                var decoder = RowDecoder(table: streamed.head, row: rows[index])
                rows[index] = MappedRow.gone
                guard let id = decoder.identifier(idField), seen.insert(id.uppercased()).inserted else { return nil }
                _ = body(&decoder, id)
                guard decoder.diagnostics.isEmpty else { return nil }
                count += 1
            }
            rows = streamed.next(streamedPart)
            guard !streamed.failed else { return nil }
        }
        return count
    }

    /// Upserts rows over the existing ones (or replaces them), counting what changes.
    func merge<T: Identifiable & Equatable>(
        _ rows: [T], existing: [T], kindGiven: Bool, counts: inout ImportCounts
    ) -> (write: [T], removed: [T.ID], final: [T]) {
        let old = Self.places(existing) { $0.id }
        // Until a row is unchanged, every row is written: `write` is then `rows` itself, not a copy.
        var write: [T]? = nil
        for (position, row) in rows.enumerated() {
            switch old[row.id].map({ existing[$0] }) {
            case nil:
                counts.added += 1
                write?.append(row)
            case let previous? where previous == row:
                counts.unchanged += 1
                if write == nil { write = Array(rows[..<position]) }
            default:
                counts.updated += 1
                write?.append(row)
            }
        }
        let written = write ?? rows
        guard replace && kindGiven else {
            // Only objectives, evidence and subservice organizations are looked up afterwards.
            guard needsFinal(T.self) else { return (written, [], []) }
            let ids = Set(rows.map(\.id))
            return (written, [], rows + existing.filter { !ids.contains($0.id) })
        }
        let kept = Set(rows.map(\.id))
        let removed = existing.map(\.id).filter { !kept.contains($0) }
        counts.removed = removed.count
        return (written, removed, rows)
    }

    /// Whether `index(final:)` reads the rows of this type after the import.
    private func needsFinal<T>(_ type: T.Type) -> Bool {
        T.self == Objective.self || T.self == EvidenceItem.self || T.self == SubserviceOrganization.self
    }

    /// With `--replace`, objectives or evidence removed must not be left referenced by rows kept.
    mutating func checkRemovals() {
        guard !changes.removedObjectives.isEmpty || !changes.removedEvidence.isEmpty else { return }
        for table in Tables.all { checkRemovals(table) }
        checkRemovals(Tables.engagements)
    }

    private mutating func checkRemovals<T: AnyTableSpec>(_ table: T) {
        let spec = table.spec
        let rewritten = Set(changes[keyPath: spec.changed].map(\.id))
        let removed = Set(changes[keyPath: spec.removed])
        let remaining: [Entity: Set<String>] = [
            .objective: Set(finalObjectives.map(\.rawValue)), .evidence: Set(finalEvidence.map(\.rawValue)),
        ]
        for row in workspace[keyPath: spec.rows] where !rewritten.contains(row.id) && !removed.contains(row.id) {
            for column in spec.columns {
                guard case .references(let entity) = column.type, let kept = remaining[entity],
                    case .list(let ids) = column.get(row)
                else { continue }
                for id in ids where !kept.contains(id) {
                    diagnostics.append(
                        Diagnostic(
                            .error, "dangling-reference",
                            "--replace removes \(entity.rawValue) \(id) but \(spec.noun) \(row.id) still refers to it",
                            hint: "import the \(spec.kind) file with it, or keep the \(entity.rawValue)",
                            subject: row.id.description))
                }
            }
        }
    }
}
