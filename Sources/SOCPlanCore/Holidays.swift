/// One holiday of a calendar, by rule: a fixed date (July 4) or the nth weekday of a month
/// (the fourth Thursday of November), optionally some days after that, in force for a range of
/// years, moved off a weekend by its observance.
public struct HolidayRule: Sendable, Hashable {
    /// Where in its month the holiday falls.
    public enum Placement: Sendable, Hashable {
        /// The same day every year: `day` is valid in every year (February 29 is not).
        case fixed(month: Int, day: Int)
        /// The `occurrence`th `weekday` of `month`: Thanksgiving is `.floating(11, .thu, .fourth)`.
        case floating(month: Int, weekday: Weekday, occurrence: Occurrence)
    }

    public enum Weekday: String, SpelledEnum {
        case mon, tue, wed, thu, fri, sat, sun

        public static let valueName = "weekday"
        public static let aliases: [String: Self] = Dictionary(
            uniqueKeysWithValues: zip(
                ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], allCases))

        /// 1 = Monday … 7 = Sunday, as `Day.weekday`.
        public var number: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }
    }

    /// Which of the month's weekdays: the first to the fourth, or the last.
    public enum Occurrence: String, SpelledEnum {
        case first = "1"
        case second = "2"
        case third = "3"
        case fourth = "4"
        case last

        public static let valueName = "nth"
        public static let aliases: [String: Self] = [
            "first": .first, "1st": .first, "second": .second, "2nd": .second, "third": .third, "3rd": .third,
            "fourth": .fourth, "4th": .fourth,
        ]
    }

    /// How a holiday that falls on a weekend is moved to a working day.
    public enum Observance: String, SpelledEnum {
        /// Not moved: a weekend holiday gives no day off.
        case none
        /// Saturday to the Friday before, Sunday to the Monday after (5 U.S.C. 6103(b), federal employees).
        case nearestWeekday = "nearest-weekday"
        /// Sunday to the Monday after; a Saturday holiday is not moved (the Federal Reserve's rule).
        case sundayToMonday = "sunday-to-monday"

        public static let valueName = "observance"
        public static let aliases: [String: Self] = ["federal": .nearestWeekday, "no": .none]
    }

    /// The largest `daysAfter` either way: keeps every observed date within a year of its rule's year.
    public static let maximumDaysAfter = 28

    public var name: String
    public var date: Placement
    /// Days from `date` to the holiday: 1 for the day after Thanksgiving. At most ±`maximumDaysAfter`.
    public var daysAfter: Int
    /// The first and last years the holiday is kept (nil: no limit).
    public var fromYear: Int?
    public var toYear: Int?
    public var observance: Observance

    public init(
        name: String, date: Placement, daysAfter: Int = 0, fromYear: Int? = nil, toYear: Int? = nil,
        observance: Observance = .none
    ) {
        self.name = name
        self.date = date
        self.daysAfter = max(-Self.maximumDaysAfter, min(Self.maximumDaysAfter, daysAfter))
        self.fromYear = fromYear
        self.toYear = toYear
        self.observance = observance
    }

    /// Whether the rule is in force in `year`.
    public func applies(in year: Int) -> Bool { (fromYear ?? year) <= year && year <= (toYear ?? year) }

    /// The holiday itself in `year`, before any weekend move; nil when the rule is not in force.
    public func actualDay(in year: Int) -> Day? {
        guard applies(in: year) else { return nil }
        let day: Day?
        switch date {
        case .fixed(let month, let dayOfMonth):
            day = Day(year: year, month: month, day: dayOfMonth)
        case .floating(let month, let weekday, let occurrence):
            guard let first = Day(year: year, month: month, day: 1) else { return nil }
            let length = Day.daysIn(year: year, month: month)
            if occurrence == .last {
                let last = first.adding(days: length - 1)
                day = last.adding(days: -((last.weekday - weekday.number + 7) % 7))
            } else {
                let index = (Occurrence.allCases.firstIndex(of: occurrence) ?? 0)
                day = first.adding(days: (weekday.number - first.weekday + 7) % 7 + 7 * index)
            }
        }
        return day?.adding(days: daysAfter)
    }

    /// The day off in `year`: the holiday moved off a weekend as its observance says. It may fall
    /// in the year before (New Year's Day 2022, a Saturday, is observed on Friday 2021-12-31).
    public func observedDay(in year: Int) -> Day? {
        guard let day = actualDay(in: year) else { return nil }
        switch (observance, day.weekday) {
        case (.nearestWeekday, 6): return day.adding(days: -1)
        case (.nearestWeekday, 7), (.sundayToMonday, 7): return day.adding(days: 1)
        default: return day
        }
    }
}

