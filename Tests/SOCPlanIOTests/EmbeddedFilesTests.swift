import Foundation
import Testing

@testable import SOCPlanIO

/// The binary carries Catalogs/ inside it; this keeps the generated copy in step with the files.
@Suite struct EmbeddedFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let generated = root.appendingPathComponent("Sources/SOCPlanIO/Generated/EmbeddedFiles.swift")

    /// Every .csv file under Catalogs/, by path relative to it, sorted.
    static func catalogFiles() throws -> [(name: String, text: String)] { try files(in: "Catalogs", ending: "csv") }

    /// Every .mustache file under Reports/templates/, by path relative to it, sorted.
    static func templateFiles() throws -> [(name: String, text: String)] {
        try files(in: "Reports/templates", ending: "mustache")
    }

    static func files(in folder: String, ending: String) throws -> [(name: String, text: String)] {
        let base = root.appendingPathComponent(folder)
        let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
        var files: [(String, String)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == ending else { continue }
            let name = String(url.path.dropFirst(base.path.count + 1))
            files.append((name, String(decoding: try Data(contentsOf: url), as: UTF8.self)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// One escaped single-line literal per file: exact bytes (CRLF, BOM) survive compilation.
    static func source(catalogs: [(name: String, text: String)], templates: [(name: String, text: String)]) -> String {
        func literal(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\\": out += "\\\\"
                case "\"": out += "\\\""
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20 || scalar.value == 0xFEFF || scalar.value == 0x7F:
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        var lines = [
            "// Generated from Catalogs/ and Reports/templates/ by `SOCPLAN_REGENERATE=1 swift test --filter EmbeddedFiles`.",
            "// Do not edit.",
            "// swift-format-ignore-file",
            "enum EmbeddedFiles {",
            "    static let catalogs: [String: String] = [",
        ]
        lines += catalogs.map { "        \(literal($0.name)): \(literal($0.text))," }
        lines += ["    ]", "", "    static let templates: [String: String] = ["]
        lines += templates.map { "        \(literal($0.name)): \(literal($0.text))," }
        lines += ["    ]", "}", ""]
        return lines.joined(separator: "\n")
    }

    @Test func embeddedCopyMatchesCatalogsFolder() throws {
        // Given the files in Catalogs/
        let files = try Self.catalogFiles()
        let templates = try Self.templateFiles()
        let expected = Self.source(catalogs: files, templates: templates)
        if ProcessInfo.processInfo.environment["SOCPLAN_REGENERATE"] == "1" {
            try expected.write(to: Self.generated, atomically: true, encoding: .utf8)
        }
        // Then the generated source holds exactly them
        let actual = try String(contentsOf: Self.generated, encoding: .utf8)
        #expect(
            actual == expected,
            "Sources/SOCPlanIO/Generated/EmbeddedFiles.swift is out of date: run `SOCPLAN_REGENERATE=1 swift test --filter EmbeddedFiles`"
        )
        // And the compiled-in dictionary has the same bytes
        #expect(EmbeddedFiles.catalogs.count == files.count)
        for file in files {
            #expect(EmbeddedFiles.catalogs[file.name] == file.text, "\(file.name) differs from its embedded copy")
        }
        #expect(EmbeddedFiles.templates.count == templates.count)
        for file in templates {
            #expect(EmbeddedFiles.templates[file.name] == file.text, "\(file.name) differs from its embedded copy")
        }
    }
}
