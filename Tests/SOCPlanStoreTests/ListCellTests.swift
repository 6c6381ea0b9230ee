import Foundation
import PropertyBased
import Testing

@testable import SOCPlanStore

/// A list cell ("inquiry; inspection") as the store reads it back: split at ";", each item trimmed
/// of spaces and tabs, empty items dropped, whichever path (bytes for ASCII, Characters otherwise).
@Suite struct ListCellTests {
    static let fragments = [
        "a", "CC6.1", "EV-1", ";", "; ", " ;", " ", "\t", ";;", "é", "e\u{301}", "中", "\u{A0}", "-",
    ]
    static let cell = Gen<String?>.element(of: fragments).map { $0 ?? "" }.array(of: 0...10).map { $0.joined() }

    /// Splitting on Characters and trimming with Foundation, as the store did before the byte path.
    static func reference(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Test func listsSplitAsOnCharacters() async {
        await propertyCheck(count: 2000, input: Self.cell) { text in
            // Given any list cell
            // When the store reads it
            // Then its items are those the Character split and trim give
            #expect(Store.list(text) == Self.reference(text), "\(text.debugDescription)")
        }
    }

    @Test func asciiItemsTrimmedAndEmptyOnesDropped() {
        #expect(
            Store.list("inquiry; inspection;;  \t;re-performance\t") == ["inquiry", "inspection", "re-performance"])
        #expect(Store.list(" ; ;") == [])
        #expect(Store.list("") == [])
    }
}
