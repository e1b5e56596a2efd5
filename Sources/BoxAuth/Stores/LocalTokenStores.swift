import Logging

/// The memory and file kinds' stores.
struct LocalTokenStores: ProfileTokenStores {
    let settings: ProfileSettings
    let sharesTokens: Bool

    func tokenStore(key: [String], appSecret: Secret?) -> (any TokenStore)? {
        guard sharesTokens else { return nil }
        return FileTokenStore(directory: FileTokenStore.defaultDirectory(environment: settings.environment), key: key)
    }

    func tokenPairStore(key: [String], appSecret: Secret?) -> any TokenPairStore {
        FileTokenPairStore(directory: FileTokenPairStore.defaultDirectory(environment: settings.environment), key: key)
    }
}
