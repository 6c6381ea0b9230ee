import SOCPlanCore

/// Where a row an import read came from: the file and the columns (field names) that file has.
public struct RowSource: Sendable, Hashable {
    public var file: String
    public var columns: Set<String>

    public init(file: String, columns: Set<String>) {
        self.file = file
        self.columns = columns
    }
}

/// What an import changes in the workspace, row by row and column by column, with old and new
/// values: computed from the workspace before and the validated changes, for every kind of row.
public struct ImportDiff: Sendable, Hashable {
    public enum Change: String, Sendable, Hashable { case added, changed, removed }

    /// One column of one row: its value before and after (nil: empty).
    public struct Column: Sendable, Hashable, Encodable {
        public var column: String
        public var old: String?
        public var new: String?

        enum CodingKeys: String, CodingKey { case column, old, new }

        /// Empty values as null, not left out.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(column, forKey: .column)
            try container.encode(old, forKey: .old)
            try container.encode(new, forKey: .new)
        }
    }

    public struct Row: Sendable, Hashable {
        /// The kind of file ("controls").
        public var kind: String
        public var id: String
        public var change: Change
        /// The columns that differ (for an added row, every column with a value; for a removed one, its title).
        public var columns: [Column]
        /// For a row read from a file: the file and the columns taken from it, in the table's order.
        public var file: String?
        public var fromFile: [String] = []
        /// For a changed row: columns the file does not have, whose stored (non-empty) value stays.
        public var kept: [String] = []
        /// Why a row goes that no file removed ("with subservice organization X").
        public var reason: String?
    }

    /// Counts of one kind, as the diff shows them.
    public struct Counts: Sendable, Hashable {
        public var added = 0
        public var changed = 0
        public var removed = 0
        public var unchanged = 0
    }

    /// Every added, changed or removed row, kinds in import order, ids in natural order within a kind.
    public var rows: [Row] = []
    /// Per kind read or touched.
    public var counts: [(kind: String, counts: Counts)] = []

    /// Added rows counted but not listed (`addedRows: false`).
    public private(set) var unlistedAdded = 0

    public var isEmpty: Bool { rows.isEmpty && unlistedAdded == 0 }

    public static func == (a: ImportDiff, b: ImportDiff) -> Bool {
        a.rows == b.rows && a.unlistedAdded == b.unlistedAdded && a.counts.map(\.kind) == b.counts.map(\.kind)
            && a.counts.map(\.counts) == b.counts.map(\.counts)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(rows) }

    /// The diff of `outcome` against the workspace it was prepared on.
    ///
    /// With `addedRows: true`, the outcome must name the sources of new rows
    /// (`InventoryImporter.Options.sourcesOfNewRows`, the default) for their file to be shown.
    ///
    /// With `addedRows: false` (what the summary needs: counts, kept columns, removed CSOCs) added
    /// inventory rows are only counted, not listed with their columns: on a large first import
    /// they are nearly all of the work and memory of the diff.
    public init(before workspace: Workspace, outcome: ImportOutcome, addedRows: Bool = true) {
        for table in Tables.all { add(table, workspace: workspace, outcome: outcome, addedRows: addedRows) }
        addEngagements(workspace: workspace, outcome: outcome)
    }

    private mutating func add<T: AnyTableSpec>(
        _ table: T, workspace: Workspace, outcome: ImportOutcome, addedRows: Bool
    ) {
        let spec = table.spec
        let changes = outcome.changes
        let old = Dictionary(workspace[keyPath: spec.rows].map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sources = outcome.sources[spec.kind] ?? [:]
        var found: [Row] = []
        // Added rows not listed are counted as the import counted them: a streamed import's
        // changes no longer hold the rows it wrote as it read them.
        let unlisted = addedRows ? 0 : outcome.counts[spec.kind]?.added ?? 0
        for row in changes[keyPath: spec.changed] {
            guard addedRows || old[row.id] != nil else { continue }
            let id = row.id.description
            let source = sources[id.uppercased()]
            guard let previous = old[row.id] else {
                let columns = spec.columns.dropFirst().compactMap { column -> Column? in
                    Self.shown(column.get(row), column.type).map { Column(column: column.name, old: nil, new: $0) }
                }
                found.append(Row(kind: spec.kind, id: id, change: .added, columns: columns, file: source?.file))
                continue
            }
            let columns = spec.columns.dropFirst().compactMap { column -> Column? in
                let before = Self.shown(column.get(previous), column.type)
                let after = Self.shown(column.get(row), column.type)
                return before == after ? nil : Column(column: column.name, old: before, new: after)
            }
            var entry = Row(kind: spec.kind, id: id, change: .changed, columns: columns, file: source?.file)
            if let source {
                let blank = spec.blank(id)
                entry.fromFile = spec.columns.dropFirst().map(\.name).filter { source.columns.contains($0) }
                entry.kept = spec.columns.dropFirst().filter { column in
                    !source.columns.contains(column.name) && column.get(previous) == column.get(row)
                        && column.get(previous) != column.get(blank)
                        && Self.shown(column.get(previous), column.type) != nil
                }.map(\.name)
            }
            found.append(entry)
        }
        var removed = Set(changes[keyPath: spec.removed].map(\.description))
        for id in changes[keyPath: spec.removed] {
            found.append(Row(kind: spec.kind, id: id.description, change: .removed, columns: Self.title(old[id], spec)))
        }
        if T.Row.self == CSOC.self {
            // The store deletes a subservice organization's CSOCs with it.
            let gone = Set(changes.removedSubservice)
            let rewritten = Set(changes.csocs.map(\.id))
            for csoc in workspace.csocs
            where gone.contains(csoc.subservice) && !rewritten.contains(csoc.id) && !removed.contains(csoc.id) {
                removed.insert(csoc.id)
                var row = Row(
                    kind: spec.kind, id: csoc.id, change: .removed,
                    columns: Self.title(csoc, Tables.csocs))
                row.reason = "with subservice organization \(csoc.subservice)"
                found.append(row)
            }
        }
        found.sort { a, b in
            a.change != b.change ? Self.rank(a.change) < Self.rank(b.change) : NaturalOrder.less(a.id, b.id)
        }
        var counts = Counts()
        counts.added = found.filter { $0.change == .added }.count + unlisted
        counts.changed = found.filter { $0.change == .changed }.count
        counts.removed = found.filter { $0.change == .removed }.count
        counts.unchanged = outcome.counts[spec.kind]?.unchanged ?? 0
        rows += found
        unlistedAdded += unlisted
        if counts != Counts() { self.counts.append((spec.kind, counts)) }
    }

    private mutating func addEngagements(workspace: Workspace, outcome: ImportOutcome) {
        let header = Array(Schemas.engagements.header.dropFirst())
        func cells(_ engagement: Engagement) -> [String] {
            Array((InventoryExport.engagements([engagement]).last ?? []).dropFirst())
        }
        let old = Dictionary(workspace.engagements.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let sources = outcome.sources["engagements"] ?? [:]
        var found: [Row] = []
        for engagement in outcome.changes.engagements {
            let after = cells(engagement)
            let before = old[engagement.name].map(cells)
            let columns = header.indices.compactMap { index -> Column? in
                let was = before.flatMap { $0[index].isEmpty ? nil : $0[index] }
                let now = after[index].isEmpty ? nil : after[index]
                return was == now ? nil : Column(column: header[index], old: was, new: now)
            }
            found.append(
                Row(
                    kind: "engagements", id: engagement.name, change: before == nil ? .added : .changed,
                    columns: columns, file: sources[engagement.name.uppercased()]?.file))
        }
        for name in outcome.changes.removedEngagements {
            found.append(Row(kind: "engagements", id: name, change: .removed, columns: []))
        }
        found.sort { a, b in a.change != b.change ? Self.rank(a.change) < Self.rank(b.change) : a.id < b.id }
        var counts = Counts()
        counts.added = found.filter { $0.change == .added }.count
        counts.changed = found.filter { $0.change == .changed }.count
        counts.removed = found.filter { $0.change == .removed }.count
        counts.unchanged = outcome.counts["engagements"]?.unchanged ?? 0
        rows += found
        if counts != Counts() { self.counts.append(("engagements", counts)) }
    }

    static func rank(_ change: Change) -> Int {
        switch change {
        case .added: return 0
        case .changed: return 1
        case .removed: return 2
        }
    }

    /// What a removed row was, in one column: its title or text, else its second column.
    static func title<R>(_ row: R?, _ spec: TableSpec<R>) -> [Column] {
        guard let row, spec.columns.count > 1 else { return [] }
        let column = spec.columns.first { $0.name == "title" || $0.name == "text" } ?? spec.columns[1]
        guard let value = shown(column.get(row), column.type) else { return [] }
        return [Column(column: column.name, old: value, new: nil)]
    }

    /// A cell as a person reads it in a diff; nil when it is empty.
    static func shown(_ cell: Cell, _ type: ColumnType) -> String? {
        switch cell {
        case .null: return nil
        case .text(let text): return text.isEmpty ? nil : text
        case .list(let items): return items.isEmpty ? nil : items.joined(separator: "; ")
        case .int(let value):
            if case .flag = type { return value == 1 ? "yes" : "no" }
            return "\(value)"
        case .double(let value): return PlanRender.number(value)
        }
    }
}

// MARK: - What a person reads

extension ImportDiff {
    static func noun(_ kind: String) -> String {
        if kind == "engagements" { return "engagement" }
        return Tables.all.first { $0.kind == kind }.map { table in nounOf(table) } ?? kind
    }

    private static func nounOf<T: AnyTableSpec>(_ table: T) -> String { table.spec.noun }

    /// Rows updated from a file that lacks some of their columns, grouped by file and columns:
    /// "AC-01, AC-02: title, frequency from mine.csv; description, owner kept".
    public func keptLines() -> [String] {
        var groups: [(key: [String], ids: [String], row: Row)] = []
        for row in rows where row.change == .changed && !row.kept.isEmpty {
            let key = [row.kind, row.file ?? ""] + row.fromFile + ["|"] + row.kept
            if let index = groups.firstIndex(where: { $0.key == key }) {
                groups[index].ids.append(row.id)
            } else {
                groups.append((key, [row.id], row))
            }
        }
        return groups.map { group in
            let shown = group.ids.count > 6 ? group.ids.prefix(5) + ["and \(group.ids.count - 5) more"] : group.ids[...]
            let from =
                group.row.fromFile.isEmpty
                ? "" : "\(group.row.fromFile.joined(separator: ", ")) from \(group.row.file ?? "the file"); "
            return "\(shown.joined(separator: ", ")): \(from)\(group.row.kept.joined(separator: ", ")) kept"
        }
    }

    /// Every change, per row and column, old → new: what `import --diff` prints.
    public func text(dryRun: Bool, width: Int = 72) -> String {
        var lines: [String] = []
        let verb = dryRun ? "would be " : ""
        for (kind, counts) in counts {
            var parts = ["\(counts.added) \(verb)added", "\(counts.changed) \(verb)changed"]
            if counts.removed > 0 { parts.append("\(counts.removed) \(verb)removed") }
            parts.append("\(counts.unchanged) unchanged")
            lines.append("\(kind): " + parts.joined(separator: ", "))
            for row in rows where row.kind == kind {
                switch row.change {
                case .added:
                    lines.append("  + \(row.id)")
                    for column in row.columns { lines.append("      \(column.column): \(Self.cut(column.new, width))") }
                case .changed:
                    lines.append("  ~ \(row.id)")
                    for column in row.columns {
                        lines.append(
                            "      \(column.column): \(Self.cut(column.old, width / 2)) → \(Self.cut(column.new, width / 2))"
                        )
                    }
                case .removed:
                    let title = row.columns.first.map { "  \(Self.cut($0.old, width))" } ?? ""
                    lines.append("  - \(row.id)\(title)\(row.reason.map { " (\($0))" } ?? "")")
                }
            }
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    static func cut(_ value: String?, _ width: Int) -> String {
        guard let value else { return "(empty)" }
        let flat = value.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > width ? String(flat.prefix(max(width - 1, 8))) + "…" : flat
    }

    /// The diff as a table, one changed column a row (a removed row: its title), for
    /// `import --format csv|md`.
    public var table: [[String]] {
        [["kind", "id", "change", "column", "old", "new", "file"]]
            + rows.flatMap { row in
                (row.columns.isEmpty ? [Column(column: "", old: nil, new: nil)] : row.columns).map { column in
                    [
                        row.kind, row.id, row.change.rawValue, column.column, column.old ?? "", column.new ?? "",
                        row.file ?? "",
                    ]
                }
            }
    }

    /// The diff as JSON (snake_case keys, rows in the diff's order, old and new values in full).
    public func json(dryRun: Bool) throws -> String {
        struct Kind: Encodable {
            var kind: String
            var added, changed, removed, unchanged: Int
        }
        struct Entry: Encodable {
            var kind, id, change: String
            var file: String?
            var columns: [Column]
            var fromFile: [String]
            var kept: [String]
            var reason: String?
            enum CodingKeys: String, CodingKey {
                case kind, id, change, file, columns
                case fromFile = "from_file"
                case kept, reason
            }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(kind, forKey: .kind)
                try container.encode(id, forKey: .id)
                try container.encode(change, forKey: .change)
                try container.encode(file, forKey: .file)
                try container.encode(columns, forKey: .columns)
                try container.encode(fromFile, forKey: .fromFile)
                try container.encode(kept, forKey: .kept)
                try container.encode(reason, forKey: .reason)
            }
        }
        struct Document: Encodable {
            var dryRun: Bool
            var nothingChanges: Bool
            var kinds: [Kind]
            var rows: [Entry]
            enum CodingKeys: String, CodingKey {
                case dryRun = "dry_run"
                case nothingChanges = "nothing_changes"
                case kinds, rows
            }
        }
        return try Render.json(
            Document(
                dryRun: dryRun, nothingChanges: isEmpty,
                kinds: counts.map {
                    Kind(
                        kind: $0.kind, added: $0.counts.added, changed: $0.counts.changed, removed: $0.counts.removed,
                        unchanged: $0.counts.unchanged)
                },
                rows: rows.map {
                    Entry(
                        kind: $0.kind, id: $0.id, change: $0.change.rawValue, file: $0.file, columns: $0.columns,
                        fromFile: $0.fromFile, kept: $0.kept, reason: $0.reason)
                }))
    }
}
