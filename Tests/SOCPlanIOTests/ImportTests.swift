import Foundation
import SOCPlanCore
import SOCPlanIO
import Testing

/// The starting point of most imports: the built-in catalog and a payroll workspace seeded
/// without controls, as `socplan init --profile payroll --no-starter-controls` leaves it.
enum ImportFixture {
    static let header = "control_id,title,frequency,nature,soc1_objectives,soc2_criteria,population_size"

    static func catalog() throws -> Catalog { try CatalogLoader.builtIn() }

    static func payrollWorkspace(_ catalog: Catalog) -> Workspace {
        let seed = catalog.seed(profile: "payroll", includeControls: false)
        return Workspace(
            info: WorkspaceInfo(organization: "Acme Payroll", profile: "payroll"),
            objectives: seed.objectives.sorted { $0.id < $1.id }, evidence: seed.evidence.sorted { $0.id < $1.id },
            subservice: seed.subservice, csocs: seed.csocs)
    }

    /// A controls file with the canonical header used by most fixtures and the given data rows.
    static func controls(_ rows: String...) -> String {
        ([header] + rows).joined(separator: "\n") + "\n"
    }

    static func file(_ name: String, _ text: String) -> InputFile {
        InputFile(name: name, bytes: Array(text.utf8))
    }

    /// Runs the importer over inline files.
    static func prepare(
        _ files: [(name: String, text: String)], options: InventoryImporter.Options = .init(),
        into workspace: Workspace? = nil
    ) throws -> ImportOutcome {
        let catalog = try catalog()
        return InventoryImporter.prepare(
            files: files.map { file($0.name, $0.text) }, options: options,
            workspace: workspace ?? payrollWorkspace(catalog), catalog: catalog)
    }

    static func prepare(
        controls text: String, options: InventoryImporter.Options = .init(), into workspace: Workspace? = nil
    ) throws -> ImportOutcome {
        try prepare([("controls.csv", text)], options: options, into: workspace)
    }

    /// `workspace` as the store would hold it after writing `changes`: upserts by id, removals, sorted by id.
    static func applying(_ changes: InventoryChanges, to workspace: Workspace) -> Workspace {
        func merged<T: Identifiable>(_ old: [T], _ new: [T], removing removed: [T.ID], by less: (T, T) -> Bool) -> [T] {
            let replaced = Set(new.map(\.id)).union(removed)
            return (old.filter { !replaced.contains($0.id) } + new).sorted(by: less)
        }
        var result = workspace
        result.objectives = merged(
            workspace.objectives, changes.objectives, removing: changes.removedObjectives, by: { $0.id < $1.id })
        result.evidence = merged(
            workspace.evidence, changes.evidence, removing: changes.removedEvidence, by: { $0.id < $1.id })
        result.controls = merged(
            workspace.controls, changes.controls, removing: changes.removedControls, by: { $0.id < $1.id })
        return result
    }

    /// The 1-based line and column (in Unicode scalars) where `needle` first occurs in `text`; an empty
    /// needle is the start of the file.
    static func position(of needle: String, in text: String) -> (line: Int, column: Int)? {
        let scalars = Array(text.unicodeScalars)
        let target = Array(needle.unicodeScalars)
        if target.isEmpty { return (1, 1) }
        guard scalars.count >= target.count else { return nil }
        var line = 1
        var column = 1
        for start in 0...(scalars.count - target.count) {
            if Array(scalars[start..<(start + target.count)]) == target { return (line, column) }
            if scalars[start] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return nil
    }
}

extension Diagnostic {
    /// "error unknown-criterion at controls.csv:2:36", for readable failures.
    var located: String { "\(severity.rawValue) \(code) at \(file ?? "?"):\(line ?? 0):\(column ?? 0)" }
}

/// Importing spreadsheet files: mapping, spellings, diagnostics and upserts.
@Suite struct ImportTests {}

// MARK: - The bundled sample

/// The sample control matrix, read as plain CSV so tests can find rows by what a person sees in them.
private enum Sample {
    static let document = CSVReader.read(BundledSample.controls.bytes)
    static let header = document.records.first?.values ?? []
    static let rows = Array(document.records.dropFirst())

    static func columnIndex(_ header: String) -> Int? {
        let key = TableSchema.headerKey(header)
        return Self.header.firstIndex { TableSchema.headerKey($0) == key }
    }

    static func cells(_ header: String) -> [(id: String, line: Int, value: String)] {
        guard let index = columnIndex(header) else { return [] }
        return rows.filter { $0.cells.count > index }.map { ($0.cells[0].value, $0.line, $0.cells[index].value) }
    }
}

/// One row of the sample picked by what a cell says, and what the imported control must be.
struct SampleSpotCheck: Sendable, CustomTestStringConvertible {
    var column: String
    var cell: String
    var matches: @Sendable (String) -> Bool
    var expectation: String
    var check: @Sendable (Control) -> Bool

    var testDescription: String { "\(column) \"\(cell.replacingOccurrences(of: "\n", with: "\\n"))\" → \(expectation)" }

    /// A row whose cell in `column` is exactly `cell`.
    init(_ column: String, _ cell: String, _ expectation: String, _ check: @escaping @Sendable (Control) -> Bool) {
        self.init(column, cell, matching: { $0 == cell }, expectation, check: check)
    }

    init(
        _ column: String, _ cell: String, matching: @escaping @Sendable (String) -> Bool, _ expectation: String,
        check: @escaping @Sendable (Control) -> Bool
    ) {
        self.column = column
        self.cell = cell
        self.matches = matching
        self.expectation = expectation
        self.check = check
    }
}

extension ImportTests {
    @Suite("Importing the bundled sample")
    struct SampleMatrix {
        static func outcome() throws -> ImportOutcome {
            let catalog = try ImportFixture.catalog()
            return InventoryImporter.prepare(
                files: [BundledSample.controls], options: .init(), workspace: ImportFixture.payrollWorkspace(catalog),
                catalog: catalog)
        }

