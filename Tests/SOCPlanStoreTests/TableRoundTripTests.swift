import Foundation
import PropertyBased
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore
import Testing

/// Generated workspaces, driven by the table descriptions: every column of every table gets a
/// value, so a column added to `Tables` is covered without touching this file.
///
/// The generator draws from a list of integers (shrinking it to zeros gives fewer rows and the
/// first choices), and turns them into rows through each column's own type.
enum TableGen {
    struct Entropy {
        var values: [Int]
        var index = 0

        /// A number in 0..<bound.
        mutating func next(_ bound: Int) -> Int {
            guard bound > 1 else { return 0 }
            defer { index += 1 }
            return index < values.count ? values[index] % bound : 0
        }

        mutating func element<T>(of values: [T]) -> T? { values.isEmpty ? nil : values[next(values.count)] }

        /// Up to `limit` distinct elements of `values`, in a drawn order.
        mutating func subset<T>(of values: [T], limit: Int) -> [T] {
            var pool = values
            var chosen: [T] = []
            for _ in 0..<next(limit + 1) where !pool.isEmpty { chosen.append(pool.remove(at: next(pool.count))) }
            return chosen
        }
    }

    /// Pieces of cell text: separators, quotes, line breaks, formula triggers, multi-byte characters.
    static let fragments = [
        "a", "Z", "7", " ", ",", ";", "\"", "\"\"", "\n", "\r\n", "\r", "\t", "'", "=", "+", "-", "@", "é", "中", "😀",
        "e\u{301}", "\u{FEFF}", "\u{A0}", "Access", "review",
    ]
    /// List items never hold a list separator: the import splits list cells on them.
    static let systems = ["Okta", "AWS", "=Formula Sys", "-Dash", "@Handle", "'Quoted", "Work day", "中文"]
    static let idPrefixes = ["C", "ctl", "=F", "-D", "+P", "@A", "'Q", "Cloud Co"]
    /// What the rows of a table can be referred to as.
    static let entities: [String: Entity] = [
        "objectives": .objective, "evidence": .evidence, "subservice": .subservice,
    ]

    static let info = WorkspaceInfo(organization: "Acme", profile: nil)

    /// A workspace holding up to five rows of every inventory table, every reference to a row that exists.
    static func workspace(_ entropy: inout Entropy, criteria: [CriterionID]) -> Workspace {
        var workspace = Workspace(info: info)
        var pools: [Entity: [String]] = [.criterion: criteria.map(\.rawValue)]
        for table in Tables.all { generate(table, into: &workspace, pools: &pools, entropy: &entropy) }
        workspace.engagements = engagements(&entropy, objectives: pools[.objective] ?? [])
        return workspace
    }

    /// Engagements that import accepts without a word: at least one report, periods of 4 to 11
    /// months, every date column and calendar setting drawn. (Engagements are not yet described
    /// in `Tables`: their report scope spans several columns.)
    static func engagements(_ entropy: inout Entropy, objectives: [String]) -> [Engagement] {
        let base = Day(year: 2026, month: 1, day: 1) ?? Day(year: 2000, month: 1, day: 1)!
        func day(_ entropy: inout Entropy) -> Day { base.adding(days: entropy.next(700)) }
        func optionalDay(_ entropy: inout Entropy) -> Day? { entropy.next(2) == 0 ? nil : day(&entropy) }
        func scope(_ entropy: inout Entropy) -> ReportScope {
            switch entropy.next(3) {
            case 0: return .none
            case 1: return .type1(asOf: day(&entropy))
            default:
                let start = day(&entropy)
                return .type2(Period(start: start, end: start.adding(months: 4 + entropy.next(8)).adding(days: -1)))
            }
        }
        func calendar(_ entropy: inout Entropy) -> CalendarSettings {
            let start = day(&entropy)
            let interims: [CalendarSettings.Interim] = [
                .automatic, .skipped, .fieldwork(Period(start: start, end: start.adding(days: entropy.next(30)))),
            ]
            let fieldwork = optionalDay(&entropy)
            return CalendarSettings(
                interim: interims[entropy.next(3)], interimCutoff: optionalDay(&entropy), fieldworkStart: fieldwork,
                fieldworkEnd: fieldwork.flatMap { entropy.next(2) == 0 ? nil : $0.adding(days: entropy.next(40)) },
                reportDate: optionalDay(&entropy))
        }
        let prefix = entropy.element(of: idPrefixes) ?? "E"
        return (0..<entropy.next(4)).map { index in
            var soc1 = scope(&entropy)
            let soc2 = scope(&entropy)
            if !soc1.isIssued && !soc2.isIssued { soc1 = .type1(asOf: base) }
            let chosen = entropy.subset(of: objectives, limit: 3).map { ObjectiveID($0) }
            return Engagement(
                name: "\(prefix)-fy\(index + 1)", soc1: soc1, soc2: soc2,
                categories: Set(entropy.subset(of: TSCCategory.allCases, limit: 5)),
                objectives: chosen.isEmpty ? nil : chosen, soc1Calendar: calendar(&entropy),
                soc2Calendar: calendar(&entropy))
        }.sorted { $0.name < $1.name }
    }

