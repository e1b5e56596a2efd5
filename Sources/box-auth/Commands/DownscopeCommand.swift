import ArgumentParser
import BoxAuthProviders
import Foundation

/// `box-auth downscope`: a token restricted to some scopes and one item or shared link.
struct DownscopeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "downscope",
        abstract:
            "Print a token restricted to the given scopes (and one item or shared link), exchanged from a profile's token."
    )

    @OptionGroup var options: ProfileOptionGroup
    @OptionGroup var logging: LoggingOptionGroup

    @Option(name: .customLong("scope"), help: "A scope to keep, e.g. item_preview (repeatable).")
    var scopes: [String] = []
    @Option(help: "The item's API URL, e.g. https://api.box.com/2.0/files/123.") var resource: String?
    @Option(help: "A shared link the token is restricted to.") var sharedLink: String?
    @Flag(help: "Print JSON with access_token, expires_at, restricted_to.") var json = false

    func validate() throws {
        guard !scopes.isEmpty else { throw ValidationError("Give at least one --scope.") }
        guard resource == nil || sharedLink == nil else {
            throw ValidationError("Give --resource or --shared-link, not both.")
        }
    }

    func run() async throws {
        try await ErrorReporting.run {
            let profile = try options.resolve(logger: logging.makeLogger())
            var target = TokenEndpoint.DownscopeTarget.any
            if let resource {
                guard let url = URL(string: resource), url.scheme != nil else {
                    throw ValidationError("--resource must be a URL.")
                }
                target = .resource(url)
            } else if let sharedLink {
                target = .sharedLink(sharedLink)
            }
            let token = try await profile.downscope(scopes: scopes, target: target)
            Console.out(json ? TokenJSON.render(token, profile: profile) : token.value)
        }
    }
}
