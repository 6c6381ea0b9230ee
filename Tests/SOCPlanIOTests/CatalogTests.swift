import SOCPlanCore
import SOCPlanIO
import Testing

/// The catalog built into the binary: the facts of domain.md and the seeds `socplan init` writes.
@Suite struct CatalogTests {
    static let profiles = ["payroll", "claims", "fund-admin", "custody", "loan-servicing", "revenue-saas"]

    static func catalog() throws -> Catalog { try CatalogLoader.builtIn() }

    /// Every control the catalog can seed: the common ones and each profile's starter controls.
    static func allControls(_ catalog: Catalog) -> [Control] {
        catalog.commonControls + catalog.profiles.flatMap { catalog.profileControls[$0.id] ?? [] }
    }
}

// MARK: - Loading

extension CatalogTests {
    @Suite("Loading")
    struct Loading {
        @Test func builtInCatalogLoadsWithoutDiagnostics() {
            // Given the catalogs embedded in the binary
            // When they are loaded through the same decoders as user files
            // Then nothing is reported: not an error, not even a warning
            #expect(throws: Never.self) { try CatalogLoader.builtIn() }
            // and so are the seed inventories, which `builtIn()` reads only when first used
            #expect(throws: Never.self) { try CatalogLoader.checkBuiltIn() }
        }

        @Test func aBrokenCatalogFileIsReportedWithItsPosition() {
            // Given the built-in files with a criterion whose category is misspelled
            var files: [String: String] = [:]
            files["tsc-2017.csv"] = "criterion_id,category,group,coso_principle,title\nCC1.1,securty,CC1,1,Ethics\n"

            // When they are loaded
            // Then loading fails with an error that names the file, line and value
            let error = #expect(throws: CatalogError.self) { try CatalogLoader.load(files: files) }
            let problem = error?.diagnostics.first { $0.code == "unknown-value" }
            #expect(problem?.file == "Catalogs/tsc-2017.csv")
            #expect(problem?.line == 2)
            #expect(problem?.message.contains("securty") == true)
        }
    }
}

// MARK: - Trust Services Criteria

extension CatalogTests {
    @Suite("Trust Services Criteria")
    struct Criteria {
        @Test func thereAreSixtyOneDistinctCriteria() throws {
            let criteria = try CatalogTests.catalog().criteria
            #expect(criteria.count == 61)
            #expect(Set(criteria.map(\.id)).count == 61)
        }

        /// domain.md §2.
        @Test(arguments: [
            ("CC1", 5), ("CC2", 3), ("CC3", 4), ("CC4", 2), ("CC5", 3), ("CC6", 8), ("CC7", 5), ("CC8", 1),
            ("CC9", 2), ("A1", 3), ("C1", 2), ("PI1", 5),
        ])
        func groupHasItsCriteria(_ group: String, _ count: Int) throws {
            // Given the catalog's criteria
            let criteria = try CatalogTests.catalog().criteria.filter { $0.group == group }

            // Then the group has the number TSC 2017 gives it, numbered 1…n, each id in its group
            #expect(criteria.count == count)
            #expect(Set(criteria.map(\.id.rawValue)) == Set((1...count).map { "\(group).\($0)" }))
        }

        /// domain.md §2: P1.1; P2.1; P3.1–P3.2; P4.1–P4.3; P5.1–P5.2; P6.1–P6.7; P7.1; P8.1.
        @Test func privacyHasEighteenCriteria() throws {
            let privacy = try CatalogTests.catalog().criteria.filter { $0.category == .privacy }
            let expected = [(1, 1), (2, 1), (3, 2), (4, 3), (5, 2), (6, 7), (7, 1), (8, 1)].flatMap { group, count in
                (1...count).map { "P\(group).\($0)" }
            }
            #expect(privacy.count == 18)
            #expect(privacy.map(\.id.rawValue) == expected)
        }

        @Test(arguments: [
            (TSCCategory.security, 33), (.availability, 3), (.confidentiality, 2), (.processingIntegrity, 5),
            (.privacy, 18),
        ])
        func categoryHasItsCriteria(_ category: TSCCategory, _ count: Int) throws {
            #expect(try CatalogTests.catalog().criteria.filter { $0.category == category }.count == count)
        }

