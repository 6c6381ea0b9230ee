import SOCPlanCore

/// Reads the sample-size table and the effort model, from `Catalogs/` or a firm's own file.
///
/// Every problem is reported with file, line and column; a file with any error yields nil.
public enum ParameterLoader {
    static let sampleSchema = TableSchema(
        kind: "sample-sizes",
        fields: [
            FieldSpec("rule", required: true, aliases: ["Frequency"]), FieldSpec("population_min"),
            FieldSpec("population_max"), FieldSpec("occurrences_per_year"),
            FieldSpec("lower_risk", required: true, aliases: ["Lower Risk", "Low"]),
            FieldSpec("higher_risk", required: true, aliases: ["Higher Risk", "High"]), FieldSpec("description"),
        ])

    static let effortSchema = TableSchema(
        kind: "effort-model",
        fields: [
            FieldSpec("parameter", required: true), FieldSpec("profile"),
            FieldSpec("value", required: true, aliases: ["base"]), FieldSpec("low"), FieldSpec("high"),
            FieldSpec("unit"), FieldSpec("source"), FieldSpec("description"),
        ])

    /// The built-in sample-size table.
    public static func builtInSampleTable() throws(CatalogError) -> SampleTable {
        let (table, diagnostics) = sampleTable(file: "Catalogs/sample-sizes.csv", bytes: embedded("sample-sizes.csv"))
        guard let table else { throw CatalogError(diagnostics: diagnostics) }
        return table
    }

    /// The built-in effort model's default profile (mid-tier).
    public static func builtInEffortModel() throws(CatalogError) -> EffortModel {
        guard let model = try builtInEffortProfiles().model(named: nil) else {
            throw CatalogError(diagnostics: [])
        }
        return model
    }

    /// The built-in effort profiles: boutique, mid-tier, big-four.
    public static func builtInEffortProfiles() throws(CatalogError) -> EffortProfiles {
        let (profiles, diagnostics) = effortProfiles(
            file: "Catalogs/effort-model.csv", bytes: embedded("effort-model.csv"))
        guard let profiles else { throw CatalogError(diagnostics: diagnostics) }
        return profiles
    }

    static func embedded(_ name: String) -> [UInt8] { Array(builtInText(name).utf8) }

    /// A built-in catalog file's text, e.g. "sample-sizes.csv".
    public static func builtInText(_ name: String) -> String { EmbeddedFiles.catalogs[name] ?? "" }