        @Test func importsEveryRowWithoutErrors() throws {
            // Given the messy Acme Payroll control matrix and a payroll workspace without controls
            // When it is imported
            let outcome = try SampleMatrix.outcome()

            // Then nothing is an error, it is read as controls, and every data row becomes a control
            #expect(outcome.diagnostics.errors.map(\.rendered) == [])
            #expect(outcome.kinds.map(\.kind) == ["controls"])
            #expect(outcome.controls.added == Sample.rows.count)
            #expect(Set(outcome.changes.controls.map(\.id.rawValue)) == Set(Sample.rows.map { $0.cells[0].value }))
        }

        @Test func importingTheSampleAgainChangesNothing() throws {
            // Given a workspace the sample has been imported into
            let catalog = try ImportFixture.catalog()
            let start = ImportFixture.payrollWorkspace(catalog)
            let workspace = ImportFixture.applying(try SampleMatrix.outcome().changes, to: start)

            // When the same spreadsheet is imported again
            let outcome = InventoryImporter.prepare(
                files: [BundledSample.controls], options: .init(), workspace: workspace, catalog: catalog)

            // Then every control is unchanged, and the evidence added the first time is now found by its title
            #expect(outcome.diagnostics.map(\.rendered) == [])
            #expect(outcome.controls.unchanged == Sample.rows.count)
            #expect(outcome.evidence.added == 0)
            #expect(outcome.changes.isEmpty)
        }

        static let spotChecks: [SampleSpotCheck] = [
            SampleSpotCheck("Frequency", "Multiple times per day", "recurring") { $0.frequency == .recurring },
            SampleSpotCheck("Frequency", "Continuous", "recurring") { $0.frequency == .recurring },
            SampleSpotCheck("Frequency", "As needed", "event-driven") { $0.frequency == .eventDriven },
            SampleSpotCheck("Frequency", "Ad hoc", "event-driven") { $0.frequency == .eventDriven },
            SampleSpotCheck("Frequency", "Yearly", "annual") { $0.frequency == .annual },
            SampleSpotCheck("Frequency", "Annually", "annual") { $0.frequency == .annual },
            SampleSpotCheck("Nature", "ITDM", "it-dependent-manual") { $0.nature == .itDependentManual },
            SampleSpotCheck("Nature", "IT-dependent manual", "it-dependent-manual") { $0.nature == .itDependentManual },
            SampleSpotCheck("Key Control?", "N", "not key") { !$0.key },
            SampleSpotCheck("Risk", "Higher", "high risk") { $0.risk == .high },
            SampleSpotCheck("Type", "preventive", "preventive") { $0.type == .preventive },
            SampleSpotCheck("Trust Services Criteria", "CC 6.1", "[CC6.1]") { $0.criteria == ["CC6.1"] },
            SampleSpotCheck(
                "Trust Services Criteria", "cc6.1⏎cc6.3",
                matching: { $0.split(whereSeparator: \.isNewline) == ["cc6.1", "cc6.3"] }, "[CC6.1, CC6.3]",
                check: { $0.criteria == ["CC6.1", "CC6.3"] }),
            SampleSpotCheck(
                "Trust Services Criteria", "CC6.1 - Logical access …⏎CC6.3 - …",
                matching: { $0.hasPrefix("CC6.1 - Logical access") && $0.contains("\nCC6.3 - ") },
                "[CC6.1, CC6.3]", check: { $0.criteria == ["CC6.1", "CC6.3"] }),
            SampleSpotCheck("Control Objective(s)", "itgc-03", "[ITGC-03]") { $0.objectives == ["ITGC-03"] },
            SampleSpotCheck("Control Objective(s)", "ITGC-03; ITGC-01", "[ITGC-03, ITGC-01]") {
                $0.objectives == ["ITGC-03", "ITGC-01"]
            },
        ]

        @Test(arguments: spotChecks)
        func looseSpellingsBecomeCanonicalValues(_ spot: SampleSpotCheck) throws {
            // Given a row of the sample whose cell is spelled the way a spreadsheet spells it
            let row = try #require(
                Sample.cells(spot.column).first { spot.matches($0.value) },
                "the sample has no \(spot.column) cell like \(spot.cell)")

            // When the sample is imported
            let outcome = try SampleMatrix.outcome()

            // Then that row's control holds the canonical value
            let control = try #require(outcome.changes.controls.first { $0.id.rawValue == row.id })
            #expect(spot.check(control), "\(row.id) (line \(row.line)): \(control)")
        }

        @Test func everyCriterionCellLineNamesOneCriterion() throws {
            // Given the sample's criteria cells that put one "CCx.y - title" per line
            let cells = Sample.cells("Trust Services Criteria").filter { $0.value.contains(" - ") }
            try #require(cells.count >= 3)

            // When the sample is imported
            let outcome = try SampleMatrix.outcome()

            // Then each such control maps to as many criteria as the cell has lines, titles dropped
            for cell in cells {
                let control = try #require(outcome.changes.controls.first { $0.id.rawValue == cell.id })
                let lines = cell.value.split(whereSeparator: \.isNewline)
                #expect(control.criteria.count == lines.count, "\(cell.id): \(control.criteria)")
                for (line, criterion) in zip(lines, control.criteria) {
                    #expect(line.uppercased().hasPrefix(criterion.rawValue), "\(cell.id): \(line) → \(criterion)")
                }
            }
        }

