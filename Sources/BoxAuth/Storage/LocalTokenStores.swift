import Logging

/// The memory and file kinds' stores, waiting at most the profile's `cacheLockTimeout` for
/// another process's lock.
struct LocalTokenStores: ProfileTokenStores {
    let settings: ProfileSettings
    let options: ProfileOptions
    let sharesTokens: Bool

    func tokenStore(key: [String], appSecret: Secret?) -> (any TokenStore)? {
        guard sharesTokens else { return nil }
        var store = FileTokenStore(
            directory: FileTokenStore.defaultDirectory(environment: settings.environment), key: key)
        store.lockTimeout = .clampedSeconds(options.cacheLockTimeout)
        return store
    }

    func tokenPairStore(key: [String], appSecret: Secret?) -> any TokenPairStore {
        var store = FileTokenPairStore(
            directory: FileTokenPairStore.defaultDirectory(environment: settings.environment), key: key)
        store.lockTimeout = .clampedSeconds(options.cacheLockTimeout)
        return store
    }
}
