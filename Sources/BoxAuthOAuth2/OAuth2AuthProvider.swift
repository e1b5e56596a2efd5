public import BoxAuth
public import Foundation
public import Logging
public import Tracing

/// The `oauth2` provider: acts as the user who signed in, with tokens from a shared
/// ``TokenPairStore`` (refreshed once however many processes ask) behind an in-memory
/// ``TokenCache``.
///
/// ```swift
/// let provider = OAuth2AuthProvider(client: client, store: FileTokenPairStore(directory: folder, key: ["me"]),
///                                   profile: "me")
/// try await provider.signIn(pair)            // after exchanging a code
/// let token = try await provider.accessToken()
/// ```
public struct OAuth2AuthProvider: AuthProvider, AppCredentialsProviding, TokenCacheOwning {
    /// `oauth2`.
    public var kind: String { OAuth2ProviderFactory.kind }
    /// Unknown until the user signs in (Box's `/2.0/users/me` tells).
    public var subject: BoxSubject? { nil }
    /// The store-backed grant behind the cache.
    public let grant: OAuth2TokenGrant
    /// The in-memory cache in front of ``grant``.
    public let cache: TokenCache

    /// A provider over `store`, whose refreshes are traced by `tracer` (nil: the bootstrapped one).
    public init(
        client: OAuth2Client, store: any TokenPairStore, profile: String?,
        refreshMargin: TimeInterval = TokenCache.defaultRefreshMargin, logger: Logger = Logger(label: "box-auth"),
        tracer: (any Tracer)? = nil
    ) {
        let grant = OAuth2TokenGrant(
            client: client, store: store, profile: profile, refreshMargin: refreshMargin, logger: logger)
        self.grant = grant
        self.cache = TokenCache(
            fetcher: grant, refreshMargin: refreshMargin, logger: logger, provider: OAuth2ProviderFactory.kind,
            tracer: tracer, profile: profile, subjectType: .user)
    }

    /// The app and Box's endpoints.
    public var client: OAuth2Client { grant.client }
    /// Where the pair lives.
    public var store: any TokenPairStore { grant.store }
    /// The app's client ID and secret.
    public var appCredentials: AppCredentials { grant.appCredentials }

    /// A fresh access token: from memory, from the store, or refreshed.
    public func accessToken() async throws -> AccessToken { try await cache.token() }

    /// Forgets a token the API refused; the next call refreshes (after re-reading the store, in
    /// case another process already has).
    public func invalidate(_ token: AccessToken) async {
        grant.refuse(token)
        cache.invalidate(token)
    }

    /// Stores the pair of a new sign-in, replacing any other (and any pair kept for recovery).
    public func signIn(_ pair: TokenPair) async throws {
        try await store.update { _ in TokenPairUpdate((), change: .replace(pair)) }
        grant.discardRecovered()
    }

    /// Whether a pair is stored (somebody signed in and did not sign out).
    public var isSignedIn: Bool {
        get async throws { try await store.load() != nil }
    }

    /// Revokes the stored refresh token at Box and deletes the pair (and any pair kept for recovery).
    /// - Returns: False when nobody was signed in.
    /// - Throws: When Box could not revoke the token; the pair is deleted all the same (the error
    ///   says the refresh token may stay valid at Box until it expires).
    @discardableResult
    public func signOut() async throws -> Bool {
        let refreshToken = try await store.update { current -> TokenPairUpdate<Secret?> in
            TokenPairUpdate(current?.refreshToken, change: current == nil ? .keep : .remove)
        }
        grant.discardRecovered()
        guard let refreshToken else { return false }
        try await client.revoke(refreshToken: refreshToken)
        return true
    }
}
