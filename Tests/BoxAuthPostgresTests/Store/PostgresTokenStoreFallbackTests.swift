import BoxAuth
@testable import BoxAuthPostgres
import BoxAuthTestSupport
import Foundation
import MetricsTestKit
import PostgresNIO
import Testing
import InMemoryLogging

@Suite("PostgresTokenStore when the database fails", .enabled(if: TestDatabase.shouldRun))
struct PostgresTokenStoreFallbackTests {
    @Test("an unreachable database still yields tokens, warns once, and counts fallbacks")
    func unreachable() async throws {
        let port = try LoopbackPort.unused()
        let log = TestLog()
        let metrics = TestMetrics()
        let store = try PostgresTokenStore(
            url: try PostgresCacheURL("postgres://postgres@127.0.0.1:\(port)/none"), key: PostgresStoreFixture.key,
            appSecret: PostgresStoreFixture.secret, logger: log.logger, metrics: TokenMetrics(factory: metrics))
        let fetcher = CountingFetcher.fleet()
        let first = try await TokenCache(fetcher: fetcher, store: store).token()
        let second = try await TokenCache(fetcher: fetcher, store: store).token()
        #expect(first.value != second.value)
        #expect(fetcher.calls == 2)
        let warnings = log.entries.filter { $0.level == .warning }
        #expect(warnings.count == 1)
        #expect(warnings.first.map { "\($0.message)" }?.contains("PostgreSQL") == true)
        #expect(metrics.counterTotal(label: "box_auth_store_fallbacks_total") >= 1)
    }

    @Test("a holder past the lock timeout makes the waiter fetch its own token; token pairs fail instead")
    func lockTimeout() async throws {
        let fixture = try await PostgresStoreFixture.make()
        let metrics = TestMetrics()
        // The table is made by a patient store: only the lock wait below is meant to time out, not
        // the DDL on a busy machine.
        try await fixture.store().createTableIfNeeded()
        let options = PostgresTokenStore.Options(lockTimeout: .milliseconds(300))
        let store = try fixture.store(options: options, metrics: TokenMetrics(factory: metrics))
        let fetcher = CountingFetcher.fleet()
        // Another "machine" holds both row locks in an open transaction until the checks are done.
        try await fixture.database.withConnection { holder in
            try await holder.execute("BEGIN", logger: TestDatabase.quietLogger)
            try await holder.execute(
                "SELECT pg_advisory_xact_lock(\(store.accessKey.lockID))", logger: TestDatabase.quietLogger)
            try await holder.execute(
                "SELECT pg_advisory_xact_lock(\(store.pairKey.lockID))", logger: TestDatabase.quietLogger)
            let token = try await TokenCache(fetcher: fetcher, store: store).token()
            #expect(!token.value.isEmpty)
            #expect(fetcher.calls == 1)
            #expect(
                metrics.counterTotal(
                    label: "box_auth_store_fallbacks_total",
                    dimensions: [("store", "postgres"), ("reason", "lock-timeout")]) == 1)
            await #expect(throws: PostgresStoreError.self) {
                try await store.update { _ in TokenPairUpdate((), change: .keep) }
            }
            try await holder.execute("ROLLBACK", logger: TestDatabase.quietLogger)
        }
    }

    @Test("metrics count hits by tier, lock waits and token requests, with no secret in any label")
    func metrics() async throws {
        let fixture = try await PostgresStoreFixture.make()
        let metrics = TestMetrics()
        let factory = TokenMetrics(factory: metrics)
        let fetcher = CountingFetcher.fleet()
        let first = TokenCache(
            fetcher: fetcher, store: try fixture.store(metrics: factory), provider: "jwt", metrics: factory)
        let token = try await first.token()
        _ = try await first.token()
        let second = TokenCache(
            fetcher: fetcher, store: try fixture.store(metrics: factory), provider: "jwt", metrics: factory)
        _ = try await second.token()
        #expect(
            metrics.counterTotal(
                label: "box_auth_token_requests_total", dimensions: [("provider", "jwt"), ("outcome", "success")]) == 1)
        #expect(metrics.counterTotal(label: "box_auth_cache_hits_total", dimensions: [("tier", "memory")]) == 1)
        #expect(metrics.counterTotal(label: "box_auth_cache_hits_total", dimensions: [("tier", "postgres")]) == 1)
        #expect(metrics.counterTotal(label: "box_auth_lock_waits_total", dimensions: [("store", "postgres")]) == 1)
        #expect(try metrics.expectTimer("box_auth_token_refresh_seconds", [("provider", "jwt")]).values.count == 1)
        let labels = metrics.counters.flatMap { counter in
            [counter.label] + counter.dimensions.flatMap { [$0.0, $0.1] }
        }
        for label in labels {
            #expect(!label.contains(token.value))
            #expect(!label.contains("fleet-client-secret"))
            #expect(!label.contains("1234567"))
        }
    }
}
