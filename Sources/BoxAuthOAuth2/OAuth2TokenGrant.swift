import BoxAuth
import Foundation
import Logging
import Synchronization

/// Gets a signed-in user's access token from a shared ``TokenPairStore``, refreshing the pair
/// there at most once however many processes (or machines) ask at the same moment.
///
/// - A fresh stored access token is taken without the lock (another process refreshed it).
/// - When a refresh is due: take the store's lock, re-read the pair, refresh only if still due,
///   and write the new pair before the lock is released.
/// - Box refuses the refresh token (`invalid_grant`): re-read the pair once; if another writer
///   stored a newer one, use it (refreshing with it if it is due too); else fail with
///   ``OAuth2Error/Code/refreshRefused``. The stored pair is kept: it is Box's word that it is dead,
///   and `box-auth login` replaces it.
/// - A transient failure (Box unreachable, 5xx) never deletes the stored pair.
public final class OAuth2TokenGrant: TokenFetcher, AppCredentialsProviding {
    /// The app and Box's endpoints.
    public let client: OAuth2Client
    /// Where the pair lives.
    public let store: any TokenPairStore
    /// The profile, for messages that say how to sign in again.
    public let profile: String?
    /// Renew when less than this many seconds remain (capped at half the token's lifetime).
    public let refreshMargin: TimeInterval
    private let refused = Mutex<Set<String>>([])
    private let now: @Sendable () -> Date

    /// A grant over `store`.
    public init(
        client: OAuth2Client, store: any TokenPairStore, profile: String?,
        refreshMargin: TimeInterval = TokenCache.defaultRefreshMargin, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.store = store
        self.profile = profile
        self.refreshMargin = refreshMargin
        self.now = now
    }

    /// The app's client ID and secret.
    public var appCredentials: AppCredentials { client.appCredentials }

    /// Marks `token` as refused by the API (after a 401), so the next fetch refreshes instead of
    /// taking it from the store again.
    public func refuse(_ token: AccessToken) {
        refused.withLock { _ = $0.insert(token.value) }
    }

    /// The stored access token if fresh, else a refreshed one (stored before this returns).
    /// - Throws: ``OAuth2Error`` (``OAuth2Error/Code/notSignedIn``,
    ///   ``OAuth2Error/Code/refreshRefused``), ``TokenEndpointError`` or ``TransportError``.
    public func fetchToken() async throws -> AccessToken {
        if let pair = try await store.load(), isUsable(pair.accessToken) { return pair.accessToken }
        return try await store.update { current -> TokenPairUpdate<AccessToken> in
            guard let current else { throw OAuth2Error(code: .notSignedIn, profile: profile) }
            if isUsable(current.accessToken) { return TokenPairUpdate(current.accessToken, change: .keep) }
            let renewed = try await refresh(current)
            return TokenPairUpdate(renewed.accessToken, change: .replace(renewed))
        }
    }

    /// Refreshes `pair`; on `invalid_grant`, looks once more for a pair another writer stored.
    private func refresh(_ pair: TokenPair) async throws -> TokenPair {
        do {
            return try await client.refresh(pair.refreshToken)
        } catch let error as TokenEndpointError where error.code == .refused {
            if let newer = try await store.load(), newer.refreshToken != pair.refreshToken {
                if isUsable(newer.accessToken) { return newer }
                do {
                    return try await client.refresh(newer.refreshToken)
                } catch let again as TokenEndpointError where again.code == .refused {
                    throw refusal(again)
                }
            }
            throw refusal(error)
        }
    }

    private func refusal(_ error: TokenEndpointError) -> OAuth2Error {
        OAuth2Error(
            code: .refreshRefused, profile: profile, boxError: error.boxError,
            boxErrorDescription: error.boxErrorDescription)
    }

    private func isUsable(_ token: AccessToken) -> Bool {
        guard !refused.withLock({ $0.contains(token.value) }) else { return false }
        let margin = min(refreshMargin, max(token.lifetime, 0) / 2)
        return token.expiresAt.timeIntervalSince(now()) > margin
    }
}
