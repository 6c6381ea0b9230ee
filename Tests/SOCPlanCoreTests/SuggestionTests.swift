import Testing

@testable import SOCPlanCore

// MARK: - A small hand-typed model: a few crosswalk rows, lexicon terms and the default weights

private let crosswalk: [CrosswalkLink] = [
    CrosswalkLink(area: "logical-access", areaTitle: "Logical access", criterion: "CC6.1", strength: .primary),
    CrosswalkLink(area: "logical-access", areaTitle: "Logical access", criterion: "CC6.2", strength: .primary),
    CrosswalkLink(area: "logical-access", areaTitle: "Logical access", criterion: "CC6.3", strength: .primary),
    CrosswalkLink(area: "network-security", areaTitle: "Network security", criterion: "CC6.1", strength: .primary),
    CrosswalkLink(area: "change-management", areaTitle: "Change management", criterion: "CC8.1", strength: .primary),
    CrosswalkLink(
        area: "business-processing", areaTitle: "Business processing", criterion: "PI1.3", strength: .primary),
]

private let terms: [LexiconTerm] = [
    LexiconTerm(area: "logical-access", term: "access request", weight: 1),
    LexiconTerm(area: "logical-access", term: "provision*", weight: 1),
    LexiconTerm(area: "change-management", term: "pull request", weight: 1.5),
    LexiconTerm(area: "change-management", term: "merge*", weight: 1),
    LexiconTerm(area: "network-security", term: "firewall*", weight: 2),
    LexiconTerm(area: "entity-level", term: "code of conduct", weight: 2),
    LexiconTerm(area: "asset-management", term: "asset inventory", weight: 2),
    LexiconTerm(area: "frequency:quarterly", term: "each quarter", weight: 1),
    LexiconTerm(area: "frequency:annual", term: "annual*", weight: 1),
    LexiconTerm(area: "nature:automated", term: "automatically", weight: 1),
    LexiconTerm(area: "nature:manual", term: "review*", weight: 1),
]

private let model = SuggestionModel(terms: terms)

private let objectives: [Objective] = [
    Objective(
        id: "BP-PAY-3", title: "Gross-to-net pay is calculated using current tax tables", domain: .business,
        area: "business-processing"),
    Objective(
        id: "BP-PAY-6", title: "Payroll tax filings are made on time", domain: .business, area: "business-processing"),
    Objective(id: "ITGC-01", title: "Logical access is limited", domain: .itgc, area: "logical-access"),
    Objective(id: "ITGC-03", title: "Changes are controlled", domain: .itgc, area: "change-management"),
    Objective(id: "ITGC-09", title: "The network is protected", domain: .itgc, area: "network-security"),
]

private func workspace(_ controls: [Control]) -> Workspace {
    Workspace(info: WorkspaceInfo(organization: "Acme", profile: "payroll"), objectives: objectives, controls: controls)
}

private func control(
    _ id: ControlID, _ title: String, _ description: String = "", criteria: [CriterionID] = [],
    objectives: [ObjectiveID] = [], frequency: Frequency = .annual, nature: Nature = .manual
) -> Control {
    Control(
        id: id, title: title, description: description, frequency: frequency, nature: nature, objectives: objectives,
        criteria: criteria)
}

private let payroll = Profile(
    id: "payroll", name: "Payroll", prefix: "PAY", services: "Calculates gross pay and withholding, files payroll taxes"
)

private func suggest(_ controls: [Control], minimum: Confidence = .low) -> SuggestionReport {
    MappingSuggester.suggest(
        workspace: workspace(controls), crosswalk: crosswalk, model: model, profile: payroll, minimum: minimum)
}

private func objectivesSuggested(_ report: SuggestionReport, for id: ControlID) -> [String] {
    report.suggestions.filter { $0.control == id && $0.target == .objective }.map { "\($0.id) \($0.confidence)" }
}

