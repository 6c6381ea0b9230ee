import SOCPlanCore
import Testing

// The sample-size rules of domain.md §5 and the combined audit plan, checked against numbers
// worked out by hand from the rules (never copied from the program's output).

// MARK: - The defaults of Catalogs/sample-sizes.csv and Catalogs/effort-model.csv, typed by hand

private let table = HandTypedDefaults.sampleTable

private func day(_ text: String) -> Day {
    guard let day = Day(text) else { preconditionFailure("bad fixture date \(text)") }
    return day
}

private func period(_ start: String, _ end: String) -> Period { Period(start: day(start), end: day(end)) }

/// Windows of 3, 6 and 12 whole months, all starting 2026-01-01.
private let windows: [Int: Period] = [
    3: period("2026-01-01", "2026-03-31"),
    6: period("2026-01-01", "2026-06-30"),
    12: period("2026-01-01", "2026-12-31"),
]

// MARK: - Sampler.decide: every frequency × risk × window × nature × report type

/// The Type 2 sample of a manual or IT-dependent manual control, worked out by hand.
///
/// occurrences in the window = occurrences a year × months ÷ 12; the sample is the table's size
/// capped at ⌊occurrences⌋; below one occurrence the control may not occur (1 item, flagged).
/// Event-driven without population_size: 250 a year assumed, ⌈250 × months ÷ 12⌉ in the window.
///
/// | frequency    | a year | 3 months                | 6 months              | 12 months           |
/// |--------------|--------|-------------------------|-----------------------|---------------------|
/// | annual       | 1      | 0.25 → 1/1, may not occur | 0.5 → 1/1, may not occur | 1 → 1/1          |
/// | semiannual   | 2      | 0.5 → 1/1, may not occur  | 1 → 1/min(2,1)=1      | 2 → 1/2             |
/// | quarterly    | 4      | 1 → min(2,1)=1 / 1      | 2 → 2/2               | 4 → 2/2             |
/// | monthly      | 12     | 3 → 2/min(5,3)=3        | 6 → 2/5               | 12 → 2/5            |
/// | weekly       | 52     | 13 → 5/min(15,13)=13    | 26 → 5/15             | 52 → 5/15           |
/// | daily        | 250    | 62.5 → 25/40            | 125 → 25/40           | 250 → 25/40         |
/// | recurring    | 1000   | 250 → 25/60             | 500 → 25/60           | 1000 → 25/60        |
/// | event-driven | (250)  | ⌈62.5⌉=63 → 51–250: 25/25 | 125 → 25/25         | 250 → 25/25         |
private let handWorked: [Frequency: [Int: (low: Int, high: Int, mayNotOccur: Bool)]] = [
    .annual: [3: (1, 1, true), 6: (1, 1, true), 12: (1, 1, false)],
    .semiannual: [3: (1, 1, true), 6: (1, 1, false), 12: (1, 2, false)],
    .quarterly: [3: (1, 1, false), 6: (2, 2, false), 12: (2, 2, false)],
    .monthly: [3: (2, 3, false), 6: (2, 5, false), 12: (2, 5, false)],
    .weekly: [3: (5, 13, false), 6: (5, 15, false), 12: (5, 15, false)],
    .daily: [3: (25, 40, false), 6: (25, 40, false), 12: (25, 40, false)],
    .recurring: [3: (25, 60, false), 6: (25, 60, false), 12: (25, 60, false)],
    .eventDriven: [3: (25, 25, false), 6: (25, 25, false), 12: (25, 25, false)],
]

/// One cell of the cross product, named the way a person would say it.
struct DecideCase: Sendable, CustomTestStringConvertible {
    var frequency: Frequency
    var risk: Risk
    var months: Int
    var nature: Nature
    var type2: Bool

    var testDescription: String {
        "\(frequency.rawValue) \(nature.rawValue) \(risk.rawValue)-risk, \(type2 ? "Type 2 over \(months) months" : "Type 1")"
    }

    /// The expected items and basis, from the rules: Type 1 → walkthrough of 0 items; automated
    /// Type 2 → test of one (the table's automated row, 1); otherwise the hand-worked table above.
    var expected: (items: Int, basis: SampleDecision.Basis, mayNotOccur: Bool) {
        if !type2 { return (0, .walkthrough, false) }
        if nature == .automated { return (1, .testOfOne, false) }
        guard let cell = handWorked[frequency]?[months] else { return (-1, .frequency, false) }
        return (
            risk == .high ? cell.high : cell.low, frequency == .eventDriven ? .population : .frequency, cell.mayNotOccur
        )
    }

