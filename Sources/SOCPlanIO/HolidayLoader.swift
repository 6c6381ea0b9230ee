import SOCPlanCore

extension ParameterLoader {
    static let holidaySchema = TableSchema(
        kind: "holidays",
        fields: [
            FieldSpec("name", required: true, aliases: ["holiday"]), FieldSpec("month", required: true),
            FieldSpec("day"), FieldSpec("weekday", aliases: ["day_of_week"]),
            FieldSpec("nth", aliases: ["occurrence", "week"]), FieldSpec("days_after", aliases: ["offset"]),
            FieldSpec("from_year", aliases: ["from"]), FieldSpec("to_year", aliases: ["to", "until"]),
            FieldSpec("observed", aliases: ["observance"]), FieldSpec("description"),
        ])

    /// More rules than this could leave a year without a working day, and counting business days would never end.
    static let maximumHolidayRules = 100

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    /// The built-in calendar: US federal holidays (`Catalogs/holidays-us.csv`).
    public static func builtInHolidays() throws(CatalogError) -> HolidayCalendar {
        let (calendar, diagnostics) = holidays(file: "Catalogs/holidays-us.csv", bytes: embedded("holidays-us.csv"))
        guard let calendar else { throw CatalogError(diagnostics: diagnostics) }
        return calendar
    }

