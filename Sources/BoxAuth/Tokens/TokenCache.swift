public import Foundation
public import Logging
import Metrics
import Synchronization
public import Tracing

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
        var fetch: Fetch?
        var fetchCount: UInt64 = 0
        var waiterCount: UInt64 = 0
    }

    /// The fetch in progress and the callers waiting for it.
    private struct Fetch {
        let id: UInt64
        var task: Task<Void, Never>?
        var waiters: [UInt64: CheckedContinuation<AccessToken, any Error>] = [:]
    }

    private let state = Mutex(State())
    private let fetcher: any TokenFetcher
    private let store: (any TokenStore)?
    private let refreshMargin: TimeInterval
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let provider: String
    private let metrics: TokenMetrics
    private let memoryHits: Counter
    private let tracer: (any Tracer)?
    private let profile: String?
    private let subjectType: BoxSubject.Kind?

    /// The default refresh margin: tokens are renewed when less than 120 s remain.
    public static let defaultRefreshMargin: TimeInterval = 120

    /// Creates a cache in front of `fetcher`.
    /// - Parameters:
    ///   - fetcher: Where new tokens come from.
    ///   - refreshMargin: Renew when less than this many seconds remain.
    ///   - logger: Receives a warning when a stale token is served after a failed refresh.
    ///   - store: A store shared with other processes (a `FileTokenStore`) or machines, or nil
    ///     for memory only.
    ///   - provider: The provider kind, the `provider` dimension of the token request metrics.
    ///   - metrics: Where cache hits and token requests are counted (see ``TokenMetrics``).
    ///   - tracer: Where the `box_auth.token` span of each refresh goes; nil uses
    ///     `InstrumentationSystem.tracer` at the time of the request (a no-op until the app
    ///     bootstraps one). A memory hit never touches it.
    ///   - profile: The profile's name, the span's `box_auth.profile`.
    ///   - subjectType: Whom the tokens act for, the span's `box_auth.subject.type` (never the ID).
    ///   - now: The clock (tests pass a fake one).
    public init(
        fetcher: any TokenFetcher, refreshMargin: TimeInterval = defaultRefreshMargin,
        logger: Logger = Logger(label: "box-auth"), store: (any TokenStore)? = nil, provider: String = "custom",
        metrics: TokenMetrics = TokenMetrics(), tracer: (any Tracer)? = nil, profile: String? = nil,
        subjectType: BoxSubject.Kind? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.tracer = tracer
        self.profile = profile
        self.subjectType = subjectType
        self.provider = provider
        self.metrics = metrics
        self.memoryHits = metrics.cacheHitCounter(tier: "memory")
        self.fetcher = fetcher
        self.store = store
        self.refreshMargin = refreshMargin
        self.logger = logger
        self.now = now
    }

    /// How many refreshes this cache has started (each one read the store or called the fetcher).
    public var fetchCount: UInt64 { state.withLock { $0.fetchCount } }

    /// How many callers wait for the fetch in progress (0 when none is): lets tests wait for the
    /// event "every caller joined" instead of for a duration.
    package var waitingCallers: Int { state.withLock { $0.fetch?.waiters.count ?? 0 } }

    /// A token with more than the refresh margin left, fetching one only when needed.
    ///
    /// Cancelling the calling task ends the wait at once with `CancellationError`; the fetch goes
    /// on for other callers, and is cancelled when no caller waits for it any more.
    public func token() async throws -> AccessToken {
        if let cached = freshToken() { return cached }
        return try await awaitToken()
    }

    /// The cached token if it is fresh (counted as a memory hit), without suspending: the fast path
    /// of ``token()``, which callers such as ``CachedAuthProvider`` try before making an async call.
    @inline(__always)
    package func freshToken() -> AccessToken? {
        let date = now()
        let cached = state.withLock { state -> AccessToken? in
            guard let token = state.token, isFresh(token, at: date) else { return nil }
            return token
        }
        if cached != nil { memoryHits.increment() }
        return cached
    }

    /// The slow path of ``token()``: joins the fetch in progress, or starts one.
    package func awaitToken() async throws -> AccessToken {
        let date = now()
        let (cached, stale, waiter) = state.withLock { state -> (AccessToken?, AccessToken?, UInt64) in
            if let token = state.token, isFresh(token, at: date) { return (token, nil, 0) }
            state.waiterCount += 1
            return (nil, state.token, state.waiterCount)
        }
        if let cached {
            memoryHits.increment()
            return cached
        }
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in join(waiter, continuation) }
            } onCancel: {
                leave(waiter)
            }
        } catch {
            guard !Task.isCancelled, let stale, !stale.isExpired(at: now()) else { throw error }
            logger.warning(
                "token refresh failed; using the cached token until it expires",
                metadata: [
                    "expires-in": "\(Int(stale.expiresAt.timeIntervalSince(now())))s", "error": "\(error)",
                ])
            return stale
        }
    }

    /// Drops `token` if it is the cached one (call it after the API answered 401 to that token).
    public func invalidate(_ token: AccessToken) {
        state.withLock { state in
            if state.token?.value == token.value { state.token = nil }
        }
        store?.remove(token)
    }

    /// Adds a waiter to the fetch in progress, starting one when none is.
    private func join(_ waiter: UInt64, _ continuation: CheckedContinuation<AccessToken, any Error>) {
        let date = now()
        let started = state.withLock { state -> UInt64? in
            if Task.isCancelled {
                continuation.resume(throwing: CancellationError())
                return nil
            }
            if let token = state.token, isFresh(token, at: date) {
                // Another caller's fetch finished in the meantime.
                continuation.resume(returning: token)
                return nil
            }
            if state.fetch != nil {
                state.fetch?.waiters[waiter] = continuation
                return nil
            }
            state.fetchCount += 1
            state.fetch = Fetch(id: state.fetchCount, waiters: [waiter: continuation])
            return state.fetchCount
        }
        guard let started else { return }
        let task = Task { await self.runFetch(id: started) }
        let abandoned = state.withLock { state in
            guard state.fetch?.id == started else { return true }
            state.fetch?.task = task
            return false
        }
        // Every waiter left before the task existed (or it already finished): nobody needs it.
        if abandoned { task.cancel() }
    }

    /// Ends a cancelled waiter's wait; a fetch nobody waits for any more is cancelled.
    private func leave(_ waiter: UInt64) {
        let (continuation, abandoned) = state.withLock {
            state -> (CheckedContinuation<AccessToken, any Error>?, Task<Void, Never>?) in
            guard let continuation = state.fetch?.waiters.removeValue(forKey: waiter) else { return (nil, nil) }
            guard state.fetch?.waiters.isEmpty == true else { return (continuation, nil) }
            let task = state.fetch?.task
            state.fetch = nil
            return (continuation, task)
        }
        continuation?.resume(throwing: CancellationError())
        abandoned?.cancel()
    }

    private func runFetch(id: UInt64) async {
        let result = await traced { await self.fetchThroughStore() }
        let waiters = state.withLock { state -> [CheckedContinuation<AccessToken, any Error>] in
            if case .success(let token) = result { state.token = token }
            guard let fetch = state.fetch, fetch.id == id else { return [] }
            state.fetch = nil
            return Array(fetch.waiters.values)
        }
        for waiter in waiters { waiter.resume(with: result) }
    }

    /// The store's token, or the fetcher's.
    private func fetchThroughStore() async -> Result<AccessToken, any Error> {
        do {
            guard let store else { return .success(try await fetch()) }
            let token = try await store.token(
                logger: logger, isFresh: { self.isFresh($0, at: self.now()) }, fetch: { try await self.fetch() })
            // A store that did not name itself answered from its own storage.
            if let span = TokenRequestSpan.current, span.answeringTier == nil { TokenRequestSpan.answered(by: "store") }
            return .success(token)
        } catch {
            return .failure(error)
        }
    }

    /// Runs `refresh` inside this request's `box_auth.token` span (the caller's trace is its parent:
    /// the fetch task inherits the first caller's context).
    private func traced(
        _ refresh: () async -> Result<AccessToken, any Error>
    ) async -> Result<AccessToken, any Error> {
        let tracer = self.tracer ?? InstrumentationSystem.tracer
        let span = tracer.startSpan(TracingAttribute.tokenSpan, ofKind: .internal)
        defer { span.end() }
        // No tracer bootstrapped (a no-op span): nothing to record, nothing to bind.
        guard span.isRecording else { return await refresh() }
        let request = TokenRequestSpan(
            span: span, profile: profile, provider: provider, subjectType: subjectType?.rawValue,
            storesTokens: store != nil)
        let result = await TokenRequestSpan.$current.withValue(request) {
            await InstrumentationContext.$current.withValue(span.context) { await refresh() }
        }
        if case .failure(let error) = result {
            span.attributes["error.type"] = TokenEndpoint.errorType(error)
            span.setStatus(SpanStatus(code: .error))
        }
        return result
    }

    /// A new token from the fetcher, counted and timed.
    private func fetch() async throws -> AccessToken {
        TokenRequestSpan.answered(by: (self.fetcher as? any TokenSourceNaming)?.tokenSource ?? "network")
        let started = ContinuousClock.now
        do {
            let token = try await fetcher.fetchToken()
            metrics.tokenRequest(provider: provider, succeeded: true, duration: ContinuousClock.now - started)
            return token
        } catch {
            metrics.tokenRequest(provider: provider, succeeded: false, duration: ContinuousClock.now - started)
            throw error
        }
    }

    private func isFresh(_ token: AccessToken, at date: Date) -> Bool {
        let margin = min(refreshMargin, max(token.lifetime, 0) / 2)
        return token.expiresAt.timeIntervalSince(date) > margin
    }
}