    static let all: [DecideCase] = Frequency.allCases.flatMap { frequency in
        [Risk.low, .high].flatMap { risk in
            [3, 6, 12].flatMap { months in
                Nature.allCases.flatMap { nature in
                    [false, true].map {
                        DecideCase(frequency: frequency, risk: risk, months: months, nature: nature, type2: $0)
                    }
                }
            }
        }
    }
}

/// A control with nothing but what sampling looks at.
private func control(
    _ frequency: Frequency, _ nature: Nature = .manual, risk: Risk = .low, population: Int? = nil
) -> Control {
    Control(
        id: "T-1", title: "Test control", frequency: frequency, nature: nature, risk: risk, populationSize: population)
}

@Suite("Sample sizes (domain.md §5)")
struct SamplingTests {
    @Test("the cross product of the sample-size rules", arguments: DecideCase.all)
    func decide(_ cell: DecideCase) throws {
        // Given a control of this frequency, nature and risk, and a report of this type and window
        let window = try #require(windows[cell.months])
        let scope: ReportScope = cell.type2 ? .type2(window) : .type1(asOf: window.end)
        let subject = control(cell.frequency, cell.nature, risk: cell.risk)
        // When the report's sample is decided
        let decision = try #require(Sampler.decide(subject, scope: scope, report: .soc2, table: table))
        // Then it has the items and basis worked out by hand, flagged when the control may not occur
        let expected = cell.expected
        #expect(decision.report == .soc2)
        #expect(decision.items == expected.items)
        #expect(decision.basis == expected.basis)
        #expect(decision.notes.contains { $0.contains("may not occur") } == expected.mayNotOccur, "\(decision.notes)")
        // And an event-driven control without a population size says what it assumed
        let assumed = cell.type2 && cell.nature != .automated && cell.frequency == .eventDriven
        #expect(decision.notes.contains { $0.contains("no population size") } == assumed, "\(decision.notes)")
    }

    @Test("the cross product covers 8 frequencies × 2 risks × 3 windows × 3 natures × 2 report types")
    func crossProductIsComplete() {
        // Given the cases above
        // When they are counted, per frequency and in all
        // Then none is missing: 8 × 2 × 3 × 3 × 2 = 288, and every frequency has 2 × 3 × 3 × 2 = 36
        #expect(DecideCase.all.count == 288)
        for frequency in Frequency.allCases {
            #expect(DecideCase.all.filter { $0.frequency == frequency }.count == 36)
        }
    }

    @Test("a report that is not issued needs no sample")
    func notIssued() {
        // Given a daily control and a report that is not issued
        // When its sample is decided
        // Then there is none
        #expect(Sampler.decide(control(.daily), scope: .none, report: .soc1, table: table) == nil)
    }

    @Test("a control capped by the window says so")
    func capNote() throws {
        // Given a monthly higher-risk control (table: 5) in a 3-month window (3 occurrences)
        let decision = try #require(
            Sampler.decide(control(.monthly, risk: .high), scope: .type2(windows[3]!), report: .soc1, table: table))
        // When its sample is decided
        // Then 3 items are planned and the note names the cap
        #expect(decision.items == 3)
        #expect(decision.notes.contains { $0.contains("capped at 3") }, "\(decision.notes)")
    }
}

// MARK: - Event-driven bands and population sizes

/// An event-driven (or daily / recurring) control with a population size, and its sample worked out by hand.
struct PopulationCase: Sendable, CustomTestStringConvertible {
    var frequency: Frequency
    var population: Int?
    var months: Int
    var risk: Risk
    var items: Int
    /// Occurrences expected in the window.
    var occurrences: Double
    var why: String

    var testDescription: String {
        "\(frequency.rawValue), \(population.map { "\($0) a year" } ?? "no population size"), \(months) months, "
            + "\(risk.rawValue) risk → \(items) (\(why))"
    }
}

