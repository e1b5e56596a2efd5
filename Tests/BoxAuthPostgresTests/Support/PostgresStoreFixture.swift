import BoxAuth
@testable import BoxAuthPostgres
import BoxAuthTestSupport
import Foundation
import Logging

/// One test's database and the stores ("machines") made on it.
struct PostgresStoreFixture {
    let database: TestDatabase
    static let key = ["https://api.box.com", "fleet-client", "enterprise", "1234567"]
    static let secret = Secret("fleet-client-secret")

    static func make() async throws -> PostgresStoreFixture {
        PostgresStoreFixture(database: try await TestDatabase.create())
    }

    /// A store as one machine would make it (its own availability state).
    func store(
        key: [String] = key, secret: Secret = secret, options: PostgresTokenStore.Options = patient,
        logger: Logger = quiet, metrics: TokenMetrics = TokenMetrics(), now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> PostgresTokenStore {
        try PostgresTokenStore(
            url: try database.url, key: key, appSecret: secret, options: options, logger: logger,
            metrics: metrics, now: now)
    }

    /// Options that hold on a busy machine: waiters wait for the holder however slow it is.
    static let patient = PostgresTokenStore.Options(lockTimeout: .seconds(120))

    static let quiet = Logger(label: "box-auth.test", factory: { _ in SwiftLogNoOpLogHandler() })
}

extension CountingFetcher {
    /// The fleet's token source: `fleet-token-{n}-{UUID}`, unique across the fetchers of one database.
    static func fleet() -> CountingFetcher {
        CountingFetcher(prefix: "fleet-token-", unique: true)
    }
}
