import BoxAuth
@testable import BoxAuthPostgres
import BoxAuthTestSupport
import Foundation
import Testing

@Suite("PostgresTokenStore shares access tokens", .enabled(if: TestDatabase.shouldRun))
struct PostgresTokenStoreTests {
    @Test("3 machines × 20 concurrent callers make one token request and share one token")
    func concurrentMachinesOneRequest() async throws {
        let fixture = try await PostgresStoreFixture.make()
        let fetcher = CountingFetcher.fleet()
        let caches = try (0..<3).map { _ in TokenCache(fetcher: fetcher, store: try fixture.store()) }
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for cache in caches {
                for _ in 0..<20 { group.addTask { try await cache.token().value } }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(fetcher.calls == 1)
        #expect(tokens.count == 1)

        // A fourth machine reads it without a request.
        let fourth = TokenCache(fetcher: fetcher, store: try fixture.store())
        #expect(try await fourth.token().value == tokens.first)
        #expect(fetcher.calls == 1)
    }

    @Test("the table holds neither the token nor the secret, only a hash of the key")
    func encryptedAtRest() async throws {
        let fixture = try await PostgresStoreFixture.make()
        let fetcher = CountingFetcher.fleet()
        let token = try await TokenCache(fetcher: fetcher, store: try fixture.store()).token()
        let dump = try await fixture.database.column(
            "SELECT concat_ws('|', encode(cache_key, 'escape'), encode(ciphertext, 'escape'), fetched_by, generation) FROM box_auth_tokens"
        )
        #expect(dump.count == 1)
        for row in dump {
            #expect(!row.contains(token.value))
            #expect(!row.contains("fleet-client-secret"))
            #expect(!row.contains("fleet-client"))
            #expect(!row.contains("1234567"))
        }
    }

    @Test("a corrupted row reads as missing and is replaced")
    func corruptedRow() async throws {
        let fixture = try await PostgresStoreFixture.make()
        let fetcher = CountingFetcher.fleet()
        _ = try await TokenCache(fetcher: fetcher, store: try fixture.store()).token()
        try await fixture.database.execute("UPDATE box_auth_tokens SET ciphertext = '\\x0102'::bytea")
        let store = try fixture.store()
        #expect(await store.load() as AccessToken? == nil)
        let replaced = try await TokenCache(fetcher: fetcher, store: store).token()
        #expect(fetcher.calls == 2)
        #expect((await store.load() as AccessToken?)?.value == replaced.value)
        let generations = try await fixture.database.column("SELECT generation::text FROM box_auth_tokens")
        #expect(generations == ["2"])
    }

    @Test("a row sealed with another app secret reads as missing")
    func otherSecretIsMissing() async throws {
        let fixture = try await PostgresStoreFixture.make()
        let fetcher = CountingFetcher.fleet()
        _ = try await TokenCache(fetcher: fetcher, store: try fixture.store(secret: Secret("old-secret"))).token()
        let rotated = try fixture.store(secret: Secret("new-secret"))
        #expect(await rotated.load() as AccessToken? == nil)
        _ = try await TokenCache(fetcher: fetcher, store: rotated).token()
        #expect(fetcher.calls == 2)
    }

    @Test("machines whose clocks disagree by most of a token's life still share it (server time)")
    func clockSkew() async throws {
        let fixture = try await PostgresStoreFixture.make()
        let fetcher = CountingFetcher.fleet()
        let token = try await TokenCache(fetcher: fetcher, store: try fixture.store()).token()
        // This machine's clock runs 55 minutes ahead: by its own clock a 60-minute token fetched
        // "now" elsewhere would look nearly expired; the row's time left comes from the server.
        let skewed: @Sendable () -> Date = { Date().addingTimeInterval(55 * 60) }
        let ahead = TokenCache(fetcher: fetcher, store: try fixture.store(now: skewed), now: skewed)
        let read = try await ahead.token()
        #expect(read.value == token.value)
        #expect(fetcher.calls == 1)
        #expect(abs(read.expiresAt.timeIntervalSince(skewed()) - 3600) < 120)
    }

    @Test("invalidating a refused token deletes the row")
    func removeDeletesRow() async throws {
        let fixture = try await PostgresStoreFixture.make()
        let fetcher = CountingFetcher.fleet()
        let store = try fixture.store()
        let cache = TokenCache(fetcher: fetcher, store: store)
        let token = try await cache.token()
        store.remove(AccessToken(value: "some-other-token", expiresAt: Date().addingTimeInterval(3600)))
        store.remove(token)
        // remove does not wait: wait for the event (the row is gone), not for a duration.
        for _ in 0..<500 {
            if try await fixture.database.column("SELECT count(*)::text FROM box_auth_tokens") == ["0"] { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try await fixture.database.column("SELECT count(*)::text FROM box_auth_tokens") == ["0"])
    }

    @Test("many stores creating the table at once all succeed")
    func manyCreators() async throws {
        let fixture = try await PostgresStoreFixture.make()
        let fetcher = CountingFetcher.fleet()
        let options = PostgresTokenStore.Options(table: "creators.box_auth_tokens", lockTimeout: .seconds(120))
        try await fixture.database.execute("CREATE SCHEMA creators")
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<12 {
                let store = try fixture.store(options: options)
                group.addTask { try await TokenCache(fetcher: fetcher, store: store).token().value }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(tokens.count == 1)
        #expect(fetcher.calls == 1)
    }

    @Test("keeps the TokenStore contracts (BoxAuthTesting)", arguments: TokenStoreConformance.Contract.allCases)
    func conformance(_ contract: TokenStoreConformance.Contract) async throws {
        let fixture = try await PostgresStoreFixture.make()
        try await TokenStoreConformance { name in try fixture.store(key: [name]) }.check(contract)
    }
}
