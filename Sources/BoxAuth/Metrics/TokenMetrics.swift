public import Metrics

/// The counters and timers swift-box-auth reports through swift-metrics.
///
/// | Name | Kind | Dimensions |
/// |---|---|---|
/// | `box_auth_token_requests_total` | counter | `provider`, `outcome` (`success`, `failure`) |
/// | `box_auth_token_refresh_seconds` | timer | `provider` |
/// | `box_auth_cache_hits_total` | counter | `tier` (`memory`, `file`, `postgres`) |
/// | `box_auth_lock_waits_total` | counter | `store` (`file`, `postgres`) |
/// | `box_auth_lock_wait_seconds` | timer | `store` |
/// | `box_auth_store_fallbacks_total` | counter | `store`, `reason` (`unreachable`, `lock-timeout`, `error`) |
///
/// Dimensions are fixed words and provider kinds: never a token, secret, URL, user or cache key.
/// Nothing is reported until the app bootstraps `MetricsSystem` (or passes a factory here).
public struct TokenMetrics: Sendable {
    /// Where the metrics go.
    public let factory: any MetricsFactory

    /// Metrics reported to `factory` (default: the bootstrapped `MetricsSystem.factory`).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// The counter of hits in `tier`, made once by a caller on a hot path.
    package func cacheHitCounter(tier: String) -> Counter {
        Counter(label: "box_auth_cache_hits_total", dimensions: [("tier", tier)], factory: factory)
    }

    /// Counts one hit in `tier`.
    package func cacheHit(tier: String) { cacheHitCounter(tier: tier).increment() }

    /// Records one token request and how long it took.
    package func tokenRequest(provider: String, succeeded: Bool, duration: Duration) {
        Counter(
            label: "box_auth_token_requests_total",
            dimensions: [("provider", provider), ("outcome", succeeded ? "success" : "failure")], factory: factory
        ).increment()
        Timer(label: "box_auth_token_refresh_seconds", dimensions: [("provider", provider)], factory: factory)
            .recordNanoseconds(duration.nanoseconds)
    }

    /// Records that a lock of `store` was taken after `waited`.
    package func lockAcquired(store: String, waited: Duration) {
        Counter(label: "box_auth_lock_waits_total", dimensions: [("store", store)], factory: factory).increment()
        Timer(label: "box_auth_lock_wait_seconds", dimensions: [("store", store)], factory: factory)
            .recordNanoseconds(waited.nanoseconds)
    }

    /// Counts one time `store` was bypassed for `reason`.
    package func fallback(store: String, reason: String) {
        Counter(
            label: "box_auth_store_fallbacks_total", dimensions: [("store", store), ("reason", reason)],
            factory: factory
        ).increment()
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    fileprivate var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : scaled &+ attoseconds / 1_000_000_000
    }
}
