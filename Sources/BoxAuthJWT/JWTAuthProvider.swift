import BoxAuth
import Logging

/// Tokens for a JWT app's service account (or any subject), cached and refreshed early.
///
/// ```swift
/// let config = try BoxAppConfig.load(contentsOf: URL(fileURLWithPath: "config.json"))
/// let provider = try JWTAuthProvider(
///     grant: JWTGrant(credentials: try JWTAppCredentials(config: config),
///                     subject: .enterprise(config.enterpriseID ?? ""),
///                     endpoint: try TokenEndpoint(transport: URLSessionTransport())))
/// let token = try await provider.accessToken()
/// ```
public struct JWTAuthProvider: AuthProvider {
    /// The grant behind the cache.
    public let grant: JWTGrant
    private let cache: TokenCache

    /// A provider for `grant`, renewing tokens `refreshMargin` seconds before they expire.
    public init(grant: JWTGrant, refreshMargin: Double = TokenCache.defaultRefreshMargin, logger: Logger = Logger(label: "box-auth")) {
        self.grant = grant
        self.cache = TokenCache(fetcher: grant, refreshMargin: refreshMargin, logger: logger)
    }

    init(grant: JWTGrant, cache: TokenCache) {
        self.grant = grant
        self.cache = cache
    }

    /// `jwt`.
    public var kind: String { JWTProviderFactory.kind }
    /// The grant's subject.
    public var subject: BoxSubject? { grant.subject }
    /// A cached token, or a new one when due.
    public func accessToken() async throws -> AccessToken { try await cache.token() }
    /// Forgets a token the API refused.
    public func invalidate(_ token: AccessToken) async { cache.invalidate(token) }
}

extension JWTAuthProvider: AppCredentialsProviding {
    /// The app's client ID and secret (for revoking tokens).
    public var appCredentials: AppCredentials {
        AppCredentials(clientID: grant.credentials.clientID, clientSecret: grant.credentials.clientSecret)
    }
}