        /// domain.md §2: CC1.1–1.5 = 1–5, CC2.1–2.3 = 13–15, CC3.1–3.4 = 6–9, CC4.1–4.2 = 16–17, CC5.1–5.3 = 10–12.
        @Test(arguments: [("CC1", 1), ("CC2", 13), ("CC3", 6), ("CC4", 16), ("CC5", 10)])
        func controlEnvironmentCriteriaRestateCOSOPrinciples(_ group: String, _ firstPrinciple: Int) throws {
            let criteria = try CatalogTests.catalog().criteria.filter { $0.group == group }
            try #require(!criteria.isEmpty)
            let expected = criteria.indices.map { firstPrinciple + $0 }
            #expect(criteria.map(\.cosoPrinciple) == expected)
        }

        @Test func cosoPrinciplesAreTheSeventeenOnce() throws {
            let principles = try CatalogTests.catalog().criteria.compactMap(\.cosoPrinciple)
            #expect(principles.sorted() == Array(1...17))
        }

        @Test func criteriaFromCC6OnHaveNoCOSOPrinciple() throws {
            let later = try CatalogTests.catalog().criteria.filter {
                !["CC1", "CC2", "CC3", "CC4", "CC5"].contains($0.group)
            }
            #expect(later.count == 61 - 17)
            #expect(later.allSatisfy { $0.cosoPrinciple == nil })
        }

        @Test func everyCriterionHasATitle() throws {
            let criteria = try CatalogTests.catalog().criteria
            #expect(criteria.allSatisfy { !$0.title.isEmpty })
        }
    }
}

// MARK: - Profiles and seeds

extension CatalogTests {
    @Suite("Profiles and their seeds")
    struct Profiles {
        @Test func theSixProfilesAreThere() throws {
            let profiles = try CatalogTests.catalog().profiles
            #expect(Set(profiles.map(\.id)) == Set(CatalogTests.profiles))
            #expect(profiles.count == 6)
        }

        @Test(arguments: CatalogTests.profiles)
        func profileHasFiveToEightBusinessObjectives(_ profile: String) throws {
            // Given the profile's SOC 1 objectives
            let objectives = try CatalogTests.catalog().profileObjectives[profile] ?? []

            // Then there are 5 to 8, business-process ones, worded the way SOC 1 objectives are
            #expect((5...8).contains(objectives.count), "\(objectives.count)")
            for objective in objectives {
                #expect(objective.domain == .business, "\(objective.id)")
                #expect(objective.title.hasPrefix("Controls provide reasonable assurance"), "\(objective.id)")
                #expect(!objective.assertions.isEmpty, "\(objective.id) names no financial statement assertion")
            }
        }

        @Test(arguments: CatalogTests.profiles)
        func starterControlsCoverEveryObjectiveOfTheProfile(_ profile: String) throws {
            // Given the profile's objectives and starter controls
            let catalog = try CatalogTests.catalog()
            let objectives = catalog.profileObjectives[profile] ?? []
            let controls = catalog.profileControls[profile] ?? []

            // Then there are 8 to 15 controls, and every objective has at least one
            #expect((8...15).contains(controls.count), "\(controls.count)")
            let covered = Set(controls.flatMap(\.objectives))
            let uncovered = objectives.map(\.id).filter { !covered.contains($0) }
            #expect(uncovered == [])
        }

        @Test(arguments: CatalogTests.profiles)
        func profileIdsUseTheProfilePrefix(_ profile: String) throws {
            // Given the profile and its seed
            let catalog = try CatalogTests.catalog()
            let prefix = try #require(catalog.profile(profile)?.prefix)

            // Then its objectives and controls carry its prefix, so two profiles' seeds never collide
            #expect((catalog.profileObjectives[profile] ?? []).allSatisfy { $0.id.rawValue.contains(prefix) })
            #expect((catalog.profileControls[profile] ?? []).allSatisfy { $0.id.rawValue.hasPrefix(prefix) })
        }

        @Test func thereAreAtLeastTenITGCObjectives() throws {
            let objectives = try CatalogTests.catalog().itgcObjectives
            #expect(objectives.count >= 10)
            #expect(objectives.allSatisfy { $0.domain == .itgc })
            #expect(objectives.allSatisfy { $0.title.hasPrefix("Controls provide reasonable assurance") })
        }

