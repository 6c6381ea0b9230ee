import Foundation
import SOCPlanCore
import Testing

@testable import SOCPlanIO

/// Issue 15 in the report: sections 3 and 4 as the standards want them, procedures that fit the
/// control, and a report a CFO can read on a phone.
@Suite struct StandardsReportTests {
    static func inputs(
        _ change: (inout Workspace, inout Engagement) -> Void = { _, _ in }
    ) throws -> ReportBuilder.Inputs {
        let sample = try ReportTests.sampleInputs()
        var inputs = sample.plan.inputs
        change(&inputs.workspace, &inputs.engagement)
        return ReportBuilder.Inputs(plan: EngagementPlan.make(inputs), catalog: sample.catalog)
    }

    @Test("a Type 1 section 4 has no results column and no changes during the period; a Type 2 has both")
    func section4ByType() throws {
        // Given the sample (Type 2) and the same engagement as a SOC 2 Type 1
        let type2 = try Self.inputs()
        let type1 = try Self.inputs { _, engagement in
            engagement.soc2 = .type1(asOf: Day(year: 2026, month: 12, day: 31)!)
        }
        // When section 4 of the SOC 2 is rendered
        let two = try ReportRender.render(ReportBuilder.section4(type2, report: .soc2), template: "section4", as: .md)
        let one = try ReportRender.render(ReportBuilder.section4(type1, report: .soc2), template: "section4", as: .md)
        let oneHTML = try ReportRender.render(
            ReportBuilder.section4(type1, report: .soc2), template: "section4", as: .html)
        // Then the Type 2 has the results column and the changes part, the Type 1 neither
        #expect(two.contains("Results of tests") && two.contains("Changes to controls during the period"))
        #expect(!one.contains("Results of tests") && !one.contains("Changes to controls"))
        #expect(!oneHTML.contains("Results of tests") && !oneHTML.contains("Changes to controls"))
        #expect(ReportBuilder.section4(type1, report: .soc2).csvRows[0].last == "sample_basis")
        // And section 3 of the Type 1 has no "changes during the period" either
        #expect(
            !ReportBuilder.section3(type1, report: .soc2).parts.contains { $0.heading.contains("during the period") })
        #expect(
            ReportBuilder.section3(type2, report: .soc2).parts.contains { $0.heading.contains("during the period") })
    }

    @Test("section 3 never offers a common criterion as not relevant: a missing one is a gap to fix")
    func commonCriteriaAlwaysApply() throws {
        // Given the sample with every control on CC1.1 and on A1.3 unmapped from them
        let inputs = try Self.inputs { workspace, _ in
            for index in workspace.controls.indices {
                workspace.controls[index].criteria.removeAll { $0 == "CC1.1" || $0 == "A1.3" }
            }
        }
        // When the SOC 2 description is built
        let part = try #require(
            ReportBuilder.section3(inputs, report: .soc2).parts.first { $0.heading.contains("not relevant") })
        // Then A1.3 may be explained as not relevant, CC1.1 may not: it is a gap to fix
        #expect(part.items.contains { $0.hasPrefix("A1.3") })
        #expect(!part.items.contains { $0.hasPrefix("CC") })
        #expect(part.paragraphs.contains { $0.hasPrefix("CC1.1") && $0.contains("gap to fix") })
    }

    @Test("a report lists only the CUECs tied to its own in-scope objectives or criteria")
    func cuecsInScope() throws {
        // Given a CUEC tied to a privacy criterion (not in scope) and one tied to CC6.1
        let inputs = try Self.inputs { workspace, _ in
            workspace.cuecs = [
                CUEC(
                    id: "CUEC-P", text: "The customer's privacy officer answers data requests monthly",
                    criteria: ["P5.1"]),
                CUEC(
                    id: "CUEC-A", text: "The customer's administrator reviews its users quarterly", criteria: ["CC6.1"]),
            ]
        }
        // When the SOC 2 description is built
        let cuecs = try #require(
            ReportBuilder.section3(inputs, report: .soc2).parts.first { $0.heading.contains("user entity") })
        // Then only the CUEC on an in-scope criterion is listed
        #expect(cuecs.items.map { String($0.prefix(7)) } == ["CUEC-A:"])
    }

    @Test("section 3 lists roles, not people, each spelled once")
    func rolesNotPeople() throws {
        // Given owners "IT Ops Mgr", "IT Operations Manager" and "Payroll Tax Mgr (K. Osei)"
        let inputs = try Self.inputs { workspace, _ in
            workspace.controls[0].owner = "IT Ops Mgr"
            workspace.controls[1].owner = "IT Operations Manager"
            workspace.controls[2].owner = "Payroll Tax Mgr (K. Osei)"
        }
        // When the SOC 2 description lists the roles
        let roles = ReportBuilder.section3(inputs, report: .soc2).parts.flatMap(\.items).filter {
            $0.hasPrefix("Role: ")
        }
        // Then no role carries a person's name, and the IT operations role is listed once
        #expect(!roles.contains { $0.contains("(") })
        #expect(roles.filter { $0.lowercased().contains("it op") }.count == 1)
        // And check flags the two spellings
        let checks = WorkspaceChecker.check(inputs.workspace, plan: inputs.plan)
        #expect(checks.contains { $0.code == "role-spellings" && $0.message.contains("IT Ops Mgr") })
    }

    @Test("test procedures fit the control: an access review checks the listing and the reviewer's independence")
    func proceduresFit() throws {
        // Given the built-in procedure templates and a few controls described in their own words
        let catalog = try CatalogLoader.builtIn()
        let library = catalog.procedures
        func chosen(_ title: String, _ description: String = "", nature: Nature = .manual, template: String = "")
            -> String?
        {
            library.choose(
                for: Control(
                    id: "X-1", title: title, description: description, frequency: .quarterly, nature: nature,
                    procedureTemplate: template),
                evidence: [])?.archetype
        }
        // Then each gets its archetype
        #expect(chosen("Quarterly user access review") == "access-review")
        #expect(chosen("Timely removal of access for leavers") == "termination")
        #expect(chosen("Emergency change retrospective approval") == "emergency-change")
        #expect(chosen("Quarterly restore test") == "backup-restore")
        #expect(chosen("Bank reconciliation", "The controller reconciles the bank to the GL") == "reconciliation")
        #expect(
            chosen("Multi-factor authentication enforced", "Okta enforces MFA", nature: .automated) == "configuration")
        #expect(
            chosen("Code of Conduct acknowledgment", "New hires sign the code of conduct") == "policy-acknowledgment")
        // And a control's own choice wins, "generic" choosing none
        #expect(chosen("Quarterly user access review", template: "reconciliation") == "reconciliation")
        #expect(chosen("Quarterly user access review", template: "generic") == nil)
        // And in the sample's plan, the access review's procedure asks for both checks
        let plan = try ReportTests.sampleInputs().plan
        let review = try #require(plan.audit.rows.first { $0.control.title.lowercased().contains("access review") })
        #expect(review.procedure.contains("complete and accurate"), "\(review.procedure)")
        #expect(review.procedure.contains("independent of the access reviewed"), "\(review.procedure)")
    }

    @Test("procedures and requests keep names as they are written: no \"code of Conduct\", \"guardDuty\" or \"the HR\"")
    func casing() throws {
        // Given controls titled as people write them, owned by HR, with a Title Case policy as evidence
        let inputs = try Self.inputs { workspace, _ in
            workspace.evidence.append(EvidenceItem(id: "EV-AMP", title: "Asset Management Policy", kind: .document))
            workspace.controls[0].title = "Code of Conduct acknowledgment"
            workspace.controls[0].owner = "HR"
            workspace.controls[0].testProcedure = ""
            workspace.controls[0].procedureTemplate = "generic"
            workspace.controls[1].title = "GuardDuty alerts triaged"
            workspace.controls[1].testProcedure = ""
            workspace.controls[1].procedureTemplate = "generic"
            workspace.controls[2].evidence = ["EV-AMP"]
        }
        // When the plan and the requests are written
        let text =
            inputs.plan.audit.rows.map(\.procedure).joined(separator: "\n")
            + inputs.plan.requests.requests.map(\.whatToProvide).joined(separator: "\n")
        // Then names keep their capitals and teams are not "the HR"
        #expect(text.contains("Code of Conduct acknowledgment"))
        #expect(text.contains("GuardDuty alerts triaged"))
        for fault in ["code of Conduct", "guardDuty", "the HR about", "asset Management Policy"] {
            #expect(!text.contains(fault), "\(fault)")
        }
        #expect(text.contains("Inquire of the HR team"))
    }

    @Test("in the HTML report no id or date can break inside, and multi-line procedures keep their lines")
    func idsStayWhole() throws {
        // Given text with ids and dates
        let html = ReportRender.keepingIdsWhole("R-037 is due 2026-01-01. See BP-PAY-7 <b> & re-perform")
        // Then each id and date is in a span that never breaks, the full stop outside it
        #expect(
            html
                == "<span class=\"id\">R-037</span> is due <span class=\"id\">2026-01-01</span>. See <span class=\"id\">BP-PAY-7</span> &lt;b&gt; &amp; re-perform"
        )
        // And a period may break after its "..", between two whole dates, so a summary card holds it
        #expect(
            ReportRender.keepingIdsWhole("Type 2, 2026-01-01..2026-12-31.")
                == "Type 2, <span class=\"id\">2026-01-01</span>..<wbr><span class=\"id\">2026-12-31</span>.")
        // And the report's style keeps ids on one line and procedure line breaks visible
        let report = try ReportRender.render(
            ReportBuilder.report(try ReportTests.sampleInputs(), brief: false), template: "report", as: .html)
        #expect(report.contains(".nowrap, .id { white-space: nowrap; }"))
        #expect(report.contains("white-space: pre-line"))
        #expect(report.contains("<td class=\"id\"><span class=\"id\">EV-ALERTS/P1</span></td>"))
    }

    @Test("an error never appears under Warnings, and repeated warnings are one line with the count")
    func errorsApart() throws {
        // Given the sample with every owner removed (one warning per control) and the cloud unmonitored (an error)
        let inputs = try Self.inputs { workspace, _ in
            for index in workspace.controls.indices {
                workspace.controls[index].owner = ""
                workspace.controls[index].monitors = []
            }
        }
        // When the report model is built
        let model = ReportBuilder.report(inputs, brief: true)
        // Then the errors list holds only errors and the warnings list none
        #expect(!model.errors.isEmpty && model.errors.allSatisfy { $0.severity == "error" })
        #expect(model.warnings.allSatisfy { $0.severity != "error" })
        // And the owner warnings are one line counting them all
        let owners = model.warnings.filter { $0.code == "control-no-owner" }
        #expect(owners.count == 1)
        #expect(owners.first?.message.hasPrefix("\(inputs.plan.overlap.inScopeControls.count) alike:") == true)
        let html = try ReportRender.render(model, template: "report", as: .html)
        let errors = try #require(html.range(of: "<h3>Errors</h3>"))
        let warnings = try #require(html.range(of: "<h3>Warnings and notes</h3>"))
        #expect(!html[warnings.upperBound...].prefix(20_000).contains("pill error\""))
        #expect(errors.lowerBound < warnings.lowerBound)
    }

    @Test("the summary card shows the engagement's own SOC 1 period against the customers")
    func ownCoverage() throws {
        // Given the sample, which has customers and a calendar-year SOC 1
        let model = ReportBuilder.report(try ReportTests.sampleInputs(), brief: true)
        // Then the card speaks of this period first, then the recommendation
        #expect(model.window.hasPrefix("This period (ending December) covers "), "\(model.window)")
        #expect(model.window.contains("is recommended"))
    }
}
