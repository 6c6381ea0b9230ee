import SOCPlanCore
import Testing

// The SOC 1 additions of domain.md §6 and §9: CUEC testability, carved-out subservice
// organizations in the overlap and in `socplan check`, and the choice of the SOC 1 window.
// Every expected value below is worked out by hand from the rules, in the comments beside it.

// MARK: - CUEC testability

/// A CUEC the way a SOC 1 report words it, with what a user auditor would bounce it back for.
struct WordedCUEC: Sendable, CustomTestStringConvertible {
    var text: String
    /// Problem codes in the checker's order: actor, action, timing, evidence, vague…, link.
    var problems: [String]
    /// round(checks passed of 6 × 100): 0, 17, 33, 50, 67, 83 or 100.
    var score: Int

    init(_ text: String, _ problems: [String] = [], score: Int = 100) {
        self.text = text
        self.problems = problems
        self.score = score
    }

    var testDescription: String { String(text.prefix(90)) }
}

/// A CUEC from text alone: the structured columns empty, linked to one payroll objective.
private func textOnly(_ text: String, objectives: [ObjectiveID] = ["BP-PAY-1"]) -> CUEC {
    CUEC(id: "CUEC-T", text: text, objectives: objectives)
}

private let noActor = "cuec-no-actor"
private let noAction = "cuec-no-action"
private let noTiming = "cuec-no-timing"
private let noEvidence = "cuec-no-evidence"
private let vague = "cuec-vague"

@Suite("SOC 1 additions")
struct SOC1AdditionsTests {}

extension SOC1AdditionsTests {
    @Suite("CUEC testability")
    struct CUECTestability {
        /// Realistic, testable CUECs: each names a role at the customer (an actor word such as
        /// administrator, manager, controller, treasurer, analyst, officer, signer), a concrete verb
        /// (reviews, approves, reconciles, agrees, sends, notifies, removes…), a frequency or
        /// trigger (each, every, before, within, quarter, daily, monthly…), and what it leaves
        /// (signed, retains, register, report, record, form, log, confirmation…), with no vague word.
        static let good: [String] = [
            // Payroll (the sentence of the issue).
            "The customer's payroll administrator reviews and approves the payroll register before funding each payroll cycle and retains the signed register",
            // Claims (the brief's second example): sponsor/manager, approves, before/days, signed approval.
            "The plan sponsor's benefits manager approves plan design changes in writing at least 30 days before their effective date and keeps the signed approval",
            // Payroll terminations: HR manager, sends, each/within/days, confirmation.
            "The customer's HR manager sends each approved termination to the service through the payroll portal within two business days of the employee's last day and keeps the portal confirmation",
            // Payroll tax: controller, reconciles, each quarter, signs; "filings" also reads as evidence.
            "Each quarter the customer's controller reconciles the payroll tax filings prepared by the service to the general ledger and signs the reconciliation",
            // Claims funding: finance manager, approves, weekly/before, retains … confirmation.
            "The plan sponsor's finance manager approves each weekly claims funding request before the funds are released and retains the approved funding request with the bank confirmation",
            // Claims eligibility: administrator, submits, within/each, retains.
            "Within five business days of each eligibility change, the plan sponsor's benefits administrator submits the change through the eligibility portal and retains the submission receipt",
            // Fund administration trades: analyst, agrees/initials, daily/day, report.
            "The investment manager's trade operations analyst agrees the administrator's daily trade acknowledgment report to the order management blotter by the next business day and initials the report",
            // Fund administration NAV: officer, reviews, monthly/within/month, signs the approval form.
            "The fund's chief financial officer reviews the monthly NAV package from the administrator within ten business days of month end and signs the NAV approval form",
            // Custody instructions: treasurer, approves, each/before/cutoff, log records.
            "The customer's treasurer approves each cash movement instruction in the custody portal before the published cutoff, and the portal log records the approver",
            // Custody settlement: analyst, reviews/notifies, each business day, annotated report.
            "Each business day the customer's investment operations analyst reviews the prior day's settlement status report, notifies the custodian of failed trades the same day and keeps the annotated report",
            // Loan servicing remittance: accounting manager, reconciles, within/monthly, report + signs.
            "Within ten business days of each monthly remittance the investor's accounting manager reconciles the servicer's remittance report to cash received and signs the reconciliation",
            // Loan boarding: operations manager, agrees, within/days, boarding report + signs.
            "The lender's loan operations manager agrees the loan count and principal balance on the servicer's boarding report to the boarding file within five business days of receipt and signs the report",
            // SaaS pricing: revenue operations manager, approves, each/before, approval record.
            "The customer's revenue operations manager approves each new or changed price book in the platform's approval workflow before it is published and keeps the approval record",
            // SaaS access review: finance systems manager, reviews/removes, each quarter/within, export + signs.
            "Each calendar quarter the customer's finance systems manager reviews the platform's user and role export, signs it and removes access no longer needed within five business days of the review",
            // SaaS usage billing: billing analyst, compares, before each monthly run, initials the register.
            "The customer's billing analyst compares the usage summary to the invoice register before each monthly invoice run and initials the register",
            // Payroll access: system administrator, removes, each/within/days, retains the ticket.
            "The customer's payroll system administrator removes portal access for each terminated employee within three business days of termination and retains the removal ticket",
            // Payroll input: administrator, agrees/initials, before/each/cycle/cutoff, confirmation.
            "Before the input cutoff of each payroll cycle, the customer's payroll administrator agrees the control totals on the service's input confirmation to the approved time records and initials the confirmation",
            // Payroll bank changes: employer's treasurer, approves, every/before, signed change form.
            "The employer's treasurer approves every change to the payroll funding bank account in writing before it is sent to the service and keeps the signed change form",
            // "timely" is fine when the time is given ("within 2 business days").
            "The customer's HR administrator notifies the service of each termination timely, within 2 business days, and retains the notification e-mail",
            // "ensures" is fine when a concrete action follows (reconciled, signs).
            "The customer's controller ensures that each payroll tax filing is reconciled to the general ledger each quarter and signs the reconciliation",
        ]

