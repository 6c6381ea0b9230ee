import SOCPlanCore
import Testing

// The choice of a test-procedure template looks the text's words up instead of searching the whole
// text for every phrase of every template: it must choose what the search chose.
@Suite struct ProcedureLibraryTests {
    /// The choice as it was written first: every phrase searched for in the whole text.
    static func reference(_ templates: [ProcedureTemplate], _ control: Control, _ evidence: [EvidenceItem])
        -> ProcedureTemplate?
    {
        func spaced(_ text: String) -> String {
            String(text.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : " " })
        }
        let padded =
            " " + spaced(([control.title, control.description] + evidence.map(\.title)).joined(separator: " ")) + " "
        var best: (template: ProcedureTemplate, score: Int)?
        for template in templates {
            if !template.frequencies.isEmpty && !template.frequencies.contains(control.frequency) { continue }
            if !template.natures.isEmpty && !template.natures.contains(control.nature) { continue }
            let score = template.words.filter { padded.contains(" " + spaced($0) + " ") }.count
            if score > 0 && score > (best?.score ?? 0) { best = (template, score) }
        }
        return best?.template
    }

    @Test("the template chosen for a control is the one whose words occur most often in its texts")
    func wordsLookedUpAsSearched() {
        let pieces = [
            "user", "access", "review", "new", "change", "-", "re-view", " ", "  ", ",", ".", "(", "Access", "USER",
            "é", "Änderung", "1", "q1", "log", "logs", "\t", "rev", "iew",
        ]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        func text(_ most: Int) -> String { (0..<next(most)).map { _ in pieces[next(pieces.count)] }.joined() }
        for round in 0..<400 {
            let templates = (0..<(1 + next(5))).map { number in
                ProcedureTemplate(
                    archetype: "t\(number)", title: "T\(number)", words: (0..<next(6)).map { _ in text(4) },
                    frequencies: next(4) == 0 ? [.quarterly] : [], inquiry: "", attributes: "")
            }
            let library = ProcedureLibrary(templates: templates)
            for _ in 0..<20 {
                let control = Control(
                    id: ControlID("C-\(round)"), title: text(8), description: text(12),
                    frequency: next(2) == 0 ? .quarterly : .annual, nature: .manual)
                let evidence = (0..<next(3)).map { EvidenceItem(id: EvidenceID("EV-\($0)"), title: text(5), kind: .document) }
                let chosen = library.choose(for: control, evidence: evidence)
                let expected = Self.reference(templates, control, evidence)
                #expect(
                    chosen?.archetype == expected?.archetype,
                    "\(control.title) | \(control.description) with \(templates.map(\.words))")
            }
        }
    }
}
