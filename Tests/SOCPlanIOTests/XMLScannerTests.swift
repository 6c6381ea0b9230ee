import Testing

@testable import SOCPlanIO

/// The XML scanner behind the .xlsx reader: what a workbook part may hold, and what it refuses.
@Suite("XML scanner for workbook parts")
struct XMLScannerTests {
    /// The events of `xml` as text: "<name a=v>", "</name>", "'text'".
    static func events(_ xml: String) throws(XMLScanner.Failure) -> [String] {
        var events: [String] = []
        try XMLScanner.scan(
            Array(xml.utf8),
            start: { name, attributes in
                events.append(
                    "<"
                        + ([name] + attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
                        .joined(separator: " ") + ">")
            }, end: { events.append("</\($0)>") }, characters: { events.append("'\($0)'") })
        return events
    }

    @Test("elements, attributes, entities, character references and CDATA read as a workbook means them")
    func reads() throws {
        let xml = """
            \u{FEFF}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <!-- a comment --><sst xmlns="urn:x" count='2'><si><t xml:space="preserve"> A &amp; B &lt;1&gt; &#233;&#x20AC;</t></si>\
            <si><t><![CDATA[<raw> & more]]></t></si><x:c r="A1" v="a&#10;b\tc"/></sst>
            """
        #expect(
            try Self.events(xml) == [
                "<sst count=2 xmlns=urn:x>", "<si>", "<t xml:space=preserve>", "' A & B <1> é€'", "</t>", "</si>",
                "<si>", "<t>", "'<raw> & more'", "</t>", "</si>", "<x:c r=A1 v=a\nb c>", "</x:c>", "</sst>",
            ])
    }

    @Test(
        "a damaged or hostile part is refused with its line",
        arguments: [
            ("<a><b></a>", "does not match", 1),
            ("<a>\n<b>", "is not closed", 2),
            ("<!DOCTYPE a [<!ENTITY x \"lol\">]><a>&x;</a>", "document type declaration", 1),
            ("<a>\n\n&bogus;</a>", "unknown entity", 3),
            ("<a b=c/>", "not quoted", 1),
            ("<a/><b/>", "second root", 1),
            ("<a x=\"1\" x=\"2\"/>", "given twice", 1),
            ("just text", "outside the root", 1),
        ])
    func refuses(xml: String, reason: String, line: Int) {
        #expect {
            _ = try Self.events(xml)
        } throws: { error in
            guard let failure = error as? XMLScanner.Failure else { return false }
            return failure.reason.contains(reason) && failure.line == line
        }
    }
}
