import GRDB
import SOCPlanCore

/// Engagements: one row each, their SOC 1 scope in `engagement_objective` (no rows: every objective).
/// A Type 1 keeps its as-of date in `*_end` and leaves `*_start` empty.
extension Store {
    /// Inserts or replaces an engagement by name; `renaming` removes the old name in the same transaction.
    public func save(_ engagement: Engagement, replacing previousName: String? = nil) throws {
        try write { db in
            if let previousName, previousName != engagement.name {
                try db.execute(sql: "DELETE FROM engagement WHERE name = ?", arguments: [previousName])
                try Self.moveTracker(from: previousName, to: engagement.name, in: db)
            }
            try Self.save(engagement, in: db)
        }
    }

    static func save(_ engagement: Engagement, in db: Database) throws {
        func columns(_ scope: ReportScope) -> (String, String?, String?) {
            switch scope {
            case .none: return ("none", nil, nil)
            case .type1(let day): return ("type1", nil, day.description)
            case .type2(let period): return ("type2", period.start.description, period.end.description)
            }
        }
        func calendar(_ settings: CalendarSettings) -> [(any DatabaseValueConvertible)?] {
            [
                settings.interim.text, settings.interimCutoff?.description,
                settings.fieldworkText.isEmpty ? nil : settings.fieldworkText, settings.reportDate?.description,
            ]
        }
        let soc1 = columns(engagement.soc1)
        let soc2 = columns(engagement.soc2)
        let columns = [
            "name", "soc1_type", "soc1_start", "soc1_end", "soc2_type", "soc2_start", "soc2_end", "categories",
            "soc1_interim", "soc1_interim_cutoff", "soc1_fieldwork", "soc1_report_date", "soc2_interim",
            "soc2_interim_cutoff", "soc2_fieldwork", "soc2_report_date",
        ]
        let values: [(any DatabaseValueConvertible)?] =
            [
                engagement.name, soc1.0, soc1.1, soc1.2, soc2.0, soc2.1, soc2.2,
                joined(engagement.orderedCategories.map(\.rawValue)),
            ] + calendar(engagement.soc1Calendar) + calendar(engagement.soc2Calendar)
        try db.execute(
            sql: """
                INSERT INTO engagement (\(columns.joined(separator: ", ")))
                VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
                ON CONFLICT(name) DO UPDATE SET \(columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
                """,
            arguments: StatementArguments(values))
        try db.execute(sql: "DELETE FROM engagement_objective WHERE engagement_name = ?", arguments: [engagement.name])
        for (position, id) in (engagement.objectives ?? []).enumerated() {
            try db.execute(
                sql: "INSERT INTO engagement_objective VALUES (?, ?, ?)",
                arguments: [engagement.name, id.rawValue, position])
        }
    }

    /// Deletes an engagement; false when there was none by that name.
    public func deleteEngagement(named name: String) throws -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM engagement WHERE name = ?", arguments: [name])
            let deleted = db.changesCount > 0
            try Self.deleteTracker(of: name, in: db)
            return deleted
        }
    }

    /// Every engagement, by name; a value the code does not know is added to `problems`, never
    /// read as "no report" or "no date".
    static func engagements(_ db: Database, problems: inout [String]) throws -> [Engagement] {
        var scopes: [String: [ObjectiveID]] = [:]
        let links = try Row.fetchCursor(
            db, sql: "SELECT engagement_name, objective_id FROM engagement_objective ORDER BY engagement_name, position"
        )
        while let link = try links.next() { scopes[link[0], default: []].append(ObjectiveID(link[1] as String)) }
        return try Row.fetchAll(db, sql: "SELECT * FROM engagement ORDER BY name").map { row in
            let name: String = row["name"]
            func report(_ column: String, _ problem: String) {
                problems.append("table engagement, row \(name), column \(column): \(problem)")
            }
            /// A date column: nil when NULL (or empty and `optional`), reported when it is no date.
            func day(_ column: String) -> Day? {
                let value: DatabaseValue = row[column]
                guard let text = String.fromDatabaseValue(value), !text.isEmpty else {
                    if !value.isNull { report(column, "\(Constraints.shown(value)) is not a date (YYYY-MM-DD)") }
                    return nil
                }
                guard let day = Day(text) else {
                    report(column, "\"\(text)\" is not a date (YYYY-MM-DD)")
                    return nil
                }
                return day
            }
            func scope(_ prefix: String) -> ReportScope {
                let type = String.fromDatabaseValue(row["\(prefix)_type"]) ?? ""
                switch type {
                case "none": return .none
                case "type1":
                    guard let day = day("\(prefix)_end") else {
                        report("\(prefix)_end", "a Type 1 needs its as-of date here")
                        return .none
                    }
                    return .type1(asOf: day)
                case "type2":
                    let (start, end) = (day("\(prefix)_start"), day("\(prefix)_end"))
                    guard let start, let end else {
                        report("\(prefix)_start", "a Type 2 needs its period in \(prefix)_start and \(prefix)_end")
                        return .none
                    }
                    return .type2(Period(start: start, end: end))
                default:
                    report("\(prefix)_type", "\"\(type)\" is not a report type (allowed: \(ReportType.allowedList))")
                    return .none
                }
            }
            func calendar(_ prefix: String) -> CalendarSettings {
                let interimText = String.fromDatabaseValue(row["\(prefix)_interim"]) ?? ""
                let interim = CalendarSettings.Interim(text: interimText)
                if interim == nil {
                    report("\(prefix)_interim", "\"\(interimText)\" is neither a period (START..END), none nor empty")
                }
                var settings = CalendarSettings(
                    interim: interim ?? .automatic, interimCutoff: day("\(prefix)_interim_cutoff"),
                    reportDate: day("\(prefix)_report_date"))
                let fieldwork = String.fromDatabaseValue(row["\(prefix)_fieldwork"]) ?? ""
                if !settings.setFieldwork(fieldwork) {
                    report("\(prefix)_fieldwork", "\"\(fieldwork)\" is neither a date nor a period")
                }
                return settings
            }
            var categories: Set<TSCCategory> = []
            for item in list(String.fromDatabaseValue(row["categories"]) ?? "") {
                guard let category = TSCCategory(rawValue: item) else {
                    report("categories", "\"\(item)\" is not a SOC 2 category (allowed: \(TSCCategory.allowedList))")
                    continue
                }
                categories.insert(category)
            }
            return Engagement(
                name: name, soc1: scope("soc1"), soc2: scope("soc2"), categories: categories,
                objectives: scopes[name], soc1Calendar: calendar("soc1"),
                soc2Calendar: calendar("soc2"))
        }
    }
}
