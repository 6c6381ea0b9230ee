/// Writes the default test procedure of a plan row, worded to paste into a workpaper.
enum TestProcedure {
    /// `owner` is `ownerPhrase(row.control.owner)`.
    static func write(
        _ row: PlanRow, engagement: Engagement, evidence: [EvidenceItem], owner: String,
        template: ProcedureTemplate? = nil
    ) -> String {
        let control = row.control
        var steps = [
            template.map { fill($0.inquiry, control: control, owner: owner) }
                ?? "Inquire of \(owner) about \(lowercasedFirst(control.title)): who performs it, when, and what record it leaves."
        ]
        let extra = template?.steps.map { fill($0, control: control, owner: owner) } ?? []
        let documents = evidence.filter { $0.kind != .population }.map(\.title)
        let populations = evidence.filter { $0.kind == .population }.map(\.title)
        let record =
            documents.isEmpty
            ? "the supporting record (request, approval and timestamps)" : list(documents.map(lowercasedFirst))
        let what =
            template.flatMap {
                $0.attributes.isEmpty ? nil : fill($0.attributes, control: control, owner: owner, sentence: false)
            }
            ?? record
        let decisions = [row.soc1, row.soc2].compactMap { $0 }
        let tested = decisions.filter { $0.basis != .walkthrough }
        guard !tested.isEmpty else {
            let date = decisions.compactMap { engagement.scope($0.report).endDay }.max().map { " as of \($0)" } ?? ""
            steps.append(
                "Walk one instance through the control\(date): inspect \(record) and confirm it is designed as described."
            )
            return steps.joined(separator: " ")
        }
        let window = windowText(tested, engagement: engagement)
        if tested.contains(where: { $0.basis == .testOfOne }) {
            let configuration = evidence.filter { $0.kind == .configuration }.map(\.title)
            let target =
                configuration.isEmpty
                ? (control.systems.isEmpty
                    ? "the system configuration" : "the configuration of \(list(control.systems))")
                : list(configuration.map(lowercasedFirst))
            if template?.archetype == "configuration" && !extra.isEmpty {
                steps.append("For \(target):")
                steps += extra
            } else {
                steps.append(
                    "Inspect \(target) and test one instance to confirm the control operates as designed; rely on the change-management and logical-access ITGCs for the rest of \(window)."
                )
            }
            return steps.joined(separator: " ")
        }
        let verb: String
        if row.methods.contains(.reperformance) {
            verb = "re-perform the control and compare the result with"
        } else if row.methods.contains(.observation) && !row.methods.contains(.inspection) {
            verb = "observe the control being performed and note"
        } else {
            verb = "inspect"
        }
        let items = row.combined
        let noun = items == 1 ? "item" : "items"
        if !populations.isEmpty {
            steps.append(
                "Obtain the population of \(list(populations.map(lowercasedFirst))) for \(window) and check it for completeness and accuracy (the query or report parameters)."
            )
            steps.append("Select \(items) \(noun) across \(window) and, for each, \(verb) \(what).")
        } else if control.frequency == .eventDriven || control.frequency == .recurring {
            steps.append("Select \(items) \(noun) across \(window) and, for each, \(verb) \(what).")
        } else {
            let occurrences = tested.compactMap(\.occurrences).max().map { Int($0.rounded(.down)) } ?? items
            if occurrences <= 1 {
                let unit = occurrenceNoun(control.frequency, plural: false)
                steps.append("For the \(unit) in \(window), \(verb) \(what).")
            } else {
                let unit = occurrenceNoun(control.frequency, plural: true)
                steps.append(
                    "Select \(items) of the \(occurrences) \(unit) in \(window) and, for each, \(verb) \(what).")
            }
        }
        if row.phases.count > 1 {
            let parts = row.phases.map { sample in
                "\(sample.items) from \(sample.window) at \(sample.phase.label) fieldwork (for \(sample.serves.map(\.title).joined(separator: " and ")))"
            }
            steps.append("By fieldwork: \(list(parts)).")
        }
        if template?.archetype != "configuration" { steps += extra }
        return steps.joined(separator: " ")
    }

    /// Roles that are people; an owner without one is a team or function ("HR", "Finance").
    static let roleWords: Set<String> = [
        "manager", "managers", "lead", "leads", "officer", "director", "engineer", "engineers", "administrator",
        "administrators", "analyst", "analysts", "controller", "head", "owner", "owners", "chief", "cfo", "ceo", "cto",
        "ciso", "coo", "cio", "vp", "president", "specialist", "accountant", "committee", "board", "team", "staff",
        "personnel", "coordinator", "supervisor", "counsel", "clerk", "partner", "architect", "officers", "group",
        "department", "desk", "council", "secretary", "treasurer", "member", "members", "steward", "custodian",
        "vicepresident", "seniorvicepresident",
    ]

