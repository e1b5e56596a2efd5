public import BoxAuth
public import Foundation
import Synchronization

/// A ``TokenFetcher`` that counts its fetches and hands out a new token each time
/// (`token-1`, `token-2`, ...): the one fake token source of the tests.
///
/// Tests line callers up on events, never on durations: ``hold()`` makes fetches wait at a gate
/// (``held`` says how many wait) until ``release()``; a fetch that is cancelled ends at once with
/// `CancellationError` (counted in ``cancelled``). ``setFailing(_:)`` makes fetches throw
/// ``Failure``.
///
/// ```swift
/// let fetcher = CountingFetcher()
/// fetcher.hold()
/// let cache = TokenCache(fetcher: fetcher)
/// async let first = cache.token()
/// while fetcher.held < 1 { await Task.yield() }
/// fetcher.release()
/// #expect(try await first.value == "token-1")
/// #expect(fetcher.calls == 1)
/// ```
public final class CountingFetcher: TokenFetcher, AppCredentialsProviding {
    /// What a fetch throws while ``setFailing(_:)`` is on.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        /// Creates the failure.
        public init() {}
        /// Says it was asked for.
        public var description: String { "CountingFetcher was told to fail" }
    }

    private struct State {
        var calls = 0
        var cancelled = 0
        var failing = false
        var holding = false
        var waiting: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())
    private let prefix: String
    private let unique: Bool
    /// How long each token is valid for, in seconds.
    public let lifetime: TimeInterval
    /// The clock tokens are issued on.
    public let now: @Sendable () -> Date
    /// Made-up app credentials, for code that revokes or keys stores by them.
    public let appCredentials = AppCredentials(clientID: "fleet-client", clientSecret: Secret("fleet-client-secret"))

    /// A fetcher issuing `"\(prefix)\(number)"` tokens valid for `lifetime` seconds on `now`; with
    /// `unique`, a UUID follows the number (for stores shared by several fetchers).
    public init(
        prefix: String = "token-", lifetime: TimeInterval = 3600, unique: Bool = false,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.prefix = prefix
        self.lifetime = lifetime
        self.unique = unique
        self.now = now
    }

    /// How many fetches have started.
    public var calls: Int { state.withLock { $0.calls } }

    /// How many fetches wait at the gate.
    public var held: Int { state.withLock { $0.waiting.count } }

    /// How many fetches were cancelled (waiting at the gate or not).
    public var cancelled: Int { state.withLock { $0.cancelled } }

    /// Makes fetches throw ``Failure`` (after the gate) while `failing` is true.
    public func setFailing(_ failing: Bool) { state.withLock { $0.failing = failing } }

    /// Makes fetches wait at the gate until ``release()``.
    public func hold() { state.withLock { $0.holding = true } }

    /// Opens the gate: waiting fetches go on, and later ones do not wait.
    public func release() {
        let waiting = state.withLock { state in
            state.holding = false
            defer { state.waiting = [:] }
            return Array(state.waiting.values)
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Counts the fetch, waits at the gate if it is closed, and issues the next token.
    /// - Throws: `CancellationError` when cancelled; ``Failure`` while failing.
    public func fetchToken() async throws -> AccessToken {
        let number = state.withLock { state in
            state.calls += 1
            return state.calls
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    if !state.holding || Task.isCancelled { return true }
                    state.waiting[number] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = state.withLock { state in
                state.cancelled += 1
                return state.waiting.removeValue(forKey: number)
            }
            continuation?.resume()
        }
        try Task.checkCancellation()
        if state.withLock({ $0.failing }) { throw Failure() }
        let date = now()
        let value = unique ? "\(prefix)\(number)-\(UUID().uuidString)" : "\(prefix)\(number)"
        return AccessToken(value: value, expiresAt: date.addingTimeInterval(lifetime), receivedAt: date)
    }
}