@Suite("Mapping suggestions scored from several signals")
struct SuggestionTests {
    @Test("the crosswalk alone gives a low-confidence suggestion, and says which row it comes from")
    func crosswalkAlone() throws {
        // Given a control mapped to CC8.1 whose words say nothing about change
        let report = suggest([control("X-1", "Quarterly meeting", criteria: ["CC8.1"])])
        // Then ITGC-03 is suggested, low, with the crosswalk row as its reason
        let found = try #require(report.suggestions.first { $0.id == "ITGC-03" })
        #expect(found.confidence == .low)
        #expect(found.reason == "crosswalk +1: CC8.1 is primary for Change management")
        // And it is left out at medium and above
        #expect(
            suggest([control("X-1", "Quarterly meeting", criteria: ["CC8.1"])], minimum: .medium).suggestions.isEmpty)
    }

    @Test("words that agree with the crosswalk make it high, and each signal is a reason with its points")
    func wordsAndCrosswalk() throws {
        // Given a change control: CC8.1, a pull request and a merge (1 + 1.5 + 1 = 3.5 points)
        let report = suggest([
            control("CM-1", "Code review", "Every pull request is approved before merge.", criteria: ["CC8.1"])
        ])
        // Then ITGC-03 is high, with the crosswalk and the words as reasons
        let found = try #require(report.suggestions.first { $0.id == "ITGC-03" })
        #expect(found.confidence == .high)
        #expect(found.score == 3.5)
        #expect(
            found.reasons == [
                "crosswalk +1: CC8.1 is primary for Change management", "words +2.5: pull request, merge*",
            ])
    }

    @Test("a criterion primary for two areas gives each half its points")
    func sharedCriterion() throws {
        // Given a firewall control mapped to CC6.1 (primary for logical access and network security)
        let report = suggest([
            control("NS-1", "Firewall rules", "Firewalls restrict inbound traffic.", criteria: ["CC6.1"])
        ])
        // Then network security is suggested from the words and half the link; logical access, with half a link only, is not
        #expect(objectivesSuggested(report, for: "NS-1") == ["ITGC-09 medium"])
        let found = try #require(report.suggestions.first { $0.id == "ITGC-09" })
        #expect(found.reasons.first == "crosswalk +0.5: CC6.1 is primary for Network security (and 1 other area: ÷2)")
    }

    @Test("an entity-level control gets no ITGC objective, even through the crosswalk, and the output says so")
    func entityLevel() throws {
        // Given a code-of-conduct control that a library mapped to CC6.2 and that mentions an access request
        // (1 + 1 points: medium for logical access without the rule), and an asset inventory mapped to CC6.1
        let report = suggest([
            control(
                "EL-1", "Code of conduct", "Staff sign the code of conduct before their first access request.",
                criteria: ["CC6.2"]),
            control("AS-1", "Asset inventory", "An asset inventory is kept.", criteria: ["CC6.1"]),
        ])
        // Then neither gets an objective, and each is listed with the area its words point to
        #expect(report.suggestions.filter { $0.target == .objective }.isEmpty)
        #expect(
            report.noObjective.map(\.reason) == [
                "no SOC 1 objective: entity-level (code of conduct)",
                "no SOC 1 objective: asset-management (asset inventory)",
            ])
    }

    @Test("--control's explanation keeps every candidate, those below the line and held back included")
    func explain() throws {
        // Given the code-of-conduct control
        let code = control("EL-1", "Code of conduct", "Staff sign the code of conduct.", criteria: ["CC6.1"])
        // When it is assessed
        let assessment = MappingSuggester.assess(
            code, workspace: workspace([code]), crosswalk: crosswalk, model: model, profile: payroll)
        // Then every objective is a candidate, ITGC-01 shows its crosswalk points and why it is held back
        #expect(assessment.candidates.count == objectives.count)
        let access = try #require(assessment.candidates.first { $0.objective == "ITGC-01" })
        #expect(access.score == 0.5)
        #expect(access.confidence == nil)
        #expect(assessment.noObjective?.area == "entity-level")
    }

    @Test("of two strong objectives both are kept; one under half the best is held to low")
    func runnerUp() throws {
        // Given a control about firewall changes through pull requests (CC8.1: both areas have words)
        let both = control(
            "X-2", "Firewall changes", "Firewall rule changes go through a pull request and merge.", criteria: ["CC8.1"]
        )
        // And an access control that mentions a merge in passing
        let access = control(
            "X-3", "Access requests", "Each access request is provisioned after the merge of HR data.",
            criteria: ["CC6.2"])
        let report = suggest([both, access])
        // Then the first gets both objectives (network security at exactly half the best); the second gets
        // logical access, and change management (one word) only low
        #expect(Set(objectivesSuggested(report, for: "X-2")) == ["ITGC-03 high", "ITGC-09 medium"])
        #expect(objectivesSuggested(report, for: "X-3") == ["ITGC-01 high", "ITGC-03 low"])
    }

    @Test("business-process objectives are told apart by their own words; the profile's words count too")
    func businessObjectives() throws {
        // Given a payroll control about tax filings, mapped to PI1.3 (linked to every business objective)
        let report = suggest([
            control(
                "PAY-1", "Tax filings", "Payroll tax filings are reconciled before they are made.", criteria: ["PI1.3"])
        ])
        // Then BP-PAY-6 (payroll, tax, filing) is suggested above BP-PAY-3 (tax), which is held to low
        let found = report.suggestions.filter { $0.control == "PAY-1" }
        #expect(found.first?.id == "BP-PAY-6")
        #expect(found.first?.confidence ?? .low > .low)
        #expect(found.first { $0.id == "BP-PAY-3" }?.confidence == .low)
        #expect(found.first?.reasons.contains { $0.hasPrefix("profile +") } == true)
    }

    @Test("frequency and nature are suggested from the words when they differ from what is recorded")
    func fields() throws {
        // Given an automated control recorded as manual and annual, whose words say each quarter
        let report = suggest([
            control("F-1", "Sync", "Each quarter the job runs automatically.", frequency: .annual, nature: .manual)
        ])
        // Then quarterly and automated are suggested, with the words and the recorded value as reasons
        let fields = report.suggestions.filter { $0.target == .frequency || $0.target == .nature }
        #expect(
            fields.map { "\($0.target) \($0.id) \($0.confidence)" } == [
                "frequency quarterly high", "nature automated high",
            ])
        #expect(fields.first?.reasons == ["words +1: each quarter", "recorded as annual"])
        // And a control whose words describe a review is not suggested automated
        let manual = suggest([control("F-2", "Review", "Reviewed automatically flagged items.", frequency: .annual)])
        #expect(!manual.suggestions.contains { $0.target == .nature })
    }

    @Test("a SOC 1-mapped control gets its area's primary criteria through the crosswalk")
    func criteria() {
        // Given a control brought from a SOC 1 (ITGC-01, no criterion)
        let report = suggest([control("S1-1", "Access", objectives: ["ITGC-01"])])
        // Then it gets CC6.1, CC6.2, CC6.3 (medium), in natural order
        #expect(
            report.suggestions.filter { $0.target == .criterion }.map { "\($0.id) \($0.confidence)" } == [
                "CC6.1 medium", "CC6.2 medium", "CC6.3 medium",
            ])
    }

    @Test("apply adds mappings and fields once, and leaves unchanged controls out")
    func apply() {
        // Given suggestions for a change control, listed twice over
        let change = control(
            "CM-1", "Code review", "Every pull request is approved before merge; each quarter.", criteria: ["CC8.1"])
        let quiet = control("Q-1", "Nothing to say")
        let found = suggest([change, quiet]).suggestions
        // When they are applied
        let updated = MappingSuggester.apply(found + found, to: workspace([change, quiet]))
        // Then only CM-1 changes: ITGC-03 once, and its frequency
        #expect(updated.map(\.id) == ["CM-1"])
        #expect(updated.first?.objectives == ["ITGC-03"])
        #expect(updated.first?.frequency == .quarterly)
        // And applied again, nothing changes
        #expect(MappingSuggester.apply(found, to: workspace(updated + [quiet])).isEmpty)
    }
}
