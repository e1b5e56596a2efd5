import BoxAuth
import BoxAuthTestKit
import Foundation
import Synchronization
import Testing

@Suite("TokenCache")
struct TokenCacheTests {
    /// A clock the test moves by hand.
    final class ManualClock: Sendable {
        private let date = Mutex(Date(timeIntervalSince1970: 1_800_000_000))

        var now: Date { date.withLock { $0 } }

        func advance(by seconds: TimeInterval) { date.withLock { $0 = $0.addingTimeInterval(seconds) } }

        var function: @Sendable () -> Date { { self.now } }
    }

    /// Counts callers that have arrived, from any task.
    final class ArrivalCount: Sendable {
        private let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        func increment() { count.withLock { $0 += 1 } }
    }

    let clock = ManualClock()

    func makeCache(_ fetcher: CountingFetcher, refreshMargin: TimeInterval = 120) -> TokenCache {
        TokenCache(fetcher: fetcher, refreshMargin: refreshMargin, now: clock.function)
    }

    @Test("returns the cached token while it is fresh")
    func cachedWhileFresh() async throws {
        let fetcher = CountingFetcher(now: clock.function)
        let cache = makeCache(fetcher)
        let first = try await cache.token()
        #expect(first.value == "token-1")
        clock.advance(by: 3000)
        #expect(try await cache.token().value == "token-1")
        clock.advance(by: 479)  // 121 s left, still more than the 120 s margin
        #expect(try await cache.token().value == "token-1")
        #expect(fetcher.calls == 1)
        #expect(cache.fetchCount == 1)
    }

    @Test("refreshes once less than the refresh margin remains")
    func refreshesInsideMargin() async throws {
        let fetcher = CountingFetcher(now: clock.function)
        let cache = makeCache(fetcher)
        _ = try await cache.token()
        clock.advance(by: 3490)  // 110 s left
        #expect(try await cache.token().value == "token-2")
        #expect(try await cache.token().value == "token-2")
        #expect(fetcher.calls == 2)
    }

    @Test("refreshes an expired token")
    func refreshesExpired() async throws {
        let fetcher = CountingFetcher(now: clock.function)
        let cache = makeCache(fetcher, refreshMargin: 0)
        _ = try await cache.token()
        clock.advance(by: 3599)
        #expect(try await cache.token().value == "token-1")
        clock.advance(by: 1)
        #expect(try await cache.token().value == "token-2")
    }

    @Test(
        "the margin is capped at half the token's lifetime",
        arguments: [(100.0, 120.0), (60, 3600), (200, 120)] as [(TimeInterval, TimeInterval)])
    func marginCap(lifetime: TimeInterval, margin: TimeInterval) async throws {
        let fetcher = CountingFetcher(lifetime: lifetime, now: clock.function)
        let cache = makeCache(fetcher, refreshMargin: margin)
        let effective = min(margin, lifetime / 2)
        _ = try await cache.token()
        for _ in 0..<5 { _ = try await cache.token() }
        #expect(fetcher.calls == 1)
        clock.advance(by: lifetime - effective - 1)
        #expect(try await cache.token().value == "token-1")
        clock.advance(by: 2)
        #expect(try await cache.token().value == "token-2")
        #expect(fetcher.calls == 2)
    }

    @Test("100 concurrent callers on a cold cache share one fetch")
    func singleFlight() async throws {
        let fetcher = CountingFetcher(now: clock.function)
        fetcher.hold()
        let cache = makeCache(fetcher)
        let arrived = ArrivalCount()
        let values = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    arrived.increment()
                    return try await cache.token().value
                }
            }
            // Keep the one fetch waiting until every caller has arrived, then let it finish.
            while arrived.value < 100 { await Task.yield() }
            while fetcher.held < 1 { await Task.yield() }
            for _ in 0..<100 { await Task.yield() }
            fetcher.release()
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(values.count == 100)
        #expect(Set(values) == ["token-1"])
        #expect(fetcher.calls == 1)
        #expect(cache.fetchCount == 1)
    }

    @Test("concurrent callers during a refresh share one fetch too")
    func singleFlightRefresh() async throws {
        let fetcher = CountingFetcher(now: clock.function)
        let cache = makeCache(fetcher)
        _ = try await cache.token()
        clock.advance(by: 3550)
        fetcher.hold()
        let values = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 { group.addTask { try await cache.token().value } }
            while fetcher.held < 1 { await Task.yield() }
            for _ in 0..<50 { await Task.yield() }
            fetcher.release()
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(values) == ["token-2"])
        #expect(fetcher.calls == 2)
    }

    @Test("a failed fetch is not remembered: the next call fetches again")
    func failureNotRemembered() async throws {
        let fetcher = CountingFetcher(now: clock.function)
        fetcher.setFailing(true)
        let cache = makeCache(fetcher)
        await #expect(throws: CountingFetcher.Failure.self) { try await cache.token() }
        await #expect(throws: CountingFetcher.Failure.self) { try await cache.token() }
        #expect(fetcher.calls == 2)
        fetcher.setFailing(false)
        #expect(try await cache.token().value == "token-3")
        #expect(fetcher.calls == 3)
    }

    @Test("a failed refresh while the old token is unexpired returns the old token")
    func staleOnFailedRefresh() async throws {
        let fetcher = CountingFetcher(now: clock.function)
        let cache = makeCache(fetcher)
        let first = try await cache.token()
        clock.advance(by: 3550)  // 50 s left: refresh due
        fetcher.setFailing(true)
        #expect(try await cache.token() == first)
        #expect(try await cache.token() == first)
        #expect(fetcher.calls == 3)  // each call inside the margin tries again
    }

    @Test("after expiry a failed refresh throws")
    func throwsAfterExpiry() async throws {
        let fetcher = CountingFetcher(now: clock.function)
        let cache = makeCache(fetcher)
        _ = try await cache.token()
        clock.advance(by: 3600)
        fetcher.setFailing(true)
        await #expect(throws: CountingFetcher.Failure.self) { try await cache.token() }
        fetcher.setFailing(false)
        #expect(try await cache.token().value == "token-3")
    }

    @Test("invalidate drops only the matching token")
    func invalidate() async throws {
        let fetcher = CountingFetcher(now: clock.function)
        let cache = makeCache(fetcher)
        let first = try await cache.token()
        cache.invalidate(AccessToken(value: "some-other-token", expiresAt: clock.now.addingTimeInterval(3600)))
        #expect(try await cache.token() == first)
        #expect(fetcher.calls == 1)

        cache.invalidate(first)
        let second = try await cache.token()
        #expect(second.value == "token-2")
        #expect(fetcher.calls == 2)

        cache.invalidate(first)  // no longer cached: nothing happens
        #expect(try await cache.token() == second)
        #expect(fetcher.calls == 2)
    }

    @Test("the default refresh margin is 120 seconds")
    func defaultMargin() {
        #expect(TokenCache.defaultRefreshMargin == 120)
    }
}
