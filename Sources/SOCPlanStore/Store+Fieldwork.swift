import GRDB
import SOCPlanCore

/// Fieldwork records: populations, selections and results, per engagement. Every write is one
/// transaction; replaced populations and selections stay, marked not current, as history.
extension Store {
    /// Everything recorded for `engagement`, history included.
    public func fieldwork(engagement: String) throws -> Fieldwork {
        try read { db in
            var fieldwork = Fieldwork()
            // Thousands of rows (every line of every population file): read through the C
            // interface in the primary key's order, each population's rows gathered while its id
            // repeats and then put in the order of their lines (SQLite's sort of every row
            // through a temporary B-tree cost more than the rest of the read).
            var items: [Int: [PopulationRow]] = [:]
            var current: (id: Int, rows: [PopulationRow]) = (0, [])
            func flush() {
                guard !current.rows.isEmpty else { return }
                current.rows.sort { $0.line < $1.line }
                // Handed over, not copied (a population's rows come in one run of its id).
                if items[current.id] == nil {
                    items[current.id] = current.rows
                    current.rows = []
                } else {
                    items[current.id, default: []].append(contentsOf: current.rows)
                    current.rows.removeAll()
                }
            }
            try Self.eachRow(
                db,
                sql: """
                    SELECT population_id, line, key, date FROM population_item
                    WHERE population_id IN (SELECT id FROM population WHERE engagement = ?) ORDER BY population_id
                    """, arguments: [engagement]
            ) { row in
                guard let date = row.day(3) else { return }
                let id = row.int(0)
                if id != current.id {
                    flush()
                    current.id = id
                }
                current.rows.append(PopulationRow(key: row.string(2), date: date, line: row.int(1)))
            }
            flush()
            for row in try Row.fetchAll(
                db, sql: "SELECT * FROM population WHERE engagement = ? ORDER BY id", arguments: [engagement])
            {
                guard let start = Day(row["window_start"] as String), let end = Day(row["window_end"] as String)
                else { continue }
                let id: Int = row["id"]
                fieldwork.populations.append(
                    Population(
                        id: id, engagement: row["engagement"], requestID: row["request_id"],
                        evidence: EvidenceID(row["evidence_id"] as String), part: row["part"],
                        window: Period(start: start, end: end), file: row["file"], sha256: row["sha256"],
                        rowCount: row["row_count"], keyColumn: row["key_column"], dateColumn: row["date_column"],
                        controlTotal: row["control_total"], addedBy: row["added_by"], addedAt: row["added_at"],
                        current: row["current"], rows: items[id] ?? []))
            }
            var selected: [Int: [SelectedItem]] = [:]
            try Self.eachRow(
                db,
                sql: """
                    SELECT i.selection_id, i.key, i.date, i.reports, i.extension FROM selection_item i
                    JOIN selection s ON s.id = i.selection_id WHERE s.engagement = ? ORDER BY i.selection_id, i.position
                    """, arguments: [engagement]
            ) { row in
                guard let date = Day(row.string(2)) else { return }
                selected[row.int(0), default: []].append(
                    SelectedItem(
                        key: row.string(1), date: date,
                        reports: Store.list(row.string(3)).compactMap { ReportKind(rawValue: $0) }.sorted(),
                        isExtension: row.bool(4)))
            }
            for row in try Row.fetchAll(
                db, sql: "SELECT * FROM selection WHERE engagement = ? ORDER BY id", arguments: [engagement])
            {
                guard let start = Day(row["window_start"] as String), let end = Day(row["window_end"] as String),
                    let method = SelectionMethod(rawValue: row["method"]),
                    let base = UInt64(row["base_seed"] as String), let seed = UInt64(row["seed"] as String)
                else { continue }
                let id: Int = row["id"]
                fieldwork.selections.append(
                    Selection(
                        id: id, engagement: row["engagement"], control: ControlID(row["control_id"] as String),
                        fieldwork: row["fieldwork"], window: Period(start: start, end: end), source: row["source"],
                        stratum: row["stratum"], method: method, planned: row["planned"],
                        populationSize: row["population_size"], populationSHA256: row["population_sha256"],
                        baseSeed: base, seed: seed, algorithm: row["algorithm"], items: selected[id] ?? [],
                        selectedBy: row["selected_by"], selectedAt: row["selected_at"], current: row["current"]))
            }
            // A result per tested item: hundreds of rows, read by position through the C interface.
            try Self.eachRow(
                db,
                sql: """
                    SELECT control_id, key, attribute, outcome, description FROM item_result
                    WHERE engagement = ? ORDER BY control_id, key, attribute
                    """, arguments: [engagement]
            ) { row in
                guard let outcome = ItemOutcome(rawValue: row.string(3)) else { return }
                fieldwork.results.append(
                    ItemResult(
                        control: ControlID(row.string(0)), key: row.string(1), attribute: row.string(2),
                        outcome: outcome, description: row.string(4)))
            }
            for row in try Row.fetchAll(
                db, sql: "SELECT * FROM control_conclusion WHERE engagement = ? ORDER BY control_id",
                arguments: [engagement])
            {
                fieldwork.conclusions.append(
                    ControlConclusion(
                        control: ControlID(row["control_id"] as String),
                        conclusion: (row["conclusion"] as String?).flatMap(Conclusion.init(rawValue:)),
                        managementResponse: row["management_response"]))
            }
            fieldwork.results.sort { ($0.control, $0.key, $0.attribute) < ($1.control, $1.key, $1.attribute) }
            fieldwork.conclusions.sort { $0.control < $1.control }
            return fieldwork
        }
    }

