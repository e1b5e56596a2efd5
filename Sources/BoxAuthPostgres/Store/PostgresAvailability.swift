import Logging
import Synchronization

/// What one process knows of one database: whether it is being skipped after a failure (and
/// until when), whether that was already reported, and which tables exist.
///
/// Stores of the same database share one, so an outage is reported once per process, not once
/// per profile or subject.
final class PostgresAvailability: Sendable {
    private struct State {
        var skipUntil: ContinuousClock.Instant?
        var reported = false
        var tables: Set<String> = []
    }

    private let state = Mutex(State())
    /// How long the database is skipped after it failed.
    let retryAfter: Duration

    init(retryAfter: Duration) { self.retryAfter = retryAfter }

    /// Whether to try the database now (false while it is skipped after a failure).
    var shouldTry: Bool {
        state.withLock { state in
            guard let until = state.skipUntil else { return true }
            return ContinuousClock.now >= until
        }
    }

    /// Notes a failure; logs the warning the first time since the database last worked.
    func failed(database: String, error: any Error, logger: Logger) {
        let report = state.withLock { state in
            state.skipUntil = ContinuousClock.now + retryAfter
            defer { state.reported = true }
            return !state.reported
        }
        guard report else { return }
        logger.warning(
            "PostgreSQL token cache unavailable; fetching tokens without it and retrying the database later",
            metadata: [
                "database": "\(database)", "error": "\(PostgresErrorText.describe(error))",
                "retry-after": "\(retryAfter.components.seconds)s",
            ])
    }

    /// Notes that the database answered.
    func succeeded(logger: Logger) {
        let recovered = state.withLock { state in
            defer {
                state.skipUntil = nil
                state.reported = false
            }
            return state.reported
        }
        if recovered { logger.notice("PostgreSQL token cache available again") }
    }

    /// Whether `table` is known to exist (it was created or found by this process).
    func hasTable(_ table: String) -> Bool { state.withLock { $0.tables.contains(table) } }

    /// Notes that `table` exists.
    func addTable(_ table: String) { _ = state.withLock { $0.tables.insert(table) } }
}
