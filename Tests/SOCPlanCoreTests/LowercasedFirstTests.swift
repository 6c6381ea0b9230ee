import PropertyBased
import Testing

@testable import SOCPlanCore

/// A title inside a test procedure's sentence ("Inquire of … about user access review"): its
/// first letter made small, unless it names something (an acronym, an id, a brand, Title Case).
/// ASCII titles take a one-pass byte path; it must say what the Character path says.
@Suite struct LowercasedFirstTests {
    static let fragments = ["A", "b", "Q", "z", "1", " ", "  ", "-", ".", "MFA", "Of", "of", "é", "É"]
    static let title = Gen<String?>.element(of: fragments).map { $0 ?? "" }.array(of: 0...8).map { $0.joined() }

    @Test func bytesSayWhatCharactersSay() async {
        await propertyCheck(count: 3000, input: Self.title) { text in
            // Given any title
            // When its first letter is made small for a sentence
            // Then the result is the one the Character rules give
            #expect(
                TestProcedure.lowercasedFirst(text) == TestProcedure.characterLowercasedFirst(text),
                "\(text.debugDescription)")
        }
    }

    @Test(arguments: [
        ("User access review", "user access review"),
        ("Access review", "access review"),
        ("A list of users", "a list of users"),
        ("MFA enforcement", "MFA enforcement"),
        ("SOC 2 report", "SOC 2 report"),
        ("Q1 review", "Q1 review"),
        ("GuardDuty findings", "GuardDuty findings"),
        ("Code of Conduct", "Code of Conduct"),
        ("Backup  Logs", "Backup  Logs"),
        ("Backup logs (AWS)", "backup logs (AWS)"),
        ("user list", "user list"),
        ("", ""),
        ("Élan review", "élan review"),
        ("Über Tool", "Über Tool"),
    ])
    func namesKeepTheirCapitals(title: String, inSentence: String) {
        #expect(TestProcedure.lowercasedFirst(title) == inSentence)
    }
}