        @Test func evidenceNamedByTitleInAnyCaseResolvesToTheCatalogItem() throws {
            // Given the sample's evidence references that are catalog titles, spelled with other capitals or spaces
            let catalog = try ImportFixture.catalog()
            let known = ImportFixture.payrollWorkspace(catalog).evidence
            let ids = Set(known.map { $0.id.rawValue })
            var byTitle: [String: EvidenceID] = [:]
            for item in known { byTitle[Spelling.folded(item.title)] = item.id }
            var references: [(control: String, text: String, id: EvidenceID)] = []
            for cell in Sample.cells("Evidence") {
                for part in cell.value.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline }) {
                    let text = part.trimmingCharacters(in: .whitespaces)
                    if let id = byTitle[Spelling.folded(text)], !ids.contains(text) {
                        references.append((cell.id, text, id))
                    }
                }
            }
            let recapitalised = references.filter { reference in
                !known.contains { $0.title == reference.text }
            }
            try #require(!recapitalised.isEmpty, "the sample should spell some evidence titles differently")

            // When the sample is imported
            let outcome = try SampleMatrix.outcome()

            // Then each reference points at the catalog item's id, not at a new item
            for reference in references {
                let control = try #require(outcome.changes.controls.first { $0.id.rawValue == reference.control })
                #expect(control.evidence.contains(reference.id), "\(reference.control): \"\(reference.text)\"")
            }
        }

        @Test func unknownEvidenceBecomesDocumentItemsWithWarnings() throws {
            // Given the references in the sample that match no catalog evidence id or title
            let catalog = try ImportFixture.catalog()
            let known = ImportFixture.payrollWorkspace(catalog).evidence
            let ids = Set(known.map { $0.id.rawValue.uppercased() })
            let titles = Set(known.map { Spelling.folded($0.title) })
            var unknown: [(control: String, line: Int, text: String)] = []
            for cell in Sample.cells("Evidence") {
                for part in cell.value.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline }) {
                    let text = part.trimmingCharacters(in: .whitespaces)
                    if !text.isEmpty, !ids.contains(text.uppercased()), !titles.contains(Spelling.folded(text)) {
                        unknown.append((cell.id, cell.line, text))
                    }
                }
            }
            try #require(unknown.count == 2, "the sample is documented to reference two unknown artefacts: \(unknown)")

            // When the sample is imported
            let outcome = try SampleMatrix.outcome()

            // Then each becomes a new document evidence item, used by its control, with a warning on its row
            let warnings = outcome.diagnostics.filter { $0.code == "new-evidence" }
            #expect(warnings.count == 2)
            #expect(outcome.evidence.added == 2)
            for reference in unknown {
                let item = try #require(outcome.changes.evidence.first { $0.title == reference.text })
                #expect(item.kind == .document)
                let control = try #require(outcome.changes.controls.first { $0.id.rawValue == reference.control })
                #expect(control.evidence.contains(item.id))
                let warning = try #require(warnings.first { $0.subject == item.id.rawValue })
                #expect(warning.severity == .warning)
                #expect(warning.file == BundledSample.controlsPath)
                #expect(warning.line != nil && warning.line! >= reference.line)
                #expect(warning.message.contains(reference.text))
            }
        }
    }
}

// MARK: - Headers

/// A header spelling and the field it must reach, checked on the imported control.
struct HeaderCase: Sendable, CustomTestStringConvertible {
    var header: String
    var field: String
    var value: String
    var check: @Sendable (Control) -> Bool

    var testDescription: String { "\"\(header)\" → \(field)" }
}

extension ImportTests {
    @Suite("Header spellings")
    struct Headers {
        static let cases: [HeaderCase] = [
            HeaderCase(header: "Control ID", field: "control_id", value: "AC-9") { $0.id == "AC-9" },
            HeaderCase(header: "Control #", field: "control_id", value: "AC-9") { $0.id == "AC-9" },
            HeaderCase(header: "Ref", field: "control_id", value: "AC-9") { $0.id == "AC-9" },
            HeaderCase(header: "  CONTROL   id ", field: "control_id", value: "AC-9") { $0.id == "AC-9" },
            HeaderCase(header: "Control Description", field: "description", value: "Reviews access") {
                $0.description == "Reviews access"
            },
            HeaderCase(header: "control description", field: "description", value: "Reviews access") {
                $0.description == "Reviews access"
            },
            HeaderCase(header: "Control Owner", field: "owner", value: "CISO") { $0.owner == "CISO" },
            HeaderCase(header: "Frequency", field: "frequency", value: "Weekly") { $0.frequency == .weekly },
            HeaderCase(header: "FREQUENCY", field: "frequency", value: "Weekly") { $0.frequency == .weekly },
            HeaderCase(header: "TSC", field: "soc2_criteria", value: "CC6.2") { $0.criteria == ["CC6.2"] },
            HeaderCase(header: "Trust Services Criteria", field: "soc2_criteria", value: "CC6.2") {
                $0.criteria == ["CC6.2"]
            },
            HeaderCase(header: "SOC 2 Criteria", field: "soc2_criteria", value: "CC6.2") { $0.criteria == ["CC6.2"] },
            HeaderCase(header: "soc2criteria", field: "soc2_criteria", value: "CC6.2") { $0.criteria == ["CC6.2"] },
            HeaderCase(header: "Control Objective(s)", field: "soc1_objectives", value: "ITGC-02") {
                $0.objectives == ["ITGC-02"]
            },
            HeaderCase(header: "control objective (s)", field: "soc1_objectives", value: "ITGC-02") {
                $0.objectives == ["ITGC-02"]
            },
        ]

        @Test(arguments: cases)
        func headerSpellingReachesItsField(_ spelling: HeaderCase) throws {
            // Given a controls file whose column for one field is headed the way a spreadsheet heads it
            var fields = ["control_id": "AC-1", "title": "Access review", "frequency": "monthly", "nature": "manual"]
            fields[spelling.field] = spelling.value
            let names = Array(fields.keys).sorted()
            let header = names.map { $0 == spelling.field ? spelling.header : $0 }
            let text = header.joined(separator: ",") + "\n" + names.map { fields[$0]! }.joined(separator: ",") + "\n"

            // When it is imported
            let outcome = try ImportFixture.prepare(controls: text)

            // Then the value lands in that field, and no column is ignored
            #expect(outcome.diagnostics.map(\.rendered) == [])
            let control = try #require(outcome.changes.controls.first)
            #expect(spelling.check(control), "\(control)")
        }