private let populationCases: [PopulationCase] = [
    // Event-driven, 12 months: occurrences = population; band by occurrences.
    .init(frequency: .eventDriven, population: 1, months: 12, risk: .low, items: 1, occurrences: 1, why: "1–5: all"),
    .init(frequency: .eventDriven, population: 5, months: 12, risk: .high, items: 5, occurrences: 5, why: "1–5: all"),
    .init(
        frequency: .eventDriven, population: 6, months: 12, risk: .low, items: 2, occurrences: 6,
        why: "6–12: sized like monthly, 2"),
    .init(
        frequency: .eventDriven, population: 12, months: 12, risk: .high, items: 5, occurrences: 12,
        why: "6–12: sized like monthly, higher risk 5"),
    .init(
        frequency: .eventDriven, population: 13, months: 12, risk: .low, items: 10, occurrences: 13,
        why: "13–50: 10"),
    .init(
        frequency: .eventDriven, population: 30, months: 12, risk: .high, items: 10, occurrences: 30, why: "13–50: 10"),
    .init(
        frequency: .eventDriven, population: 50, months: 12, risk: .low, items: 10, occurrences: 50, why: "13–50: 10"),
    .init(
        frequency: .eventDriven, population: 51, months: 12, risk: .low, items: 25, occurrences: 51, why: "51–250: 25"),
    .init(
        frequency: .eventDriven, population: 250, months: 12, risk: .high, items: 25, occurrences: 250,
        why: "51–250: 25"),
    .init(
        frequency: .eventDriven, population: 251, months: 12, risk: .low, items: 25, occurrences: 251, why: ">250: 25"),
    .init(
        frequency: .eventDriven, population: 251, months: 12, risk: .high, items: 40, occurrences: 251, why: ">250: 40"),
    .init(
        frequency: .eventDriven, population: 3000, months: 12, risk: .high, items: 40, occurrences: 3000,
        why: ">250: 40"),
    // No population size: 250 a year assumed.
    .init(
        frequency: .eventDriven, population: nil, months: 12, risk: .low, items: 25, occurrences: 250,
        why: "250 assumed"),
    .init(
        frequency: .eventDriven, population: nil, months: 12, risk: .high, items: 25, occurrences: 250,
        why: "250 assumed"),
    // A 3-month window shrinks the population: ⌈population × 3 ÷ 12⌉.
    .init(
        frequency: .eventDriven, population: 400, months: 3, risk: .high, items: 25, occurrences: 100,
        why: "400 → 100: 51–250"),
    .init(
        frequency: .eventDriven, population: 1000, months: 3, risk: .high, items: 25, occurrences: 250,
        why: "1000 → 250"),
    .init(
        frequency: .eventDriven, population: 200, months: 3, risk: .low, items: 10, occurrences: 50,
        why: "200 → 50: 13–50"),
    .init(
        frequency: .eventDriven, population: 20, months: 3, risk: .high, items: 5, occurrences: 5, why: "20 → 5: all"),
    .init(
        frequency: .eventDriven, population: 10, months: 3, risk: .low, items: 3, occurrences: 3, why: "⌈2.5⌉ = 3: all"),
    .init(
        frequency: .eventDriven, population: 1, months: 3, risk: .low, items: 1, occurrences: 1, why: "⌈0.25⌉ = 1: all"),
    .init(
        frequency: .eventDriven, population: nil, months: 3, risk: .low, items: 25, occurrences: 63, why: "⌈62.5⌉ = 63"),
    .init(frequency: .eventDriven, population: nil, months: 6, risk: .high, items: 25, occurrences: 125, why: "125"),
    // Daily and recurring controls use population_size instead of the table's occurrences a year; one
    // that occurred fewer than half its frequency's times is sized as the row its occurrences fit.
    .init(
        frequency: .daily, population: 200, months: 12, risk: .low, items: 25, occurrences: 200,
        why: "200 ≥ 125: still daily"),
    .init(
        frequency: .daily, population: 200, months: 3, risk: .high, items: 40, occurrences: 50,
        why: "200 ≥ 125: daily, higher risk 40 of 50"),
    .init(
        frequency: .daily, population: 12, months: 12, risk: .low, items: 2, occurrences: 12,
        why: "12 < 125: sized as monthly, not 12 of 12"),
    .init(
        frequency: .daily, population: 100, months: 3, risk: .high, items: 15, occurrences: 25,
        why: "100 < 125: sized as weekly (52 ≤ 100), higher risk"),
    .init(frequency: .recurring, population: 5000, months: 12, risk: .high, items: 60, occurrences: 5000, why: "60"),
    .init(
        frequency: .recurring, population: 40, months: 6, risk: .low, items: 2, occurrences: 20,
        why: "40 < 500: sized as monthly"),
]

