import Foundation
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

/// The benchmarks' inputs, built once and cached on disk: generated inventories (the same shape as
/// Benchmarks/generate-inventory.py: 300 ITGC objectives, 2,000 evidence items, and controls with
/// 5 criteria, 2 objectives and 2 evidence items each), workspaces holding them with the sample's
/// calendar-2026 engagement for both reports, and the bundled 70-control sample.
enum Fixtures {
    static let directory: String = {
        let path = ProcessInfo.processInfo.environment["SOCPLAN_BENCH_DIR"] ?? "/tmp/socplan-bench"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// The generated CSV files for `count` controls: objectives, evidence, controls.
    static func inventory(_ count: Int) throws -> [String] {
        let folder = directory + "/inventory-\(count)"
        let names = ["objectives.csv", "evidence.csv", "controls.csv"].map { folder + "/" + $0 }
        if names.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) { return names }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let files = Generator.files(controls: count)
        for (name, text) in zip(names, [files.objectives, files.evidence, files.controls]) {
            try Data(text.utf8).write(to: URL(fileURLWithPath: name), options: .atomic)
        }
        return names
    }

    /// A new workspace at `path` as `socplan init --org … ` leaves it (no starter controls).
    static func emptyWorkspace(at path: String, catalog: Catalog) throws -> Store {
        try Store.create(
            at: path, info: WorkspaceInfo(organization: "Benchmark Co", profile: nil), criteria: catalog.criteria,
            seed: catalog.seed(SeedRequest(profile: nil)), force: true)
    }

    /// A workspace holding `count` generated controls and the engagement fy2026.
    static func workspace(_ count: Int) throws -> String {
        let path = directory + "/workspace-\(count).sqlite"
        if FileManager.default.fileExists(atPath: path) { return path }
        let building = path + ".building"
        try build(count, at: building)  // the store is closed on return: its WAL is checkpointed
        guard rename(building, path) == 0 else { throw GenerationError(count: count) }
        return path
    }

    private static func build(_ count: Int, at path: String) throws {
        let catalog = try CatalogLoader.builtIn()
        let store = try emptyWorkspace(at: path, catalog: catalog)
        let inputs = try inventory(count).map {
            InputFile(name: $0, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: $0))))
        }
        let outcome = InventoryImporter.prepare(
            files: inputs, options: .init(), workspace: try store.snapshot(), catalog: catalog)
        guard !outcome.diagnostics.hasErrors else { throw GenerationError(count: count) }
        try store.apply(outcome.changes)
        try store.save(BundledSample.engagement)
        guard try !store.snapshot().engagements.isEmpty else { throw GenerationError(count: count) }
    }

    /// The bundled sample, as `socplan demo --workspace PATH` keeps it.
    static func sample() throws -> String {
        let path = directory + "/sample.sqlite"
        if FileManager.default.fileExists(atPath: path) { return path }
        let catalog = try CatalogLoader.builtIn()
        let (snapshot, _) = BundledSample.workspace(catalog: catalog)
        _ = try Store.create(
            at: path, info: snapshot.info, criteria: catalog.criteria, seed: InventoryChanges(workspace: snapshot),
            force: true)
        return path
    }

    struct GenerationError: Error, CustomStringConvertible {
        var count: Int
        var description: String { "the generated workspace of \(count) controls could not be built" }
    }
}

/// Writes the generated inventory (deterministic: the same count gives the same files).
enum Generator {
    static let criteria = [
        "CC1.1", "CC1.2", "CC1.3", "CC1.4", "CC1.5", "CC2.1", "CC2.2", "CC2.3", "CC3.1", "CC3.2", "CC3.3", "CC3.4",
        "CC4.1", "CC4.2", "CC5.1", "CC5.2", "CC5.3", "CC6.1", "CC6.2", "CC6.3", "CC6.4", "CC6.5", "CC6.6", "CC6.7",
        "CC6.8", "CC7.1", "CC7.2", "CC7.3", "CC7.4", "CC7.5", "CC8.1", "CC9.1", "CC9.2",
    ]
    static let areas = [
        "logical-access", "change-management", "computer-operations", "backup-recovery", "network-security",
    ]
    static let frequencies = [
        "annual", "quarterly", "monthly", "weekly", "daily", "recurring", "event-driven", "semiannual",
    ]
    static let natures = ["manual", "it-dependent manual", "automated"]
    static let kinds = ["population", "document", "configuration"]

    /// SplitMix64: a small, fixed generator (the files must not change between runs or machines).
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    static func files(controls count: Int) -> (objectives: String, evidence: String, controls: String) {
        var random = Random(state: 20_261_201)
        var objectives = "objective_id,title,domain,area\n"
        for i in 0..<300 {
            objectives += "OBJ-\(padded(i, 3)),Generated objective \(i),itgc,\(areas[i % areas.count])\n"
        }
        var evidence = "evidence_id,title,kind,source,owner\n"
        for i in 0..<2000 {
            evidence += "EV-\(padded(i, 4)),Generated evidence \(i),\(kinds[i % 3]),System,Owner \(i % 40)\n"
        }
        var controls =
            "control_id,title,owner,frequency,nature,risk,soc1_objectives,soc2_criteria,evidence,test_methods,population_size\n"
        controls.reserveCapacity(count * 160)
        for i in 0..<count {
            let frequency = frequencies[i % frequencies.count]
            let objectiveList = (0..<2).map { _ in "OBJ-\(padded(random.next(300), 3))" }.joined(separator: "; ")
            var pool = criteria
            var chosen: [String] = []
            for _ in 0..<5 { chosen.append(pool.remove(at: random.next(pool.count))) }
            let evidenceList = (0..<2).map { _ in "EV-\(padded(random.next(2000), 4))" }.joined(separator: "; ")
            let population =
                frequency == "event-driven" || frequency == "recurring" ? String(20 + random.next(380)) : ""
            controls +=
                "C-\(padded(i, 6)),Generated control \(i),Owner \(i % 40),\(frequency),\(natures[i % 3]),"
                + "\(i % 5 == 0 ? "high" : "low"),\(objectiveList),\(chosen.joined(separator: "; ")),"
                + "\(evidenceList),inquiry; inspection,\(population)\n"
        }
        return (objectives, evidence, controls)
    }
}
