import ArgumentParser
import BoxAuthProviders
import Foundation
import Logging

/// `--verbose`, and `BOX_AUTH_LOG_LEVEL`.
struct LoggingOptionGroup: ParsableArguments {
    @Flag(
        name: .long,
        help: "Log debug detail to stderr (or set BOX_AUTH_LOG_LEVEL=trace|debug|info|notice|warning|error).")
    var verbose = false

    /// Bootstraps swift-log once and returns the CLI's logger.
    func makeLogger(defaultLevel: Logger.Level = .warning) -> Logger {
        let environment = ProcessInfo.processInfo.environment
        let level: Logger.Level =
            verbose
            ? .debug : environment["BOX_AUTH_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? defaultLevel
        LogBootstrap.once(level: level)
        var logger = Logger(label: "box-auth")
        logger.logLevel = level
        return logger
    }
}
