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

/// The `--json` form of `box-auth token`.
enum TokenJSON {
    static func render(_ token: AccessToken, profile: ResolvedProfile) -> String {
        var fields: [String: JSONValue] = [
            "access_token": .string(token.value),
            "expires_at": .string(ISO8601DateFormatter().string(from: token.expiresAt)),
            "token_type": .string(token.tokenType),
            "profile": .string(profile.name),
            "provider": .string(profile.kind),
        ]
        if let asUser = profile.options.asUser { fields["as_user"] = .string(asUser) }
        if !token.restrictedTo.isEmpty { fields["restricted_to"] = .array(token.restrictedTo) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(JSONValue.object(fields))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
