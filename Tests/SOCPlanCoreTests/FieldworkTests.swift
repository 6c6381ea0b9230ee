import Testing

@testable import SOCPlanCore

@Suite struct FieldworkTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256MatchesTheFIPSVectors(_ text: String, _ digest: String) {
        #expect(SHA256.hex(Array(text.utf8)) == digest)
    }

    @Test func splitMix64MatchesTheReferenceSequence() {
        // The first outputs of SplitMix64 seeded with 0 (Vigna's reference implementation).
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func belowStaysInRangeAndAnExtensionContinuesTheShuffle() throws {
        let rows = (0..<50).map {
            PopulationRow(key: "K-\($0)", date: Day(year: 2026, month: 1 + $0 % 12, day: 1)!, line: $0 + 2)
        }
        let ordered = Selector.ordered(rows)
        let ten = Selector.random(ordered, count: 10, seed: 42)
        let thirty = Selector.random(ordered, count: 30, seed: 42)
        #expect(Array(thirty.prefix(10)) == ten)
        #expect(Set(thirty.map(\.key)).count == 30)
        #expect(Selector.random(ordered, count: 10, seed: 43) != ten)
        // Ordering does not depend on the order the file listed the rows in
        #expect(Selector.random(Selector.ordered(rows.reversed()), count: 10, seed: 42) == ten)
        let systematic = Selector.systematic(ordered, count: 5, seed: 42)
        let positions = systematic.compactMap { row in ordered.firstIndex(of: row) }
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $1 - $0 == 10 })
    }

    @Test func aFieldworkSpanningTwoReportPeriodsGivesEachItsShare() throws {
        // A SOC 1 over calendar 2026 (25 items) and a SOC 2 over July–December (25 items): one fieldwork's
        // 38 items over the year are cut at 1 July, the second half weighted by the SOC 2's larger need.
        let year = Period(start: Day(year: 2026, month: 1, day: 1)!, end: Day(year: 2026, month: 12, day: 31)!)
        let half = Period(start: Day(year: 2026, month: 7, day: 1)!, end: Day(year: 2026, month: 12, day: 31)!)
        let engagement = Engagement(name: "e", soc1: .type2(year), soc2: .type2(half), categories: [.security])
        let control = Control(id: "C-1", title: "t", frequency: .eventDriven, nature: .manual)
        let phase = FieldworkPhase(report: .soc1, phase: .final, covers: year, fieldwork: year)
        let row = PlanRow(
            control: control, reports: [.soc1, .soc2], objectives: [], criteria: [], methods: [], procedure: "",
            populations: [], soc1: SampleDecision(report: .soc1, items: 25, basis: .population),
            soc2: SampleDecision(report: .soc2, items: 25, basis: .population), combined: 38,
            phases: [PhaseSample(phase: phase, window: year, items: 38, serves: [.soc1, .soc2])], alignmentSaving: 13,
            auditorHours: 0, clientHours: 0, notes: [])
        let pieces = Selector.pieces(row.phases[0], row: row, engagement: engagement)
        #expect(pieces.map(\.0) == [Period(start: year.start, end: Day(year: 2026, month: 6, day: 30)!), half])
        #expect(pieces.map(\.1).reduce(0, +) == 38)
        // The SOC 2 needs all its 25 items in July–December; the SOC 1 about 12.4 in January–June
        #expect(pieces[1].1 >= 25 && pieces[0].1 >= 12)
    }
}
