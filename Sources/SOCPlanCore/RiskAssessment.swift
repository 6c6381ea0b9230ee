/// The auditor's risk assessment of one control in one engagement (domain.md §7): higher or
/// lower, with the factors behind it and a free note.
///
/// It is the engagement's judgement, separate from the client's `risk` column: the client's label
/// is only the default (`Engagement.auditorRisk(of:)`), and the assessment picks the lower- or
/// higher-risk column of the sample table.
public struct RiskAssessment: Sendable, Hashable, Codable {
    /// What raises (or lowers) the risk of a control failing.
    public enum Factor: String, SpelledEnum {
        /// Deviations found in the prior year's testing.
        case priorDeviations = "prior-deviations"
        /// Complex processing or judgement.
        case complexity
        /// Performed by people rather than the system.
        case manual
        /// Performed by the system (a lower-risk factor).
        case automated
        /// Management could override the control.
        case managementOverride = "management-override"
        /// The control, its system or its people changed during the period.
        case change

        public static let valueName = "risk factor"
        public static let aliases: [String: Factor] = [
            "prioryeardeviations": .priorDeviations, "deviations": .priorDeviations,
            "priordeviation": .priorDeviations, "prioryearexceptions": .priorDeviations,
            "priorexceptions": .priorDeviations, "exceptions": .priorDeviations, "complex": .complexity,
            "manualperformance": .manual, "automation": .automated, "override": .managementOverride,
            "managementoverrides": .managementOverride, "changeintheperiod": .change, "changes": .change,
            "changeinperiod": .change, "changed": .change,
        ]
    }

    public var control: ControlID
    public var risk: Risk
    /// In the order given, without repeats.
    public var factors: [Factor]
    public var note: String

    public init(control: ControlID, risk: Risk, factors: [Factor] = [], note: String = "") {
        self.control = control
        self.risk = risk
        var seen = Set<Factor>()
        self.factors = factors.filter { seen.insert($0).inserted }
        self.note = note
    }

    /// "higher" or "lower", as an auditor says it.
    public static func word(_ risk: Risk) -> String { risk == .high ? "higher" : "lower" }
}

extension Engagement {
    /// The risk the engagement's samples follow: the auditor's assessment of the control when there
    /// is one, else the client's `risk` label.
    public func auditorRisk(of control: Control) -> Risk {
        riskAssessments[control.id]?.risk ?? control.risk
    }

    /// A plan-row note when the auditor's risk differs from the client's label, e.g.
    /// "auditor's risk higher (client: lower): prior-deviations, change; new payroll system".
    public func riskNote(for control: Control) -> String? {
        guard let assessment = riskAssessments[control.id], assessment.risk != control.risk else { return nil }
        var note =
            "auditor's risk \(RiskAssessment.word(assessment.risk)) (client: \(RiskAssessment.word(control.risk)))"
        var reasons = assessment.factors.map(\.rawValue).joined(separator: ", ")
        if !assessment.note.isEmpty { reasons += (reasons.isEmpty ? "" : "; ") + assessment.note }
        if !reasons.isEmpty { note += ": " + reasons }
        return note
    }

    /// Checks assessments against the workspace's controls: each names a control that exists.
    public func validateRiskAssessments(controls: [Control]) -> [Diagnostic] {
        let known = Set(controls.map(\.id))
        return riskAssessments.keys.sorted().filter { !known.contains($0) }.map { id in
            Diagnostic(
                .error, "unknown-control",
                "engagement \(name) assesses the risk of \(id), which the workspace does not have",
                hint: Spelling.didYouMean(
                    id.rawValue, in: controls.map(\.id.rawValue),
                    otherwise: "`socplan controls list` lists the controls"),
                subject: id.rawValue)
        }
    }
}

/// Dictionaries keyed by an id encode as JSON objects ({"AC-1": …}), not as arrays of pairs.
extension Identifier: CodingKeyRepresentable {
    public var codingKey: any CodingKey { IdentifierKey(stringValue: rawValue) }

    public init?<T: CodingKey>(codingKey: T) { self.init(codingKey.stringValue) }
}

private struct IdentifierKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
