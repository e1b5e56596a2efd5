public import BoxAuth
public import Foundation
public import Logging
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
/// - Box answered a refresh but the store could not take the new pair (its write failed, its
///   session ended while Box was slow): the new pair is never dropped. It is kept in memory and
///   used, the write is retried, and until it succeeds the pair waits in the store's
///   ``TokenPairStore/recoveryFile`` (0600), which the next fetch (in this process or the next one)
///   writes back to the store before anything else.
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
    /// A pair Box issued that the store has not taken yet.
    private let pending = Mutex<TokenPairRecovery.Entry?>(nil)
    private let now: @Sendable () -> Date
    private let logger: Logger
    /// How often a failed write of a new pair is tried again before this fetch returns.
    private let writeRetries: [Duration]

    /// A grant over `store`.
    /// - Parameters:
    ///   - logger: Receives the warning when the store cannot take a pair Box issued.
    ///   - writeRetries: The waits before each new try of a failed write (default 0.2 s and 1 s).
    public init(
        client: OAuth2Client, store: any TokenPairStore, profile: String?,
        refreshMargin: TimeInterval = TokenCache.defaultRefreshMargin, logger: Logger = Logger(label: "box-auth"),
        writeRetries: [Duration] = [.milliseconds(200), .seconds(1)], now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.store = store
        self.profile = profile
        self.refreshMargin = refreshMargin
        self.logger = logger
        self.writeRetries = writeRetries
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
    ///
    /// A pair Box issued that the store has not taken yet (kept in memory or in the store's
    /// recovery file) is written back first, and used in place of the stored pair it continues.
    /// - Throws: ``OAuth2Error`` (``OAuth2Error/Code/notSignedIn``,
    ///   ``OAuth2Error/Code/refreshRefused``), ``TokenEndpointError`` or ``TransportError``; the
    ///   store's error when it cannot be read or locked (and no pair kept in memory is usable).
    public func fetchToken() async throws -> AccessToken {
        let recovered = try recoveredPair()
        if recovered == nil, let pair = try await store.load(), isUsable(pair.accessToken) {
            TokenRequestSpan.answered(by: "store")
            return pair.accessToken
        }
        let renewed = Mutex<TokenPairRecovery.Entry?>(nil)
        do {
            let token = try await store.update { stored -> TokenPairUpdate<AccessToken> in
                let current = recovered.flatMap { $0.continues(stored) ? $0.pair : nil } ?? stored
                guard let current else { throw OAuth2Error(code: .notSignedIn, profile: profile) }
                if isUsable(current.accessToken) {
                    TokenRequestSpan.answered(by: "store")
                    return TokenPairUpdate(current.accessToken, change: current == stored ? .keep : .replace(current))
                }
                let next = try await refresh(current)
                renewed.withLock { $0 = TokenPairRecovery.Entry(pair: next, spent: current.refreshToken) }
                return TokenPairUpdate(next.accessToken, change: .replace(next))
            }
            // Written back, or superseded by what the store holds.
            if let recovered { forget(recovered) }
            return token
        } catch {
            if let entry = renewed.withLock({ $0 }) { return await keep(entry, after: error) }
            guard let recovered, isUsable(recovered.pair.accessToken) else { throw error }
            logger.warning(
                "the OAuth 2.0 token store is unavailable; using the refreshed token kept for it",
                metadata: ["error": "\(error)"])
            return recovered.pair.accessToken
        }
    }

    /// Forgets any pair kept for the store (after a sign-in or sign-out replaced what it continues).
    func discardRecovered() {
        let entry = pending.withLock { entry in
            defer { entry = nil }
            return entry
        }
        if let entry { forget(entry) }
        if let file = store.recoveryFile { try? FileManager.default.removeItem(at: file) }
    }

    /// The pair kept in memory, else the one in the store's recovery file.
    private func recoveredPair() throws -> TokenPairRecovery.Entry? {
        if let entry = pending.withLock({ $0 }) { return entry }
        guard let file = store.recoveryFile else { return nil }
        return try TokenPairRecovery(url: file).load()
    }

    /// Box issued `entry`'s pair but the store failed to take it: keeps it in memory and in the
    /// recovery file, tries the write again, and returns its access token either way.
    private func keep(_ entry: TokenPairRecovery.Entry, after error: any Error) async -> AccessToken {
        pending.withLock { $0 = entry }
        var recoveryError: (any Error)?
        if let file = store.recoveryFile {
            do { try TokenPairRecovery(url: file).save(entry) } catch { recoveryError = error }
        }
        for wait in writeRetries {
            try? await Task.sleep(for: wait)
            do {
                try await store.update { stored in
                    TokenPairUpdate((), change: entry.continues(stored) ? .replace(entry.pair) : .keep)
                }
                forget(entry)
                logger.notice("the token store took the refreshed OAuth 2.0 token pair on a new try")
                return entry.pair.accessToken
            } catch {
                continue
            }
        }
        var metadata: Logger.Metadata = ["error": "\(error)"]
        if let file = store.recoveryFile { metadata["recovery-file"] = "\(file.path)" }
        if let recoveryError { metadata["recovery-error"] = "\(recoveryError)" }
        let kept =
            recoveryError == nil && store.recoveryFile != nil
            ? "in the recovery file, which the next box-auth writes back" : "in this process's memory only"
        logger.warning(
            "Box issued a new OAuth 2.0 refresh token but the token store could not take it; it is kept \(kept)",
            metadata: metadata)
        return entry.pair.accessToken
    }

    /// Drops `entry` from memory and its recovery file (the store has it, or something newer).
    private func forget(_ entry: TokenPairRecovery.Entry) {
        pending.withLock { if $0?.pair.refreshToken == entry.pair.refreshToken { $0 = nil } }
        if let file = store.recoveryFile { TokenPairRecovery(url: file).remove(entry) }
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
