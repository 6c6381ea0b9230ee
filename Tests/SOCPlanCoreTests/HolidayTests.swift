import PropertyBased
import Testing

@testable import SOCPlanCore

private func day(_ text: String) -> Day { Day(text)! }

/// The US federal rules of Catalogs/holidays-us.csv, typed by hand so that Core is tested without the loader.
let federal = HolidayCalendar(rules: [
    HolidayRule(name: "New Year's Day", date: .fixed(month: 1, day: 1), observance: .nearestWeekday),
    HolidayRule(
        name: "Birthday of Martin Luther King, Jr.", date: .floating(month: 1, weekday: .mon, occurrence: .third),
        fromYear: 1986),
    HolidayRule(name: "Washington's Birthday", date: .floating(month: 2, weekday: .mon, occurrence: .third)),
    HolidayRule(name: "Memorial Day", date: .floating(month: 5, weekday: .mon, occurrence: .last)),
    HolidayRule(
        name: "Juneteenth National Independence Day", date: .fixed(month: 6, day: 19), fromYear: 2021,
        observance: .nearestWeekday),
    HolidayRule(name: "Independence Day", date: .fixed(month: 7, day: 4), observance: .nearestWeekday),
    HolidayRule(name: "Labor Day", date: .floating(month: 9, weekday: .mon, occurrence: .first)),
    HolidayRule(name: "Columbus Day", date: .floating(month: 10, weekday: .mon, occurrence: .second)),
    HolidayRule(name: "Veterans Day", date: .fixed(month: 11, day: 11), observance: .nearestWeekday),
    HolidayRule(name: "Thanksgiving Day", date: .floating(month: 11, weekday: .thu, occurrence: .fourth)),
    HolidayRule(name: "Christmas Day", date: .fixed(month: 12, day: 25), observance: .nearestWeekday),
])

private func rule(_ name: String) -> HolidayRule { federal.rules.first { $0.name == name }! }

@Suite("Holiday calendar")
struct HolidayTests {
    @Suite("One rule in one year")
    struct Rules {
        @Test(
            "the holiday and the day it is observed",
            arguments: [
                ("Thanksgiving Day", 2026, "2026-11-26", "2026-11-26"),
                ("Memorial Day", 2026, "2026-05-25", "2026-05-25"),
                ("Memorial Day", 2027, "2027-05-31", "2027-05-31"),  // May has five Mondays
                ("Labor Day", 2026, "2026-09-07", "2026-09-07"),
                ("Birthday of Martin Luther King, Jr.", 2027, "2027-01-18", "2027-01-18"),
                ("Independence Day", 2026, "2026-07-04", "2026-07-03"),  // Saturday: the Friday before
                ("Independence Day", 2027, "2027-07-04", "2027-07-05"),  // Sunday: the Monday after
                ("Christmas Day", 2027, "2027-12-25", "2027-12-24"),
                ("New Year's Day", 2028, "2028-01-01", "2027-12-31"),  // observed in the year before
                ("Juneteenth National Independence Day", 2021, "2021-06-19", "2021-06-18"),
            ])
        func observed(_ name: String, _ year: Int, _ actual: String, _ observed: String) {
            // Given a federal rule
            let rule = rule(name)
            // When it is placed in a year
            // Then it falls on the date of the OPM calendar, and is observed on the nearest weekday
            #expect(rule.actualDay(in: year) == day(actual))
            #expect(rule.observedDay(in: year) == day(observed))
        }

        @Test func aRuleOutsideItsYearsGivesNoDay() {
            // Given Juneteenth, a federal holiday since 2021
            let juneteenth = rule("Juneteenth National Independence Day")
            // Then 2020 has none, 2021 has one
            #expect(juneteenth.observedDay(in: 2020) == nil)
            #expect(juneteenth.observedDay(in: 2021) != nil)
            #expect(!federal.holidays(in: 2020).contains { $0.name.hasPrefix("Juneteenth") })
        }

