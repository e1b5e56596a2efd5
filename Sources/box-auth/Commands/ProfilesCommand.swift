import ArgumentParser
import BoxAuthProviders
import Foundation

/// `box-auth profiles`: list, show and validate profiles.
struct ProfilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles", abstract: "List, show and validate the profiles in profiles.json.",
        subcommands: [List.self, Show.self, Validate.self, Schema.self], defaultSubcommand: List.self)

    /// `box-auth profiles list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the profiles and their providers.")
        @OptionGroup var options: ProfileOptionGroup

        func run() async throws {
            try await ErrorReporting.run {
                let file = try options.loadFile(environment: ProcessInfo.processInfo.environment)
                for name in file.profileNames {
                    let kind = file.entries[name]?["provider"]?.stringValue ?? "?"
                    let marker = name == file.defaultProfile ? " (default)" : ""
                    Console.out("\(name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(kind)\(marker)")
                }
            }
        }
    }

    /// `box-auth profiles show NAME`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a profile's settings (secrets as their source only).")
        @OptionGroup var options: ProfileOptionGroup
        @Argument(help: "The profile to show (default: the selected profile).") var name: String?

        func run() async throws {
            try await ErrorReporting.run {
                let environment = ProcessInfo.processInfo.environment
                let file = try options.loadFile(environment: environment)
                let name = try file.selectProfile(name ?? options.profile, environment: environment)
                let settings = try file.settings(for: name, environment: environment)
                Console.out("profile: \(name)\(name == file.defaultProfile ? " (default)" : "")")
                for line in ProfileRendering.lines(for: settings, registry: .standard) { Console.out("  " + line) }
            }
        }
    }

    /// `box-auth profiles validate`.
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every profile offline: parses, provider known, files exist, keys decrypt.")
        @OptionGroup var options: ProfileOptionGroup
        @Flag(help: "Print one JSON object per problem (severity, message, file, jsonPath), for tools.")
        var diagnostics = false

        func run() async throws {
            try await ErrorReporting.run {
                let environment = ProcessInfo.processInfo.environment
                let url = try ProfilesFile.locate(explicitPath: options.profiles, environment: environment)
                let report = ValidationReport(diagnostics: diagnostics)
                let file: ProfilesFile
                do {
                    file = try ProfilesFile.load(contentsOf: url)
                } catch let error as ConfigurationError where diagnostics {
                    report.problem(error)
                    throw ExitCode.configuration
                }
                let validation = file.validateAll(registry: .standard, environment: environment)
                report.print(validation)
                guard validation.isValid else {
                    Console.error(
                        "box-auth: \(validation.problemCount) of \(validation.profiles.count) profiles have problems.")
                    throw ExitCode.configuration
                }
            }
        }
    }

    /// `box-auth profiles schema`.
    struct Schema: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the JSON Schema of profiles.json for the registered providers.")

        func run() async throws {
            FileHandle.standardOutput.write(Data(ProfilesSchema.json(for: .standard).utf8))
        }
    }
}
