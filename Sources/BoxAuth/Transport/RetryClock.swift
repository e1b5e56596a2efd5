import Synchronization

/// How the retry loop of ``TokenEndpoint/requestToken(skew:logger:form:)`` tells time and waits.
///
/// Always the continuous clock, except in this package's tests, which bind ``current`` to
/// ``immediate()`` so that a retry schedule (and its deadline) plays out the same on a busy machine
/// as on an idle one, without sleeping.
package struct RetryClock: Sendable {
    /// The current instant.
    package var now: @Sendable () -> ContinuousClock.Instant
    /// Waits for a duration (or returns early with `CancellationError` when the task is cancelled).
    package var sleep: @Sendable (Duration) async throws -> Void

    /// The continuous clock: real time, real waits.
    package static let continuous = RetryClock(now: { .now }, sleep: { try await Task.sleep(for: $0) })

    /// The clock the retry loop uses in the current task (and the tasks it starts).
    @TaskLocal package static var current: RetryClock = .continuous

    /// A clock on which every wait passes at once, moving the clock forward by its duration: time
    /// passes only by waits, so deadlines count the waits a client chose, never how busy the
    /// machine was.
    package static func immediate() -> RetryClock {
        let start = ContinuousClock.now
        let elapsed = Mutex(Duration.zero)
        return RetryClock(
            now: { start + elapsed.withLock { $0 } },
            sleep: { duration in
                try Task.checkCancellation()
                elapsed.withLock { $0 += duration }
                await Task.yield()
            })
    }
}