        @Test func theFederalReserveRuleLeavesASaturdayAlone() {
            // Given Independence Day observed the Federal Reserve's way
            let fed = HolidayRule(name: "Independence Day", date: .fixed(month: 7, day: 4), observance: .sundayToMonday)
            // Then Saturday 2026-07-04 is not moved and Sunday 2027-07-04 moves to Monday
            #expect(fed.observedDay(in: 2026) == day("2026-07-04"))
            #expect(fed.observedDay(in: 2027) == day("2027-07-05"))
        }

        @Test func aDayAfterARule() {
            // Given a firm's day after Thanksgiving: the fourth Thursday of November, plus one
            let friday = HolidayRule(
                name: "Day after Thanksgiving", date: .floating(month: 11, weekday: .thu, occurrence: .fourth),
                daysAfter: 1)
            // Then it is the Friday after Thanksgiving, also when November starts on a Friday (2024)
            #expect(friday.observedDay(in: 2026) == day("2026-11-27"))
            #expect(friday.observedDay(in: 2024) == day("2024-11-29"))
        }
    }

    @Suite("A year's holidays")
    struct Years {
        @Test func newYearsDayOnASaturdayBelongsToTheYearBefore() {
            // Given the federal calendar; 2028-01-01 is a Saturday
            // When the holidays of 2027 and 2028 are listed
            let y2027 = federal.holidays(in: 2027)
            let y2028 = federal.holidays(in: 2028)
            // Then 2027 ends with Christmas and New Year's Day observed on the Fridays before
            #expect(y2027.suffix(2).map(\.day) == [day("2027-12-24"), day("2027-12-31")])
            #expect(y2027.last?.name == "New Year's Day")
            #expect(y2027.count == 12)
            // And 2028 has no New Year's Day of its own
            #expect(!y2028.contains { $0.name == "New Year's Day" })
            #expect(y2028.count == 10)
        }

        @Test(
            "every listed holiday is a day off, in and outside the precomputed years",
            arguments: [1899, 1900, 2026, 2199, 2200, 2300])
        func listedDaysAreOff(_ year: Int) {
            // Given the federal calendar
            // When the holidays of a year are listed
            let holidays = federal.holidays(in: year)
            // Then each is in that year, sorted, and not a business day
            #expect(holidays.count >= 8)
            #expect(holidays.map(\.day) == holidays.map(\.day).sorted())
            for holiday in holidays {
                #expect(holiday.day.year == year)
                #expect(holiday.day.weekday <= 5, "\(holiday.day) \(holiday.name)")
                #expect(!federal.isBusinessDay(holiday.day), "\(holiday.day) \(holiday.name)")
            }
        }
    }

    @Suite("Counting business days")
    struct Counting {
        @Test(
            "across holidays and weekends",
            arguments: [
                ("2026-07-02", 1, "2026-07-06"),  // Independence Day observed Friday 3 July
                ("2026-07-06", -1, "2026-07-02"),
                ("2026-11-25", 1, "2026-11-27"),  // Thanksgiving Thursday
                ("2027-12-23", 1, "2027-12-27"),  // Christmas observed Friday 24 December
                ("2027-12-30", 1, "2028-01-03"),  // New Year's Day 2028 observed Friday 31 December
                ("2028-01-03", -1, "2027-12-30"),
                ("2026-01-16", 1, "2026-01-20"),  // Martin Luther King Day Monday 19 January
                ("2026-07-03", 0, "2026-07-03"),  // zero: the day itself, holiday or not
            ])
        func offsets(_ start: String, _ count: Int, _ expected: String) {
            // Given a date and a number of business days
            // When they are added on the federal calendar
            // Then the result is the date counted by hand on the OPM calendar
            #expect(federal.adding(businessDays: count, to: day(start)) == day(expected))
        }

