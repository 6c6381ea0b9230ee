import SOCPlanCore
import SOCPlanIO
import Testing

private let header = "name,month,day,weekday,nth,days_after,from_year,to_year,observed,description"
private let christmas = "Christmas Day,12,25,,,,,,nearest-weekday,Fine."

private func load(_ rows: [String]) -> (HolidayCalendar?, [Diagnostic]) {
    ParameterLoader.holidays(file: "firm.csv", bytes: Array(([header] + rows).joined(separator: "\n").utf8))
}

/// "2026-07-03 Independence Day" for each observed holiday of `year`.
private func listed(_ calendar: HolidayCalendar, _ year: Int) -> [String] {
    calendar.holidays(in: year).map { "\($0.day) \($0.name)" }
}

/// One broken row and where its error must be reported.
struct BadHolidayRow: Sendable, CustomTestStringConvertible {
    var title: String
    var row: String
    /// The 0-based field the error points at.
    var field: Int
    var code: String
    var mentions: String

    var testDescription: String { title }

    /// The 1-based column of `field` in `row` (the rows have no quoted cells).
    var column: Int {
        let cells = row.split(separator: Character(","), omittingEmptySubsequences: false)
        return cells.prefix(field).map { $0.count + 1 }.reduce(1, +)
    }
}

private let badRows: [BadHolidayRow] = [
    .init(title: "an unknown weekday", row: "Bad,1,,mnd,3,,,,none,", field: 3, code: "unknown-value", mentions: "mnd"),
    .init(title: "nth out of range", row: "Bad,1,,mon,5,,,,none,", field: 4, code: "unknown-value", mentions: "5"),
    .init(
        title: "both a day and a weekday", row: "Bad,1,15,mon,3,,,,none,", field: 3, code: "conflicting-cells",
        mentions: "both"),
    .init(
        title: "neither a day nor a weekday", row: "Bad,1,,,,,,,none,", field: 2, code: "empty-cell",
        mentions: "neither"),
    .init(title: "a weekday without nth", row: "Bad,1,,mon,,,,,none,", field: 4, code: "empty-cell", mentions: "nth"),
    .init(
        title: "nth with a fixed day", row: "Bad,1,15,,2,,,,none,", field: 4, code: "conflicting-cells", mentions: "nth"
    ),
    .init(title: "February 30", row: "Bad,2,30,,,,,,none,", field: 2, code: "invalid-date", mentions: "February 30"),
    .init(title: "February 29", row: "Bad,2,29,,,,,,none,", field: 2, code: "invalid-date", mentions: "leap"),
    .init(title: "month 13", row: "Bad,13,1,,,,,,none,", field: 1, code: "invalid-date", mentions: "13"),
    .init(
        title: "from_year after to_year", row: "Bad,1,1,,,,2030,2020,none,", field: 7, code: "invalid-range",
        mentions: "2020"),
    .init(
        title: "a year that is not a number", row: "Bad,1,1,,,,twenty,,none,", field: 6, code: "invalid-number",
        mentions: "twenty"),
    .init(title: "days_after too far", row: "Bad,1,1,,,40,,,none,", field: 5, code: "invalid-number", mentions: "40"),
    .init(
        title: "an unknown observance", row: "Bad,1,1,,,,,,closest,", field: 8, code: "unknown-value",
        mentions: "closest"),
    .init(
        title: "a second Christmas in the same years", row: "Christmas Day,12,26,,,,,,none,", field: 0,
        code: "duplicate-id", mentions: "line 2"),
]

