/// The two reports of a joint engagement.
public enum ReportKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case soc1, soc2

    public var title: String { self == .soc1 ? "SOC 1" : "SOC 2" }
    public static func < (a: Self, b: Self) -> Bool { a == .soc1 && b == .soc2 }
}

/// What one report of the engagement is: not issued, Type 1 as of a date, or Type 2 over a period.
///
/// JSON: `{"type": "none"}`, `{"type": "type1", "as_of": "2026-06-30"}` or
/// `{"type": "type2", "start": "2026-01-01", "end": "2026-12-31"}`.
public enum ReportScope: Sendable, Hashable, Codable {
    case none
    case type1(asOf: Day)
    case type2(Period)

    public var isIssued: Bool { self != .none }

    private enum CodingKeys: String, CodingKey { case type, asOf = "as_of", start, end }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(typeName, forKey: .type)
        switch self {
        case .none: break
        case .type1(let day): try container.encode(day, forKey: .asOf)
        case .type2(let period):
            try container.encode(period.start, forKey: .start)
            try container.encode(period.end, forKey: .end)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "type1": self = .type1(asOf: try container.decode(Day.self, forKey: .asOf))
        case "type2":
            self = .type2(
                Period(
                    start: try container.decode(Day.self, forKey: .start),
                    end: try container.decode(Day.self, forKey: .end)))
        default: self = .none
        }
    }

    /// "none", "type1" or "type2".
    public var typeName: String {
        switch self {
        case .none: return "none"
        case .type1: return "type1"
        case .type2: return "type2"
        }
    }

    /// "Type 2, 2026-01-01..2026-12-31", "Type 1 as of 2026-06-30", "none".
    public var summary: String {
        switch self {
        case .none: return "none"
        case .type1(let day): return "Type 1 as of \(day)"
        case .type2(let period): return "Type 2, \(period)"
        }
    }

    public var period: Period? {
        if case .type2(let period) = self { return period }
        return nil
    }

    /// The last day the report speaks of: the period end or the as-of date.
    public var endDay: Day? {
        switch self {
        case .none: return nil
        case .type1(let day): return day
        case .type2(let period): return period.end
        }
    }
}

/// One joint engagement: what each report covers and when.
public struct Engagement: Sendable, Hashable, Codable {
    public var name: String
    public var soc1: ReportScope
    public var soc2: ReportScope
    /// SOC 2 categories in scope; security is always among them.
    public var categories: Set<TSCCategory>
    /// SOC 1 objectives in scope; nil means every objective of the workspace.
    public var objectives: [ObjectiveID]?
    /// The manager's overrides of each report's calendar (interim, fieldwork, report date).
    public var soc1Calendar: CalendarSettings
    public var soc2Calendar: CalendarSettings
    /// The auditor's risk assessment per control; a control without one follows the client's label
    /// (`auditorRisk(of:)`).
    public var riskAssessments: [ControlID: RiskAssessment]
    /// The effort-model profile the estimate uses (one of `EffortModel.profiles`); nil means the
    /// default, mid-tier.
    public var effortProfile: String?

    public init(
        name: String, soc1: ReportScope = .none, soc2: ReportScope = .none, categories: Set<TSCCategory> = [.security],
        objectives: [ObjectiveID]? = nil, soc1Calendar: CalendarSettings = .init(),
        soc2Calendar: CalendarSettings = .init(), riskAssessments: [ControlID: RiskAssessment] = [:],
        effortProfile: String? = nil
    ) {
        self.name = name
        self.soc1 = soc1
        self.soc2 = soc2
        self.categories = categories.union([.security])
        self.objectives = objectives
        self.soc1Calendar = soc1Calendar
        self.soc2Calendar = soc2Calendar
        self.riskAssessments = riskAssessments
        self.effortProfile = effortProfile
    }

    public func scope(_ report: ReportKind) -> ReportScope { report == .soc1 ? soc1 : soc2 }

    /// The calendar overrides of one report.
    public func calendarSettings(_ report: ReportKind) -> CalendarSettings {
        report == .soc1 ? soc1Calendar : soc2Calendar
    }

