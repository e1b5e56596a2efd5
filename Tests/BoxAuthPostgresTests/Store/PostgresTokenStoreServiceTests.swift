import BoxAuth
import BoxAuthPostgres
import BoxAuthTestSupport
import Logging
import PostgresNIO
import ServiceLifecycle
import Testing

@Suite("PostgresTokenStore as a swift-service-lifecycle Service", .enabled(if: TestDatabase.shouldRun))
struct PostgresTokenStoreServiceTests {
    @Test("a store owning its pool serves the app in a ServiceGroup, then stops on graceful shutdown")
    func ownedPool() async throws {
        let database = try await TestDatabase.create()
        let store = try PostgresTokenStore(
            clientConfiguration: try database.url.clientConfiguration(), key: PostgresStoreFixture.key,
            appSecret: PostgresStoreFixture.secret, options: PostgresStoreFixture.patient,
            logger: PostgresStoreFixture.quiet)
        let fetcher = CountingFetcher.fleet()
        let tokens = try await Self.runUntilShutdown(store: store, fetcher: fetcher)
        #expect(tokens.count == 2)
        #expect(Set(tokens).count == 1)
        #expect(fetcher.calls == 1)
        // The token went through the store's own pool into the table.
        #expect(try await database.column("SELECT count(*)::text FROM box_auth_tokens") == ["1"])
    }

    @Test("a store over the app's own PostgresClient returns from run() on graceful shutdown")
    func appPool() async throws {
        let database = try await TestDatabase.create()
        let client = PostgresClient(
            configuration: try database.url.clientConfiguration(), backgroundLogger: PostgresStoreFixture.quiet)
        let store = try PostgresTokenStore(
            client: client, key: PostgresStoreFixture.key, appSecret: PostgresStoreFixture.secret,
            options: PostgresStoreFixture.patient, logger: PostgresStoreFixture.quiet)
        let fetcher = CountingFetcher.fleet()
        let tokens = try await Self.runUntilShutdown(store: store, fetcher: fetcher, before: [client])
        #expect(tokens.count == 2)
        #expect(Set(tokens).count == 1)
        #expect(fetcher.calls == 1)
        #expect(try await database.column("SELECT count(*)::text FROM box_auth_tokens") == ["1"])
    }

    /// Runs `before`, `store` and an app using it in one `ServiceGroup`; once the app has its two
    /// tokens, triggers graceful shutdown and waits for the group (which stops the app, the store,
    /// then `before`, in reverse order).
    ///
    /// Expects the group to return without error and the store's `run()` to return rather than
    /// throw. A generous graceful-shutdown limit turns a store that never returns into a
    /// cancellation (a failure here) instead of a hung test run.
    /// - Returns: The app's two tokens' values.
    private static func runUntilShutdown(
        store: PostgresTokenStore, fetcher: CountingFetcher, before: [any Service] = []
    ) async throws -> [String] {
        let app = TokenUsingService(cache: TokenCache(fetcher: fetcher, store: store))
        let observed = ObservedService(store)
        var configuration = ServiceGroupConfiguration(
            services: (before + [observed, app]).map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            logger: PostgresStoreFixture.quiet)
        configuration.maximumGracefulShutdownDuration = .seconds(300)
        let group = ServiceGroup(configuration: configuration)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let tokens = await app.tokens.first { _ in true }
            await group.triggerGracefulShutdown()
            // group.run() returned, without error.
            try await tasks.next()
            let outcome = await observed.outcome.first { _ in true }
            #expect(throws: Never.self) { try #require(outcome).get() }
            return try #require(tokens, "the app ended before it had its tokens")
        }
    }
}

/// An app's service: gets a token twice through its `TokenCache`, reports both, then works until
/// graceful shutdown.
private struct TokenUsingService: Service {
    let cache: TokenCache
    /// The two tokens' values, once (finished without a value if getting them failed).
    let tokens: AsyncStream<[String]>
    private let continuation: AsyncStream<[String]>.Continuation

    init(cache: TokenCache) {
        self.cache = cache
        (tokens, continuation) = AsyncStream.makeStream()
    }

    func run() async throws {
        defer { continuation.finish() }
        let first = try await cache.token()
        let second = try await cache.token()
        continuation.yield([first.value, second.value])
        try await gracefulShutdown()
    }
}

/// Runs a service and reports how its `run()` ended: returned, or threw (cancelled, say).
private struct ObservedService: Service {
    let service: any Service
    /// How `run()` ended, once.
    let outcome: AsyncStream<Result<Void, any Error>>
    private let continuation: AsyncStream<Result<Void, any Error>>.Continuation

    init(_ service: any Service) {
        self.service = service
        (outcome, continuation) = AsyncStream.makeStream()
    }

    func run() async throws {
        do {
            try await service.run()
            continuation.yield(.success(()))
            continuation.finish()
        } catch {
            continuation.yield(.failure(error))
            continuation.finish()
            throw error
        }
    }
}
