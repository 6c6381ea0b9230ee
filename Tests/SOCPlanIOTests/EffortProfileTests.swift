import Foundation
import SOCPlanCore
import Testing

@testable import SOCPlanIO

/// The built-in effort profiles against published fee levels, the low/base/high range, and the
/// plan CSV that a spreadsheet sums.
@Suite struct EffortProfileTests {
    static func samplePlan(profile: String?) throws -> EngagementPlan {
        let catalog = try CatalogLoader.builtIn()
        let (workspace, _) = BundledSample.workspace(catalog: catalog)
        let model = try #require(try ParameterLoader.builtInEffortProfiles().model(named: profile))
        return EngagementPlan.make(
            PlanInputs(
                workspace: workspace, engagement: BundledSample.engagement, criteria: catalog.criteria,
                table: try ParameterLoader.builtInSampleTable(), model: model,
                holidays: try ParameterLoader.builtInHolidays()))
    }

    static func cost(_ effort: Effort?, _ plan: EngagementPlan) -> Double {
        effort?.cost(rate: nil, model: plan.inputs.model) ?? 0
    }

    @Test("the built-in model ships three profiles, mid-tier the default")
    func profiles() throws {
        let profiles = try ParameterLoader.builtInEffortProfiles()
        #expect(profiles.names == ["boutique", "mid-tier", "big-four"])
        #expect(profiles.model(named: nil)?.name == "mid-tier")
        // And every parameter of every profile has low ≤ base ≤ high
        for model in profiles.models {
            for parameter in EffortModel.Parameter.allCases {
                let low = try #require(model.low[parameter])
                let high = try #require(model.high[parameter])
                #expect(low <= model[parameter] && model[parameter] <= high, "\(model.name) \(parameter)")
            }
        }
    }

    @Test("mid-tier: the bundled sample's SOC 1 alone and SOC 2 alone land inside published fees")
    func midTierInsidePublishedFees() throws {
        // Given the bundled Acme Payroll sample with the default profile
        let plan = try Self.samplePlan(profile: nil)
        let estimate = plan.estimate
        // Then a SOC 1 Type 2 alone costs $20k–$80k and a SOC 2 Type 2 alone $25k–$120k (domain.md §7)
        let soc1 = Self.cost(estimate.soc1Alone, plan)
        let soc2 = Self.cost(estimate.soc2Alone, plan)
        #expect((20_000...80_000).contains(soc1), "SOC 1 alone \(soc1)")
        #expect((25_000...120_000).contains(soc2), "SOC 2 alone \(soc2)")
        // And their hours sit inside the published hour levels (SOC 1 90–460 h, SOC 2 mid-tier 220–530 h)
        #expect((90...460).contains(estimate.soc1Alone?.total ?? 0))
        #expect((220...530).contains(estimate.soc2Alone?.total ?? 0))
        // And the joint engagement stays well under the sum: at most 1.5 audits
        #expect((estimate.auditEquivalents ?? 2) <= 1.5)
    }

    @Test("boutique and Big Four profiles bracket mid-tier, each inside its fee level for SOC 2")
    func profilesBracket() throws {
        let boutique = try Self.samplePlan(profile: "boutique")
        let mid = try Self.samplePlan(profile: "mid-tier")
        let big = try Self.samplePlan(profile: "big-four")
        #expect(boutique.estimate.joint.total < mid.estimate.joint.total)
        #expect(mid.estimate.joint.total < big.estimate.joint.total)
        // SOC 2 Type 2: about $25k–$75k boutique, $75k–$200k+ Big Four
        #expect((25_000...75_000).contains(Self.cost(boutique.estimate.soc2Alone, boutique)))
        #expect((75_000...200_000).contains(Self.cost(big.estimate.soc2Alone, big)))
    }

    @Test("low ≤ base ≤ high, per report and joint")
    func range() throws {
        let plan = try Self.samplePlan(profile: nil)
        for get: (Estimate) -> Double in [
            { $0.joint.total }, { $0.soc1Alone?.total ?? 0 }, { $0.soc2Alone?.total ?? 0 },
        ] {
            #expect(get(plan.low) < get(plan.estimate))
            #expect(get(plan.estimate) < get(plan.high))
        }
        // And the sentence a CFO reads gives the joint range against the separate range
        let sentence = PlanRender.costSentence(plan, rate: nil)
        #expect(sentence.hasPrefix("about $"))
        #expect(sentence.contains("for both reports, against $"))
        #expect(sentence.contains("for two separate audits (mid-tier profile)"))
    }

    @Test("each end of the range is the engagement planned with every parameter at that end")
    func rangeEndsArePlansOfTheirOwn() throws {
        // Given the bundled sample planned with the default profile, and again with its model at each end
        let plan = try Self.samplePlan(profile: nil)
        for level in [EffortModel.Level.low, .high] {
            var inputs = plan.inputs
            inputs.model = plan.inputs.model.at(level)
            let end = EngagementPlan.make(inputs)
            // Then the range's end (priced from the base plan's layout) is that plan's estimate, to the
            // last digit: every hour by phase, report, role and component, joint and each report alone
            let range = level == .low ? plan.low : plan.high
            #expect(range.joint == end.estimate.joint, "\(level) joint")
            #expect(range.soc1Alone == end.estimate.soc1Alone, "\(level) SOC 1 alone")
            #expect(range.soc2Alone == end.estimate.soc2Alone, "\(level) SOC 2 alone")
            // And the end differs from the base (the range is a range)
            #expect(range.joint.total != plan.estimate.joint.total)
        }
    }

    @Test("the plan CSV's hours column sums to the joint estimate, and numeric columns hold numbers only")
    func planCSVSums() throws {
        let plan = try Self.samplePlan(profile: nil)
        let rows = PlanRender.rows(
            plan.audit, evidence: plan.workspace.evidence, components: plan.estimate.joint.components)
        let header = rows[0]
        let hours = try #require(header.firstIndex(of: "auditor_hours"))
        let sum = rows.dropFirst().reduce(0.0) { $0 + (Double($1[hours]) ?? 0) }
        // Each cell is rounded to 0.1 h: the sum is the total within half a tenth per row
        #expect(abs(sum - plan.estimate.joint.total) <= 0.05 * Double(rows.count - 1))
        // And the component rows name planning, population checks, each report's reporting, management
        let titles = rows.dropFirst().filter { $0[0].isEmpty }.map { $0[1] }
        #expect(titles.contains("engagement planning, risk assessment and kickoff"))
        #expect(titles.contains("completeness and accuracy of populations"))
        #expect(titles.contains { $0.hasPrefix("SOC 1 report: description review") })
        #expect(titles.contains("project management"))
        #expect(titles.contains("contingency for deviations"))
        // And every numeric cell is empty or a plain number
        for column in ["soc1_sample", "soc2_sample", "combined_sample", "auditor_hours", "client_hours"] {
            let index = try #require(header.firstIndex(of: column))
            for row in rows.dropFirst() {
                #expect(row[index].isEmpty || Double(row[index]) != nil, "\(column): \(row[index])")
            }
        }
    }
}
