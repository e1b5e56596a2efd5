package import Logging

extension FileLock {
    /// Holds the lock while `body` runs, counting the wait as `store`'s lock wait (the metrics and
    /// the token span); when another holder keeps the lock past ``timeout``, a token store's
    /// fallback instead: the fallback is counted, `warning` logged once, and `fetchWithoutLock`'s
    /// token returned (a stuck process does not hold up the others).
    /// - Throws: ``ConfigurationError`` when the lock file is refused (with `hint`); what `body` or
    ///   `fetchWithoutLock` throws.
    package func withTokenLock(
        store: String, metrics: TokenMetrics, logger: Logger, hint: String, warning: Logger.Message,
        _ body: () async throws -> AccessToken, fetchWithoutLock: () async throws -> AccessToken
    ) async throws -> AccessToken {
        let waitStarted = ContinuousClock.now
        var locked = false
        do {
            return try await withLock(hint: hint) {
                locked = true
                let waited = ContinuousClock.now - waitStarted
                metrics.lockAcquired(store: store, waited: waited)
                TokenRequestSpan.lockAcquired(store: store, waited: waited)
                return try await body()
            }
        } catch let error as TokenStoreError where error.isLockTimeout && !locked {
            metrics.fallback(store: store, reason: "lock-timeout")
            TokenRequestSpan.fallback(store: store, reason: "lock-timeout")
            logger.warning(warning, metadata: ["error": "\(error)"])
            return try await fetchWithoutLock()
        }
    }
}
