import ArgumentParser
import BoxAuthProviders
import Foundation
import Logging

/// Options every command that reads profiles takes.
struct ProfileOptionGroup: ParsableArguments {
    @Option(name: .long, help: "The profiles file (default: $BOX_PROFILES_FILE, ./profiles.json, ~/.config/box-auth/profiles.json).")
    var profiles: String?

    @Option(name: .long, help: "The profile to use (default: $BOX_PROFILE, then defaultProfile).")
    var profile: String?

    /// Finds and loads the profiles file.
    func loadFile(environment: [String: String]) throws -> ProfilesFile {
        let url = try ProfilesFile.locate(explicitPath: profiles, environment: environment)
        let file = try ProfilesFile.load(contentsOf: url)
        let profile = try? file.selectProfile(profile, environment: environment)
        for warning in FilePermissions.warnings(for: file, profile: profile) { Console.error("warning: " + warning.text) }
        return file
    }

    /// Locates and loads the profiles file, selects the profile and builds its provider with the
    /// standard registry (`--profiles`, `--profile` and the documented defaults).
    func resolve(logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ResolvedProfile {
        try AuthProviderRegistry.standard.profile(profile, in: try loadFile(environment: environment), environment: environment, logger: logger)
    }
}

/// `--verbose`, and `BOX_AUTH_LOG_LEVEL`.
struct LoggingOptionGroup: ParsableArguments {
    @Flag(name: .long, help: "Log debug detail to stderr (or set BOX_AUTH_LOG_LEVEL=trace|debug|info|notice|warning|error).")
    var verbose = false

    /// Bootstraps swift-log once and returns the CLI's logger.
    func makeLogger() -> Logger {
        let environment = ProcessInfo.processInfo.environment
        let level: Logger.Level =
            verbose ? .debug : environment["BOX_AUTH_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .warning
        LogBootstrap.once(level: level)
        var logger = Logger(label: "box-auth")
        logger.logLevel = level
        return logger
    }
}
