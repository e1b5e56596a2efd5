@_spi(Plumbing) import BoxAuth
import Foundation

/// The stores of one `"cache": "keyring"` profile: its items in one keyring, its lock files in the
/// cache and state folders of its environment.
struct KeyringStores: ProfileTokenStores {
    let keyring: any Keyring
    let environment: [String: String]
    let lockTimeout: Duration

    /// The keyring this machine has: the macOS Keychain, or the Secret Service through
    /// `secret-tool` elsewhere.
    static func system(environment: [String: String], timeout: Duration) -> any Keyring {
        #if canImport(Security)
        AppleKeychain(timeout: timeout)
        #else
        SecretServiceKeyring(environment: environment, timeout: timeout)
        #endif
    }

    func tokenStore(key: [String], appSecret: Secret?) -> (any TokenStore)? {
        var store = KeyringTokenStore(
            keyring: keyring, key: key, lockDirectory: FileTokenStore.defaultDirectory(environment: environment))
        store.lockTimeout = lockTimeout
        return store
    }

    func tokenPairStore(key: [String], appSecret: Secret?) -> any TokenPairStore {
        var store = KeyringTokenPairStore(
            keyring: keyring, key: key, stateDirectory: FileTokenPairStore.defaultDirectory(environment: environment))
        store.lockTimeout = lockTimeout
        return store
    }
}
