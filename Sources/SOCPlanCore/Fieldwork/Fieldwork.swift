/// One row of a population a client delivered: the item's key, its date and the line it came from.
public struct PopulationRow: Sendable, Hashable, Codable {
    public var key: String
    public var date: Day
    /// The line of the file (1 is the header).
    public var line: Int

    public init(key: String, date: Day, line: Int) {
        self.key = key
        self.date = date
        self.line = line
    }
}

/// A population delivered for one population request: the file's fingerprint and its rows.
public struct Population: Sendable, Hashable, Codable {
    /// Numbered P-1, P-2 … in the order they were added to the workspace.
    public var id: Int
    public var engagement: String
    /// The request it answers, as numbered when it was added ("R-004").
    public var requestID: String
    public var evidence: EvidenceID
    /// "interim", "roll-forward", or "" for a population of the whole window.
    public var part: String
    /// The days the population must cover: the request's period.
    public var window: Period
    public var file: String
    public var sha256: String
    public var rowCount: Int
    public var keyColumn: String
    public var dateColumn: String
    /// The count the client's system reports, when given: compared with `rowCount`.
    public var controlTotal: Int?
    public var addedBy: String
    /// When it was added (UTC, ISO 8601); the command line's clock, never the planner's.
    public var addedAt: String
    /// False once another population replaced it for the same request (kept as history).
    public var current: Bool
    public var rows: [PopulationRow]

    public init(
        id: Int, engagement: String, requestID: String, evidence: EvidenceID, part: String, window: Period,
        file: String, sha256: String, rowCount: Int, keyColumn: String, dateColumn: String, controlTotal: Int?,
        addedBy: String, addedAt: String, current: Bool = true, rows: [PopulationRow]
    ) {
        self.id = id
        self.engagement = engagement
        self.requestID = requestID
        self.evidence = evidence
        self.part = part
        self.window = window
        self.file = file
        self.sha256 = sha256
        self.rowCount = rowCount
        self.keyColumn = keyColumn
        self.dateColumn = dateColumn
        self.controlTotal = controlTotal
        self.addedBy = addedBy
        self.addedAt = addedAt
        self.current = current
        self.rows = rows
    }

    /// "P-3".
    public var label: String { "P-\(id)" }

    /// The row count agrees with the client's control total (true when no total was given).
    public var isComplete: Bool { controlTotal.map { $0 == rowCount } ?? true }
}

/// How the items of one selection were chosen.
public enum SelectionMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Partial Fisher–Yates shuffle driven by SplitMix64 (the documented default).
    case random
    /// Every k-th item from a random start, k = ⌊population ÷ items⌋.
    case systematic
    /// Items the auditor named, checked against the population.
    case haphazard
}

/// One selected item and the reports it counts for.
public struct SelectedItem: Sendable, Hashable, Codable {
    public var key: String
    public var date: Day
    /// The reports whose period contains the item's date, among those the sample serves.
    public var reports: [ReportKind]
    /// Drawn to extend the sample after a deviation.
    public var isExtension: Bool

    public init(key: String, date: Day, reports: [ReportKind], isExtension: Bool = false) {
        self.key = key
        self.date = date
        self.reports = reports
        self.isExtension = isExtension
    }
}

/// The items of one control drawn from one stratum (a fieldwork's days, cut at the reports' periods).
public struct Selection: Sendable, Hashable, Codable {
    public var id: Int
    public var engagement: String
    public var control: ControlID
    /// The fieldwork that tests the items ("SOC 1 interim").
    public var fieldwork: String
    /// The days the items were drawn from.
    public var window: Period
    /// What was drawn from: "P-3" (a population), "occurrences" (a periodic control's periods) or
    /// "configuration" (a test of one).
    public var source: String
    /// The stratum's name that the seed is derived from ("EV-NEW-USERS|2026-01-01..2026-09-30").
    public var stratum: String
    public var method: SelectionMethod
    /// Items the plan asked for in this stratum.
    public var planned: Int
    public var populationSize: Int
    public var populationSHA256: String
    /// The seed given (or derived from the engagement name) and the stratum's own seed.
    public var baseSeed: UInt64
    public var seed: UInt64
    public var algorithm: String
    public var items: [SelectedItem]
    public var selectedBy: String
    public var selectedAt: String
    /// False once `--reselect` replaced it (kept as history).
    public var current: Bool

