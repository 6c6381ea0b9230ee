import Foundation

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
    /// The ITGC areas' links to criteria; a catalog loader may have it made on first read
    /// (`crosswalk(making:)`), like the profiles, layers and procedures: few commands read them.
    public var crosswalk: [CrosswalkLink] {
        get { crosswalkStore.value }
        set { crosswalkStore = LazyValue(newValue) }
    }
    private var crosswalkStore: LazyValue<[CrosswalkLink]>
    public var profiles: [Profile] {
        get { profilesStore.value }
        set { profilesStore = LazyValue(newValue) }
    }
    private var profilesStore: LazyValue<[Profile]>
    /// The seed inventories, made when first read (most commands never read them).
    private var seeds: SeedStore
    public var itgcObjectives: [Objective] {
        get { seeds.value.itgcObjectives }
        set { changeSeeds { $0.itgcObjectives = newValue } }
    }
    public var profileObjectives: [String: [Objective]] {
        get { seeds.value.profileObjectives }
        set { changeSeeds { $0.profileObjectives = newValue } }
    }
    public var commonEvidence: [EvidenceItem] {
        get { seeds.value.commonEvidence }
        set { changeSeeds { $0.commonEvidence = newValue } }
    }
    public var profileEvidence: [String: [EvidenceItem]] {
        get { seeds.value.profileEvidence }
        set { changeSeeds { $0.profileEvidence = newValue } }
    }
    public var commonControls: [Control] {
        get { seeds.value.commonControls }
        set { changeSeeds { $0.commonControls = newValue } }
    }
    public var profileControls: [String: [Control]] {
        get { seeds.value.profileControls }
        set { changeSeeds { $0.profileControls = newValue } }
    }
    /// Starter CUECs per profile.
    public var profileCUECs: [String: [CUEC]] {
        get { seeds.value.profileCUECs }
        set { changeSeeds { $0.profileCUECs = newValue } }
    }
    /// The starter subservice organization (a public cloud, carved out) and its CSOCs.
    public var subservice: [SubserviceOrganization] {
        get { seeds.value.subservice }
        set { changeSeeds { $0.subservice = newValue } }
    }
    public var csocs: [CSOC] {
        get { seeds.value.csocs }
        set { changeSeeds { $0.csocs = newValue } }
    }
    /// Which layers each objective or criterion spans (carve-out-layers.csv).
    public var layers: CarveOutLayers {
        get { layersStore.value }
        set { layersStore = LazyValue(newValue) }
    }
    private var layersStore = LazyValue(CarveOutLayers())
    /// Test-procedure templates by control archetype (procedure-templates.csv).
    public var procedures: ProcedureLibrary {
        get { proceduresStore.value }
        set { proceduresStore = LazyValue(newValue) }
    }
    private var proceduresStore = LazyValue(ProcedureLibrary())
    /// The lexicon and weights of `suggest` (suggest-lexicon.csv, suggest-weights.csv); a
    /// catalog loader may have it made on first read (`suggestion(making:)`): only `suggest` reads it.
    public var suggestion: SuggestionModel {
        get { suggestionStore.value }
        set { suggestionStore = LazyValue(newValue) }
    }
    private var suggestionStore = LazyValue<SuggestionModel>(making: { SuggestionModel() })

    /// Has the suggestion model made by `make` when first read (once, whichever copy reads it first).
    public mutating func suggestion(making make: @escaping @Sendable () -> SuggestionModel) {
        suggestionStore = LazyValue(making: make)
    }

    /// Has the crosswalk made by `make` when first read (once, whichever copy reads it first).
    public mutating func crosswalk(making make: @escaping @Sendable () -> [CrosswalkLink]) {
        crosswalkStore = LazyValue(making: make)
    }

    /// Has the profiles made by `make` when first read (once, whichever copy reads it first).
    public mutating func profiles(making make: @escaping @Sendable () -> [Profile]) {
        profilesStore = LazyValue(making: make)
    }

    /// Has the carve-out layers made by `make` when first read (once, whichever copy reads them first).
    public mutating func layers(making make: @escaping @Sendable () -> CarveOutLayers) {
        layersStore = LazyValue(making: make)
    }

    /// Has the procedure library made by `make` when first read (once, whichever copy reads it first).
    public mutating func procedures(making make: @escaping @Sendable () -> ProcedureLibrary) {
        proceduresStore = LazyValue(making: make)
    }

    public let criterionIndex: [CriterionID: Criterion]

    public init(
        criteria: [Criterion], crosswalk: [CrosswalkLink], profiles: [Profile], itgcObjectives: [Objective],
        profileObjectives: [String: [Objective]], commonEvidence: [EvidenceItem],
        profileEvidence: [String: [EvidenceItem]], commonControls: [Control], profileControls: [String: [Control]]
    ) {
        var seeds = CatalogSeeds()
        seeds.itgcObjectives = itgcObjectives
        seeds.profileObjectives = profileObjectives
        seeds.commonEvidence = commonEvidence
        seeds.profileEvidence = profileEvidence
        seeds.commonControls = commonControls
        seeds.profileControls = profileControls
        self.init(criteria: criteria, crosswalk: crosswalk, profiles: profiles, seeds: SeedStore(seeds))
    }

    /// A catalog whose seed inventories are made by `seeds` when first read (once, whichever copy
    /// of the catalog reads them first).
    public init(
        criteria: [Criterion], crosswalk: [CrosswalkLink], profiles: [Profile],
        seeds: @escaping @Sendable () -> CatalogSeeds
    ) {
        self.init(criteria: criteria, crosswalk: crosswalk, profiles: profiles, seeds: SeedStore(making: seeds))
    }

    private init(criteria: [Criterion], crosswalk: [CrosswalkLink], profiles: [Profile], seeds: SeedStore) {
        self.criteria = criteria
        self.crosswalkStore = LazyValue(crosswalk)
        self.profilesStore = LazyValue(profiles)
        self.seeds = seeds
        self.criterionIndex = Dictionary(criteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private mutating func changeSeeds(_ change: (inout CatalogSeeds) -> Void) {
        var value = seeds.value
        change(&value)
        seeds = SeedStore(value)
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

/// The seed inventories of a catalog: what `socplan init` and `demo` write into a new workspace.
public struct CatalogSeeds: Sendable {
    public var itgcObjectives: [Objective] = []
    public var profileObjectives: [String: [Objective]] = [:]
    public var commonEvidence: [EvidenceItem] = []
    public var profileEvidence: [String: [EvidenceItem]] = [:]
    public var commonControls: [Control] = []
    public var profileControls: [String: [Control]] = [:]
    public var profileCUECs: [String: [CUEC]] = [:]
    public var subservice: [SubserviceOrganization] = []
    public var csocs: [CSOC] = []

    public init() {}
}

/// A value made once, on first read, by whichever copy of its owner reads it first (the owner
/// replaces the box when it changes the value, so copies never see each other's changes).
final class LazyValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private var make: (@Sendable () -> Value)?

    init(_ value: Value) { made = value }
    init(making make: @escaping @Sendable () -> Value) { self.make = make }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let value = make!()
        made = value
        make = nil
        return value
    }
}

typealias SeedStore = LazyValue<CatalogSeeds>