        /// Realistic untestable CUECs, and the problems the rules give them. Worked per sentence:
        /// actor = an actor word (customers, clients, entities, sponsors, manager, administrator,
        /// payroll …); action = a verb stem (review, approv, notif, maintain, submit, provid, fund,
        /// authoriz, instruct, reconcil, retain …); timing = a timing word; evidence = an evidence stem
        /// (report, register, record, document, retain, form, file …); vague = a vague phrase, "timely"
        /// with no "within" + number, or "ensure(s)" with no action. Link is given, so it passes.
        static let bad: [WordedCUEC] = [
            // The issue's sentence: no actor word, no verb stem ("implement" is none, and "appropriate"
            // does not start with "approv"), no timing, no evidence, and "appropriate". Passes: link → 1/6.
            WordedCUEC(
                "Implement appropriate controls over user access", [noActor, noAction, noTiming, noEvidence, vague],
                score: 17),
            // "The customer", "user entities", "clients", "plan sponsors" name no role an auditor can ask
            // for (not an actor), and a report reviewed is not evidence kept (no retains, signs, initials).
            // Only the link passes → 1/6.
            WordedCUEC(
                "User entities are responsible for implementing appropriate controls over user access",
                [noActor, noAction, noTiming, noEvidence, vague], score: 17),
            // customers (actor), review (action), reports (evidence), link → 4/6; "periodically" is vague
            // and is not a timing word.
            WordedCUEC(
                "Customers should periodically review reports", [noActor, noTiming, noEvidence, vague], score: 33),
            // clients (actor), "notification" (notif…), link → 3/6; "timely" with no time is vague.
            WordedCUEC(
                "Clients are responsible for ensuring timely notification of terminated employees",
                [noActor, noTiming, noEvidence, vague], score: 33),
            // entities (actor), maintained (maintain…), link → 3/6; "adequate" is vague.
            WordedCUEC(
                "Adequate segregation of duties should be maintained by user entities",
                [noActor, noTiming, noEvidence, vague], score: 33),
            // Only the link → 1/6; "as needed" and "ensure" with no action are two vague findings.
            WordedCUEC(
                "Controls are in place as needed to ensure data is accurate",
                [noActor, noAction, noTiming, noEvidence, vague, vague], score: 17),
            // Payroll: entities/payroll (actor), submitted (submit…), wording, link → 4/6.
            WordedCUEC(
                "User entities are responsible for the accuracy and completeness of payroll data submitted to the service organization",
                [noActor, noTiming, noEvidence], score: 50),
            // Claims: sponsors (actor), notify (notif…), link → 3/6; "timely basis" is vague.
            WordedCUEC(
                "Plan sponsors should notify the service organization of eligibility changes on a timely basis",
                [noActor, noTiming, noEvidence, vague], score: 33),
            // Fund administration: "administrator" reads as a role (the check cannot tell whose),
            // providing (provid…), wording, link → 4/6.
            // "information" does not start with "form".
            WordedCUEC(
                "Clients are responsible for providing accurate and complete trade information to the fund administrator",
                [noTiming, noEvidence], score: 67),
            // Custody: customers (actor), authorization (authoriz…), link → 3/6; "proper" is vague.
            WordedCUEC(
                "Customers are responsible for the proper authorization of instructions sent to the custodian",
                [noActor, noTiming, noEvidence, vague], score: 33),
            // Loan servicing: "investors" is no actor word; reconciling, reports, link → 3/6; "as necessary".
            WordedCUEC(
                "Investors are responsible for reconciling remittance reports to cash received as necessary",
                [noActor, noTiming, noEvidence, vague], score: 33),
            // SaaS: customers (actor), maintain (action), link → 3/6; "adequate" is vague.
            WordedCUEC(
                "Customers must maintain adequate controls over API keys and credentials",
                [noActor, noTiming, noEvidence, vague], score: 33),
            // SaaS billing: customers, review, reports, link → 4/6; "regularly" is vague.
            WordedCUEC(
                "Customers should review invoices and usage reports regularly", [noActor, noTiming, noEvidence, vague],
                score: 33),
            // Payroll: customer (actor), reviewing (review…), wording, link → 4/6; "output" is no evidence.
            WordedCUEC(
                "The customer is responsible for reviewing payroll output for accuracy",
                [noActor, noTiming, noEvidence], score: 50),
            // Claims: sponsors (actor), link → 2/6; "provisions" does not start with "provid", so there
            // is no action, and "ensure" with no action is vague.
            WordedCUEC(
                "Plan sponsors should ensure that claims are paid in accordance with plan provisions",
                [noActor, noAction, noTiming, noEvidence, vague], score: 17),
            // Fund administration: manager/administrator (actor), communicate (communicat…), link → 3/6.
            WordedCUEC(
                "The investment manager should communicate trade activity to the administrator as needed",
                [noTiming, noEvidence, vague], score: 50),
            // Loan servicing: "lenders" is no actor word, "promptly" no timing word; notifying, wording,
            // link → 3/6.
            WordedCUEC(
                "Lenders are responsible for notifying the servicer of payoffs promptly",
                [noActor, noTiming, noEvidence],
                score: 50),
            // Payroll: customers, retain (action and evidence), documentation, link → 4/6; "adequate".
            WordedCUEC(
                "Customers should retain adequate documentation", [noActor, noTiming, vague], score: 50),
        ]

        @Test("a concrete CUEC written as prose is testable with a full score", arguments: good)
        func goodCUEC(text: String) {
            // Given a CUEC with only its text and a linked objective
            // When it is assessed
            let assessment = CUECChecker.assess(textOnly(text))
            // Then a user auditor could test it: no problem at all, 6 of 6 checks
            #expect(assessment.testable)
            #expect(assessment.problems.map(\.code) == [])
            #expect(assessment.score == 100)
        }

        @Test("a vague CUEC is not testable, for the reasons the rules give", arguments: bad)
        func badCUEC(_ example: WordedCUEC) {
            // Given a CUEC with only its text and a linked objective
            // When it is assessed
            let assessment = CUECChecker.assess(textOnly(example.text))
            // Then it bounces back, with exactly the problems worked out by hand, all errors, each about it
            #expect(!assessment.testable)
            #expect(assessment.problems.map(\.code) == example.problems)
            #expect(assessment.problems.allSatisfy { $0.severity == .error })
            #expect(assessment.problems.allSatisfy { $0.subject == "CUEC-T" && $0.message.hasPrefix("CUEC-T: ") })
            #expect(assessment.score == example.score)
        }

        @Test("the two sentences of the issue")
        func issueSentences() {
            // Given the vague sentence and the concrete one of the issue, both linked to an objective
            let vagueOne = CUECChecker.assess(textOnly("Implement appropriate controls over user access"))
            let concrete = CUECChecker.assess(
                textOnly(
                    "The customer's payroll administrator reviews and approves the payroll register before funding each payroll cycle and retains the signed register"
                ))
            // When they are assessed
            // Then the first fails, naming "appropriate" and telling to name the role; the second passes
            #expect(!vagueOne.testable)
            #expect(vagueOne.problems.contains { $0.code == vague && $0.message.contains("\"appropriate\"") })
            #expect(vagueOne.problems.contains { $0.code == noActor && $0.hint.contains("payroll administrator") })
            #expect(concrete.testable)
            #expect(concrete.score == 100)
        }

