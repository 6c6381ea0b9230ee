import ArgumentParser
import Foundation
import SOCPlanCore
import SOCPlanIO

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract:
            "List the built-in catalogs: criteria, objectives, profiles, crosswalk, starter controls, holidays.",
        discussion: """
            The catalogs are embedded in the binary; their source is the Catalogs/ folder.

            Example:
              socplan catalog criteria --category security --format csv
              socplan catalog objectives --profile payroll
              socplan catalog holidays --year 2027
            """,
        subcommands: [Criteria.self, Objectives.self, Profiles.self, Crosswalk.self, Controls.self, Holidays.self])

    struct Criteria: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "criteria",
            abstract: "The 61 Trust Services Criteria (TSC 2017).",
            discussion: "Example:\n  socplan catalog criteria --category availability")
        @OptionGroup var output: FormatOptions
        @Option(help: "Only one category: security, availability, confidentiality, processing-integrity, privacy.")
        var category: String?

        func run() throws {
            var criteria = try Catalogs.load().criteria
            if let category {
                guard let chosen = TSCCategory(spelling: category) else {
                    throw CLIError(
                        message: "unknown category \"\(category)\"", hint: "choose one of: \(TSCCategory.allowedList)")
                }
                criteria = criteria.filter { $0.category == chosen }
            }
            if output.resolved == .json { return Console.write(try Render.json(criteria)) }
            let rows =
                [["criterion_id", "category", "group", "coso_principle", "title"]]
                + criteria.map {
                    [$0.id.rawValue, $0.category.rawValue, $0.group, $0.cosoPrinciple.map(String.init) ?? "", $0.title]
                }
            Console.write(try Render.rows(rows, as: output.resolved))
        }
    }

    struct Objectives: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "objectives",
            abstract: "SOC 1 objective libraries: the IT general controls, and one per profile.",
            discussion: "Example:\n  socplan catalog objectives --profile claims")
        @OptionGroup var output: FormatOptions
        @Option(help: "A profile's business-process objectives (default: the ITGC library).")
        var profile: String?

        func run() throws {
            let catalog = try Catalogs.load()
            var objectives = catalog.itgcObjectives
            if let profile {
                guard let list = catalog.profileObjectives[profile] else {
                    throw CLIError(
                        message: "unknown profile \"\(profile)\"",
                        hint: "choose one of: \(catalog.profiles.map(\.id).joined(separator: ", "))")
                }
                objectives = list
            }
            if output.resolved == .json { return Console.write(try Render.json(objectives)) }
            Console.write(try Render.rows(InventoryExport.objectives(objectives), as: output.resolved))
        }
    }

    struct Profiles: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "profiles",
            abstract: "The service-organization profiles `init --profile` accepts.",
            discussion: "Example:\n  socplan catalog profiles")
        @OptionGroup var output: FormatOptions

        func run() throws {
            let catalog = try Catalogs.load()
            if output.resolved == .json { return Console.write(try Render.json(catalog.profiles)) }
            let rows =
                [["profile_id", "name", "objectives", "starter_controls", "services"]]
                + catalog.profiles.map {
                    [
                        $0.id, $0.name, String(catalog.profileObjectives[$0.id]?.count ?? 0),
                        String(catalog.profileControls[$0.id]?.count ?? 0), $0.services,
                    ]
                }
            Console.write(try Render.rows(rows, as: output.resolved))
        }
    }

    struct Crosswalk: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "crosswalk",
            abstract: "The ITGC area ↔ Trust Services Criteria crosswalk (primary and secondary links).",
            discussion: "Example:\n  socplan catalog crosswalk --format md")
        @OptionGroup var output: FormatOptions

        func run() throws {
            let links = try Catalogs.load().crosswalk
            if output.resolved == .json { return Console.write(try Render.json(links)) }
            let rows =
                [["area", "area_title", "criterion_id", "strength"]]
                + links.map { [$0.area, $0.areaTitle, $0.criterion.rawValue, $0.strength.rawValue] }
            Console.write(try Render.rows(rows, as: output.resolved))
        }
    }

    struct Controls: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "controls",
            abstract:
                "The starter controls `init --starter-controls` seeds (ids prefixed STARTER-): the common set, or a profile's business-process controls.",
            discussion: "Example:\n  socplan catalog controls --profile payroll --format csv")
        @OptionGroup var output: FormatOptions
        @Option(help: "A profile's business-process controls (default: the common set).")
        var profile: String?

        func run() throws {
            let catalog = try Catalogs.load()
            var controls = catalog.commonControls
            if let profile {
                guard let list = catalog.profileControls[profile] else {
                    throw CLIError(
                        message: "unknown profile \"\(profile)\"",
                        hint: "choose one of: \(catalog.profiles.map(\.id).joined(separator: ", "))")
                }
                controls = list
            }
            if output.resolved == .json { return Console.write(try Render.json(controls)) }
            Console.write(try Render.rows(InventoryExport.controls(controls), as: output.resolved))
        }
    }

    struct Holidays: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "holidays",
            abstract: "The US federal holidays of a year, on the days they are observed (Catalogs/holidays-us.csv).",
            discussion: """
                A holiday on a Saturday is observed the Friday before, one on a
                Sunday the Monday after. A year lists every day off that falls in
                it: New Year's Day 2028 is observed on Friday 2027-12-31. A firm's
                own calendar: `socplan config set holidays FILE`.

                Example:
                  socplan catalog holidays --year 2027 --format csv
                """)
        @OptionGroup var output: FormatOptions
        @Option(help: "The year (default: this year).") var year: Int?

        static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

        func run() throws {
            let year = year ?? Calendar(identifier: .gregorian).component(.year, from: Date())
            let holidays = try ParameterLoader.builtInHolidays().holidays(in: year)
            let rows =
                [["date", "weekday", "holiday"]]
                + holidays.map { [$0.day.description, Self.weekdays[$0.day.weekday - 1], $0.name] }
            Console.write(try Render.rows(rows, as: output.resolved))
        }
    }
}
