/// Rows to write into the workspace in one transaction, produced by a validated import.
public struct InventoryChanges: Sendable, Hashable {
    /// Rows to insert or update, whole.
    public var objectives: [Objective]
    public var evidence: [EvidenceItem]
    public var controls: [Control]
    public var engagements: [Engagement]
    public var cuecs: [CUEC] = []
    public var subservice: [SubserviceOrganization] = []
    public var csocs: [CSOC] = []
    public var customers: [Customer] = []
    /// Ids to delete (an import with `--replace` removes what the files no longer hold).
    public var removedObjectives: [ObjectiveID]
    public var removedEvidence: [EvidenceID]
    public var removedControls: [ControlID]
    public var removedEngagements: [String]
    public var removedCUECs: [String] = []
    public var removedSubservice: [String] = []
    public var removedCSOCs: [String] = []
    public var removedCustomers: [String] = []

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
            && engagements.isEmpty && removedEngagements.isEmpty && cuecs.isEmpty && subservice.isEmpty && csocs.isEmpty
            && customers.isEmpty && removedCUECs.isEmpty && removedSubservice.isEmpty && removedCSOCs.isEmpty
            && removedCustomers.isEmpty
    }
}