        @Test("a CUEC linked to no objective or criterion is a warning, still testable, scoring 5 of 6")
        func noLink() throws {
            // Given the issue's concrete sentence with no objective and no criterion
            let cuec = textOnly(
                "The customer's payroll administrator reviews and approves the payroll register before funding each payroll cycle and retains the signed register",
                objectives: [])
            // When it is assessed
            let assessment = CUECChecker.assess(cuec)
            // Then the only problem is a warning asking for the link; round(5 / 6 × 100) = 83
            let problem = try #require(assessment.problems.first)
            #expect(assessment.problems.count == 1)
            #expect(problem.code == "cuec-no-link")
            #expect(problem.severity == .warning)
            #expect(assessment.testable)
            #expect(assessment.score == 83)
        }

        @Test("a criterion alone is a link")
        func criterionLink() {
            // Given the concrete sentence linked to CC6.2 only
            let cuec = CUEC(
                id: "CUEC-T",
                text:
                    "The customer's payroll system administrator removes portal access for each terminated employee within three business days of termination and retains the removal ticket",
                criteria: ["CC6.2"])
            // When it is assessed / Then nothing is missing
            #expect(CUECChecker.assess(cuec).problems.isEmpty)
        }

        enum Column: String, CaseIterable, Sendable { case actor, action, timing, evidence }

        @Test("a structured column supplies what the text leaves out", arguments: Column.allCases)
        func structuredColumn(_ column: Column) {
            // Given text with no actor word, verb stem, timing word or evidence stem ("Bank account
            // changes"), linked to an objective: by itself it misses 4 checks and scores 2/6 = 33
            var cuec = textOnly("Bank account changes")
            let bare = CUECChecker.assess(cuec)
            #expect(bare.problems.map(\.code) == [noActor, noAction, noTiming, noEvidence])
            #expect(bare.score == 33)
            // When one structured column is filled
            switch column {
            case .actor: cuec.actor = "Customer treasurer"
            case .action: cuec.action = "Approves bank account changes in writing"
            case .timing: cuec.timing = "Before each change is sent to the service"
            case .evidence: cuec.evidence = "Signed change form"
            }
            let filled = CUECChecker.assess(cuec)
            // Then that problem goes and the others stay: 3/6 = 50
            let missing = [noActor, noAction, noTiming, noEvidence].filter { $0 != "cuec-no-\(column.rawValue)" }
            #expect(filled.problems.map(\.code) == missing)
            #expect(filled.score == 50)
        }

        @Test("all four structured columns make a terse CUEC testable")
        func allColumns() {
            // Given the terse text with actor, action, timing and evidence filled in
            let cuec = CUEC(
                id: "CUEC-T", text: "Bank account changes", actor: "Customer treasurer",
                action: "Approves bank account changes in writing", timing: "Before each change is sent",
                evidence: "Signed change form", objectives: ["BP-PAY-2"])
            // When it is assessed / Then it passes all six checks
            let assessment = CUECChecker.assess(cuec)
            #expect(assessment.testable)
            #expect(assessment.score == 100)
        }

        /// Realistic CUECs a user auditor could not test that the checker accepts as written.
        static let missed: [String] = [
            // "Customers" is the whole user entity, not a role; "reports" is what is reviewed, not
            // evidence the review leaves. Accepted because "customers" is an actor word and "reports"
            // starts with the evidence stem "report".
            "Customers should review reports monthly",
            // "adequately" is as untestable as "adequate", but the vague list matches whole words and
            // lists "periodic" and "periodically" while listing neither "adequately", "appropriately",
            // "properly" nor "sufficiently".
            "User entities should adequately review the payroll register before each payroll is funded and retain the register",
        ]

        @Test(
            "a realistic untestable CUEC is not accepted",
            arguments: missed)
        func missedByChecker(text: String) {
            // Given a realistic CUEC that names no role, leaves no evidence, or says "adequately"
            // When it is assessed
            let assessment = CUECChecker.assess(textOnly(text))
            // Then a user auditor could not test it, and neither should the checker
            #expect(!assessment.testable)
        }
    }
}

// MARK: - Carve-out: subservice organizations in the overlap

private let carveCriteria: [Criterion] = [
    Criterion(id: "CC6.1", category: .security, group: "CC6", cosoPrinciple: nil, title: "Logical access security"),
    Criterion(id: "CC6.2", category: .security, group: "CC6", cosoPrinciple: nil, title: "User registration"),
    Criterion(id: "CC6.4", category: .security, group: "CC6", cosoPrinciple: nil, title: "Physical access"),
    Criterion(id: "CC9.2", category: .security, group: "CC9", cosoPrinciple: nil, title: "Vendor and partner risk"),
]

private let carveObjectives: [Objective] = [
    Objective(id: "ITGC-01", title: "Logical access", domain: .itgc, area: "logical-access"),
    Objective(id: "ITGC-02", title: "Physical access", domain: .itgc, area: "physical-access"),
    Objective(id: "ITGC-10", title: "Vendor monitoring", domain: .itgc, area: "vendor-monitoring"),
]

private let cloud = "Nimbus Cloud"

private func carveControl(
    _ id: String, objectives: [ObjectiveID] = [], criteria: [CriterionID] = [], monitors: [String] = [],
    performedBy: String = ""
) -> Control {
    Control(
        id: ControlID(id), title: "Control \(id)", owner: "IT Manager", frequency: .quarterly, nature: .manual,
        key: true, objectives: objectives, criteria: criteria, evidence: ["EV-1"], monitors: monitors,
        performedBy: performedBy)
}

/// The annual review of the cloud's SOC 2 report, mapped to both vendor-monitoring items.
private let vendorReview = carveControl("VM-1", objectives: ["ITGC-10"], criteria: ["CC9.2"], monitors: [cloud])

