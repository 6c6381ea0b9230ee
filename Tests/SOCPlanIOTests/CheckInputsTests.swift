import SOCPlanCore
import SOCPlanIO
import Testing

/// `socplan check` plans the engagement without the catalog's procedure templates (no lint reads a
/// row's test procedure): everything else of the plan, and so every lint, is the same.
@Suite struct CheckInputsTests {
    @Test func aPlanWithoutProcedureTemplatesDiffersOnlyInTheProcedures() throws {
        // Given the bundled sample planned with the catalog's procedure templates and without them
        let sample = try ReportTests.sampleInputs()
        var inputs = sample.plan.inputs
        inputs.procedures = ProcedureLibrary()
        let worded = sample.plan
        let plain = EngagementPlan.make(inputs)

        // Then the procedures differ (the templates are in use)
        #expect(plain.audit.rows.map(\.procedure) != worded.audit.rows.map(\.procedure))
        // and the rows without their procedures, the requests, the plan's warnings, the strata to
        // sample, the estimate and every lint of check are the same
        func blanked(_ rows: [PlanRow]) -> [PlanRow] {
            rows.map {
                var row = $0
                row.procedure = ""
                return row
            }
        }
        #expect(blanked(plain.audit.rows) == blanked(worded.audit.rows))
        #expect(plain.requests == worded.requests)
        #expect(plain.diagnostics == worded.diagnostics)
        #expect(Selector.strata(plain) == Selector.strata(worded))
        #expect(plain.estimate == worded.estimate)
        #expect(
            WorkspaceChecker.check(plain.workspace, plan: plain)
                == WorkspaceChecker.check(worded.workspace, plan: worded))
        #expect(!WorkspaceChecker.check(worded.workspace, plan: worded).isEmpty)
    }
}