        @Test func columnOverrideMapsAnUnknownHeader() throws {
            // Given a column no alias knows, mapped with --column "What we do=description"
            let text =
                "control_id,title,frequency,nature,What we do\nAC-1,Access review,monthly,manual,Reviews access\n"
            let options = InventoryImporter.Options(columns: [TableSchema.headerKey("What we do"): "description"])

            // When it is imported
            let outcome = try ImportFixture.prepare(controls: text, options: options)

            // Then the column fills the field, without a warning
            #expect(outcome.diagnostics.isEmpty)
            #expect(outcome.changes.controls.first?.description == "Reviews access")
        }

        @Test func columnOverrideWinsOverAnAlias() throws {
            // Given "Activity", an alias of description, mapped elsewhere with --column "Activity=test_procedure"
            let text =
                "control_id,title,frequency,nature,Activity\nAC-1,Access review,monthly,manual,Inspect the tickets\n"
            let options = InventoryImporter.Options(columns: [TableSchema.headerKey("Activity"): "test_procedure"])

            // When it is imported
            let outcome = try ImportFixture.prepare(controls: text, options: options)

            // Then the value goes where the user said, not where the alias would have put it
            let control = try #require(outcome.changes.controls.first)
            #expect(control.testProcedure == "Inspect the tickets")
            #expect(control.description == "")
        }

        @Test func unknownColumnIsAWarningNotAnError() throws {
            // Given a file with a column socplan does not know
            let text = "control_id,title,Comments,frequency,nature\nAC-1,Access review,ask Bob,monthly,manual\n"

            // When it is imported
            let outcome = try ImportFixture.prepare(controls: text)

            // Then the column is named in a warning at its header cell, and the control is still imported
            #expect(!outcome.diagnostics.hasErrors)
            let warning = try #require(outcome.diagnostics.first)
            #expect(warning.severity == .warning)
            #expect(warning.code == "unknown-column")
            #expect((warning.file, warning.row) == ("controls.csv", 1))
            #expect(warning.message.contains("C (Comments)"))
            #expect(warning.hint.contains("--column"))
            #expect(outcome.changes.controls.map(\.id) == ["AC-1"])
        }
    }
}

// MARK: - Values

extension ImportTests {
    @Suite("Value spellings")
    struct ValueSpellings {
        static let frequencies: [(String, Frequency)] = [
            ("Annually", .annual), ("Yearly", .annual), ("Quarterly", .quarterly), ("Monthly", .monthly),
            ("Weekly", .weekly), ("Daily", .daily), ("Multiple times per day", .recurring), ("Continuous", .recurring),
            ("As needed", .eventDriven), ("Ad hoc", .eventDriven), ("Semi-annually", .semiannual),
            ("event-driven", .eventDriven), ("AD-HOC", .eventDriven),
        ]

        @Test(arguments: frequencies)
        func frequencySpelling(_ spelling: String, _ expected: Frequency) throws {
            // Given a control whose frequency is spelled as a person writes it
            let text = ImportFixture.controls("AC-1,Access review,\(spelling),manual,,,")

            // When it is imported
            let outcome = try ImportFixture.prepare(controls: text)

            // Then it has the canonical frequency
            #expect(outcome.diagnostics.isEmpty)
            #expect(outcome.changes.controls.first?.frequency == expected)
        }

        static let natures: [(String, Nature)] = [
            ("Automated", .automated), ("Manual", .manual), ("ITDM", .itDependentManual),
            ("IT-dependent manual", .itDependentManual), ("it dependent manual", .itDependentManual),
        ]

        @Test(arguments: natures)
        func natureSpelling(_ spelling: String, _ expected: Nature) throws {
            // Given a control whose nature is spelled as a person writes it
            let text = ImportFixture.controls("AC-1,Access review,monthly,\(spelling),,,")

            // When it is imported
            let outcome = try ImportFixture.prepare(controls: text)

            // Then it has the canonical nature
            #expect(outcome.diagnostics.isEmpty)
            #expect(outcome.changes.controls.first?.nature == expected)
        }
    }
}

// MARK: - File kinds

extension ImportTests {
    @Suite("Recognising what a file holds")
    struct FileKinds {
        static let objectivesText =
            "Objective ID,Control Objective,Area\nBP-PAY-9,Controls provide reasonable assurance that bonuses are approved.,business-processing\n"
        static let evidenceText = "Evidence ID,Evidence Title,Evidence Type\nEV-X,Bonus approvals,population\n"
        static let controlsText = "Ref,Name,Freq,Automation\nAC-1,Access review,monthly,manual\n"

        @Test(arguments: [
            ("controls.csv", objectivesText, "objectives"),
            ("export (3).csv", evidenceText, "evidence"),
            ("objectives.csv", controlsText, "controls"),
        ])
        func kindComesFromTheHeaderNotTheFileName(_ name: String, _ text: String, _ kind: String) throws {
            // Given a file whose name says nothing, or the wrong thing, about what it holds
            // When it is imported
            let outcome = try ImportFixture.prepare([(name, text)])

            // Then it is read as the kind its header describes, and its row is taken in
            #expect(outcome.diagnostics.map(\.rendered) == [])
            #expect(outcome.kinds.map(\.kind) == [kind])
            #expect(outcome.kinds.map(\.file) == [name])
            let added = outcome.objectives.added + outcome.evidence.added + outcome.controls.added
            #expect(added == 1)
        }

