import ArgumentParser
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract:
            "Make a firm's own sample-size table, effort model or holiday calendar the default for this workspace.",
        discussion: """
            Settings: sample-table, effort-model, holidays (the business days
            that due dates count). A file is validated first (every problem
            reported, nothing stored on error) and kept in the workspace, so the
            workspace file alone carries the firm's numbers. Start from the
            built-in ones with `socplan config get NAME`.

            Example:
              socplan config get sample-table > firm-samples.csv    # edit it, then:
              socplan config set sample-table firm-samples.csv
              socplan config show
              socplan config unset sample-table
              socplan config get holidays > firm-holidays.csv       # add days off
            """,
        subcommands: [Show.self, Get.self, SetValue.self, Unset.self])

    enum Setting: String, CaseIterable, ExpressibleByArgument {
        case sampleTable = "sample-table"
        case effortModel = "effort-model"
        case holidays

        enum Loaded {
            case sampleTable(SampleTable)
            case effortModel(EffortProfiles)
            case holidays(HolidayCalendar)
        }

        /// The argument's help; ArgumentParser adds the values.
        static let help: ArgumentHelp = "The setting."

        var catalogFile: String {
            switch self {
            case .sampleTable: "sample-sizes.csv"
            case .effortModel: "effort-model.csv"
            case .holidays: "holidays-us.csv"
            }
        }

        func parse(file: String, bytes: [UInt8]) -> (Loaded?, [Diagnostic]) {
            switch self {
            case .sampleTable:
                let (table, diagnostics) = ParameterLoader.sampleTable(file: file, bytes: bytes)
                return (table.map(Loaded.sampleTable), diagnostics)
            case .effortModel:
                let (profiles, diagnostics) = ParameterLoader.effortProfiles(file: file, bytes: bytes)
                return (profiles.map(Loaded.effortModel), diagnostics)
            case .holidays:
                let (calendar, diagnostics) = ParameterLoader.holidays(file: file, bytes: bytes)
                return (calendar.map(Loaded.holidays), diagnostics)
            }
        }

        /// The CSV text in effect and where it comes from.
        func text(store: Store) throws -> (text: String, source: String) {
            try text(stored: Stored(store))
        }

        func text(stored: Stored) throws -> (text: String, source: String) {
            if let own = try stored.value(self) { return (own, "workspace") }
            return (ParameterLoader.builtInText(catalogFile), "built-in (Catalogs/\(catalogFile))")
        }

        /// The workspace's own settings, read once when first asked for (a planning command loads
        /// the three tables: one read, not three).
        final class Stored {
            let store: Store
            private var values: [String: String]?
            init(_ store: Store) { self.store = store }

            func value(_ setting: Setting) throws -> String? {
                if let values { return values[setting.rawValue] }
                let read = try store.settings(Setting.allCases.map { $0.rawValue })
                values = read
                return read[setting.rawValue]
            }
        }

        /// The parameters from `file`, else the workspace, else built in; problems go to `diagnostics`.
        func load(file: String?, store: Store, diagnostics: inout [Diagnostic]) throws -> Loaded? {
            try load(file: file, stored: Stored(store), diagnostics: &diagnostics)
        }

        func load(file: String?, stored: Stored, diagnostics: inout [Diagnostic]) throws -> Loaded? {
            let (name, bytes): (String, [UInt8])
            if let file {
                (name, bytes) = (file, try Files.read(file))
            } else {
                let (text, source) = try text(stored: stored)
                (name, bytes) = (
                    source == "workspace" ? "workspace \(rawValue)" : "Catalogs/\(catalogFile)", Array(text.utf8)
                )
            }
            let (loaded, found) = parse(file: name, bytes: bytes)
            diagnostics += found
            return loaded
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Where each parameter table comes from.", discussion: "Example:\n  socplan config show")
        @OptionGroup var workspace: WorkspaceOptions

        func run() throws {
            let stored = Setting.Stored(try workspace.open())
            for setting in Setting.allCases {
                Console.write("\(setting.rawValue): \(try setting.text(stored: stored).source)\n")
            }
        }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get",
            abstract: "Print the table in effect, as CSV.",
            discussion: "Example:\n  socplan config get sample-table > firm-samples.csv")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: Setting.help) var setting: Setting

        func run() throws { Console.write(try setting.text(store: try workspace.open()).text) }
    }

    struct SetValue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Validate a file and make it the workspace's table.",
            discussion: "Example:\n  socplan config set effort-model firm-effort.csv")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: Setting.help) var setting: Setting
        @Argument(help: "The CSV file.") var file: String

        func run() throws {
            let store = try workspace.open()
            let bytes = try Files.read(file)
            let (loaded, diagnostics) = setting.parse(file: file, bytes: bytes)
            Console.report(diagnostics)
            guard loaded != nil, !diagnostics.hasErrors else {
                throw CLIError(message: "\(file) is not a valid \(setting.rawValue); nothing was stored")
            }
            try store.setSetting(setting.rawValue, to: String(decoding: bytes, as: UTF8.self))
            Console.write("\(setting.rawValue) now comes from \(file) (kept in the workspace)\n")
        }
    }

    struct Unset: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unset",
            abstract: "Go back to the built-in table.", discussion: "Example:\n  socplan config unset sample-table")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: Setting.help) var setting: Setting

        func run() throws {
            try workspace.open().setSetting(setting.rawValue, to: nil)
            Console.write("\(setting.rawValue) is the built-in one again\n")
        }
    }
}