@Suite("Holiday calendar files")
struct HolidayLoaderTests {
    @Test func theBuiltInCalendarIsTheOPMCalendarOf2026() throws {
        // Given the built-in US federal calendar
        let calendar = try ParameterLoader.builtInHolidays()
        // When the holidays of 2026 are listed
        // Then they are the eleven days off of OPM's 2026 calendar
        #expect(
            listed(calendar, 2026) == [
                "2026-01-01 New Year's Day", "2026-01-19 Birthday of Martin Luther King, Jr.",
                "2026-02-16 Washington's Birthday", "2026-05-25 Memorial Day",
                "2026-06-19 Juneteenth National Independence Day", "2026-07-03 Independence Day",
                "2026-09-07 Labor Day",
                "2026-10-12 Columbus Day", "2026-11-11 Veterans Day", "2026-11-26 Thanksgiving Day",
                "2026-12-25 Christmas Day",
            ])
    }

    @Test func theBuiltInCalendarOf2027EndsWithNewYearsDay2028() throws {
        // Given the built-in calendar; in 2027 Juneteenth and Christmas fall on Saturdays, July 4 on a Sunday
        let calendar = try ParameterLoader.builtInHolidays()
        // Then 2027 has twelve days off, the last one New Year's Day 2028 observed on Friday 31 December
        #expect(
            listed(calendar, 2027) == [
                "2027-01-01 New Year's Day", "2027-01-18 Birthday of Martin Luther King, Jr.",
                "2027-02-15 Washington's Birthday", "2027-05-31 Memorial Day",
                "2027-06-18 Juneteenth National Independence Day", "2027-07-05 Independence Day",
                "2027-09-06 Labor Day",
                "2027-10-11 Columbus Day", "2027-11-11 Veterans Day", "2027-11-25 Thanksgiving Day",
                "2027-12-24 Christmas Day", "2027-12-31 New Year's Day",
            ])
        // And Juneteenth is not a holiday before 2021
        #expect(!listed(calendar, 2020).contains { $0.contains("Juneteenth") })
        #expect(listed(calendar, 2021).contains("2021-06-18 Juneteenth National Independence Day"))
    }

    @Test func theBuiltInFileLoadsWithoutWarnings() {
        // Given the embedded file
        let (calendar, diagnostics) = ParameterLoader.holidays(
            file: "Catalogs/holidays-us.csv", bytes: Array(ParameterLoader.builtInText("holidays-us.csv").utf8))
        // Then it loads with its 11 rules and nothing to say
        #expect(calendar?.rules.count == 11)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.rendered))")
    }

    @Test func aFirmsOwnDays() throws {
        // Given a firm's file: Christmas, Christmas Eve, and the day after Thanksgiving with month names
        let (calendar, diagnostics) = load([
            christmas, "Christmas Eve,Dec,24,,,,,,nearest-weekday,",
            "Day after Thanksgiving,November,,Thursday,4th,1,,,,",
        ])
        // Then it loads, and 2026 has the three days off
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.rendered))")
        #expect(
            listed(try #require(calendar), 2026) == [
                "2026-11-27 Day after Thanksgiving", "2026-12-24 Christmas Eve", "2026-12-25 Christmas Day",
            ])
    }

    @Test("a bad row is reported at its cell", arguments: badRows)
    func badRow(_ bad: BadHolidayRow) {
        // Given a file with a good row and a bad one on line 3
        // When it is loaded
        let (calendar, diagnostics) = load([christmas, bad.row])
        // Then nothing is loaded and the one error points at the cell, saying what is wrong
        #expect(calendar == nil)
        let errors = diagnostics.errors
        #expect(errors.count == 1, "\(diagnostics.map(\.rendered))")
        let error = errors.first
        #expect(error?.code == bad.code)
        #expect(error?.file == "firm.csv")
        #expect(error?.line == 3)
        #expect(error?.column == bad.column, "\(error?.rendered ?? "")")
        #expect(error?.message.contains(bad.mentions) == true, "\(error?.message ?? "")")
        #expect(error?.hint.isEmpty == false)
    }

    @Test func aCalendarOfMoreThanAHundredHolidaysIsRefused() {
        // Given 101 distinct holidays, one each day from January 1
        let rows = (1...101).map { "Day \($0),\(($0 - 1) / 28 + 1),\(($0 - 1) % 28 + 1),,,,,,none," }
        // When they are loaded
        let (calendar, diagnostics) = load(rows)
        // Then the calendar is refused: counting business days must always end
        #expect(calendar == nil)
        #expect(diagnostics.errors.map(\.code) == ["too-many-rows"])
        #expect(load(Array(rows.prefix(100))).0 != nil)
    }

    @Test func everyBadRowIsReportedAtOnce() {
        // Given a file of the bad rows, one after another
        let (calendar, diagnostics) = load([christmas] + badRows.map(\.row))
        // Then each row's error is reported, on its own line
        #expect(calendar == nil)
        #expect(Set(diagnostics.errors.compactMap(\.line)) == Set(3..<(3 + badRows.count)))
    }
}