    public init(
        id: Int, engagement: String, control: ControlID, fieldwork: String, window: Period, source: String,
        stratum: String, method: SelectionMethod, planned: Int, populationSize: Int, populationSHA256: String,
        baseSeed: UInt64, seed: UInt64, algorithm: String = Selector.algorithm, items: [SelectedItem],
        selectedBy: String = "", selectedAt: String = "", current: Bool = true
    ) {
        self.id = id
        self.engagement = engagement
        self.control = control
        self.fieldwork = fieldwork
        self.window = window
        self.source = source
        self.stratum = stratum
        self.method = method
        self.planned = planned
        self.populationSize = populationSize
        self.populationSHA256 = populationSHA256
        self.baseSeed = baseSeed
        self.seed = seed
        self.algorithm = algorithm
        self.items = items
        self.selectedBy = selectedBy
        self.selectedAt = selectedAt
        self.current = current
    }
}

/// The outcome of testing one item (for one attribute, when the test has several).
public enum ItemOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case noException = "no-exception"
    case exception

    /// Reads the spellings people type ("ok", "pass", "deviation" …).
    public init?(loose text: String) {
        switch Spelling.trimmed(text).lowercased().replacingOccurrences(of: "_", with: "-") {
        case "no-exception", "no exception", "none", "ok", "pass", "passed", "effective", "no exceptions", "":
            self = .noException
        case "exception", "deviation", "fail", "failed", "exception noted": self = .exception
        default: return nil
        }
    }
}

/// A recorded test result of one selected item.
public struct ItemResult: Sendable, Hashable, Codable {
    public var control: ControlID
    public var key: String
    /// The attribute tested ("approval", "timeliness"); "" for a test with one attribute.
    public var attribute: String
    public var outcome: ItemOutcome
    public var description: String

    public init(control: ControlID, key: String, attribute: String = "", outcome: ItemOutcome, description: String = "")
    {
        self.control = control
        self.key = key
        self.attribute = attribute
        self.outcome = outcome
        self.description = description
    }
}

/// The auditor's conclusion on one control.
public enum Conclusion: String, Sendable, Hashable, Codable, CaseIterable {
    case effective = "operating-effectively"
    case exceptionsNoted = "exceptions-noted"
    case notEffective = "not-effective"
    case notTested = "not-tested"
    case didNotOccur = "did-not-occur"

    public init?(loose text: String) {
        let t = Spelling.trimmed(text).lowercased().replacingOccurrences(of: "_", with: "-")
            .replacingOccurrences(of: " ", with: "-")
        switch t {
        case "operating-effectively", "effective", "no-exceptions": self = .effective
        case "exceptions-noted", "exceptions", "effective-with-exceptions": self = .exceptionsNoted
        case "not-effective", "ineffective", "not-operating-effectively": self = .notEffective
        case "not-tested": self = .notTested
        case "did-not-occur", "no-occurrence", "not-occurred": self = .didNotOccur
        default: return nil
        }
    }

    /// The control still does its job for the report (an exception may have to be disclosed).
    public var supports: Bool { self == .effective || self == .exceptionsNoted }

    public var text: String {
        switch self {
        case .effective: return "operating effectively"
        case .exceptionsNoted: return "exceptions noted"
        case .notEffective: return "not operating effectively"
        case .notTested: return "not tested"
        case .didNotOccur: return "did not occur in the period"
        }
    }
}

/// What the auditor recorded about one control as a whole.
public struct ControlConclusion: Sendable, Hashable, Codable {
    public var control: ControlID
    /// Set by the auditor; nil: derived from the item results and the extension table.
    public var conclusion: Conclusion?
    public var managementResponse: String

    public init(control: ControlID, conclusion: Conclusion? = nil, managementResponse: String = "") {
        self.control = control
        self.conclusion = conclusion
        self.managementResponse = managementResponse
    }
}

/// Everything fieldwork recorded for one engagement: populations, selections (with history), results.
public struct Fieldwork: Sendable, Hashable, Codable {
    public var populations: [Population]
    public var selections: [Selection]
    public var results: [ItemResult]
    public var conclusions: [ControlConclusion]

    public init(
        populations: [Population] = [], selections: [Selection] = [], results: [ItemResult] = [],
        conclusions: [ControlConclusion] = []
    ) {
        self.populations = populations
        self.selections = selections
        self.results = results
        self.conclusions = conclusions
    }

    public var currentPopulations: [Population] { populations.filter(\.current) }
    public var currentSelections: [Selection] { selections.filter(\.current) }

    public func selections(of control: ControlID) -> [Selection] {
        currentSelections.filter { $0.control == control }
    }

    public func results(of control: ControlID) -> [ItemResult] { results.filter { $0.control == control } }

    public func conclusion(of control: ControlID) -> ControlConclusion? { conclusions.first { $0.control == control } }

    public var isEmpty: Bool { populations.isEmpty && selections.isEmpty && results.isEmpty && conclusions.isEmpty }
}
