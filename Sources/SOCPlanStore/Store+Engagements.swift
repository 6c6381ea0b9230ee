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
            "soc2_interim_cutoff", "soc2_fieldwork", "soc2_report_date", "effort_profile",
        ]
        let values: [(any DatabaseValueConvertible)?] =
            [
                engagement.name, soc1.0, soc1.1, soc1.2, soc2.0, soc2.1, soc2.2,
                joined(engagement.orderedCategories.map(\.rawValue)),
            ] + calendar(engagement.soc1Calendar) + calendar(engagement.soc2Calendar) + [engagement.effortProfile]
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
        // Assessments travel with the value (a renamed or copied engagement keeps them); an
        // engagement read from a file without them keeps the stored ones.
        try upsert(Array(engagement.riskAssessments.values), engagement: engagement.name, in: db)
    }

    /// Sets the auditor's risk of each control in `assessments` (replacing an earlier assessment of
    /// the same control), in one transaction.
    public func saveRiskAssessments(_ assessments: [RiskAssessment], engagement: String) throws {
        try write { db in try Self.upsert(assessments, engagement: engagement, in: db) }
    }

    /// Sets `assessments` and removes the assessments of `removing`, in one transaction.
    public func replaceRiskAssessments(_ assessments: [RiskAssessment], removing: [ControlID], engagement: String)
        throws
    {
        try write { db in
            for id in removing {
                try db.execute(
                    sql: "DELETE FROM engagement_risk WHERE engagement_name = ? AND control_id = ?",
                    arguments: [engagement, id.rawValue])
            }
            try Self.upsert(assessments, engagement: engagement, in: db)
        }
    }

    /// Removes the auditor's assessments of `controls` (nil: all of them) in one engagement; the
    /// controls follow the client's risk label again. Returns how many were removed.
    @discardableResult
    public func clearRiskAssessments(engagement: String, controls: [ControlID]? = nil) throws -> Int {
        try write { db in
            guard let controls else {
                try db.execute(sql: "DELETE FROM engagement_risk WHERE engagement_name = ?", arguments: [engagement])
                return db.changesCount
            }
            var removed = 0
            for id in controls {
                try db.execute(
                    sql: "DELETE FROM engagement_risk WHERE engagement_name = ? AND control_id = ?",
                    arguments: [engagement, id.rawValue])
                removed += db.changesCount
            }
            return removed
        }
    }

    private static func upsert(_ assessments: [RiskAssessment], engagement: String, in db: Database) throws {
        guard !assessments.isEmpty else { return }
        let statement = try db.makeStatement(
            sql: """
                INSERT INTO engagement_risk (engagement_name, control_id, risk, factors, note) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(engagement_name, control_id) DO UPDATE SET
                    risk = excluded.risk, factors = excluded.factors, note = excluded.note
                """)
        for assessment in assessments.sorted(by: { $0.control < $1.control }) {
            try statement.execute(arguments: [
                engagement, assessment.control.rawValue, assessment.risk.rawValue,
                joined(assessment.factors.map(\.rawValue)), assessment.note,
            ])
        }
    }

    /// Every engagement's risk assessments; a value the code does not know is added to `problems`.
    private static func riskAssessments(_ db: Database, problems: inout [String]) throws -> [String: [ControlID:
        RiskAssessment]]
    {
        var found: [String: [ControlID: RiskAssessment]] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT engagement_name, control_id, risk, factors, note FROM engagement_risk")
        while let row = try rows.next() {
            let (name, id): (String, String) = (row[0], row[1])
            func report(_ column: String, _ problem: String) {
                problems.append("table engagement_risk, row \(name)/\(id), column \(column): \(problem)")
            }
            let riskText = String.fromDatabaseValue(row[2]) ?? ""
            guard let risk = Risk(rawValue: riskText) else {
                report("risk", "\"\(riskText)\" is not a risk (allowed: \(Risk.allowedList))")
                continue
            }
            var factors: [RiskAssessment.Factor] = []
            for item in list(String.fromDatabaseValue(row[3]) ?? "") {
                guard let factor = RiskAssessment.Factor(rawValue: item) else {
                    report(
                        "factors", "\"\(item)\" is not a risk factor (allowed: \(RiskAssessment.Factor.allowedList))")
                    continue
                }
                factors.append(factor)
            }
            let control = ControlID(id)
            found[name, default: [:]][control] = RiskAssessment(
                control: control, risk: risk, factors: factors, note: String.fromDatabaseValue(row[4]) ?? "")
        }
        return found
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
        let assessments = try riskAssessments(db, problems: &problems)
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
            let profile = String.fromDatabaseValue(row["effort_profile"])
            if let profile, !EffortModel.profiles.contains(profile) {
                report(
                    "effort_profile",
                    "\"\(profile)\" is not an effort profile (allowed: \(EffortModel.profiles.joined(separator: ", ")))"
                )
            }
            return Engagement(
                name: name, soc1: scope("soc1"), soc2: scope("soc2"), categories: categories,
                objectives: scopes[name], soc1Calendar: calendar("soc1"),
                soc2Calendar: calendar("soc2"), riskAssessments: assessments[name] ?? [:],
                effortProfile: profile)
        }
    }
}
