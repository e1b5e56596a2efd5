import BoxAuth
@testable import BoxAuthPostgres
import BoxAuthTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing
import InMemoryLogging

/// Nothing waits on the database without a deadline: a table another session locked, or a server
/// that accepts connections and never answers, yields a token within `cacheLockTimeout` (one
/// warning naming PostgreSQL, the process's own token), and an OAuth 2.0 pair a typed error.
@Suite("PostgresTokenStore deadlines", .enabled(if: TestDatabase.shouldRun))
struct PostgresTokenStoreDeadlineTests {
    /// One second: the deadline of every store call in these tests.
    static let short = PostgresTokenStore.Options(lockTimeout: .seconds(1))

    static func warnings(_ log: TestLog) -> [String] {
        log.entries.filter { $0.level == .warning }.map { "\($0.message)" }
    }

    /// The fallback: a token from `fetcher` (asked once), well before a hang would end, and one
    /// warning naming PostgreSQL in `log`.
    static func expectOwnToken(
        from store: PostgresTokenStore, fetcher: CountingFetcher, log: TestLog,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let started = ContinuousClock.now
        let token = try await TokenCache(fetcher: fetcher, store: store).token()
        #expect(!token.value.isEmpty, sourceLocation: sourceLocation)
        #expect(fetcher.calls == 1, sourceLocation: sourceLocation)
        #expect(ContinuousClock.now - started < .seconds(30), sourceLocation: sourceLocation)
        let warnings = Self.warnings(log)
        #expect(warnings.count == 1, "\(warnings)", sourceLocation: sourceLocation)
        #expect(warnings.first?.contains("PostgreSQL") == true, sourceLocation: sourceLocation)
    }

    @Test("LOCK TABLE ... IN ACCESS EXCLUSIVE MODE held by another session: a token, one warning; the pair fails typed")
    func lockedTable() async throws {
        let fixture = try await PostgresStoreFixture.make()
        try await fixture.store().createTableIfNeeded()
        let log = TestLog()
        let store = try fixture.store(options: Self.short, logger: log.logger)
        let pairStore = try fixture.store(options: Self.short)
        let fetcher = CountingFetcher.fleet()
        try await fixture.database.whileHolding(["LOCK TABLE box_auth_tokens IN ACCESS EXCLUSIVE MODE"]) {
            try await Self.expectOwnToken(from: store, fetcher: fetcher, log: log)

            let loadError = await #expect(throws: PostgresStoreError.self) { try await pairStore.load() as TokenPair? }
            #expect(loadError?.category == .unavailable)
            let updateError = await #expect(throws: PostgresStoreError.self) {
                try await pairStore.update { _ in TokenPairUpdate((), change: .keep) }
            }
            #expect(updateError?.category == .unavailable)
        }
    }

    @Test("a database that accepts connections and never answers: a token, one warning; the pair fails typed")
    func stalledDatabase() async throws {
        let stalled = try StalledListener()
        defer { stalled.close() }
        let url = try PostgresCacheURL("postgres://postgres@127.0.0.1:\(stalled.port)/stalled")
        let log = TestLog()
        let store = try PostgresTokenStore(
            url: url, key: PostgresStoreFixture.key, appSecret: PostgresStoreFixture.secret, options: Self.short,
            logger: log.logger)
        let fetcher = CountingFetcher.fleet()
        try await Self.expectOwnToken(from: store, fetcher: fetcher, log: log)

        let pairStore = try PostgresTokenStore(
            url: url, key: PostgresStoreFixture.key, appSecret: PostgresStoreFixture.secret, options: Self.short,
            logger: PostgresStoreFixture.quiet)
        let error = await #expect(throws: PostgresStoreError.self) {
            try await pairStore.update { _ in TokenPairUpdate((), change: .keep) }
        }
        #expect(error?.category == .unavailable)
        #expect(error?.description.contains("127.0.0.1:\(stalled.port)") == true)
    }

    @Test(
        "the URL's connect_timeout is range-checked (1 to 3600 s), never a trap",
        arguments: ["0", "-1", "99999999999999"])
    func connectTimeoutRange(value: String) {
        #expect(throws: PostgresCacheURLError.self) {
            try PostgresCacheURL("postgres://postgres@127.0.0.1/db?connect_timeout=\(value)")
        }
    }
}
