import Foundation
import SOCPlanCore
import Testing

@testable import SOCPlanIO

/// How well `suggest` maps a third-party SOC 2 library to SOC 1 objectives, measured against an
/// auditor's mapping (SuggestionLibrary): the high- and medium-confidence objective suggestions.
@Suite struct SuggestionQualityTests {
    /// The (control, objective) pairs suggested with at least medium confidence.
    static func suggestedPairs(_ catalog: Catalog, model: SuggestionModel? = nil) -> Set<String> {
        let workspace = SuggestionLibrary.workspace(catalog)
        let report = MappingSuggester.suggest(
            workspace: workspace, crosswalk: catalog.crosswalk, model: model ?? catalog.suggestion,
            profile: catalog.profile("payroll"), minimum: .medium)
        return Set(report.suggestions.filter { $0.target == .objective }.map { "\($0.control) \($0.id)" })
    }

    /// The built-in catalogs; with SOCPLAN_SUGGEST_CATALOGS=DIR, the suggest lexicon and weights are read
    /// from DIR instead (to try a change of the lexicon without rebuilding; the committed test reads the
    /// embedded files).
    static func catalog() throws -> Catalog {
        guard let directory = ProcessInfo.processInfo.environment["SOCPLAN_SUGGEST_CATALOGS"] else {
            return try CatalogLoader.builtIn()
        }
        var files = EmbeddedFiles.catalogs
        for name in ["suggest-lexicon.csv", "suggest-weights.csv"] {
            files[name] = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
        }
        return try CatalogLoader.load(files: files)
    }

    @Test("high and medium suggestions: precision and recall on the tuning and held-out parts of the library")
    func heldOut() throws {
        // Given the library in a payroll workspace, and the built-in lexicon and weights
        let catalog = try Self.catalog()
        // When objectives are suggested
        let pairs = Self.suggestedPairs(catalog)
        // Then the figures are printed, and the held-out part (not looked at while tuning) reaches 0.85
        let tuning = MappingScore(library: SuggestionLibrary.tuning, suggested: pairs)
        print("suggest: tuning (LIB-01…40, 69…104, 146…215, 263…375) \(tuning)")
        // SOCPLAN_SUGGEST_TUNING_ONLY=1 (while tuning): the held-out figures are neither printed nor checked.
        let tuningOnly = ProcessInfo.processInfo.environment["SOCPLAN_SUGGEST_TUNING_ONLY"] == "1"
        let heldOut = MappingScore(library: SuggestionLibrary.heldOut, suggested: pairs)
        if !tuningOnly {
            print("suggest: held-out (LIB-41…68, 105…145, 216…262) \(heldOut)")
            for (name, range) in [("first", 41...68), ("second", 105...145), ("sixth", 216...262)] {
                let round = MappingScore(
                    library: SuggestionLibrary.heldOut.filter { range.contains($0.number) }, suggested: pairs)
                print("suggest: held-out \(name) round (LIB-\(range.lowerBound)…\(range.upperBound)) \(round)")
            }
        }
        // (Only the tuning part's misses are printed: the held-out part stays unseen.)
        let workspace = SuggestionLibrary.workspace(catalog)
        for item in SuggestionLibrary.tuning {
            let mine = Set(pairs.filter { $0.hasPrefix(item.id + " ") }.map { String($0.dropFirst(item.id.count + 1)) })
            if mine != item.expected, let control = workspace.controls.first(where: { $0.id.rawValue == item.id }) {
                print("  \(item.id) expected \(item.expected.sorted()) got \(mine.sorted())")
                let assessment = MappingSuggester.assess(
                    control, workspace: workspace, crosswalk: catalog.crosswalk, model: catalog.suggestion,
                    profile: catalog.profile("payroll"))
                for candidate in assessment.candidates.prefix(4) {
                    print(
                        "    \(candidate.objective) \(Score.text(candidate.score)) \(candidate.confidence?.rawValue ?? "-") \(candidate.signals.map(\.rendered)) \(candidate.held ?? "")"
                    )
                }
                if let none = assessment.noObjective { print("    \(none.reason) \(none.points)") }
            }
        }
        #expect(SuggestionLibrary.all.count >= 60)
        #expect(tuning.precision >= 0.85 && tuning.recall >= 0.85)
        // The issue asks 0.85 for both on the held-out part. Reached (issue13c): precision 0.93 (88 of 95),
        // recall 0.91 (88 of 97); each held-out round is at 0.85 or more on both (notes/issue13c.md has every
        // held-out measurement). The crosswalk alone gave 0.58 and 0.78 on LIB-41…68.
        if !tuningOnly {
            #expect(heldOut.precision >= 0.85)
            #expect(heldOut.recall >= 0.85)
        }
    }
}

