import Foundation

/// How sure a suggestion is: its score against the thresholds of the weighting.
public enum Confidence: String, SpelledEnum, Comparable {
    case high, medium, low

    public static let valueName = "confidence"
    private var rank: Int { self == .high ? 2 : self == .medium ? 1 : 0 }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// The weights and thresholds of the suggestion score (Catalogs/suggest-weights.csv explains the formula).
public struct SuggestionWeights: Sendable, Hashable, Codable {
    /// Points when one of the control's criteria is a primary (secondary) crosswalk link of the objective's area.
    public var crosswalkPrimary = 1.0
    public var crosswalkSecondary = 0.5
    /// Multiplies the lexicon weights of the area's terms found in the control's title and description.
    public var words = 1.0
    /// Multiplies the lexicon weights of the area's terms found only in the control's evidence and systems.
    public var evidence = 0.5
    /// Points per word the control shares with the objective's own title, up to the cap.
    public var objectiveWord = 0.5
    public var objectiveWordCap = 2.0
    /// Points per word of the profile's services the control uses (business-process objectives), up to the cap.
    public var profileWord = 0.25
    public var profileWordCap = 1.0
    /// Score thresholds of the confidences; below `low` a candidate is not suggested.
    public var high = 3.0
    public var medium = 2.0
    public var low = 1.0
    /// A candidate scoring under this share of the control's best candidate of its domain is held to low.
    public var runnerUp = 0.5
    /// The words must give an area with no SOC 1 objective at least this many points to hold the
    /// control's ITGC candidates back, and more than any ITGC objective gets from words, evidence and
    /// objective words plus `noObjectiveCrosswalk` × its crosswalk points.
    public var noObjectiveMinimum = 1.0
    public var noObjectiveCrosswalk = 0.5
    /// An ITGC candidate scoring at least this, on which the crosswalk and the control's own words agree, and
    /// that leads every other ITGC objective (they score under `runnerUp` × its score), is at least medium;
    /// 0 turns the rule off.
    public var agreement = 0.0

    public init() {}

    /// The weights by their name in the weights file, in the order of the fields above.
    private static var named: [(name: String, field: WritableKeyPath<Self, Double>)] {
        [
            ("crosswalk_primary", \.crosswalkPrimary), ("crosswalk_secondary", \.crosswalkSecondary),
            ("words", \.words), ("evidence", \.evidence), ("objective_word", \.objectiveWord),
            ("objective_word_cap", \.objectiveWordCap), ("profile_word", \.profileWord),
            ("profile_word_cap", \.profileWordCap), ("high", \.high), ("medium", \.medium), ("low", \.low),
            ("runner_up", \.runnerUp), ("no_objective_minimum", \.noObjectiveMinimum),
            ("no_objective_crosswalk", \.noObjectiveCrosswalk), ("agreement", \.agreement),
        ]
    }

    public static var names: [String] { named.map(\.name) }

    /// Sets the weight called `name`; false when there is no such weight.
    public mutating func set(_ name: String, to value: Double) -> Bool {
        guard let field = Self.named.first(where: { $0.name == name })?.field else { return false }
        self[keyPath: field] = value
        return true
    }

    /// The confidence of a score, nil below `low`.
    public func confidence(of score: Double) -> Confidence? {
        score >= high ? .high : score >= medium ? .medium : score >= low ? .low : nil
    }
}

/// The lexicon and weights `suggest` scores with.
public struct SuggestionModel: Sendable {
    public let terms: [LexiconTerm]
    public let weights: SuggestionWeights
    let lexicon: Lexicon

    public init(terms: [LexiconTerm] = [], weights: SuggestionWeights = SuggestionWeights()) {
        self.terms = terms
        self.weights = weights
        self.lexicon = Lexicon(terms)
    }

    /// The prefix of lexicon areas that name a frequency ("frequency:quarterly") or a nature.
    public static let frequencyArea = "frequency:"
    public static let natureArea = "nature:"
    /// The prefix of lexicon areas that hold one objective's own vocabulary ("objective:BP-PAY-5"): the
    /// business-process objectives of a profile share one area, so their words are kept per objective.
    public static let objectiveArea = "objective:"

