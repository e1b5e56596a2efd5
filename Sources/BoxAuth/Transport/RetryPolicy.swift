public import Foundation

/// How token requests are retried: which failures, how often, how long to wait, and when to stop.
///
/// 429 and 5xx answers and transport failures (connection refused or reset, timeouts) are retried
/// with exponential backoff and full jitter, honouring `Retry-After`, until ``maxAttempts`` requests
/// have been made or ``deadline`` has passed. Refusals (4xx) are not retried, except a refused `exp`
/// (after correcting for clock skew) and a refused `jti` (once, with a new one).
public struct RetryPolicy: Sendable, Hashable {
    /// The most requests one token fetch makes (default 5).
    public var maxAttempts: Int
    /// Seconds one token fetch may take in all, waits included (default 60).
    public var deadline: TimeInterval
    /// The first backoff's upper bound, in seconds (default 0.5).
    public var baseDelay: TimeInterval
    /// The largest backoff, in seconds (default 8).
    public var maxDelay: TimeInterval

    /// A policy; the defaults suit Box.
    public init(
        maxAttempts: Int = 5, deadline: TimeInterval = 60, baseDelay: TimeInterval = 0.5, maxDelay: TimeInterval = 8
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.deadline = deadline
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The longest one token fetch under this policy can take when each request may take
    /// `timeout` seconds: the deadline (a request never outlives it, and no wait reaches past it),
    /// or with one attempt the request's own timeout, plus ``transportAllowance`` for a transport
    /// that ends a request late.
    ///
    /// A store that holds a lock while a refresh runs (the PostgreSQL store) holds it at least this
    /// long, so that the answer Box gives is always written.
    public func longestFetch(timeout: TimeInterval) -> TimeInterval {
        let requests = maxAttempts <= 1 ? min(timeout, deadline) : deadline
        return requests + Self.transportAllowance
    }

    /// Seconds allowed beyond a request's timeout for the transport to end it (5).
    public static let transportAllowance: TimeInterval = 5

    /// No retries: one request per fetch.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait after failed attempt `attempt` (1-based): uniformly random between 0 and
    /// `min(maxDelay, baseDelay × 2^(attempt-1))` ("full jitter").
    public func backoff(afterAttempt attempt: Int) -> TimeInterval {
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return ceiling > 0 ? Double.random(in: 0...ceiling) : 0
    }

    /// Seconds to wait as a `Retry-After` value says: delta seconds or an HTTP date, or nil.
    ///
    /// An HTTP date is on the server's clock, so it is measured from the response's `Date` header
    /// when there is one (a server whose clock is off still means "in N seconds"), else from `now`.
    /// - Parameters:
    ///   - value: The `Retry-After` header's value.
    ///   - serverDate: The same response's `Date` header, if any.
    ///   - now: This machine's time, used when there is no readable `Date` header.
    public static func retryAfter(_ value: String?, serverDate: String? = nil, now: Date = Date()) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = TimeInterval(value), seconds >= 0, seconds.isFinite { return seconds }
        guard let date = HTTPDate.parse(value) else { return nil }
        let reference = serverDate.flatMap(HTTPDate.parse) ?? now
        return max(0, date.timeIntervalSince(reference))
    }
}
