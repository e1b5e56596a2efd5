public import BoxAuth
import Foundation

/// What the OAuth 2.0 store tests need of the emulator: a pair Box really issued (so that its
/// refresh token is single use there), and the token endpoint to refresh it at.
extension EmulatorFixture {
    /// Signs in as `userID` and returns the pair, its access token already due for a refresh (it
    /// looks an hour old), so the next fetch spends the refresh token at the emulator.
    public func signedInPair(userID: String = TestIdentity.userID) async throws -> TokenPair {
        let body = try await signIn(userID: userID)
        guard let access = body["access_token"]?.stringValue, let refresh = body["refresh_token"]?.stringValue else {
            throw NoToken(status: 200)
        }
        let now = Date()
        return TokenPair(
            accessToken: AccessToken(
                value: access, expiresAt: now.addingTimeInterval(-10), receivedAt: now.addingTimeInterval(-3610)),
            refreshToken: Secret(refresh))
    }

    /// The emulator's token endpoint, reached the fixture's way, without retries.
    public func tokenEndpoint() throws -> TokenEndpoint {
        try TokenEndpoint(baseURL: baseURL, transport: transport, retryPolicy: .none)
    }
}