extension SamplingTests {
    @Test("event-driven bands, missing population sizes and short windows", arguments: populationCases)
    func population(_ cell: PopulationCase) throws {
        // Given the control and a Type 2 window of the case's length
        let window = try #require(windows[cell.months])
        let subject = control(cell.frequency, .itDependentManual, risk: cell.risk, population: cell.population)
        // When its sample is decided
        let decision = try #require(Sampler.decide(subject, scope: .type2(window), report: .soc1, table: table))
        // Then the items and the occurrences are the ones worked out by hand
        #expect(decision.items == cell.items)
        #expect(decision.occurrences == cell.occurrences)
        #expect(decision.basis == (cell.frequency == .eventDriven ? .population : .frequency))
        // And only an event-driven control without a population size carries the assumption note
        let assumed = cell.frequency == .eventDriven && cell.population == nil
        #expect(decision.notes.contains { $0.contains("no population size") } == assumed, "\(decision.notes)")
    }

    @Test("a recurring control expected less than once in the window is flagged")
    func recurringMayNotOccur() throws {
        // Given a recurring control that happens 2 times a year, in a 3-month window: 2 × 3 ÷ 12 = 0.5
        let subject = control(.recurring, population: 2)
        // When its sample is decided
        let decision = try #require(Sampler.decide(subject, scope: .type2(windows[3]!), report: .soc1, table: table))
        // Then one item is planned and the plan says the control may not occur
        #expect(decision.items == 1)
        #expect(decision.notes.contains { $0.contains("may not occur") }, "\(decision.notes)")
    }

    @Test("an event-driven control with no occurrence expected tests nothing and says so")
    func noOccurrence() throws {
        // Given an event-driven control with a population size of 0
        let subject = control(.eventDriven, population: 0)
        // When its sample is decided over 2026
        let decision = try #require(Sampler.decide(subject, scope: .type2(windows[12]!), report: .soc2, table: table))
        // Then no item is planned and the note asks for the design to be tested
        #expect(decision.items == 0)
        #expect(decision.notes.contains { $0.contains("no occurrence expected") }, "\(decision.notes)")
    }

    @Test("a weekly control that occurred 3 times is sized as semiannual, and says so")
    func weeklyRebucketed() throws {
        // Given a weekly control with population_size 3 (fewer than half of 52)
        let subject = control(.weekly, risk: .high, population: 3)
        // When its sample is decided over 12 months
        let decision = try #require(Sampler.decide(subject, scope: .type2(windows[12]!), report: .soc2, table: table))
        // Then it is the semiannual higher-risk size (2 ≤ 3 occurrences), not 3 of 3, and the plan says why
        #expect(decision.items == 2)
        #expect(decision.occurrences == 3)
        #expect(decision.sizedAs == .semiannual)
        #expect(
            decision.notes.contains("sized as semiannual: 3 occurrences a year contradict weekly"), "\(decision.notes)")
    }

    @Test("a larger population_size does not re-bucket a weekly control")
    func weeklyKeepsItsRow() throws {
        // Given a weekly control whose population_size counts more than 52 (the items reviewed, say)
        let subject = control(.weekly, risk: .high, population: 300)
        // When its sample is decided over 12 months
        let decision = try #require(Sampler.decide(subject, scope: .type2(windows[12]!), report: .soc2, table: table))
        // Then it is the weekly higher-risk size, 15 of 52 occurrences
        #expect(decision.items == 15)
        #expect(decision.occurrences == 52)
        #expect(decision.sizedAs == .weekly)
    }
}

// MARK: - Sampler.combine: one test of a shared control for both reports

/// Two reports' samples of one shared control and the combined sample worked out by hand.
struct CombineCase: Sendable, CustomTestStringConvertible {
    var name: String
    var soc1: ReportScope
    var soc2: ReportScope
    var soc1Items: Int
    var soc2Items: Int
    var combined: Int
    var saving: Int

    var testDescription: String { name }
}

private let year2026 = period("2026-01-01", "2026-12-31")

