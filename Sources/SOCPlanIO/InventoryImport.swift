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
        public var kind: String?
        /// Header key (see `TableSchema.headerKey`) → field name, from `--column "Header=field"`.
        public var columns: [String: String]
        public var replace: Bool
        /// The worksheet and header row to read (`--sheet`, `--header-row`).
        public var selection: TableInput.Selection

        public init(
            kind: String? = nil, columns: [String: String] = [:], replace: Bool = false,
            selection: TableInput.Selection = .init()
        ) {
            self.kind = kind
            self.columns = columns
            self.replace = replace
            self.selection = selection
        }
    }

    public static func prepare(files: [InputFile], options: Options, workspace: Workspace, catalog: Catalog)
        -> ImportOutcome
    {
        var outcome = ImportOutcome()
        var tables: [String: [MappedTable]] = [:]
        var inputs: [TableReader.Parsed] = []
        let schemas = options.kind.map { kind in Schemas.inventory.filter { $0.kind == kind } } ?? Schemas.inventory
        for file in files {
            inputs += TableInput.tables(
                file, selection: options.selection, schemas: schemas, overrides: options.columns,
                diagnostics: &outcome.diagnostics)
        }
        for parsed in inputs {
            guard let schema = recognise(parsed, options: options, diagnostics: &outcome.diagnostics) else { continue }
            let (table, diagnostics) = TableReader.map(parsed, schema: schema, overrides: options.columns)
            outcome.diagnostics += diagnostics
            outcome.kinds.append((parsed.file, schema.kind))
            tables[schema.kind, default: []].append(table)
        }
        var resolver = Resolver(workspace: workspace, catalog: catalog, replace: options.replace)
        for table in Tables.all { resolver.read(table, tables[table.kind] ?? []) }
        resolver.engagements(tables["engagements"] ?? [])
        resolver.checkRemovals()
        outcome.diagnostics += resolver.diagnostics
        outcome.diagnostics = outcome.diagnostics.map { TableInput.place($0, in: inputs) }
        outcome.changes = resolver.changes
        outcome.counts = resolver.counts
        return outcome
    }

    /// The schema a file's header fits best, or nil with a diagnostic.
    static func recognise(_ parsed: TableReader.Parsed, options: Options, diagnostics: inout [Diagnostic])
        -> TableSchema?
    {
        if let forced = options.kind {
            guard let schema = Schemas.inventory.first(where: { $0.kind == forced }) else {
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

/// Resolves decoded rows against the workspace: merges, references, duplicates and counts.
struct Resolver {
    let workspace: Workspace
    let catalog: Catalog
    let replace: Bool
    var diagnostics: [Diagnostic] = []
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
    /// ITGC areas of the crosswalk: an objective in one of them is an ITGC objective.
    let itgcAreas: Set<String>

    init(workspace: Workspace, catalog: Catalog, replace: Bool) {
        self.workspace = workspace
        self.catalog = catalog
        self.replace = replace
        itgcAreas = Set(catalog.crosswalk.map(\.area)).subtracting(["business-processing"])
    }

    // MARK: Any table

    /// Decodes the rows of one kind over the existing ones: a column the file has sets its field,
    /// a column it lacks leaves the field as it is.
    mutating func read<T: AnyTableSpec>(_ table: T, _ tables: [MappedTable]) {
        let spec = table.spec
        let existing = workspace[keyPath: spec.rows]
        let byID = Self.index(existing) { $0.id.description }
        var found: [Diagnostic] = []
        let rows = Self.decode(tables, idField: spec.idColumn.name, noun: spec.noun, diagnostics: &found) {
            decoder, id -> T.Row? in
            let base = byID[id.uppercased()]
            var row = base ?? spec.blank(id)
            for column in spec.columns.dropFirst() {
                guard let cell = decoder.row[column.name], let value = parse(column, cell, decoder: &decoder) else {
                    continue
                }
                if let problem = column.set(&row, value) {
                    // An empty cell of a column with no empty value leaves the field to `adjust`.
                    if cell.value.isEmpty { continue }
                    decoder.report("invalid-value", "\(column.name): \(problem)", at: cell)
                }
            }
            adjust(&row, isNew: base == nil, decoder: decoder)
            return row
        }
        diagnostics += found
        var tally = ImportCounts()
        let result = merge(rows, existing: existing, kindGiven: !tables.isEmpty, counts: &tally)
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
    }

    /// What no column says alone: an objective without a domain takes it from its area.
    func adjust<Row>(_ row: inout Row, isNew: Bool, decoder: RowDecoder) {
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

    // MARK: Engagements

    mutating func engagements(_ tables: [MappedTable]) {
        let existing = Self.index(workspace.engagements) { $0.name }
        let objectives = finalObjectiveList
        var found: [Diagnostic] = []
        let rows = Self.decode(tables, idField: "engagement", noun: "engagement", diagnostics: &found) {
            decoder, name -> Engagement? in
            var engagement = existing[name.uppercased()] ?? Engagement(name: name)
            func day(_ field: String) -> Day? {
                guard let text = decoder.text(field), !text.isEmpty else { return nil }
                guard let day = Day(text) else {
                    decoder.report(
                        "invalid-date", "\(field) \"\(text)\" is not a date", hint: "write YYYY-MM-DD",
                        at: decoder.row[field])
                    return nil
                }
                return day
            }
            for report in ReportKind.allCases {
                let prefix = report.rawValue
                guard decoder.row["\(prefix)_type"] != nil else { continue }
                let type = decoder.choice("\(prefix)_type", ReportType.self) ?? .none
                let start = day("\(prefix)_period_start")
                let end = day("\(prefix)_period_end")
                let period = start.flatMap { start in end.map { Period(start: start, end: $0) } }
                switch ReportScope.make(type, period: period, asOf: day("\(prefix)_as_of"), report: report) {
                case .success(let scope):
                    if report == .soc1 { engagement.soc1 = scope } else { engagement.soc2 = scope }
                case .failure(let problem):
                    let columns = type == .type1 ? "\(prefix)_as_of" : "\(prefix)_period_start and \(prefix)_period_end"
                    decoder.report(
                        problem.code, problem.message, hint: "fill \(columns) (YYYY-MM-DD)",
                        at: decoder.row["\(prefix)_type"],
                        subject: name)
                }
            }
            if let categories = decoder.list("soc2_categories") {
                engagement.categories = Set(
                    categories.compactMap { text in
                        guard let category = TSCCategory(spelling: text) else {
                            decoder.report(
                                "unknown-value", "unknown SOC 2 category \"\(text)\"",
                                hint: "allowed values: \(TSCCategory.allowedList)", at: decoder.row["soc2_categories"])
                            return nil
                        }
                        return category
                    }
                ).union([.security])
            }
            if let references = decoder.list("soc1_objectives") {
                engagement.objectives =
                    references.isEmpty ? nil : references.compactMap { resolveObjective($0, decoder: &decoder) }
            }
            for report in ReportKind.allCases {
                let prefix = report.rawValue
                var settings = engagement.calendarSettings(report)
                if let text = decoder.text("\(prefix)_interim") {
                    if let interim = CalendarSettings.Interim(text: text) {
                        settings.interim = interim
                    } else {
                        decoder.report(
                            "invalid-period", "\(prefix)_interim \"\(text)\" is neither a period nor none",
                            hint:
                                "write the interim fieldwork as START..END, none for no interim testing, or leave it empty for the default",
                            at: decoder.row["\(prefix)_interim"])
                    }
                }
                if decoder.row["\(prefix)_interim_cutoff"] != nil {
                    settings.interimCutoff = day("\(prefix)_interim_cutoff")
                }
                if let text = decoder.text("\(prefix)_fieldwork"), !settings.setFieldwork(text) {
                    decoder.report(
                        "invalid-period", "\(prefix)_fieldwork \"\(text)\" is neither a date nor a period",
                        hint: "write the first day of final fieldwork (YYYY-MM-DD) or START..END",
                        at: decoder.row["\(prefix)_fieldwork"])
                }
                if decoder.row["\(prefix)_report_date"] != nil { settings.reportDate = day("\(prefix)_report_date") }
                engagement.setCalendarSettings(settings, for: report)
            }
            for problem in engagement.validate(objectives: objectives) where problem.code != "unknown-objective" {
                decoder.report(
                    problem.code, problem.message, hint: problem.hint, at: decoder.row["engagement"], subject: name,
                    severity: problem.severity)
            }
            return engagement
        }
        diagnostics += found
        var tally = ImportCounts()
        let result = merge(rows, existing: workspace.engagements, kindGiven: !tables.isEmpty, counts: &tally)
        counts["engagements"] = tally
        changes.engagements = result.write
        changes.removedEngagements = result.removed
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
                : Spelling.didYouMean(reference, in: known, otherwise: "no objective has a similar id")
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
            let found = CriterionID.all(in: reference)
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
        var suffix = 2
        while evidenceByID[id.rawValue.uppercased()] != nil {
            id = EvidenceID("\(stem)-\(suffix)")
            suffix += 1
        }
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

    /// Existing rows by upper-cased id: a file that spells an id in other capitals updates the
    /// row, which keeps its stored spelling.
    static func index<T>(_ rows: [T], id: (T) -> String) -> [String: T] {
        Dictionary(rows.map { (id($0).uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Decodes every row of every table of one kind, reporting duplicate ids.
    static func decode<T>(
        _ tables: [MappedTable], idField: String, noun: String, diagnostics: inout [Diagnostic],
        _ body: (inout RowDecoder, String) -> T?
    ) -> [T] {
        var rows: [T] = []
        var firstSeen: [String: (file: String, line: Int)] = [:]
        for table in tables {
            for row in table.rows {
                var decoder = RowDecoder(file: table.file, row: row)
                guard let id = decoder.identifier(idField) else {
                    diagnostics += decoder.diagnostics
                    continue
                }
                if let first = firstSeen[id.uppercased()] {
                    decoder.report(
                        "duplicate-id", "duplicate \(noun) id \(id)",
                        hint: "first defined at \(first.file):\(first.line); keep one row per id", at: row[idField],
                        subject: id)
                    diagnostics += decoder.diagnostics
                    continue
                }
                firstSeen[id.uppercased()] = (table.file, row.line)
                let value = body(&decoder, id)
                diagnostics += decoder.diagnostics
                if let value { rows.append(value) }
            }
        }
        return rows
    }

    /// Upserts rows over the existing ones (or replaces them), counting what changes.
    func merge<T: Identifiable & Equatable>(
        _ rows: [T], existing: [T], kindGiven: Bool, counts: inout ImportCounts
    ) -> (write: [T], removed: [T.ID], final: [T]) {
        let old = Dictionary(existing.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var write: [T] = []
        for row in rows {
            switch old[row.id] {
            case nil:
                counts.added += 1
                write.append(row)
            case let previous? where previous == row:
                counts.unchanged += 1
            default:
                counts.updated += 1
                write.append(row)
            }
        }
        guard replace && kindGiven else {
            let written = Set(rows.map(\.id))
            return (write, [], rows + existing.filter { !written.contains($0.id) })
        }
        let kept = Set(rows.map(\.id))
        let removed = existing.map(\.id).filter { !kept.contains($0) }
        counts.removed = removed.count
        return (write, removed, rows)
    }

    /// With `--replace`, objectives or evidence removed must not be left referenced by rows kept.
    mutating func checkRemovals() {
        guard !changes.removedObjectives.isEmpty || !changes.removedEvidence.isEmpty else { return }
        for table in Tables.all { checkRemovals(table) }
        let rewritten = Set(changes.engagements.map(\.name) + changes.removedEngagements)
        for engagement in workspace.engagements where !rewritten.contains(engagement.name) {
            for id in engagement.objectives ?? [] where !finalObjectives.contains(id) {
                diagnostics.append(
                    Diagnostic(
                        .error, "dangling-reference",
                        "--replace removes objective \(id) but engagement \(engagement.name) still scopes it",
                        hint: "import the engagements file with it, or keep the objective", subject: engagement.name))
            }
        }
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
