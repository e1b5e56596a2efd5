import Synchronization

/// Runs `body` in a task of its own and returns what it returns; if it has not finished within
/// `limit`, cancels it and throws `failure` instead.
///
/// The limit never decides a check on speed: a conforming implementation finishes each step as soon
/// as the events it waits for happen, however busy the machine is. It only turns a step that would
/// wait for ever (a lock never released, a read that waits for the lock) into a failure that says so.
func withinHangLimit<Value: Sendable>(
    _ limit: Duration, _ failure: @autoclosure @escaping @Sendable () -> ConformanceFailure,
    _ body: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    let outcome = Outcome<Value>()
    let work = Task {
        do { outcome.finish(.success(try await body())) } catch { outcome.finish(.failure(error)) }
    }
    let watchdog = Task {
        try? await Task.sleep(for: limit)
        if !Task.isCancelled, outcome.finish(.failure(failure())) { work.cancel() }
    }
    defer { watchdog.cancel() }
    return try await withTaskCancellationHandler {
        try await outcome.value()
    } onCancel: {
        work.cancel()
    }
}

/// The first result of a race between a step and its watchdog.
private final class Outcome<Value: Sendable>: Sendable {
    private let event = Event()
    private let result = Mutex<Result<Value, any Error>?>(nil)

    /// Records `result` unless one is recorded already; true when this one was first.
    @discardableResult
    func finish(_ result: Result<Value, any Error>) -> Bool {
        let first = self.result.withLock { stored in
            guard stored == nil else { return false }
            stored = result
            return true
        }
        if first { event.signal() }
        return first
    }

    /// The first result, once there is one.
    func value() async throws -> Value {
        await event.wait()
        guard let result = result.withLock({ $0 }) else { throw CancellationError() }
        return try result.get()
    }
}
