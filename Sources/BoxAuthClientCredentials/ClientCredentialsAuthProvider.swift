import BoxAuth
import Logging

/// Tokens from the Client Credentials Grant, cached and refreshed early.
public struct ClientCredentialsAuthProvider: AuthProvider {
    /// The grant behind the cache.
    public let grant: ClientCredentialsGrant
    private let cache: TokenCache

    /// A provider for `grant`, renewing tokens `refreshMargin` seconds before they expire.
    public init(
        grant: ClientCredentialsGrant, refreshMargin: Double = TokenCache.defaultRefreshMargin,
        logger: Logger = Logger(label: "box-auth")
    ) {
        self.grant = grant
        self.cache = TokenCache(fetcher: grant, refreshMargin: refreshMargin, logger: logger)
    }

    init(grant: ClientCredentialsGrant, cache: TokenCache) {
        self.grant = grant
        self.cache = cache
    }

    /// `client-credentials`.
    public var kind: String { ClientCredentialsProviderFactory.kind }
    /// The grant's subject.
    public var subject: BoxSubject? { grant.subject }
    /// A cached token, or a new one when due.
    public func accessToken() async throws -> AccessToken { try await cache.token() }
    /// Forgets a token the API refused.
    public func invalidate(_ token: AccessToken) async { cache.invalidate(token) }
}

extension ClientCredentialsAuthProvider: AppCredentialsProviding {
    /// The app's client ID and secret (for revoking tokens).
    public var appCredentials: AppCredentials {
        AppCredentials(clientID: grant.credentials.clientID, clientSecret: grant.credentials.clientSecret)
    }
}
