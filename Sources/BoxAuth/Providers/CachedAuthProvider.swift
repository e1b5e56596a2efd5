public import Logging

/// A ``TokenCache`` in front of any grant: the one provider type behind `jwt`,
/// `client-credentials` and `user-access-token`, and behind custom providers that fetch tokens.
///
/// The grant fetches a brand-new token each time it is asked; the cache hands out the current one,
/// refreshes it before it expires and lets concurrent callers share one fetch.
///
/// ```swift
/// struct VaultGrant: TokenFetcher { func fetchToken() async throws -> AccessToken { ... } }
/// let provider = CachedAuthProvider(kind: "vault", grant: VaultGrant(), subject: nil)
/// let token = try await provider.accessToken()
/// ```
public struct CachedAuthProvider<Grant: TokenFetcher>: AuthProvider, TokenCacheOwning {
    /// The provider kind, as written in profiles.
    public let kind: String
    /// The grant behind the cache.
    public let grant: Grant
    /// Whom the tokens act for, when known.
    public let subject: BoxSubject?
    /// The cache in front of ``grant``.
    public let cache: TokenCache

    /// A provider whose tokens come from `grant` through `cache` (whose fetcher must be `grant`;
    /// ``ProviderContext/tokenCache(for:clientID:subject:)`` builds one with the profile's settings).
    public init(kind: String, grant: Grant, subject: BoxSubject?, cache: TokenCache) {
        self.kind = kind
        self.grant = grant
        self.subject = subject
        self.cache = cache
    }

    /// A provider whose tokens come from `grant`, cached in memory (or in `store`) and renewed
    /// `refreshMargin` seconds before they expire.
    public init(
        kind: String, grant: Grant, subject: BoxSubject?, refreshMargin: Double = TokenCache.defaultRefreshMargin,
        store: (any TokenStore)? = nil, logger: Logger = Logger(label: "box-auth")
    ) {
        self.init(
            kind: kind, grant: grant, subject: subject,
            cache: TokenCache(fetcher: grant, refreshMargin: refreshMargin, logger: logger, store: store))
    }

    /// A cached token, or a new one when due.
    @inline(__always)
    public func accessToken() async throws -> AccessToken {
        // The fresh token without another async call: most calls end here.
        if let cached = cache.freshToken() { return cached }
        return try await cache.awaitToken()
    }

    /// Forgets a token the API refused.
    public func invalidate(_ token: AccessToken) async { cache.invalidate(token) }
}

extension CachedAuthProvider: AppCredentialsProviding where Grant: AppCredentialsProviding {
    /// The app's client ID and secret (for revoking tokens).
    public var appCredentials: AppCredentials { grant.appCredentials }
}

/// A provider whose tokens come from one ``TokenCache`` the package can look at (how many fetches
/// it made: the token broker's audit line says whether a request made Box be asked).
package protocol TokenCacheOwning {
    /// The cache in front of the provider's grant.
    var cache: TokenCache { get }
}
