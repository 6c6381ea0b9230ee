/// A service-organization profile: the seed for objectives, starter controls and evidence.
public struct Profile: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// The id prefix of the profile's objectives and controls ("PAY").
    public var prefix: String
    /// What such an organization provides its user entities, to pre-fill a system description.
    public var services: String

    public init(id: String, name: String, prefix: String, services: String) {
        self.id = id
        self.name = name
        self.prefix = prefix
        self.services = services
    }
}

/// Who the workspace belongs to.
public struct WorkspaceInfo: Sendable, Hashable, Codable {
    public var organization: String
    /// The profile the workspace was seeded from, if any.
    public var profile: String?

    public init(organization: String, profile: String?) {
        self.organization = organization
        self.profile = profile
    }
}

/// Everything in a workspace, read once as values: the planner's input.
///
/// Every array is sorted by id in natural order.
public struct Workspace: Sendable, Hashable, Codable {
    public var info: WorkspaceInfo
    public var objectives: [Objective]
    public var evidence: [EvidenceItem]
    public var controls: [Control]
    /// Sorted by name.
    public var engagements: [Engagement]
    public var cuecs: [CUEC]
    public var subservice: [SubserviceOrganization]
    public var csocs: [CSOC]
    public var customers: [Customer]

    public init(
        info: WorkspaceInfo, objectives: [Objective] = [], evidence: [EvidenceItem] = [], controls: [Control] = [],
        engagements: [Engagement] = [], cuecs: [CUEC] = [], subservice: [SubserviceOrganization] = [],
        csocs: [CSOC] = [],
        customers: [Customer] = []
    ) {
        self.info = info
        self.objectives = objectives
        self.evidence = evidence
        self.controls = controls
        self.engagements = engagements
        self.cuecs = cuecs
        self.subservice = subservice
        self.csocs = csocs
        self.customers = customers
    }
}

/// The built-in reference data: criteria, crosswalk, profiles and their seed inventories.
public struct Catalog: Sendable {
    public var criteria: [Criterion]
    public var crosswalk: [CrosswalkLink]
    public var profiles: [Profile]
    public var itgcObjectives: [Objective]
    public var profileObjectives: [String: [Objective]]
    public var commonEvidence: [EvidenceItem]
    public var profileEvidence: [String: [EvidenceItem]]
    public var commonControls: [Control]
    public var profileControls: [String: [Control]]
    /// Starter CUECs per profile.
    public var profileCUECs: [String: [CUEC]] = [:]
    /// The starter subservice organization (a public cloud, carved out) and its CSOCs.
    public var subservice: [SubserviceOrganization] = []
    public var csocs: [CSOC] = []
    /// Which layers each objective or criterion spans (carve-out-layers.csv).
    public var layers = CarveOutLayers()
    /// Test-procedure templates by control archetype (procedure-templates.csv).
    public var procedures = ProcedureLibrary()
    /// The lexicon and weights of `suggest` (suggest-lexicon.csv, suggest-weights.csv).
    public var suggestion = SuggestionModel()

    public let criterionIndex: [CriterionID: Criterion]

    public init(
        criteria: [Criterion], crosswalk: [CrosswalkLink], profiles: [Profile], itgcObjectives: [Objective],
        profileObjectives: [String: [Objective]], commonEvidence: [EvidenceItem],
        profileEvidence: [String: [EvidenceItem]], commonControls: [Control], profileControls: [String: [Control]]
    ) {
        self.criteria = criteria
        self.crosswalk = crosswalk
        self.profiles = profiles
        self.itgcObjectives = itgcObjectives
        self.profileObjectives = profileObjectives
        self.commonEvidence = commonEvidence
        self.profileEvidence = profileEvidence
        self.commonControls = commonControls
        self.profileControls = profileControls
        self.criterionIndex = Dictionary(criteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func profile(_ id: String) -> Profile? { profiles.first { $0.id == id } }

    /// The seed inventory for a new workspace: ITGC objectives, common evidence, the public
    /// cloud carved out with its CSOCs, and with controls the common starter controls; plus the
    /// profile's objectives, evidence, CUECs (and controls) when one is named.
    public func seed(profile: String?, includeControls: Bool) -> InventoryChanges {
        let key = profile ?? ""
        var seed = InventoryChanges(
            objectives: itgcObjectives + (profileObjectives[key] ?? []),
            evidence: commonEvidence + (profileEvidence[key] ?? []),
            controls: includeControls ? commonControls + (profileControls[key] ?? []) : [])
        seed.subservice = subservice
        seed.csocs = csocs
        seed.cuecs = profileCUECs[key] ?? []
        return seed
    }
}
