import Foundation

/// A calendar date without time or zone: what audit periods and due dates are made of.
///
/// The planner never reads the clock; dates come from the user or the workspace.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid date, or nil (2026-02-30 is nil).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...Self.daysIn(year: year, month: month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD".
    public init?(_ text: some StringProtocol) {
        // The stored form, "2026-03-31", read without splitting (workspaces hold many dates).
        // On the contiguous bytes when the string has them: the generic walk below costs a
        // metadata lookup per byte when the caller is in another module.
        let contiguous = text.utf8.withContiguousStorageIfAvailable { Self.canonical($0) }
        if let day = contiguous ?? Self.canonical(text.utf8) {
            self = day
            return
        }
        let parts = Spelling.trimmed(text).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Exactly "YYYY-MM-DD" in ASCII digits and a valid date, else nil (then `Day(_:)` on the same
    /// text, which also trims and accepts other spellings, decides). For readers of raw bytes.
    public init?(canonical bytes: UnsafeBufferPointer<UInt8>) {
        guard let day = Self.canonical(bytes) else { return nil }
        self = day
    }

    /// Exactly "YYYY-MM-DD" in ASCII digits, else nil (and the general parse decides).
    private static func canonical(_ utf8: some Collection<UInt8>) -> Day? {
        guard utf8.count == 10 else { return nil }
        var fields = (0, 0, 0)
        for (offset, byte) in utf8.enumerated() {
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte &- UInt8(ascii: "0"))
            if offset < 4 {
                fields.0 = fields.0 * 10 + digit
            } else if offset < 7 {
                fields.1 = fields.1 * 10 + digit
            } else {
                fields.2 = fields.2 * 10 + digit
            }
        }
        return Day(year: fields.0, month: fields.1, day: fields.2)
    }

    public var description: String {
        // "YYYY-MM-DD" written digit by digit: plans and request lists print thousands of dates.
        guard (1000...9999).contains(year) else {
            let m = month < 10 ? "0\(month)" : "\(month)"
            let d = day < 10 ? "0\(day)" : "\(day)"
            return "\(year)-\(m)-\(d)"
        }
        return String(unsafeUninitializedCapacity: 10) { text in
            func digits(_ value: Int, _ count: Int, at offset: Int) {
                var value = value
                for place in (0..<count).reversed() {
                    text[offset + place] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            digits(year, 4, at: 0)
            text[4] = UInt8(ascii: "-")
            digits(month, 2, at: 5)
            text[7] = UInt8(ascii: "-")
            digits(day, 2, at: 8)
            return 10
        }
    }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(ordinal: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// The same day `months` later, clamped to the month's end (Jan 31 + 1 month = Feb 28).
    public func adding(months: Int) -> Day {
        let index = year * 12 + (month - 1) + months
        let y = index / 12
        let m = index % 12 + 1
        return Day(year: y, month: m, day: min(day, Self.daysIn(year: y, month: m))) ?? self
    }

    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 + 1 }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a YYYY-MM-DD date: \(text)")
        }
        self = day
    }
}

/// An inclusive range of days: a Type 2 report's period.
public struct Period: Sendable, Hashable, Codable, CustomStringConvertible {
    public var start: Day
    public var end: Day

    public init(start: Day, end: Day) {
        self.start = start
        self.end = end
    }

    /// Parses "2026-01-01..2026-12-31" (also "to" or a single " - " between the dates).
    public init?(_ text: String) {
        let separators = ["..", " to ", " - ", "/"]
        for separator in separators where text.contains(separator) {
            let parts = text.components(separatedBy: separator)
            guard parts.count == 2, let start = Day(parts[0]), let end = Day(parts[1]) else { return nil }
            self.init(start: start, end: end)
            return
        }
        return nil
    }

    public var description: String { start.description + ".." + end.description }

    public var days: Int { end.ordinal - start.ordinal + 1 }

    /// Whether `day` falls inside the period (both ends included).
    public func contains(_ day: Day) -> Bool { start <= day && day <= end }

    /// Length in months: whole calendar months from the start, plus the remaining days / 30.
    ///
    /// 2026-01-01..2026-12-31 is 12; 2026-01-15..2026-04-14 is 3; 2026-01-01..2026-01-31 is 1.
    public var months: Double {
        let after = end.adding(days: 1)
        var whole = (after.year - start.year) * 12 + (after.month - start.month)
        if start.adding(months: whole) > after { whole -= 1 }
        let remainder = after.ordinal - start.adding(months: whole).ordinal
        return Double(whole) + Double(remainder) / 30
    }

    /// "12 months", "12 months and 1 day", "2 months and 27 days": exact, for messages.
    public var lengthText: String {
        let after = end.adding(days: 1)
        var whole = (after.year - start.year) * 12 + (after.month - start.month)
        if start.adding(months: whole) > after { whole -= 1 }
        let days = after.ordinal - start.adding(months: whole).ordinal
        var parts: [String] = []
        if whole > 0 { parts.append(whole == 1 ? "1 month" : "\(whole) months") }
        if days > 0 || whole == 0 { parts.append(days == 1 ? "1 day" : "\(days) days") }
        return parts.joined(separator: " and ")
    }

    /// The days both periods share, or nil.
    public func intersection(_ other: Period) -> Period? {
        let start = max(self.start, other.start)
        let end = min(self.end, other.end)
        return start <= end ? Period(start: start, end: end) : nil
    }
}