        @Test func forcedKindOverridesRecognition() throws {
            // Given an evidence file imported with --kind objectives
            let outcome = try ImportFixture.prepare(
                [("evidence.csv", Self.evidenceText)], options: .init(kind: "objectives"))

            // Then it is read as objectives, so the objectives' required id column is reported missing
            #expect(outcome.kinds.map(\.kind) == ["objectives"])
            let error = try #require(outcome.diagnostics.errors.first)
            #expect(error.code == "missing-column")
            #expect(error.message.contains("objective_id"))
            #expect(outcome.changes.evidence.isEmpty)
        }

        @Test func forcedUnknownKindIsAnError() throws {
            // Given --kind with a kind socplan does not have
            let outcome = try ImportFixture.prepare([("risks.csv", Self.controlsText)], options: .init(kind: "risks"))

            // Then the file is refused and the hint lists the kinds there are
            let error = try #require(outcome.diagnostics.errors.first)
            #expect(error.code == "unknown-kind")
            #expect(
                error.hint.contains("controls") && error.hint.contains("objectives") && error.hint.contains("evidence"))
            #expect(outcome.kinds.isEmpty)
        }

        @Test func unrecognisableHeaderIsAnError() throws {
            // Given a file whose header fits no kind
            let outcome = try ImportFixture.prepare([("notes.csv", "Date,Who,What\n2026-01-05,Ann,kick-off\n")])

            // Then it is an error at the start of the file that says which headers are expected, and nothing is read
            let error = try #require(outcome.diagnostics.errors.first)
            #expect(error.code == "unknown-kind")
            #expect((error.file, error.line, error.column) == ("notes.csv", 1, 1))
            #expect(error.hint.contains("control_id"))
            #expect(outcome.kinds.isEmpty)
            #expect(outcome.changes.isEmpty)
        }
    }
}

// MARK: - Validation

/// A file with one problem, and where and how it must be reported.
struct InvalidInput: Sendable, CustomTestStringConvertible {
    var name: String
    var file: String
    var bytes: [UInt8]
    var code: String
    var line: Int
    var column: Int
    var message: [String]
    var hint: [String]
    /// `--kind`, for files whose kind cannot be recognised.
    var kind: String?

    var testDescription: String { name }

    /// `at` is the text whose first occurrence in `text` marks the expected position. A U+FFFD in `text`
    /// stands for the invalid byte 0xE9 in the file.
    init(
        _ name: String, file: String = "controls.csv", kind: String? = nil, _ text: String, code: String,
        at marker: String, message: [String] = [], hint: [String] = []
    ) {
        self.name = name
        self.file = file
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar == "\u{FFFD}" { bytes.append(0xE9) } else { bytes += Array(String(scalar).utf8) }
        }
        self.bytes = bytes
        self.code = code
        let position = ImportFixture.position(of: marker, in: text)
        self.line = position?.line ?? -1
        self.column = position?.column ?? -1
        self.message = message
        self.hint = hint
        self.kind = kind
    }
}

extension ImportTests {
    @Suite("Validation errors")
    struct Validation {
        static let objectivesHeader = "objective_id,title,assertions\n"

        static let cases: [InvalidInput] = [
            InvalidInput(
                "unknown criterion", ImportFixture.controls("AC-1,Access review,monthly,manual,ITGC-01,CC6.9,"),
                code: "unknown-criterion", at: "CC6.9", message: ["CC6.9"], hint: ["CC6.1"]),
            InvalidInput(
                "text that is not a criterion id",
                ImportFixture.controls("AC-1,Access review,monthly,manual,ITGC-01,Logical access,"),
                code: "invalid-criterion", at: "Logical access", message: ["Logical access"], hint: ["CC6.1"]),
            InvalidInput(
                "unknown objective", ImportFixture.controls("AC-1,Access review,monthly,manual,ITGC-1,CC6.1,"),
                code: "unknown-objective", at: "ITGC-1,", message: ["ITGC-1"], hint: ["ITGC-01"]),
            InvalidInput(
                "duplicate id in the file",
                ImportFixture.controls(
                    "AC-1,Access review,monthly,manual,ITGC-01,CC6.1,",
                    "ac-1,Access removal,daily,manual,ITGC-01,CC6.2,"),
                code: "duplicate-id", at: "ac-1", message: ["ac-1"], hint: ["controls.csv row 2"]),
            InvalidInput(
                "missing required column", "control_id,frequency,nature\nAC-1,monthly,manual\n",
                code: "missing-column", at: "control_id", message: ["title"], hint: ["--column"]),
            InvalidInput(
                "empty required cell", ImportFixture.controls("AC-1,,monthly,manual,ITGC-01,CC6.1,"),
                // the empty title cell starts where the comma after it is
                code: "empty-cell", at: ",monthly", message: ["title"]),
            InvalidInput(
                "unknown frequency", ImportFixture.controls("AC-1,Access review,Fortnightly,manual,ITGC-01,CC6.1,"),
                code: "unknown-value", at: "Fortnightly", message: ["Fortnightly"],
                hint: Frequency.allCases.map(\.rawValue)),
            InvalidInput(
                "unknown nature", ImportFixture.controls("AC-1,Access review,monthly,Robotic,ITGC-01,CC6.1,"),
                code: "unknown-value", at: "Robotic", message: ["Robotic"], hint: Nature.allCases.map(\.rawValue)),
            InvalidInput(
                "unterminated quote", ImportFixture.controls("AC-1,\"Access review,monthly,manual,ITGC-01,CC6.1,"),
                code: "csv-unterminatedQuote", at: "\"Access", hint: ["\""]),
            InvalidInput(
                "stray quote", ImportFixture.controls("AC-1,Access \"review,monthly,manual,ITGC-01,CC6.1,"),
                code: "csv-strayQuote", at: "\"review", hint: ["quotes"]),
            InvalidInput(
                "ragged row, too few cells", ImportFixture.controls("AC-1,Access review,monthly,manual,ITGC-01"),
                code: "ragged-row", at: "ITGC-01", message: ["5", "7"]),
            InvalidInput(
                "ragged row, too many cells",
                ImportFixture.controls("AC-1,Access review,monthly,manual,ITGC-01,CC6.1,,overflow"),
                code: "ragged-row", at: "overflow", message: ["8", "7"]),
            InvalidInput(
                "invalid UTF-8", ImportFixture.controls("AC-1,Caf\u{FFFD} access,monthly,manual,ITGC-01,CC6.1,"),
                code: "csv-invalidUTF8", at: "\u{FFFD}", hint: ["UTF-8"]),
            InvalidInput(
                "unknown assertion", file: "objectives.csv",
                objectivesHeader + "BP-PAY-9,Controls provide reasonable assurance that bonuses are approved.,A; Z\n",
                code: "unknown-value", at: "A; Z", message: ["Z"], hint: ["completeness"]),
            InvalidInput(
                "non-numeric population size",
                ImportFixture.controls("AC-1,Access review,As needed,manual,ITGC-01,CC6.1,about 200"),
                code: "invalid-number", at: "about 200", message: ["about 200"]),
            InvalidInput(
                "two columns for one field",
                "control_id,title,Control Description,Activity,frequency,nature\nAC-1,Access review,a,b,monthly,manual\n",
                code: "duplicate-column", at: "Activity", message: ["Activity", "description"], hint: ["--column"]),
            InvalidInput(
                "empty file", kind: "controls", "", code: "empty-file", at: "", message: ["empty"],
                hint: ["control_id"]),
            InvalidInput(
                "id with a list separator", ImportFixture.controls("\"AC-1,AC-2\",Access review,monthly,manual,,,"),
                code: "invalid-id", at: "\"AC-1", message: ["AC-1,AC-2"]),
        ]

