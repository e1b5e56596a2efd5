import ArgumentParser
import BoxAuthProviders
import Foundation
@_spi(Plumbing) import BoxAuth

/// `box-auth profiles`: list, show, validate and trust profiles.
struct ProfilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles", abstract: "List, show, validate and trust the profiles in profiles.json.",
        subcommands: [List.self, Show.self, Validate.self, Trust.self, Untrust.self, Schema.self],
        defaultSubcommand: List.self)

    /// `box-auth profiles list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the profiles and their providers.")
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
            commandName: "show",
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
                for line in ProfileRendering.lines(for: settings, registry: .commandLine) { Console.out("  " + line) }
            }
        }
    }

    /// `box-auth profiles validate`.
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check every profile offline: parses, provider known, files exist, keys decrypt.",
            discussion: """
                Works on a file that is not trusted yet (to check it before `box-auth profiles trust`), but \
                runs its {"command": [...]} secrets only when the file is trusted or --run-commands is given.
                """)
        @OptionGroup var options: ProfileOptionGroup
        @Flag(help: "Print one JSON object per problem (severity, message, file, jsonPath), for tools.")
        var diagnostics = false
        @Flag(help: "Run the {\"command\": [...]} secrets of a file that is not trusted.")
        var runCommands = false

        func run() async throws {
            try await ErrorReporting.run {
                let environment = ProcessInfo.processInfo.environment
                let url = try options.locate(environment: environment).url
                let report = ValidationReport(diagnostics: diagnostics)
                var file: ProfilesFile
                let contents: Data
                do {
                    contents = try RegularFileReader.contents(of: url, limit: JSONDocument.maximumSize)
                    file = try ProfilesFile(json: JSONDocument.parse(contents, file: url.path), url: url)
                } catch let error as ConfigurationError where diagnostics {
                    report.problem(error)
                    throw ExitCode.configuration
                }
                file.runsCommands =
                    runCommands
                    || (try? TrustedProfiles(environment: environment).status(of: url, contents: contents)) == .trusted
                let validation = file.validateAll(registry: .commandLine, environment: environment)
                report.print(validation)
                guard validation.isValid else {
                    Console.error(
                        "box-auth: \(validation.problemCount) of \(validation.profiles.count) profiles have problems.")
                    throw ExitCode.configuration
                }
            }
        }
    }

    /// `box-auth profiles trust [PATH]`.
    struct Trust: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trust",
            abstract: "Trust a profiles file found in the current folder, with its current content.",
            discussion: """
                box-auth uses a ./profiles.json that it finds on its own only once you trusted it, and again \
                after each change: such a file can run programs ({"command": [...]} secrets) and read your keys. \
                The file's real path and a SHA-256 hash of its content are kept in \
                $XDG_STATE_HOME/box-auth/trusted-profiles.json (0600).
                """)
        @Argument(help: "The file to trust (default: the file box-auth would use).") var path: String?
        @OptionGroup var options: ProfileOptionGroup

        func run() async throws {
            try await ErrorReporting.run {
                let environment = ProcessInfo.processInfo.environment
                let url = try options.file(named: path, environment: environment)
                // A file is trusted only as a profiles file: it must parse.
                _ = try ProfilesFile.load(contentsOf: url)
                let recorded = try TrustedProfiles(environment: environment).trust(url)
                Console.out("trusted \(MessageText.escaped(recorded)) with its current content.")
            }
        }
    }

    /// `box-auth profiles untrust [PATH]`.
    struct Untrust: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "untrust", abstract: "Forget that a profiles file was trusted.")
        @Argument(help: "The file to forget (default: the file box-auth would use).") var path: String?
        @OptionGroup var options: ProfileOptionGroup

        func run() async throws {
            try await ErrorReporting.run {
                let environment = ProcessInfo.processInfo.environment
                let url = try options.file(named: path, environment: environment)
                let forgotten = try TrustedProfiles(environment: environment).untrust(url)
                Console.out(
                    forgotten
                        ? "untrusted \(MessageText.escaped(url.path))."
                        : "\(MessageText.escaped(url.path)) was not trusted.")
            }
        }
    }

    /// `box-auth profiles schema`.
    struct Schema: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schema",
            abstract: "Print the JSON Schema of profiles.json for the registered providers.")

        func run() async throws {
            FileHandle.standardOutput.write(Data(ProfilesSchema.json(for: .commandLine).utf8))
        }
    }
}