/// Two access controls, the vendor review, the cloud carved out with two CSOCs:
///
/// | item    | controls        | CSOC                 | status                                  |
/// |---------|-----------------|----------------------|-----------------------------------------|
/// | CC6.1   | AC-1, AC-2 key  | CSOC-2               | covered (own controls come first)       |
/// | CC6.2   | –               | –                    | uncovered: a gap                        |
/// | CC6.4   | –               | CSOC-1               | carved_out by Nimbus Cloud              |
/// | CC9.2   | VM-1            | –                    | thin (one control)                      |
/// | ITGC-01 | AC-1, AC-2 key  | –                    | covered                                 |
/// | ITGC-02 | –               | CSOC-1               | carved_out by Nimbus Cloud              |
/// | ITGC-10 | VM-1            | –                    | thin                                    |
private func carveWorkspace(
    method: SubserviceMethod = .carveOut, reports: [ReportKind] = [.soc1, .soc2], criteria: [Criterion] = carveCriteria
) -> Workspace {
    Workspace(
        info: WorkspaceInfo(organization: "Acme Payroll", profile: nil), objectives: carveObjectives,
        controls: [
            carveControl("AC-1", objectives: ["ITGC-01"], criteria: ["CC6.1"]),
            carveControl("AC-2", objectives: ["ITGC-01"], criteria: ["CC6.1"]),
            vendorReview,
        ],
        subservice: [
            SubserviceOrganization(
                name: cloud, services: "Hosting", method: method, reports: reports,
                components: [.facilities, .hardware, .network, .hypervisor])
        ],
        csocs: [
            CSOC(
                id: "CSOC-1", subservice: cloud, text: "Restricts physical access to data centers",
                objectives: ["ITGC-02"], criteria: ["CC6.4"], components: [.facilities, .hardware]),
            CSOC(
                id: "CSOC-2", subservice: cloud, text: "Restricts hypervisor access", criteria: ["CC6.1"],
                components: [.hypervisor]),
        ])
}

/// Physical access runs only through facilities and hardware (as Catalogs/carve-out-layers.csv
/// says); everything else through every layer, the organization's own included.
private let carveLayers = CarveOutLayers(rules: [
    Spelling.key("CC6.4"): [.facilities, .hardware], Spelling.key("physical-access"): [.facilities, .hardware],
])

private let year2026 = Period(start: Day(year: 2026, month: 1, day: 1)!, end: Day(year: 2026, month: 12, day: 31)!)
private let jointEngagement = Engagement(name: "fy2026", soc1: .type2(year2026), soc2: .type2(year2026))

extension SOC1AdditionsTests {
    @Suite("Carve-out in the overlap")
    struct CarveOut {
        let overlap = Overlap(
            workspace: carveWorkspace(), engagement: jointEngagement, criteria: carveCriteria, layers: carveLayers)

        @Test("a criterion and an objective only a carved-out CSOC addresses are carved out, not gaps")
        func carvedOut() throws {
            // Given the table above
            // When the overlap is computed
            let cc64 = try #require(overlap.criteria.first { $0.id == "CC6.4" })
            let itgc02 = try #require(overlap.objectives.first { $0.id == "ITGC-02" })
            // Then CC6.4 and ITGC-02 are carved out by Nimbus Cloud, with no control of the organization
            #expect(cc64.status == .carvedOut)
            #expect(cc64.carvedOutBy == [cloud])
            #expect(cc64.controls.isEmpty)
            #expect(itgc02.status == .carvedOut)
            #expect(itgc02.carvedOutBy == [cloud])
            #expect(overlap.carvedOut.map(\.id) == ["CC6.4", "ITGC-02"])
            // and neither is a gap; CC6.2, which nothing addresses, is the only one
            #expect(overlap.uncoveredCriteria.map(\.id) == ["CC6.2"])
            #expect(overlap.uncoveredObjectives.map(\.id) == [])
        }

        @Test("every status of the table")
        func statuses() {
            // Given the table above / When the overlap is computed / Then each row has its status
            #expect(overlap.criteria.map(\.id) == ["CC6.1", "CC6.2", "CC6.4", "CC9.2"])
            #expect(overlap.criteria.map(\.status) == [.covered, .uncovered, .carvedOut, .thin])
            #expect(overlap.objectives.map(\.id) == ["ITGC-01", "ITGC-02", "ITGC-10"])
            #expect(overlap.objectives.map(\.status) == [.covered, .carvedOut, .thin])
        }

        @Test("a criterion with a control and a CSOC is covered, not carved out")
        func controlAndCSOC() throws {
            // Given CC6.1 with AC-1 and AC-2 (both key) and CSOC-2
            // When the overlap is computed
            let cc61 = try #require(overlap.criteria.first { $0.id == "CC6.1" })
            // Then the organization's own controls cover it
            #expect(cc61.status == .covered)
            #expect(cc61.controls == ["AC-1", "AC-2"])
            #expect(!overlap.carvedOut.map(\.id).contains("CC6.1"))
        }

        @Test("carved-out items are not counted as covered in the breakdowns")
        func breakdown() {
            // Given the table above
            // When the coverage is rolled up
            // Then CC6 has 3 items of which only CC6.1 has a control (CC6.2 is a gap, CC6.4 carved out):
            //   controls AC-1, AC-2, both shared; CC9: CC9.2 covered by VM-1 (shared)
            let groups = overlap.groups.map { [$0.group, "\($0.items)", "\($0.covered)", "\($0.controls)"] }
            #expect(groups == [["CC6", "3", "1", "2"], ["CC9", "1", "1", "1"]])
            // and physical access has its one objective, carved out, not covered
            let areas = overlap.areas.map { [$0.group, "\($0.items)", "\($0.covered)", "\($0.controls)"] }
            #expect(
                areas == [
                    ["logical-access", "1", "1", "2"], ["physical-access", "1", "0", "0"],
                    ["vendor-monitoring", "1", "1", "1"],
                ])
        }

        @Test("with the one real gap out of scope, a carve-out leaves the engagement without gaps")
        func noGaps() {
            // Given the same workspace, SOC 2 on CC6.1, CC6.4 and CC9.2 only
            let criteria = carveCriteria.filter { $0.id != "CC6.2" }
            // When the overlap is computed
            let overlap = Overlap(
                workspace: carveWorkspace(), engagement: jointEngagement, criteria: criteria, layers: carveLayers)
            // Then there is no gap, though CC6.4 has no control of the organization
            #expect(!overlap.hasGaps)
            #expect(overlap.carvedOut.map(\.id) == ["CC6.4", "ITGC-02"])
        }

        @Test("an inclusive organization's CSOC carves nothing out")
        func inclusive() {
            // Given the cloud described and tested in the report (inclusive) rather than carved out
            // When the overlap is computed
            let overlap = Overlap(
                workspace: carveWorkspace(method: .inclusive), engagement: jointEngagement, criteria: carveCriteria,
                layers: carveLayers)
            // Then CC6.4 and ITGC-02 are plain gaps
            #expect(overlap.carvedOut.isEmpty)
            #expect(overlap.uncoveredCriteria.map(\.id) == ["CC6.2", "CC6.4"])
            #expect(overlap.uncoveredObjectives.map(\.id) == ["ITGC-02"])
        }

