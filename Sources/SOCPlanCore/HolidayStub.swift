// TEMPORARY: replaced by the holiday calendar branch at merge.
public struct HolidayCalendar: Sendable, Hashable {
    public static let weekendsOnly = HolidayCalendar()
    public func isBusinessDay(_ day: Day) -> Bool { day.weekday <= 5 }
    public func businessDay(onOrAfter day: Day) -> Day {
        var day = day
        while !isBusinessDay(day) { day = day.adding(days: 1) }
        return day
    }
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
