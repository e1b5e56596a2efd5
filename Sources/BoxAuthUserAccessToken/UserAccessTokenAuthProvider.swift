import BoxAuth
import Logging

/// Tokens that act as one user, obtained through the JWT or the Client Credentials grant with the
/// user as subject; cached and refreshed early.
public struct UserAccessTokenAuthProvider: AuthProvider, AppCredentialsProviding {
    /// The grant that fetches the user's tokens (a `JWTGrant` or `ClientCredentialsGrant`).
    public let grant: any TokenFetcher
    /// The user.
    public let user: BoxSubject
    /// The app's client ID and secret (for revoking tokens).
    public let appCredentials: AppCredentials
    private let cache: TokenCache

    /// A provider for `grant`, whose subject must be `user`, of the app with `appCredentials`.
    public init(
        grant: any TokenFetcher, user: BoxSubject, appCredentials: AppCredentials,
        refreshMargin: Double = TokenCache.defaultRefreshMargin, logger: Logger = Logger(label: "box-auth")
    ) {
        self.init(
            grant: grant, user: user, appCredentials: appCredentials,
            cache: TokenCache(fetcher: grant, refreshMargin: refreshMargin, logger: logger))
    }

    init(grant: any TokenFetcher, user: BoxSubject, appCredentials: AppCredentials, cache: TokenCache) {
        self.grant = grant
        self.user = user
        self.appCredentials = appCredentials
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