/// Working days: Monday to Friday, less the observed holidays of a set of rules.
///
/// Pure and cheap to query: the observed holidays of 1900–2199 are computed once at init (about
/// 3,300 dates for the 11 US federal rules, well under a millisecond); days outside that range
/// are computed on demand. Equality looks at the rules only.
public struct HolidayCalendar: Sendable, Hashable {
    public let rules: [HolidayRule]
    /// The observed holidays in `cachedYears`: one bit per day from 1900-01-01 (`Day.ordinal`
    /// less `firstOrdinal`), 14 KB, read without hashing.
    private let cached: [UInt64]
    private static let cachedYears = 1900...2199
    private static let firstOrdinal = Day(year: cachedYears.lowerBound, month: 1, day: 1)!.ordinal

    public init(rules: [HolidayRule]) {
        self.rules = rules
        let days = Day(year: Self.cachedYears.upperBound, month: 12, day: 31)!.ordinal - Self.firstOrdinal + 1
        var cached = [UInt64](repeating: 0, count: (days + 63) / 64)
        // A year's rules can place a day in the year before or after: compute one year beyond each end.
        for year in (Self.cachedYears.lowerBound - 1)...(Self.cachedYears.upperBound + 1) {
            for rule in rules {
                if let day = rule.observedDay(in: year), Self.cachedYears.contains(day.year) {
                    let bit = day.ordinal - Self.firstOrdinal
                    cached[bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
        }
        self.cached = cached
    }

    /// No holidays: Saturday and Sunday off.
    public static let weekendsOnly = HolidayCalendar(rules: [])

    public static func == (a: Self, b: Self) -> Bool { a.rules == b.rules }
    public func hash(into hasher: inout Hasher) { hasher.combine(rules) }

    /// The observed holidays that fall in `year`, by date then name; a rule of the next or the
    /// previous year may contribute (New Year's Day 2028 is observed on 2027-12-31).
    public func holidays(in year: Int) -> [(day: Day, name: String)] {
        var found: [(day: Day, name: String)] = []
        for ruleYear in (year - 1)...(year + 1) {
            for rule in rules {
                if let day = rule.observedDay(in: ruleYear), day.year == year { found.append((day, rule.name)) }
            }
        }
        return found.sorted { $0.day != $1.day ? $0.day < $1.day : $0.name < $1.name }
    }

    /// Whether `day` is an observed holiday.
    public func isHoliday(_ day: Day) -> Bool {
        if Self.cachedYears.contains(day.year) {
            let bit = day.ordinal - Self.firstOrdinal
            return cached[bit >> 6] & (1 << UInt64(bit & 63)) != 0
        }
        return rules.contains { rule in ((day.year - 1)...(day.year + 1)).contains { rule.observedDay(in: $0) == day } }
    }

    /// Monday to Friday and not an observed holiday.
    public func isBusinessDay(_ day: Day) -> Bool { day.weekday <= 5 && !isHoliday(day) }

    /// `day` itself when it is a business day, else the next one.
    public func businessDay(onOrAfter day: Day) -> Day {
        var day = day
        while !isBusinessDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// The `count`th business day after `day` (before it when negative); `day` itself for 0.
    ///
    /// Steps a day at a time: O(count + holidays and weekends passed), a set lookup per day.
    /// Ends as long as no year is all holidays, which the loader's limit on rules guarantees.
    public func adding(businessDays count: Int, to day: Day) -> Day {
        var day = day
        var remaining = abs(count)
        let step = count < 0 ? -1 : 1
        while remaining > 0 {
            day = day.adding(days: step)
            if isBusinessDay(day) { remaining -= 1 }
        }
        return day
    }
}
