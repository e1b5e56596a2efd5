import Foundation
import Logging
import Synchronization

/// Caches one provider's access token, refreshes it before it expires, and makes concurrent
/// callers share one fetch.
///
/// - A cached token is returned while more than the refresh margin remains (the margin is capped at
///   half the token's lifetime, so short-lived tokens are not refetched on every call).
/// - When a refresh is due, the first caller starts one fetch; every caller that arrives before it
///   finishes waits for the same fetch (single-flight).
/// - A failed fetch is not remembered: the next call tries again. If the failed refresh happened
///   while the old token was still unexpired, callers get the old token and a warning is logged.
/// - ``invalidate(_:)`` drops a token the API refused, so the next call fetches a new one.
public final class TokenCache: Sendable {
    private struct State {
        var token: AccessToken?
        var fetch: (id: UInt64, task: Task<AccessToken, any Error>)?
        var fetchCount: UInt64 = 0
    }

    private let state = Mutex(State())
    private let fetcher: any TokenFetcher
    private let store: (any TokenStore)?
    private let refreshMargin: TimeInterval
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// The default refresh margin: tokens are renewed when less than 120 s remain.
    public static let defaultRefreshMargin: TimeInterval = 120

    /// Creates a cache in front of `fetcher`.
    /// - Parameters:
    ///   - fetcher: Where new tokens come from.
    ///   - refreshMargin: Renew when less than this many seconds remain.
    ///   - logger: Receives a warning when a stale token is served after a failed refresh.
    ///   - store: A store shared with other processes (a ``FileTokenStore``), or nil for memory only.
    ///   - now: The clock (tests pass a fake one).
    public init(
        fetcher: any TokenFetcher, refreshMargin: TimeInterval = defaultRefreshMargin,
        logger: Logger = Logger(label: "box-auth"), store: (any TokenStore)? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.fetcher = fetcher
        self.store = store
        self.refreshMargin = refreshMargin
        self.logger = logger
        self.now = now
    }

    /// How many refreshes this cache has started (each one read the store or called the fetcher).
    public var fetchCount: UInt64 { state.withLock { $0.fetchCount } }

    private enum Step {
        case cached(AccessToken)
        case wait(Task<AccessToken, any Error>, stale: AccessToken?)
    }

    /// A token with more than the refresh margin left, fetching one only when needed.
    public func token() async throws -> AccessToken {
        let date = now()
        let step = state.withLock { state -> Step in
            if let token = state.token, isFresh(token, at: date) { return .cached(token) }
            if let fetch = state.fetch { return .wait(fetch.task, stale: state.token) }
            state.fetchCount += 1
            let id = state.fetchCount
            let task = Task { try await self.runFetch(id: id) }
            state.fetch = (id, task)
            return .wait(task, stale: state.token)
        }
        switch step {
        case .cached(let token):
            return token
        case .wait(let task, let stale):
            do {
                return try await task.value
            } catch {
                guard let stale, !stale.isExpired(at: now()) else { throw error }
                logger.warning(
                    "token refresh failed; using the cached token until it expires",
                    metadata: [
                        "expires-in": "\(Int(stale.expiresAt.timeIntervalSince(now())))s", "error": "\(error)",
                    ])
                return stale
            }
        }
    }

    /// Drops `token` if it is the cached one (call it after the API answered 401 to that token).
    public func invalidate(_ token: AccessToken) {
        state.withLock { state in
            if state.token?.value == token.value { state.token = nil }
        }
        store?.remove(token)
    }

    private func runFetch(id: UInt64) async throws -> AccessToken {
        let result: Result<AccessToken, any Error>
        do {
            if let store {
                result = .success(try await store.withExclusiveAccess { try await self.refresh(through: store) })
            } else {
                result = .success(try await fetcher.fetchToken())
            }
        } catch {
            result = .failure(error)
        }
        state.withLock { state in
            if state.fetch?.id == id { state.fetch = nil }
            if case .success(let token) = result { state.token = token }
        }
        return try result.get()
    }

    /// With the store locked: a fresh stored token (another process fetched it), else a new one saved.
    private func refresh(through store: any TokenStore) async throws -> AccessToken {
        if let stored = store.load(), isFresh(stored, at: now()) { return stored }
        let token = try await fetcher.fetchToken()
        do {
            try store.save(token)
        } catch {
            logger.warning("cannot write the token cache; continuing without it", metadata: ["error": "\(error)"])
        }
        return token
    }

    private func isFresh(_ token: AccessToken, at date: Date) -> Bool {
        let margin = min(refreshMargin, max(token.lifetime, 0) / 2)
        return token.expiresAt.timeIntervalSince(date) > margin
    }
}
