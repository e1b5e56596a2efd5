import Synchronization

/// A one-shot event: tasks wait for it until it is signalled (a gate that opens once), so checks
/// line callers up on what happened, never on how long it took.
final class Event: Sendable {
    private struct State {
        var signalled = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    /// Whether ``signal()`` was called.
    var isSignalled: Bool { state.withLock { $0.signalled } }

    /// Lets every waiter, present and future, go on.
    func signal() {
        let waiters = state.withLock { state in
            state.signalled = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the event is signalled.
    func wait() async {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withCheckedContinuation { continuation in
            let now = state.withLock { state in
                if state.signalled { return true }
                state.waiters[id] = continuation
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Returns once the event is signalled, or throws `CancellationError` when the task is cancelled.
    func waitOrCancel() async throws {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state in
                    if state.signalled || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
        try Task.checkCancellation()
    }
}

/// A count shared by concurrent tasks.
final class Counter: Sendable {
    private let count = Mutex(0)

    /// The count so far.
    var value: Int { count.withLock { $0 } }

    /// Adds one and returns the new count.
    @discardableResult
    func increment() -> Int {
        count.withLock {
            $0 += 1
            return $0
        }
    }
}