    public mutating func setCalendarSettings(_ settings: CalendarSettings, for report: ReportKind) {
        if report == .soc1 { soc1Calendar = settings } else { soc2Calendar = settings }
    }

    /// The same engagement with only `report` issued: what that audit would be on its own.
    public func alone(_ report: ReportKind) -> Engagement {
        var single = self
        if report == .soc1 { single.soc2 = .none } else { single.soc1 = .none }
        return single
    }

    /// The issued reports, SOC 1 first.
    public var reports: [ReportKind] { ReportKind.allCases.filter { scope($0).isIssued } }

    /// Categories in catalog order.
    public var orderedCategories: [TSCCategory] { TSCCategory.allCases.filter(categories.contains) }

    /// The SOC 1 objectives in scope, given the workspace's objectives.
    public func objectivesInScope(_ all: [Objective]) -> [Objective] {
        guard soc1.isIssued else { return [] }
        guard let chosen = objectives else { return all }
        let set = Set(chosen)
        return all.filter { set.contains($0.id) }
    }

    /// The criteria in scope, given the catalog's criteria.
    public func criteriaInScope(_ all: [Criterion]) -> [Criterion] {
        guard soc2.isIssued else { return [] }
        return all.filter { categories.contains($0.category) }
    }

    /// Checks an engagement against the rules and the workspace; errors make it unusable.
    ///
    /// A Type 2 period runs at most 12 months (error) and should run at least 3 (warning);
    /// at least one report is issued; every scoped objective exists.
    public func validate(objectives known: [Objective]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if !soc1.isIssued && !soc2.isIssued {
            found.append(
                Diagnostic(
                    .error, "no-report", "engagement \(name) issues neither a SOC 1 nor a SOC 2",
                    hint: "issue a SOC 1 or a SOC 2, Type 1 or Type 2", subject: name))
        }
        for report in ReportKind.allCases {
            guard case .type2(let period) = scope(report) else { continue }
            if period.start > period.end {
                found.append(
                    Diagnostic(
                        .error, "period-reversed",
                        "the \(report.title) period starts (\(period.start)) after it ends (\(period.end))",
                        hint: "give the \(report.title) period with the earlier date first", subject: name))
            } else if period.months > 12.0001 {
                found.append(
                    Diagnostic(
                        .error, "period-too-long",
                        "the \(report.title) period \(period) runs \(period.lengthText); a report covers at most 12 months",
                        hint: "shorten the \(report.title) period to 12 months or less", subject: name))
            } else if period.months < 2.9999 {
                found.append(
                    Diagnostic(
                        .warning, "period-short",
                        "the \(report.title) period \(period) runs \(period.lengthText); fewer than 3 months is rarely accepted",
                        hint: "3 months is the usual minimum for a first Type 2, 6–12 afterwards", subject: name))
            } else if report == .soc1 && period.months < WindowAnalysis.Parameters().minPeriodMonths - 0.0001 {
                found.append(
                    Diagnostic(
                        .warning, "soc1-short-period",
                        "the SOC 1 Type 2 period \(period) runs \(period.lengthText); user auditors question a SOC 1 period under \(WindowAnalysis.months(WindowAnalysis.Parameters().minPeriodMonths))",
                        hint: "6–12 months is expected; a shorter period is accepted mainly for a first report",
                        subject: name))
            }
        }
        if let chosen = objectives {
            let ids = Set(known.map(\.id))
            for id in chosen where !ids.contains(id) {
                found.append(
                    Diagnostic(
                        .error, "unknown-objective",
                        "engagement \(name) scopes objective \(id), which the workspace does not have",
                        hint: Spelling.didYouMean(
                            id.rawValue, in: known.map(\.id.rawValue),
                            otherwise: "the objective ids are those of the workspace's objective library"),
                        subject: id.rawValue))
            }
        }
        return found
    }

