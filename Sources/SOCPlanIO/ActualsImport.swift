import SOCPlanCore

/// Reads a firm's past engagements for `socplan estimate calibrate` (docs/calibration.md).
///
/// One row per engagement: its name; its inventory, either as control counts (and soc1, soc2,
/// months) or as the path of a workspace file or inventory folder; and its actual auditor hours,
/// by phase (planning_hours, fieldwork_hours, reporting_hours) or in total (total_hours).
public enum ActualsImport {
    public static let schema = TableSchema(
        kind: "calibration actuals",
        fields: [
            FieldSpec("engagement", required: true, aliases: ["Engagement Name", "Name", "Client"]),
            FieldSpec("soc1", aliases: ["SOC 1", "SOC1 Type", "SOC 1 Type"]),
            FieldSpec("soc2", aliases: ["SOC 2", "SOC2 Type", "SOC 2 Type"]),
            FieldSpec("months", aliases: ["Period Months", "Period"]),
            FieldSpec("workspace", aliases: ["Inventory", "Workspace File", "Path"]),
            FieldSpec("shared", aliases: ["Shared Controls"]),
            FieldSpec("soc1_only", aliases: ["SOC 1 Only", "SOC1 Only Controls"]),
            FieldSpec("soc2_only", aliases: ["SOC 2 Only", "SOC2 Only Controls"]),
            FieldSpec("automated", aliases: ["Automated Controls"]),
            FieldSpec("reperformed", aliases: ["Reperformed Controls"]),
            FieldSpec("observed", aliases: ["Observed Controls"]),
            FieldSpec("planning_hours", aliases: ["Planning"]),
            FieldSpec("fieldwork_hours", aliases: ["Fieldwork"]),
            FieldSpec("reporting_hours", aliases: ["Reporting"]),
            FieldSpec("total_hours", aliases: ["Total", "Actual Hours", "Hours"]),
        ])

    static let countFields = ["shared", "soc1_only", "soc2_only", "automated", "reperformed", "observed"]
    static let phaseFields = ["planning_hours", "fieldwork_hours", "reporting_hours"]

    /// The first day of a synthetic engagement's period (its dates change nothing but the calendar).
    static let syntheticStart = Day(year: 2025, month: 1, day: 1)!

    /// The workspace and engagement at a path given in the file, or why there is none.
    public typealias Opener = (_ path: String, _ engagement: String) -> Result<(Workspace, Engagement), OpenProblem>

    /// Why a workspace path in the file gives no inventory, in the words of the person reading it.
    public struct OpenProblem: Error, Sendable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    /// The cases in `bytes`, or nil with every problem (file, line, column, hint) when any row is wrong.
    public static func read(file: String, bytes: [UInt8], open: Opener) -> ([CalibrationCase]?, [Diagnostic]) {
        let (table, mapped) = TableReader.map(
            TableReader.parse(file: file, bytes: bytes, skippingCommentLines: true), schema: schema)
        var diagnostics = mapped
        var cases: [CalibrationCase] = []
        var firstLine: [String: Int] = [:]
        for row in table.rows {
            var decoder = RowDecoder(file: file, row: row)
            defer { diagnostics += decoder.diagnostics }
            guard let name = decoder.required("engagement") else { continue }
            if let first = firstLine[name] {
                decoder.report(
                    "duplicate-id", "engagement \(name) is given twice", hint: "the first is on line \(first)",
                    at: row["engagement"], subject: name)
                continue
            }
            firstLine[name] = row.line
            let actual = hours(&decoder)
            let inventory = self.inventory(&decoder, name: name, open: open)
            guard let actual, let (workspace, engagement) = inventory else { continue }
            cases.append(CalibrationCase(name: name, workspace: workspace, engagement: engagement, actual: actual))
        }
        if table.rows.isEmpty && !diagnostics.hasErrors {
            diagnostics.append(
                Diagnostic(
                    .error, "empty-file", "the file has a header but no engagement",
                    hint: "add a row per past engagement (docs/calibration.md shows the columns)", file: file,
                    line: 1, column: 1))
        }
        return (diagnostics.hasErrors ? nil : cases, diagnostics)
    }

