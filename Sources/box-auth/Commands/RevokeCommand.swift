import ArgumentParser
import BoxAuthProviders
import Foundation

/// `box-auth revoke`: revokes a profile's current token at Box.
struct RevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a profile's current token at Box and drop it from the cache.")

    @OptionGroup var options: ProfileOptionGroup
    @OptionGroup var logging: LoggingOptionGroup

    func run() async throws {
        try await ErrorReporting.run {
            let profile = try options.resolve(logger: logging.makeLogger())
            try await profile.revokeToken()
            Console.out("Revoked the token of profile '\(profile.name)'.")
        }
    }
}