        @Test(arguments: cases)
        func reportsTheProblemWhereItIs(_ input: InvalidInput) throws {
            // Given a file with one problem
            let catalog = try ImportFixture.catalog()

            // When it is imported
            let outcome = InventoryImporter.prepare(
                files: [InputFile(name: input.file, bytes: input.bytes)], options: .init(kind: input.kind),
                workspace: ImportFixture.payrollWorkspace(catalog), catalog: catalog)

            // Then there is an error with that code, at that line and column of that file, with a hint
            let matching = outcome.diagnostics.filter { $0.code == input.code }
            let error = try #require(matching.first, "got: \(outcome.diagnostics.map(\.located))")
            #expect(error.severity == .error)
            #expect(error.file == input.file)
            #expect(error.line == input.line, "\(error.located)")
            #expect(error.column == input.column, "\(error.located)")
            #expect(!error.message.isEmpty && !error.hint.isEmpty)
            for text in input.message { #expect(error.message.contains(text), "message: \(error.message)") }
            for text in input.hint { #expect(error.hint.contains(text), "hint: \(error.hint)") }
            #expect(outcome.diagnostics.hasErrors)
        }

        @Test(
            arguments: ["CC6.1/CC6.2", "CC6.1 & CC6.2", "CC6.1 and CC6.2", "CC6.1 CC6.2", "CC6.1 | CC6.2"])
        func secondCriterionAfterAnUnusualSeparatorIsNotDroppedSilently(_ cell: String) throws {
            // Given a criteria cell that joins two ids with something other than a comma, semicolon or line break
            let text = ImportFixture.controls("AC-1,Access review,monthly,manual,ITGC-01,\(cell),")

            // When it is imported
            let outcome = try ImportFixture.prepare(controls: text)

            // Then either both criteria are mapped, or the user is told about the cell
            let criteria = outcome.changes.controls.first?.criteria ?? []
            let reported = outcome.diagnostics.contains { $0.line == 2 }
            #expect(criteria == ["CC6.1", "CC6.2"] || reported, "mapped \(criteria) and said nothing")
        }

        @Test func conflictAcrossFilesNamesTheFirstFile() throws {
            // Given two controls files that both define AC-1, with different frequencies
            let first = ImportFixture.controls("AC-1,Access review,monthly,manual,ITGC-01,CC6.1,")
            let second = ImportFixture.controls(
                "AC-2,Access removal,daily,manual,ITGC-01,CC6.2,", "AC-1,Access review,weekly,manual,ITGC-01,CC6.1,")

            // When they are imported together
            let outcome = try ImportFixture.prepare([("it.csv", first), ("ops.csv", second)])

            // Then the rows are merged, and the differing cell is the error, naming the first file's row
            let error = try #require(outcome.diagnostics.errors.first)
            #expect(error.code == "conflicting-value")
            #expect((error.file, error.line, error.row) == ("ops.csv", 3, 3))
            #expect(error.message.contains("\"weekly\" differs from \"monthly\" at it.csv row 2"), "\(error.message)")
        }

        @Test func unknownObjectiveInAWorkspaceWithoutObjectivesSaysWhereObjectivesComeFrom() throws {
            // Given a workspace made without a profile or objectives
            let empty = Workspace(info: WorkspaceInfo(organization: "Acme", profile: nil))

            // When controls that name an objective are imported alone
            let outcome = try ImportFixture.prepare(
                controls: ImportFixture.controls("AC-1,Access review,monthly,manual,ITGC-01,CC6.1,"), into: empty)

            // Then the hint says to import objectives with them or to seed them from a profile
            let error = try #require(outcome.diagnostics.errors.first)
            #expect(error.code == "unknown-objective")
            #expect(error.hint.contains("objectives.csv") && error.hint.contains("--profile"))
        }

        @Test func everyProblemInAFileIsReportedAtOnce() throws {
            // Given a file with three bad rows
            let text = ImportFixture.controls(
                "AC-1,Access review,Fortnightly,manual,ITGC-01,CC6.1,",
                "AC-2,Access removal,daily,manual,ITGC-01,CC6.9,",
                "AC-3,Access recertification,quarterly,manual,ITGC-99,CC6.3,")

            // When it is imported
            let outcome = try ImportFixture.prepare(controls: text)

            // Then each bad row has its own error, in file order, like a compiler's list
            let errors = outcome.diagnostics.errors
            #expect(errors.map(\.code) == ["unknown-value", "unknown-criterion", "unknown-objective"])
            #expect(errors.map(\.line) == [2, 3, 4])
        }
    }
}

// MARK: - Upserts

extension ImportTests {
    @Suite("Re-importing into a workspace")
    struct Upserts {
        static let original = ImportFixture.controls(
            "AC-1,Access review,quarterly,manual,ITGC-01,CC6.1; CC6.3,",
            "AC-2,Access removal,event-driven,manual,ITGC-01,CC6.2,60",
            "AC-3,MFA enforced,recurring,automated,ITGC-01,CC6.1,")