    /// The actual hours: every phase, or the total (or both when they agree).
    static func hours(_ decoder: inout RowDecoder) -> ActualHours? {
        var ok = true
        func number(_ field: String) -> Double? {
            guard let cell = decoder.row[field], !cell.value.isEmpty else { return nil }
            let text = cell.value.filter { $0 != "," && $0 != " " && $0 != "_" }
            guard let value = Double(text), value.isFinite, value >= 0 else {
                decoder.report(
                    "invalid-number", "\(field) \"\(cell.value)\" is not a number of hours",
                    hint: "write hours as a plain number such as 412.5", at: cell)
                ok = false
                return nil
            }
            return value
        }
        let phases = phaseFields.map(number)
        let total = number("total_hours")
        guard ok else { return nil }
        let given = phases.compactMap { $0 }
        if given.count == 3 {
            let sum = given.reduce(0, +)
            if let total, abs(total - sum) > 0.5 {
                decoder.report(
                    "inconsistent-hours",
                    "total_hours \(PlanRender.number(total)) is not planning + fieldwork + reporting (\(PlanRender.number(sum)))",
                    hint: "correct one of them, or leave total_hours empty", at: decoder.row["total_hours"])
                return nil
            }
            guard sum > 0 else {
                decoder.report(
                    "invalid-number", "the engagement took 0 hours", hint: "give the hours the audit actually took",
                    at: decoder.row["planning_hours"])
                return nil
            }
            return .phases(planning: given[0], fieldwork: given[1], reporting: given[2])
        }
        if !given.isEmpty {
            let missing = zip(phaseFields, phases).filter { $0.1 == nil }.map(\.0)
            decoder.report(
                "missing-hours", "\(missing.joined(separator: " and ")) \(missing.count == 1 ? "is" : "are") empty",
                hint: "give all three phases, or only total_hours",
                at: decoder.row[missing[0]] ?? decoder.row["total_hours"])
            return nil
        }
        guard let total else {
            decoder.report(
                "missing-hours", "no actual hours",
                hint: "give planning_hours, fieldwork_hours and reporting_hours, or total_hours",
                at: decoder.row["total_hours"] ?? decoder.row["planning_hours"])
            return nil
        }
        guard total > 0 else {
            decoder.report(
                "invalid-number", "the engagement took 0 hours", hint: "give the hours the audit actually took",
                at: decoder.row["total_hours"])
            return nil
        }
        return .total(total)
    }