private let combineCases: [CombineCase] = [
    // Identical windows: the larger sample serves both.
    .init(
        name: "identical windows: the larger of 25 and 40", soc1: .type2(year2026), soc2: .type2(year2026),
        soc1Items: 25,
        soc2Items: 40, combined: 40, saving: 0),
    // A Type 1 (walkthrough, 0 items) beside a Type 2: the Type 2 sample.
    .init(
        name: "SOC 1 Type 1 beside a SOC 2 Type 2: the Type 2 sample", soc1: .type1(asOf: day("2026-12-31")),
        soc2: .type2(year2026), soc1Items: 0, soc2Items: 25, combined: 25, saving: 0),
    .init(
        name: "SOC 1 Type 2 beside a SOC 2 Type 1: the Type 2 sample", soc1: .type2(year2026),
        soc2: .type1(asOf: day("2026-06-30")), soc1Items: 2, soc2Items: 0, combined: 2, saving: 0),
    // SOC 1 2026, SOC 2 2026-07-01..2027-06-30: both 12 months, overlap 2026-07..12 = 6 months.
    // Overlap: max(⌈25 × 6 ÷ 12⌉, ⌈25 × 6 ÷ 12⌉) = 13; outside: 13 + 13; 13 + 26 = 39 (≤ 50); saving 39 − 25 = 14.
    .init(
        name: "windows half apart: each report's months pro rata", soc1: .type2(year2026),
        soc2: .type2(period("2026-07-01", "2027-06-30")), soc1Items: 25, soc2Items: 25, combined: 39, saving: 14),
    // Same windows, monthly lower-risk (2 each): ⌈2 × 6 ÷ 12⌉ = 1 in the overlap, 1 + 1 outside = 3; saving 1.
    .init(
        name: "windows half apart, 2 items each", soc1: .type2(year2026),
        soc2: .type2(period("2026-07-01", "2027-06-30")),
        soc1Items: 2, soc2Items: 2, combined: 3, saving: 1),
    // SOC 1 2026, SOC 2 2026-04-01..2027-03-31: overlap 2026-04..12 = 9 months, 3 outside each.
    // Overlap ⌈25 × 9 ÷ 12 = 18.75⌉ = 19; outside ⌈6.25⌉ = 7 each; 19 + 14 = 33; saving 33 − 25 = 8.
    .init(
        name: "windows a quarter apart: pro-rata items for the months outside", soc1: .type2(year2026),
        soc2: .type2(period("2026-04-01", "2027-03-31")), soc1Items: 25, soc2Items: 25, combined: 33, saving: 8),
    // Same windows, 40 items each: 40 × 9 ÷ 12 = 30 in the overlap, 10 + 10 outside = 50 (≤ 80); saving 10.
    .init(
        name: "windows a quarter apart, whole pro-rata items", soc1: .type2(year2026),
        soc2: .type2(period("2026-04-01", "2027-03-31")), soc1Items: 40, soc2Items: 40, combined: 50, saving: 10),
    // SOC 1 2026 (12 months), SOC 2 2026-07-01..2026-12-31 inside it (6 months): overlap 6 months.
    // Overlap max(⌈25 × 6 ÷ 12⌉ = 13, ⌈25 × 6 ÷ 6⌉ = 25) = 25; SOC 1's 6 months outside ⌈12.5⌉ = 13: 38; saving 13.
    .init(
        name: "SOC 2 window inside the SOC 1 window", soc1: .type2(year2026),
        soc2: .type2(period("2026-07-01", "2026-12-31")), soc1Items: 25, soc2Items: 25, combined: 38, saving: 13),
    // Disjoint windows: nothing shared, both samples; saving 25 + 40 − 40 = 25.
    .init(
        name: "disjoint windows: the sum", soc1: .type2(period("2025-01-01", "2025-06-30")),
        soc2: .type2(period("2026-01-01", "2026-06-30")), soc1Items: 25, soc2Items: 40, combined: 65, saving: 25),
]