        @Test("an organization carved out of the SOC 1 only carves nothing out of the SOC 2")
        func soc1Only() {
            // Given the cloud carved out of the SOC 1 report only
            // When the overlap is computed
            let overlap = Overlap(
                workspace: carveWorkspace(reports: [.soc1]), engagement: jointEngagement, criteria: carveCriteria,
                layers: carveLayers)
            // Then ITGC-02 is still carved out, but CC6.4 is a SOC 2 gap
            #expect(overlap.carvedOut.map(\.id) == ["ITGC-02"])
            #expect(overlap.uncoveredCriteria.map(\.id) == ["CC6.2", "CC6.4"])
        }
    }
}

// MARK: - Subservice checks of `socplan check`

/// A subservice set-up and the subservice diagnostics `check` must give it.
struct SubserviceCase: Sendable, CustomTestStringConvertible {
    var name: String
    var method: SubserviceMethod
    var reports: [ReportKind]
    var csoc: Bool
    /// The organization's own controls besides AC-1: e.g. the vendor review, mapped somewhere.
    var controls: [Control]
    /// "code" for each diagnostic about the organization, in order.
    var expected: [String]
    /// A fragment each diagnostic's message or hint must show, in the same order.
    var says: [String] = []

    var testDescription: String { name }
}

private let emptyTable = SampleTable(frequencies: [:], automatedLowerRisk: 1, automatedHigherRisk: 1, bands: [])
private let emptyModel = EffortModel(values: [:])
private let subserviceCodes: Set<String> = [
    "carve-out-no-csoc", "carve-out-unmonitored", "monitoring-not-mapped", "inclusive-no-controls",
]

extension SOC1AdditionsTests {
    @Suite("Subservice checks")
    struct SubserviceChecks {
        static let cases: [SubserviceCase] = [
            SubserviceCase(
                name: "carve-out, CSOC, no monitoring control", method: .carveOut, reports: [.soc1, .soc2], csoc: true,
                controls: [], expected: ["carve-out-unmonitored"], says: ["monitors = Nimbus Cloud"]),
            SubserviceCase(
                name: "carve-out, monitored, no CSOC", method: .carveOut, reports: [.soc1, .soc2], csoc: false,
                controls: [vendorReview], expected: ["carve-out-no-csoc"], says: ["csocs.csv"]),
            SubserviceCase(
                name: "carve-out, neither CSOC nor monitoring", method: .carveOut, reports: [.soc1, .soc2],
                csoc: false, controls: [], expected: ["carve-out-no-csoc", "carve-out-unmonitored"],
                says: ["no CSOC", "no in-scope control monitors it"]),
            SubserviceCase(
                name: "carve-out, monitoring on the SOC 1 objective only", method: .carveOut, reports: [.soc1, .soc2],
                csoc: true,
                controls: [carveControl("VM-1", objectives: ["ITGC-10"], monitors: [cloud])],
                expected: ["monitoring-not-mapped"], says: ["map VM-1 to CC9.2"]),
            SubserviceCase(
                name: "carve-out, monitoring on CC9.2 only", method: .carveOut, reports: [.soc1, .soc2], csoc: true,
                controls: [carveControl("VM-1", criteria: ["CC9.2"], monitors: [cloud])],
                expected: ["monitoring-not-mapped"], says: ["map VM-1 to ITGC-10"]),
            SubserviceCase(
                name: "carve-out, monitoring mapped to neither", method: .carveOut, reports: [.soc1, .soc2],
                csoc: true,
                controls: [carveControl("VM-1", objectives: ["ITGC-01"], monitors: [cloud])],
                expected: ["monitoring-not-mapped", "monitoring-not-mapped"], says: ["CC9.2", "ITGC-10"]),
            SubserviceCase(
                name: "carve-out of the SOC 2 only, monitoring on CC9.2", method: .carveOut, reports: [.soc2],
                csoc: true,
                controls: [carveControl("VM-1", criteria: ["CC9.2"], monitors: [cloud])], expected: []),
            SubserviceCase(
                name: "carve-out properly monitored", method: .carveOut, reports: [.soc1, .soc2], csoc: true,
                controls: [vendorReview], expected: []),
            SubserviceCase(
                name: "inclusive, none of its controls", method: .inclusive, reports: [.soc1, .soc2], csoc: false,
                controls: [vendorReview], expected: ["inclusive-no-controls"],
                says: ["performed_by_subservice = Nimbus Cloud"]),
            SubserviceCase(
                name: "inclusive, with a control it performs", method: .inclusive, reports: [.soc1, .soc2],
                csoc: false,
                controls: [carveControl("DC-1", objectives: ["ITGC-02"], criteria: ["CC6.4"], performedBy: cloud)],
                expected: []),
        ]

        @Test("each subservice set-up gets the diagnostics of the rules", arguments: cases)
        func subservice(_ example: SubserviceCase) {
            // Given one organization, Nimbus Cloud, with or without a CSOC and monitoring controls
            let workspace = Workspace(
                info: WorkspaceInfo(organization: "Acme Payroll", profile: nil), objectives: carveObjectives,
                controls: [carveControl("AC-1", objectives: ["ITGC-01"], criteria: ["CC6.1"])] + example.controls,
                subservice: [
                    SubserviceOrganization(
                        name: cloud, services: "Hosting", method: example.method, reports: example.reports)
                ],
                csocs: example.csoc
                    ? [CSOC(id: "CSOC-1", subservice: cloud, text: "Restricts physical access", criteria: ["CC6.4"])]
                    : [])
            // When the workspace is checked (inventory only)
            let found = WorkspaceChecker.check(workspace, plan: nil).filter { subserviceCodes.contains($0.code) }
            // Then exactly the expected diagnostics appear, all errors about Nimbus Cloud
            #expect(found.map(\.code) == example.expected)
            #expect(found.allSatisfy { $0.severity == .error && $0.subject == cloud })
            for (diagnostic, fragment) in zip(found, example.says) {
                #expect(
                    diagnostic.message.contains(fragment) || diagnostic.hint.contains(fragment),
                    "\(diagnostic.rendered) does not say \(fragment)")
            }
        }