    static func generate<T: AnyTableSpec>(
        _ table: T, into workspace: inout Workspace, pools: inout [Entity: [String]], entropy: inout Entropy
    ) {
        let spec = table.spec
        let prefix = entropy.element(of: idPrefixes) ?? "C"
        var rows: [T.Row] = []
        rowLoop: for index in 0..<entropy.next(6) {
            var row = spec.blank("\(prefix)-\(index + 1)")
            for column in spec.columns.dropFirst() {
                let candidates = cells(column, pools: pools, entropy: &entropy)
                // A required reference to a table without rows: this table can have none either.
                if candidates.isEmpty { break rowLoop }
                let set = candidates.contains { column.set(&row, $0) == nil }
                #expect(set, "no generated value fits \(spec.table).\(column.name)")
            }
            rows.append(row)
        }
        workspace[keyPath: spec.rows] = rows.sorted(by: spec.order)
        if let entity = entities[spec.kind] { pools[entity] = rows.map(\.id.description) }
    }

    /// Values for one column, the preferred first: the column's setter takes the first it accepts.
    static func cells<Row>(_ column: ColumnSpec<Row>, pools: [Entity: [String]], entropy: inout Entropy) -> [Cell] {
        switch column.type {
        case .identifier: return []
        case .text:
            let text = self.text(&entropy)
            return [.text(column.required && text.isEmpty ? "Untitled" : text)]
        case .choice(let choice, _):
            let pick = entropy.next(choice.allowed.count + 1)
            return pick < choice.allowed.count ? [.text(choice.allowed[pick])] : [.null, .text(choice.allowed[0])]
        case .choices(let choice): return [.list(entropy.subset(of: choice.allowed, limit: choice.allowed.count))]
        case .flag: return [.int(entropy.next(2))]
        case .count: return [entropy.next(3) == 0 ? .null : .int(entropy.next(100_001))]
        case .number: return [.double(Double(entropy.next(4_000_001)) / 4)]
        case .monthDay:
            let month = entropy.next(12) + 1
            let day = entropy.next(Day.daysIn(year: 2028, month: month)) + 1
            return [.text(Customer(name: "", fiscalYearEndMonth: month, fiscalYearEndDay: day).fiscalYearEnd)]
        case .date:
            let month = entropy.next(12) + 1
            let day = entropy.next(Day.daysIn(year: 2027, month: month)) + 1
            return [
                entropy.next(3) == 0
                    ? .null : .text(Day(year: 2027, month: month, day: day)?.description ?? "2027-01-01")
            ]
        case .list: return [.list(entropy.subset(of: systems, limit: 3))]
        case .references(let entity): return [.list(entropy.subset(of: pools[entity] ?? [], limit: 4))]
        case .reference(let entity):
            let name = entropy.element(of: pools[entity] ?? [])
            if column.required { return name.map { [.text($0)] } ?? [] }
            return [.text(entropy.next(2) == 0 ? "" : name ?? "")]
        case .reports: return [.list([["soc1"], ["soc2"], ["soc1", "soc2"]][entropy.next(3)])]
        }
    }