extension SamplingTests {
    @Test("a shared control's combined sample", arguments: combineCases)
    func combine(_ cell: CombineCase) {
        // Given the two reports' scopes and each report's own sample of one shared control
        let engagement = Engagement(name: "joint", soc1: cell.soc1, soc2: cell.soc2)
        func decision(_ report: ReportKind, _ items: Int) -> SampleDecision {
            let type2 = engagement.scope(report).period != nil
            return SampleDecision(report: report, items: items, basis: type2 ? .frequency : .walkthrough)
        }
        // When the samples are combined
        let result = Sampler.combine(
            decision(.soc1, cell.soc1Items), decision(.soc2, cell.soc2Items), engagement: engagement)
        // Then the combined sample and the alignment saving are the ones worked out by hand
        #expect(result.items == cell.combined)
        #expect(result.saving == cell.saving)
    }

    @Test("a control serving one report keeps that report's sample")
    func combineSingle() {
        // Given a SOC 2-only control with a sample of 10
        let engagement = Engagement(name: "joint", soc1: .type2(year2026), soc2: .type2(year2026))
        let soc2 = SampleDecision(report: .soc2, items: 10, basis: .population)
        // When it is combined with no SOC 1 sample
        let result = Sampler.combine(nil, soc2, engagement: engagement)
        // Then 10 items are tested and nothing is saved
        #expect(result.items == 10)
        #expect(result.saving == 0)
    }
}

// MARK: - Planner.plan on a small hand-built workspace

private let planCriteria: [Criterion] = [
    Criterion(id: "CC6.1", category: .security, group: "CC6", cosoPrinciple: nil, title: "Logical access security"),
    Criterion(id: "CC6.2", category: .security, group: "CC6", cosoPrinciple: nil, title: "User registration"),
    Criterion(id: "CC6.3", category: .security, group: "CC6", cosoPrinciple: nil, title: "Access removal"),
    Criterion(id: "CC7.2", category: .security, group: "CC7", cosoPrinciple: nil, title: "Anomaly monitoring"),
    Criterion(id: "CC8.1", category: .security, group: "CC8", cosoPrinciple: nil, title: "Change management"),
    Criterion(id: "P4.3", category: .privacy, group: "P4", cosoPrinciple: nil, title: "Disposal"),
]

private let planObjectives: [Objective] = [
    Objective(id: "BP-1", title: "Payroll calculated accurately", domain: .business, area: "business-processing"),
    Objective(id: "ITGC-01", title: "Logical access", domain: .itgc, area: "logical-access"),
    Objective(id: "ITGC-03", title: "Change management", domain: .itgc, area: "change-management"),
]

private let planEvidence: [EvidenceItem] = [
    EvidenceItem(id: "EV-LEAVERS", title: "Terminated users listing", kind: .population, source: "Workday"),
    EvidenceItem(id: "EV-CHANGES", title: "Production change log", kind: .population, source: "Jira"),
    EvidenceItem(id: "EV-POLICY", title: "Access control policy", kind: .document),
]

/// | control | maps to                 | class        | sample (2026, both Type 2)                     |
/// |---------|-------------------------|--------------|------------------------------------------------|
/// | AC-1    | ITGC-01, CC6.2          | shared       | event-driven high, 60 a year: 51–250 → 25      |
/// | AUTO-1  | CC7.2                   | SOC 2 only   | automated annual: test of one (warned)         |
/// | EV-1    | BP-1                    | SOC 1 only   | event-driven, no population size: 25 (warned)  |
/// | PAY-1   | BP-1                    | SOC 1 only   | monthly low: 2; its own test procedure         |
/// | PR-1    | P4.3 (privacy not chosen) | out of scope | no row                                       |
/// | UN-1    | nothing                 | unmapped     | no row                                         |
private let planControls: [Control] = [
    Control(
        id: "AC-1", title: "Removal of leavers' access", owner: "IT Operations Manager", frequency: .eventDriven,
        nature: .itDependentManual, risk: .high, objectives: ["ITGC-01"], criteria: ["CC6.2"],
        evidence: ["EV-LEAVERS", "EV-POLICY"], testMethods: [.inquiry, .inspection], populationSize: 60),
    Control(
        id: "AUTO-1", title: "Alerting on failed jobs", frequency: .annual, nature: .automated, criteria: ["CC7.2"],
        testMethods: [.inspection]),
    Control(
        id: "EV-1", title: "Off-cycle payment approval", owner: "Payroll Manager", frequency: .eventDriven,
        nature: .manual, objectives: ["BP-1"], testMethods: [.inspection]),
    Control(
        id: "PAY-1", title: "Payroll tie-out", owner: "Payroll Manager", frequency: .monthly, nature: .manual,
        objectives: ["BP-1"], testMethods: [.reperformance],
        testProcedure: "Re-perform the payroll register to GL tie-out for two selected months."),
    Control(id: "PR-1", title: "Disposal of personal data", frequency: .annual, nature: .manual, criteria: ["P4.3"]),
    Control(id: "UN-1", title: "Unmapped control", frequency: .monthly, nature: .manual),
]

