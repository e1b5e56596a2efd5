import ArgumentParser
import BoxAuthProviders
import Foundation

/// `box-auth token`: prints a profile's access token.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Print an access token for a profile.")

    @OptionGroup var options: ProfileOptionGroup
    @OptionGroup var logging: LoggingOptionGroup

    @Flag(name: .long, help: "Print JSON with access_token, expires_at, token_type, profile and provider.")
    var json = false

    func run() async throws {
        try await ErrorReporting.run {
            let logger = logging.makeLogger()
            let profile = try options.resolve(logger: logger)
            let token = try await profile.accessToken()
            if json {
                Console.out(TokenJSON.render(token, profile: profile))
            } else {
                Console.out(token.value)
            }
        }
    }
}