    public static func sampleTable(file: String, bytes: [UInt8]) -> (SampleTable?, [Diagnostic]) {
        let (table, mapped) = TableReader.map(TableReader.parse(file: file, bytes: bytes), schema: sampleSchema)
        var diagnostics = mapped
        var frequencies: [Frequency: SampleTable.Entry] = [:]
        var automated: (Int, Int)?
        var bands: [(band: SampleTable.Band, line: Int)] = []
        var firstLine: [String: Int] = [:]
        for row in table.rows {
            var decoder = RowDecoder(file: file, row: row)
            defer { diagnostics += decoder.diagnostics }
            guard let rule = decoder.required("rule") else { continue }
            let frequency = Frequency(spelling: rule)
            guard frequency != nil || Spelling.key(rule) == "automated" else {
                decoder.report(
                    "unknown-value", "unknown rule \"\(rule)\"",
                    hint: "a rule is a frequency (\(Frequency.allowedList)) or automated", at: row["rule"])
                continue
            }
            let lower = size(&decoder, "lower_risk")
            let higher = size(&decoder, "higher_risk")
            if frequency == .eventDriven {
                guard let minimum = decoder.count("population_min") else {
                    decoder.report(
                        "empty-cell", "an event-driven band needs population_min", hint: "e.g. 1, 6, 51, 251",
                        at: row["population_min"])
                    continue
                }
                let maximum = decoder.count("population_max")
                guard let lower, let higher else { continue }
                bands.append(
                    (
                        SampleTable.Band(minimum: minimum, maximum: maximum, lowerRisk: lower, higherRisk: higher),
                        row.line
                    ))
                continue
            }
            let key = frequency?.rawValue ?? "automated"
            if let first = firstLine[key] {
                decoder.report(
                    "duplicate-id", "a second row for \(key)", hint: "the first is on line \(first)", at: row["rule"])
                continue
            }
            firstLine[key] = row.line
            guard case .items(let low)? = lower, case .items(let high)? = higher else {
                if lower == .all || higher == .all {
                    decoder.report(
                        "invalid-number", "\"all\" is only for event-driven bands", hint: "write a number of items",
                        at: row["lower_risk"])
                }
                continue
            }
            if let frequency {
                guard let text = decoder.text("occurrences_per_year"), let perYear = Double(text), perYear > 0 else {
                    decoder.report(
                        "invalid-number", "\(key) needs occurrences_per_year, a positive number",
                        hint: "e.g. 4 for quarterly, 250 for daily", at: row["occurrences_per_year"])
                    continue
                }
                frequencies[frequency] = SampleTable.Entry(
                    occurrencesPerYear: perYear, lowerRisk: low, higherRisk: high)
            } else {
                automated = (low, high)
            }
        }
        // A missing row has no place in the file: point at the header.
        let headerLine = 1
        // A row that is there but has a bad cell was reported already; only a row that is absent is missing.
        for frequency in Frequency.allCases where frequency != .eventDriven && firstLine[frequency.rawValue] == nil {
            diagnostics.append(
                Diagnostic(
                    .error, "missing-row", "the table has no row for \(frequency.rawValue)",
                    hint: "add a row: \(frequency.rawValue),,,OCCURRENCES_PER_YEAR,LOWER,HIGHER", file: file,
                    line: headerLine,
                    column: 1))
        }
        if firstLine["automated"] == nil {
            diagnostics.append(
                Diagnostic(
                    .error, "missing-row", "the table has no row for automated controls",
                    hint: "add a row: automated,,,,1,1", file: file, line: headerLine, column: 1))
        }
        let sorted = bands.sorted { $0.band.minimum < $1.band.minimum }
        if sorted.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .error, "missing-row", "the table has no event-driven bands",
                    hint: "add rows such as: event-driven,1,5,,all,all", file: file, line: headerLine, column: 1))
        }
        var expected = 1
        for (index, entry) in sorted.enumerated() {
            if entry.band.minimum != expected {
                diagnostics.append(
                    Diagnostic(
                        .error, "band-gap",
                        "event-driven band starts at \(entry.band.minimum) but \(expected) is expected",
                        hint: "bands must run from 1 upward with no gap or overlap", file: file, line: entry.line,
                        column: 1))
            }
            if let maximum = entry.band.maximum {
                if maximum < entry.band.minimum {
                    diagnostics.append(
                        Diagnostic(
                            .error, "band-gap",
                            "event-driven band ends (\(maximum)) before it starts (\(entry.band.minimum))",
                            hint: "population_max must be at least population_min", file: file, line: entry.line,
                            column: 1))
                }
                expected = maximum + 1
            } else if index != sorted.count - 1 {
                diagnostics.append(
                    Diagnostic(
                        .error, "band-gap", "only the last event-driven band may be open-ended",
                        hint: "give this band a population_max", file: file, line: entry.line, column: 1))
            }
        }
        if let last = sorted.last, last.band.maximum != nil {
            diagnostics.append(
                Diagnostic(
                    .error, "band-gap", "the last event-driven band must be open-ended",
                    hint: "leave its population_max empty", file: file, line: last.line, column: 1))
        }
        guard !diagnostics.hasErrors, let automated else { return (nil, diagnostics) }
        return (
            SampleTable(
                frequencies: frequencies, automatedLowerRisk: automated.0, automatedHigherRisk: automated.1,
                bands: sorted.map(\.band)),
            diagnostics
        )
    }

    /// A sample size cell: a whole number ≥ 1, or "all".
    private static func size(_ decoder: inout RowDecoder, _ field: String) -> SampleSize? {
        guard let cell = decoder.row[field] else { return nil }
        if Spelling.key(cell.value) == "all" { return .all }
        guard let value = Int(cell.value), value >= 1 else {
            decoder.report(
                "invalid-number", "\(field) \"\(cell.value)\" is not a sample size",
                hint: "write a whole number of items (1 or more) or \"all\"", at: cell)
            return nil
        }
        return .items(value)
    }

    /// An effort-model file's default profile (mid-tier, else its first): for callers that need one model.
    public static func effortModel(file: String, bytes: [UInt8]) -> (EffortModel?, [Diagnostic]) {
        let (profiles, diagnostics) = effortProfiles(file: file, bytes: bytes)
        return (profiles?.model(named: nil), diagnostics)
    }

    /// An effort-model file: one row per parameter and profile (`parameter,profile,low,base,high,…`),
    /// or a single model (`parameter,value,…`, the profile "custom", no ranges). Every profile must
    /// set every parameter, low ≤ base ≤ high, and each activity's role shares add up to 100.
    /// `text.trimmingCharacters(in: .whitespaces)`; ASCII text (where `.whitespaces` is the space
    /// and the tab) on bytes, without Foundation: the effort model has hundreds of cells.
    static func blanksTrimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return text.trimmingCharacters(in: .whitespaces) }
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = utf8.first, let last = utf8.last else { return text }
        if !isBlank(first) && !isBlank(last) { return text }
        guard let start = utf8.firstIndex(where: { !isBlank($0) }), let end = utf8.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(decoding: utf8[start...end], as: UTF8.self)
    }

    public static func effortProfiles(file: String, bytes: [UInt8]) -> (EffortProfiles?, [Diagnostic]) {
        let (table, mapped) = TableReader.map(TableReader.parse(file: file, bytes: bytes), schema: effortSchema)
        var diagnostics = mapped
        struct Draft {
            var values: [EffortModel.Parameter: Double] = [:]
            var low: [EffortModel.Parameter: Double] = [:]
            var high: [EffortModel.Parameter: Double] = [:]
            var firstLine: [EffortModel.Parameter: Int] = [:]
            var line = 1
        }
        var drafts: [String: Draft] = [:]
        var order: [String] = []
        for row in table.rows {
            var decoder = RowDecoder(file: file, row: row)
            defer { diagnostics += decoder.diagnostics }
            guard let name = decoder.required("parameter") else { continue }
            let profileText = row["profile"].map { blanksTrimmed($0.value) } ?? ""
            let profile = profileText.isEmpty ? "custom" : profileText
            if drafts[profile] == nil {
                drafts[profile] = Draft(line: row.line)
                order.append(profile)
            }
            guard let parameter = EffortModel.Parameter(rawValue: name) else {
                decoder.report(
                    "unknown-parameter", "unknown parameter \"\(name)\"",
                    hint: Spelling.didYouMean(
                        name, in: EffortModel.Parameter.allCases.map(\.rawValue),
                        otherwise: "`socplan config get effort-model` lists the parameters"), at: row["parameter"])
                continue
            }
            if let first = drafts[profile]?.firstLine[parameter] {
                decoder.report(
                    "duplicate-id", "\(name) is set twice for the \(profile) profile",
                    hint: "the first is on line \(first)", at: row["parameter"])
                continue
            }
            drafts[profile]?.firstLine[parameter] = row.line
            func number(_ field: String) -> Double? {
                guard let text = row[field]?.value, !blanksTrimmed(text).isEmpty else {
                    return nil
                }
                guard let value = Double(blanksTrimmed(text)), value.isFinite, value >= 0 else {
                    decoder.report(
                        "invalid-number", "\(name) \(field) = \"\(text)\" is not a number of 0 or more",
                        hint: "write a plain decimal such as 1.5", at: row[field])
                    return nil
                }
                return value
            }
            guard decoder.required("value") != nil, let value = number("value") else { continue }
            let low = number("low") ?? value
            let high = number("high") ?? value
            if !(low <= value && value <= high) {
                decoder.report(
                    "invalid-range", "\(name) (\(profile)): low \(low), base \(value), high \(high) are not in order",
                    hint: "make low ≤ base ≤ high", at: row["low"] ?? row["value"])
                continue
            }
            drafts[profile]?.values[parameter] = value
            drafts[profile]?.low[parameter] = low
            drafts[profile]?.high[parameter] = high
        }
        if drafts.isEmpty {
            order = ["custom"]
            drafts["custom"] = Draft()
        }
        var models: [EffortModel] = []
        for profile in order {
            guard let draft = drafts[profile] else { continue }
            let named = profile == "custom" ? "" : " for the \(profile) profile"
            for parameter in EffortModel.Parameter.allCases
            where draft.values[parameter] == nil && draft.firstLine[parameter] == nil {
                diagnostics.append(
                    Diagnostic(
                        .error, "missing-parameter", "the effort model does not set \(parameter.rawValue)\(named)",
                        hint:
                            "add a row for \(parameter.rawValue)\(named) (see `socplan config get effort-model` for the defaults)",
                        file: file, line: draft.line, column: 1))
            }
            // Each activity's role shares split all of its hours: they add up to 100.
            for activity in EffortModel.Activity.allCases {
                let shares = Role.allCases.compactMap { EffortModel.shareParameter($0, activity) }
                guard shares.allSatisfy({ draft.values[$0] != nil }) else { continue }
                let sum = shares.reduce(0) { $0 + (draft.values[$1] ?? 0) }
                if abs(sum - 100) > 0.01, let first = shares.first, let line = draft.firstLine[first] {
                    diagnostics.append(
                        Diagnostic(
                            .error, "shares-not-100",
                            "the role shares of \(activity.rawValue)\(named) add up to \(PlanRender.number(sum))%, not 100%",
                            hint: "make \(shares.map(\.rawValue).joined(separator: ", ")) add up to 100",
                            file: file, line: line, column: 1))
                }
            }
            models.append(EffortModel(values: draft.values, name: profile, low: draft.low, high: draft.high))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (EffortProfiles(models: models), diagnostics)
    }
}
