/// An engagement as engagements.csv spells it: one field per column. `Tables.engagements`
/// describes its columns; `engagement` assembles the reports' scopes, which only the whole row
/// can validate (`problems`).
public struct EngagementRecord: InventoryRow {
    public var name: String
    public var soc1Type: ReportType = .none
    public var soc1Start: Day?
    public var soc1End: Day?
    public var soc1AsOf: Day?
    public var soc2Type: ReportType = .none
    public var soc2Start: Day?
    public var soc2End: Day?
    public var soc2AsOf: Day?
    /// In catalog order, security always among them.
    public var categories: [TSCCategory] = [.security]
    /// SOC 1 objectives in scope; empty means every objective.
    public var objectives: [ObjectiveID] = []
    public var soc1Calendar = CalendarSettings()
    public var soc2Calendar = CalendarSettings()

    public var id: String { name }

    public init(name: String) { self.name = name }

    /// The record of an engagement: the columns export writes.
    public init(_ engagement: Engagement) {
        name = engagement.name
        (soc1Type, soc1Start, soc1End, soc1AsOf) = Self.columns(engagement.soc1)
        (soc2Type, soc2Start, soc2End, soc2AsOf) = Self.columns(engagement.soc2)
        categories = engagement.orderedCategories
        objectives = engagement.objectives ?? []
        soc1Calendar = engagement.soc1Calendar
        soc2Calendar = engagement.soc2Calendar
    }

    static func columns(_ scope: ReportScope) -> (ReportType, Day?, Day?, Day?) {
        switch scope {
        case .none: return (.none, nil, nil, nil)
        case .type1(let day): return (.type1, nil, nil, day)
        case .type2(let period): return (.type2, period.start, period.end, nil)
        }
    }

    /// A report's scope from its columns, or what is missing.
    public func scope(_ report: ReportKind) -> Result<ReportScope, Diagnostic> {
        let (type, start, end, asOf) =
            report == .soc1 ? (soc1Type, soc1Start, soc1End, soc1AsOf) : (soc2Type, soc2Start, soc2End, soc2AsOf)
        let period = start.flatMap { start in end.map { Period(start: start, end: $0) } }
        return ReportScope.make(type, period: period, asOf: asOf, report: report)
    }

    /// The engagement the row describes; a report whose columns do not make a scope (see
    /// `scope`) is left not issued, so check `scope` first.
    public var engagement: Engagement {
        func scope(_ report: ReportKind) -> ReportScope {
            if case .success(let scope) = self.scope(report) { return scope }
            return .none
        }
        return Engagement(
            name: name, soc1: scope(.soc1), soc2: scope(.soc2), categories: Set(categories),
            objectives: objectives.isEmpty ? nil : objectives, soc1Calendar: soc1Calendar, soc2Calendar: soc2Calendar)
    }
}

extension Workspace {
    /// The engagements as engagements.csv rows.
    public var engagementRecords: [EngagementRecord] {
        get { engagements.map(EngagementRecord.init) }
        set { engagements = newValue.map(\.engagement) }
    }
}

extension InventoryChanges {
    /// The engagements written, as engagements.csv rows.
    public var engagementRecords: [EngagementRecord] {
        get { engagements.map(EngagementRecord.init) }
        set { engagements = newValue.map(\.engagement) }
    }
}