    /// The engagement's inventory and scope: opened from the workspace path, or built from the counts.
    static func inventory(_ decoder: inout RowDecoder, name: String, open: Opener) -> (Workspace, Engagement)? {
        let counted = countFields.filter { !(decoder.text($0) ?? "").isEmpty }
        if let path = decoder.text("workspace"), !path.isEmpty {
            if let first = counted.first {
                decoder.report(
                    "counts-and-workspace", "both a workspace and control counts",
                    hint: "give either the counts or the workspace; the workspace's inventory is used as it is",
                    at: decoder.row[first])
                return nil
            }
            for field in ["soc1", "soc2", "months"] where !(decoder.text(field) ?? "").isEmpty {
                decoder.report(
                    "ignored-cell", "\(field) is ignored: the engagement's scope comes from the workspace",
                    at: decoder.row[field], severity: .warning)
            }
            switch open(path, name) {
            case .success(let found): return found
            case .failure(let problem):
                decoder.report(
                    "unreadable-workspace", problem.message, hint: "a path relative to this file, or absolute",
                    at: decoder.row["workspace"])
                return nil
            }
        }
        var counts = CalibrationCase.Counts()
        var ok = true
        let paths: [(String, WritableKeyPath<CalibrationCase.Counts, Int>)] = [
            ("shared", \.shared), ("soc1_only", \.soc1Only), ("soc2_only", \.soc2Only), ("automated", \.automated),
            ("reperformed", \.reperformed), ("observed", \.observed),
        ]
        for (field, path) in paths {
            let before = decoder.diagnostics.count
            if let value = decoder.count(field) { counts[keyPath: path] = value }
            if decoder.diagnostics.count > before { ok = false }
        }
        let soc1 = decoder.choice("soc1", ReportType.self) ?? .none
        let soc2 = decoder.choice("soc2", ReportType.self) ?? .none
        var months = 12
        if let text = decoder.text("months"), !text.isEmpty {
            if let value = Int(text), (1...12).contains(value) {
                months = value
            } else {
                decoder.report(
                    "invalid-number", "months \"\(text)\" is not a period length",
                    hint: "a Type 2 period runs 1 to 12 months", at: decoder.row["months"])
                ok = false
            }
        }
        guard ok, decoder.diagnostics.allSatisfy({ $0.severity != .error }) else { return nil }
        if counts.total == 0 {
            decoder.report(
                "missing-inventory", "no controls: neither counts nor a workspace",
                hint: "give shared, soc1_only, soc2_only and automated counts, or a workspace path",
                at: decoder.row["shared"] ?? decoder.row["workspace"] ?? decoder.row["engagement"])
            return nil
        }
        if soc1 == .none && soc2 == .none {
            decoder.report(
                "no-report", "engagement \(name) issues neither a SOC 1 nor a SOC 2",
                hint: "write type1 or type2 in soc1 or soc2", at: decoder.row["soc1"] ?? decoder.row["engagement"])
            return nil
        }
        if counts.reperformed + counts.observed > counts.manual {
            decoder.report(
                "invalid-number",
                "\(counts.reperformed) re-performed and \(counts.observed) observed of \(counts.manual) manual controls",
                hint: "reperformed and observed count manual controls (shared, soc1_only, soc2_only)",
                at: decoder.row["reperformed"] ?? decoder.row["observed"])
            return nil
        }
        let end = syntheticStart.adding(months: months).adding(days: -1)
        func scope(_ type: ReportType) -> ReportScope {
            switch type {
            case .none: return .none
            case .type1: return .type1(asOf: end)
            case .type2: return .type2(Period(start: syntheticStart, end: end))
            }
        }
        return (
            CalibrationCase.synthetic(counts),
            Engagement(name: name, soc1: scope(soc1), soc2: scope(soc2))
        )
    }

    /// The fitted model as an effort-model file of one profile (`parameter,profile,low,base,high,source`):
    /// each fitted rate at its fitted value, its low and high ends scaled by the starting profile's
    /// ratios; every other parameter as the starting profile has it.
    public static func effortModel(
        _ start: EffortModel, with values: [EffortModel.Parameter: Double], engagements: Int
    ) -> String {
        var rows = [["parameter", "profile", "low", "base", "high", "source"]]
        let name = start.name == "custom" ? "calibrated" : "\(start.name)-calibrated"
        for parameter in EffortModel.Parameter.allCases {
            let base = start[parameter]
            let fitted = values[parameter] ?? base
            func scaled(_ end: Double?) -> Double {
                guard let end, base > 0 else { return fitted }
                return fitted * end / base
            }
            let source =
                values[parameter] == nil
                ? "kept from the \(start.name) profile"
                : "fitted by socplan estimate calibrate to \(engagements) engagement(s), from \(format(base))"
            rows.append([
                parameter.rawValue, name, format(scaled(start.low[parameter])), format(fitted),
                format(scaled(start.high[parameter])), source,
            ])
        }
        return CSVWriter(lineEnding: .lf, neutraliseFormulas: false).write(rows)
    }

    /// A rate as the model file writes it: up to 3 decimals, no trailing zeros.
    public static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