    /// Text as an import leaves it: no white space at either end (cells are trimmed).
    static func text(_ entropy: inout Entropy) -> String {
        (0..<entropy.next(9)).map { _ in entropy.element(of: fragments) ?? "" }.joined()
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension StoreTests {
    @Suite("Every table round-trips")
    struct TableRoundTrip {
        @Test func generatedWorkspaceSurvivesTheStoreExportAndImport() async throws {
            let catalog = try StoreFixture.catalog()
            let criteria = catalog.criteria.map(\.id)
            let input = Gen.int(in: 0...1_000_000).array(of: 0...400)

            await propertyCheck(count: 30, input: input, Gen.bool) { values, lineFeeds in
                // Given a workspace holding generated rows of every table, every column filled
                var entropy = TableGen.Entropy(values: values)
                let original = TableGen.workspace(&entropy, criteria: criteria)
                let store = try Store.inMemory()
                try store.initialise(info: TableGen.info, criteria: catalog.criteria, seed: InventoryChanges())
                try store.apply(InventoryChanges(workspace: original))
                #expect(try store.snapshot() == original)

                // When it is exported, imported into an empty workspace, and exported again
                let encoding: StoreFixture.Encoding = lineFeeds ? .lf : .crlf
                let exported = StoreFixture.export(original, as: encoding)
                let copy = try Store.inMemory()
                try copy.initialise(info: TableGen.info, criteria: catalog.criteria, seed: InventoryChanges())
                _ = try StoreFixture.importing(exported, into: copy, catalog: catalog)

                // Then the imported workspace is the original, and the second export is byte-identical
                #expect(try copy.snapshot() == original)
                #expect(
                    StoreFixture.bytes(StoreFixture.export(try copy.snapshot(), as: encoding))
                        == StoreFixture.bytes(exported))
            }
        }

        @Test func theGeneratorFillsEveryColumnOfEveryTable() throws {
            // Given many generated workspaces
            let criteria = try StoreFixture.catalog().criteria.map(\.id)
            var seen: [String: Set<String>] = [:]
            for seed in 0..<200 {
                // SplitMix64 of (seed, index): a linear sequence repeats its residues and starves some columns.
                var entropy = TableGen.Entropy(
                    values: (0..<1000).map { index in
                        var z = UInt64(seed) << 32 &+ UInt64(index) &+ 0x9E37_79B9_7F4A_7C15
                        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                        return Int((z ^ (z >> 31)) % 1_000_003)
                    })
                let workspace = TableGen.workspace(&entropy, criteria: criteria)
                for table in Tables.all { Self.record(table, workspace, into: &seen) }
                for engagement in workspace.engagements {
                    seen["engagements.soc1", default: []].insert(engagement.soc1.typeName)
                    seen["engagements.soc2", default: []].insert(engagement.soc2.typeName)
                    seen["engagements.objectives", default: []].insert("\(engagement.objectives ?? [])")
                    seen["engagements.interim", default: []].insert(engagement.soc1Calendar.interim.text)
                    seen["engagements.fieldwork", default: []].insert(engagement.soc2Calendar.fieldworkText)
                }
            }
            for key in ["engagements.soc1", "engagements.soc2"] { #expect(seen[key]?.count == 3, "\(key)") }

            // Then every column of every table held at least two different values
            for table in Tables.all {
                for column in table.columnInfo {
                    let key = "\(table.kind).\(column.name)"
                    #expect((seen[key]?.count ?? 0) >= 2, "\(key) took \(seen[key] ?? [])")
                }
            }
        }

        static func record<T: AnyTableSpec>(_ table: T, _ workspace: Workspace, into seen: inout [String: Set<String>])
        {
            for row in workspace[keyPath: table.spec.rows] {
                for column in table.spec.columns {
                    seen["\(table.kind).\(column.name)", default: []].insert("\(column.get(row))")
                }
            }
        }
    }
}