/// A change-management control tested by sampling, on CC8.1.
private let changeControl = Control(
    id: "CM-1", title: "Change approval", owner: "Engineering Manager", frequency: .eventDriven, nature: .manual,
    objectives: ["ITGC-03"], criteria: ["CC8.1"], evidence: ["EV-CHANGES"], testMethods: [.inspection],
    populationSize: 300)

private func planWorkspace(_ controls: [Control]) -> Workspace {
    Workspace(
        info: WorkspaceInfo(organization: "Acme", profile: nil), objectives: planObjectives, evidence: planEvidence,
        controls: controls.sorted { $0.id < $1.id })
}

private let bothType2 = Engagement(name: "fy2026", soc1: .type2(year2026), soc2: .type2(year2026))

private func plan(_ controls: [Control], _ engagement: Engagement = bothType2) -> AuditPlan {
    Planner.plan(
        workspace: planWorkspace(controls), engagement: engagement, criteria: planCriteria, table: table,
        model: HandTypedDefaults.effortModel)
}

extension SamplingTests {
    @Suite("The combined audit plan")
    struct PlanTests {
        let planned = plan(planControls)

        private func row(_ id: ControlID) -> PlanRow? { planned.rows.first { $0.control.id == id } }

        @Test("one row per in-scope control, in id order, with the reports it serves")
        func rowsAndReports() {
            // Given the workspace above: four in-scope controls, one out of scope, one unmapped
            // When the plan is made for a joint engagement over 2026
            // Then only the four in-scope controls have a row, each with its reports, SOC 1 first
            #expect(planned.rows.map(\.control.id) == ["AC-1", "AUTO-1", "EV-1", "PAY-1"])
            #expect(planned.rows.map(\.reports) == [[.soc1, .soc2], [.soc2], [.soc1], [.soc1]])
            #expect(row("AC-1")?.isShared == true)
            #expect(row("PAY-1")?.isShared == false)
        }

        @Test("each row carries the samples worked out by hand")
        func samples() {
            // Given the workspace above over 2026
            // When the plan is made
            // Then AC-1 (60 a year, band 51–250) tests 25 once for both reports
            #expect(row("AC-1")?.soc1?.items == 25)
            #expect(row("AC-1")?.soc2?.items == 25)
            #expect(row("AC-1")?.combined == 25)
            // And AUTO-1 is a SOC 2 test of one, with no SOC 1 sample
            #expect(row("AUTO-1")?.soc1 == nil)
            #expect(row("AUTO-1")?.soc2?.basis == .testOfOne)
            #expect(row("AUTO-1")?.combined == 1)
            // And EV-1 assumes 250 a year (25), PAY-1 is monthly lower-risk (2)
            #expect(row("EV-1")?.combined == 25)
            #expect(row("PAY-1")?.combined == 2)
            // And the test items add up: 25 + 1 + 25 + 2 = 53 joint; 25 + 25 + 1 + 25 + 2 = 78 separately
            #expect(planned.jointItems == 53)
            #expect(planned.separateItems == 78)
        }

        @Test("nonsense controls are warned about, with a hint")
        func warnings() {
            // Given an automated control marked annual and an event-driven control with no population size
            // When the plan is made
            // Then each is warned about once, naming the control, with a hint on what to change
            let annual = planned.diagnostics.filter { $0.code == "automated-annual" }
            let population = planned.diagnostics.filter { $0.code == "no-population-size" }
            #expect(annual.map(\.subject) == ["AUTO-1"])
            #expect(population.map(\.subject) == ["EV-1"])
            #expect((annual + population).allSatisfy { $0.severity == .warning && !$0.hint.isEmpty })
            // And the row of the event-driven control notes the assumption too
            #expect(row("EV-1")?.notes.contains { $0.contains("no population size") } == true)
        }

