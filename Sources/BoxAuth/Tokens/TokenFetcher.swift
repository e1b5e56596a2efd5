/// Gets a brand-new access token from its source each time it is called (no caching).
///
/// Providers implement one per grant; ``TokenCache`` puts caching, early refresh and
/// single-flight in front of it.
public protocol TokenFetcher: Sendable {
    /// Fetches a new token.
    func fetchToken() async throws -> AccessToken
}