        /// The payroll workspace after `original` has been imported into it.
        static func imported() throws -> Workspace {
            let catalog = try ImportFixture.catalog()
            let start = ImportFixture.payrollWorkspace(catalog)
            let outcome = try ImportFixture.prepare(controls: original, into: start)
            try #require(!outcome.diagnostics.hasErrors)
            return ImportFixture.applying(outcome.changes, to: start)
        }

        @Test func sameRowsAgainChangeNothing() throws {
            // Given a workspace the file has been imported into
            let workspace = try Self.imported()

            // When the same file is imported again
            let outcome = try ImportFixture.prepare(controls: Self.original, into: workspace)

            // Then every row is unchanged and nothing is to be written
            #expect(outcome.controls.unchanged == 3)
            #expect((outcome.controls.added, outcome.controls.updated, outcome.controls.removed) == (0, 0, 0))
            #expect(outcome.changes.isEmpty)
        }

        @Test func oneChangedCellUpdatesOneControl() throws {
            // Given a workspace the file has been imported into
            let workspace = try Self.imported()

            // When the file comes back with AC-2's population changed
            let edited = Self.original.replacingOccurrences(of: "CC6.2,60", with: "CC6.2,75")
            let outcome = try ImportFixture.prepare(controls: edited, into: workspace)

            // Then exactly that control is updated, with the new value and everything else as it was
            #expect((outcome.controls.updated, outcome.controls.unchanged, outcome.controls.added) == (1, 2, 0))
            var expected = try #require(workspace.controls.first { $0.id == "AC-2" })
            expected.populationSize = 75
            #expect(outcome.changes.controls == [expected])
        }

        @Test func missingColumnLeavesTheFieldAlone() throws {
            // Given a workspace whose AC-1 is high risk, owned by the CISO and has a test procedure
            var workspace = try Self.imported()
            let index = try #require(workspace.controls.firstIndex { $0.id == "AC-1" })
            workspace.controls[index].risk = .high
            workspace.controls[index].owner = "CISO"
            workspace.controls[index].testProcedure = "Inspect the sign-off."

            // When a file with no risk, owner or test procedure column changes AC-1's title
            let text = "control_id,title,frequency,nature\nAC-1,Quarterly access review,quarterly,manual\n"
            let outcome = try ImportFixture.prepare(controls: text, into: workspace)

            // Then the title changes and the fields the file does not have keep their values
            let control = try #require(outcome.changes.controls.first)
            #expect(control.title == "Quarterly access review")
            #expect(control.risk == .high)
            #expect(control.owner == "CISO")
            #expect(control.testProcedure == "Inspect the sign-off.")
            #expect(control.criteria == ["CC6.1", "CC6.3"])
            #expect(outcome.controls.updated == 1)
        }

        @Test func emptyCellClearsTheField() throws {
            // Given a workspace whose AC-2 has a population size
            let workspace = try Self.imported()

            // When the file comes back with that cell emptied
            let edited = Self.original.replacingOccurrences(of: "CC6.2,60", with: "CC6.2,")
            let outcome = try ImportFixture.prepare(controls: edited, into: workspace)

            // Then the population size is cleared (a present but empty column is a value, unlike a missing one)
            #expect(outcome.changes.controls.map(\.id) == ["AC-2"])
            #expect(outcome.changes.controls.first?.populationSize == nil)
        }

        @Test func replaceRemovesRowsTheFileNoLongerHolds() throws {
            // Given a workspace holding AC-1, AC-2 and AC-3
            let workspace = try Self.imported()

            // When a file holding only AC-1 and AC-3 is imported with --replace
            let text = ImportFixture.controls(
                "AC-1,Access review,quarterly,manual,ITGC-01,CC6.1; CC6.3,",
                "AC-3,MFA enforced,recurring,automated,ITGC-01,CC6.1,")
            let outcome = try ImportFixture.prepare(controls: text, options: .init(replace: true), into: workspace)

            // Then AC-2 is removed and counted, and the seeded objectives and evidence stay
            #expect(!outcome.diagnostics.hasErrors)
            #expect(outcome.controls.removed == 1)
            #expect(outcome.changes.removedControls == ["AC-2"])
            #expect(outcome.controls.unchanged == 2)
            #expect(outcome.changes.removedObjectives.isEmpty && outcome.changes.removedEvidence.isEmpty)
        }

        @Test
        func idInOtherCapitalsUpdatesTheExistingControl() throws {
            // Given a workspace whose control was imported as "ac-1"
            let catalog = try ImportFixture.catalog()
            let start = ImportFixture.payrollWorkspace(catalog)
            let first = try ImportFixture.prepare(
                controls: ImportFixture.controls("ac-1,Access review,monthly,manual,ITGC-01,CC6.1,"), into: start)
            let workspace = ImportFixture.applying(first.changes, to: start)

            // When the corrected spreadsheet spells it "AC-1"
            let second = try ImportFixture.prepare(
                controls: ImportFixture.controls("AC-1,Access review,monthly,manual,ITGC-01,CC6.1,"), into: workspace)
            let after = ImportFixture.applying(second.changes, to: workspace)

            // Then it is the same control (as the duplicate check within one file already says),
            // so the workspace still exports a file that imports
            #expect(second.controls.added == 0)
            #expect(after.controls.filter { $0.id.rawValue.uppercased() == "AC-1" }.count == 1)
            // And it keeps the spelling it was stored with
            #expect(after.controls.map(\.id.rawValue).contains("ac-1"))
            let export = CSVWriter().write(InventoryExport.controls(after.controls))
            let reimport = try ImportFixture.prepare(controls: export, into: start)
            #expect(reimport.diagnostics.errors.map(\.rendered) == [])
        }

