import Synchronization

/// The database did not answer before the store's deadline (``PostgresTokenStore/Options/lockTimeout``):
/// a stalled server, a network that drops packets, or a statement that waits on a lock.
struct PostgresDeadlineExceeded: Error, CustomStringConvertible {
    /// What was waited for ("connect", "read").
    let step: String

    var description: String { "no answer to \(step) before the deadline (cacheLockTimeout)" }
}

/// Waits for `operation` at most until `deadline`.
///
/// postgres-nio does not stop a connect or a query when its task is cancelled, so `operation`
/// runs in a task of its own: past the deadline (or when the caller is cancelled) this returns at
/// once, `abandon` runs (closing the connection makes the operation end), and a result that comes
/// later goes to `discard` (a connection that connected late is closed).
/// - Throws: ``PostgresDeadlineExceeded`` past the deadline, `CancellationError` when the caller
///   is cancelled, or what `operation` throws.
func withDeadline<Result: Sendable>(
    _ deadline: ContinuousClock.Instant, step: String, abandon: @escaping @Sendable () -> Void = {},
    discard: @escaping @Sendable (Result) -> Void = { _ in }, _ operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    let race = DeadlineRace<Result>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            race.start(continuation)
            let work = Task {
                let result: Swift.Result<Result, any Error>
                do { result = .success(try await operation()) } catch { result = .failure(error) }
                if !race.finish(result), case .success(let late) = result { discard(late) }
            }
            let timer = Task {
                try? await Task.sleep(until: deadline, clock: .continuous)
                guard !Task.isCancelled else { return }
                if race.finish(.failure(PostgresDeadlineExceeded(step: step))) {
                    abandon()
                    work.cancel()
                }
            }
            race.onFinish { timer.cancel() }
        }
    } onCancel: {
        if race.finish(.failure(CancellationError())) { abandon() }
    }
}

/// The continuation of one ``withDeadline(_:step:abandon:discard:_:)``, resumed by whichever
/// comes first: the operation, the deadline or cancellation.
private final class DeadlineRace<Result: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Result, any Error>?
        var early: Swift.Result<Result, any Error>?
        var finished = false
        var cleanup: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    func start(_ continuation: CheckedContinuation<Result, any Error>) {
        let early = state.withLock { state -> Swift.Result<Result, any Error>? in
            guard state.finished else {
                state.continuation = continuation
                return nil
            }
            return state.early
        }
        if let early { continuation.resume(with: early) }
    }

    /// Registers what runs once the race is over (stopping the timer).
    func onFinish(_ cleanup: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state in
            guard !state.finished else { return true }
            state.cleanup = cleanup
            return false
        }
        if runNow { cleanup() }
    }

    /// Ends the race with `result`; false when it was already over.
    func finish(_ result: Swift.Result<Result, any Error>) -> Bool {
        let (won, continuation, cleanup) = state.withLock {
            state -> (Bool, CheckedContinuation<Result, any Error>?, (@Sendable () -> Void)?) in
            guard !state.finished else { return (false, nil, nil) }
            state.finished = true
            defer {
                state.continuation = nil
                state.cleanup = nil
            }
            if state.continuation == nil { state.early = result }
            return (true, state.continuation, state.cleanup)
        }
        continuation?.resume(with: result)
        cleanup?()
        return won
    }
}