        @Test func onOrAfter() {
            // Given an observed holiday, a weekend day and a business day
            // Then each moves to the next business day, unless it already is one
            #expect(federal.businessDay(onOrAfter: day("2026-07-03")) == day("2026-07-06"))
            #expect(federal.businessDay(onOrAfter: day("2026-07-05")) == day("2026-07-06"))
            #expect(federal.businessDay(onOrAfter: day("2026-07-06")) == day("2026-07-06"))
        }

        @Test func weekendsOnlyCountsLikeTheWeekdayCount() async {
            await propertyCheck(
                count: 200, input: Gen.int(in: day("2020-01-01").ordinal...day("2030-12-31").ordinal),
                Gen.int(in: -30...30)
            ) { ordinal, count in
                // Given any date and offset, and a calendar without holidays
                let start = Day(ordinal: ordinal)
                let end = HolidayCalendar.weekendsOnly.adding(businessDays: count, to: start)
                // Then, unless the offset is 0, the result is a weekday on the right side of the start with
                // |count| weekdays in (start, end] (or [end, start)); weekends from the ordinal (0 = Thursday)
                func isWeekend(_ day: Day) -> Bool { [2, 3].contains(((day.ordinal % 7) + 7) % 7) }
                guard count != 0 else { return #expect(end == start) }
                #expect(!isWeekend(end))
                let (low, high) = count > 0 ? (start.ordinal + 1, end.ordinal) : (end.ordinal, start.ordinal - 1)
                #expect((low...high).filter { !isWeekend(Day(ordinal: $0)) }.count == abs(count))
            }
        }

        @Test("n business days later is a business day, with n in between, and n back returns")
        func property() async {
            await propertyCheck(
                count: 300, input: Gen.int(in: day("2020-01-01").ordinal...day("2035-12-31").ordinal),
                Gen.int(in: 1...40)
            ) { ordinal, count in
                // Given any date between 2020 and 2035 and 1 to 40 business days
                let start = Day(ordinal: ordinal)
                // When they are added on the federal calendar
                let end = federal.adding(businessDays: count, to: start)
                // Then the result is later, a weekday, not a listed holiday of its year
                #expect(end > start)
                #expect(end.weekday <= 5, "\(start) + \(count) = \(end)")
                #expect(!federal.holidays(in: end.year).contains { $0.day == end }, "\(start) + \(count) = \(end)")
                // And exactly `count` business days lie in (start, end]
                let between = (start.ordinal + 1...end.ordinal).filter { federal.isBusinessDay(Day(ordinal: $0)) }
                #expect(between.count == count, "\(start) + \(count) = \(end)")
                // And going back as many lands on the start, or on the last business day before a day off
                var expected = start
                while !federal.isBusinessDay(expected) { expected = expected.adding(days: -1) }
                #expect(federal.adding(businessDays: -count, to: end) == expected, "\(start) + \(count) = \(end)")
            }
        }
    }

    @Test("every day of the years kept ready is a holiday exactly when a rule observes it that day")
    func keptYearsMatchTheRules() {
        // Given the federal calendar, the first and last years it keeps ready, a few between, and
        // the years just outside (computed when asked)
        for year in [1899, 1900, 1901, 1999, 2026, 2027, 2028, 2198, 2199, 2200] {
            let first = Day(year: year, month: 1, day: 1)!.ordinal
            let last = Day(year: year, month: 12, day: 31)!.ordinal
            for ordinal in first...last {
                let day = Day(ordinal: ordinal)
                // When it is asked whether a day is a holiday
                // Then the answer is whether a rule of that year, the one before or the one after
                // observes it that day
                let observed = federal.rules.contains { rule in
                    (year - 1...year + 1).contains { rule.observedDay(in: $0) == day }
                }
                #expect(federal.isHoliday(day) == observed, "\(day)")
            }
        }
        // And New Year's Day 2022 (a Saturday) is observed on Friday 2021-12-31
        #expect(federal.isHoliday(day("2021-12-31")))
        #expect(!federal.isHoliday(day("2022-01-01")))
    }
}
