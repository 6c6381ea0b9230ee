import GRDB
import SOCPlanCore

/// Engagements: one row each. A Type 1 keeps its as-of date in `*_end` and leaves `*_start` empty.
extension Store {
    /// Inserts or replaces an engagement by name; `renaming` removes the old name in the same transaction.
    public func save(_ engagement: Engagement, replacing previousName: String? = nil) throws {
        try write { db in
            if let previousName, previousName != engagement.name {
                try db.execute(sql: "DELETE FROM engagement WHERE name = ?", arguments: [previousName])
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
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO engagement (name, soc1_type, soc1_start, soc1_end, soc2_type, soc2_start, soc2_end,
                    categories, objectives, soc1_interim, soc1_interim_cutoff, soc1_fieldwork, soc1_report_date,
                    soc2_interim, soc2_interim_cutoff, soc2_fieldwork, soc2_report_date)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: StatementArguments(
                [
                    engagement.name, soc1.0, soc1.1, soc1.2, soc2.0, soc2.1, soc2.2,
                    joined(engagement.orderedCategories.map(\.rawValue)),
                    engagement.objectives.map { joined($0.map(\.rawValue)) },
                ] + calendar(engagement.soc1Calendar) + calendar(engagement.soc2Calendar)))
    }

    /// Deletes an engagement; false when there was none by that name.
    public func deleteEngagement(named name: String) throws -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM engagement WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    static func engagements(_ db: Database) throws -> [Engagement] {
        try Row.fetchAll(db, sql: "SELECT * FROM engagement ORDER BY name").map { row in
            func scope(_ prefix: String) -> ReportScope {
                let type: String = row["\(prefix)_type"]
                let start = (row["\(prefix)_start"] as String?).flatMap { Day($0) }
                let end = (row["\(prefix)_end"] as String?).flatMap { Day($0) }
                switch (type, start, end) {
                case ("type1", _, let day?): return .type1(asOf: day)
                case ("type2", let start?, let end?): return .type2(Period(start: start, end: end))
                default: return .none
                }
            }
            func calendar(_ prefix: String) -> CalendarSettings {
                var settings = CalendarSettings(
                    interim: CalendarSettings.Interim(text: row["\(prefix)_interim"] ?? "") ?? .automatic,
                    interimCutoff: (row["\(prefix)_interim_cutoff"] as String?).flatMap { Day($0) },
                    reportDate: (row["\(prefix)_report_date"] as String?).flatMap { Day($0) })
                _ = settings.setFieldwork(row["\(prefix)_fieldwork"] ?? "")
                return settings
            }
            let categories: String = row["categories"]
            let objectives: String? = row["objectives"]
            return Engagement(
                name: row["name"], soc1: scope("soc1"), soc2: scope("soc2"),
                categories: Set(list(categories).compactMap { TSCCategory(rawValue: $0) }),
                objectives: objectives.map { list($0).map { ObjectiveID($0) } }, soc1Calendar: calendar("soc1"),
                soc2Calendar: calendar("soc2"))
        }
    }
}
