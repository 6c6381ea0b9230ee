import ArgumentParser
import Foundation
import SOCPlanCore
import SOCPlanStore

@main
struct SOCPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "socplan",
        abstract: "Plan a joint SOC 1 + SOC 2 audit from one shared control inventory.",
        discussion: """
            Start with `socplan demo` to see the whole job on the bundled sample, or:
              socplan init --org "Acme Payroll" --profile payroll
              socplan import controls.csv
              socplan controls list --criterion CC6.1
            The workspace is one SQLite file: --workspace PATH, $SOCPLAN_WORKSPACE, or ./socplan.sqlite.
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, ImportCommand.self, ExportCommand.self, ControlsCommand.self, EngagementCommand.self,
            OverlapCommand.self, SuggestCommand.self, PlanCommand.self, EstimateCommand.self, RequestsCommand.self,
            CUECsCommand.self, WindowCommand.self,
            CheckCommand.self, ReportCommand.self, ConfigCommand.self,
            CatalogCommand.self, DemoCommand.self,
            PopulationCommand.self, SampleCommand.self, ResultsCommand.self,
        ])

    /// Runs a command with socplan's exit codes: 0 success, 1 input or validation error, 2 usage error.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "help", let unknown = unknownSubcommand(Array(arguments.dropFirst())) {
            // `socplan help overlpa`: ArgumentParser would print the top-level help and exit 0.
            Console.write(
                "Error: \(unknown.message)\n  See 'socplan --help' for the subcommands.\n", to: .standardError)
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            Console.error(error.description)
            Foundation.exit(1)
        } catch let error as StoreError {
            Console.error(Wording.forCommandLine(error).description)
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            let text = code == .success ? fullMessage(for: error, columns: 100_000) : ""
            if text.hasPrefix("OVERVIEW:") || text.hasPrefix("USAGE:") {
                // --help and `socplan help …`: the help unwrapped, then wrapped with the example
                // lines whole (--version and completion scripts go through exit(withError:) below).
                Console.write(HelpText.wrap(text, width: HelpText.width) + (text.hasSuffix("\n") ? "" : "\n"))
                Foundation.exit(0)
            }
            if code == .validationFailure {
                var message = fullMessage(for: error)
                if let unknown = unknownSubcommand(Array(CommandLine.arguments.dropFirst())) {
                    // ArgumentParser's first line ("Unexpected argument 'overlpa'"), worded as what
                    // it is, with the nearest names.
                    let end = message.firstIndex(of: "\n") ?? message.endIndex
                    if message[..<end].contains("'\(unknown.word)'") {
                        message.replaceSubrange(message.startIndex..<end, with: "Error: " + unknown.message)
                    }
                }
                Console.write(message + "\n", to: .standardError)
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// The first word of `arguments` that should name a subcommand and names none, with
    /// "Unknown subcommand 'overlpa'. Did you mean 'overlap'?" (or the list of subcommands).
    static func unknownSubcommand(_ arguments: [String]) -> (word: String, message: String)? {
        var command: ParsableCommand.Type = SOCPlan.self
        var atRoot = true
        for argument in arguments {
            // An option comes before any subcommand word: ArgumentParser's own message is right.
            if argument.hasPrefix("-") { return nil }
            let configuration = command.configuration
            let subcommands = configuration.subcommands
            if subcommands.isEmpty { return nil }
            if atRoot && argument == "help" { return nil }
            var found: ParsableCommand.Type? = nil
            for subcommand in subcommands
            where subcommand._commandName == argument || subcommand.configuration.aliases.contains(argument) {
                found = subcommand
            }
            if let found {
                command = found
                atRoot = false
                continue
            }
            // (Under a default subcommand the word may be that subcommand's own argument: the
            // message is only used when ArgumentParser refused the word.)
            let names: [String] = subcommands.map { $0._commandName }
            let near: [String] = Spelling.nearest(to: argument, in: names)
            let quoted: [String] = near.map { "'" + $0 + "'" }
            let advice =
                quoted.isEmpty
                ? "The subcommands are: " + names.joined(separator: ", ") + "."
                : "Did you mean " + quoted.joined(separator: " or ") + "?"
            return (argument, "Unknown subcommand '" + argument + "'. " + advice)
        }
        return nil
    }
}
