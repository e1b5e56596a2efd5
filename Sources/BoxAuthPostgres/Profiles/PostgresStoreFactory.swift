public import BoxAuth
import Foundation
public import Logging

/// `"cache": "postgres"`: tokens in a PostgreSQL table shared by every machine, encrypted with the
/// app's client secret. An app registers it on the registry it resolves profiles with (the
/// `box-auth` command does):
/// ```swift
/// var registry = AuthProviderRegistry.standard
/// try registry.register(store: PostgresStoreFactory())
/// ```
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
    /// `cacheURL`, `cacheTable` (the lock timeout is the common `cacheLockTimeout`).
    public var settings: [ProviderSetting] {
        [
            ProviderSetting(
                "cacheURL", .secret,
                summary: "With \"cache\": \"postgres\": postgres://user:password@host:port/db?sslmode=verify-full."),
            ProviderSetting(
                "cacheTable", .string, default: "box_auth_tokens",
                summary: "With \"cache\": \"postgres\": the table (schema.table allowed), created on first use."),
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
        storeOptions.lockTimeout = .clampedSeconds(options.cacheLockTimeout)
        // The lock is held while Box answers a refresh: it must outlast the longest refresh, or the
        // pair Box issued could not be written.
        storeOptions.holdTimeout = PostgresTokenStore.Options.requiredHoldTimeout(for: options)
        guard storeOptions.holdTimeout <= PostgresTokenStore.Options.maximumHoldTimeout else {
            let seconds =
                2 * options.retryPolicy.longestFetch(timeout: options.timeout)
                + PostgresTokenStore.Options.holdAllowance
            throw settings.invalid(
                "retryDeadline",
                "with \"cache\": \"postgres\", a refresh under these settings (retryDeadline "
                    + "\(String(format: "%g", options.retryPolicy.deadline)) s, timeout "
                    + "\(String(format: "%g", options.timeout)) s, maxAttempts \(options.retryPolicy.maxAttempts)) "
                    + "may hold the database's lock for \(Int(seconds)) s, more than the 3600 s it may be held.",
                hint: "Lower retryDeadline (at most about 1780 s), or use maxAttempts 1 with a shorter timeout.")
        }
        storeOptions.recoveryFolder = FileTokenPairStore.defaultDirectory(environment: settings.environment)
        return PostgresProfileStores(
            url: url, options: storeOptions, environment: settings.environment,
            availability: PostgresAvailabilities.shared.availability(for: url, retryAfter: storeOptions.retryAfter),
            logger: logger)
    }
}

extension ProfileOptions.TokenCacheKind {
    /// In a PostgreSQL table shared by every machine (``PostgresStoreFactory``; needs `cacheURL`).
    public static let postgres = Self(rawValue: PostgresStoreFactory.kind)
}