    /// "the IT Operations Manager", "the HR team" (not "the HR"), "the control owner"; a person's
    /// name in parentheses is left out: procedures name roles.
    static func ownerPhrase(_ owner: String) -> String {
        let role = Roles.role(owner)
        guard !role.isEmpty else { return "the control owner" }
        let words = role.lowercased().split(whereSeparator: { !$0.isLetter }).map {
            Roles.abbreviations[String($0)] ?? String($0)
        }
        return words.contains(where: roleWords.contains) ? "the \(role)" : "the \(role) team"
    }

    /// A template's text with its placeholders filled; a sentence starts with a capital.
    static func fill(_ text: String, control: Control, owner: String, sentence: Bool = true) -> String {
        var result = text
        // Most steps name no placeholder: no Foundation search.
        if text.utf8.contains(UInt8(ascii: "{")) {
            result = result.replacingOccurrences(of: "{owner}", with: owner)
            result = result.replacingOccurrences(of: "{control}", with: lowercasedFirst(control.title))
            result = result.replacingOccurrences(
                of: "{systems}", with: control.systems.isEmpty ? "the system" : list(control.systems))
        }
        guard sentence, let first = result.first else { return result }
        return first.uppercased() + result.dropFirst()
    }

    /// "the period 2026-01-01..2026-12-31", or for two reports' periods the days they span
    /// together: the earliest start to the latest end (a SOC 2 nested inside the SOC 1's year
    /// spans the year).
    private static func windowText(_ decisions: [SampleDecision], engagement: Engagement) -> String {
        var periods: [Period] = []
        for decision in decisions {
            if let period = engagement.scope(decision.report).period, !periods.contains(period) {
                periods.append(period)
            }
        }
        guard let start = periods.map(\.start).min(), let end = periods.map(\.end).max() else { return "the period" }
        return periods.count == 1 ? "the period \(periods[0])" : "both periods (\(start)..\(end))"
    }

    private static func occurrenceNoun(_ frequency: Frequency, plural: Bool) -> String {
        let noun: String
        switch frequency {
        case .annual: noun = "annual performance"
        case .semiannual: noun = "half-yearly performance"
        case .quarterly: noun = "quarterly performance"
        case .monthly: noun = "monthly performance"
        case .weekly: noun = "weekly performance"
        case .daily: noun = "daily performance"
        case .recurring, .eventDriven: noun = "occurrence"
        }
        return plural ? noun + "s" : noun
    }

    /// A title inside a sentence: "User access review" → "user access review", but names stay as
    /// they are: acronyms and ids ("MFA", "SOC 2"), brand names ("GuardDuty"), and titles in Title
    /// Case ("Code of Conduct", "Asset Management Policy"), where lowercasing one word would leave
    /// "code of Conduct".
    static func lowercasedFirst(_ text: String) -> String {
        let ascii =
            text.utf8.withContiguousStorageIfAvailable { asciiLowercasedFirst(text, $0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { asciiLowercasedFirst(text, $0) }
        return ascii ?? characterLowercasedFirst(text)
    }

    /// `lowercasedFirst` on characters: for any text.
    static func characterLowercasedFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase else { return text }
        let words = text.split(separator: " ")
        guard let head = words.first else { return text }
        // An acronym, id or brand name: an upper-case letter or a digit after the first character.
        if head.dropFirst().contains(where: { $0.isUppercase || $0.isNumber }) { return text }
        // Title Case: another word starts with a capital followed by small letters.
        let titleCase = words.dropFirst().contains { word in
            guard let initial = word.first, initial.isUppercase else { return false }
            let rest = word.dropFirst().filter(\.isLetter)
            return !rest.isEmpty && rest.allSatisfy(\.isLowercase)
        }
        if titleCase { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// `lowercasedFirst` of an ASCII text, in one pass over its bytes (the same rules: for ASCII, a
    /// letter is A–Z or a–z and a number 0–9); nil for any other text. (About 30,000 calls for a
    /// plan of 10,000 controls.)
    static func asciiLowercasedFirst(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let space = UInt8(ascii: " ")
        guard let first = bytes.first, isUpper(first) else { return text }
        // The first word: an acronym, id or brand name has a capital or a digit after its first letter.
        var index = 1
        while index < bytes.count && bytes[index] != space {
            if isUpper(bytes[index]) || isDigit(bytes[index]) { return text }
            index += 1
        }
        // Each other word: Title Case when one starts with a capital and its other letters are small.
        while index < bytes.count {
            if bytes[index] == space {
                index += 1
                continue
            }
            let initial = bytes[index]
            index += 1
            var (letters, small) = (0, true)
            while index < bytes.count && bytes[index] != space {
                if isUpper(bytes[index]) {
                    (letters, small) = (letters + 1, false)
                } else if isLower(bytes[index]) {
                    letters += 1
                }
                index += 1
            }
            if isUpper(initial) && letters > 0 && small { return text }
        }
        var lowered = Array(bytes)
        lowered[0] = first + 32
        return String(decoding: lowered, as: UTF8.self)
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        case 2: return "\(items[0]) and \(items[1])"
        default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        }
    }
}
