/// How often a control is performed (not how often transactions occur).
public enum Frequency: String, SpelledEnum {
    case annual, semiannual, quarterly, monthly, weekly, daily
    /// Many times a day, per transaction, or continuous.
    case recurring
    /// As needed: performed when its trigger occurs.
    case eventDriven = "event-driven"

    public static let valueName = "frequency"
    public static let aliases: [String: Frequency] = [
        "annually": .annual, "yearly": .annual, "onceayear": .annual, "year": .annual,
        "semiannually": .semiannual, "semiannual": .semiannual, "biannual": .semiannual,
        "biannually": .semiannual, "halfyearly": .semiannual, "twiceayear": .semiannual,
        "quarter": .quarterly, "month": .monthly, "week": .weekly, "day": .daily,
        "multipletimesperday": .recurring, "multipletimesaday": .recurring,
        "severaltimesaday": .recurring, "manytimesaday": .recurring, "continuous": .recurring,
        "continuously": .recurring, "pertransaction": .recurring, "realtime": .recurring,
        "ongoing": .recurring, "asneeded": .eventDriven, "adhoc": .eventDriven,
        "eventdriven": .eventDriven, "event": .eventDriven, "ondemand": .eventDriven,
        "perevent": .eventDriven, "uponoccurrence": .eventDriven, "asrequired": .eventDriven,
    ]
}

/// Whether a person performs the control, a person relying on system output, or the system itself.
public enum Nature: String, SpelledEnum {
    case manual
    case itDependentManual = "it-dependent-manual"
    case automated

    public static let valueName = "nature"
    public static let aliases: [String: Nature] = [
        "itdm": .itDependentManual, "itdependent": .itDependentManual,
        "itdependentmanual": .itDependentManual, "manualitdependent": .itDependentManual,
        "semiautomated": .itDependentManual, "automatic": .automated, "system": .automated,
        "applicationcontrol": .automated, "itapplicationcontrol": .automated, "auto": .automated,
    ]
}

/// Whether a control prevents a problem or detects it after the fact.
public enum ControlType: String, SpelledEnum {
    case preventive, detective
    public static let valueName = "type"
    public static let aliases: [String: ControlType] = [
        "preventative": .preventive, "prevent": .preventive, "detect": .detective,
    ]
}

/// The risk the control addresses; it picks the lower- or higher-risk column of the sample table.
public enum Risk: String, SpelledEnum {
    case low, high
    public static let valueName = "risk"
    public static let aliases: [String: Risk] = [
        "lower": .low, "l": .low, "higher": .high, "h": .high,
    ]
}

/// What one sample item of a control is: an occurrence of the control (the default), or a person,
/// for employee-level controls (training, policy acknowledgment, background checks) that are
/// sampled from the people rather than as one annual event.
public enum SamplingUnit: String, SpelledEnum {
    /// One performance of the control (a review, a change, a reconciliation).
    case occurrence
    /// One employee of the headcount (annual training, policy acknowledgment): population_size is the headcount.
    case headcount
    /// One new hire of the window (background checks, onboarding): population_size is hires a year.
    case hires
    public static let valueName = "sampling unit"
    public static let aliases: [String: SamplingUnit] = [
        "event": .occurrence, "occurrences": .occurrence, "instance": .occurrence, "employee": .headcount,
        "employees": .headcount, "people": .headcount, "person": .headcount, "staff": .headcount,
        "hire": .hires, "newhire": .hires, "newhires": .hires, "joiners": .hires, "joiner": .hires,
    ]
}

/// How an auditor tests a control.
public enum TestMethod: String, SpelledEnum {
    case inquiry, observation, inspection, reperformance
    public static let valueName = "test method"
    public static let aliases: [String: TestMethod] = [
        "inquire": .inquiry, "observe": .observation, "inspect": .inspection,
        "reperform": .reperformance, "examination": .inspection,
    ]
}

