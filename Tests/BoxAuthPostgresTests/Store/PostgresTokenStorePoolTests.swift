import BoxAuth
@testable import BoxAuthPostgres
import BoxAuthTestSupport
import Foundation
import PostgresNIO
import Testing

/// A store over the app's own `PostgresClient`, whose reads of the default table are prepared
/// statements once the table exists. The stores are patient (a 120 s deadline, as the fixture's):
/// with the default 10 s, one read slowed by the whole suite's parallel load marked PostgreSQL
/// unavailable for `retryAfter` (30 s) and every later read in the test came back empty.
@Suite("PostgresTokenStore over the app's pool", .enabled(if: TestDatabase.shouldRun))
struct PostgresTokenStorePoolTests {
    @Test("reads before the table exists, then through the prepared statement; rows of other stores too")
    func readsBeforeAndAfterTheTableExists() async throws {
        try await withPool { database, client in
            let store = try PostgresTokenStore(
                client: client, key: PostgresStoreFixture.key, appSecret: PostgresStoreFixture.secret,
                options: PostgresStoreFixture.patient, logger: PostgresStoreFixture.quiet)
            // No table yet: every pooled connection reads nothing, and none remembers a failed preparation.
            for _ in 0..<4 { #expect(await store.load() as AccessToken? == nil) }
            #expect(!store.availability.hasTable(store.table.name))

            let fetcher = CountingFetcher.fleet()
            let token = try await TokenCache(fetcher: fetcher, store: store).token()
            #expect(store.availability.hasTable(store.table.name))
            // Concurrent reads spread over the pool's connections, each preparing the statement once.
            let reads = try await withThrowingTaskGroup(of: String?.self) { reads in
                for _ in 0..<16 { reads.addTask { (await store.load() as AccessToken?)?.value } }
                return try await reads.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(reads == Array(repeating: token.value, count: 16))

            // A store made later (another process's view) first reads unprepared, then prepared.
            let later = try PostgresTokenStore(
                client: client, key: PostgresStoreFixture.key, appSecret: PostgresStoreFixture.secret,
                options: PostgresStoreFixture.patient, logger: PostgresStoreFixture.quiet)
            #expect((await later.load() as AccessToken?)?.value == token.value)
            #expect(later.availability.hasTable(later.table.name))
            #expect((await later.load() as AccessToken?)?.value == token.value)

            // A row replaced by another machine is what the prepared read returns.
            let other = try PostgresStoreFixture(database: database).store()
            let replaced = try await other.token(
                logger: PostgresStoreFixture.quiet, isFresh: { _ in false }, fetch: { try await fetcher.fetchToken() })
            #expect((await store.load() as AccessToken?)?.value == replaced.value)
            #expect(fetcher.calls == 2)
        }
    }

    @Test("a table other than the default is read with unnamed statements")
    func customTable() async throws {
        try await withPool { database, client in
            let store = try PostgresTokenStore(
                client: client, key: PostgresStoreFixture.key, appSecret: PostgresStoreFixture.secret,
                options: .init(table: "tenant_tokens", lockTimeout: .seconds(120)), logger: PostgresStoreFixture.quiet)
            #expect(!store.usesPreparedRead)
            let token = try await TokenCache(fetcher: CountingFetcher.fleet(), store: store).token()
            #expect((await store.load() as AccessToken?)?.value == token.value)
            let tables = try await database.column("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")
            #expect(tables == ["tenant_tokens"])
        }
    }

    /// Runs `body` with a new database and a running pool on it, stopped after.
    private func withPool(
        _ body: (TestDatabase, PostgresClient) async throws -> Void
    ) async throws {
        let database = try await TestDatabase.create()
        let client = PostgresClient(
            configuration: try database.url.clientConfiguration(), backgroundLogger: PostgresStoreFixture.quiet)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await client.run() }
            try await body(database, client)
            group.cancelAll()
        }
    }
}