        @Test("an engagement with no SOC 2 needs no CC9.2 mapping")
        func engagementScope() {
            // Given a carve-out of both reports monitored on ITGC-10 only, and a SOC 1-only engagement
            let workspace = Workspace(
                info: WorkspaceInfo(organization: "Acme Payroll", profile: nil), objectives: carveObjectives,
                controls: [carveControl("VM-1", objectives: ["ITGC-10"], monitors: [cloud])],
                subservice: [SubserviceOrganization(name: cloud)],
                csocs: [CSOC(id: "CSOC-1", subservice: cloud, text: "Restricts physical access", criteria: ["CC6.4"])])
            // When it is checked against the SOC 1 side only, and against the inventory alone
            let soc1Only = Engagement(name: "soc1", soc1: .type1(asOf: Day(year: 2026, month: 6, day: 30)!))
            func codes(_ engagement: Engagement?) -> [String] {
                let plan = engagement.map {
                    EngagementPlan.make(
                        PlanInputs(
                            workspace: workspace, engagement: $0, criteria: carveCriteria, table: emptyTable,
                            model: emptyModel))
                }
                return WorkspaceChecker.check(workspace, plan: plan).map(\.code).filter(subserviceCodes.contains)
            }
            // Then only the inventory-wide check asks for CC9.2
            #expect(codes(soc1Only) == [])
            #expect(codes(nil) == ["monitoring-not-mapped"])
        }
    }
}

// MARK: - The SOC 1 window

private func customer(_ name: String, _ month: Int, _ day: Int, _ weight: Double) -> Customer {
    Customer(name: name, fiscalYearEndMonth: month, fiscalYearEndDay: day, weight: weight)
}

/// Six customers, total weight 100, so a weighted share reads as a percentage.
///
/// Defaults L = 12, maxBridge = 3, minOverlap = 6: overlap = min(12, 12 − g) = 12 − g ≥ 6 whenever
/// g ≤ 3, so a period ending in month m covers exactly the year ends m, m+1, m+2, m+3.
///
/// | customer          | year end | f  | weight |
/// |-------------------|----------|----|--------|
/// | Alder Foods       | 12-31    | 12 | 40     |
/// | Birch Health      | 02-28    | 2  | 20     |
/// | Cedar Retail      | 03-31    | 3  | 15     |
/// | Dogwood Schools   | 06-30    | 6  | 10     |
/// | Elm Credit Union  | 09-30    | 9  | 10     |
/// | Fir Logistics     | 01-31    | 1  | 5      |
///
/// Coverage by end month m (year ends m … m+3 covered):
///   m=1 {1,2,3,4}: Fir 5 + Birch 20 + Cedar 15 = 40      m=7 {7,8,9,10}: Elm 10 = 10
///   m=2 {2,3,4,5}: Birch 20 + Cedar 15 = 35              m=8 {8,9,10,11}: Elm 10 = 10
///   m=3 {3,4,5,6}: Cedar 15 + Dogwood 10 = 25            m=9 {9,10,11,12}: Elm 10 + Alder 40 = 50
///   m=4 {4,5,6,7}: Dogwood 10 = 10                      m=10 {10,11,12,1}: Alder 40 + Fir 5 = 45
///   m=5 {5,6,7,8}: Dogwood 10 = 10                      m=11 {11,12,1,2}: Alder 40 + Fir 5 + Birch 20 = 65
///   m=6 {6,7,8,9}: Dogwood 10 + Elm 10 = 20             m=12 {12,1,2,3}: 40 + 5 + 20 + 15 = 80
private let spread: [Customer] = [
    customer("Alder Foods", 12, 31, 40), customer("Birch Health", 2, 28, 20), customer("Cedar Retail", 3, 31, 15),
    customer("Dogwood Schools", 6, 30, 10), customer("Elm Credit Union", 9, 30, 10),
    customer("Fir Logistics", 1, 31, 5),
]

/// Four customers whose best two end months tie, and whose best pair is unique. Total 100.
///
/// | customer     | f  | weight |   m covers (of 12, 3, 7, 10):  m=12 {12,3}: 30+20 = 50
/// |--------------|----|--------|   m=1,2,3 {3}: 20;  m=4,5,6 {7}: 25;  m=7 {7,10}: 25+25 = 50
/// | Pine Co      | 12 | 30     |   m=8 {10}: 25;  m=9 {10,12}: 25+30 = 55;  m=10 {10,12}: 55
/// | Quince Bank  | 3  | 20     |   m=11 {12}: 30
/// | Rowan Mills  | 7  | 25     |
/// | Spruce Media | 10 | 25     |
private let tied: [Customer] = [
    customer("Pine Co", 12, 31, 30), customer("Quince Bank", 3, 31, 20), customer("Rowan Mills", 7, 31, 25),
    customer("Spruce Media", 10, 31, 25),
]

private func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

extension SOC1AdditionsTests {
    @Suite("The SOC 1 window")
    struct Window {
        @Test(
            "gap, overlap, covered and bridge months of one customer",
            arguments: [
                // (year end month, period end month, length, g, overlap, covered, bridge)
                // g = (f − m) mod 12; overlap = min(L, 12 − g); covered = g ≤ 3 ∧ overlap ≥ 6. A period that
                // runs a = 12 − g months past the year end shares min(12, L − a) months with that year,
                // when that is more (no deadline is given, so it is not covered).
                (12, 12, 12, 0, 12, true, 0),  // same month
                (3, 12, 12, 3, 9, true, 3),  // (3 − 12) mod 12 = 3: the longest bridge
                (4, 12, 12, 4, 8, false, 0),  // 4 > 3: too long for a bridge letter
                (11, 12, 12, 11, 11, false, 0),  // the year ended a month before: January–November shared
                (12, 9, 12, 3, 9, true, 3),  // Dec year end, period to Sep: 3 months' bridge
                (6, 9, 12, 9, 9, false, 0),  // (6 − 9) mod 12 = 9: October–June shared
                (12, 12, 4, 0, 4, false, 0),  // 4 months of overlap < 6, even with no gap
                (2, 12, 6, 2, 6, true, 2),  // min(6, 10) = 6
            ])
        func fit(month: Int, end: Int, length: Int, gap: Int, overlap: Int, covered: Bool, bridge: Int) {
            // Given a customer with its year end in `month` and a period of `length` months ending in `end`
            let fit = WindowAnalysis.fit(
                customer("C", month, 28, 1), endMonth: end, .init(length: length, maxBridge: 3, minOverlap: 6))
            // When it is fitted / Then the numbers are those worked out by hand
            #expect(fit.gap == gap)
            #expect(fit.overlap == overlap)
            #expect(fit.covered == covered)
            #expect(fit.bridgeMonths == bridge)
        }

