/// Rows to write into the workspace in one transaction, produced by a validated import.
public struct InventoryChanges: Sendable, Hashable {
    /// Rows to insert or update, whole.
    public var objectives: [Objective]
    public var evidence: [EvidenceItem]
    public var controls: [Control]
    public var engagements: [Engagement]
    /// Ids to delete (an import with `--replace` removes what the files no longer hold).
    public var removedObjectives: [ObjectiveID]
    public var removedEvidence: [EvidenceID]
    public var removedControls: [ControlID]
    public var removedEngagements: [String]

    public init(
        objectives: [Objective] = [], evidence: [EvidenceItem] = [], controls: [Control] = [],
        engagements: [Engagement] = [], removedObjectives: [ObjectiveID] = [], removedEvidence: [EvidenceID] = [],
        removedControls: [ControlID] = [], removedEngagements: [String] = []
    ) {
        self.objectives = objectives
        self.evidence = evidence
        self.controls = controls
        self.removedObjectives = removedObjectives
        self.removedEvidence = removedEvidence
        self.removedControls = removedControls
        self.engagements = engagements
        self.removedEngagements = removedEngagements
    }

    public var isEmpty: Bool {
        objectives.isEmpty && evidence.isEmpty && controls.isEmpty && removedObjectives.isEmpty
            && removedEvidence.isEmpty && removedControls.isEmpty
            && engagements.isEmpty && removedEngagements.isEmpty
    }
}
