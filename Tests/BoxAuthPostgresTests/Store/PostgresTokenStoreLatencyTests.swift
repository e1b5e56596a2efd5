import BoxAuth
@testable import BoxAuthPostgres
import BoxAuthTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

/// Figures, not limits: a warm read through the app's pool next to a bare `SELECT 1` on the same
/// pool. Printed for the report; the test asserts only that the reads succeed (a busy machine
/// must not fail it).
@Suite("PostgresTokenStore warm reads", .enabled(if: TestDatabase.shouldRun))
struct PostgresTokenStoreLatencyTests {
    @Test("a warm read through the app's PostgresClient, beside SELECT 1 on the same pool")
    func warmReadAgainstSelectOne() async throws {
        let database = try await TestDatabase.create()
        let client = PostgresClient(
            configuration: try database.url.clientConfiguration(), backgroundLogger: TestDatabase.quietLogger)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await client.run() }
            let store = try PostgresTokenStore(
                client: client, key: PostgresStoreFixture.key, appSecret: PostgresStoreFixture.secret,
                logger: TestDatabase.quietLogger)
            let token = try await TokenCache(fetcher: CountingFetcher(), store: store).token()
            var reads: [Duration] = []
            var selects: [Duration] = []
            for _ in 0..<300 {
                let start = ContinuousClock.now
                let read = await store.load() as AccessToken?
                reads.append(ContinuousClock.now - start)
                #expect(read?.value == token.value)
                let selectStart = ContinuousClock.now
                for try await _ in try await client.query("SELECT 1", logger: TestDatabase.quietLogger) {}
                selects.append(ContinuousClock.now - selectStart)
            }
            reads.sort()
            selects.sort()
            let ratio = Double(reads[150].components.attoseconds) / Double(max(selects[150].components.attoseconds, 1))
            print(
                "warm PostgreSQL read (decrypt included): p50 \(reads[150]), p99 \(reads[297]); "
                    + "SELECT 1 on the same pool: p50 \(selects[150]), p99 \(selects[297]); p50 ratio \(ratio)")
            group.cancelAll()
        }
    }
}
