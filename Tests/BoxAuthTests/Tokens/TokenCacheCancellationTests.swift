import BoxAuth
import BoxAuthTestKit
import Foundation
import Testing

/// A cancelled caller of ``TokenCache/token()`` stops waiting at once; the shared fetch goes on for
/// the other callers and is cancelled only when nobody waits for it.
@Suite("TokenCache cancellation")
struct TokenCacheCancellationTests {
    @Test("the only caller, cancelled, gets CancellationError and the fetch is cancelled", .timeLimit(.minutes(1)))
    func onlyCaller() async throws {
        let fetcher = CountingFetcher()
        fetcher.hold()
        let cache = TokenCache(fetcher: fetcher)
        let caller = Task { try await cache.token() }
        while fetcher.calls == 0 { try await Task.sleep(for: .milliseconds(5)) }
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
        while fetcher.cancelled == 0 { try await Task.sleep(for: .milliseconds(5)) }

        // Nothing was cached or left in flight: the next call fetches anew.
        let next = Task { try await cache.token() }
        while fetcher.calls < 2 { try await Task.sleep(for: .milliseconds(5)) }
        fetcher.release()
        #expect(try await next.value.value == "token-2")
        #expect(cache.fetchCount == 2)
    }

    @Test(
        "one of two callers cancelled: it stops waiting, the other gets the shared fetch's token",
        .timeLimit(.minutes(1)))
    func oneOfTwo() async throws {
        let fetcher = CountingFetcher()
        fetcher.hold()
        let cache = TokenCache(fetcher: fetcher)
        let first = Task { try await cache.token() }
        while fetcher.calls == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let second = Task { try await cache.token() }
        // Wait until the second caller joined the fetch in flight before the first is cancelled.
        while cache.waitingCallers < 2 { try await Task.sleep(for: .milliseconds(5)) }
        first.cancel()
        await #expect(throws: CancellationError.self) { try await first.value }
        #expect(fetcher.cancelled == 0)
        fetcher.release()
        #expect(try await second.value.value == "token-1")
        #expect(fetcher.calls == 1)
        #expect(cache.fetchCount == 1)
    }
}
