import ArgumentParser
import BoxAuth
import BoxAuthOAuth2
import BoxAuthProviders
import BoxAuthSignIn
import Foundation

/// `box-auth logout`: revokes an `oauth2` profile's refresh token and deletes the stored tokens.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "Sign out of an oauth2 profile: revoke its refresh token at Box and delete the stored tokens.",
        discussion: """
            Deletes the tokens where they are kept (the 0600 file, or the OS keyring after `login --store \
            keyring`) and forgets that choice.
            """)

    @OptionGroup var options: ProfileOptionGroup
    @OptionGroup var logging: LoggingOptionGroup

    func run() async throws {
        try await ErrorReporting.run {
            let environment = ProcessInfo.processInfo.environment
            let profile = try options.resolve(logger: logging.makeLogger(), environment: environment)
            guard let provider = profile.provider as? OAuth2AuthProvider else {
                throw SignInError.notOAuth2(profile: profile.name, kind: profile.kind)
            }
            defer {
                SignInStoreChoice(profile: profile.name, baseURL: profile.options.baseURL, environment: environment)
                    .remove()
            }
            do {
                if try await provider.signOut() {
                    Console.out("Signed out of profile '\(profile.name)'; its refresh token is revoked.")
                } else {
                    Console.out("Nobody is signed in with profile '\(profile.name)'.")
                }
            } catch {
                Console.error(
                    "box-auth: the stored sign-in of profile '\(profile.name)' is deleted, but Box did not revoke"
                        + " its refresh token; it stays valid until it expires or is revoked in Box's web app.")
                throw error
            }
        }
    }
}
