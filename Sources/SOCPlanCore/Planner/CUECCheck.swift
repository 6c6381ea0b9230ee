/// How testable one CUEC is: the problems a user auditor would bounce it back for.
public struct CUECAssessment: Sendable, Hashable {
    public var cuec: CUEC
    public var problems: [Diagnostic]
    /// Checks passed out of six (actor, action, timing, evidence, wording, link), as a percentage.
    public var score: Int
    /// No error: a customer's auditor could test it as written.
    public var testable: Bool { !problems.hasErrors }
}

/// The CUEC testability check. Pure; reads the structured columns first and the text after.
///
/// A testable CUEC names who at the customer acts (actor), a concrete action, when (a frequency
/// or trigger), the evidence it leaves, and avoids words that cannot be tested; it should also
/// name the objective or criterion it supports (a warning when it does not).
public enum CUECChecker {
    /// Roles at the customer. "The customer" or "user entities" alone names no one an auditor can ask.
    static let actorWords: Set<String> = [
        "administrator", "administrators", "manager", "managers", "controller", "controllers", "officer", "officers",
        "approver", "approvers", "team", "department", "personnel", "staff", "owner", "owners", "director", "directors",
        "accountant", "accountants", "treasurer", "signer", "signers", "cfo", "lead", "supervisor", "supervisors",
        "analyst", "analysts", "adviser", "advisor", "clerk", "specialist", "specialists", "committee",
    ]
    /// Stems of concrete verbs an auditor can observe or inspect.
    static let actionStems = [
        "review", "approv", "reconcil", "submit", "remov", "disabl", "notif", "verif", "compar", "validat", "retain",
        "authoriz", "authoris", "updat", "confirm", "restrict", "revok", "transmit", "provid", "monitor", "investigat",
        "resolv", "fund", "enter", "send", "sends", "obtain", "deactivat", "deprovision", "inspect", "test",
        "communicat",
        "record", "report", "deliver", "upload", "select", "agree", "initial", "escalat", "assign", "grant", "instruct",
        "maintain",
    ]
    static let signWords: Set<String> = ["sign", "signs", "signed", "signing", "signoff"]
    static let timingWords: Set<String> = [
        "daily", "weekly", "monthly", "quarterly", "annually", "annual", "yearly", "semiannually", "each", "every",
        "before", "after", "prior", "within", "upon", "when", "following", "immediately", "cycle", "cutoff", "deadline",
        "day", "days", "month", "quarter", "year", "week",
    ]
    /// Words of keeping a record: a report or register counts as evidence only when it is kept.
    static let evidenceStems = [
        "retain", "keep", "keeps", "kept", "signed", "signoff", "initials", "initialled", "initialed", "annotat",
        "archiv", "evidence",
        "screenshot", "checklist", "minutes", "attest", "confirmation", "ticket", "email", "documented",
        "documentation",
        "recorded", "records",
    ]
    /// Words that merely begin like an action or evidence stem.
    static let falseFriends: Set<String> = [
        "fundamental", "fundamentally", "enterprise", "enterprises", "logical", "login", "logins", "format", "formats",
    ]
    static let logWords: Set<String> = ["log", "logs", "logged"]
    static let vague: [(phrase: String, why: String)] = [
        ("appropriate", "\"appropriate\" does not say what is done"), ("adequate", "\"adequate\" cannot be tested"),
        ("as needed", "\"as needed\" gives no trigger"), ("as necessary", "\"as necessary\" gives no trigger"),
        ("periodically", "\"periodically\" gives no frequency"), ("periodic", "\"periodic\" gives no frequency"),
        ("sufficient", "\"sufficient\" cannot be tested"), ("proper", "\"proper\" cannot be tested"),
        ("regularly", "\"regularly\" gives no frequency"), ("reasonable", "\"reasonable\" cannot be tested"),
        ("adequately", "\"adequately\" cannot be tested"),
        ("appropriately", "\"appropriately\" does not say what is done"),
        ("properly", "\"properly\" cannot be tested"), ("sufficiently", "\"sufficiently\" cannot be tested"),
        ("reasonably", "\"reasonably\" cannot be tested"),
        ("on a regular basis", "\"on a regular basis\" gives no frequency"),
        ("as appropriate", "\"as appropriate\" gives no trigger"),
    ]

