import SOCPlanCore
import Testing

@testable import SOCPlanIO

/// The built-in catalog reads only the criteria when a command starts; its other parts are made
/// when first read. They must be exactly what the files give when every part is read and checked
/// at once (as for a catalog given as files), and a broken part must still be reported.
@Suite struct CatalogPartsTests {
    @Test func partsMadeOnFirstReadEqualThePartsReadAtOnce() throws {
        // Given the built-in files read part by part on first use, and read all at once
        let lazy = try CatalogLoader.load(files: EmbeddedFiles.catalogs, lazySeeds: true)
        let eager = try CatalogLoader.load(files: EmbeddedFiles.catalogs)

        // Then every part is the same, and none is empty
        #expect(lazy.criteria == eager.criteria)
        #expect(lazy.crosswalk == eager.crosswalk)
        #expect(lazy.profiles == eager.profiles)
        #expect(lazy.layers == eager.layers)
        #expect(lazy.procedures == eager.procedures)
        #expect(lazy.suggestion.terms == eager.suggestion.terms)
        #expect(lazy.suggestion.weights == eager.suggestion.weights)
        #expect(lazy.itgcObjectives == eager.itgcObjectives)
        #expect(lazy.profileControls == eager.profileControls)
        #expect(lazy.profileCUECs == eager.profileCUECs)
        #expect(lazy.csocs == eager.csocs)
        #expect(!lazy.crosswalk.isEmpty && !lazy.profiles.isEmpty && !lazy.layers.rules.isEmpty)
        #expect(!lazy.procedures.templates.isEmpty && !lazy.suggestion.terms.isEmpty)
    }

    @Test func aCopyMadeBeforeTheFirstReadSeesTheSameParts() throws {
        // Given a copy of the built-in catalog taken before any part was read, and one changed
        let catalog = try CatalogLoader.load(files: EmbeddedFiles.catalogs, lazySeeds: true)
        let copy = catalog
        var changed = catalog
        changed.layers = CarveOutLayers()

        // Then the copies read the same parts, and the change stays in its copy
        #expect(copy.procedures == catalog.procedures)
        #expect(copy.layers == catalog.layers)
        #expect(changed.layers.rules.isEmpty)
        #expect(!catalog.layers.rules.isEmpty)
    }

    @Test func problemsInSeveralPartsAreAllReportedInFileOrder() {
        // Given the built-in files, each of three parts with one bad row added at its end: an
        // unknown strength, an unknown layer and an unknown nature
        var files = EmbeddedFiles.catalogs
        var lines: [String: Int] = [:]
        for (name, row) in [
            ("crosswalk-itgc-tsc.csv", "logical-access,Logical access,CC6.1,mighty\n"),
            ("carve-out-layers.csv", "CC6,network; moon,why not\n"),
            ("procedure-templates.csv", "odd,Odd,oddity,quarterly,psychic,Ask,,Inspect\n"),
        ] {
            let text = files[name] ?? ""
            files[name] = text + row
            lines[name] = text.utf8.filter { $0 == UInt8(ascii: "\n") }.count + 1
        }

        // When they are loaded
        // Then every problem is reported with its file and line, the files in the order they are read
        let error = #expect(throws: CatalogError.self) { try CatalogLoader.load(files: files) }
        let names = Set(lines.keys.map { "Catalogs/\($0)" })
        let found = (error?.diagnostics ?? []).filter { $0.file.map(names.contains) ?? false }
        #expect(
            found.map(\.file) == [
                "Catalogs/crosswalk-itgc-tsc.csv", "Catalogs/carve-out-layers.csv", "Catalogs/procedure-templates.csv",
            ])
        #expect(
            found.map(\.line) == [
                lines["crosswalk-itgc-tsc.csv"], lines["carve-out-layers.csv"], lines["procedure-templates.csv"],
            ])
        #expect(found.map(\.code) == ["unknown-value", "unknown-value", "unknown-value"])
        #expect(found[safe: 0]?.message.contains("mighty") == true)
        #expect(found[safe: 1]?.message.contains("moon") == true)
        #expect(found[safe: 2]?.message.contains("psychic") == true)
    }

    @Test func theBuiltInCatalogStillChecksItsCriteriaWhenLoaded() {
        // Given the built-in files with a broken criteria file
        var files = EmbeddedFiles.catalogs
        files["tsc-2017.csv"] = "criterion_id,category,group,coso_principle,title\nCC1.1,securty,CC1,1,Ethics\n"

        // When they are loaded as the built-in catalog is (the other parts on first read)
        // Then the criteria's problem is reported at once, as before
        let error = #expect(throws: CatalogError.self) {
            try CatalogLoader.load(files: files, lazySeeds: true)
        }
        #expect(error?.diagnostics.first?.file == "Catalogs/tsc-2017.csv")
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
