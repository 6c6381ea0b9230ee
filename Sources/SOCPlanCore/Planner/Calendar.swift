/// The phases of a report's calendar, in the order they happen.
public enum Phase: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case planning, interim, final, reporting

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// One fieldwork phase of one report: the days whose items it tests, and when the auditors test.
public struct FieldworkPhase: Sendable, Hashable, Codable, Comparable {
    public var report: ReportKind
    /// `.interim` or `.final`.
    public var phase: Phase
    /// The days whose items this fieldwork tests: the interim months, the roll-forward months,
    /// the whole period without interim testing, or the as-of date of a Type 1.
    public var covers: Period
    /// The first and last day of fieldwork.
    public var fieldwork: Period

    public init(report: ReportKind, phase: Phase, covers: Period, fieldwork: Period) {
        self.report = report
        self.phase = phase
        self.covers = covers
        self.fieldwork = fieldwork
    }

    /// "SOC 1 interim", "SOC 2 final".
    public var label: String { "\(report.title) \(phase.rawValue)" }

    /// Earlier fieldwork first; on the same day SOC 1 first, then interim before final.
    public static func < (a: Self, b: Self) -> Bool {
        (a.fieldwork.start, a.report, a.phase) < (b.fieldwork.start, b.report, b.phase)
    }
}

/// One report's calendar: its fieldwork phases and its report date.
public struct ReportCalendar: Sendable, Hashable, Codable {
    public var report: ReportKind
    public var scope: ReportScope
    /// Interim fieldwork: samples from the interim months (Type 2 periods of 9 months or more by default).
    public var interim: FieldworkPhase?
    /// Final fieldwork: the roll-forward months (or the whole period, or the Type 1 walkthroughs).
    public var final: FieldworkPhase
    public var reportDate: Day

    public var phases: [FieldworkPhase] { [interim, final].compactMap { $0 } }

    /// The last day of interim fieldwork's sample window, when the report has interim testing.
    public var interimCutoff: Day? { interim?.covers.end }
}

/// The defaults of each report's calendar (domain.md §6), which `CalendarSettings` override per report.
///
/// - Interim testing: Type 2 periods of `interimMinimumMonths` or more. The interim months are the
///   first round(`interimShare` × months) whole months of the period; interim fieldwork starts
///   `interimFieldworkDelayDays` after them (in the last third of the period) and lasts
///   `interimFieldworkDays`.
/// - Final fieldwork starts `finalFieldworkDelayDays` after the report's own period end (a Type 1:
///   `type1FieldworkLeadDays` before its as-of date) and lasts `finalFieldworkDays`
///   (`finalFieldworkDaysWithoutInterim` when there is no interim fieldwork).
/// - The report date is `reportDateDays` after final fieldwork starts.
/// - Planning and kickoff take the `planningDays` before the first fieldwork.
///
/// Every start and report date moves to the next business day of the holiday calendar.
public struct CalendarRules: Sendable, Hashable {
    public var interimMinimumMonths = 9.0
    public var interimShare = 0.75
    public var interimFieldworkDelayDays = 14
    public var interimFieldworkDays = 14
    public var finalFieldworkDelayDays = 14
    public var finalFieldworkDays = 21
    public var finalFieldworkDaysWithoutInterim = 28
    public var type1FieldworkLeadDays = 7
    public var type1FieldworkDays = 14
    public var reportDateDays = 28
    public var planningDays = 21

    public init() {}
}

/// Both reports' calendars, the planning window before them, and the holidays due dates avoid.
public struct EngagementCalendar: Sendable, Hashable {
    public var reports: [ReportCalendar]
    /// Planning, risk assessment and kickoff: the weeks before the first fieldwork.
    public var planning: Period
    public var holidays: HolidayCalendar
    /// Problems with manual dates (fieldwork inside the period it tests, a report before its fieldwork ends).
    public var diagnostics: [Diagnostic]

    public func calendar(_ report: ReportKind) -> ReportCalendar? { reports.first { $0.report == report } }

    /// Every fieldwork phase of both reports, earliest first.
    public var phases: [FieldworkPhase] { reports.flatMap(\.phases).sorted() }

    /// The next business day on or after `day`.
    public func businessDay(_ day: Day) -> Day { holidays.businessDay(onOrAfter: day) }

    /// `count` business days after (negative: before) `day`.
    public func adding(businessDays count: Int, to day: Day) -> Day { holidays.adding(businessDays: count, to: day) }

    public init(engagement: Engagement, rules: CalendarRules = .init(), holidays: HolidayCalendar) {
        self.holidays = holidays
        var diagnostics: [Diagnostic] = []
        var reports: [ReportCalendar] = []
        for report in engagement.reports {
            let settings = engagement.calendarSettings(report)
            if let calendar = Self.calendar(
                report, scope: engagement.scope(report), settings: settings, rules: rules, holidays: holidays,
                diagnostics: &diagnostics)
            {
                reports.append(calendar)
            }
        }
        self.reports = reports
        let first = reports.flatMap(\.phases).map(\.fieldwork.start).min() ?? Day(ordinal: 0)
        let kickoff = holidays.businessDay(onOrAfter: first.adding(days: -rules.planningDays))
        self.planning = Period(start: kickoff, end: max(kickoff, first.adding(days: -1)))
        self.diagnostics = diagnostics + Self.checks(reports, engagement: engagement.name)
    }