    public static func assess(_ cuec: CUEC) -> CUECAssessment {
        let text = cuec.text.lowercased()
        let words = tokens(text)
        var problems: [Diagnostic] = []
        func problem(_ code: String, _ message: String, _ hint: String, _ severity: Diagnostic.Severity = .error) {
            problems.append(Diagnostic(severity, code, "\(cuec.id): \(message)", hint: hint, subject: cuec.id))
        }
        let hasAction =
            !cuec.action.isEmpty
            || words.contains { word in
                signWords.contains(word) || !falseFriends.contains(word) && actionStems.contains { word.hasPrefix($0) }
            }
        var passed = 0
        if !cuec.actor.isEmpty || words.contains(where: actorWords.contains) {
            passed += 1
        } else {
            problem(
                "cuec-no-actor", "says nobody at the customer performs it",
                "name the role, e.g. \"The customer's payroll administrator …\"")
        }
        if hasAction {
            passed += 1
        } else {
            problem(
                "cuec-no-action", "has no concrete action",
                "say what is done in a verb an auditor can test: reviews, approves, reconciles, removes, notifies …")
        }
        let hasWithin =
            text.range(of: "within") != nil && words.contains { $0.allSatisfy(\.isNumber) || numberWords.contains($0) }
        if !cuec.timing.isEmpty || words.contains(where: timingWords.contains) {
            passed += 1
        } else {
            problem(
                "cuec-no-timing", "gives no frequency or trigger",
                "say when: \"before funding each payroll cycle\", \"within 2 business days\", \"quarterly\"")
        }
        if !cuec.evidence.isEmpty
            || words.contains(where: { word in
                signWords.contains(word) || logWords.contains(word)
                    || !falseFriends.contains(word) && evidenceStems.contains { word.hasPrefix($0) }
            })
        {
            passed += 1
        } else {
            problem(
                "cuec-no-evidence", "leaves no evidence a user auditor could inspect",
                "say what is kept: \"retains the signed register\", \"the approval e-mail\"")
        }
        var wordingOK = true
        for (phrase, why) in vague where contains(words, phrase: phrase) {
            wordingOK = false
            problem(
                "cuec-vague", "vague wording: \(why)", "replace it with the specific action, frequency or threshold")
        }
        if words.contains("timely") && !hasWithin {
            wordingOK = false
            problem(
                "cuec-vague", "vague wording: \"timely\" with no time",
                "say within how many days, e.g. \"within 2 business days\"")
        }
        if words.contains(where: { $0 == "ensure" || $0 == "ensures" }) && !hasAction {
            wordingOK = false
            problem("cuec-vague", "vague wording: \"ensure\" with no action", "say what the customer does to make sure")
        }
        if wordingOK { passed += 1 }
        if !cuec.objectives.isEmpty || !cuec.criteria.isEmpty {
            passed += 1
        } else {
            problem(
                "cuec-no-link", "supports no objective or criterion",
                "add the SOC 1 objective or TSC criterion it complements",
                .warning)
        }
        return CUECAssessment(cuec: cuec, problems: problems, score: Int((Double(passed) / 6 * 100).rounded()))
    }

    static let numberWords: Set<String> = ["one", "two", "three", "five", "ten", "fifteen", "thirty", "24", "48"]

    /// Lowercase words: letters and digits, split on everything else ("customer's" → "customer", "s").
    static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// Whether a phrase occurs as whole words ("proper" is not in "property").
    static func contains(_ text: String, phrase: String) -> Bool {
        contains(tokens(text), phrase: phrase)
    }

    /// Whether a phrase occurs in `words` (the text's `tokens`, made once for all the phrases).
    static func contains(_ words: [String], phrase: String) -> Bool {
        let target = tokens(phrase)
        guard !target.isEmpty, words.count >= target.count else { return false }
        return (0...(words.count - target.count)).contains { Array(words[$0..<($0 + target.count)]) == target }
    }
}
