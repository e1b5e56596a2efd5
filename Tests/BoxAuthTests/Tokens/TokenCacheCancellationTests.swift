import BoxAuth
import Foundation
import Synchronization
import Testing

/// A cancelled caller of ``TokenCache/token()`` stops waiting at once; the shared fetch goes on for
/// the other callers and is cancelled only when nobody waits for it.
@Suite("TokenCache cancellation")
struct TokenCacheCancellationTests {
    /// A fetcher whose fetches wait until released (for good) or cancelled, and that counts both.
    final class HeldFetcher: TokenFetcher {
        private struct State {
            var started = 0
            var cancelled = 0
            var released = false
            var waiting: [Int: CheckedContinuation<Void, Never>] = [:]
        }

        private let state = Mutex(State())

        var started: Int { state.withLock { $0.started } }
        var cancelled: Int { state.withLock { $0.cancelled } }

        /// Lets every fetch, waiting or to come, finish with a token.
        func release() {
            let waiting = state.withLock { state in
                state.released = true
                defer { state.waiting = [:] }
                return Array(state.waiting.values)
            }
            for continuation in waiting { continuation.resume() }
        }

        func fetchToken() async throws -> AccessToken {
            let number = state.withLock { state in
                state.started += 1
                return state.started
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let resumeNow = state.withLock { state in
                        if state.released || Task.isCancelled { return true }
                        state.waiting[number] = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            } onCancel: {
                let continuation = state.withLock { state in
                    state.cancelled += 1
                    return state.waiting.removeValue(forKey: number)
                }
                continuation?.resume()
            }
            try Task.checkCancellation()
            return AccessToken(value: "token-\(number)", expiresAt: Date().addingTimeInterval(3600))
        }
    }

    @Test("the only caller, cancelled, gets CancellationError and the fetch is cancelled", .timeLimit(.minutes(1)))
    func onlyCaller() async throws {
        let fetcher = HeldFetcher()
        let cache = TokenCache(fetcher: fetcher)
        let caller = Task { try await cache.token() }
        while fetcher.started == 0 { try await Task.sleep(for: .milliseconds(5)) }
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
        while fetcher.cancelled == 0 { try await Task.sleep(for: .milliseconds(5)) }

        // Nothing was cached or left in flight: the next call fetches anew.
        let next = Task { try await cache.token() }
        while fetcher.started < 2 { try await Task.sleep(for: .milliseconds(5)) }
        fetcher.release()
        #expect(try await next.value.value == "token-2")
        #expect(cache.fetchCount == 2)
    }

    @Test(
        "one of two callers cancelled: it stops waiting, the other gets the shared fetch's token",
        .timeLimit(.minutes(1)))
    func oneOfTwo() async throws {
        let fetcher = HeldFetcher()
        let cache = TokenCache(fetcher: fetcher)
        let first = Task { try await cache.token() }
        while fetcher.started == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let second = Task { try await cache.token() }
        // Wait until the second caller joined the fetch in flight before the first is cancelled.
        while cache.waitingCallers < 2 { try await Task.sleep(for: .milliseconds(5)) }
        first.cancel()
        await #expect(throws: CancellationError.self) { try await first.value }
        #expect(fetcher.cancelled == 0)
        fetcher.release()
        #expect(try await second.value.value == "token-1")
        #expect(fetcher.started == 1)
        #expect(cache.fetchCount == 1)
    }
}
