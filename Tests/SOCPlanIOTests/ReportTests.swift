import Foundation
import SOCPlanCore
import Testing

@testable import SOCPlanIO

/// The joint engagement report, its section 4 and section 3 skeletons, and the committed examples.
@Suite struct ReportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func sampleInputs() throws -> ReportBuilder.Inputs {
        let catalog = try CatalogLoader.builtIn()
        let (workspace, outcome) = BundledSample.workspace(catalog: catalog)
        #expect(!outcome.diagnostics.hasErrors)
        let plan = EngagementPlan.make(
            PlanInputs(
                workspace: workspace, engagement: BundledSample.engagement, criteria: catalog.criteria,
                table: try ParameterLoader.builtInSampleTable(), model: try ParameterLoader.builtInEffortModel(),
                holidays: try ParameterLoader.builtInHolidays(), layers: catalog.layers,
                procedures: catalog.procedures))
        return ReportBuilder.Inputs(plan: plan, catalog: catalog)
    }

    /// Every example in Reports/examples/, by file name, rendered from the bundled sample.
    static func examples() throws -> [(name: String, text: String)] {
        let inputs = try sampleInputs()
        var files: [(String, String)] = [
            (
                "acme-payroll-report.html",
                try ReportRender.render(ReportBuilder.report(inputs, brief: false), template: "report", as: .html)
            ),
            (
                "acme-payroll-report.md",
                try ReportRender.render(ReportBuilder.report(inputs, brief: false), template: "report", as: .md)
            ),
        ]
        for report in ReportKind.allCases {
            let section4 = ReportBuilder.section4(inputs, report: report)
            files.append(
                (
                    "acme-payroll-section4-\(report.rawValue).md",
                    try ReportRender.render(section4, template: "section4", as: .md)
                ))
            files.append(("acme-payroll-section4-\(report.rawValue).csv", Render.csv(section4.csvRows)))
            files.append(
                (
                    "acme-payroll-section3-\(report.rawValue).md",
                    try ReportRender.render(
                        ReportBuilder.section3(inputs, report: report), template: "section3", as: .md)
                ))
        }
        return files
    }

    @Test func committedExamplesAreUpToDate() throws {
        // Given the bundled sample rendered now
        let folder = Self.root.appendingPathComponent("Reports/examples")
        let regenerate = ProcessInfo.processInfo.environment["SOCPLAN_REGENERATE"] == "1"
        for (name, text) in try Self.examples() {
            let url = folder.appendingPathComponent(name)
            if regenerate { try text.write(to: url, atomically: true, encoding: .utf8) }
            // Then each committed example (the golden file) is exactly what socplan renders
            let committed = try? String(contentsOf: url, encoding: .utf8)
            #expect(
                committed == text,
                "Reports/examples/\(name) is out of date: run `SOCPLAN_REGENERATE=1 swift test --filter ReportTests`")
        }
    }

    @Test func reportIsOneFileThatRequestsNothing() throws {
        // Given the sample's HTML report
        let html = try ReportRender.render(
            ReportBuilder.report(try Self.sampleInputs(), brief: false), template: "report", as: .html)
        // Then it loads no script, stylesheet, image or font from anywhere
        for needle in ["<script", "<link", "src=", "@import", "url("] {
            #expect(!html.contains(needle), "the report contains \(needle)")
        }
        // And every table header repeats when printed, and it is readable on a phone
        #expect(html.contains("thead { display: table-header-group; }"))
        #expect(html.contains("name=\"viewport\""))
    }

    @Test func picturesShowTheSummaryFigures() throws {
        // Given the sample's report model and HTML
        let inputs = try Self.sampleInputs()
        let model = ReportBuilder.report(inputs, brief: true)
        let html = try ReportRender.render(model, template: "report", as: .html)
        // Then the overlap picture carries the same counts as the summary cards
        func attribute(_ name: String) -> String? {
            guard let range = html.range(of: "\(name)=\"") else { return nil }
            return String(html[range.upperBound...].prefix { $0 != "\"" })
        }
        #expect(attribute("data-shared") == String(model.shared))
        #expect(attribute("data-soc1-only") == String(model.soc1Only))
        #expect(attribute("data-soc2-only") == String(model.soc2Only))
        #expect(html.contains("<span id=\"shared\">\(model.shared)</span>"))
        #expect(html.contains("<span id=\"soc1-only\">\(model.soc1Only)</span>"))
        // And the hours picture's joint bars add up to the joint hours in the summary
        var joint = 0.0
        var rest = html[...]
        while let range = rest.range(of: "data-joint=\"") {
            joint += Double(rest[range.upperBound...].prefix { $0 != "\"" }) ?? 0
            rest = rest[range.upperBound...]
        }
        #expect(abs(joint - (Double(model.jointHours) ?? -1)) < 0.5)
        // And the heat map has one red cell per gap in the gaps table
        #expect(attribute("data-gaps") == String(model.gaps.count))
        let overlap = Overlap(
            workspace: inputs.workspace, engagement: inputs.engagement, criteria: inputs.catalog.criteria,
            layers: inputs.catalog.layers)
        #expect(model.gaps.count == overlap.uncoveredCriteria.count + overlap.uncoveredObjectives.count)
    }

    /// A workspace whose only control has a hostile title and description.
    static func hostileInputs() throws -> ReportBuilder.Inputs {
        let sample = try sampleInputs()
        var workspace = sample.workspace
        let evil = Control(
            id: "X-1", title: "<script>alert(1)</script> | pipe", description: "a | b \\ c\nsecond line",
            owner: "O'Brien & <Co>", frequency: .quarterly, nature: .manual, objectives: ["ITGC-01"],
            criteria: ["CC6.1"], procedureTemplate: "generic")
        workspace.controls = [evil]
        var inputs = sample.plan.inputs
        inputs.workspace = workspace
        return ReportBuilder.Inputs(plan: EngagementPlan.make(inputs), catalog: sample.catalog)
    }

    @Test("the report shows the plan it is given: it never plans again")
    func reportReadsThePlanValue() throws {
        // Given the sample's plan with its planning hours replaced by a figure no planner would produce
        var inputs = try Self.sampleInputs()
        inputs.plan.estimate.joint.planning = 12_345
        // When the report is built from it
        let model = ReportBuilder.report(inputs, brief: true)
        // Then the summary shows the replaced figure, so the hours come from the plan value alone
        #expect(model.jointHours == PlanRender.hours(inputs.plan.estimate.joint.total))
        #expect(inputs.plan.estimate.joint.total > 12_345)
    }

    @Test func userTextIsEscapedInHTML() throws {
        // Given a control titled <script>alert(1)</script> | pipe
        let inputs = try Self.hostileInputs()
        // When the report and section 4 are rendered as HTML
        for html in [
            try ReportRender.render(ReportBuilder.report(inputs, brief: false), template: "report", as: .html),
            try ReportRender.render(ReportBuilder.section4(inputs, report: .soc2), template: "section4", as: .html),
        ] {
            // Then the title is text, not markup: no script element can appear
            #expect(!html.contains("<script>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | pipe"))
            #expect(!html.contains("O'Brien & <Co>"))
        }
    }

    @Test func userTextDoesNotBreakMarkdownTables() throws {
        // Given the same control
        let inputs = try Self.hostileInputs()
        // When the report and section 4 are rendered as Markdown
        let report = try ReportRender.render(ReportBuilder.report(inputs, brief: false), template: "report", as: .md)
        let section4 = try ReportRender.render(
            ReportBuilder.section4(inputs, report: .soc2), template: "section4", as: .md)
        for (markdown, columns) in [(report, 11), (section4, 5)] {
            // Then its row has exactly the table's columns: the pipe and backslash are escaped, the line break is <br>
            let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| X-1 |") })
            var cells = 0
            var escaped = false
            for character in row {
                if escaped {
                    escaped = false
                    continue
                }
                if character == "\\" { escaped = true } else if character == "|" { cells += 1 }
            }
            #expect(cells == columns + 1, "\(row)")
            #expect(row.contains("\\| pipe"))
        }
        #expect(section4.contains("a \\| b \\\\ c<br>second line"))
    }

    @Test func section4GroupsByObjectiveOrCriterionWithEmptyResults() throws {
        // Given the sample
        let inputs = try Self.sampleInputs()
        let plan = inputs.plan
        // When the SOC 1 and SOC 2 skeletons are built
        let soc1 = ReportBuilder.section4(inputs, report: .soc1)
        let soc2 = ReportBuilder.section4(inputs, report: .soc2)
        // Then SOC 1 has one group per in-scope objective and SOC 2 one per in-scope criterion
        #expect(soc1.groups.map(\.id) == inputs.workspace.objectives.map(\.id.rawValue))
        #expect(soc2.groups.count == inputs.engagement.criteriaInScope(inputs.catalog.criteria).count)
        // And a shared control appears under both reports with the same test procedure
        let shared = try #require(plan.audit.rows.first { $0.isShared })
        let one = soc1.groups.flatMap(\.rows).filter { $0.control == shared.control.id.rawValue }
        let two = soc2.groups.flatMap(\.rows).filter { $0.control == shared.control.id.rawValue }
        #expect(!one.isEmpty && !two.isEmpty)
        #expect(Set(one.map(\.procedure) + two.map(\.procedure)).count == 1)
        // And every results cell is left for the auditor
        #expect((soc1.groups + soc2.groups).flatMap(\.rows).allSatisfy { $0.results.isEmpty })
        // And the uncovered objective says so instead of vanishing
        #expect(soc1.groups.contains { $0.id == "BP-PAY-7" && !$0.hasRows && $0.note.contains("No control") })
    }

    @Test func section3FollowsEachReportsDescriptionCriteria() throws {
        // Given the sample
        let inputs = try Self.sampleInputs()
        // When the SOC 2 and SOC 1 description skeletons are built
        let soc2 = ReportBuilder.section3(inputs, report: .soc2)
        let soc1 = ReportBuilder.section3(inputs, report: .soc1)
        // Then SOC 2 has the nine DC 200 points, pre-filled with the profile's services and the CUECs
        #expect(soc2.parts.count == 9)
        #expect(soc2.parts[0].paragraphs.first?.isEmpty == false)
        let criteria = Set(inputs.plan.overlap.criteria.map(\.id))
        #expect(
            soc2.parts[5].items.count
                == inputs.workspace.cuecs.filter {
                    $0.reports.contains(.soc2) && $0.criteria.contains { criteria.contains($0.rawValue) }
                }.count)
        #expect(soc2.parts[6].items.contains { $0.hasPrefix("Public cloud provider (carve-out)") })
        // And SOC 1 lists every objective with its controls, and marks what management must write
        #expect(soc1.parts[4].items.count == inputs.workspace.objectives.count)
        #expect(soc1.parts.contains { $0.heading.contains("Classes of transactions") && $0.hasTodo })
    }
}
