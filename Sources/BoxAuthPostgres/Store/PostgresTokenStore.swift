public import BoxAuth
public import Foundation
public import Logging
public import PostgresNIO
public import ServiceLifecycle

/// A token store in a PostgreSQL table, shared by every machine that uses the same app and subject:
/// the fleet makes one token request per expiry window, and an OAuth 2.0 sign-in serves every
/// machine with one refresh at a time.
///
/// - A fresh token is read without a lock (one `SELECT`).
/// - A due refresh runs in a transaction holding `pg_advisory_xact_lock` on a 64-bit hash of the
///   cache key (with `lock_timeout` and `idle_in_transaction_session_timeout` set locally): the
///   row is read again, Box is asked only if it is still due, the row is upserted, and the commit
///   releases the lock. A holder that dies releases it with its connection.
/// - Tokens are sealed with AES-256-GCM under a key derived (HKDF-SHA256) from the app's client
///   secret, the cache key as associated data; a row that does not open reads as missing.
/// - When the database cannot be reached, access tokens are fetched without it (a warning is
///   logged once per outage) and the database is tried again after ``Options/retryAfter``.
/// - Nothing waits without a deadline: every store call waits for the database (connecting,
///   reading, taking the lock, writing) at most ``Options/lockTimeout`` (`cacheLockTimeout`), and
///   the server is given the same `statement_timeout` and `lock_timeout` (on connections the store
///   makes; over the app's own pool, in the refresh transaction). Past it, an access token is
///   fetched without the database (one warning); an OAuth 2.0 pair fails with
///   ``PostgresStoreError`` (category `unavailable`), because a refresh token is never spent twice.
/// - A refresh holds the lock at most ``Options/holdTimeout``, which profiles derive from their
///   retry settings so that it always outlasts the refresh. If Box answered but the new pair cannot
///   be written, the OAuth 2.0 provider keeps it (see ``Options/recoveryFolder``).
///
/// With the app's own pool:
/// ```swift
/// let store = try PostgresTokenStore(
///     client: postgresClient, key: [baseURL, clientID, "enterprise", enterpriseID], appSecret: clientSecret)
/// let cache = TokenCache(fetcher: grant, store: store)
/// ```
/// Or owning its pool, as a swift-service-lifecycle service:
/// ```swift
/// let store = try PostgresTokenStore(
///     clientConfiguration: try PostgresCacheURL(url).clientConfiguration(), key: key, appSecret: secret)
/// let group = ServiceGroup(services: [store, app], gracefulShutdownSignals: [.sigterm], logger: logger)
/// ```
public final class PostgresTokenStore: Sendable {
    let connector: PostgresConnector
    let ownedClient: PostgresClient?
    let table: PostgresTokenTable
    let options: Options
    let cipher: TokenCipher
    let accessKey: RowKey
    let pairKey: RowKey
    let availability: PostgresAvailability
    let database: String
    let logger: Logger
    let metrics: TokenMetrics
    let now: @Sendable () -> Date
    /// The URL's explicit `connect_timeout`, when longer than the lock timeout: connecting may take it.
    let connectTimeout: Duration?