    /// The interim months of a Type 2 period by default: the first round(share × months) whole months.
    public static func defaultInterimCutoff(_ period: Period, rules: CalendarRules) -> Day {
        period.start.adding(months: Int((period.months * rules.interimShare).rounded())).adding(days: -1)
    }

    private static func calendar(
        _ report: ReportKind, scope: ReportScope, settings: CalendarSettings, rules: CalendarRules,
        holidays: HolidayCalendar, diagnostics: inout [Diagnostic]
    ) -> ReportCalendar? {
        func start(_ day: Day) -> Day { holidays.businessDay(onOrAfter: day) }
        func window(_ first: Day, days: Int) -> Period { Period(start: first, end: first.adding(days: days - 1)) }
        switch scope {
        case .none:
            return nil
        case .type1(let asOf):
            let first = settings.fieldworkStart ?? start(asOf.adding(days: -rules.type1FieldworkLeadDays))
            let fieldwork = Period(
                start: first, end: settings.fieldworkEnd ?? first.adding(days: rules.type1FieldworkDays - 1))
            let final = FieldworkPhase(
                report: report, phase: .final, covers: Period(start: asOf, end: asOf), fieldwork: fieldwork)
            return ReportCalendar(
                report: report, scope: scope, interim: nil, final: final,
                reportDate: settings.reportDate ?? start(first.adding(days: rules.reportDateDays)))
        case .type2(let period):
            var interim: FieldworkPhase?
            let wanted: Bool
            switch settings.interim {
            case .skipped: wanted = false
            case .fieldwork: wanted = true
            case .automatic:
                wanted = settings.interimCutoff != nil || period.months >= rules.interimMinimumMonths - 1e-9
            }
            if wanted {
                let cutoff = settings.interimCutoff ?? defaultInterimCutoff(period, rules: rules)
                if cutoff >= period.start && cutoff < period.end {
                    let fieldwork: Period
                    if case .fieldwork(let given) = settings.interim {
                        fieldwork = given
                    } else {
                        fieldwork = window(
                            start(cutoff.adding(days: rules.interimFieldworkDelayDays)),
                            days: rules.interimFieldworkDays
                        )
                    }
                    interim = FieldworkPhase(
                        report: report, phase: .interim, covers: Period(start: period.start, end: cutoff),
                        fieldwork: fieldwork)
                } else {
                    diagnostics.append(
                        Diagnostic(
                            .warning, "interim-cutoff-outside",
                            "the \(report.title) interim cut-off \(cutoff) is not inside its period \(period): no interim testing planned",
                            hint: "choose a cut-off from \(period.start) to the day before \(period.end)",
                            subject: report.rawValue))
                }
            }
            let first = settings.fieldworkStart ?? start(period.end.adding(days: rules.finalFieldworkDelayDays))
            let length = interim == nil ? rules.finalFieldworkDaysWithoutInterim : rules.finalFieldworkDays
            let final = FieldworkPhase(
                report: report, phase: .final,
                covers: Period(start: interim.map { $0.covers.end.adding(days: 1) } ?? period.start, end: period.end),
                fieldwork: Period(start: first, end: settings.fieldworkEnd ?? first.adding(days: length - 1)))
            return ReportCalendar(
                report: report, scope: scope, interim: interim, final: final,
                reportDate: settings.reportDate ?? start(first.adding(days: rules.reportDateDays)))
        }
    }

    /// Manual dates that break how fieldwork works: testing months that have not closed, a report
    /// dated before its fieldwork ends, interim fieldwork after the final.
    static func checks(_ reports: [ReportCalendar], engagement: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for calendar in reports {
            for phase in calendar.phases {
                let closes = phase.covers.end
                let isType1 = calendar.scope.period == nil
                if !isType1 && phase.fieldwork.start <= closes {
                    found.append(
                        Diagnostic(
                            .warning, "fieldwork-inside-period",
                            "\(phase.label) fieldwork starts \(phase.fieldwork.start), before the months it tests close (\(phase.covers))",
                            hint:
                                "evidence for a period is complete only once it has closed: start fieldwork after \(closes), or move the interim cut-off",
                            subject: engagement))
                }
                if phase.fieldwork.end < phase.fieldwork.start {
                    found.append(
                        Diagnostic(
                            .error, "fieldwork-reversed",
                            "\(phase.label) fieldwork ends (\(phase.fieldwork.end)) before it starts (\(phase.fieldwork.start))",
                            hint: "write the earlier date first", subject: engagement))
                }
            }
            if calendar.reportDate < calendar.final.fieldwork.end {
                found.append(
                    Diagnostic(
                        .warning, "report-before-fieldwork-ends",
                        "the \(calendar.report.title) report date \(calendar.reportDate) is before its final fieldwork ends (\(calendar.final.fieldwork.end))",
                        hint: "date the report after fieldwork, usually 4–8 weeks after it starts",
                        subject: engagement))
            }
            if let interim = calendar.interim, interim.fieldwork.start >= calendar.final.fieldwork.start {
                found.append(
                    Diagnostic(
                        .warning, "interim-after-final",
                        "\(calendar.report.title) interim fieldwork (\(interim.fieldwork.start)) does not come before final fieldwork (\(calendar.final.fieldwork.start))",
                        hint: "interim fieldwork belongs in the last third of the period", subject: engagement))
            }
        }
        return found
    }
}