/// One control of the shared inventory, mapped to SOC 1 objectives and SOC 2 criteria.
public struct Control: Sendable, Hashable, Codable, Identifiable {
    public var id: ControlID
    public var title: String
    public var description: String
    /// The role that performs the control.
    public var owner: String
    /// Where requests for the control's evidence go; empty when unknown.
    public var ownerEmail: String
    /// How often it is performed. Meaningful only when `frequencyKnown`: a control imported
    /// without one is listed as not sized and never planned on this value.
    public var frequency: Frequency
    public var nature: Nature
    /// False for a control imported without a frequency (or nature): it is not sized until set.
    public var frequencyKnown = true
    public var natureKnown = true
    public var type: ControlType?
    public var key: Bool
    public var risk: Risk
    public var objectives: [ObjectiveID]
    public var criteria: [CriterionID]
    public var evidence: [EvidenceID]
    public var testMethods: [TestMethod]
    /// The organisation's own test procedure; empty means the planner writes one.
    public var testProcedure: String
    /// Expected occurrences a year, for event-driven and recurring controls.
    public var populationSize: Int?
    /// Names the homogeneous population the control acts on (e.g. `new-hires`): controls with the same
    /// key share one sample; empty means the control gets its own.
    public var populationKey: String
    /// What one sample item is: an occurrence, or an employee of the headcount or of the hires.
    public var samplingUnit: SamplingUnit
    public var systems: [String]
    /// Subservice organizations this control monitors (e.g. the annual review of their SOC report).
    public var monitors: [String]
    /// The subservice organization that performs this control (inclusive method); empty when the
    /// service organization does.
    public var performedBy: String
    /// The procedure template (archetype) to test it with; empty: chosen from its words,
    /// "generic": none.
    public var procedureTemplate: String

    public init(
        id: ControlID, title: String, description: String = "", owner: String = "", ownerEmail: String = "",
        frequency: Frequency, nature: Nature, type: ControlType? = nil, key: Bool = true,
        risk: Risk = .low, objectives: [ObjectiveID] = [], criteria: [CriterionID] = [],
        evidence: [EvidenceID] = [], testMethods: [TestMethod] = [], testProcedure: String = "",
        populationSize: Int? = nil, populationKey: String = "", samplingUnit: SamplingUnit = .occurrence,
        systems: [String] = [], monitors: [String] = [], performedBy: String = "", procedureTemplate: String = ""
    ) {
        self.procedureTemplate = procedureTemplate
        self.id = id
        self.title = title
        self.description = description
        self.owner = owner
        self.ownerEmail = ownerEmail
        self.frequency = frequency
        self.nature = nature
        self.type = type
        self.key = key
        self.risk = risk
        self.objectives = objectives
        self.criteria = criteria
        self.evidence = evidence
        self.testMethods = testMethods
        self.testProcedure = testProcedure
        self.populationSize = populationSize
        self.populationKey = populationKey
        self.samplingUnit = samplingUnit
        self.systems = systems
        self.monitors = monitors
        self.performedBy = performedBy
    }
}

extension Control {
    /// The frequency, or nil when nobody has said it yet.
    public var knownFrequency: Frequency? {
        get { frequencyKnown ? frequency : nil }
        set {
            frequencyKnown = newValue != nil
            frequency = newValue ?? .annual
        }
    }

    /// The nature, or nil when nobody has said it yet.
    public var knownNature: Nature? {
        get { natureKnown ? nature : nil }
        set {
            natureKnown = newValue != nil
            nature = newValue ?? .manual
        }
    }

    /// Whether the planner can size it: its frequency and nature are known.
    public var isSized: Bool { frequencyKnown && natureKnown }

    /// "frequency unknown", "nature unknown" or both, for a control that is not sized.
    public var unsizedReason: String {
        [frequencyKnown ? nil : "frequency", natureKnown ? nil : "nature"].compactMap { $0 }.joined(separator: " and ")
            + " unknown"
    }
}

/// What kind of artefact an evidence item is; it decides how it is requested.
public enum EvidenceKind: String, SpelledEnum {
    /// A system-generated list of every occurrence in the period, to sample from.
    case population
    /// A policy, report, minutes or other document.
    case document
    /// A system setting, shown as of a date.
    case configuration
    public static let valueName = "evidence kind"
    public static let aliases: [String: EvidenceKind] = [
        "list": .population, "listing": .population, "report": .document, "policy": .document,
        "config": .configuration, "setting": .configuration, "screenshot": .configuration,
    ]
}

/// An artefact the auditor asks for; one item can serve many controls and both reports.
public struct EvidenceItem: Sendable, Hashable, Codable, Identifiable {
    public var id: EvidenceID
    public var title: String
    public var kind: EvidenceKind
    /// The system or report that produces it.
    public var source: String
    /// The role that provides it.
    public var owner: String

    public init(id: EvidenceID, title: String, kind: EvidenceKind, source: String = "", owner: String = "") {
        self.id = id
        self.title = title
        self.kind = kind
        self.source = source
        self.owner = owner
    }
}
