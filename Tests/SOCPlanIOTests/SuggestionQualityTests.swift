import SOCPlanCore
import Testing

@testable import SOCPlanIO

/// How well `suggest` maps a third-party SOC 2 library to SOC 1 objectives, measured against an
/// auditor's mapping (SuggestionLibrary).
@Suite struct SuggestionQualityTests {
    @Test("the crosswalk-only suggester, measured on the library (the baseline)")
    func baseline() throws {
        // Given the library in a payroll workspace
        let catalog = try CatalogLoader.builtIn()
        let workspace = SuggestionLibrary.workspace(catalog)
        // When the crosswalk suggests objectives (primary links, as `suggest` does by default)
        let pairs = Set(
            MappingSuggester.suggest(workspace: workspace, crosswalk: catalog.crosswalk).filter {
                $0.target == .objective
            }.map { "\($0.control) \($0.id)" })
        // Then the figures are printed
        let tuning = MappingScore(library: SuggestionLibrary.tuning, suggested: pairs)
        let heldOut = MappingScore(library: SuggestionLibrary.heldOut, suggested: pairs)
        print("baseline: tuning \(tuning); held-out \(heldOut)")
        #expect(SuggestionLibrary.all.count >= 60)
    }
}
