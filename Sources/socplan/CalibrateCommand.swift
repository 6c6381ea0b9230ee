import ArgumentParser
import Foundation
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

/// `socplan estimate calibrate`: fits the effort model's rates to a firm's past engagements.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit the effort model's hourly rates to your past engagements' actual hours.",
        discussion: """
            ACTUALS.csv has one row per past engagement: engagement, its inventory (control counts shared, soc1_only, soc2_only, automated, reperformed, observed with soc1, soc2 and months; or a workspace file or inventory folder in the workspace column) and its actual auditor hours (planning_hours, fieldwork_hours, reporting_hours, or total_hours). The rates (hours per activity) are fitted by non-negative least squares; the percentages stay as in the starting model. docs/calibration.md explains the file and the fit.

            Options: --profile P (the starting profile), and estimate's own --effort-model FILE (start from a firm's model instead), --out FILE (write the fitted effort model there), --format table|csv|json|md (the fit report).

            Example:
              socplan estimate calibrate actuals.csv
              socplan estimate calibrate actuals.csv --out firm-effort.csv
              socplan config set effort-model firm-effort.csv
            """)

    @Argument(help: "The past engagements (CSV).") var actuals: String
    @Option(
        help: ArgumentHelp(
            "What to fit: rates (each rate), phases (one factor per phase), or auto (rates with at least three figures per rate, else phases).",
            valueName: "mode"))
    var fit: Calibration.Mode = .automatic
    /// `--out FILE`, `--format` and `--effort-model FILE` are `estimate`'s own options, which
    /// ArgumentParser hands to the parent command whichever side of `calibrate` they are written.
    @ParentCommand var estimate: EstimateCommand

    var effortModel: String? { estimate.parameters.effortModel }
    var out: String? { estimate.out }
    var format: OutputFormat { estimate.format.text }

    /// `--profile`: estimate's own option (the profile to start from).
    var profile: String? { estimate.parameters.profile }

    func run() throws {
        if estimate.format == .xlsx {
            throw CLIError(
                message: "calibrate prints its fit report as text, not a workbook",
                hint: "use --format table, csv, json or md; --out FILE writes the fitted effort model (CSV)")
        }
        // The starting model: its rates are where an undetermined rate stays, its percentages are kept.
        let startFile = effortModel ?? "Catalogs/effort-model.csv"
        let startText =
            try effortModel.map { String(decoding: try Files.read($0), as: UTF8.self) }
            ?? ParameterLoader.builtInText("effort-model.csv")
        let (loaded, modelProblems) = ParameterLoader.effortProfiles(file: startFile, bytes: Array(startText.utf8))
        Console.report(modelProblems)
        guard let profiles = loaded else { throw CLIError(message: "\(startFile) has errors; nothing was fitted") }
        guard let start = profiles.model(named: profile) else {
            throw CLIError(
                message: "\(startFile) has no profile \"\(profile ?? EffortProfiles.defaultName)\"",
                hint: "use one of: \(profiles.names.joined(separator: ", "))")
        }
        let table: SampleTable
        let criteria: [Criterion]
        do {
            table = try ParameterLoader.builtInSampleTable()
            criteria = try Catalogs.load().criteria
        } catch {
            throw CLIError(message: "the built-in catalogs are damaged (a build problem):\n\(error)")
        }
        let directory = URL(fileURLWithPath: actuals).deletingLastPathComponent()
        let (cases, diagnostics) = ActualsImport.read(
            file: actuals, bytes: try Files.read(actuals),
            open: { path, name in Self.open(path, engagement: name, relativeTo: directory) })
        Console.report(diagnostics)
        guard let cases else { throw CLIError(message: "\(actuals) has errors; nothing was fitted") }
        let fit = Calibration.fit(cases, start: start, criteria: criteria, table: table, mode: self.fit)
        Console.write(try Self.render(fit, format: format))
        let loose = fit.rates.filter { !$0.determined && !$0.unused }.map(\.parameter.rawValue)
        if !loose.isEmpty {
            Console.note(
                "warning: these actuals fix only combinations of \(loose.joined(separator: ", ")); each stayed as close "
                    + "to the starting model as the combination allows. Hours by phase, more engagements and "
                    + "inventories of different shapes pin them down (docs/calibration.md)")
        }
        if let out {
            let values = Dictionary(fit.rates.map { ($0.parameter, $0.fitted) }, uniquingKeysWith: { a, _ in a })
            try Files.write(ActualsImport.effortModel(start, with: values, engagements: cases.count), to: out)
            Console.note("wrote \(out): use it with --effort-model \(out), or `socplan config set effort-model \(out)`")
        }
    }

    /// A workspace file (its engagement named `engagement`, else its only one) or a folder of
    /// inventory CSV files (imported into a scratch workspace in memory).
    static func open(_ path: String, engagement name: String, relativeTo directory: URL) -> Result<
        (Workspace, Engagement), ActualsImport.OpenProblem
    > {
        let resolved = path.hasPrefix("/") ? path : directory.appendingPathComponent(path).path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
            return .failure(ActualsImport.OpenProblem("no workspace or inventory folder at \(resolved)"))
        }
        do {
            let workspace: Workspace
            if isDirectory.boolValue {
                let catalog = try Catalogs.load()
                let names = try FileManager.default.contentsOfDirectory(atPath: resolved).filter {
                    $0.lowercased().hasSuffix(".csv")
                }.sorted()
                guard !names.isEmpty else {
                    return .failure(ActualsImport.OpenProblem("the folder \(resolved) holds no CSV file"))
                }
                let files = try names.map {
                    InputFile(name: "\(path)/\($0)", bytes: try Files.read("\(resolved)/\($0)"))
                }
                let store = try Store.inMemory()
                try store.initialise(
                    info: WorkspaceInfo(organization: name, profile: nil), criteria: catalog.criteria,
                    seed: catalog.seed(profile: nil, includeControls: false))
                let outcome = InventoryImporter.prepare(
                    files: files, options: .init(), workspace: try store.snapshot(), catalog: catalog)
                if outcome.diagnostics.hasErrors {
                    Console.report(outcome.diagnostics.errors)
                    return .failure(ActualsImport.OpenProblem("the inventory in \(resolved) has errors (above)"))
                }
                try store.apply(outcome.changes)
                workspace = try store.snapshot()
            } else {
                workspace = try Store.open(at: resolved).snapshot()
            }
            if let found = workspace.engagements.first(where: { $0.name == name }) {
                return .success((workspace, found))
            }
            if workspace.engagements.count == 1 { return .success((workspace, workspace.engagements[0])) }
            return .failure(
                ActualsImport.OpenProblem(
                    workspace.engagements.isEmpty
                        ? "\(resolved) has no engagement"
                        : "\(resolved) has several engagements and none is named \(name): \(workspace.engagements.map(\.name).joined(separator: ", "))"
                ))
        } catch let error as StoreError {
            return .failure(ActualsImport.OpenProblem(Wording.forCommandLine(error).description))
        } catch {
            return .failure(ActualsImport.OpenProblem("\(error)"))
        }
    }

    /// The fit per engagement, the rates, and the overall error.
    static func render(_ fit: Calibration, format: OutputFormat) throws -> String {
        var rows: [[String]] = [["engagement", "actual_hours", "fitted_hours", "error_percent"]]
        for engagement in fit.engagements {
            rows.append([
                engagement.name, tenths(engagement.actual.total), tenths(engagement.fittedTotal),
                signed(engagement.errorPercent),
            ])
        }
        var rates: [[String]] = [["parameter", "start", "fitted", "determined"]]
        for rate in fit.rates {
            rates.append([
                rate.parameter.rawValue, ActualsImport.format(rate.start), ActualsImport.format(rate.fitted),
                rate.unused ? "no: unused by these engagements, kept" : rate.determined ? "yes" : "only with others",
            ])
        }
        switch format {
        case .json:
            struct Report: Encodable {
                var engagements: [[String: String]]
                var rates: [[String: String]]
                var rms_error_percent: Double
                var fitted: String
            }
            func objects(_ rows: [[String]]) -> [[String: String]] {
                rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }
            }
            return try Render.json(
                Report(
                    engagements: objects(rows), rates: objects(rates),
                    rms_error_percent: (fit.rmsErrorPercent * 10).rounded() / 10, fitted: fit.mode.rawValue))
        case .csv:
            // Numbers only in the numeric columns (no sign, no apostrophe); names neutralised by hand.
            var plain = rows
            for index in plain.indices.dropFirst() {
                plain[index][0] = SpreadsheetText.neutralise(plain[index][0])
                plain[index][3] = tenths(fit.engagements[index - 1].errorPercent)
            }
            return CSVWriter(neutraliseFormulas: false).write(plain)
        case .table, .md:
            let fitted =
                fit.mode == .rates
                ? "each rate fitted on its own (non-negative least squares)"
                : "one factor per phase, scaling the starting rates (--fit rates fits each rate)"
            return try Render.rows(rows, as: format)
                + "\nRMS error: \(tenths(fit.rmsErrorPercent))%\nFitted: \(fitted)\n\n"
                + Render.rows(rates, as: format)
        }
    }

    static func tenths(_ value: Double) -> String { PlanRender.number((value * 10).rounded() / 10) }

    static func signed(_ percent: Double) -> String {
        let rounded = (percent * 10).rounded() / 10
        return (rounded > 0 ? "+" : "") + PlanRender.number(rounded == 0 ? 0 : rounded)
    }
}

extension Calibration.Mode: ExpressibleByArgument {
    public init?(argument: String) {
        if argument == "auto" { self = .automatic } else { self.init(rawValue: argument) }
    }
}