    /// The lexicon area whose terms count for `objective`: its ITGC area, or `objective:ID` for a
    /// business-process objective.
    static func lexiconArea(of objective: Objective) -> String {
        objective.domain == .itgc ? objective.area : objectiveArea + objective.id.rawValue
    }
}

/// One reason a candidate scored what it did.
public struct SuggestionSignal: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case crosswalk
        /// Lexicon terms of the area in the control's title and description.
        case words
        /// Lexicon terms of the area in the control's evidence and systems.
        case evidence
        /// Words of the objective's own title.
        case objective
        /// Words of the profile's services (business-process objectives).
        case profile
    }

    public var kind: Kind
    public var points: Double
    /// "CC6.1 is primary for Logical access", or the terms found.
    public var detail: String

    /// "words +2: access request, provision*".
    public var rendered: String { "\(kind.rawValue) +\(Score.text(points)): \(detail)" }
}

/// Scores as people read them: "2", "2.5", "1.25".
public enum Score {
    public static func text(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

/// One objective scored for one control.
public struct MappingCandidate: Sendable, Hashable, Codable {
    public var objective: ObjectiveID
    public var score: Double
    /// Nil when the candidate is below the line (under the low threshold, or held back).
    public var confidence: Confidence?
    public var signals: [SuggestionSignal]
    /// Why the confidence is lower than the score alone gives, when it is.
    public var held: String?
    /// Why the confidence is higher than the score alone gives, when it is.
    public var raised: String?
}

/// The area with no SOC 1 objective that a control's words point to.
public struct NoObjective: Sendable, Hashable, Codable {
    public var control: ControlID
    /// "entity-level", "privacy", …: a lexicon area no objective of the workspace has.
    public var area: String
    public var terms: [String]
    public var points: Double

    /// "no SOC 1 objective: entity-level (code of conduct, acknowledg*)".
    public var reason: String { "no SOC 1 objective: \(area) (\(terms.joined(separator: ", ")))" }
}

/// Everything `suggest` weighed for one control: every objective, best first, and the fields.
public struct ControlAssessment: Sendable, Hashable, Codable {
    public var control: ControlID
    public var candidates: [MappingCandidate]
    public var noObjective: NoObjective?
    /// Frequency and nature, when the words state another value than the control has.
    public var fields: [MappingSuggestion]
}

/// A mapping or field value `suggest` proposes for a control, with its confidence and reasons.
public struct MappingSuggestion: Sendable, Hashable, Codable {
    public enum Target: String, Sendable, Hashable, Codable, CaseIterable {
        case objective, criterion, frequency, nature
    }

    public var control: ControlID
    public var target: Target
    /// The objective or criterion id, or the frequency or nature value.
    public var id: String
    public var confidence: Confidence
    public var score: Double
    public var reasons: [String]

    public init(
        control: ControlID, target: Target, id: String, confidence: Confidence, score: Double, reasons: [String]
    ) {
        self.control = control
        self.target = target
        self.id = id
        self.confidence = confidence
        self.score = score
        self.reasons = reasons
    }

    public var reason: String { reasons.joined(separator: "; ") }
}

/// The suggestions for a workspace, and the controls whose words point to no SOC 1 objective.
public struct SuggestionReport: Sendable, Hashable {
    public var suggestions: [MappingSuggestion]
    public var noObjective: [NoObjective]
}

/// Suggests SOC 1 objectives (and missing criteria, frequency and nature) for the controls.
///
/// Objectives are scored from several signals (see `SuggestionWeights` and the weights catalog):
///
///     score = crosswalk + words + evidence + objective words (+ profile words, business objectives)
///
/// and the score's threshold gives the confidence. A candidate under `runnerUp` × the control's
/// best score in its domain (ITGC or business process) is held to low. Business-process objectives get
/// their words from the lexicon area `objective:ID`. When the control's words give an area without a SOC 1 objective
/// (entity-level, privacy, …) more points than any ITGC area gets from words and evidence, no ITGC
/// objective is suggested for it. Criteria are still suggested through the crosswalk alone, for
/// controls mapped to an ITGC objective but to none of its area's primary criteria.
///
/// Deterministic: by control, then objectives (best first), criteria, frequency, nature.
public enum MappingSuggester {
    public static func suggest(
        workspace: Workspace, crosswalk: [CrosswalkLink], model: SuggestionModel = SuggestionModel(),
        profile: Profile? = nil, includeSecondary: Bool = false, minimum: Confidence = .low
    ) -> SuggestionReport {
        let context = Context(workspace: workspace, crosswalk: crosswalk, model: model, profile: profile)
        var suggestions: [MappingSuggestion] = []
        var away: [NoObjective] = []
        for control in workspace.controls {
            let assessment = context.assess(control)
            let objectives = assessment.candidates.compactMap { candidate -> MappingSuggestion? in
                guard let confidence = candidate.confidence, !control.objectives.contains(candidate.objective)
                else { return nil }
                return MappingSuggestion(
                    control: control.id, target: .objective, id: candidate.objective.rawValue, confidence: confidence,
                    score: candidate.score,
                    reasons: candidate.signals.map(\.rendered) + [candidate.raised].compactMap { $0 })
            }
            if objectives.isEmpty, control.objectives.isEmpty, let noObjective = assessment.noObjective {
                away.append(noObjective)
            }
            let found =
                objectives + context.criteria(for: control, includeSecondary: includeSecondary)
                + assessment.fields
            suggestions += found.filter { $0.confidence >= minimum }
        }
        return SuggestionReport(suggestions: suggestions, noObjective: away)
    }

    /// Every candidate for one control, with its score and signals, those below the line included.
    public static func assess(
        _ control: Control, workspace: Workspace, crosswalk: [CrosswalkLink], model: SuggestionModel,
        profile: Profile? = nil
    ) -> ControlAssessment {
        Context(workspace: workspace, crosswalk: crosswalk, model: model, profile: profile).assess(control)
    }

    /// The controls the suggestions change, with the new mappings appended in order.
    public static func apply(_ suggestions: [MappingSuggestion], to workspace: Workspace) -> [Control] {
        let grouped = Dictionary(grouping: suggestions, by: \.control)
        return workspace.controls.compactMap { control in
            guard let changes = grouped[control.id] else { return nil }
            var updated = control
            for suggestion in changes {
                switch suggestion.target {
                case .objective:
                    let id = ObjectiveID(suggestion.id)
                    if !updated.objectives.contains(id) { updated.objectives.append(id) }
                case .criterion:
                    let id = CriterionID(suggestion.id)
                    if !updated.criteria.contains(id) { updated.criteria.append(id) }
                case .frequency:
                    if let value = Frequency(rawValue: suggestion.id) { updated.frequency = value }
                case .nature:
                    if let value = Nature(rawValue: suggestion.id) { updated.nature = value }
                }
            }
            return updated == control ? nil : updated
        }
    }
}

/// What scoring needs, indexed once per run.
private struct Context {
    let workspace: Workspace
    let model: SuggestionModel
    let linksByCriterion: [CriterionID: [CrosswalkLink]]
    let linksByArea: [String: [CrosswalkLink]]
    let objectiveIndex: [ObjectiveID: Objective]
    let objectiveWords: [ObjectiveID: Set<String>]
    /// How many of the workspace's objective titles hold each word: a word in k titles ("databases" is
    /// in logical access and change management alike) gives each 1/k of its points.
    let objectiveWordTitles: [String: Int]
    let profileWords: Set<String>
    /// Lexicon areas no objective of the workspace has (frequency and nature aside).
    let noObjectiveAreas: [String]
    let evidenceIndex: [EvidenceID: EvidenceItem]
    /// How many areas of the workspace's objectives a criterion links to, by strength: a link shared
    /// by n areas gives each 1/n of its points (CC8.1 is primary for change management and program
    /// development alike, so it says little about which of the two a control serves).
    let sharing: [Pair: Int]

    struct Pair: Hashable {
        var criterion: CriterionID
        var strength: CrosswalkStrength
        init(_ criterion: CriterionID, _ strength: CrosswalkStrength) {
            self.criterion = criterion
            self.strength = strength
        }
    }

    init(workspace: Workspace, crosswalk: [CrosswalkLink], model: SuggestionModel, profile: Profile?) {
        self.workspace = workspace
        self.model = model
        linksByCriterion = Dictionary(grouping: crosswalk, by: \.criterion)
        linksByArea = Dictionary(grouping: crosswalk, by: \.area)
        objectiveIndex = Dictionary(workspace.objectives.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        objectiveWords = Dictionary(
            workspace.objectives.map { ($0.id, Set(Words($0.title).contentWords)) }, uniquingKeysWith: { a, _ in a })
        var titles: [String: Int] = [:]
        for words in objectiveWords.values {
            for word in words { titles[word, default: 0] += 1 }
        }
        objectiveWordTitles = titles
        let hasBusiness = workspace.objectives.contains { $0.domain == .business }
        profileWords = hasBusiness ? Set(Words(profile?.services ?? "").contentWords) : []
        let objectiveAreas = Set(workspace.objectives.filter { $0.domain == .itgc }.map(\.area))
        noObjectiveAreas = model.lexicon.areas.keys.filter {
            !objectiveAreas.contains($0) && !$0.hasPrefix(SuggestionModel.frequencyArea)
                && !$0.hasPrefix(SuggestionModel.natureArea) && !$0.hasPrefix(SuggestionModel.objectiveArea)
        }.sorted()
        evidenceIndex = Dictionary(workspace.evidence.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let areas = Set(workspace.objectives.map(\.area))
        var sharing: [Pair: Set<String>] = [:]
        for link in crosswalk where areas.contains(link.area) {
            sharing[Pair(link.criterion, link.strength), default: []].insert(link.area)
        }
        self.sharing = sharing.mapValues(\.count)
    }

    func assess(_ control: Control) -> ControlAssessment {
        let weights = model.weights
        let text = Words(control.title + " . " + control.description)
        let supportText =
            control.systems + control.evidence.compactMap { evidenceIndex[$0] }.flatMap { [$0.title, $0.source] }
        let support = Words(supportText.joined(separator: " . "))
        let contentWords = text.contentWords

        var candidates: [MappingCandidate] = []
        // What the best ITGC objective weighs against the words of an area with no SOC 1 objective.
        var bestITGCWords = 0.0
        for objective in workspace.objectives {
            var signals: [SuggestionSignal] = []
            if let link = strongestLink(control, area: objective.area) {
                let shared = sharing[Pair(link.criterion, link.strength)] ?? 1
                let base = link.strength == .primary ? weights.crosswalkPrimary : weights.crosswalkSecondary
                signals.append(
                    SuggestionSignal(
                        kind: .crosswalk, points: base / Double(max(1, shared)),
                        detail: "\(link.criterion) is \(link.strength.rawValue) for \(link.areaTitle)"
                            + (shared > 1 ? " (and \(shared - 1) other area\(shared == 2 ? "" : "s"): ÷\(shared))" : "")
                    ))
            }
            var lexiconPoints = 0.0
            do {
                let area = SuggestionModel.lexiconArea(of: objective)
                let inText = model.lexicon.matches(area, in: text)
                if !inText.isEmpty {
                    let points = weights.words * inText.map(\.weight).reduce(0, +)
                    lexiconPoints += points
                    signals.append(
                        SuggestionSignal(
                            kind: .words, points: points, detail: inText.map(\.term).joined(separator: ", ")))
                }
                let seen = Set(inText.map(\.term))
                let inSupport = model.lexicon.matches(area, in: support).filter { !seen.contains($0.term) }
                if !inSupport.isEmpty {
                    let points = weights.evidence * inSupport.map(\.weight).reduce(0, +)
                    lexiconPoints += points
                    signals.append(
                        SuggestionSignal(
                            kind: .evidence, points: points, detail: inSupport.map(\.term).joined(separator: ", ")))
                }
            }
            let shared = contentWords.filter { objectiveWords[objective.id]?.contains($0) ?? false }
            if !shared.isEmpty {
                let points = min(
                    weights.objectiveWordCap,
                    shared.map { weights.objectiveWord / Double(max(1, objectiveWordTitles[$0] ?? 1)) }.reduce(0, +))
                lexiconPoints += points
                let detail = shared.map { word in
                    let titles = objectiveWordTitles[word] ?? 1
                    return titles > 1 ? "\(word) (÷\(titles))" : word
                }
                signals.append(
                    SuggestionSignal(kind: .objective, points: points, detail: detail.joined(separator: ", ")))
            }
            if objective.domain == .itgc {
                let crosswalk = signals.first { $0.kind == .crosswalk }?.points ?? 0
                bestITGCWords = max(bestITGCWords, lexiconPoints + weights.noObjectiveCrosswalk * crosswalk)
            }
            if objective.domain == .business {
                let vocabulary = contentWords.filter(profileWords.contains)
                if !vocabulary.isEmpty {
                    signals.append(
                        SuggestionSignal(
                            kind: .profile,
                            points: min(weights.profileWordCap, weights.profileWord * Double(vocabulary.count)),
                            detail: vocabulary.joined(separator: ", ")))
                }
            }
            let score = signals.map(\.points).reduce(0, +)
            candidates.append(
                MappingCandidate(
                    objective: objective.id, score: score, confidence: weights.confidence(of: score), signals: signals,
                    held: nil))
        }

        // Words that point to an area with no SOC 1 objective hold the ITGC candidates back.
        var noObjective: NoObjective?
        for area in noObjectiveAreas {
            let found = model.lexicon.matches(area, in: text)
            let points = weights.words * found.map(\.weight).reduce(0, +)
            if points >= weights.noObjectiveMinimum, points > bestITGCWords, points > (noObjective?.points ?? 0) {
                noObjective = NoObjective(control: control.id, area: area, terms: found.map(\.term), points: points)
            }
        }
        // The runner-up rule weighs a candidate against the best of its own domain: an ITGC area competes
        // with the other ITGC areas, a business-process objective with the profile's others (a file transfer
        // of benefit files serves data transmission and the premium objective alike).
        var bestByDomain: [ObjectiveDomain: Double] = [:]
        for candidate in candidates {
            guard let domain = objectiveIndex[candidate.objective]?.domain else { continue }
            bestByDomain[domain] = max(bestByDomain[domain] ?? 0, candidate.score)
        }
        // Business-process objectives share the crosswalk and profile points: their own words (those of
        // the objective's title and of its lexicon area) decide.
        func ownWords(_ candidate: MappingCandidate) -> Double {
            candidate.signals.filter { [.objective, .words, .evidence].contains($0.kind) }.map(\.points).reduce(0, +)
        }
        let business = candidates.filter { objectiveIndex[$0.objective]?.domain == .business }
        let bestOwn = business.map(ownWords).max() ?? 0
        let bestBusiness = business.first { ownWords($0) == bestOwn }?.objective
        // Two independent signals agreeing on one clear ITGC area: the library's criteria (crosswalk) and the
        // control's own words (lexicon terms of the area in its title or description).
        let itgc = candidates.filter { objectiveIndex[$0.objective]?.domain == .itgc }.sorted { $0.score > $1.score }
        if weights.agreement > 0, let first = itgc.first, first.score >= weights.agreement,
            first.confidence.map({ $0 < .medium }) ?? false,
            first.signals.contains(where: { $0.kind == .crosswalk }),
            first.signals.contains(where: { $0.kind == .words }),
            itgc.dropFirst().allSatisfy({ $0.score < weights.runnerUp * first.score }),
            let index = candidates.firstIndex(where: { $0.objective == first.objective })
        {
            candidates[index].confidence = .medium
            candidates[index].raised =
                "medium: crosswalk and words agree, no other ITGC area within \(Score.text(weights.runnerUp)) × its score"
        }
        for index in candidates.indices {
            let candidate = candidates[index]
            guard let confidence = candidate.confidence else { continue }
            if objectiveIndex[candidate.objective]?.domain == .itgc, let noObjective {
                candidates[index].confidence = nil
                candidates[index].held = noObjective.reason
                candidates[index].raised = nil
            } else if let domain = objectiveIndex[candidate.objective]?.domain, let best = bestByDomain[domain],
                confidence > .low, candidate.score < weights.runnerUp * best
            {
                candidates[index].confidence = .low
                candidates[index].held = "under \(Score.text(weights.runnerUp)) × the best score (\(Score.text(best)))"
            } else if objectiveIndex[candidate.objective]?.domain == .business {
                if confidence > .low, bestOwn == 0 || ownWords(candidate) < bestOwn {
                    candidates[index].confidence = .low
                    candidates[index].held =
                        bestOwn == 0
                        ? "no word of the objective's own"
                        : "fewer of its own words than \(bestBusiness?.rawValue ?? "")"
                }
            }
        }
        candidates.sort { a, b in
            a.score != b.score ? a.score > b.score : NaturalOrder.less(a.objective.rawValue, b.objective.rawValue)
        }
        return ControlAssessment(
            control: control.id, candidates: candidates, noObjective: noObjective, fields: fields(control, text))
    }

    /// The strongest crosswalk link from one of the control's criteria to `area`.
    private func strongestLink(_ control: Control, area: String) -> CrosswalkLink? {
        var best: CrosswalkLink?
        for criterion in control.criteria {
            for link in linksByCriterion[criterion] ?? [] where link.area == area {
                if best == nil || (best?.strength == .secondary && link.strength == .primary) { best = link }
            }
        }
        return best
    }

    /// The primary criteria (and with `includeSecondary` the secondary ones) of the areas of the
    /// control's ITGC objectives, when the control maps to none of an area's primary criteria.
    func criteria(for control: Control, includeSecondary: Bool) -> [MappingSuggestion] {
        var seen = Set<CriterionID>()
        var found: [MappingSuggestion] = []
        for objectiveID in control.objectives {
            guard let objective = objectiveIndex[objectiveID], objective.domain == .itgc else { continue }
            let links = linksByArea[objective.area] ?? []
            let primary = links.filter { $0.strength == .primary }
            guard !primary.isEmpty, !primary.contains(where: { control.criteria.contains($0.criterion) }) else {
                continue
            }
            for link in includeSecondary ? links : primary where !control.criteria.contains(link.criterion) {
                guard seen.insert(link.criterion).inserted else { continue }
                let primaryLink = link.strength == .primary
                found.append(
                    MappingSuggestion(
                        control: control.id, target: .criterion, id: link.criterion.rawValue,
                        confidence: primaryLink ? .medium : .low,
                        score: primaryLink ? model.weights.crosswalkPrimary : model.weights.crosswalkSecondary,
                        reasons: [
                            "crosswalk: \(objectiveID) is \(link.areaTitle); \(link.criterion) is \(link.strength.rawValue) for it"
                        ]))
            }
        }
        return found.sorted { NaturalOrder.less($0.id, $1.id) }
    }

    /// The control's frequency; nil when it has none (a control imported without one is suggested
    /// whatever frequency its words name).
    static func recordedFrequency(_ control: Control) -> Frequency? { control.knownFrequency }

    /// Frequency and nature from the words, when they name a value the control does not have.
    ///
    /// The value whose terms weigh most (those in the title twice) wins; high when no other value's terms
    /// occur, medium when it weighs at least twice the runner-up, low otherwise; a tie suggests nothing. Nature is
    /// suggested only as automated: the words rarely say whether a person relies on a report.
    func fields(_ control: Control, _ text: Words) -> [MappingSuggestion] {
        // The title names what the control does ("Quarterly user access review"): its terms count twice.
        let title = Words(control.title)
        func pick(_ prefix: String) -> (value: String, confidence: Confidence, points: Double, terms: [String])? {
            let scored = model.lexicon.areas.keys.filter { $0.hasPrefix(prefix) }.sorted().map { area in
                let found = model.lexicon.matches(area, in: text)
                let inTitle = model.lexicon.matches(area, in: title)
                let points = (found + inTitle).map(\.weight).reduce(0, +)
                return (String(area.dropFirst(prefix.count)), points, found.map(\.term))
            }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
            guard let first = scored.first else { return nil }
            let second = scored.dropFirst().first?.1 ?? 0
            if second == first.1 { return nil }
            let confidence: Confidence = second == 0 ? .high : first.1 >= 2 * second ? .medium : .low
            return (first.0, confidence, first.1, first.2)
        }
        var found: [MappingSuggestion] = []
        let recorded = Self.recordedFrequency(control)
        if let frequency = pick(SuggestionModel.frequencyArea), let value = Frequency(rawValue: frequency.value),
            value != recorded
        {
            found.append(
                MappingSuggestion(
                    control: control.id, target: .frequency, id: value.rawValue, confidence: frequency.confidence,
                    score: frequency.points,
                    reasons: [
                        "words +\(Score.text(frequency.points)): \(frequency.terms.joined(separator: ", "))",
                        recorded.map { "recorded as \($0.rawValue)" } ?? "no frequency recorded",
                    ]))
        }
        if let nature = pick(SuggestionModel.natureArea), nature.value == Nature.automated.rawValue,
            control.nature != .automated
        {
            found.append(
                MappingSuggestion(
                    control: control.id, target: .nature, id: Nature.automated.rawValue, confidence: nature.confidence,
                    score: nature.points,
                    reasons: [
                        "words +\(Score.text(nature.points)): \(nature.terms.joined(separator: ", "))",
                        "recorded as \(control.nature.rawValue)",
                    ]))
        }
        return found
    }
}
