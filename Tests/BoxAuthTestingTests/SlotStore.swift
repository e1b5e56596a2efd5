import BoxAuth
import Logging
import Synchronization

/// Stored tokens and locks shared by every handle of one name, as a file or a database row is
/// shared by the processes that open it.
final class Slots: Sendable {
    /// One name's token and lock.
    final class Slot: Sendable {
        let token = Mutex<AccessToken?>(nil)
        let lock = HandOffLock()
    }

    private let slots = Mutex<[String: Slot]>([:])

    func slot(_ name: String) -> Slot {
        slots.withLock { slots in
            if let slot = slots[name] { return slot }
            let slot = Slot()
            slots[name] = slot
            return slot
        }
    }
}

/// An async lock that hands itself to the next waiter on unlock.
final class HandOffLock: Sendable {
    private struct State {
        var locked = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func lock() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = state.withLock { state in
                if !state.locked {
                    state.locked = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    func unlock() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.locked = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}

/// A token store over a ``Slots/Slot``: correct, or with one of the flaws a store author could make.
struct SlotStore: TokenStore {
    /// What the store gets wrong.
    enum Flaw: Sendable {
        case none
        /// Fetches without the lock: callers on separate handles each fetch.
        case noLock
        /// Takes the lock even to return a fresh stored token.
        case lockedFreshRead
        /// Fetches under the lock without reading the stored token again first.
        case noRereadUnderLock
        /// `remove(_:)` drops whatever is stored, even a newer token.
        case removesAnyToken
    }

    let slot: Slots.Slot
    let flaw: Flaw

    func load() async -> AccessToken? { slot.token.withLock { $0 } }

    func token(
        logger: Logger, isFresh: (AccessToken) -> Bool, fetch: () async throws -> AccessToken
    ) async throws -> AccessToken {
        if flaw != .lockedFreshRead, let stored = await load(), isFresh(stored) { return stored }
        if flaw == .noLock { return try await fetchAndStore(fetch) }
        await slot.lock.lock()
        defer { slot.lock.unlock() }
        if flaw != .noRereadUnderLock, let stored = await load(), isFresh(stored) { return stored }
        return try await fetchAndStore(fetch)
    }

    func remove(_ token: AccessToken) {
        slot.token.withLock { stored in
            if flaw == .removesAnyToken || stored == token { stored = nil }
        }
    }

    private func fetchAndStore(_ fetch: () async throws -> AccessToken) async throws -> AccessToken {
        let token = try await fetch()
        slot.token.withLock { $0 = token }
        return token
    }
}
