import BoxAuth
import Foundation
import Logging

/// One profile's PostgreSQL stores: access tokens behind the machine's file lock, token pairs
/// directly under the database's lock.
struct PostgresProfileStores: ProfileTokenStores {
    let url: PostgresCacheURL
    let options: PostgresTokenStore.Options
    let environment: [String: String]
    let availability: PostgresAvailability
    let logger: Logger

    func tokenStore(key: [String], appSecret: Secret?) -> (any TokenStore)? {
        guard let store = store(key: key, appSecret: appSecret) else { return nil }
        return MachineLockedTokenStore(
            shared: store, lockFile: MachineLockedTokenStore.defaultLockFile(environment: environment, key: key),
            lockTimeout: options.lockTimeout)
    }

    func tokenPairStore(key: [String], appSecret: Secret?) -> any TokenPairStore {
        if let store = store(key: key, appSecret: appSecret) { return store }
        // No secret to encrypt with: the registry refuses such profiles, so this is not reached.
        var store = FileTokenPairStore(
            directory: FileTokenPairStore.defaultDirectory(environment: environment), key: key)
        store.lockTimeout = options.lockTimeout
        return store
    }

    private func store(key: [String], appSecret: Secret?) -> PostgresTokenStore? {
        guard let appSecret, !appSecret.isEmpty else { return nil }
        do {
            return try PostgresTokenStore(
                url: url, key: key, appSecret: appSecret, options: options, availability: availability,
                logger: logger, metrics: TokenMetrics(), now: { Date() })
        } catch {
            logger.warning(
                "cannot use the PostgreSQL token cache; keeping tokens in memory", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