        @Test func commonControlsCoverEverySecurityCriterionAndITGCObjective() throws {
            // Given the common controls every profile starts with
            let catalog = try CatalogTests.catalog()
            let controls = catalog.commonControls

            // Then there are at least 40, and no security criterion or ITGC objective is left without one
            #expect(controls.count >= 40)
            let criteria = Set(controls.flatMap(\.criteria))
            let security = catalog.criteria.filter { $0.category == .security }.map(\.id)
            #expect(security.filter { !criteria.contains($0) } == [])
            let objectives = Set(controls.flatMap(\.objectives))
            #expect(catalog.itgcObjectives.map(\.id).filter { !objectives.contains($0) } == [])
        }

        @Test func noAutomatedControlIsAnnual() throws {
            // An automated control runs whenever the system does; "annual" would mean a test of one is meaningless
            let wrong = CatalogTests.allControls(try CatalogTests.catalog()).filter {
                $0.nature == .automated && $0.frequency == .annual
            }
            #expect(wrong.map(\.id) == [])
        }

        @Test func everyEventDrivenControlHasAPopulationSize() throws {
            // The sample size of an event-driven control depends on how often its event occurs
            let missing = CatalogTests.allControls(try CatalogTests.catalog()).filter {
                $0.frequency == .eventDriven && $0.populationSize == nil
            }
            #expect(missing.map(\.id) == [])
        }

        @Test func seedControlIdsAreUniqueAcrossCommonAndProfile() throws {
            let catalog = try CatalogTests.catalog()
            for profile in CatalogTests.profiles {
                let ids = catalog.seed(profile: profile, includeControls: true).controls.map {
                    $0.id.rawValue.uppercased()
                }
                #expect(Set(ids).count == ids.count, "\(profile)")
            }
        }
    }
}

// MARK: - Crosswalk

extension CatalogTests {
    @Suite("ITGC ↔ TSC crosswalk")
    struct Crosswalk {
        /// domain.md §4, primary column.
        @Test(arguments: [
            ("logical-access", ["CC6.1", "CC6.2", "CC6.3"]),
            ("physical-access", ["CC6.4"]),
            ("change-management", ["CC8.1"]),
            ("backup-recovery", ["A1.2", "A1.3"]),
            ("data-transmission", ["CC6.7"]),
            ("vendor-monitoring", ["CC9.2"]),
        ])
        func primaryLinks(_ area: String, _ criteria: [String]) throws {
            let links = try CatalogTests.catalog().crosswalk.filter { $0.area == area && $0.strength == .primary }
            #expect(Set(links.map(\.criterion.rawValue)) == Set(criteria))
        }

        @Test func everyLinkNamesARealCriterion() throws {
            let catalog = try CatalogTests.catalog()
            let unknown = catalog.crosswalk.filter { catalog.criterionIndex[$0.criterion] == nil }
            #expect(unknown.map(\.criterion) == [])
        }

        @Test func everyITGCObjectiveAreaIsInTheCrosswalk() throws {
            // An ITGC objective's area is how its controls are mapped to SOC 2 criteria
            let catalog = try CatalogTests.catalog()
            let areas = Set(catalog.crosswalk.map(\.area))
            #expect(catalog.itgcObjectives.filter { !areas.contains($0.area) }.map(\.id) == [])
        }
    }
}

// MARK: - Criterion ids as spreadsheets spell them

extension CatalogTests {
    @Suite("Reading criterion ids")
    struct CriterionIDParsing {
        @Test(arguments: [
            ("CC 6.1", "CC6.1"), ("cc6.1", "CC6.1"), ("CC6.1 - Logical access", "CC6.1"), (" PI 1.3 ", "PI1.3"),
            ("A1.2:", "A1.2"), ("p4.2", "P4.2"), ("C1.1", "C1.1"), ("CC 6 . 1", "CC6.1"),
        ])
        func looseSpellingGivesTheCanonicalID(_ text: String, _ expected: String) {
            #expect(CriterionID.parse(text) == CriterionID(expected))
        }

        @Test(arguments: ["CC", "6.1", "X1.1", "CC6.1a", "", "CC6", "CC6.", "Logical access", "CCC6.1"])
        func textThatIsNotACriterionIDGivesNil(_ text: String) {
            #expect(CriterionID.parse(text) == nil)
        }
    }
}