        @Test("the weighted share of every end month")
        func months() throws {
            // Given the six customers (table above) and the default rule
            let analysis = try #require(WindowAnalysis(customers: spread, parameters: .init()))
            // When the window is analysed
            // Then the share of each end month is the hand-worked one
            let expected = [40, 35, 25, 10, 10, 20, 10, 10, 50, 45, 65, 80].map { Double($0) / 100 }
            #expect(analysis.months.map(\.endMonth) == Array(1...12))
            for (month, share) in zip(analysis.months, expected) {
                #expect(near(month.coverage, share), "end month \(month.endMonth): \(month.coverage) ≠ \(share)")
            }
        }

        @Test("December is recommended, November is the runner-up, and 80% meets the target")
        func recommended() throws {
            // Given the six customers and the default target of 80%
            let analysis = try #require(WindowAnalysis(customers: spread, parameters: .init()))
            // When the window is analysed
            // Then December (80%) wins and November (65%) follows
            #expect(analysis.recommended.endMonth == 12)
            #expect(near(analysis.recommended.coverage, 0.80))
            #expect(analysis.runnerUp.endMonth == 11)
            #expect(near(analysis.runnerUp.coverage, 0.65))
            // Weighted gap for December: Alder 0, Birch 2×20, Cedar 3×15, Dogwood 6×10, Elm 9×10, Fir 1×5
            //   = (40 + 45 + 60 + 90 + 5) / 100 = 2.4; for November every gap is one month longer (none
            //   wraps round, as no year ends in November): (40 + 60 + 60 + 70 + 100 + 10) / 100 = 3.4
            #expect(near(analysis.recommended.weightedGap, 2.4))
            #expect(near(analysis.runnerUp.weightedGap, 3.4))
            // and 80% is not short of 80%: one report a year is enough
            #expect(analysis.twoReports == nil)
        }

        @Test("each customer against December: gap, overlap, covered, bridge months")
        func customers() throws {
            // Given the six customers
            let analysis = try #require(WindowAnalysis(customers: spread, parameters: .init()))
            // When the window is analysed
            // Then, against a period ending in December (m = 12):
            //   Alder  f=12: g 0, overlap 12, covered, no bridge
            //   Birch  f=2:  g 2, overlap 10, covered, bridge 2
            //   Cedar  f=3:  g 3, overlap 9,  covered, bridge 3
            //   Dogwood f=6: g 6, overlap 6,  not covered (6 > 3), no bridge
            //   Elm    f=9:  g 9, not covered: the period runs 3 months past its year end and shares
            //                January–September, 9 months, with that year (no deadline given)
            //   Fir    f=1:  g 1, overlap 11, covered, bridge 1
            let rows = analysis.customers.map {
                [$0.customer.name, "\($0.gap)", "\($0.overlap)", "\($0.bridgeMonths)"]
            }
            #expect(
                rows == [
                    ["Alder Foods", "0", "12", "0"], ["Birch Health", "2", "10", "2"], ["Cedar Retail", "3", "9", "3"],
                    ["Dogwood Schools", "6", "6", "0"], ["Elm Credit Union", "9", "9", "0"],
                    ["Fir Logistics", "1", "11", "1"],
                ])
            #expect(analysis.customers.map(\.covered) == [true, true, true, false, false, true])
        }

        @Test("a tie on coverage goes to the end month with the smaller weighted gap")
        func tie() throws {
            // Given the four customers whose September and October both cover 55%
            let analysis = try #require(WindowAnalysis(customers: tied, parameters: .init()))
            // When the window is analysed
            // Then weighted gaps decide:
            //   m=9:  Pine 3×30 + Quince 6×20 + Rowan 10×25 + Spruce 1×25 = 90+120+250+25 = 485 → 4.85
            //   m=10: Pine 2×30 + Quince 5×20 + Rowan 9×25 + Spruce 0      = 60+100+225    = 385 → 3.85
            // so October is recommended, though September comes first in the calendar
            #expect(analysis.recommended.endMonth == 10)
            #expect(near(analysis.recommended.coverage, 0.55))
            #expect(near(analysis.recommended.weightedGap, 3.85))
            #expect(analysis.runnerUp.endMonth == 9)
            #expect(near(analysis.runnerUp.coverage, 0.55))
            #expect(near(analysis.runnerUp.weightedGap, 4.85))
        }

        @Test("when no end month reaches the target, two reports a year are offered")
        func twoReports() throws {
            // Given the four tied customers: the best single month covers 55% < 80%
            let analysis = try #require(WindowAnalysis(customers: tied, parameters: .init()))
            // When the window is analysed
            // Then the only pair covering everyone is July {7,8,9,10} (Rowan, Spruce) with December
            // {12,1,2,3} (Pine, Quince): no other window holds both 3 and 7, or both 12 and 3 and more
            let pair = try #require(analysis.twoReports)
            #expect(pair.first == 7)
            #expect(pair.second == 12)
            #expect(near(pair.coverage, 1))
        }

        @Test(
            "two pairs covering as much are told apart by the smaller weighted gap, like single months")
        func pairTie() throws {
            // Given year ends in December (40), March, June and September (20 each): December and
            // September both cover 60%, and December wins on the weighted gap (3.6 against 4.2)
            let quarters = [
                customer("Alder Foods", 12, 31, 40), customer("Birch Health", 3, 31, 20),
                customer("Cedar Retail", 9, 30, 20), customer("Dogwood Schools", 6, 30, 20),
            ]
            let analysis = try #require(WindowAnalysis(customers: quarters, parameters: .init()))
            #expect(analysis.recommended.endMonth == 12)
            // When two reports are offered (60% < 80%)
            // Then two pairs cover 100%: March {3..6} + September {9..12}, and June {6..9} + December
            // {12..3}. Each customer's gap to the nearer report, weighted:
            //   (3, 9):  Alder 3×40 + Birch 0 + Cedar 0 + Dogwood 3×20 = 180 → 1.8
            //   (6, 12): Alder 0 + Birch 3×20 + Cedar 3×20 + Dogwood 0 = 120 → 1.2
            // so June and December, which also keeps the recommended month, should be offered
            let pair = try #require(analysis.twoReports)
            #expect(near(pair.coverage, 1))
            #expect([pair.first, pair.second] == [6, 12])
        }

        @Test("a higher target asks for two reports where one was enough")
        func target() throws {
            // Given the six customers and a target of 85%: December's 80% falls short
            let analysis = try #require(WindowAnalysis(customers: spread, parameters: .init(target: 0.85)))
            // When the window is analysed
            // Then December stays recommended, and June {6,7,8,9} adds Dogwood and Elm: 100%.
            // No other month covers both 6 and 9, and only December covers 12, 1, 2 and 3 together.
            #expect(analysis.recommended.endMonth == 12)
            let pair = try #require(analysis.twoReports)
            #expect([pair.first, pair.second] == [6, 12])
            #expect(near(pair.coverage, 1))
        }

