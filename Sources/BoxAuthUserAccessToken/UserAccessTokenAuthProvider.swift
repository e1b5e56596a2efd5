import BoxAuth
import Logging

/// Tokens that act as one user, obtained through the JWT or the Client Credentials grant with the
/// user as subject; cached and refreshed early.
public struct UserAccessTokenAuthProvider: AuthProvider {
    /// The grant that fetches the user's tokens (a `JWTGrant` or `ClientCredentialsGrant`).
    public let grant: any TokenFetcher
    /// The user.
    public let user: BoxSubject
    private let cache: TokenCache

    /// A provider for `grant`, whose subject must be `user`.
    public init(
        grant: any TokenFetcher, user: BoxSubject, refreshMargin: Double = TokenCache.defaultRefreshMargin,
        logger: Logger = Logger(label: "box-auth")
    ) {
        self.init(grant: grant, user: user, cache: TokenCache(fetcher: grant, refreshMargin: refreshMargin, logger: logger))
    }

    init(grant: any TokenFetcher, user: BoxSubject, cache: TokenCache) {
        self.grant = grant
        self.user = user
        self.cache = cache
    }

    /// `user-access-token`.
    public var kind: String { UserAccessTokenProviderFactory.kind }
    /// The user.
    public var subject: BoxSubject? { user }
    /// A cached token, or a new one when due.
    public func accessToken() async throws -> AccessToken { try await cache.token() }
    /// Forgets a token the API refused.
    public func invalidate(_ token: AccessToken) async { cache.invalidate(token) }
}
