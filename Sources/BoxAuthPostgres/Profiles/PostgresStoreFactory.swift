import BoxAuth
import Logging

/// `"cache": "postgres"`: tokens in a PostgreSQL table shared by every machine, encrypted with the
/// app's client secret. Registered by `AuthProviderRegistry.standard`.
///
/// ```json
/// "service": {
///     "provider": "jwt", "configFile": "box_config.json",
///     "cache": "postgres",
///     "cacheURL": { "env": "BOX_AUTH_CACHE_URL" }
/// }
/// ```
public struct PostgresStoreFactory: TokenStoreFactory {
    /// `postgres`.
    public static let kind = "postgres"

    /// Creates the factory.
    public init() {}

    /// `postgres`.
    public var kind: String { Self.kind }
    /// One line for `box-auth providers`.
    public var summary: String { "In a PostgreSQL table shared by every machine (cacheURL), encrypted." }
    /// `cacheURL`, `cacheTable`, `cacheLockTimeout`.
    public var settings: [ProviderSetting] {
        [
            ProviderSetting(
                "cacheURL", .secret,
                summary: "With \"cache\": \"postgres\": postgres://user:password@host:port/db?sslmode=verify-full."),
            ProviderSetting(
                "cacheTable", .string, default: "box_auth_tokens",
                summary: "With \"cache\": \"postgres\": the table (schema.table allowed), created on first use."),
            ProviderSetting(
                "cacheLockTimeout", .number, default: "10",
                summary: "With \"cache\": \"postgres\": seconds to wait for another machine's refresh."),
        ]
    }
    /// Yes: tokens are encrypted with the app's secret.
    public var sharesAcrossMachines: Bool { true }

    /// Reads `cacheURL` and `cacheTable`; connects only when a token is needed.
    public func makeStores(
        settings: ProfileSettings, options: ProfileOptions, logger: Logger
    ) throws
        -> any ProfileTokenStores
    {
        guard let secret = try settings.secret("cacheURL") else {
            throw settings.missing("cacheURL", what: "'cacheURL', the PostgreSQL URL (with \"cache\": \"postgres\")")
        }
        let url: PostgresCacheURL
        do {
            url = try PostgresCacheURL(secret.exposedValue)
        } catch {
            throw settings.invalid("cacheURL", error.description)
        }
        var storeOptions = PostgresTokenStore.Options()
        if let table = try settings.string("cacheTable") {
            do { _ = try PostgresTokenTable(name: table) } catch {
                throw settings.invalid("cacheTable", error.description)
            }
            storeOptions.table = table
        }
        if let seconds = try settings.number("cacheLockTimeout") {
            guard seconds > 0, seconds <= 3600 else {
                throw settings.invalid("cacheLockTimeout", "must be more than 0 and at most 3600 seconds.")
            }
            storeOptions.lockTimeout = .milliseconds(Int64(seconds * 1000))
        }
        return PostgresProfileStores(
            url: url, options: storeOptions, environment: settings.environment,
            availability: PostgresAvailabilities.shared.availability(for: url, retryAfter: storeOptions.retryAfter),
            logger: logger)
    }
}