    static func format(_ months: Double) -> String {
        let rounded = (months * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// The type of one report, as typed on the command line or in engagements.csv.
public enum ReportType: String, SpelledEnum {
    case none, type1, type2
    public static let valueName = "report type"
    public static let aliases: [String: ReportType] = [
        "typei": .type1, "t1": .type1, "1": .type1, "typeii": .type2, "t2": .type2, "2": .type2, "na": .none,
        "no": .none, "notissued": .none,
    ]
}

extension ReportScope {
    /// A report's scope from its type and dates, or the problem with them.
    ///
    /// A Type 2 needs a period and no as-of date; a Type 1 needs an as-of date and no period.
    public static func make(_ type: ReportType, period: Period?, asOf: Day?, report: ReportKind) -> Result<
        ReportScope, Diagnostic
    > {
        switch type {
        case .none:
            return .success(.none)
        case .type1:
            guard let asOf else {
                return .failure(
                    Diagnostic(
                        .error, "type1-without-date", "a \(report.title) Type 1 needs the date it speaks as of",
                        hint: "give the \(report.title) report's as-of date (YYYY-MM-DD)"))
            }
            return .success(.type1(asOf: asOf))
        case .type2:
            guard let period else {
                return .failure(
                    Diagnostic(
                        .error, "type2-without-period", "a \(report.title) Type 2 needs its period",
                        hint: "give the \(report.title) period, e.g. 2026-01-01..2026-12-31"))
            }
            return .success(.type2(period))
        }
    }
}

/// A manager's overrides of one report's calendar; what is nil (or automatic) takes the default
/// of `CalendarRules`.
public struct CalendarSettings: Sendable, Hashable, Codable {
    /// Interim testing: the default (periods of 9 months or more), none, or a fieldwork window.
    public enum Interim: Sendable, Hashable, Codable {
        case automatic
        case skipped
        case fieldwork(Period)

        /// "" (automatic), "none", or the fieldwork window "START..END".
        public var text: String {
            switch self {
            case .automatic: return ""
            case .skipped: return "none"
            case .fieldwork(let period): return period.description
            }
        }

        /// Parses `text`; nil when it is neither empty, "none", "auto" nor a period.
        public init?(text: String) {
            let trimmed = Spelling.trimmed(text).lowercased()
            switch trimmed {
            case "", "auto", "automatic", "default": self = .automatic
            case "none", "no", "skip", "skipped": self = .skipped
            default:
                guard let period = Period(trimmed) else { return nil }
                self = .fieldwork(period)
            }
        }
    }

    public var interim: Interim
    /// The last day whose items the interim fieldwork tests.
    public var interimCutoff: Day?
    /// First (and, when given, last) day of final fieldwork.
    public var fieldworkStart: Day?
    public var fieldworkEnd: Day?
    /// The date the report is issued.
    public var reportDate: Day?

    public init(
        interim: Interim = .automatic, interimCutoff: Day? = nil, fieldworkStart: Day? = nil, fieldworkEnd: Day? = nil,
        reportDate: Day? = nil
    ) {
        self.interim = interim
        self.interimCutoff = interimCutoff
        self.fieldworkStart = fieldworkStart
        self.fieldworkEnd = fieldworkEnd
        self.reportDate = reportDate
    }

    /// Final fieldwork as written in engagements.csv: "", "START" or "START..END".
    public var fieldworkText: String {
        guard let fieldworkStart else { return "" }
        return fieldworkEnd.map { "\(fieldworkStart)..\($0)" } ?? fieldworkStart.description
    }

    /// Sets final fieldwork from "START" or "START..END"; false when `text` is neither.
    public mutating func setFieldwork(_ text: String) -> Bool {
        let trimmed = Spelling.trimmed(text)
        if trimmed.isEmpty {
            (fieldworkStart, fieldworkEnd) = (nil, nil)
        } else if let day = Day(trimmed) {
            (fieldworkStart, fieldworkEnd) = (day, nil)
        } else if let period = Period(trimmed), period.start <= period.end {
            (fieldworkStart, fieldworkEnd) = (period.start, period.end)
        } else {
            return false
        }
        return true
    }
}

extension Engagement: Identifiable {
    public var id: String { name }
}
