import BoxAuthEmulator
import BoxAuthOAuth2
import BoxAuthProviders

/// The demo's `oauth2` row: plays the person at the emulator's consent page (no browser), then
/// exchanges the code and stores the pair, as `box-auth login` does.
enum DemoSignIn {
    /// The user the demo signs in as.
    static let userID = "33333"

    static func signIn(_ provider: OAuth2AuthProvider, transport: any HTTPTransport, profile: String) async throws {
        let client = provider.client
        let request = try client.authorizationRequest(redirectURI: client.loopbackRedirectURI(port: 8765))
        let callback = try await EmulatedUserAgent(transport: transport).consent(to: request.url, as: userID)
        let code = try request.callbackCode(
            from: AuthorizationRequest.callbackParameters(of: callback), profile: profile)
        try await provider.signIn(try await client.exchange(code: code, for: request, profile: profile))
    }
}