    /// A holiday calendar from CSV: one rule a row, every bad cell reported at its line and column.
    public static func holidays(file: String, bytes: [UInt8]) -> (HolidayCalendar?, [Diagnostic]) {
        let (table, mapped) = TableReader.map(TableReader.parse(file: file, bytes: bytes), schema: holidaySchema)
        var diagnostics = mapped
        var rules: [(rule: HolidayRule, line: Int)] = []
        for row in table.rows {
            var decoder = RowDecoder(file: file, row: row)
            if let rule = holidayRule(&decoder) {
                let key = Spelling.key(rule.name)
                if let first = rules.first(where: { Spelling.key($0.rule.name) == key && overlap($0.rule, rule) }) {
                    decoder.report(
                        "duplicate-id",
                        "\(rule.name) is in force in the same years as the holiday on line \(first.line)",
                        hint: "remove one row, or give them from_year and to_year that do not overlap", at: row["name"])
                } else {
                    rules.append((rule, row.line))
                }
            }
            diagnostics += decoder.diagnostics
        }
        if rules.count > maximumHolidayRules {
            diagnostics.append(
                Diagnostic(
                    .error, "too-many-rows", "the calendar has \(rules.count) holidays",
                    hint: "at most \(maximumHolidayRules): a year must keep its working days", file: file, line: 1,
                    column: 1))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (HolidayCalendar(rules: rules.map(\.rule)), diagnostics)
    }

    private static func overlap(_ a: HolidayRule, _ b: HolidayRule) -> Bool {
        (a.fromYear ?? .min) <= (b.toYear ?? .max) && (b.fromYear ?? .min) <= (a.toYear ?? .max)
    }

    /// One row as a rule, or nil with every problem of the row in the decoder.
    private static func holidayRule(_ decoder: inout RowDecoder) -> HolidayRule? {
        let row = decoder.row
        let name = decoder.required("name")
        let month = self.month(&decoder)
        let weekday = decoder.choice("weekday", HolidayRule.Weekday.self)
        let occurrence = decoder.choice("nth", HolidayRule.Occurrence.self)
        let observance = decoder.choice("observed", HolidayRule.Observance.self) ?? HolidayRule.Observance.none
        let most = HolidayRule.maximumDaysAfter
        let daysAfter = integer(
            &decoder, "days_after", in: -most...most, what: "a number of days from -\(most) to \(most)",
            hint: "e.g. 1 for the day after, -1 for the day before; empty for the day itself")
        let yearHint = "write a year such as 2021, or leave it empty for no limit"
        let fromYear = integer(&decoder, "from_year", in: 1...9999, what: "a year", hint: yearHint)
        let toYear = integer(&decoder, "to_year", in: 1...9999, what: "a year", hint: yearHint)
        if let fromYear, let toYear, fromYear > toYear {
            decoder.report(
                "invalid-range", "to_year \(toYear) is before from_year \(fromYear)",
                hint: "the holiday is kept from from_year to to_year, both included", at: row["to_year"])
        }
        let dayCell = row["day"].flatMap { $0.value.isEmpty ? nil : $0 }
        let weekdayGiven = !(row["weekday"]?.value.isEmpty ?? true)
        let nthGiven = !(row["nth"]?.value.isEmpty ?? true)
        var placement: HolidayRule.Placement?
        switch (dayCell, weekdayGiven) {
        case (let dayCell?, true):
            decoder.report(
                "conflicting-cells", "the row has both a day (\(dayCell.value)) and a weekday",
                hint: "a fixed-date holiday has a day; a floating one has a weekday and nth: clear one of them",
                at: row["weekday"])
        case (nil, false):
            decoder.report(
                "empty-cell", "the row has neither a day nor a weekday",
                hint: "write a day of the month (4 for July 4), or a weekday and nth (thu and 4 for Thanksgiving)",
                at: row["day"] ?? row["weekday"])
        case (let dayCell?, false):
            if nthGiven {
                decoder.report(
                    "conflicting-cells", "nth is only for a holiday given by weekday",
                    hint: "clear nth, or replace the day by a weekday", at: row["nth"])
            }
            // Checked in a non-leap year: a rule must name a day every year has, so February 29 is refused.
            guard let month, let day = Int(dayCell.value) else {
                if month != nil {
                    decoder.report(
                        "invalid-number", "day \"\(dayCell.value)\" is not a day of the month",
                        hint: "write a whole number such as 25", at: dayCell)
                }
                break
            }
            guard Day(year: 2001, month: month, day: day) != nil else {
                let leap = Day(year: 2000, month: month, day: day) != nil
                decoder.report(
                    "invalid-date",
                    leap ? "February 29 comes only in leap years" : "\(monthNames[month - 1]) \(day) is not a date",
                    hint: leap
                        ? "a holiday rule needs a date every year has"
                        : "\(monthNames[month - 1]) has \(Day.daysIn(year: 2000, month: month)) days", at: dayCell)
                break
            }
            placement = .fixed(month: month, day: day)
        case (nil, true):
            if !nthGiven {
                decoder.report(
                    "empty-cell", "nth is empty",
                    hint: "which of the month's weekdays: 1, 2, 3, 4 or last (3 for the third Monday)",
                    at: row["nth"] ?? row["weekday"])
            }
            if let month, let weekday, let occurrence {
                placement = .floating(month: month, weekday: weekday, occurrence: occurrence)
            }
        }
        guard let name, let placement, !decoder.diagnostics.hasErrors else { return nil }
        return HolidayRule(
            name: name, date: placement, daysAfter: daysAfter ?? 0, fromYear: fromYear, toYear: toYear,
            observance: observance)
    }

    /// The month: 1–12, or its English name ("July", "Jul").
    private static func month(_ decoder: inout RowDecoder) -> Int? {
        guard let text = decoder.required("month") else { return nil }
        if let number = Int(text), (1...12).contains(number) { return number }
        let key = Spelling.key(text)
        if key.count >= 3, let index = monthNames.firstIndex(where: { Spelling.key($0).hasPrefix(key) }) {
            return index + 1
        }
        decoder.report(
            "invalid-date", "month \"\(text)\" is not a month", hint: "write 1 to 12 (7 for July)",
            at: decoder.row["month"])
        return nil
    }

    /// A whole number in `range`; nil when the column is absent or the cell empty or invalid.
    private static func integer(
        _ decoder: inout RowDecoder, _ field: String, in range: ClosedRange<Int>, what: String, hint: String
    ) -> Int? {
        guard let cell = decoder.row[field], !cell.value.isEmpty else { return nil }
        guard let value = Int(cell.value.hasPrefix("+") ? String(cell.value.dropFirst()) : cell.value),
            range.contains(value)
        else {
            decoder.report("invalid-number", "\(field) \"\(cell.value)\" is not \(what)", hint: hint, at: cell)
            return nil
        }
        return value
    }
}