        @Test("a 6-month period with a 3-month minimum overlap")
        func sixMonths() throws {
            // Given the six customers, L = 6, min overlap 3, max bridge 3
            let parameters = WindowAnalysis.Parameters(length: 6, maxBridge: 3, minOverlap: 3)
            let analysis = try #require(WindowAnalysis(customers: spread, parameters: parameters))
            // When the window is analysed
            // Then for g ≤ 3, overlap = min(6, 12 − g ≥ 9) = 6 ≥ 3: the same customers are covered as
            // with 12 months, so the shares and the recommendation are the same
            let expected = [40, 35, 25, 10, 10, 20, 10, 10, 50, 45, 65, 80].map { Double($0) / 100 }
            #expect(zip(analysis.months, expected).allSatisfy { near($0.coverage, $1) })
            #expect(analysis.recommended.endMonth == 12)
            // and against December every overlap is capped at 6 months, Elm's (g 9) at 12 − 9 = 3
            #expect(analysis.customers.map(\.overlap) == [6, 6, 6, 6, 3, 6])
        }

        @Test("the minimum overlap binds once the bridge allows long gaps")
        func minimumOverlap() throws {
            // Given L = 6 and a permissive bridge of 9 months; against December:
            //   Dogwood g 6, overlap min(6, 6) = 6; Elm g 9, overlap min(6, 3) = 3
            let loose = WindowAnalysis.Parameters(length: 6, maxBridge: 9, minOverlap: 3)
            let strict = WindowAnalysis.Parameters(length: 6, maxBridge: 9, minOverlap: 4)
            // When December is scored with a minimum overlap of 3, then of 4
            func december(_ p: WindowAnalysis.Parameters) throws -> Double {
                try #require(WindowAnalysis(customers: spread, parameters: p)).months[11].coverage
            }
            // Then everyone is covered at 3 (100%); at 4 Elm (weight 10) drops out: 90%
            #expect(near(try december(loose), 1.0))
            #expect(near(try december(strict), 0.9))
        }

        @Test("no customers, or weights adding up to zero, give no analysis")
        func nothingToWeigh() {
            // Given no customers, and customers all of weight 0
            // When the window is analysed / Then there is nothing to recommend
            #expect(WindowAnalysis(customers: [], parameters: .init()) == nil)
            #expect(
                WindowAnalysis(
                    customers: [customer("A", 12, 31, 0), customer("B", 6, 30, 0)], parameters: .init()) == nil)
        }
    }
}

// MARK: - Window checks of `socplan check`

private func day(_ text: String) -> Day { Day(text)! }

extension SOC1AdditionsTests {
    @Suite("Window checks of an engagement")
    struct WindowChecks {
        /// Against a SOC 1 period ending 30 September (m = 9):
        ///   Alder 12-31: g 3 → covered, bridge 3          Birch 09-30: g 0 → nothing to say
        ///   Cedar 10-31: g 1 → covered, bridge 1          Dogwood 06-30: ends 3 months after its year
        ///                                                  end, sharing 9 months: no deadline given
        ///   Elm 03-31: g 6, overlap 6 → not covered (6 > 3)
        static let customers: [Customer] = [
            customer("Alder Foods", 12, 31, 40), customer("Birch Health", 9, 30, 20),
            customer("Cedar Retail", 10, 31, 15), customer("Dogwood Schools", 6, 30, 10),
            customer("Elm Credit Union", 3, 31, 10),
        ]

        static func diagnostics(soc1: ReportScope) -> [Diagnostic] {
            let workspace = Workspace(info: WorkspaceInfo(organization: "Acme", profile: nil), customers: customers)
            return WorkspaceChecker.windowChecks(
                workspace: workspace, engagement: Engagement(name: "fy", soc1: soc1), parameters: .init())
        }

        @Test("uncovered customers are warnings, bridge letters are notes")
        func twelveMonths() {
            // Given a 12-month SOC 1 period ending 2026-09-30
            let period = Period(start: day("2025-10-01"), end: day("2026-09-30"))
            // When its window is checked
            let found = Self.diagnostics(soc1: .type2(period))
            // Then, in customer order:
            #expect(
                found.map { "\($0.severity.rawValue) \($0.code) \($0.subject ?? "")" } == [
                    "note bridge-letter Alder Foods",
                    "note bridge-letter Cedar Retail",
                    "warning window-no-deadline Dogwood Schools",
                    "warning window-uncovered Elm Credit Union",
                ])
            #expect(found[0].message.contains("bridge letter for 3 month(s)"))
            #expect(found[1].message.contains("bridge letter for 1 month(s)"))
            #expect(
                found[2].message.contains(
                    "ends 3 month(s) after Dogwood Schools's year end 06-30 and covers 9 of its 12 months"))
            #expect(found[2].hint.contains("report_needed_by"))
            #expect(found[3].message.contains("6 months to its year end, 6 of its 12 months covered"))
        }

        @Test("a 3-month first period asks for no more overlap than it has")
        func threeMonths() {
            // Given a 3-month SOC 1 period ending 2026-09-30 (m = 9, L = 3): the minimum overlap of 6
            // is cut to the period's 3 months, so a customer is covered when g ≤ 3 (overlap = min(3, 12 − g) = 3)
            let period = Period(start: day("2026-07-01"), end: day("2026-09-30"))
            // When its window is checked
            let found = Self.diagnostics(soc1: .type2(period))
            // Then, as for 12 months, Alder (g 3) and Cedar (g 1) need bridge letters and Birch (g 0) is
            // served; Dogwood (g 9) and Elm (g 6) are not, each with 3 months of overlap
            #expect(
                found.map { "\($0.severity.rawValue) \($0.code) \($0.subject ?? "")" } == [
                    "warning soc1-short-period fy",
                    "note bridge-letter Alder Foods",
                    "note bridge-letter Cedar Retail",
                    "warning window-uncovered Dogwood Schools",
                    "warning window-uncovered Elm Credit Union",
                ])
            #expect(found[3].message.contains("9 months to its year end, 3 of its 12 months covered"))
            #expect(found[4].message.contains("6 months to its year end, 3 of its 12 months covered"))
        }

        @Test("a Type 1 or no SOC 1 has no window to check")
        func noPeriod() {
            // Given a SOC 1 Type 1, and no SOC 1 at all
            // When the window is checked / Then nothing is said
            #expect(Self.diagnostics(soc1: .type1(asOf: day("2026-09-30"))).isEmpty)
            #expect(Self.diagnostics(soc1: .none).isEmpty)
        }
    }
}