    /// A store over the app's own pool (the app runs `client.run()`).
    /// - Parameters:
    ///   - client: The pool.
    ///   - key: What the tokens belong to (base URL, client ID, subject type, subject ID); hashed
    ///     into the row's key and used as the ciphertext's associated data.
    ///   - appSecret: The app's client secret, which the encryption key is derived from.
    ///   - options: Table name, timeouts.
    ///   - logger: Receives the database-unavailable warning.
    ///   - metrics: Where hits, lock waits and fallbacks are counted.
    ///   - now: The clock (tests pass a skewed one).
    /// - Throws: ``PostgresStoreError`` for a bad table name; `TokenCipherError` if OpenSSL fails.
    public convenience init(
        client: PostgresClient, key: [String], appSecret: Secret, options: Options = Options(),
        logger: Logger = Logger(label: "box-auth.postgres"), metrics: TokenMetrics = TokenMetrics(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        try self.init(
            connector: .pool(client), ownedClient: nil, database: "the app's PostgresClient", key: key,
            appSecret: appSecret, options: options, availability: nil, logger: logger, metrics: metrics, now: now)
    }

    /// A store owning a pool made from `clientConfiguration`.
    ///
    /// > Important: Run the store (``run()``, or in a `ServiceGroup`) before using it: the pool
    /// > lends connections only while it runs.
    public convenience init(
        clientConfiguration: PostgresClient.Configuration, key: [String], appSecret: Secret,
        options: Options = Options(), logger: Logger = Logger(label: "box-auth.postgres"),
        metrics: TokenMetrics = TokenMetrics(), now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        var clientConfiguration = clientConfiguration
        clientConfiguration.options.additionalStartupParameters += Self.serverLimits(options)
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
        try self.init(
            connector: .pool(client), ownedClient: client,
            database: Self.name(
                host: clientConfiguration.host, port: clientConfiguration.port, clientConfiguration.database),
            key: key, appSecret: appSecret, options: options, availability: nil, logger: logger, metrics: metrics,
            now: now)
    }

    /// A store that opens a connection for each visit to the database and closes it after: nothing
    /// to run, nothing left open (what profiles with `"cache": "postgres"` use).
    public convenience init(
        url: PostgresCacheURL, key: [String], appSecret: Secret, options: Options = Options(),
        logger: Logger = Logger(label: "box-auth.postgres"), metrics: TokenMetrics = TokenMetrics(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        try self.init(
            url: url, key: key, appSecret: appSecret, options: options, availability: nil, logger: logger,
            metrics: metrics, now: now)
    }

    convenience init(
        url: PostgresCacheURL, key: [String], appSecret: Secret, options: Options,
        availability: PostgresAvailability?, logger: Logger, metrics: TokenMetrics,
        now: @escaping @Sendable () -> Date
    ) throws {
        var configuration = try url.connectionConfiguration()
        configuration.options.additionalStartupParameters += Self.serverLimits(options)
        try self.init(
            connector: .direct(configuration), ownedClient: nil,
            database: Self.name(host: url.host, port: url.port, url.database), key: key, appSecret: appSecret,
            options: options, availability: availability, logger: logger, metrics: metrics, now: now,
            connectTimeout: url.hasExplicitConnectTimeout ? url.connectTimeout : nil)
    }

    /// The session settings sent when connecting: no statement and no lock wait outlives the lock timeout.
    static func serverLimits(_ options: Options) -> [(String, String)] {
        let milliseconds = "\(options.lockTimeout.milliseconds)"
        return [("statement_timeout", milliseconds), ("lock_timeout", milliseconds)]
    }

    init(
        connector: PostgresConnector, ownedClient: PostgresClient?, database: String, key: [String],
        appSecret: Secret, options: Options, availability: PostgresAvailability?, logger: Logger,
        metrics: TokenMetrics, now: @escaping @Sendable () -> Date, connectTimeout: Duration? = nil
    ) throws {
        self.connector = connector
        self.ownedClient = ownedClient
        self.table = try PostgresTokenTable(name: options.table)
        self.options = options
        self.cipher = try TokenCipher(secret: appSecret)
        self.accessKey = RowKey(kind: "access-token", key: key)
        self.pairKey = RowKey(kind: "token-pair", key: key)
        self.availability = availability ?? PostgresAvailability(retryAfter: options.retryAfter)
        self.database = database
        self.logger = logger
        self.metrics = metrics
        self.now = now
        self.connectTimeout = connectTimeout
    }

    /// `host:port/database`, for messages.
    static func name(host: String?, port: Int?, _ database: String?) -> String {
        "\(host ?? "?"):\(port ?? 5432)/\(database ?? "")"
    }
}

extension PostgresTokenStore: Service {
    /// Runs the pool the store owns (``init(clientConfiguration:key:appSecret:options:logger:metrics:now:)``)
    /// until graceful shutdown or cancellation; for a store over the app's pool or direct
    /// connections, waits for graceful shutdown (there is nothing to run).
    public func run() async throws {
        if let ownedClient {
            await cancelWhenGracefulShutdown { await ownedClient.run() }
        } else {
            try await gracefulShutdown()
        }
    }
}