        @Test func withoutReplaceNothingIsRemoved() throws {
            // Given a workspace holding AC-1, AC-2 and AC-3
            let workspace = try Self.imported()

            // When a file holding only AC-1 is imported without --replace
            let text = ImportFixture.controls("AC-1,Access review,quarterly,manual,ITGC-01,CC6.1; CC6.3,")
            let outcome = try ImportFixture.prepare(controls: text, into: workspace)

            // Then the other controls stay
            #expect(outcome.controls.removed == 0)
            #expect(outcome.changes.removedControls.isEmpty)
        }

        @Test func replacingObjectivesStillUsedByAKeptControlIsAnError() throws {
            // Given a workspace whose controls map to ITGC-01
            let workspace = try Self.imported()

            // When an objectives file without ITGC-01 is imported alone with --replace
            let kept = workspace.objectives.filter { $0.id != "ITGC-01" }
            let rows = InventoryExport.objectives(kept)
            let text = CSVWriter().write(rows)
            let outcome = try ImportFixture.prepare(
                [("objectives.csv", text)], options: .init(replace: true), into: workspace)

            // Then the removal is refused: each control left pointing at it is named
            let errors = outcome.diagnostics.errors
            #expect(errors.map(\.code) == Array(repeating: "dangling-reference", count: 3))
            #expect(Set(errors.compactMap(\.subject)) == ["AC-1", "AC-2", "AC-3"])
            #expect(errors.allSatisfy { $0.message.contains("ITGC-01") })
            #expect(outcome.changes.removedObjectives == ["ITGC-01"])
        }

        @Test func replacingAnObjectiveAnEngagementScopesIsAnError() throws {
            // Given a workspace with an engagement whose SOC 1 scope is ITGC-02 and BP-PAY-1
            var workspace = try Self.imported()
            workspace.engagements = [
                Engagement(
                    name: "fy2026", soc1: .type1(asOf: try #require(Day("2026-06-30"))),
                    objectives: ["ITGC-02", "BP-PAY-1"])
            ]

            // When an objectives file without BP-PAY-1 is imported alone with --replace
            let kept = workspace.objectives.filter { $0.id != "BP-PAY-1" }
            let outcome = try ImportFixture.prepare(
                [("objectives.csv", CSVWriter().write(InventoryExport.objectives(kept)))],
                options: .init(replace: true),
                into: workspace)

            // Then the removal is refused, naming the engagement (the workspace's foreign key would refuse it too)
            let error = try #require(outcome.diagnostics.errors.first { $0.subject == "fy2026" })
            #expect(error.code == "dangling-reference")
            #expect(error.message.contains("BP-PAY-1") && error.message.contains("engagement fy2026"))
        }

        @Test func replacingObjectivesTogetherWithTheControlsIsAllowed() throws {
            // Given a workspace whose controls map to ITGC-01
            let workspace = try Self.imported()

            // When the objectives without ITGC-01 and the controls remapped to ITGC-02 are imported together with --replace
            let objectives = CSVWriter().write(
                InventoryExport.objectives(workspace.objectives.filter { $0.id != "ITGC-01" }))
            let controls = Self.original.replacingOccurrences(of: "ITGC-01", with: "ITGC-02")
            let outcome = try ImportFixture.prepare(
                [("objectives.csv", objectives), ("controls.csv", controls)], options: .init(replace: true),
                into: workspace)

            // Then there is nothing dangling and ITGC-01 goes
            #expect(outcome.diagnostics.errors.map(\.rendered) == [])
            #expect(outcome.changes.removedObjectives == ["ITGC-01"])
            #expect(outcome.controls.updated == 3)
        }
    }
}

// MARK: - Spreadsheet formulas

extension ImportTests {
    @Suite("Formula-looking text")
    struct FormulaText {
        @Test(arguments: [
            "=SUM(A1:A9)", "+44 20 7946 0000", "-1 day", "@channel", "'quoted'", "''twice", "'s-Hertogenbosch", "=",
        ])
        func survivesExportAndImport(_ text: String) throws {
            // Given a control whose title, owner and description begin with a formula character or an apostrophe
            let catalog = try ImportFixture.catalog()
            let workspace = ImportFixture.payrollWorkspace(catalog)
            let control = Control(
                id: "AC-1", title: text, description: "\(text) then more", owner: text, frequency: .monthly,
                nature: .manual, objectives: ["ITGC-01"], criteria: ["CC6.1"])

            // When it is exported as CSV and imported back
            let csv = CSVWriter().write(InventoryExport.controls([control]))
            let outcome = InventoryImporter.prepare(
                files: [ImportFixture.file("controls.csv", csv)], options: .init(), workspace: workspace,
                catalog: catalog)

            // Then the spreadsheet sees no formula in the file, and the control comes back exactly as it was
            let record = try #require(CSVReader.read(Array(csv.utf8)).records.dropFirst().first)
            #expect(record.values.allSatisfy { !$0.hasPrefix("=") && !$0.hasPrefix("+") && !$0.hasPrefix("@") })
            #expect(record.values.allSatisfy { !$0.hasPrefix("-") })
            #expect(outcome.diagnostics.isEmpty)
            #expect(outcome.changes.controls == [control])
        }
    }
}
