@_spi(Plumbing) import BoxAuth
import BoxAuthPostgres
import Foundation

/// The warm things benchmark 10 reads from, made once per run: a provider of each stacking with a
/// token in memory, a file store holding a token, and PostgreSQL stores holding one.
actor WarmProviders {
    static let shared = WarmProviders()

    /// The table benchmark 10's PostgreSQL stores read: the default, so that reads over the pool are
    /// prepared statements (the herd has a table of its own).
    static let table = "box_auth_tokens"
    static let key = ["https://api.box.com", "bench-client", "enterprise", "1234567"]

    private var providers: [String: any AuthProvider] = [:]
    private var file: FileTokenStore?
    private var pooled: PostgresTokenStore?
    private var direct: PostgresTokenStore?

    /// A provider of the stacking `cache` (memory, file or postgres) with a token in memory; nil
    /// for postgres without a database.
    func provider(cache: String) async throws -> (any AuthProvider)? {
        if let provider = providers[cache] { return provider }
        if cache == "postgres", Fleet.databaseURL == nil { return nil }
        let fleet = try await Fleet.shared.get()
        let provider = try fleet.provider(cache: cache, cacheHome: try fleet.newMachineFolder())
        _ = try await provider.accessToken()
        providers[cache] = provider
        return provider
    }

    /// A file store in a folder of its own, holding a token.
    func fileStore() async throws -> FileTokenStore {
        if let file { return file }
        let fleet = try await Fleet.shared.get()
        let store = FileTokenStore(directory: try fleet.newMachineFolder(), key: Self.key)
        try store.save(Self.token())
        file = store
        return store
    }

    /// A store over the fleet's pool, holding a token; nil without a database.
    func pooledStore() async throws -> PostgresTokenStore? {
        if let pooled { return pooled }
        guard let client = try await Fleet.shared.get().client else { return nil }
        let store = try PostgresTokenStore(
            client: client, key: Self.key, appSecret: Secret("bench-client-secret"),
            options: .init(table: Self.table), logger: World.quietLogger)
        try await Self.seed(store)
        pooled = store
        return store
    }

    /// A store that connects for each visit (as profiles do), holding a token; nil without a database.
    func directStore() async throws -> PostgresTokenStore? {
        if let direct { return direct }
        guard let url = Fleet.databaseURL else { return nil }
        let store = try PostgresTokenStore(
            url: try PostgresCacheURL(url), key: Self.key, appSecret: Secret("bench-client-secret"),
            options: .init(table: Self.table), logger: World.quietLogger)
        try await Self.seed(store)
        direct = store
        return store
    }

    /// Writes a fresh token through `store`'s refresh path.
    private static func seed(_ store: PostgresTokenStore) async throws {
        _ = try await store.token(logger: World.quietLogger, isFresh: { _ in false }, fetch: { token() })
        guard await store.load() as AccessToken? != nil else { throw SeedFailure() }
    }

    /// A token as Box answers one: an hour to live, a 64-character value.
    private static func token() -> AccessToken {
        let now = Date()
        return AccessToken(
            value: String(repeating: "T", count: 32) + UUID().uuidString.replacingOccurrences(of: "-", with: ""),
            tokenType: "bearer", expiresAt: now.addingTimeInterval(3600), receivedAt: now, restrictedTo: [])
    }

    private struct SeedFailure: Error, CustomStringConvertible {
        var description: String { "the PostgreSQL store did not keep the seeded token" }
    }
}