    /// Stores a population; the current one of the same request (evidence and days) becomes history.
    /// Returns its id.
    @discardableResult
    public func add(_ population: Population) throws -> Int {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE population SET current = 0
                    WHERE engagement = ? AND evidence_id = ? AND window_start = ? AND window_end = ?
                    """,
                arguments: [
                    population.engagement, population.evidence.rawValue, population.window.start.description,
                    population.window.end.description,
                ])
            try db.execute(
                sql: """
                    INSERT INTO population (engagement, request_id, evidence_id, part, window_start, window_end, file,
                        sha256, row_count, key_column, date_column, control_total, added_by, added_at, current)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                    """,
                arguments: [
                    population.engagement, population.requestID, population.evidence.rawValue, population.part,
                    population.window.start.description, population.window.end.description, population.file,
                    population.sha256, population.rowCount, population.keyColumn, population.dateColumn,
                    population.controlTotal, population.addedBy, population.addedAt,
                ])
            let id = Int(db.lastInsertedRowID)
            let insert = try db.makeStatement(
                sql: "INSERT INTO population_item (population_id, line, key, date) VALUES (?, ?, ?, ?)")
            for row in population.rows {
                try insert.execute(arguments: [id, row.line, row.key, row.date.description])
            }
            return id
        }
    }

    /// Stores new selections and marks the ones they replace as history, in one transaction.
    /// Returns the new ids, in order.
    @discardableResult
    public func record(selections: [Selection], superseding: [Int]) throws -> [Int] {
        try write { db in
            for id in superseding {
                try db.execute(sql: "UPDATE selection SET current = 0 WHERE id = ?", arguments: [id])
            }
            var ids: [Int] = []
            let item = try db.makeStatement(
                sql:
                    "INSERT INTO selection_item (selection_id, position, key, date, reports, extension) VALUES (?, ?, ?, ?, ?, ?)"
            )
            for selection in selections {
                try db.execute(
                    sql: """
                        INSERT INTO selection (engagement, control_id, fieldwork, window_start, window_end, source,
                            stratum, method, planned, population_size, population_sha256, base_seed, seed, algorithm,
                            selected_by, selected_at, current)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                        """,
                    arguments: [
                        selection.engagement, selection.control.rawValue, selection.fieldwork,
                        selection.window.start.description, selection.window.end.description, selection.source,
                        selection.stratum, selection.method.rawValue, selection.planned, selection.populationSize,
                        selection.populationSHA256, String(selection.baseSeed), String(selection.seed),
                        selection.algorithm, selection.selectedBy, selection.selectedAt,
                    ])
                let id = Int(db.lastInsertedRowID)
                ids.append(id)
                for (position, entry) in selection.items.enumerated() {
                    try item.execute(arguments: [
                        id, position, entry.key, entry.date.description,
                        Store.joined(entry.reports.map(\.rawValue)), entry.isExtension,
                    ])
                }
            }
            return ids
        }
    }

    /// Appends extension items to a stored selection.
    public func extend(selection id: Int, with items: [SelectedItem]) throws {
        try write { db in
            let start =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM selection_item WHERE selection_id = ?", arguments: [id]) ?? 0
            for (offset, entry) in items.enumerated() {
                try db.execute(
                    sql:
                        "INSERT INTO selection_item (selection_id, position, key, date, reports, extension) VALUES (?, ?, ?, ?, ?, 1)",
                    arguments: [
                        id, start + offset, entry.key, entry.date.description,
                        Store.joined(entry.reports.map(\.rawValue)),
                    ])
            }
        }
    }

    /// Upserts item results and control conclusions for `engagement` in one transaction.
    public func record(results: [ItemResult], conclusions: [ControlConclusion], engagement: String) throws {
        try write { db in
            for result in results {
                try db.execute(
                    sql: """
                        INSERT INTO item_result (engagement, control_id, key, attribute, outcome, description)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT(engagement, control_id, key, attribute)
                        DO UPDATE SET outcome = excluded.outcome, description = excluded.description
                        """,
                    arguments: [
                        engagement, result.control.rawValue, result.key, result.attribute, result.outcome.rawValue,
                        result.description,
                    ])
            }
            for conclusion in conclusions {
                try db.execute(
                    sql: """
                        INSERT INTO control_conclusion (engagement, control_id, conclusion, management_response)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT(engagement, control_id)
                        DO UPDATE SET conclusion = COALESCE(excluded.conclusion, conclusion),
                            management_response = CASE WHEN excluded.management_response = ''
                                THEN management_response ELSE excluded.management_response END
                        """,
                    arguments: [
                        engagement, conclusion.control.rawValue, conclusion.conclusion?.rawValue,
                        conclusion.managementResponse,
                    ])
            }
        }
    }
}
