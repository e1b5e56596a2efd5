import BoxAuthEmulator
import BoxAuthProviders
import BoxAuthSignIn
import Logging

/// The demo's `oauth2` row: the library's sign-in, as `box-auth login` runs it, with the emulator's
/// user agent as the browser: it grants access on the consent page (no browser), then opens the
/// callback address on the sign-in's listener as a browser following the redirect would.
enum DemoSignIn {
    /// The user the demo signs in as.
    static let userID = "33333"

    static func signIn(_ profile: ResolvedProfile, logger: Logger) async throws -> BoxUser {
        let transport = profile.transport
        let browser = BrowserOpener { url in
            let callback = try await EmulatedUserAgent(transport: transport).consent(to: url, as: userID)
            _ = try await transport.send(TransportRequest(method: "GET", url: callback))
            return true
        }
        return try await SignIn(profile: profile, timeout: .seconds(60), logger: logger).run(browser: browser)
    }
}
