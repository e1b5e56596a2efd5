/// The requests a ``EmulatorFault/stall(answeringAfter:)`` fault is holding, so that
/// ``BoxEmulator/clearFaults()`` and ``BoxEmulator/stop()`` can end them at once instead of
/// leaving a graceful shutdown waiting for them.
actor StalledRequests {
    private var waiting: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextID = 0

    /// Holds the calling request for `delay`, or until released when `delay` is nil.
    /// - Returns: Whether the stall ended early (released, or the request's task was cancelled)
    ///   rather than by its delay running out.
    nonisolated func hold(for delay: Duration?) async -> Bool {
        let endedByDelay = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await self.waitForRelease()
                return false
            }
            if let delay {
                group.addTask {
                    do {
                        try await Task.sleep(for: delay)
                        return true
                    } catch {
                        return false
                    }
                }
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        return !endedByDelay
    }

    /// Ends every stall now.
    func releaseAll() {
        let continuations = waiting.values
        waiting.removeAll()
        for continuation in continuations { continuation.resume() }
    }

    /// Waits until ``releaseAll()`` is called or the calling task is cancelled.
    private func waitForRelease() async {
        let id = nextID
        nextID += 1
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume()
                } else {
                    waiting[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.release(id) }
        }
    }

    private func release(_ id: Int) {
        waiting.removeValue(forKey: id)?.resume()
    }
}