        @Test("a test of one without a tested change-management control is warned about")
        func testOfOneBasisMissingChangeManagement() throws {
            // Given AUTO-1 (test of one), and AC-1 (tested, on CC6.2) but no tested control on CC8.1
            // When the plan is made
            let warning = try #require(planned.diagnostics.first { $0.code == "test-of-one-basis" })
            // Then the warning names change management and not logical access, which AC-1 covers
            #expect(warning.message.contains("change management"))
            #expect(!warning.message.contains("logical access"))
            #expect(warning.severity == .warning)
        }

        @Test("a test of one with neither ITGC tested names both")
        func testOfOneBasisMissingBoth() throws {
            // Given AUTO-1 alone
            let alone = plan([planControls[1]])
            // When the plan is made
            let warning = try #require(alone.diagnostics.first { $0.code == "test-of-one-basis" })
            // Then the warning names change management and logical access
            #expect(warning.message.contains("change management"))
            #expect(warning.message.contains("logical access"))
        }

        @Test("no test-of-one warning when change management and logical access are tested")
        func testOfOneBasisCovered() {
            // Given the workspace above plus CM-1, a sampled control on CC8.1
            let covered = plan(planControls + [changeControl])
            // When the plan is made
            // Then there is no test-of-one warning
            #expect(!covered.diagnostics.contains { $0.code == "test-of-one-basis" })
        }

        @Test("an ITGC change-management objective counts as change management for a SOC 1-only control")
        func testOfOneBasisByObjective() {
            // Given CM-1 mapped to the ITGC change-management objective only (no CC8.1)
            var soc1Only = changeControl
            soc1Only.criteria = []
            let covered = plan(planControls + [soc1Only])
            // When the plan is made
            // Then the test of one has its basis: no warning
            #expect(!covered.diagnostics.contains { $0.code == "test-of-one-basis" })
        }

        @Test("no test-of-one warning when no control is a test of one")
        func noTestOfOne() {
            // Given the workspace without the automated control
            let manualOnly = plan(planControls.filter { $0.nature != .automated })
            // When the plan is made
            // Then nothing is said about a test of one
            #expect(!manualOnly.diagnostics.contains { $0.code == "test-of-one-basis" })
        }

        @Test("the control's own test procedure replaces the default")
        func ownProcedure() {
            // Given PAY-1 with its own test procedure
            // When the plan is made
            // Then the row's procedure is that text, word for word
            #expect(row("PAY-1")?.procedure == "Re-perform the payroll register to GL tie-out for two selected months.")
        }

        @Test("the default procedure names the owner, the population, the items and the period")
        func defaultProcedure() throws {
            // Given AC-1: owner IT Operations Manager, population "Terminated users listing", 25 items over 2026
            let procedure = try #require(row("AC-1")?.procedure)
            // When the plan writes its procedure
            // Then a reader finds the owner, the population, the number of items and the period in it
            #expect(procedure.contains("IT Operations Manager"), "\(procedure)")
            #expect(procedure.lowercased().contains("terminated users listing"), "\(procedure)")
            #expect(procedure.contains("25 items"), "\(procedure)")
            #expect(procedure.contains("2026-01-01..2026-12-31"), "\(procedure)")
        }

        @Test("a row lists its population evidence, and the plan each population once")
        func populations() {
            // Given AC-1 drawing from EV-LEAVERS, and CM-1 from EV-CHANGES
            let withChanges = plan(planControls + [changeControl])
            // When the plan is made
            // Then AC-1's row lists only its population (not the policy document), and the plan both populations
            #expect(withChanges.rows.first { $0.control.id == "AC-1" }?.populations == ["EV-LEAVERS"])
            #expect(withChanges.populations == ["EV-CHANGES", "EV-LEAVERS"])
        }

        @Test("a Type 1 report walks every control through and samples nothing")
        func type1() {
            // Given both reports as Type 1 as of 2026-12-31
            let asOf = Engagement(
                name: "t1", soc1: .type1(asOf: day("2026-12-31")), soc2: .type1(asOf: day("2026-12-31")))
            // When the plan is made
            let walked = plan(planControls, asOf)
            // Then every row is a walkthrough of 0 items, and no population is checked
            #expect(walked.rows.allSatisfy { $0.combined == 0 && !$0.isTested })
            #expect(walked.populations.isEmpty)
            #expect(walked.jointItems == 0)
        }
    }
}