@Suite("The suggest lexicon and weights catalogs")
struct SuggestionCatalogTests {
    @Test("the built-in weights file sets every weight, and its formula comment is skipped")
    func builtIn() throws {
        // Given the built-in catalogs
        let catalog = try CatalogLoader.builtIn()
        // Then the weights are the file's
        #expect(catalog.suggestion.weights.objectiveWord == 0.5)
        #expect(catalog.suggestion.weights.high == 3)
        // And every lexicon area is an ITGC area, an area with no objective, a frequency, a nature or a
        // business-process objective of a profile
        let frequencies = Set(Frequency.allCases.map { "frequency:\($0.rawValue)" })
        let natures = Set(Nature.allCases.map { "nature:\($0.rawValue)" })
        let business = Set(catalog.profileObjectives.values.flatMap { $0 }.map { "objective:\($0.id)" })
        let itgc = Set(catalog.itgcObjectives.map(\.area))
        let away: Set = ["entity-level", "privacy", "data-retention", "asset-management", "capacity"]
        for term in catalog.suggestion.terms {
            #expect(
                itgc.contains(term.area) || away.contains(term.area) || frequencies.contains(term.area)
                    || natures.contains(term.area) || business.contains(term.area), "\(term.area)")
        }
    }

    @Test("a broken weights or lexicon file is reported at its line, counting the comment lines")
    func brokenFiles() throws {
        // Given the weights file with an unknown weight and the lexicon with a weight that is not a number
        var files = EmbeddedFiles.catalogs
        let weights = try #require(files["suggest-weights.csv"])
        files["suggest-weights.csv"] = weights + "runnerup,0.5\n"
        let lexicon = try #require(files["suggest-lexicon.csv"])
        files["suggest-lexicon.csv"] = lexicon + "logical-access,sso,heavy\n"
        // When the catalogs are loaded
        let error = #expect(throws: CatalogError.self) { try CatalogLoader.load(files: files) }
        // Then both are reported at their line (comments included) and column, with a hint
        let weightsLines = weights.split(separator: "\n", omittingEmptySubsequences: false).count
        let lexiconLines = lexicon.split(separator: "\n", omittingEmptySubsequences: false).count
        let rendered = error?.description ?? ""
        #expect(rendered.contains("Catalogs/suggest-weights.csv:\(weightsLines):1: error: unknown weight \"runnerup\""))
        #expect(rendered.contains("hint: the weights are: crosswalk_primary"))
        #expect(
            rendered.contains(
                "Catalogs/suggest-lexicon.csv:\(lexiconLines):20: error: weight \"heavy\" is not a number"))
    }
}

@Suite("Frequency suggested from a control's words, with the built-in lexicon")
struct FrequencySuggestionTests {
    static func frequency(_ title: String, _ description: String, recorded: Frequency) throws -> MappingSuggestion? {
        let catalog = try CatalogLoader.builtIn()
        let control = Control(
            id: "F-1", title: title, description: description, frequency: recorded, nature: .manual)
        let workspace = Workspace(
            info: WorkspaceInfo(organization: "Acme", profile: nil), objectives: catalog.itgcObjectives,
            controls: [control])
        return MappingSuggester.suggest(workspace: workspace, crosswalk: catalog.crosswalk, model: catalog.suggestion)
            .suggestions.first { $0.target == .frequency }
    }

    @Test(
        "the words name the frequency, in the domain's list",
        arguments: [
            ("Quarterly access review", "Owners review user access.", "quarterly"),
            ("Annual risk assessment", "Management assesses risks.", "annual"),
            ("Changes approved", "Each change is approved before it is deployed.", "event-driven"),
            ("Security monitoring", "Alerts are monitored continuously by the SOC.", "recurring"),
            ("Backups", "Databases are backed up nightly.", "daily"),
            ("Firewall review", "Rules are reviewed every six months.", "semiannual"),
            ("Payroll reconciliation", "The tax account is reconciled at month end.", "monthly"),
            ("Incident post-mortems", "A post-mortem is held per incident.", "event-driven"),
        ])
    func named(_ title: String, _ description: String, _ expected: String) throws {
        // Given a control recorded as weekly whose title and description name another frequency
        let found = try Self.frequency(title, description, recorded: .weekly)
        // Then that frequency is suggested, with the words and the recorded value as its reasons
        #expect(found?.id == expected)
        #expect(found?.reasons.last == "recorded as weekly")
    }

    @Test("the title's frequency outweighs another one in the description; words matching the record say nothing")
    func titleFirst() throws {
        // Given an annual restore test of nightly backups
        let found = try Self.frequency(
            "Annual restore test", "Nightly backups are restored to a test server.", recorded: .daily)
        // Then annual is suggested (its title word counts twice), medium because nightly is named too
        #expect(found?.id == "annual")
        #expect(found?.confidence == .medium)
        // And a control whose words name the frequency it has gets no suggestion
        #expect(try Self.frequency("Quarterly access review", "", recorded: .quarterly) == nil)
        // And words naming no frequency give none ("business day" is not daily)
        #expect(try Self.frequency("Leavers", "Access is removed within one business day.", recorded: .annual) == nil)
    }
}
